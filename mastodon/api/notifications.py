"""Notifications, grouped notifications and notification requests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, overload

from .._checks import as_bool, as_choice, as_int
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonAPIError, MastodonIllegalArgumentError
from ..types import (
    Account,
    AttribAccessDict,
    EntityOrId,
    GroupedNotificationsResults,
    NonPaginatableList,
    Notification,
    NotificationPolicy,
    NotificationRequest,
    PageBound,
    PaginatableList,
    UnreadNotificationsCount,
)
from .pagination import page_params

__all__ = ["NotificationsMixin", "NOTIFICATION_TYPES"]

#: Every notification type the API documents (Mastodon 4.6.0). Other names (those
#: of newer versions and of forks) are sent as given: the server judges them.
NOTIFICATION_TYPES = frozenset(
    {
        "mention",
        "status",
        "reblog",
        "follow",
        "follow_request",
        "favourite",
        "poll",
        "update",
        "admin.sign_up",
        "admin.report",
        "severed_relationships",
        "moderation_warning",
        "quote",
        "quoted_update",
        "added_to_collection",
        "collection_update",
    }
)

_POLICY_VALUES = ("accept", "filter", "drop")
_EXPAND_ACCOUNTS = ("full", "partial_avatars")


def _types(values: Any, name: str) -> list[str] | None:
    """A list of notification types; a single type may be given as a string.

    Each must be a string; which names exist is the server's to judge (forks
    add their own, such as ``pleroma:emoji_reaction``).
    """
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if isinstance(values, Mapping) or not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a list of notification types, not {values!r}")
    checked = list(values)
    for value in checked:
        if not isinstance(value, str):
            raise MastodonIllegalArgumentError(f"{name}: a notification type is a string, not {value!r}")
    return checked


def _group_key(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise MastodonIllegalArgumentError("group_key must be a non-empty string")
    return value


class NotificationsMixin(RequestCore):
    """Notifications, grouped notifications and notification requests."""

    # -- plain notifications ----------------------------------------------------------------

    # A page of notifications, or the one named by id.
    @overload
    def notifications(
        self,
        id: None = None,
        account_id: EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
    ) -> PaginatableList[Notification]: ...
    @overload
    def notifications(
        self,
        id: EntityOrId,
        account_id: EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
    ) -> Notification: ...
    @api_version("1.0.0", "4.6.0")
    def notifications(
        self,
        id: EntityOrId | None = None,
        account_id: EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
    ) -> PaginatableList[Notification] | Notification:
        """Read the logged-in user's notifications, newest first, or one notification.

        :param id: fetch just this notification (or its id); the filter and
            paging parameters must then be left out.
        :param account_id: only notifications caused by this account.
        :param limit: how many to return at most (the server caps it, usually at 80).
        :param exclude_types: notification types to leave out, e.g. ``["follow"]``.
        :param types: notification types to include, leaving out all others (3.5.0+).
        :param mentions_only: only mentions; cannot be combined with ``types``
            or ``exclude_types``.
        :param supported_types: the types this client can show; notifications of
            other types come with a ``fallback`` description (4.6.0+).
        :returns: a page of :class:`Notification`, or one :class:`Notification`
            when ``id`` is given.
        :raises MastodonIllegalArgumentError: for conflicting parameters.
        """
        supported = _types(supported_types, "supported_types")
        mentions_only = as_bool(mentions_only, "mentions_only")
        if id is not None:
            extra = {
                "account_id": account_id,
                "max_id": max_id,
                "min_id": min_id,
                "since_id": since_id,
                "limit": limit,
                "exclude_types": exclude_types,
                "types": types,
                "mentions_only": mentions_only or None,
            }
            given = [name for name, value in extra.items() if value is not None]
            if given:
                raise MastodonIllegalArgumentError(f"notifications(id=...) fetches one notification; drop {', '.join(given)}")
            return self._get(f"/api/v1/notifications/{self._id(id)}", {"supported_types": supported}, returns=Notification)
        include = _types(types, "types")
        exclude = _types(exclude_types, "exclude_types")
        if mentions_only:
            if include is not None or exclude is not None:
                raise MastodonIllegalArgumentError("mentions_only cannot be combined with types or exclude_types")
            if self.verify_minimum_version("3.5.0", cached=True):
                include = ["mention"]
            else:
                exclude = sorted(NOTIFICATION_TYPES - {"mention"})
        params = {
            "account_id": None if account_id is None else self._unpack_id(account_id, "account_id"),
            **page_params(max_id, min_id, since_id, limit),
            "types": include,
            "exclude_types": exclude,
            "supported_types": supported,
        }
        return self._get("/api/v1/notifications", params, returns=PaginatableList[Notification])

    @api_version("1.0.0", "1.0.0")
    def notifications_clear(self) -> None:
        """Delete all of the logged-in user's notifications."""
        self._post("/api/v1/notifications/clear")

    @api_version("1.3.0", "2.9.2")
    def notifications_dismiss(self, id: EntityOrId) -> None:
        """Delete one notification.

        :param id: the notification, or its id.
        """
        if self.verify_minimum_version("2.9.2", cached=True):
            self._post(f"/api/v1/notifications/{self._id(id)}/dismiss")
        else:
            self._post("/api/v1/notifications/dismiss", {"id": self._unpack_id(id)})

    @api_version("4.3.0", "4.3.0")
    def notifications_unread_count(self) -> UnreadNotificationsCount:
        """Count the notifications newer than the user's notifications read marker.

        The server caps the count (at 100 by default).

        :returns: a dict with the number under ``count``.
        """
        return self._get("/api/v1/notifications/unread_count", returns=UnreadNotificationsCount)

    # -- filtering policy and requests ----------------------------------------------------

    @api_version("4.3.0", "4.3.0")
    def notifications_policy(self) -> NotificationPolicy:
        """Read how the user's notifications from various kinds of accounts are filtered.

        :returns: the :class:`NotificationPolicy`, with a summary of pending requests.
        """
        return self._get("/api/v2/notifications/policy", returns=NotificationPolicy)

    @api_version("4.3.0", "4.3.0")
    def update_notifications_policy(
        self,
        for_not_following: str | None = None,
        for_not_followers: str | None = None,
        for_new_accounts: str | None = None,
        for_private_mentions: str | None = None,
        for_limited_accounts: str | None = None,
    ) -> NotificationPolicy:
        """Change how notifications from various kinds of accounts are filtered.

        Each parameter is ``"accept"`` (notify as usual), ``"filter"`` (hold the
        notifications back as a notification request) or ``"drop"`` (never
        create them); parameters left at ``None`` keep their current setting.

        :param for_not_following: accounts the user does not follow.
        :param for_not_followers: accounts that do not follow the user.
        :param for_new_accounts: accounts created in the past 30 days.
        :param for_private_mentions: unsolicited private mentions.
        :param for_limited_accounts: accounts limited by the server's moderators.
        :returns: the updated :class:`NotificationPolicy`.
        """
        params = {
            "for_not_following": for_not_following,
            "for_not_followers": for_not_followers,
            "for_new_accounts": for_new_accounts,
            "for_private_mentions": for_private_mentions,
            "for_limited_accounts": for_limited_accounts,
        }
        params = {name: as_choice(value, name, _POLICY_VALUES) for name, value in params.items()}
        return self._patch("/api/v2/notifications/policy", params, returns=NotificationPolicy)

    @api_version("4.3.0", "4.3.0")
    def notifications_merged(self) -> bool:
        """Tell whether accepted notification requests have been merged into the notifications.

        Accepting a request merges its notifications in the background; once this
        returns ``True`` the notification list is worth reloading.
        """
        result = self._get("/api/v1/notifications/requests/merged", returns=AttribAccessDict)
        merged = result.get("merged") if isinstance(result, dict) else None
        if not isinstance(merged, bool):
            raise MastodonAPIError("the server's answer has no boolean 'merged'")
        return merged

    @api_version("4.3.0", "4.3.0")
    def notification_requests(
        self,
        max_id: PageBound = None,
        since_id: PageBound = None,
        min_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[NotificationRequest]:
        """Read the notification requests: notifications held back by the filtering
        policy, one request per account.

        :param limit: how many to return at most.
        :returns: a page of :class:`NotificationRequest`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/notifications/requests", params, returns=PaginatableList[NotificationRequest])

    @api_version("4.3.0", "4.3.0")
    def notification_request(self, id: EntityOrId) -> NotificationRequest:
        """Read one notification request.

        :param id: the request, or its id.
        :returns: the :class:`NotificationRequest`.
        """
        return self._get(f"/api/v1/notifications/requests/{self._id(id)}", returns=NotificationRequest)

    @api_version("4.3.0", "4.3.0")
    def accept_notification_request(self, id: EntityOrId) -> None:
        """Accept a notification request: its notifications join the others, and
        the account's future notifications are no longer filtered.

        :param id: the request, or its id.
        """
        self._post(f"/api/v1/notifications/requests/{self._id(id)}/accept")

    @api_version("4.3.0", "4.3.0")
    def dismiss_notification_request(self, id: EntityOrId) -> None:
        """Dismiss a notification request: it is hidden and no longer counted as pending.

        :param id: the request, or its id.
        """
        self._post(f"/api/v1/notifications/requests/{self._id(id)}/dismiss")

    @api_version("4.3.0", "4.3.0")
    def accept_multiple_notification_requests(self, ids: list[EntityOrId]) -> None:
        """Accept several notification requests at once (see :meth:`accept_notification_request`).

        :param ids: the requests, or their ids.
        """
        self._post("/api/v1/notifications/requests/accept", {"id": self._unpack_ids(ids, "ids")})

    @api_version("4.3.0", "4.3.0")
    def dismiss_multiple_notification_requests(self, ids: list[EntityOrId]) -> None:
        """Dismiss several notification requests at once (see :meth:`dismiss_notification_request`).

        :param ids: the requests, or their ids.
        """
        self._post("/api/v1/notifications/requests/dismiss", {"id": self._unpack_ids(ids, "ids")})

    # -- grouped notifications --------------------------------------------------------------

    @api_version("4.3.0", "4.6.0")
    def grouped_notifications(
        self,
        max_id: PageBound = None,
        since_id: PageBound = None,
        min_id: PageBound = None,
        limit: int | None = None,
        types: list[str] | None = None,
        exclude_types: list[str] | None = None,
        account_id: EntityOrId | None = None,
        expand_accounts: str | None = "partial_avatars",
        grouped_types: list[str] | None = None,
        include_filtered: bool | None = None,
        supported_types: list[str] | None = None,
    ) -> GroupedNotificationsResults:
        """Read the user's notifications grouped by the server (likes and boosts of
        one status, follows, sign-ups), newest first.

        The answer is a dict, not a list: ``notification_groups`` holds the
        groups, and the accounts and statuses they refer to by id are listed once
        in ``accounts`` (and ``partial_accounts``) and ``statuses``.
        :meth:`fetch_next` and :meth:`fetch_previous` take it to load the
        neighbouring page.

        :param limit: how many groups to return at most.
        :param types: notification types to include, leaving out all others.
        :param exclude_types: notification types to leave out.
        :param account_id: only notifications caused by this account.
        :param expand_accounts: ``"full"`` to get every account in full, or
            ``"partial_avatars"`` to get all but the most recent account of each
            group in the short ``partial_accounts`` form.
        :param grouped_types: the types this client shows grouped; notifications
            of other types come as groups of one.
        :param include_filtered: also include notifications held back by the
            filtering policy.
        :param supported_types: the types this client can show; others come with
            a ``fallback`` description (4.6.0+).
        :returns: the :class:`GroupedNotificationsResults`.
        """
        params = {
            **page_params(max_id, min_id, since_id, limit),
            "types": _types(types, "types"),
            "exclude_types": _types(exclude_types, "exclude_types"),
            "account_id": None if account_id is None else self._unpack_id(account_id, "account_id"),
            "expand_accounts": as_choice(expand_accounts, "expand_accounts", _EXPAND_ACCOUNTS),
            "grouped_types": _types(grouped_types, "grouped_types"),
            "include_filtered": as_bool(include_filtered, "include_filtered"),
            "supported_types": _types(supported_types, "supported_types"),
        }
        return self._get("/api/v2/notifications", params, returns=GroupedNotificationsResults)

    @api_version("4.3.0", "4.6.0")
    def grouped_notification(self, group_key: str, supported_types: list[str] | None = None) -> GroupedNotificationsResults:
        """Read one notification group.

        :param group_key: the group's ``group_key``.
        :param supported_types: the types this client can show (see :meth:`grouped_notifications`).
        :returns: :class:`GroupedNotificationsResults` holding the one group.
        """
        path = f"/api/v2/notifications/{self._id(_group_key(group_key), 'group_key')}"
        return self._get(path, {"supported_types": _types(supported_types, "supported_types")}, returns=GroupedNotificationsResults)

    @api_version("4.3.0", "4.3.0")
    def grouped_notification_accounts(self, group_key: str) -> NonPaginatableList[Account]:
        """List every account behind the notifications of one group.

        :param group_key: the group's ``group_key``.
        :returns: a list of :class:`Account`.
        """
        path = f"/api/v2/notifications/{self._id(_group_key(group_key), 'group_key')}/accounts"
        return self._get(path, returns=NonPaginatableList[Account])

    @api_version("4.3.0", "4.3.0")
    def dismiss_grouped_notification(self, group_key: str) -> None:
        """Delete all notifications of one group.

        :param group_key: the group's ``group_key``.
        """
        self._post(f"/api/v2/notifications/{self._id(_group_key(group_key), 'group_key')}/dismiss")

    @api_version("4.3.0", "4.3.0")
    def unread_grouped_notifications_count(
        self,
        limit: int | None = None,
        types: list[str] | None = None,
        exclude_types: list[str] | None = None,
        account_id: EntityOrId | None = None,
        grouped_types: list[str] | None = None,
    ) -> int:
        """Count the notification groups newer than the user's notifications read marker.

        :param limit: the most to count (the server's default cap is 100, its maximum 1000).
        :param types: only count these notification types.
        :param exclude_types: do not count these notification types.
        :param account_id: only count notifications caused by this account.
        :param grouped_types: the types counted as groups; others count one by one.
        :returns: the number of unread groups.
        """
        params = {
            "limit": as_int(limit, "limit"),
            "types": _types(types, "types"),
            "exclude_types": _types(exclude_types, "exclude_types"),
            "account_id": None if account_id is None else self._unpack_id(account_id, "account_id"),
            "grouped_types": _types(grouped_types, "grouped_types"),
        }
        result = self._get("/api/v2/notifications/unread_count", params, returns=AttribAccessDict)
        count = result.get("count") if isinstance(result, dict) else None
        if isinstance(count, bool) or not isinstance(count, int):
            raise MastodonAPIError("the server's answer has no integer 'count'")
        return count
