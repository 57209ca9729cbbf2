"""Notifications: reading them (plain and grouped), dismissing them, and the
policy that filters them into notification requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _policy as policy
from ._errors import invalid, not_found
from ._paging import Bounds, Page, paginate
from ._records import Account, Notification, NotificationRequest, Status
from ._store import Store

NOTIFICATION_TYPES = ("mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update")
GROUPED_TYPES = ("favourite", "follow", "reblog")


@dataclass
class NotificationQuery:
    """Which notifications a request asks for, beyond paging."""

    types: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    from_account: int | None = None
    include_filtered: bool = False

    def wants(self, note: Notification) -> bool:
        if (self.types and note.type not in self.types) or note.type in self.exclude:
            return False
        if self.from_account is not None and note.from_id != self.from_account:
            return False
        return self.include_filtered or not note.filtered


class NotificationRules(Store):
    """Notifications as their recipient reads them, and its notification policy."""

    def notification_page(self, viewer: Account, bounds: Bounds, query: NotificationQuery) -> Page[Notification]:
        notes = {n.id: n for n in self.notifications.get(viewer.id, [])}

        def item(key: int) -> Notification | None:
            note = notes[key]
            return note if query.wants(note) and self._notification_visible(viewer, note) else None

        return paginate(sorted(notes), item, bounds)

    def _notification_visible(self, viewer: Account, note: Notification) -> bool:
        sender = self.accounts.get(note.from_id)
        if sender is None or (note.type != "poll" and self.is_muted(viewer, sender.id, True)):
            return False
        if note.status_id is not None:
            status = self.statuses.get(note.status_id)
            if status is None or not self.can_see(viewer, status):
                return False
            if viewer.id in status.muted_by and note.type == "mention":
                return False
            if self.hidden_by_filter(viewer, status, "notifications"):
                return False
        return True

    def notification(self, viewer: Account, note_id: Any) -> Notification:
        for note in self.notifications.get(viewer.id, []):
            if str(note.id) == str(note_id) and self._notification_visible(viewer, note):
                return note
        raise not_found()

    def dismiss(self, viewer: Account, note_id: Any) -> None:
        note = self.notification(viewer, note_id)
        self.notifications[viewer.id].remove(note)

    def unread_notifications(self, viewer: Account, bounds: Bounds) -> int:
        """How many of a page of notifications are newer than the viewer's notifications marker."""
        marker = self.markers.get(viewer.id, {}).get("notifications")
        last = int(marker.last_read_id) if marker is not None and marker.last_read_id.isdigit() else 0
        return sum(1 for note in self.notification_page(viewer, bounds, NotificationQuery()) if note.id > last)

    # -- grouped -------------------------------------------------------------------------

    def grouped(
        self, viewer: Account, bounds: Bounds, query: NotificationQuery, grouped_types: list[str] | None
    ) -> tuple[list[tuple[str, list[Notification]]], Page[Notification]]:
        """Mastodon's grouped notifications: a page of notifications, and one group
        (its key and its notifications, newest first) per ``group_key`` among them."""
        page = self.notification_page(viewer, bounds, query)
        allowed = GROUPED_TYPES if grouped_types is None else [t for t in grouped_types if t in GROUPED_TYPES]
        groups: dict[str, list[Notification]] = {}
        for note in page:
            key = note.group_key if note.type in allowed else f"ungrouped-{note.id}"
            groups.setdefault(key, []).append(note)
        return list(groups.items()), page

    def notification_group(self, viewer: Account, group_key: str) -> list[Notification]:
        """The notifications of one group, newest first: those with the key, or the one
        an ``ungrouped-<id>`` key names. A group with none the viewer may see is not found."""
        single = group_key.removeprefix("ungrouped-") if group_key.startswith("ungrouped-") else None
        members = [
            note
            for note in reversed(self.notifications.get(viewer.id, []))
            if (note.group_key == group_key or str(note.id) == single) and not note.filtered and self._notification_visible(viewer, note)
        ]
        if not members:
            raise not_found()
        return members

    def dismiss_group(self, viewer: Account, group_key: str) -> None:
        dismissed = self.notification_group(viewer, group_key)
        self.notifications[viewer.id] = [note for note in self.notifications[viewer.id] if note not in dismissed]

    # -- the policy and its requests -------------------------------------------------------

    def update_notification_policy(self, viewer: Account, changes: dict[str, str | None]) -> None:
        """Set the ``for_*`` settings given (``None``: unchanged) to accept, filter or drop."""
        for name, value in changes.items():
            if value is not None and value not in policy.ACTIONS:
                raise invalid(f"{name.replace('_', ' ').capitalize()} is not included in the list")
        viewer.notification_policy.update({name: value for name, value in changes.items() if value is not None})

    def pending_requests(self, viewer: Account) -> list[NotificationRequest]:
        """The viewer's requests that still hold a notification it may see, oldest first."""
        return [r for r in self.notification_requests.values() if r.account_id == viewer.id and self.held_notes(viewer, r)]

    def held_notes(self, viewer: Account, request: NotificationRequest) -> list[Notification]:
        held = set(request.note_ids)
        return [n for n in self.notifications.get(viewer.id, []) if n.id in held and n.filtered and self._notification_visible(viewer, n)]

    def request_page(self, viewer: Account, bounds: Bounds) -> Page[NotificationRequest]:
        requests = {r.id: r for r in self.pending_requests(viewer)}
        return paginate(sorted(requests), requests.get, bounds)

    def notification_request(self, viewer: Account, request_id: Any) -> NotificationRequest:
        found = next((r for r in self.pending_requests(viewer) if str(r.id) == str(request_id)), None)
        if found is None:
            raise not_found()
        return found

    def answer_notification_request(self, viewer: Account, request: NotificationRequest, accept: bool) -> None:
        """Accept (its notifications join the others, and the sender is let through from
        now on) or dismiss (they stay filtered) a notification request."""
        del self.notification_requests[request.id]
        if not accept:
            return
        viewer.notification_permissions.add(request.from_id)
        for note in self.held_notes(viewer, request):
            note.filtered = False

    def request_last_status(self, viewer: Account, request: NotificationRequest) -> Status | None:
        statuses = [
            self.statuses[sid] for n in self.held_notes(viewer, request) if (sid := n.status_id) is not None and sid in self.statuses
        ]
        return statuses[-1] if statuses else None
