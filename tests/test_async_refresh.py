"""Asynchronous refreshes: reading the header, polling, waiting and re-fetching."""

from __future__ import annotations

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError, async_refresh
from mastodon.async_refresh import parse_async_refresh_header
from mastodon.types import AttribAccessDict
from tests.data import entities
from tests.data import filters as data

REFRESH_ID = "ImNvbnRleHQ6MTEzNjQwNTczMzAzNzg1MTc4OnJlZnJlc2gi--c526259eb4a1f3ef0d4b91cf8c99bf501330a815"
STATUS_PATH = f"/api/v1_alpha/async_refreshes/{REFRESH_ID}"
CONTEXT_PATH = "/api/v1/statuses/113640573303785178/context"


class Refreshable(AttribAccessDict):
    """A result carrying refresh information, as the core would attach it."""

    __slots__ = ("_async_refresh",)


def context_result(base_url: str, **refresh) -> Refreshable:
    result = Refreshable(ancestors=[], descendants=[])
    result._async_refresh = {
        "id": REFRESH_ID,
        "retry": 3,
        "result_count": 0,
        "method": "GET",
        "url": f"{base_url}{CONTEXT_PATH}?limit=5",
        **refresh,
    }
    return result


# -- the header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (f'id="{REFRESH_ID}", retry=3, result_count=2', {"id": REFRESH_ID, "retry": 3, "result_count": 2}),
        ('id="abc",retry=10', {"id": "abc", "retry": 10}),
        ('retry=5, id="a\\"b"', {"id": 'a"b', "retry": 5}),
        ("id=plain, retry=soon", {"id": "plain", "retry": async_refresh.DEFAULT_RETRY}),
    ],
)
def test_parse_header(value, expected):
    assert parse_async_refresh_header(value) == expected


@pytest.mark.parametrize("value", ["", "retry=3", 'id="", retry=3', "garbage"])
def test_parse_header_without_id(value):
    assert parse_async_refresh_header(value) is None


# -- info and status ----------------------------------------------------------------------------


def test_get_async_refresh_info_from_result_header(api):
    result = Refreshable(ancestors=[])
    result._async_refresh = f'id="{REFRESH_ID}", retry=4, result_count=2'
    refresh, retry = api.get_async_refresh_info(result)
    assert refresh == {"id": REFRESH_ID, "status": "running", "result_count": 2}
    assert retry == 4 and refresh.status == "running"


def test_get_async_refresh_info_from_header_string(api):
    refresh, retry = api.get_async_refresh_info('id="xyz", retry=2')
    assert refresh == {"id": "xyz", "status": "running"} and retry == 2


def test_get_async_refresh_info_none_without_refresh(api):
    assert api.get_async_refresh_info(AttribAccessDict(ancestors=[])) is None
    assert api.get_async_refresh_info(entities.status()) is None


def test_get_async_refresh_info_rejects_info_without_id(api):
    result = Refreshable()
    result._async_refresh = {"retry": 3}
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.get_async_refresh_info(result)


def test_get_async_refresh_status_by_id(api, expect):
    call = expect("GET", STATUS_PATH, data.async_refresh())
    result = api.get_async_refresh_status(REFRESH_ID)
    assert call.query == []
    assert result == {"id": REFRESH_ID, "status": "running", "result_count": 2}
    assert result.status == "running"


def test_get_async_refresh_status_from_result_and_entity(api, expect, base_url):
    expect("GET", STATUS_PATH, data.async_refresh(status="finished"))
    expect("GET", STATUS_PATH, data.async_refresh(status="finished"))
    assert api.get_async_refresh_status(context_result(base_url)).status == "finished"
    refresh, _ = api.get_async_refresh_info(context_result(base_url))
    assert api.get_async_refresh_status(refresh).status == "finished"


def test_get_async_refresh_status_unknown(api, expect):
    expect("GET", "/api/v1_alpha/async_refreshes/gone", {"error": "Not Found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.get_async_refresh_status("gone")


@pytest.mark.parametrize("value", [None, "", {"status": "running"}, 2.5])
def test_get_async_refresh_status_rejects_bad_input(api, value):
    with pytest.raises(MastodonIllegalArgumentError, match="result_or_id"):
        api.get_async_refresh_status(value)


# -- waiting ---------------------------------------------------------------------------------------


def test_await_polls_with_server_hint_then_refetches(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh(status="running", result_count=1))
    expect("GET", STATUS_PATH, data.async_refresh(status="finished", result_count=3))
    refetch = expect("GET", CONTEXT_PATH, {"ancestors": [], "descendants": [entities.status(id="113640573303785179")]})
    fresh = api.await_async_refresh(context_result(base_url))
    assert clock.sleeps == [3, 3]
    assert refetch.query == [("limit", "5")]
    assert fresh.descendants[0].id == 113640573303785179


def test_await_uses_given_poll_interval(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh(status="finished"))
    expect("GET", CONTEXT_PATH, {"ancestors": [], "descendants": []})
    api.await_async_refresh(context_result(base_url), poll_interval=0.25)
    assert clock.sleeps == [0.25]


def test_await_gives_up_at_timeout(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh())
    expect("GET", STATUS_PATH, data.async_refresh())
    assert api.await_async_refresh(context_result(base_url), timeout=5) is None
    assert clock.sleeps == [3, 2]


def test_await_gives_up_after_max_attempts(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh())
    expect("GET", STATUS_PATH, data.async_refresh())
    assert api.await_async_refresh(context_result(base_url), max_attempts=2, poll_interval=1) is None
    assert clock.sleeps == [1, 1]


def test_await_skips_refetch_when_nothing_new(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh(status="finished", result_count=0))
    original = context_result(base_url)
    assert api.await_async_refresh(original) is original


def test_await_does_not_repeat_other_methods(api, expect, base_url, clock):
    expect("GET", STATUS_PATH, data.async_refresh(status="finished"))
    original = context_result(base_url, method="POST")
    assert api.await_async_refresh(original) is original


def test_await_returns_result_without_refresh_at_once(api, clock):
    plain = AttribAccessDict(ancestors=[])
    assert api.await_async_refresh(plain) is plain
    assert clock.sleeps == []


def test_await_really_sleeps_briefly(api, expect, base_url):
    expect("GET", STATUS_PATH, data.async_refresh(status="finished"))
    expect("GET", CONTEXT_PATH, {"ancestors": [], "descendants": []})
    assert api.await_async_refresh(context_result(base_url), poll_interval=0.001) == {"ancestors": [], "descendants": []}


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"timeout": -1}, "timeout"),
        ({"timeout": "5"}, "timeout"),
        ({"max_attempts": 1.5}, "max_attempts"),
        ({"poll_interval": 0}, "poll_interval"),
        ({"poll_interval": -0.5}, "poll_interval"),
    ],
)
def test_await_rejects_bad_arguments(api, base_url, kwargs, word, clock):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.await_async_refresh(context_result(base_url), **kwargs)


def test_await_needs_the_request_to_repeat(api, clock):
    result = Refreshable()
    result._async_refresh = f'id="{REFRESH_ID}", retry=3'
    with pytest.raises(MastodonIllegalArgumentError, match="request to repeat"):
        api.await_async_refresh(result)
    with pytest.raises(MastodonIllegalArgumentError, match="result"):
        api.await_async_refresh(f'id="{REFRESH_ID}"')
    assert clock.sleeps == []
