"""Notifications, notification policy and requests, grouped notifications."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError
from tests.data import entities
from tests.data import timelines as data
from tests.helpers import make_api

# -- plain notifications ----------------------------------------------------------------


def test_notifications_list(api, expect):
    call = expect("GET", "/api/v1/notifications", [entities.notification(), data.favourite_notification()])
    result = api.notifications()
    assert call.query == []
    assert [n.type for n in result] == ["mention", "favourite"]
    assert result[0].id == 34975861
    assert result[0].account.id == 971724
    assert result[0].status.id == 103186126728896492
    assert result[1].created_at == datetime(2019, 11, 23, 7, 29, 18, 903000, tzinfo=timezone.utc)


def test_notifications_filters(api, expect):
    call = expect("GET", "/api/v1/notifications", [])
    api.notifications(
        account_id={"id": "971724"},
        max_id="34975862",
        limit=2,
        exclude_types=["follow", "admin.sign_up"],
        types="mention",
        supported_types=["mention", "favourite"],
    )
    assert call.query == [
        ("account_id", "971724"),
        ("max_id", "34975862"),
        ("limit", "2"),
        ("types[]", "mention"),
        ("exclude_types[]", "follow"),
        ("exclude_types[]", "admin.sign_up"),
        ("supported_types[]", "mention"),
        ("supported_types[]", "favourite"),
    ]


def test_notifications_one_by_id(api, expect):
    call = expect("GET", "/api/v1/notifications/34975861", entities.notification())
    result = api.notifications(id={"id": 34975861})
    assert call.query == []
    assert result.type == "mention" and result.id == 34975861


def test_notifications_one_with_supported_types(api, expect):
    call = expect("GET", "/api/v1/notifications/34975861", entities.notification())
    api.notifications(34975861, supported_types=["mention"])
    assert call.query == [("supported_types[]", "mention")]


def test_notifications_mentions_only_uses_types(api, expect):
    call = expect("GET", "/api/v1/notifications", [])
    api.notifications(mentions_only=True)
    assert call.query == [("types[]", "mention")]


def test_notifications_mentions_only_on_old_server_excludes_others(base_url, expect):
    old = make_api(base_url, mastodon_version="3.4.0")
    call = expect("GET", "/api/v1/notifications", [])
    old.notifications(mentions_only=True)
    excluded = [value for key, value in call.query if key == "exclude_types[]"]
    assert "mention" not in excluded
    assert {"follow", "favourite", "reblog", "poll"} <= set(excluded)
    assert all(key == "exclude_types[]" for key, _ in call.query)


def test_notifications_fetch_next_follows_link_header(api, expect, base_url):
    expect(
        "GET",
        "/api/v1/notifications",
        [entities.notification()],
        headers={
            "Link": f'<{base_url}/api/v1/notifications?max_id=34975535>; rel="next", '
            f'<{base_url}/api/v1/notifications?min_id=34975861>; rel="prev"'
        },
    )
    older = expect("GET", "/api/v1/notifications", [data.favourite_notification()])
    page = api.notifications(limit=1)
    result = api.fetch_next(page)
    assert older.query == [("max_id", "34975535"), ("limit", "1")]
    assert result[0].id == 34975535


@pytest.mark.parametrize(
    "kwargs",
    [
        {"types": [None]},
        {"exclude_types": 5},
        {"supported_types": [3]},
        {"mentions_only": True, "types": ["mention"]},
        {"mentions_only": "yes"},
        {"id": 5, "limit": 3},
        {"limit": "many"},
    ],
)
def test_notifications_rejects_bad_input(api, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.notifications(**kwargs)


def test_notifications_leaves_type_names_to_the_server(api, expect):
    call = expect("GET", "/api/v1/notifications", [])
    api.notifications(types=["mentions", "emoji_reaction"], exclude_types="likes", limit="-1")
    assert call.query == [("limit", "-1"), ("types[]", "mentions"), ("types[]", "emoji_reaction"), ("exclude_types[]", "likes")]


def test_notifications_accepts_server_specific_types(api, expect):
    call = expect("GET", "/api/v1/notifications", [])
    api.notifications(exclude_types=["pleroma:emoji_reaction"])
    assert call.query == [("exclude_types[]", "pleroma:emoji_reaction")]


def test_notifications_clear(api, expect):
    call = expect("POST", "/api/v1/notifications/clear", {})
    assert api.notifications_clear() is None
    assert call.form == []


def test_notifications_dismiss(api, expect):
    call = expect("POST", "/api/v1/notifications/34975861/dismiss", {})
    assert api.notifications_dismiss(entities.notification()) is None
    assert call.form == []


def test_notifications_dismiss_old_server(base_url, expect):
    old = make_api(base_url, mastodon_version="2.9.1")
    call = expect("POST", "/api/v1/notifications/dismiss", {})
    old.notifications_dismiss(34975861)
    assert call.form == [("id", "34975861")]


def test_notifications_dismiss_rejects_missing_id(api):
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.notifications_dismiss({"type": "mention"})


def test_notifications_unread_count(api, expect):
    call = expect("GET", "/api/v1/notifications/unread_count", {"count": 42})
    result = api.notifications_unread_count()
    assert call.query == []
    assert result.count == 42


# -- policy and requests ------------------------------------------------------------------


def test_notifications_policy(api, expect):
    expect("GET", "/api/v2/notifications/policy", data.notification_policy())
    policy = api.notifications_policy()
    assert policy.for_private_mentions == "drop"
    assert policy.summary.pending_requests_count == 0


def test_update_notifications_policy(api, expect):
    call = expect("PATCH", "/api/v2/notifications/policy", data.notification_policy(for_new_accounts="filter"))
    policy = api.update_notifications_policy(for_new_accounts="filter", for_limited_accounts="drop")
    assert call.form == [("for_new_accounts", "filter"), ("for_limited_accounts", "drop")]
    assert policy.for_new_accounts == "filter"


def test_update_notifications_policy_rejects_unknown_value(api):
    with pytest.raises(MastodonIllegalArgumentError, match="for_not_following"):
        api.update_notifications_policy(for_not_following=True)


def test_notifications_merged(api, expect):
    expect("GET", "/api/v1/notifications/requests/merged", {"merged": False})
    assert api.notifications_merged() is False


def test_notifications_merged_rejects_odd_answer(api, expect):
    expect("GET", "/api/v1/notifications/requests/merged", {"state": "done"})
    with pytest.raises(MastodonAPIError, match="merged"):
        api.notifications_merged()


def test_notification_requests_paginate(api, expect, base_url):
    link = (
        f'<{base_url}/api/v1/notifications/requests?max_id=112456967201894256>; rel="next", '
        f'<{base_url}/api/v1/notifications/requests?min_id=112456967201894256>; rel="prev"'
    )
    first = expect("GET", "/api/v1/notifications/requests", [data.notification_request()], headers={"Link": link})
    second = expect("GET", "/api/v1/notifications/requests", [])
    page = api.notification_requests(limit=1)
    assert first.query == [("limit", "1")]
    request = page[0]
    assert request.id == 112456967201894256
    assert request.account.id == 971724 and request.last_status.in_reply_to_account_id == 14715
    assert request.updated_at.tzinfo is not None
    assert api.fetch_next(page) == []
    assert second.query == [("max_id", "112456967201894256"), ("limit", "1")]


def test_notification_request_one(api, expect):
    expect("GET", "/api/v1/notifications/requests/112456967201894256", data.notification_request())
    assert api.notification_request("112456967201894256").last_status.id == 103186126728896492


def test_accept_and_dismiss_notification_request(api, expect):
    accepted = expect("POST", "/api/v1/notifications/requests/112456967201894256/accept", {})
    dismissed = expect("POST", "/api/v1/notifications/requests/7/dismiss", {})
    assert api.accept_notification_request(data.notification_request()) is None
    assert api.dismiss_notification_request(7) is None
    assert accepted.form == [] and dismissed.form == []


def test_accept_and_dismiss_multiple_notification_requests(api, expect):
    accepted = expect("POST", "/api/v1/notifications/requests/accept", {})
    dismissed = expect("POST", "/api/v1/notifications/requests/dismiss", {})
    api.accept_multiple_notification_requests([data.notification_request(), 8])
    api.dismiss_multiple_notification_requests(["9"])
    assert accepted.form == [("id[]", "112456967201894256"), ("id[]", "8")]
    assert dismissed.form == [("id[]", "9")]


def test_multiple_notification_requests_bad_ids(api):
    with pytest.raises(MastodonIllegalArgumentError, match="ids"):
        api.accept_multiple_notification_requests([None])


# -- grouped notifications ------------------------------------------------------------------


def test_grouped_notifications(api, expect, base_url):
    link = (
        f'<{base_url}/api/v2/notifications?limit=2&max_id=196012>; rel="next", '
        f'<{base_url}/api/v2/notifications?limit=2&min_id=196014>; rel="prev"'
    )
    call = expect("GET", "/api/v2/notifications", data.grouped_notifications(), headers={"Link": link})
    result = api.grouped_notifications(limit=2, grouped_types=["favourite", "follow"], include_filtered=False)
    assert call.query == [
        ("limit", "2"),
        ("expand_accounts", "partial_avatars"),
        ("grouped_types[]", "favourite"),
        ("grouped_types[]", "follow"),
        ("include_filtered", "false"),
    ]
    assert isinstance(result, dict)
    group = result.notification_groups[0]
    assert group.group_key == "favourite-113010503322889311-479000"
    assert group.most_recent_notification_id == 196014 and group.page_min_id == 196013
    assert group.status_id == 113010503322889311
    assert group.latest_page_notification_at == datetime(2024, 8, 23, 8, 59, 56, 743000, tzinfo=timezone.utc)
    assert [a.id for a in result.accounts] == [16, 3547]
    assert result._pagination_next["max_id"] == 196012


def test_grouped_notifications_fetch_next_follows_link_header(api, expect, base_url):
    expect(
        "GET",
        "/api/v2/notifications",
        data.grouped_notifications(),
        headers={"Link": f'<{base_url}/api/v2/notifications?limit=2&max_id=196012>; rel="next"'},
    )
    older = expect(
        "GET",
        "/api/v2/notifications",
        data.grouped_notifications(notification_groups=[data.notification_group(group_key="ungrouped-196011")]),
    )
    page = api.grouped_notifications(limit=2, expand_accounts=None)
    result = api.fetch_next(page)
    assert older.query == [("limit", "2"), ("max_id", "196012")]
    assert result.notification_groups[0].group_key == "ungrouped-196011"


def test_grouped_notifications_rejects_bad_expand_accounts(api):
    with pytest.raises(MastodonIllegalArgumentError, match="expand_accounts"):
        api.grouped_notifications(expand_accounts="everything")


def test_grouped_notification(api, expect):
    call = expect("GET", "/api/v2/notifications/favourite-113010503322889311-479000", data.grouped_notifications())
    result = api.grouped_notification("favourite-113010503322889311-479000", supported_types=["favourite"])
    assert call.query == [("supported_types[]", "favourite")]
    assert result.notification_groups[0].notifications_count == 2


def test_grouped_notification_accounts(api, expect):
    expect(
        "GET", "/api/v2/notifications/follow-1/accounts", [entities.account(id="16", acct="eve"), entities.account(id="3547", acct="alice")]
    )
    accounts = api.grouped_notification_accounts("follow-1")
    assert [a.acct for a in accounts] == ["eve", "alice"] and accounts[0].id == 16


def test_dismiss_grouped_notification(api, expect):
    call = expect("POST", "/api/v2/notifications/ungrouped-34975861/dismiss", {})
    assert api.dismiss_grouped_notification("ungrouped-34975861") is None
    assert call.form == []


def test_grouped_notification_rejects_empty_key(api):
    with pytest.raises(MastodonIllegalArgumentError, match="group_key"):
        api.dismiss_grouped_notification("")


def test_unread_grouped_notifications_count(api, expect):
    call = expect("GET", "/api/v2/notifications/unread_count", {"count": 42})
    count = api.unread_grouped_notifications_count(limit=500, exclude_types=["follow"], account_id=16)
    assert call.query == [("limit", "500"), ("exclude_types[]", "follow"), ("account_id", "16")]
    assert count == 42
