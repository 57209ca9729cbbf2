"""Pagination follows exactly what the server's Link header says."""

from __future__ import annotations

import pytest

from mastodon import AttribAccessList, MastodonError, MastodonIllegalArgumentError, MastodonInternalServerError
from tests.data import entities as data
from tests.helpers import make_api


def link(base_url: str, path: str, next_q: str | None, prev_q: str | None) -> dict[str, str]:
    parts = []
    if next_q:
        parts.append(f'<{base_url}{path}?{next_q}>; rel="next"')
    if prev_q:
        parts.append(f'<{base_url}{path}?{prev_q}>; rel="prev"')
    return {"Link": ", ".join(parts)}


def test_link_header_is_stored_on_first_and_last_item(api, base_url, expect) -> None:
    expect(
        "GET",
        "/api/v1/timelines/home",
        [data.status(id="3"), data.status(id="2")],
        headers=link(base_url, "/api/v1/timelines/home", "max_id=2", "min_id=3"),
    )
    page = api._get("/api/v1/timelines/home", returns=AttribAccessList)
    assert page[-1]._pagination_next.max_id == 2
    assert page[0]._pagination_prev.min_id == 3
    assert "_pagination_next" not in page[-1]  # attribute only, not a key
    assert page._pagination_next == page[-1]._pagination_next

    nxt = expect("GET", "/api/v1/timelines/home", [data.status(id="1")], query={"max_id": "2"})
    assert api.fetch_next(page)[0].id == 1
    assert nxt.query == [("max_id", "2")]
    prv = expect("GET", "/api/v1/timelines/home", [data.status(id="4")], query={"min_id": "3"})
    assert api.fetch_previous(page)[0].id == 4
    assert prv.query == [("min_id", "3")]


def test_non_numeric_ids_and_extra_params_are_followed_verbatim(api, base_url, expect) -> None:
    target = "max_id=9Xz_AbC&local=true&limit=2"
    expect("GET", "/api/v1/timelines/public", [data.status(id="9Xz_AbD")], headers=link(base_url, "/api/v1/timelines/public", target, None))
    page = api._get("/api/v1/timelines/public", returns=AttribAccessList)
    call = expect("GET", "/api/v1/timelines/public", [])
    assert api.fetch_next(page) == []
    assert call.query == [("max_id", "9Xz_AbC"), ("local", "true"), ("limit", "2")]
    assert api.fetch_previous(page) is None


def test_fetch_remaining_collects_every_page(api, base_url, expect) -> None:
    path = "/api/v1/favourites"
    expect("GET", path, [data.status(id="6"), data.status(id="5")], headers=link(base_url, path, "max_id=5", None))
    first = api._get(path, returns=AttribAccessList)
    expect("GET", path, [data.status(id="4"), data.status(id="3")], headers=link(base_url, path, "max_id=3", None), query={"max_id": "5"})
    expect("GET", path, [data.status(id="2")], headers=link(base_url, path, "max_id=2", None), query={"max_id": "3"})
    expect("GET", path, [], query={"max_id": "2"})
    everything = api.fetch_remaining(first)
    assert [s.id for s in everything] == [6, 5, 4, 3, 2]


def test_fetch_remaining_failure_keeps_what_was_fetched(base_url, expect) -> None:
    api = make_api(base_url, max_retries=0)
    path = "/api/v1/bookmarks"
    expect("GET", path, [data.status(id="6")], headers=link(base_url, path, "max_id=6", None))
    first = api._get(path, returns=AttribAccessList)
    expect("GET", path, [data.status(id="5")], headers=link(base_url, path, "max_id=5", None), query={"max_id": "6"})
    expect("GET", path, {"error": "boom"}, status=500, query={"max_id": "5"})
    with pytest.raises(MastodonInternalServerError) as info:
        api.fetch_remaining(first)
    assert [s.id for s in info.value.items] == [6, 5]  # type: ignore[attr-defined]
    assert info.value.next_page.max_id == 5  # type: ignore[attr-defined]
    expect("GET", path, [], query={"max_id": "5"})
    assert api.fetch_next(info.value.next_page) == []  # type: ignore[attr-defined]


def test_iterators(api, base_url, expect) -> None:
    path = "/api/v1/blocks"
    expect("GET", path, [data.account(id="2")], headers=link(base_url, path, "max_id=2", None))
    first = api._get(path, returns=AttribAccessList)
    expect("GET", path, [data.account(id="1")], query={"max_id": "2"})
    assert [a.id for a in api.pagination_iterator(first)] == [2, 1]


def test_pagination_never_leaves_the_instance(api) -> None:
    page = AttribAccessList([])
    from mastodon._results import pagination_info

    page._pagination_next = pagination_info("https://evil.example/api/v1/timelines/home?max_id=1", "GET")
    with pytest.raises(MastodonIllegalArgumentError, match="another host"):
        api.fetch_next(page)
    assert api.fetch_next(AttribAccessList([])) is None
    with pytest.raises(MastodonError):
        api.get_pagination_info([], "sideways")
