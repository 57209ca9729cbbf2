"""The moderation and administration API: accounts and reports.

These calls need a token with ``admin:read``/``admin:write`` scopes (or their
``admin:*:accounts`` / ``admin:*:reports`` parts) from a user whose role grants
the matching permissions. Such a token can read every user's e-mail and IP
addresses: store it like a password.

Block management lives in :mod:`mastodon.api.admin_blocks`, statistics and
trends in :mod:`mastodon.api.admin_stats`.
"""

from __future__ import annotations

from typing import Any

from .._checks import REPORT_CATEGORIES, as_bool, as_choice, check_optional_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import AdminAccount, AdminReport, EntityOrId, PageBound, PaginatableList
from .pagination import page_params

__all__ = ["AdminMixin"]

ACCOUNT_STATUSES = ("active", "pending", "disabled", "silenced", "suspended")
ACCOUNT_ORIGINS = ("local", "remote")
ACCOUNT_PERMISSIONS = ("staff",)
MODERATION_ACTIONS = ("none", "disable", "silence", "sensitive", "suspend")


class AdminMixin(RequestCore):
    """The moderation and administration API."""

    # -- finding accounts ------------------------------------------------------------

    @api_version("2.9.1", "2.9.1")
    def admin_accounts(
        self,
        remote: bool = False,
        by_domain: str | None = None,
        status: str = "active",
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        staff_only: bool = False,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminAccount]:
        """List accounts matching some criteria; the same as :meth:`admin_accounts_v1`.

        Its parameters are those of the version 1 endpoint, which every server
        with the admin API offers. For the newer filters (roles, inviter,
        ``origin``) call :meth:`admin_accounts_v2` directly.

        :param remote: only remote accounts; by default local and remote alike.
        :param by_domain: only accounts from this domain.
        :param status: ``"active"``, ``"pending"``, ``"disabled"``, ``"silenced"``
            or ``"suspended"``.
        :param username: only usernames containing this text.
        :param display_name: only display names containing this text.
        :param email: only the local account using this e-mail address.
        :param ip: only local accounts that used this IP address.
        :param staff_only: only moderators and administrators.
        :param limit: how many accounts to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminAccount` that :meth:`fetch_next` can continue.
        """
        return self.admin_accounts_v1(
            remote=remote,
            by_domain=by_domain,
            status=status,
            username=username,
            display_name=display_name,
            email=email,
            ip=ip,
            staff_only=staff_only,
            max_id=max_id,
            min_id=min_id,
            since_id=since_id,
            limit=limit,
        )

    @api_version("2.9.1", "2.9.1")
    def admin_accounts_v1(
        self,
        remote: bool = False,
        by_domain: str | None = None,
        status: str = "active",
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        staff_only: bool = False,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminAccount]:
        """List accounts matching some criteria, with the version 1 endpoint.

        A ``False`` flag does not filter: ``staff_only=False`` lists staff and
        everyone else alike.

        :param remote: only remote accounts; by default local and remote alike.
        :param by_domain: only accounts from this domain.
        :param status: ``"active"``, ``"pending"``, ``"disabled"``, ``"silenced"``
            or ``"suspended"``.
        :param username: only usernames containing this text.
        :param display_name: only display names containing this text.
        :param email: only the local account using this e-mail address.
        :param ip: only local accounts that used this IP address.
        :param staff_only: only moderators and administrators.
        :param limit: how many accounts to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminAccount` that :meth:`fetch_next` can continue.
        """
        status_key = as_choice(status, "status", ACCOUNT_STATUSES, required=True)
        params: dict[str, Any] = {
            "remote": True if as_bool(remote, "remote") else None,
            status_key: True,
            "staff": True if as_bool(staff_only, "staff_only") else None,
            "by_domain": by_domain,
            "username": username,
            "display_name": display_name,
            "email": email,
            "ip": ip,
        }
        params.update(page_params(max_id, min_id, since_id, limit))
        return self._get("/api/v1/admin/accounts", params, returns=PaginatableList[AdminAccount])

    @api_version("3.5.0", "4.0.0")
    def admin_accounts_v2(
        self,
        origin: str | None = None,
        by_domain: str | None = None,
        status: str | None = None,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        permissions: str | None = None,
        invited_by: EntityOrId | None = None,
        role_ids: list[EntityOrId] | EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminAccount]:
        """List accounts matching some criteria, with the version 2 endpoint.

        :param origin: ``"local"`` or ``"remote"``; both when not given.
        :param by_domain: only accounts from this domain.
        :param status: ``"active"``, ``"pending"``, ``"disabled"``, ``"silenced"``
            or ``"suspended"``; any when not given.
        :param username: only usernames containing this text.
        :param display_name: only display names containing this text.
        :param email: only the local account using this e-mail address.
        :param ip: only local accounts that used this IP address.
        :param permissions: ``"staff"`` for accounts that may handle reports.
        :param invited_by: only accounts invited by this account (or its id).
        :param role_ids: only accounts holding one of these roles (ids or role dicts).
        :param limit: how many accounts to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminAccount` that :meth:`fetch_next` can continue.
        """
        params: dict[str, Any] = {
            "origin": as_choice(origin, "origin", ACCOUNT_ORIGINS),
            "by_domain": by_domain,
            "status": as_choice(status, "status", ACCOUNT_STATUSES),
            "username": username,
            "display_name": display_name,
            "email": email,
            "ip": ip,
            "permissions": as_choice(permissions, "permissions", ACCOUNT_PERMISSIONS),
            "invited_by": None if invited_by is None else self._unpack_id(invited_by, "invited_by"),
            "role_ids": None if role_ids is None else self._unpack_ids(role_ids, "role_ids"),
        }
        params.update(page_params(max_id, min_id, since_id, limit))
        return self._get("/api/v2/admin/accounts", params, returns=PaginatableList[AdminAccount])

    @api_version("2.9.1", "2.9.1")
    def admin_account(self, id: EntityOrId) -> AdminAccount:
        """Fetch the moderation view of one account.

        :param id: the account, or its id.
        :returns: the :class:`AdminAccount`, with e-mail, IPs and moderation state.
        """
        return self._get(f"/api/v1/admin/accounts/{self._id(id)}", returns=AdminAccount)

    # -- acting on accounts ----------------------------------------------------------

    @api_version("2.9.1", "2.9.1")
    def admin_account_moderate(
        self,
        id: EntityOrId,
        action: str | None = None,
        report_id: EntityOrId | None = None,
        warning_preset_id: EntityOrId | None = None,
        text: str | None = None,
        send_email_notification: bool = True,
    ) -> None:
        """Take a moderation action against an account and record it.

        Open reports against the account are resolved by the action.

        :param id: the account, or its id.
        :param action: ``"disable"`` (block logins of a local user), ``"silence"``
            (limit the account's reach), ``"sensitive"`` (force its media to be
            marked sensitive), ``"suspend"`` (remove the account and its content)
            or ``None``/``"none"`` to only send a warning.
        :param report_id: the report (or its id) that led to this action.
        :param warning_preset_id: a saved warning text (or its id) to send.
        :param text: an explanation for the user; follows the preset if both are given.
        :param send_email_notification: ``False`` to not e-mail the user about it.
        """
        params = {
            "type": as_choice("none" if action is None else action, "action", MODERATION_ACTIONS, required=True),
            "report_id": None if report_id is None else self._unpack_id(report_id, "report_id"),
            "warning_preset_id": (None if warning_preset_id is None else self._unpack_id(warning_preset_id, "warning_preset_id")),
            "text": check_optional_text(text, "text"),
            "send_email_notification": as_bool(send_email_notification, "send_email_notification", required=True),
        }
        self._post(f"/api/v1/admin/accounts/{self._id(id)}/action", params)

    @api_version("2.9.1", "2.9.1")
    def admin_account_approve(self, id: EntityOrId) -> AdminAccount:
        """Let a pending local account in.

        :param id: the account, or its id.
        :returns: the updated :class:`AdminAccount`.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/approve", returns=AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_reject(self, id: EntityOrId) -> AdminAccount:
        """Turn down a pending local account; it is deleted.

        :param id: the account, or its id.
        :returns: the :class:`AdminAccount` as it was before deletion.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/reject", returns=AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_enable(self, id: EntityOrId) -> AdminAccount:
        """Allow a disabled local account to log in again.

        :param id: the account, or its id.
        :returns: the updated :class:`AdminAccount`.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/enable", returns=AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_unsilence(self, id: EntityOrId) -> AdminAccount:
        """Lift the limit placed on a silenced account.

        :param id: the account, or its id.
        :returns: the updated :class:`AdminAccount`.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/unsilence", returns=AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_unsuspend(self, id: EntityOrId) -> AdminAccount:
        """Restore a suspended account whose data has not been deleted yet.

        :param id: the account, or its id.
        :returns: the updated :class:`AdminAccount`.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/unsuspend", returns=AdminAccount)

    @api_version("3.3.0", "3.3.0")
    def admin_account_unsensitive(self, id: EntityOrId) -> AdminAccount:
        """Stop forcing an account's media to be marked sensitive.

        :param id: the account, or its id.
        :returns: the updated :class:`AdminAccount`.
        """
        return self._post(f"/api/v1/admin/accounts/{self._id(id)}/unsensitive", returns=AdminAccount)

    @api_version("3.3.0", "3.3.0")
    def admin_account_delete(self, id: EntityOrId) -> AdminAccount:
        """Permanently delete the data of a local account that is already suspended.

        :param id: the account, or its id.
        :returns: the :class:`AdminAccount` as it was before deletion.
        """
        return self._delete(f"/api/v1/admin/accounts/{self._id(id)}", returns=AdminAccount)

    # -- reports ---------------------------------------------------------------------

    @api_version("2.9.1", "4.6.0")
    def admin_reports(
        self,
        resolved: bool = False,
        account_id: EntityOrId | None = None,
        target_account_id: EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        unresolved: bool | None = None,
    ) -> PaginatableList[AdminReport]:
        """List reports, by default the unresolved ones.

        :param resolved: ``True`` to list resolved reports instead.
        :param account_id: only reports filed by this account (or its id).
        :param target_account_id: only reports about this account (or its id).
        :param limit: how many reports to list at most (server default 100, maximum 200).
        :param unresolved: ``True`` to ask for unresolved reports explicitly; with
            ``resolved=True`` as well, Mastodon 4.6 and later list both kinds
            (older servers ignore it).
        :returns: a page of :class:`AdminReport` that :meth:`fetch_next` can continue.
        """
        # Only ever send true: servers before 4.6 treat a present ``resolved``,
        # even ``false``, as asking for resolved reports.
        params: dict[str, Any] = {
            "resolved": True if as_bool(resolved, "resolved") else None,
            "unresolved": True if as_bool(unresolved, "unresolved") else None,
            "account_id": None if account_id is None else self._unpack_id(account_id, "account_id"),
            "target_account_id": (None if target_account_id is None else self._unpack_id(target_account_id, "target_account_id")),
        }
        params.update(page_params(max_id, min_id, since_id, limit))
        return self._get("/api/v1/admin/reports", params, returns=PaginatableList[AdminReport])

    @api_version("2.9.1", "2.9.1")
    def admin_report(self, id: EntityOrId) -> AdminReport:
        """Fetch one report with its moderation details.

        :param id: the report, or its id.
        :returns: the :class:`AdminReport`.
        """
        return self._get(f"/api/v1/admin/reports/{self._id(id)}", returns=AdminReport)

    @api_version("3.5.0", "3.5.0")
    def admin_update_report(
        self,
        id: EntityOrId,
        category: str | None = None,
        rule_ids: list[EntityOrId] | EntityOrId | None = None,
    ) -> AdminReport:
        """Reclassify a report.

        :param id: the report, or its id.
        :param category: ``"spam"``, ``"legal"``, ``"violation"`` or ``"other"``.
        :param rule_ids: for a ``"violation"`` report, the server rules (ids or rule
            dicts) that were broken (the server refuses them for other categories).
        :returns: the updated :class:`AdminReport`.
        :raises MastodonIllegalArgumentError: when nothing would change.
        """
        if category is None and rule_ids is None:
            raise MastodonIllegalArgumentError("admin_update_report: give category, rule_ids or both")
        params = {
            "category": as_choice(category, "category", REPORT_CATEGORIES),
            "rule_ids": None if rule_ids is None else self._unpack_ids(rule_ids, "rule_ids"),
        }
        return self._put(f"/api/v1/admin/reports/{self._id(id)}", params, returns=AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_assign(self, id: EntityOrId) -> AdminReport:
        """Take charge of a report: assign it to the logged-in moderator.

        :param id: the report, or its id.
        :returns: the updated :class:`AdminReport`.
        """
        return self._post(f"/api/v1/admin/reports/{self._id(id)}/assign_to_self", returns=AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_unassign(self, id: EntityOrId) -> AdminReport:
        """Leave a report without an assigned moderator.

        :param id: the report, or its id.
        :returns: the updated :class:`AdminReport`.
        """
        return self._post(f"/api/v1/admin/reports/{self._id(id)}/unassign", returns=AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_resolve(self, id: EntityOrId) -> AdminReport:
        """Close a report without taking further action.

        :param id: the report, or its id.
        :returns: the updated :class:`AdminReport`.
        """
        return self._post(f"/api/v1/admin/reports/{self._id(id)}/resolve", returns=AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_reopen(self, id: EntityOrId) -> AdminReport:
        """Open a closed report again.

        :param id: the report, or its id.
        :returns: the updated :class:`AdminReport`.
        """
        return self._post(f"/api/v1/admin/reports/{self._id(id)}/reopen", returns=AdminReport)
