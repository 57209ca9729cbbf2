"""The base of the in-memory state: collections, look-ups, visibility and paging.

Every read and write of the state happens under ``State.lock`` (one re-entrant
lock for everything: the server is for tests, and one lock cannot deadlock or
let two requests see half of each other's changes).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .model import (
    Account,
    ApiError,
    App,
    AuthCode,
    Clock,
    Conversation,
    FilterRecord,
    ListRecord,
    Marker,
    Media,
    Notification,
    Poll,
    Report,
    Scheduled,
    Snowflakes,
    Status,
    Token,
    not_found,
)

if TYPE_CHECKING:
    from .streaming import Hub

T = TypeVar("T")

VISIBILITIES = ("public", "unlisted", "private", "direct")


class Page(list[T]):
    """One page of results and the ids its ``Link`` header points from.

    ``first_id``/``last_id`` are the paging ids of the first and last item (for
    favourites or followers they are not the entities' own ids, as in Mastodon);
    ``full`` says whether the page was filled up to its limit, which is when
    Mastodon sends a ``next`` link.
    """

    first_id: int | None = None
    last_id: int | None = None
    full: bool = False


def parse_id(value: Any) -> int:
    """A record id from a URL or parameter; unknown shapes are simply not found."""
    text = str(value)
    if not text.isdigit() or len(text) > 20:
        raise not_found()
    return int(text)


def paginate(
    keys: list[int],
    item: Callable[[int], T | None],
    max_id: int | None,
    since_id: int | None,
    min_id: int | None,
    limit: int,
) -> Page[T]:
    """Walk ``keys`` (paging ids, ascending) the way Mastodon pages: newest first
    below ``max_id`` and above ``since_id``; with ``min_id``, the oldest ones
    right after it (still returned newest first). ``item`` maps a key to the
    entity, or ``None`` to skip it (not visible to the viewer)."""
    page: Page[T] = Page()
    if limit <= 0:
        return page
    low = bisect.bisect_right(keys, min_id if min_id is not None else since_id if since_id is not None else -1)
    high = bisect.bisect_left(keys, max_id) if max_id is not None else len(keys)
    picked: list[tuple[int, T]] = []
    if min_id is not None:
        if since_id is not None:
            low = max(low, bisect.bisect_right(keys, since_id))
        index = low
        while index < high and len(picked) < limit:
            entity = item(keys[index])
            if entity is not None:
                picked.append((keys[index], entity))
            index += 1
        picked.reverse()
    else:
        index = high - 1
        while index >= low and len(picked) < limit:
            entity = item(keys[index])
            if entity is not None:
                picked.append((keys[index], entity))
            index -= 1
    page.extend(entity for _, entity in picked)
    if picked:
        page.first_id, page.last_id = picked[0][0], picked[-1][0]
    page.full = len(picked) == limit
    return page


class StoreBase:
    """Collections and the questions every area asks of them."""

    hub: Hub

    def __init__(self, domain: str) -> None:
        self.lock = threading.RLock()
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
        self.media: dict[int, Media] = {}
        self.polls: dict[int, Poll] = {}
        self.notifications: dict[int, list[Notification]] = {}
        self.conversations: dict[int, dict[int, Conversation]] = {}  # account -> thread -> view
        self.lists: dict[int, ListRecord] = {}
        self.filters: dict[int, FilterRecord] = {}
        self.markers: dict[int, dict[str, Marker]] = {}
        self.reports: dict[int, Report] = {}
        self.scheduled: dict[int, Scheduled] = {}
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

    def now(self) -> float:
        return self.clock.now()

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

    def original(self, status: Status) -> Status:
        return self.statuses[status.reblog_of] if status.reblog_of is not None else status

    # -- changes -------------------------------------------------------------------------

    def index_status(self, status: Status) -> None:
        self.statuses[status.id] = status
        self.status_ids.append(status.id)  # ids only grow, so the list stays sorted
        self.by_account.setdefault(status.account_id, []).append(status.id)
        for tag in status.tags:
            self.by_tag.setdefault(tag, []).append(status.id)

    def unindex_status(self, status: Status) -> None:
        del self.statuses[status.id]
        for keys in (self.status_ids, self.by_account.get(status.account_id, []), *(self.by_tag.get(t, []) for t in status.tags)):
            index = bisect.bisect_left(keys, status.id)
            if index < len(keys) and keys[index] == status.id:
                del keys[index]

    @staticmethod
    def iter_desc(keys: Iterable[int]) -> Iterator[int]:
        return iter(sorted(keys, reverse=True))

    def notify(self, recipient: Account, kind: str, sender: Account, status: Status | None = None) -> Notification | None:
        """Record a notification (unless the recipient blocks or mutes the sender) and stream it."""
        if recipient.id == sender.id and kind != "poll":
            return None
        if kind != "poll" and (self.blocked_between(recipient, sender) or self.is_muted(recipient, sender.id, True)):
            return None
        now = self.now()
        note = Notification(self.ids.next(), recipient.id, kind, sender.id, now, status.id if status is not None else None)
        slot = int(now // 3600)
        if kind in ("favourite", "reblog") and status is not None:
            note.group_key = f"{kind}-{status.id}-{slot}"
        elif kind == "follow":
            note.group_key = f"follow-{recipient.id}-{slot}"
        else:
            note.group_key = f"ungrouped-{note.id}"
        self.notifications.setdefault(recipient.id, []).append(note)
        self.hub.notification(note)
        return note


def require(condition: bool, error: ApiError) -> None:
    if not condition:
        raise error
