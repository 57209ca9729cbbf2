"""Hashtags: lookup, following, featuring."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from mastodon.types import AttribAccessDict
from tests.data import filters as data


def test_tag(api, expect):
    call = expect("GET", "/api/v1/tags/Caturday", data.tag())
    result = api.tag("Caturday")
    assert call.query == []
    assert result.id == 802 and result.following is False
    assert result.history[3].uses == 1 and result.history[3].accounts == 1
    assert result.history[0].day == datetime(2022, 11, 16, tzinfo=timezone.utc)


def test_tag_accepts_a_tag_entity(api, expect):
    expect("GET", "/api/v1/tags/caturday", data.tag())
    assert api.tag(AttribAccessDict(id=802, name="caturday")).name == "Caturday"


def test_tag_name_with_non_ascii_letters(api, expect):
    expect("GET", "/api/v1/tags/café", data.tag(name="café"))
    assert api.tag("café").name == "café"


def test_tag_follow(api, expect):
    call = expect("POST", "/api/v1/tags/Caturday/follow", data.tag(following=True))
    result = api.tag_follow("Caturday")
    assert call.form == []
    assert result.following is True


def test_tag_unfollow(api, expect):
    expect("POST", "/api/v1/tags/Caturday/unfollow", data.tag())
    assert api.tag_unfollow(" Caturday ").following is False


def test_tag_feature(api, expect):
    expect("POST", "/api/v1/tags/Test/feature", data.tag(name="Test", featured=True))
    assert api.tag_feature("Test").featured is True


def test_tag_unfeature(api, expect):
    expect("POST", "/api/v1/tags/Test/unfeature", data.tag(name="Test"))
    assert api.tag_unfeature({"name": "Test"}).featured is False


@pytest.mark.parametrize("method", ["tag", "tag_follow", "tag_unfollow", "tag_feature", "tag_unfeature"])
@pytest.mark.parametrize("value", ["", "#", "   ", None, 42, {"id": 5}])
def test_tag_calls_reject_bad_names(api, method, value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"hashtag|name"):
        getattr(api, method)(value)


def test_followed_tags(api, expect):
    call = expect("GET", "/api/v1/followed_tags", [data.tag(following=True)])
    result = api.followed_tags(limit=1, max_id="2")
    assert call.query == [("max_id", "2"), ("limit", "1")]
    assert result[0].following is True and result[0].id == 802


def test_followed_tags_datetime_bound(api, expect):
    call = expect("GET", "/api/v1/followed_tags", [])
    moment = datetime(2022, 11, 16, tzinfo=timezone.utc)
    api.followed_tags(since_id=moment)
    assert call.query == [("since_id", str(int(moment.timestamp() * 1000) << 16))]


def test_followed_tags_fetch_next_follows_link(api, expect, base_url):
    link = (
        f'<{base_url}/api/v1/followed_tags?limit=1&max_id=2>; rel="next", <{base_url}/api/v1/followed_tags?limit=1&since_id=2>; rel="prev"'
    )
    expect("GET", "/api/v1/followed_tags", [data.tag()], headers={"Link": link})
    second = expect("GET", "/api/v1/followed_tags", [data.tag(id="803", name="Dogday")])
    first_page = api.followed_tags(limit=1)
    next_page = api.fetch_next(first_page)
    assert second.query == [("limit", "1"), ("max_id", "2")]
    assert [t.name for t in next_page] == ["Dogday"]


@pytest.mark.parametrize("limit", ["ten", True, 2.5, [10]])
def test_followed_tags_rejects_bad_limit(api, limit):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.followed_tags(limit=limit)


def test_followed_tags_limit_as_text_and_out_of_range(api, expect):
    first = expect("GET", "/api/v1/followed_tags", [])
    second = expect("GET", "/api/v1/followed_tags", [])
    api.followed_tags(limit="10")
    api.followed_tags(limit=0)
    assert first.query == [("limit", "10")]
    assert second.query == [("limit", "0")]


def test_featured_tags(api, expect):
    expect("GET", "/api/v1/featured_tags", [data.featured_tag()])
    result = api.featured_tags()
    assert result[0].id == 627 and result[0].statuses_count == 70
    assert result[0].last_status_at == datetime(2022, 8, 29, 12, 3, 35, 61000, tzinfo=timezone.utc)


def test_featured_tag_create(api, expect):
    call = expect("POST", "/api/v1/featured_tags", data.featured_tag(id="13174", name="circasurvive"))
    result = api.featured_tag_create("circasurvive")
    assert call.form == [("name", "circasurvive")]
    assert result.id == 13174


@pytest.mark.parametrize("name", ["#circasurvive", "#", None])
def test_featured_tag_create_rejects_bad_names(api, name):
    with pytest.raises(MastodonIllegalArgumentError, match="name"):
        api.featured_tag_create(name)


def test_featured_tag_delete(api, expect):
    call = expect("DELETE", "/api/v1/featured_tags/13174", {})
    assert api.featured_tag_delete(data.featured_tag(id="13174")) is None
    assert call.query == []


def test_featured_tag_suggestions(api, expect):
    expect("GET", "/api/v1/featured_tags/suggestions", [data.tag(id="4325", name="nowplaying")])
    result = api.featured_tag_suggestions()
    assert result[0].name == "nowplaying" and result[0].id == 4325
