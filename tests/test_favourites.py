"""Favourited and bookmarked statuses."""

from __future__ import annotations

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import accounts as data


@pytest.mark.parametrize(("method", "path"), [("favourites", "/api/v1/favourites"), ("bookmarks", "/api/v1/bookmarks")])
def test_page_and_fetch_next(api, expect, base_url, method, path):
    first = expect(
        "GET",
        path,
        [data.status(favourited=True, bookmarked=True)],
        headers={"Link": f'<{base_url}{path}?max_id=4242>; rel="next", <{base_url}{path}?min_id=4300>; rel="prev"'},
    )
    second = expect("GET", path, [data.status(id="103270115826040000")], query={"max_id": "4242", "limit": "20"})
    page = getattr(api, method)(limit=20)
    assert first.query == [("limit", "20")]
    assert page[0].id == 103270115826048975 and page[0].created_at.tzinfo is not None
    assert page._pagination_prev.min_id == 4300
    older = api.fetch_next(page)
    assert second.query == [("max_id", "4242"), ("limit", "20")]
    assert older[0].id == 103270115826040000


def test_favourites_bounds_accept_dicts(api, expect):
    call = expect("GET", "/api/v1/favourites", [])
    api.favourites(max_id={"id": "10"}, min_id=2, since_id="1")
    assert call.query == [("max_id", "10"), ("min_id", "2"), ("since_id", "1")]


@pytest.mark.parametrize("method", ["favourites", "bookmarks"])
def test_bad_bounds(api, method):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        getattr(api, method)(limit=1.5)
    with pytest.raises(MastodonIllegalArgumentError, match="max_id"):
        getattr(api, method)(max_id=[1])
