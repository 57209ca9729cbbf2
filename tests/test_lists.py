"""Lists of followed accounts."""

from __future__ import annotations

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError
from tests.data import accounts as data


def test_lists(api, expect):
    call = expect("GET", "/api/v1/lists", [data.user_list(), data.user_list(id="13585", title="Test")])
    result = api.lists()
    assert call.query == []
    assert [(lst.id, lst.title) for lst in result] == [(12249, "Friends"), (13585, "Test")]


def test_list(api, expect):
    expect("GET", "/api/v1/lists/12249", data.user_list())
    result = api.list({"id": "12249"})
    assert result.replies_policy == "list" and result.exclusive is False


def test_list_not_found(api, expect):
    expect("GET", "/api/v1/lists/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.list(1)


def test_list_accounts_pagination(api, expect, base_url):
    first = expect(
        "GET",
        "/api/v1/lists/12249/accounts",
        [data.account(id="40")],
        headers={"Link": f'<{base_url}/api/v1/lists/12249/accounts?max_id=39>; rel="next"'},
    )
    second = expect("GET", "/api/v1/lists/12249/accounts", [], query={"max_id": "39", "limit": "0"})
    page = api.list_accounts(12249, limit=0)
    assert first.query == [("limit", "0")]
    assert page[0].id == 40
    assert api.fetch_next(page) == []
    assert second.query == [("max_id", "39"), ("limit", "0")]


def test_list_create(api, expect):
    call = expect("POST", "/api/v1/lists", data.user_list(title="Work", replies_policy="followed", exclusive=True))
    result = api.list_create("Work", replies_policy="followed", exclusive=True)
    assert call.form == [("title", "Work"), ("replies_policy", "followed"), ("exclusive", "true")]
    assert result.id == 12249 and result.exclusive is True


def test_list_create_sends_only_what_is_given(api, expect):
    call = expect("POST", "/api/v1/lists", data.user_list(title="Work"))
    api.list_create("Work")
    assert call.form == [("title", "Work")]  # the server's defaults are the documented ones
    call = expect("POST", "/api/v1/lists", data.user_list(title="Work"))
    api.list_create("Work", "list", False)  # the defaults' values, passed: sent
    assert call.form == [("title", "Work"), ("replies_policy", "list"), ("exclusive", "false")]


def test_list_update(api, expect):
    call = expect("PUT", "/api/v1/lists/12249", data.user_list(title="Pals", replies_policy="none"))
    result = api.list_update(12249, "Pals", replies_policy="none")
    assert call.form == [("title", "Pals"), ("replies_policy", "none")]
    assert result.title == "Pals"


def test_renaming_a_list_keeps_its_settings(mastodon_instance, mastodon_client):
    work = mastodon_client.list_create("Work", replies_policy="none", exclusive=True)
    renamed = mastodon_client.list_update(work, "Office")
    assert (renamed.title, renamed.replies_policy, renamed.exclusive) == ("Office", "none", True)
    assert mastodon_client.list(work).replies_policy == "none"


def test_list_defaults_read_as_documented():
    import inspect

    from mastodon import Mastodon

    for method in (Mastodon.list_create, Mastodon.list_update):
        parameters = inspect.signature(method).parameters
        assert parameters["replies_policy"].default == "list" and repr(parameters["replies_policy"].default) == "'list'"
        assert parameters["exclusive"].default == False and not parameters["exclusive"].default  # noqa: E712
        assert repr(parameters["exclusive"].default) == "False"


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"title": None}, "title"),
        ({"title": 12}, "title"),
        ({"title": "x", "replies_policy": "everyone"}, "replies_policy"),
        ({"title": "x", "exclusive": "yes"}, "exclusive"),
    ],
)
def test_list_create_and_update_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.list_create(**kwargs)
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.list_update(1, **kwargs)


def test_list_delete(api, expect):
    call = expect("DELETE", "/api/v1/lists/12249", {})
    assert api.list_delete(12249) is None
    assert call.query == []


def test_list_accounts_add_and_delete(api, expect):
    add = expect("POST", "/api/v1/lists/12249/accounts", {})
    remove = expect("DELETE", "/api/v1/lists/12249/accounts", {})
    assert api.list_accounts_add(12249, [1, data.account()]) is None
    assert api.list_accounts_delete(12249, ["2"]) is None
    assert add.form == [("account_ids[]", "1"), ("account_ids[]", "23634")]
    assert remove.query == [("account_ids[]", "2")]


@pytest.mark.parametrize("account_ids", [[None], [{"acct": "x"}], [1.5]])
def test_list_accounts_add_bad_ids(api, account_ids):
    with pytest.raises(MastodonIllegalArgumentError, match="account_ids"):
        api.list_accounts_add(1, account_ids)
    with pytest.raises(MastodonIllegalArgumentError, match="account_ids"):
        api.list_accounts_delete(1, account_ids)
