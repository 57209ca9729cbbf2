"""Follow suggestions and endorsements."""

from __future__ import annotations

import pytest

from mastodon import AttribAccessList, MastodonIllegalArgumentError
from tests.data import accounts as data
from tests.helpers import make_api


def test_suggestions_uses_v2_on_new_servers_and_returns_accounts(api, expect):
    # As in both classic clients: accounts, whatever the endpoint asked.
    call = expect("GET", "/api/v2/suggestions", [data.suggestion(), {"id": "7", "acct": "bare@example.social"}])
    result = api.suggestions()
    assert call.query == []
    assert isinstance(result, AttribAccessList) and len(result) == 2
    assert result[0].id == 109031732217496096 and result[0].acct == data.suggestion()["account"]["acct"]
    assert "sources" not in result[0]
    assert result[1] == {"id": 7, "acct": "bare@example.social"}  # a server sending accounts: kept as they are


def test_suggestions_uses_v1_on_old_servers(base_url, expect):
    old = make_api(base_url, mastodon_version="3.3.0")
    call = expect("GET", "/api/v1/suggestions", [data.account()])
    result = old.suggestions(limit=5)
    assert call.query == [("limit", "5")]
    assert result[0].id == 23634 and result[0].acct == "noiob@awoo.space"


def test_suggestions_v1_and_v2(api, expect):
    v1 = expect("GET", "/api/v1/suggestions", [data.account()])
    v2 = expect("GET", "/api/v2/suggestions", [data.suggestion()])
    assert api.suggestions_v1()[0].username == "noiob"
    assert api.suggestions_v2(limit=80)[0].source == "staff"
    assert v1.query == [] and v2.query == [("limit", "80")]


def test_suggestions_bad_limit(api):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.suggestions(limit="ten")


def test_suggestion_delete(api, expect):
    call = expect("DELETE", "/api/v1/suggestions/109031732217496096", {})
    assert api.suggestion_delete(data.suggestion()["account"]) is None
    assert call.query == []


def test_suggestion_delete_bad_id(api):
    with pytest.raises(MastodonIllegalArgumentError, match="account_id"):
        api.suggestion_delete(None)


def test_endorsements_follows_link_header(api, expect, base_url):
    first = expect(
        "GET", "/api/v1/endorsements", [data.account(id="3")], headers={"Link": f'<{base_url}/api/v1/endorsements?max_id=2>; rel="next"'}
    )
    second = expect("GET", "/api/v1/endorsements", [data.account(id="1")], query={"max_id": "2", "limit": "1"})
    page = api.endorsements(limit=1)
    later = api.fetch_next(page)
    assert first.query == [("limit", "1")] and second.query == [("max_id", "2"), ("limit", "1")]
    assert [page[0].id, later[0].id] == [3, 1]


def test_account_endorsements(api, expect, base_url):
    first = expect(
        "GET",
        "/api/v1/accounts/1/endorsements",
        [data.account(id="5")],
        headers={"Link": f'<{base_url}/api/v1/accounts/1/endorsements?max_id=4>; rel="next"'},
    )
    second = expect("GET", "/api/v1/accounts/1/endorsements", [], query={"max_id": "4", "limit": "40"})
    page = api.account_endorsements(1, since_id=2, limit=40)
    assert first.query == [("since_id", "2"), ("limit", "40")]
    assert page[0].id == 5
    assert api.fetch_next(page) == []
    assert second.query == [("max_id", "4"), ("limit", "40")]  # the bound is the link's, since_id is not kept


def test_account_endorsements_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.account_endorsements(1, limit="all")
