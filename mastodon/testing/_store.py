"""The base of the in-memory state: collections, look-ups, visibility, and the
events the state reports as it changes.

Every read and write of the state happens under ``State.lock`` (one re-entrant
lock for everything: the server is for tests, and one lock cannot deadlock or
let two requests see half of each other's changes).
"""

from __future__ import annotations

import bisect
import threading
from typing import Any, Protocol

from . import _policy as policy
from ._errors import not_found, parse_id
from ._records import (
    Account,
    Announcement,
    App,
    AuthCode,
    Clock,
    Conversation,
    FeaturedTag,
    FilterRecord,
    ListRecord,
    Marker,
    Media,
    Notification,
    NotificationRequest,
    Poll,
    Report,
    Scheduled,
    Snowflakes,
    Status,
    Token,
)
from ._text import keyword_matches, without_tags

VISIBILITIES = ("public", "unlisted", "private", "direct")


class Events(Protocol):
    """What the state reports as it changes. The streaming hub listens; the
    state knows it only as this, so that it sits below the hub."""

    def status(self, status: Status, event: str) -> None:
        """A status was published or boosted (``update``) or edited (``status.update``)."""

    def deleted(self, status: Status) -> None:
        """A status was deleted (and is still in the state while this runs)."""

    def notification(self, note: Notification) -> None:
        """A notification was recorded for its recipient."""

    def conversation(self, view: Conversation) -> None:
        """A participant's view of a direct conversation changed."""

    def filters_changed(self, account_id: int) -> None:
        """An account's filters changed."""

    def announcement(self, record: Announcement, event: str, reaction: str | None = None) -> None:
        """An announcement was published (``announcement``), deleted (``announcement.delete``)
        or reacted to (``announcement.reaction``, with the reaction's name)."""


class Unheard:
    """The events of a state nobody listens to (yet): dropped."""

    def status(self, status: Status, event: str) -> None:
        pass

    def deleted(self, status: Status) -> None:
        pass

    def notification(self, note: Notification) -> None:
        pass

    def conversation(self, view: Conversation) -> None:
        pass

    def filters_changed(self, account_id: int) -> None:
        pass

    def announcement(self, record: Announcement, event: str, reaction: str | None = None) -> None:
        pass


