"""Streaming: which connection gets which event, and the SSE side of it.

The state reports what happened (a status posted, edited or deleted, a
notification, a conversation update, changed filters) to its ``events``, which
the instance points at the :class:`Hub`; the hub asks, for every open connection
and each stream it subscribed to, whether that stream carries the event for that
viewer, renders the payload for the viewer and queues it. Each connection drains
its own queue: the SSE response below, or the WebSocket handler in ``_websocket``.
"""

from __future__ import annotations

import json
import queue
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ._errors import ApiError
from ._records import Account, Announcement, Conversation, Notification, Status

if TYPE_CHECKING:
    from ._state import State

STREAMS = (
    "user",
    "user:notification",
    "public",
    "public:media",
    "public:local",
    "public:local:media",
    "public:remote",
    "public:remote:media",
    "hashtag",
    "hashtag:local",
    "list",
    "direct",
)
_NEEDS_USER = ("user", "user:notification", "list", "direct")

Event = tuple[list[str], str, "str | None"]


class Closing:
    """Queued to make a connection end: cleanly (the server stops) or by a drop."""

    def __init__(self, drop: bool) -> None:
        self.drop = drop


class Subscription:
    """One stream of one connection: ``user``, ``hashtag`` with its tag, and so on."""

    def __init__(self, name: str, account: Account | None, tag: str | None = None, list_id: int | None = None) -> None:
        self.name = name
        self.account = account
        self.tag = tag
        self.list_id = list_id

    @property
    def label(self) -> list[str]:
        """The ``stream`` array Mastodon puts in WebSocket messages."""
        if self.tag is not None:
            return [self.name, self.tag]
        if self.list_id is not None:
            return [self.name, str(self.list_id)]
        return [self.name]

    def same(self, other: Subscription) -> bool:
        return self.label == other.label


class Connection:
    """An open streaming connection and its queue of events."""

    def __init__(self, account: Account | None) -> None:
        self.account = account
        self.subscriptions: list[Subscription] = []
        self.queue: queue.SimpleQueue[Event | Closing] = queue.SimpleQueue()

    def push(self, item: Event | Closing) -> None:
        self.queue.put(item)


def open_subscription(state: State, account: Account | None, name: str, tag: str | None, list_param: Any) -> Subscription:
    """Check a requested stream as Mastodon's streaming server does and build it."""
    if name not in STREAMS:
        raise ApiError(400, "Unknown stream type")
    if name in _NEEDS_USER and account is None:
        raise ApiError(401, "Missing access token")
    if name.startswith("hashtag"):
        if not tag:
            raise ApiError(400, "No tag for stream provided")
        return Subscription(name, account, tag=tag.lstrip("#").lower())
    if name == "list":
        assert account is not None
        try:
            record = state.own_list(account, list_param)
        except ApiError:
            raise ApiError(404, "List not found") from None
        return Subscription(name, account, list_id=record.id)
    return Subscription(name, account)


class Hub:
    """Fans the state's events out to the open connections (the state calls it
    under its lock); it is the state's :class:`~._store.Events`."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.connections: set[Connection] = set()

    def add(self, connection: Connection) -> None:
        with self.state.lock:
            self.connections.add(connection)

    def remove(self, connection: Connection) -> None:
        with self.state.lock:
            self.connections.discard(connection)

    def close_all(self, drop: bool) -> int:
        with self.state.lock:
            connections = list(self.connections)
            self.connections.clear()
        for connection in connections:
            connection.push(Closing(drop))
        return len(connections)

    # -- what a stream carries -----------------------------------------------------------

    def _carries(self, sub: Subscription, status: Status) -> str | None:
        """The filter context under which ``sub`` carries ``status``, or None."""
        state = self.state
        name = sub.name
        if name == "user":
            assert sub.account is not None
            return "home" if state.in_home(sub.account, status) else None
        if name.startswith("public"):
            local, remote, media = ":local" in name, ":remote" in name, name.endswith(":media")
            return "public" if state.in_public(sub.account, status, local, remote, media) else None
        if name.startswith("hashtag"):
            original = state.original(status)
            if sub.tag not in original.tags or status.reblog_of is not None:
                return None
            return "public" if state.in_public(sub.account, status, False, False, False) else None
        if name == "list":
            record = state.lists.get(sub.list_id or 0)
            return "home" if record is not None and state.in_list(record, status) else None
        return None

    def status(self, status: Status, event: str) -> None:
        for connection in list(self.connections):
            for sub in connection.subscriptions:
                context = self._carries(sub, status)
                if context is not None:
                    payload = self.state.render_status(status, sub.account, context)
                    connection.push((sub.label, event, json.dumps(payload)))

    def deleted(self, status: Status) -> None:
        for connection in list(self.connections):
            for sub in connection.subscriptions:
                if self._carries(sub, status) is not None:
                    connection.push((sub.label, "delete", str(status.id)))

    def notification(self, note: Notification) -> None:
        self._to_account(
            note.account_id, ("user", "user:notification"), "notification", lambda viewer: self.state.render_notification(note, viewer)
        )

    def conversation(self, view: Conversation) -> None:
        self._to_account(view.account_id, ("direct",), "conversation", lambda viewer: self.state.render_conversation(view, viewer))

    def filters_changed(self, account_id: int) -> None:
        self._to_account(account_id, ("user",), "filters_changed", None)

    def announcement(self, record: Announcement, event: str, reaction: str | None = None) -> None:
        for connection in list(self.connections):
            for sub in connection.subscriptions:
                if sub.name == "user" and sub.account is not None:
                    connection.push((sub.label, event, self._announcement_payload(record, event, reaction, sub.account)))

    def _announcement_payload(self, record: Announcement, event: str, reaction: str | None, viewer: Account) -> str:
        if event == "announcement":
            return json.dumps(self.state.render_announcement(record, viewer))
        if event == "announcement.reaction":
            name = reaction or ""
            return json.dumps({"name": name, "count": len(record.reactions.get(name, [])), "announcement_id": str(record.id)})
        return str(record.id)  # announcement.delete

    def _to_account(self, account_id: int, streams: tuple[str, ...], event: str, render: Callable[[Account], Any] | None) -> None:
        """Queue an event for the streams of one account (with ``render``'s payload, if any)."""
        for connection in list(self.connections):
            for sub in connection.subscriptions:
                if sub.name in streams and sub.account is not None and sub.account.id == account_id:
                    payload = json.dumps(render(sub.account)) if render is not None else None
                    connection.push((sub.label, event, payload))


def sse_events(hub: Hub, connection: Connection, heartbeat: float, on_drop: Any) -> Iterator[bytes]:
    """The body of an SSE response: events as they come, a ``:thump`` comment when
    idle. Ends when the server stops; a requested drop cuts the connection."""
    try:
        yield b":)\n"
        while True:
            try:
                item = connection.queue.get(timeout=heartbeat)
            except queue.Empty:
                yield b":thump\n"
                continue
            if isinstance(item, Closing):
                if item.drop:
                    on_drop()
                return
            _, event, payload = item
            data = payload if payload is not None else "undefined"
            yield f"event: {event}\ndata: {data}\n\n".encode()
    finally:
        hub.remove(connection)
