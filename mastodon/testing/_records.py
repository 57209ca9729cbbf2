"""The records a :class:`~mastodon.testing.LocalInstance` keeps in memory.

Plain mutable classes, one per kind of thing the API talks about. They hold
facts only (who follows whom is kept on the accounts, counts are computed when
an entity is rendered); the rules that change them live in ``_store`` and the
rule modules above it, and ``_render`` turns them into the JSON the API answers
with. Also here: the instance's clock and its ids.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


class Clock:
    """Wall-clock time plus an offset that :meth:`LocalInstance.advance_time` moves."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset


class Snowflakes:
    """Mastodon-style ids: milliseconds since the epoch shifted left 16 bits, plus
    a sequence. Strictly increasing, so sorting by id sorts by creation time."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            value = max(int(self._clock.now() * 1000) << 16, self._last + 1)
            self._last = value
            return value


def iso(moment: float | None) -> str | None:
    """ISO 8601 in UTC with milliseconds and ``Z``, as Mastodon writes dates."""
    if moment is None:
        return None
    stamp = datetime.fromtimestamp(moment, timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def day(moment: float) -> str:
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%d")


# -- records -----------------------------------------------------------------------------


@dataclass(eq=False)
class App:
    id: int
    name: str
    website: str | None
    scopes: list[str]
    redirect_uris: list[str]
    client_id: str
    client_secret: str
    created_at: float


@dataclass(eq=False)
class Token:
    value: str
    app: App
    account_id: int | None  # None: an app token (client credentials grant)
    scopes: list[str]
    created_at: float
    revoked: bool = False


@dataclass(eq=False)
class AuthCode:
    code: str
    app: App
    account_id: int
    scopes: list[str]
    redirect_uri: str
    challenge: str | None
    expires_at: float


@dataclass(eq=False)
class Account:
    id: int
    username: str
    email: str
    password: str
    created_at: float
    display_name: str = ""
    note: str = ""
    locked: bool = False
    bot: bool = False
    discoverable: bool = True
    indexable: bool = False
    fields: list[tuple[str, str]] = field(default_factory=list)
    avatar_media: int | None = None
    header_media: int | None = None
    default_visibility: str = "public"
    default_sensitive: bool = False
    default_language: str | None = None
    # account id -> follow record id (for paging followers/following as Mastodon does)
    following: dict[int, int] = field(default_factory=dict)
    followers: dict[int, int] = field(default_factory=dict)
    show_reblogs: dict[int, bool] = field(default_factory=dict)  # per followed account
    notify: dict[int, bool] = field(default_factory=dict)
    requested: dict[int, int] = field(default_factory=dict)  # outgoing follow requests
    requested_by: dict[int, int] = field(default_factory=dict)  # incoming follow requests
    blocking: dict[int, int] = field(default_factory=dict)
    muting: dict[int, tuple[int, bool, float | None]] = field(default_factory=dict)  # id, notifications, expires
    notes: dict[int, str] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)
    favourites: list[tuple[int, int]] = field(default_factory=list)  # (favourite id, status id)
    bookmarks: list[tuple[int, int]] = field(default_factory=list)
    followed_tags: dict[str, int] = field(default_factory=dict)  # tag name -> follow record id
    notification_policy: dict[str, str] = field(default_factory=dict)  # the NotificationPolicy's for_* values
    notification_permissions: set[int] = field(default_factory=set)  # senders whose requests were accepted
    last_status_at: float | None = None


@dataclass(eq=False)
class Media:
    id: int
    account_id: int
    kind: str  # image, gifv, video, audio, unknown
    mime: str
    filename: str
    data: bytes
    created_at: float
    ready_at: float
    description: str | None = None
    focus: tuple[float, float] | None = None
    status_id: int | None = None
    width: int | None = None
    height: int | None = None


@dataclass(eq=False)
class Poll:
    id: int
    status_id: int
    options: list[str]
    multiple: bool
    hide_totals: bool
    expires_at: float | None
    votes: dict[int, list[int]] = field(default_factory=dict)  # account id -> option indexes
    ended_notified: bool = False


@dataclass(eq=False)
class Version:
    """One version of a status, kept for its edit history."""

    text: str
    content: str
    spoiler_text: str
    sensitive: bool
    media_ids: list[int]
    poll_options: list[str] | None
    created_at: float


@dataclass(eq=False)
class Status:
    id: int
    account_id: int
    created_at: float
    text: str = ""
    content: str = ""
    visibility: str = "public"
    sensitive: bool = False
    spoiler_text: str = ""
    language: str | None = None
    in_reply_to_id: int | None = None
    in_reply_to_account_id: int | None = None
    reblog_of: int | None = None
    media_ids: list[int] = field(default_factory=list)
    poll_id: int | None = None
    mentions: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    app_id: int | None = None
    edited_at: float | None = None
    history: list[Version] = field(default_factory=list)
    favourited_by: dict[int, int] = field(default_factory=dict)  # account id -> favourite id
    reblogged_by: dict[int, int] = field(default_factory=dict)  # account id -> reblog status id
    bookmarked_by: set[int] = field(default_factory=set)
    muted_by: set[int] = field(default_factory=set)
    replies: list[int] = field(default_factory=list)
    conversation: int = 0


@dataclass(eq=False)
class Notification:
    id: int
    account_id: int  # the recipient
    type: str
    from_id: int
    created_at: float
    status_id: int | None = None
    group_key: str = ""
    filtered: bool = False  # held back by the recipient's notification policy


@dataclass(eq=False)
class NotificationRequest:
    """The notifications from one sender that a recipient's policy filtered."""

    id: int
    account_id: int  # the recipient
    from_id: int
    created_at: float
    updated_at: float
    note_ids: list[int] = field(default_factory=list)


@dataclass(eq=False)
class Conversation:
    """One account's view of a direct-message thread (Mastodon's AccountConversation)."""

    id: int
    account_id: int
    thread: int
    participants: list[int]
    last_status_id: int
    unread: bool


@dataclass(eq=False)
class ListRecord:
    id: int
    account_id: int
    title: str
    replies_policy: str = "list"
    exclusive: bool = False
    members: dict[int, int] = field(default_factory=dict)


@dataclass(eq=False)
class Keyword:
    id: int
    keyword: str
    whole_word: bool


@dataclass(eq=False)
class FilterRecord:
    id: int
    account_id: int
    title: str
    context: list[str]
    action: str
    expires_at: float | None
    keywords: list[Keyword] = field(default_factory=list)
    statuses: list[tuple[int, int]] = field(default_factory=list)  # (filter status id, status id)


@dataclass(eq=False)
class FeaturedTag:
    id: int
    account_id: int
    name: str


@dataclass(eq=False)
class Report:
    id: int
    account_id: int
    target_id: int
    status_ids: list[int]
    comment: str
    forward: bool
    category: str
    rule_ids: list[str]
    created_at: float


@dataclass(eq=False)
class Scheduled:
    id: int
    account_id: int
    scheduled_at: float
    params: dict[str, Any]
    media_ids: list[int]
    app_id: int | None


@dataclass(eq=False)
class Announcement:
    """A message from the instance's staff (here: from :meth:`LocalInstance.announce`)."""

    id: int
    text: str
    content: str
    published_at: float
    starts_at: float | None = None
    ends_at: float | None = None
    all_day: bool = False
    mentions: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    read_by: set[int] = field(default_factory=set)
    reactions: dict[str, list[int]] = field(default_factory=dict)  # emoji -> accounts, in order of reaction


@dataclass(eq=False)
class Marker:
    last_read_id: str
    version: int
    updated_at: float
