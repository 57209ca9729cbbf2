"""Notifications, grouped notifications and notification requests."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    Account,
    AccountWarning,
    GroupedNotificationsResults,
    Notification,
    PaginatableList,
    RelationshipSeveranceEvent,
    Report,
    Status,
)


def plain_notifications(api: Mastodon) -> None:
    page = api.notifications()
    assert_type(page, PaginatableList[Notification])
    assert_type(api.notifications()[0].status, Status | None)
    assert_type(api.notifications(types=["mention"])[0].account, Account)
    note = page[0]
    assert_type(note.type, str)
    assert_type(note.created_at, datetime)
    assert_type(note.report, Report | None)
    assert_type(note.event, RelationshipSeveranceEvent | None)
    assert_type(note.moderation_warning, AccountWarning | None)
    if note.status is not None:
        assert_type(note.status.account.acct, str)
    one = api.notifications(id=note)
    assert_type(one, Notification)
    assert_type(api.notifications(1).group_key, str)
    assert_type(api.notifications_unread_count().count, int)


def grouped(api: Mastodon) -> None:
    results = api.grouped_notifications()
    assert_type(results.accounts[0].acct, str)
    group = results.notification_groups[0]
    assert_type(group.notifications_count, int)
    assert_type(group.latest_page_notification_at, datetime | None)
    assert_type(group.status_id, int | str | None)
    assert_type(api.grouped_notification_accounts("favourite-1-2")[0].avatar, str)
    assert_type(api.unread_grouped_notifications_count(), int)
    older = api.fetch_next(results)
    assert_type(older, GroupedNotificationsResults | None)


def requests_and_policy(api: Mastodon) -> None:
    request = api.notification_requests()[0]
    assert_type(request.account.acct, str)
    assert_type(request.last_status, Status | None)
    assert_type(request.notifications_count, int)
    assert_type(api.notifications_policy().for_not_following, str)
    assert_type(api.notifications_policy().summary.pending_requests_count, int)
    assert_type(api.notifications_merged(), bool)
