"""Pagination follows exactly what the server's Link header says."""

from __future__ import annotations

import json

import pytest

from mastodon import AttribAccessList, MastodonError, MastodonIllegalArgumentError, MastodonInternalServerError
from mastodon._results import pagination_info
from tests.data import entities as data
from tests.helpers import TOKEN, make_api


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


def test_pagination_never_leaves_the_instance(api, expect) -> None:
    page = AttribAccessList([])
    page._pagination_next = pagination_info("https://evil.example:8443/api/v1/timelines/home?max_id=1", "GET")
    call = expect("GET", "/api/v1/timelines/home", [], query={"max_id": "1"})
    assert api.fetch_next(page) == []  # the path and query, on the client's own instance
    assert call.headers["Authorization"] == "Bearer " + TOKEN
    assert api.fetch_next(AttribAccessList([])) is None
    with pytest.raises(MastodonError):
        api.get_pagination_info([], "sideways")
    with pytest.raises(MastodonIllegalArgumentError, match="_pagination_endpoint"):
        api.fetch_next({"_pagination_url": "", "max_id": 1})


def test_an_instance_under_a_path_prefix_keeps_it(base_url, expect) -> None:
    api = make_api(base_url + "/social")
    for link_path in ("/api/v1/timelines/home", "/social/api/v1/timelines/home"):
        expect(
            "GET",
            "/social/api/v1/timelines/home",
            [data.status(id="5")],
            headers={"Link": f'<https://proxy.example{link_path}?max_id=5>; rel="next"'},
        )
        page = api.timeline_home()
        expect("GET", "/social/api/v1/timelines/home", [], query={"max_id": "5"})
        assert api.fetch_next(page) == []


def test_parameters_the_link_leaves_out_are_kept(api, base_url, expect) -> None:
    # Mastodon's links for grouped notifications drop expand_accounts and types[].
    path = "/api/v2/notifications"
    answer = {"accounts": [], "statuses": [], "notification_groups": []}
    first = expect(
        "GET", path, answer, headers={"Link": f'<{base_url}{path}?max_id=90&limit=5>; rel="next", <{base_url}{path}?min_id=99>; rel="prev"'}
    )
    page = api.grouped_notifications(limit=5, types=["mention", "favourite"], expand_accounts="full", since_id=10)
    kept = [("limit", "5"), ("types[]", "mention"), ("types[]", "favourite"), ("expand_accounts", "full")]
    assert first.query == [("since_id", "10"), *kept]
    following = expect("GET", path, answer)
    api.fetch_next(page)
    # The link's own parameters first, as sent; then what it left out; never the request's bound.
    assert following.query == [("max_id", "90"), *kept]
    earlier = expect("GET", path, answer)
    api.fetch_previous(page)
    assert earlier.query == [("min_id", "99"), *kept]


def test_pagination_info_restored_from_json_is_followed(api, base_url, expect) -> None:
    path = "/api/v1/timelines/home"
    expect("GET", path, [data.status(id="9")], headers={"Link": f'<{base_url}{path}?max_id=9>; rel="next"'})
    page = api.timeline_home(limit=1)
    restored = json.loads(json.dumps(page._pagination_next))  # e.g. kept in a file between runs
    assert type(restored) is dict
    call = expect("GET", path, [data.status(id="8")], query={"max_id": "9", "limit": "1"})
    assert api.fetch_next(restored)[0].id == 8
    # A page restored as plain JSON with its pagination as a key, as 2.x reads it.
    call = expect("GET", path, [], query={"max_id": "9", "limit": "1"})
    assert api.fetch_next({"_pagination_next": restored}) == []
    # ... and through to_json/from_json, pagination included.
    again = AttribAccessList.from_json(page.to_json())
    call = expect("GET", path, [], query={"max_id": "9", "limit": "1"})
    assert api.fetch_next(again) == [] and call.received


def test_classic_pagination_info_without_a_url_is_followed(api, expect) -> None:
    # Mastodon.py 1.x kept the first request's parameters, the new bound and the endpoint.
    classic = {
        "exclude_types[]": ["follow", "reblog"],
        "limit": 2,
        "only_media": "1",
        "max_id": 34975535,
        "_pagination_method": "GET",
        "_pagination_endpoint": "/api/v1/notifications",
    }
    call = expect("GET", "/api/v1/notifications", [])
    assert api.fetch_next(classic) == []
    assert sorted(call.query) == sorted(
        [("exclude_types[]", "follow"), ("exclude_types[]", "reblog"), ("limit", "2"), ("only_media", "1"), ("max_id", "34975535")]
    )
    # 2.x adds its type name, which is not a parameter; fetch_remaining takes the info too.
    call = expect("GET", "/api/v1/notifications", [])
    assert api.fetch_remaining({**classic, "_mastopy_type": "PaginatableList[Notification]"}) == []
    assert ("_mastopy_type" not in dict(call.query)) and ("max_id", "34975535") in call.query


def test_a_page_mastodon_py_2_saved_is_continued(api, expect) -> None:
    from tests.test_results import MASTOPY_2_PAGE

    page = AttribAccessList.from_json(MASTOPY_2_PAGE)
    call = expect("GET", "/api/v1/timelines/home", [data.status(id="103270115826040000")])
    assert api.fetch_next(page)[0].id == 103270115826040000
    assert sorted(call.query) == [("limit", "1"), ("max_id", "103270115826048975")]


def test_a_proxy_spelled_base_url_pages_through_a_local_instance(mastodon_instance) -> None:
    # The instance's links name 127.0.0.1; this client knows it as localhost.
    alice = mastodon_instance.create_user("alice")
    for n in range(5):
        alice.status_post(f"post {n}")
    via_proxy = make_api(mastodon_instance.url.replace("127.0.0.1", "localhost"), access_token=alice.access_token)
    first = via_proxy.account_statuses(alice.me(), limit=2)
    assert "127.0.0.1" in first._pagination_next["_pagination_url"]
    everything = via_proxy.fetch_remaining(first)
    assert [s.content for s in everything] == [f"<p>post {n}</p>" for n in (4, 3, 2, 1, 0)]