class Store:
    """Collections and the questions every area asks of them."""

    def __init__(self, domain: str) -> None:
        self.lock = threading.RLock()
        self.events: Events = Unheard()
        self.clock = Clock()
        self.ids = Snowflakes(self.clock)
        self.domain = domain
        self.base_url = f"http://{domain}"
        self.streaming_url = self.base_url
        self.media_delay = 0.0
        self.auto_authorize: str | None = None
        self.heartbeat = 1.0
        self.meta: dict[str, Any] = {
            "title": "pytooter local instance",
            "description": "A Mastodon-compatible server running in memory, for tests and demos.",
            "email": f"admin@{domain.split(':')[0]}",
            "version": "4.4.0",
            "software": "mastodon",
            "registrations": True,
            "api_versions": {"mastodon": 6},
        }
        self.apps: dict[int, App] = {}
        self.apps_by_client: dict[str, App] = {}
        self.tokens: dict[str, Token] = {}
        self.codes: dict[str, AuthCode] = {}
        self.accounts: dict[int, Account] = {}
        self.by_username: dict[str, Account] = {}
        self.by_email: dict[str, Account] = {}
        self.statuses: dict[int, Status] = {}
        self.status_ids: list[int] = []  # every status, ascending (reblogs included)
        self.by_account: dict[int, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.tags: dict[str, int] = {}  # every hashtag the server has seen -> its id
        self.featured_tags: dict[int, FeaturedTag] = {}
        self.media: dict[int, Media] = {}
        self.polls: dict[int, Poll] = {}
        self.notifications: dict[int, list[Notification]] = {}
        self.conversations: dict[int, dict[int, Conversation]] = {}  # account -> thread -> view
        self.lists: dict[int, ListRecord] = {}
        self.filters: dict[int, FilterRecord] = {}
        self.markers: dict[int, dict[str, Marker]] = {}
        self.reports: dict[int, Report] = {}
        self.scheduled: dict[int, Scheduled] = {}
        self.announcements: dict[int, Announcement] = {}
        self.notification_requests: dict[int, NotificationRequest] = {}
        self.idempotency: dict[tuple[int, str], tuple[float, int]] = {}
        self.rules = [("1", "Be kind to each other.", ""), ("2", "No spam.", "Automated posting must be marked as a bot.")]

    # -- look-ups -----------------------------------------------------------------------

    def account(self, account_id: Any) -> Account:
        found = self.accounts.get(parse_id(account_id))
        if found is None:
            raise not_found()
        return found

    def status_record(self, status_id: Any) -> Status:
        found = self.statuses.get(parse_id(status_id))
        if found is None:
            raise not_found()
        return found

    def local_user(self, name: str, domain: str | None) -> Account | None:
        if domain is not None and domain.lower() != self.domain.lower():
            return None
        return self.by_username.get(name.lower())

    def tag_id(self, name: str) -> int:
        """The id of a hashtag (lower case), given to it the first time it is seen."""
        if name not in self.tags:
            self.tags[name] = self.ids.next()
        return self.tags[name]

    def now(self) -> float:
        return self.clock.now()

    def original(self, status: Status) -> Status:
        return self.statuses[status.reblog_of] if status.reblog_of is not None else status

    # -- who may see what ----------------------------------------------------------------

    @staticmethod
    def blocked_between(a: Account, b: Account) -> bool:
        return b.id in a.blocking or a.id in b.blocking

    def is_muted(self, viewer: Account, other_id: int, for_notifications: bool = False) -> bool:
        entry = viewer.muting.get(other_id)
        if entry is None:
            return False
        _, notifications, expires = entry
        if expires is not None and expires <= self.now():
            del viewer.muting[other_id]
            return False
        return notifications if for_notifications else True

    def can_see(self, viewer: Account | None, status: Status) -> bool:
        """Mastodon's rule for showing one status (``StatusPolicy#show?``)."""
        author = self.accounts[status.account_id]
        if status.reblog_of is not None:
            original = self.statuses.get(status.reblog_of)
            if original is None or not self.can_see(viewer, original):
                return False
        if viewer is not None and viewer.id == author.id:
            return True
        if status.visibility == "direct":
            return viewer is not None and viewer.id in status.mentions
        if status.visibility == "private":
            return viewer is not None and (viewer.id in author.followers or viewer.id in status.mentions)
        return viewer is None or viewer.id not in author.blocking

    def shows_in_feeds(self, viewer: Account | None, status: Status) -> bool:
        """Visible, and nothing the viewer blocked or muted takes part in it."""
        if not self.can_see(viewer, status):
            return False
        if viewer is None:
            return True
        involved = [status.account_id]
        if status.reblog_of is not None:
            involved.append(self.statuses[status.reblog_of].account_id)
        for other in involved:
            if other == viewer.id:
                continue
            if self.blocked_between(viewer, self.accounts[other]) or self.is_muted(viewer, other):
                return False
        return True

    def shown_in(self, viewer: Account | None, status: Status, context: str) -> bool:
        """Shown in a feed of the given filter context: visible, nothing blocked or
        muted takes part, and no filter of the viewer hides it there."""
        return self.shows_in_feeds(viewer, status) and not self.hidden_by_filter(viewer, status, context)

    # -- filters -------------------------------------------------------------------------

    def active_filters(self, viewer: Account, context: str) -> list[FilterRecord]:
        now = self.now()
        return [
            f
            for f in self.filters.values()
            if f.account_id == viewer.id and context in f.context and (f.expires_at is None or f.expires_at > now)
        ]

    def filter_matches(self, viewer: Account, status: Status, context: str) -> list[tuple[FilterRecord, list[str], list[str]]]:
        """Which of the viewer's filters match a status in a context: each with the
        keywords found and the ids of the statuses it names (Mastodon's ``filtered``)."""
        if status.account_id == viewer.id:
            return []
        searchable = " ".join(
            [without_tags(status.content), status.spoiler_text]
            + [self.media[m].description or "" for m in status.media_ids if m in self.media]
            + (self.polls[status.poll_id].options if status.poll_id in self.polls else [])
        )
        matches = []
        for record in self.active_filters(viewer, context):
            words = [k.keyword for k in record.keywords if keyword_matches(k.keyword, k.whole_word, searchable)]
            by_status = [str(sid) for _, sid in record.statuses if sid == status.id]
            if words or by_status:
                matches.append((record, words, by_status))
        return matches

    def hidden_by_filter(self, viewer: Account | None, status: Status, context: str) -> bool:
        if viewer is None:
            return False
        return any(record.action == "hide" for record, _, _ in self.filter_matches(viewer, self.original(status), context))

    # -- changes -------------------------------------------------------------------------

    def index_status(self, status: Status) -> None:
        self.statuses[status.id] = status
        self.status_ids.append(status.id)  # ids only grow, so the list stays sorted
        self.by_account.setdefault(status.account_id, []).append(status.id)
        for tag in status.tags:
            self.tag_id(tag)
            self.by_tag.setdefault(tag, []).append(status.id)

    def unindex_status(self, status: Status) -> None:
        del self.statuses[status.id]
        for keys in (self.status_ids, self.by_account.get(status.account_id, []), *(self.by_tag.get(t, []) for t in status.tags)):
            index = bisect.bisect_left(keys, status.id)
            if index < len(keys) and keys[index] == status.id:
                del keys[index]

    def release_media(self, media_ids: list[int]) -> None:
        """Detach media from the status (or scheduled status) that used them."""
        for media_id in media_ids:
            if media_id in self.media:
                self.media[media_id].status_id = None

    def notify(self, recipient: Account, kind: str, sender: Account, status: Status | None = None) -> Notification | None:
        """Record a notification (unless the recipient blocks or mutes the sender, or its
        notification policy drops it) and report it; one the policy filters is held back
        in a notification request instead."""
        if recipient.id == sender.id and kind != "poll":
            return None
        if kind != "poll" and (self.blocked_between(recipient, sender) or self.is_muted(recipient, sender.id, True)):
            return None
        now = self.now()
        action = policy.verdict(recipient, sender, kind, status, now)
        if action == "drop":
            return None
        note = Notification(self.ids.next(), recipient.id, kind, sender.id, now, status.id if status is not None else None)
        slot = int(now // 3600)
        if kind in ("favourite", "reblog") and status is not None:
            note.group_key = f"{kind}-{status.id}-{slot}"
        elif kind == "follow":
            note.group_key = f"follow-{recipient.id}-{slot}"
        else:
            note.group_key = f"ungrouped-{note.id}"
        self.notifications.setdefault(recipient.id, []).append(note)
        if action == "filter":
            self._hold_back(note)
        else:
            self.events.notification(note)
        return note

    def _hold_back(self, note: Notification) -> None:
        """File a filtered notification under the request of its sender."""
        note.filtered = True
        request = next(
            (r for r in self.notification_requests.values() if (r.account_id, r.from_id) == (note.account_id, note.from_id)), None
        )
        if request is None:
            request = NotificationRequest(self.ids.next(), note.account_id, note.from_id, note.created_at, note.created_at)
            self.notification_requests[request.id] = request
        request.note_ids.append(note.id)
        request.updated_at = note.created_at
