"""Search v1 and v2, and the version-dispatching search()."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from tests.data import timelines as data
from tests.helpers import make_api


def test_search_uses_v2(api, expect):
    call = expect("GET", "/api/v2/search", data.search_v2())
    result = api.search("cats")
    assert call.query == [("q", "cats"), ("resolve", "true"), ("exclude_unreviewed", "true")]
    assert result.accounts[0].id == 180744
    assert result.statuses[0].created_at == datetime(2019, 11, 5, 13, 23, 9, tzinfo=timezone.utc)
    tag = result.hashtags[0]
    assert tag.name == "cats" and tag.id == 205
    assert tag.history[0].uses == 10 and tag.history[0].accounts == 9
    assert tag.history[0].day == datetime(2019, 11, 24, tzinfo=timezone.utc)


def test_search_v2_all_parameters(api, expect):
    call = expect("GET", "/api/v2/search", data.search_v2(accounts=[], hashtags=[]))
    api.search_v2(
        "cats never change",
        resolve=False,
        result_type="statuses",
        account_id={"id": "1"},
        offset=0,
        min_id=10,
        max_id="20",
        exclude_unreviewed=False,
        limit=5,
    )
    assert call.query == [
        ("q", "cats never change"),
        ("resolve", "false"),
        ("type", "statuses"),
        ("account_id", "1"),
        ("offset", "0"),
        ("min_id", "10"),
        ("max_id", "20"),
        ("exclude_unreviewed", "false"),
        ("limit", "5"),
    ]


def test_search_on_old_server_uses_v1(base_url, expect):
    old = make_api(base_url, mastodon_version="2.3.0")
    call = expect("GET", "/api/v1/search", data.search_v1())
    result = old.search("cats")
    assert call.query == [("q", "cats"), ("resolve", "true")]
    assert result.hashtags == ["cats", "catsofmastodon"]
    assert result.accounts[0].acct == "catstodon"


def test_search_on_old_server_refuses_v2_parameters(base_url, expect):
    old = make_api(base_url, mastodon_version="2.3.0")
    with pytest.raises(MastodonVersionError, match="result_type"):
        old.search("cats", result_type="accounts")


def test_search_v1(api, expect):
    call = expect("GET", "/api/v1/search", data.search_v1())
    api.search_v1("cats")
    assert call.query == [("q", "cats"), ("resolve", "false")]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"q": None}, "q"),
        ({"q": "cats", "result_type": "toots"}, "result_type"),
        ({"q": "cats", "offset": "first"}, "offset"),
        ({"q": "cats", "limit": 2.5}, "limit"),
        ({"q": "cats", "resolve": "no"}, "resolve"),
    ],
)
def test_search_v2_rejects_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.search_v2(**kwargs)


def test_search_v2_takes_what_the_classic_client_took(api, expect):
    call = expect("GET", "/api/v2/search", data.search_v2())
    api.search_v2("", resolve="false", result_type="Hashtags", offset="-1", exclude_unreviewed=0, limit="0")
    assert call.query == [
        ("q", ""),
        ("resolve", "false"),
        ("type", "hashtags"),
        ("offset", "-1"),
        ("exclude_unreviewed", "false"),
        ("limit", "0"),
    ]
