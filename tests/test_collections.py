"""Collections of accounts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError
from tests.data import entities
from tests.data import filters as data

COLLECTION_ID = "116131056935959117"


def test_account_collections(api, expect):
    call = expect("GET", "/api/v1/accounts/113668893442515793/collections", {"collections": [data.collection()]})
    result = api.account_collections("113668893442515793", limit=10, offset=20)
    assert call.query == [("limit", "10"), ("offset", "20")]
    collection = result.collections[0]
    assert collection.id == 116131056935959117 and collection.account_id == 113668893442515793
    assert collection.created_at == datetime(2026, 2, 25, 11, 35, 1, 394000, tzinfo=timezone.utc)
    # "items" is also a dict method, so that key is read with item access.
    assert collection["items"][1].account_id == 117628196343117789 and collection.tag.name == "accounts"


def test_account_in_collections(api, expect):
    call = expect("GET", "/api/v1/accounts/5/in_collections", {"collections": []})
    result = api.account_in_collections(entities.account(id="5"))
    assert call.query == []
    assert result.collections == []


def test_account_in_collections_for_the_user(api, expect):
    expect("GET", "/api/v1/accounts/verify_credentials", entities.account(id="77"))
    call = expect("GET", "/api/v1/accounts/77/in_collections", {"collections": [data.collection()]})
    result = api.account_in_collections(None, limit=5)
    assert call.query == [("limit", "5")]
    assert len(result.collections) == 1
    again = expect("GET", "/api/v1/accounts/77/in_collections", {"collections": []})
    assert api.account_in_collections(None).collections == []  # the user's id is known now: no second lookup
    assert again.received


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"limit": "five"}, "limit"),
        ({"limit": [5]}, "limit"),
        ({"offset": 1.5}, "offset"),
        ({"offset": False}, "offset"),
    ],
)
def test_collection_listings_reject_bad_paging(api, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.account_collections(1, **kwargs)
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.account_in_collections(None, **kwargs)


def test_collection(api, expect):
    expect(
        "GET",
        f"/api/v1/collections/{COLLECTION_ID}",
        {
            "accounts": [entities.account(id="113668893442515793"), entities.account(id="112658193342215767")],
            "collection": data.collection(),
        },
    )
    result = api.collection(COLLECTION_ID)
    assert [a.id for a in result.accounts] == [113668893442515793, 112658193342215767]
    assert result.collection.item_count == 2


def test_collection_create(api, expect):
    call = expect("POST", "/api/v1/collections", {"collection": data.collection()})
    result = api.collection_create(
        "Nice accounts",
        description="These accounts are very nice",
        language="en",
        tag_name="#accounts",
        discoverable=True,
        account_ids=["112658193342215767", entities.account(id="117628196343117789")],
    )
    assert call.form == [
        ("name", "Nice accounts"),
        ("description", "These accounts are very nice"),
        ("language", "en"),
        ("tag_name", "#accounts"),
        ("sensitive", "false"),
        ("discoverable", "true"),
        ("account_ids[]", "112658193342215767"),
        ("account_ids[]", "117628196343117789"),
    ]
    assert result.collection.id == 116131056935959117


def test_collection_create_minimal(api, expect):
    call = expect("POST", "/api/v1/collections", {"collection": data.collection(items=[], item_count=0)})
    api.collection_create("Friends")
    assert call.form == [("name", "Friends"), ("sensitive", "false"), ("discoverable", "false")]


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"name": None}, "name"),
        ({"name": b"x"}, "name"),
        ({"name": "x", "sensitive": "no"}, "sensitive"),
        ({"name": "x", "language": 1}, "language"),
        ({"name": "x", "account_ids": [None]}, "account_ids"),
    ],
)
def test_collection_create_rejects_bad_input(api, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.collection_create(**kwargs)


def test_collection_update(api, expect):
    call = expect("PATCH", f"/api/v1/collections/{COLLECTION_ID}", {"collection": data.collection(discoverable=False)})
    result = api.collection_update({"id": COLLECTION_ID}, name="Nicer accounts", discoverable=False)
    assert call.form == [("name", "Nicer accounts"), ("discoverable", "false")]
    assert result.collection.discoverable is False


def test_collection_update_rejects_a_name_that_is_not_text(api):
    with pytest.raises(MastodonIllegalArgumentError, match="name"):
        api.collection_update(COLLECTION_ID, name=5)


def test_collection_values_the_server_judges(api, expect):
    created = expect("POST", "/api/v1/collections", {"collection": data.collection()})
    listed = expect("GET", "/api/v1/accounts/1/collections", {"collections": []})
    api.collection_create("", sensitive="true", discoverable=0)
    api.account_collections(1, limit="0", offset=-1)
    assert created.form == [("name", ""), ("sensitive", "true"), ("discoverable", "false")]
    assert listed.query == [("limit", "0"), ("offset", "-1")]


def test_collection_update_forbidden(api, expect):
    expect("PATCH", f"/api/v1/collections/{COLLECTION_ID}", {"error": "This action is not allowed"}, status=403)
    with pytest.raises(MastodonAPIError, match="not allowed") as info:
        api.collection_update(COLLECTION_ID, sensitive=True)
    assert info.value.status_code == 403


def test_collection_delete(api, expect):
    expect("DELETE", f"/api/v1/collections/{COLLECTION_ID}", raw=b"")
    assert api.collection_delete(COLLECTION_ID) is None


def test_collection_item_add(api, expect):
    call = expect("POST", f"/api/v1/collections/{COLLECTION_ID}/items", {"collection_item": data.collection_item()})
    result = api.collection_item_add(COLLECTION_ID, entities.account(id="112658193342215767"))
    assert call.form == [("account_id", "112658193342215767")]
    assert result.collection_item.state == "accepted" and result.collection_item.id == 116151066915353115


def test_collection_item_delete(api, expect):
    call = expect("DELETE", f"/api/v1/collections/{COLLECTION_ID}/items/116151066915353115", raw=b"")
    assert api.collection_item_delete(COLLECTION_ID, data.collection_item()) is None
    assert call.query == []


def test_collection_item_revoke(api, expect):
    call = expect("POST", f"/api/v1/collections/{COLLECTION_ID}/items/116151066915353115/revoke", raw=b"")
    assert api.collection_item_revoke({"id": COLLECTION_ID}, "116151066915353115") is None
    assert call.form == []


def test_collection_item_calls_reject_missing_ids(api):
    with pytest.raises(MastodonIllegalArgumentError, match="account_id"):
        api.collection_item_add(COLLECTION_ID, None)
    with pytest.raises(MastodonIllegalArgumentError, match="item_id"):
        api.collection_item_delete(COLLECTION_ID, "")
    with pytest.raises(MastodonIllegalArgumentError, match="collection_id"):
        api.collection_item_revoke({"name": "x"}, 1)
