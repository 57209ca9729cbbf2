"""Trending tags, statuses and links."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import entities
from tests.data import timelines as data
from tests.helpers import make_api


def test_trending_tags(api, expect):
    call = expect("GET", "/api/v1/trends/tags", [data.tag(), data.tag(id="695", name="SaveDotOrg")])
    result = api.trending_tags(limit=2, offset=10, lang="de")
    assert call.query == [("limit", "2"), ("offset", "10"), ("lang", "de")]
    assert [t.name for t in result] == ["hola", "SaveDotOrg"]
    day = result[0].history[0]
    assert day.day == datetime(2019, 11, 26, tzinfo=timezone.utc)
    assert day.uses == 13 and day.accounts == 10


def test_trends_is_trending_tags(api, expect):
    call = expect("GET", "/api/v1/trends/tags", [data.tag()])
    assert api.trends(limit=1)[0].id == 201
    assert call.query == [("limit", "1")]


def test_trends_on_old_server_uses_old_path(base_url, expect):
    old = make_api(base_url, mastodon_version="3.0.0")
    call = expect("GET", "/api/v1/trends", [data.tag()])
    assert old.trends()[0].name == "hola"
    assert call.query == []


def test_trending_statuses(api, expect):
    call = expect("GET", "/api/v1/trends/statuses", [entities.status(id="108910940413327534")])
    result = api.trending_statuses()
    assert call.query == []
    assert result[0].id == 108910940413327534 and result[0].account.id == 1


def test_trending_links(api, expect):
    call = expect("GET", "/api/v1/trends/links", [data.trending_link()])
    result = api.trending_links(offset=0)
    assert call.query == [("offset", "0")]
    link = result[0]
    assert link.type == "link" and link.width == 400
    assert link.history[1].uses == 23
    assert link.history[0].day == datetime(2022, 8, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("kwargs", "name"), [({"limit": "ten"}, "limit"), ({"offset": 1.5}, "offset"), ({"lang": 5}, "lang")])
def test_trending_rejects_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.trending_statuses(**kwargs)


def test_trending_takes_numbers_as_text(api, expect):
    call = expect("GET", "/api/v1/trends/statuses", [])
    api.trending_statuses(limit="0", offset="-1", lang="")
    assert call.query == [("limit", "0"), ("offset", "-1"), ("lang", "")]
