"""Stream listeners, the server-sent events reader and the stream handles.

How the pieces fit::

    Mastodon.stream_user(listener, ...)         streaming_endpoints.py
        -> connect_func() -> requests.Response   (GET /api/v1/streaming/..., SSE)
        -> blocking: listener.handle_stream(response)
           run_async: SSEStreamHandle(response, connect_func, ...) runs the same
           reader in a daemon thread, reconnecting with backoff and, when asked
           to, catching up over REST (CatchUp) after each reconnect.

    read_sse(read, on_event, on_heartbeat)     the SSE parser (hot path)
    decode_event(name, data)                   payload -> result types
    StreamListener._deliver(name, payload)     payload -> on_update(...) etc.

The WebSocket transport (``streaming_websocket.py``) shares the listener, the
event decoding, the backoff and the catch-up logic.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
import urllib3.exceptions

from .errors import (
    MastodonAPIError,
    MastodonError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServerError,
)
from .types import (
    Announcement,
    AttribAccessDict,
    Conversation,
    IdType,
    Notification,
    Status,
    decode_json,
)

__all__ = [
    "StreamListener",
    "CallbackStreamListener",
    "StreamHandle",
    "SSEStreamHandle",
    "Backoff",
    "CatchUp",
    "CatchUpSource",
    "read_sse",
    "decode_event",
]

log = logging.getLogger("mastodon")

#: Bytes asked of the socket per read: large, so one read carries many events.
READ_SIZE = 65536
#: A single SSE line (one event's payload) may not grow beyond this.
MAX_LINE_BYTES = 16 * 1024 * 1024

# Events whose payload is a JSON object, an id, or nothing.
_JSON_EVENTS = frozenset({
    "update", "status.update", "notification", "conversation", "announcement",
    "announcement.reaction",
})
_ID_EVENTS = frozenset({"delete", "announcement.delete"})
_EMPTY_EVENTS = frozenset({"filters_changed", "notifications_merged"})

# event name -> (listener method, whether it takes the payload)
_HANDLERS: dict[str, tuple[str, bool]] = {
    "update": ("on_update", True),
    "delete": ("on_delete", True),
    "notification": ("on_notification", True),
    "filters_changed": ("on_filters_changed", False),
    "conversation": ("on_conversation", True),
    "announcement": ("on_announcement", True),
    "announcement.reaction": ("on_announcement_reaction", True),
    "announcement.delete": ("on_announcement_delete", True),
    "status.update": ("on_status_update", True),
    "encrypted_message": ("on_encrypted_message", True),
    "notifications_merged": ("on_notifications_merged", False),
}

# Event names as bytes -> str, so the hot path does not decode them per event.
_NAMES: dict[bytes, str] = {name.encode(): name for name in _HANDLERS}


# -- payloads ---------------------------------------------------------------------------

def _id_value(text: str) -> IdType:
    """A streamed id: int when it is a plain number, else the string as sent."""
    if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
        return int(text)
    return text


def decode_event(name: str, data: bytes | str | None) -> Any:
    """Turn one event's payload into what its listener method receives.

    Statuses, notifications and the like become result types (via
    :func:`mastodon.types.decode_json`); ``delete`` and ``announcement.delete``
    carry an id (an int when numeric); ``filters_changed`` and
    ``notifications_merged`` carry nothing (``None``). An unknown event's payload
    is decoded as JSON when it is JSON, else passed on as text; it never raises.

    :raises MastodonMalformedEventError: when a known event's payload is unusable.
    """
    if name in _JSON_EVENTS:
        if not data:
            raise MastodonMalformedEventError(f"{name!r} event without a payload")
        try:
            value = decode_json(data)
        except ValueError as exc:
            raise MastodonMalformedEventError(f"{name!r} event with a payload that is not JSON: {exc}") from None
        if not isinstance(value, dict):
            raise MastodonMalformedEventError(f"{name!r} event payload is not a JSON object")
        return value
    if name in _ID_EVENTS:
        text = _text(name, data).strip()
        if text.startswith('"'):
            try:
                text = json.loads(text)
            except ValueError:
                raise MastodonMalformedEventError(f"{name!r} event with a malformed id {text[:40]!r}") from None
        if not isinstance(text, str) or not text or any(c.isspace() for c in text):
            raise MastodonMalformedEventError(f"{name!r} event without a usable id")
        return _id_value(text)
    if name in _EMPTY_EVENTS:
        return None
    # encrypted_message and events this library does not know: best effort.
    if data is None:
        return None
    try:
        return decode_json(data)
    except ValueError:
        return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


def _text(name: str, data: bytes | str | None) -> str:
    if data is None:
        raise MastodonMalformedEventError(f"{name!r} event without a payload")
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise MastodonMalformedEventError(f"{name!r} event payload is not UTF-8") from None
    return data


# -- the SSE reader ---------------------------------------------------------------------

def read_sse(
    read: Callable[[], bytes],
    on_event: Callable[[bytes, bytes | None], None],
    on_heartbeat: Callable[[], None],
) -> None:
    """Parse a server-sent event stream until ``read()`` returns ``b""`` (end of stream).

    Hand-written rather than built on a generic SSE package or
    ``iter_lines``: this is the hot path of streaming, and the benchmark holds
    the per-event cost within 2x of a raw chunked reader plus ``json.loads``.
    So it reads the socket in large chunks, splits them on ``\\n`` with
    ``bytes.split`` (no per-line decoding; ``\\n`` never occurs inside a UTF-8
    multi-byte sequence, so characters split across chunks come together in the
    line buffer), and hands each event's raw ``data`` bytes on.

    What it follows from the SSE format: lines end in ``\\n``, ``\\r\\n`` or ``\\r``
    (also when the ``\\r`` and ``\\n`` arrive in different chunks); a blank line
    ends an event; ``data:`` lines accumulate joined by ``\\n``; one space after
    the colon is dropped; lines starting with ``:`` are comments, which Mastodon
    sends as heartbeats (``on_heartbeat``); unknown fields and lines without a
    colon are ignored; a UTF-8 byte order mark at the start is skipped. An event
    with a name and no ``data`` is still passed on (``data`` is ``None``): some
    servers send ``filters_changed`` that way. An event with data and no name
    gets the SSE default name ``message``.

    :param read: returns the next chunk of bytes, ``b""`` at the end.
    :param on_event: called with the event name and data (bytes) of each event.
    :param on_heartbeat: called for each comment line.
    :raises MastodonMalformedEventError: when a line grows beyond 16 MiB.
    """
    parts: list[bytes] = []  # the unfinished last line, in pieces
    parts_len = 0
    carry_cr = False  # the previous chunk ended in \r: a \n may follow
    event = b""
    data: list[bytes] | None = None
    chunk = read()
    if chunk.startswith(b"\xef\xbb\xbf"):
        chunk = chunk[3:]
    while chunk:
        if carry_cr:
            chunk = b"\r" + chunk
            carry_cr = False
        if b"\r" in chunk:
            if chunk[-1] == 13:  # b"\r": wait for the next chunk to see if \n follows
                chunk = chunk[:-1]
                carry_cr = True
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if b"\n" not in chunk:
            parts.append(chunk)
            parts_len += len(chunk)
            if parts_len > MAX_LINE_BYTES:
                raise MastodonMalformedEventError(f"a stream line is longer than {MAX_LINE_BYTES} bytes")
            chunk = read() or (b"\n" if carry_cr else b"")
            continue
        if parts:
            parts.append(chunk)
            chunk = b"".join(parts)
            parts = []
        lines = chunk.split(b"\n")
        tail = lines.pop()
        if tail:
            parts.append(tail)
            parts_len = len(tail)
        else:
            parts_len = 0
        for line in lines:
            if not line:
                if data is not None:
                    on_event(event or b"message", data[0] if len(data) == 1 else b"\n".join(data))
                elif event:
                    on_event(event, None)
                event = b""
                data = None
            elif line.startswith(b"data:"):
                value = line[6:] if line[5:6] == b" " else line[5:]
                if data is None:
                    data = [value]
                else:
                    data.append(value)
            elif line[0] == 58:  # b":" - a comment, which Mastodon uses as heartbeat
                on_heartbeat()
            elif line.startswith(b"event:"):
                event = line[7:] if line[6:7] == b" " else line[6:]
            elif line == b"data":
                data = [b""] if data is None else [*data, b""]
            # id:, retry:, unknown fields and garbage lines are ignored.
        chunk = read() or (b"\n" if carry_cr else b"")  # a final \r still ends its line


def _socket_of(response: requests.Response) -> socket.socket | None:
    connection = getattr(response.raw, "connection", None) or getattr(response.raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def chunk_reader(response: requests.Response) -> Callable[[], bytes]:
    """A function returning the next chunk of a streamed response's body.

    Returns whatever has arrived (up to :data:`READ_SIZE` bytes) instead of
    waiting for a full buffer, so events are passed on as soon as they arrive.
    Transfer and content encodings are undone. Network errors come out as
    :class:`MastodonNetworkError`, silence longer than the read timeout as
    :class:`MastodonReadTimeout`; the end of the stream as ``b""``.
    """
    raw = response.raw
    read1 = getattr(raw, "read1", None)
    if read1 is not None:  # urllib3 2: decodes content encodings too

        def read_chunk() -> bytes:
            try:
                return bytes(read1(READ_SIZE, decode_content=True) or b"")
            except Exception as exc:  # noqa: BLE001 - mapped by _network_error
                raise _network_error(exc) from None

        return read_chunk
    fp = getattr(raw, "_fp", None)  # urllib3 1.26: http.client's response reads chunks
    if fp is None or not hasattr(fp, "read1"):
        raise MastodonNetworkError("cannot read the stream: unsupported urllib3 version")

    def read_chunk_old() -> bytes:
        try:
            return bytes(fp.read1(READ_SIZE) or b"")
        except Exception as exc:  # noqa: BLE001 - mapped by _network_error
            raise _network_error(exc) from None

    return read_chunk_old


def _network_error(exc: BaseException) -> MastodonError:
    if isinstance(exc, MastodonError):
        return exc
    if isinstance(exc, (TimeoutError, urllib3.exceptions.TimeoutError, requests.exceptions.Timeout)):
        return MastodonReadTimeout(f"the stream stayed silent longer than its timeout: {exc}")
    if isinstance(exc, (OSError, ValueError, AttributeError, http.client.HTTPException,
                        urllib3.exceptions.HTTPError, requests.exceptions.RequestException)):
        return MastodonNetworkError(f"the stream connection broke: {type(exc).__name__}: {exc}")
    raise exc


# -- listeners --------------------------------------------------------------------------

class StreamListener:
    """Receives streaming events; subclass it and override the ``on_*`` methods you need.

    Every method does nothing by default. Events this library does not know go
    to :meth:`on_unknown_event`; every event also goes to :meth:`on_any_event`
    first. In the background (``run_async=True``) an exception raised by one of
    your methods is logged on the ``mastodon`` logger and the stream goes on;
    in blocking mode it propagates to the caller of the ``stream_*`` method.
    """

    def on_update(self, status: Status) -> None:
        """A new status appeared in the stream (``update`` event)."""

    def on_delete(self, status_id: IdType) -> None:
        """A status was deleted (``delete`` event); ``status_id`` is its id."""

    def on_notification(self, notification: Notification) -> None:
        """A new notification arrived (``notification`` event; user streams)."""

    def on_filters_changed(self) -> None:
        """The user's keyword filters changed (``filters_changed``): re-fetch them if you use them."""

    def on_conversation(self, conversation: Conversation) -> None:
        """A direct conversation was updated (``conversation`` event; direct stream)."""

    def on_announcement(self, annoucement: Announcement) -> None:
        """An announcement was published (``announcement`` event).

        The parameter name keeps the spelling scripts already use.
        """

    def on_announcement_reaction(self, reaction: AttribAccessDict) -> None:
        """An announcement got an emoji reaction (``announcement.reaction``): a dict
        with ``name``, ``count`` and ``announcement_id``."""

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """An announcement was deleted (``announcement.delete``); its id is given."""

    def on_status_update(self, status: Status) -> None:
        """A status was edited (``status.update`` event); the new version is given."""

    def on_encrypted_message(self, unclear: Any) -> None:
        """An ``encrypted_message`` event (no longer documented by Mastodon); the
        payload is given decoded when it is JSON, else as text."""

    def on_notifications_merged(self) -> None:
        """Accepted notification requests finished merging (``notifications_merged``):
        re-fetch the notifications list."""

    def on_websocket_error(self, error: Any, for_stream: str | None = None) -> None:
        """The WebSocket server reported an error (e.g. an unknown stream name).

        :param error: the error message the server sent.
        :param for_stream: the stream it concerns, when known.
        """

    def on_abort(self, err: Exception) -> None:
        """The connection failed: a network error, a read timeout, a server error
        or a malformed event.

        In blocking mode ``err`` is the exception about to be raised to the caller;
        in the background it is called for each failure, before any reconnect.
        """

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """An event type this library does not know arrived.

        :param name: the event name.
        :param unknown_event: the payload, decoded as JSON when it is JSON, else text.
        """

    def on_any_event(self, name: str, data: Any | None = None, for_stream: str | None = None) -> None:
        """Called for every event, before its own method.

        :param name: the event name (``update``, ``delete``, ...).
        :param data: the decoded payload (``None`` for events without one).
        :param for_stream: the stream the event came from, when known (WebSocket).
        """

    def handle_heartbeat(self) -> None:
        """The server sent a heartbeat (an SSE comment line or a WebSocket ping)."""

    def handle_stream(self, response: requests.Response) -> None:
        """Read a server-sent event stream from ``response`` and dispatch its events.

        Returns only by raising: :class:`MastodonNetworkError` when the
        connection ends or breaks, :class:`MastodonReadTimeout` when it stays
        silent beyond its read timeout, :class:`MastodonMalformedEventError`
        for an unusable event. :meth:`on_abort` is called with the error first.
        """
        try:
            read_sse(chunk_reader(response), self._sse_event, self.handle_heartbeat)
            raise MastodonNetworkError("the server closed the stream")
        except MastodonError as err:
            self.on_abort(err)
            raise

    def handle_websocket_message(self, message: str | bytes) -> None:
        """Dispatch one WebSocket text message (``{"stream": [...], "event": ..., "payload": ...}``).

        :raises MastodonMalformedEventError: when the message is not such an object.
        """
        parsed = parse_websocket_message(message)
        if parsed.error is not None:
            self.on_websocket_error(parsed.error, parsed.stream_name)
        elif parsed.event is not None:
            self._deliver(parsed.event, decode_event(parsed.event, parsed.payload), parsed.stream_name)

    # -- dispatch -------------------------------------------------------------------------

    def _sse_event(self, name: bytes, data: bytes | None) -> None:
        text = _NAMES.get(name)
        if text is None:
            text = name.decode("utf-8", "replace")
        self._deliver(text, decode_event(text, data), None)

    def _deliver(self, name: str, payload: Any, for_stream: str | None) -> None:
        """Pass a decoded event to :meth:`on_any_event` and its own method."""
        self.on_any_event(name, payload, for_stream)
        handler = _HANDLERS.get(name)
        if handler is None:
            self.on_unknown_event(name, payload)
        elif handler[1]:
            getattr(self, handler[0])(payload)
        else:
            getattr(self, handler[0])()


Handler = Callable[..., Any] | None


class CallbackStreamListener(StreamListener):
    """A listener built from plain functions instead of a subclass.

    Each handler is called with what the matching :class:`StreamListener`
    method receives; handlers left ``None`` ignore their event.

    :param update_handler: new statuses.
    :param local_update_handler: new statuses by local accounts only (no ``@`` in ``acct``).
    :param delete_handler: deleted status ids.
    :param notification_handler: notifications.
    :param conversation_handler: conversations.
    :param unknown_event_handler: ``(name, payload)`` of events this library does not know.
    :param status_update_handler: edited statuses.
    :param filters_changed_handler: called without arguments when filters changed.
    :param announcement_handler: announcements.
    :param announcement_reaction_handler: announcement reactions.
    :param announcement_delete_handler: deleted announcement ids.
    :param encryted_message_handler: ``encrypted_message`` payloads (name spelt as scripts use it).
    :param notifications_merged_handler: called without arguments after notification requests merged.
    :param stream_error_handler: errors: what :meth:`~StreamListener.on_abort` and
        :meth:`~StreamListener.on_websocket_error` receive.
    """

    def __init__(
        self,
        update_handler: Handler = None,
        local_update_handler: Handler = None,
        delete_handler: Handler = None,
        notification_handler: Handler = None,
        conversation_handler: Handler = None,
        unknown_event_handler: Handler = None,
        status_update_handler: Handler = None,
        filters_changed_handler: Handler = None,
        announcement_handler: Handler = None,
        announcement_reaction_handler: Handler = None,
        announcement_delete_handler: Handler = None,
        encryted_message_handler: Handler = None,
        notifications_merged_handler: Handler = None,
        stream_error_handler: Handler = None,
    ) -> None:
        super().__init__()
        self.update_handler = update_handler
        self.local_update_handler = local_update_handler
        self.delete_handler = delete_handler
        self.notification_handler = notification_handler
        self.conversation_handler = conversation_handler
        self.unknown_event_handler = unknown_event_handler
        self.status_update_handler = status_update_handler
        self.filters_changed_handler = filters_changed_handler
        self.announcement_handler = announcement_handler
        self.announcement_reaction_handler = announcement_reaction_handler
        self.announcement_delete_handler = announcement_delete_handler
        self.encryted_message_handler = encryted_message_handler
        self.notifications_merged_handler = notifications_merged_handler
        self.stream_error_handler = stream_error_handler

    def on_update(self, status: Status) -> None:
        """Calls ``update_handler``, and ``local_update_handler`` for local statuses."""
        if self.update_handler is not None:
            self.update_handler(status)
        if self.local_update_handler is not None:
            account = status.get("account") if isinstance(status, dict) else None
            acct = account.get("acct") if isinstance(account, dict) else None
            if isinstance(acct, str) and "@" not in acct:
                self.local_update_handler(status)

    def on_delete(self, deleted_id: IdType) -> None:
        """Calls ``delete_handler``."""
        if self.delete_handler is not None:
            self.delete_handler(deleted_id)

    def on_notification(self, notification: Notification) -> None:
        """Calls ``notification_handler``."""
        if self.notification_handler is not None:
            self.notification_handler(notification)

    def on_filters_changed(self) -> None:
        """Calls ``filters_changed_handler``."""
        if self.filters_changed_handler is not None:
            self.filters_changed_handler()

    def on_conversation(self, conversation: Conversation) -> None:
        """Calls ``conversation_handler``."""
        if self.conversation_handler is not None:
            self.conversation_handler(conversation)

    def on_announcement(self, annoucement: Announcement) -> None:
        """Calls ``announcement_handler``."""
        if self.announcement_handler is not None:
            self.announcement_handler(annoucement)

    def on_announcement_reaction(self, reaction: AttribAccessDict) -> None:
        """Calls ``announcement_reaction_handler``."""
        if self.announcement_reaction_handler is not None:
            self.announcement_reaction_handler(reaction)

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """Calls ``announcement_delete_handler``."""
        if self.announcement_delete_handler is not None:
            self.announcement_delete_handler(annoucement_id)

    def on_status_update(self, status: Status) -> None:
        """Calls ``status_update_handler``."""
        if self.status_update_handler is not None:
            self.status_update_handler(status)

    def on_encrypted_message(self, unclear: Any) -> None:
        """Calls ``encryted_message_handler``."""
        if self.encryted_message_handler is not None:
            self.encryted_message_handler(unclear)

    def on_notifications_merged(self) -> None:
        """Calls ``notifications_merged_handler``."""
        if self.notifications_merged_handler is not None:
            self.notifications_merged_handler()

    def on_websocket_error(self, error: Any, for_stream: str | None = None) -> None:
        """Calls ``stream_error_handler`` with the error."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(error)

    def on_abort(self, err: Exception) -> None:
        """Calls ``stream_error_handler`` with the error."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(err)

    def on_unknown_event(self, name: str, unknown_event: Any | None = None) -> None:
        """Calls ``unknown_event_handler`` with the name and payload."""
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)


# -- WebSocket messages (parsed here so listeners can take them directly) ---------------

@dataclass
class WebSocketMessage:
    """One message of a WebSocket stream, taken apart."""

    event: str | None = None
    payload: bytes | str | None = None
    stream: list[str] = field(default_factory=list)
    error: Any = None

    @property
    def stream_name(self) -> str | None:
        return self.stream[0] if self.stream else None


def parse_websocket_message(message: str | bytes) -> WebSocketMessage:
    """Take a WebSocket text message apart; raise MastodonMalformedEventError if unusable."""
    try:
        value = json.loads(message)
    except ValueError as exc:
        raise MastodonMalformedEventError(f"WebSocket message is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise MastodonMalformedEventError("WebSocket message is not a JSON object")
    stream = value.get("stream")
    if isinstance(stream, str):
        stream = [stream]
    elif not isinstance(stream, list):
        stream = []
    stream = [str(part) for part in stream]
    if "event" not in value:
        if "error" in value:
            return WebSocketMessage(stream=stream, error=value["error"])
        raise MastodonMalformedEventError("WebSocket message without an event name")
    event = value["event"]
    if not isinstance(event, str):
        raise MastodonMalformedEventError("WebSocket message with a non-string event name")
    payload = value.get("payload")
    if payload is not None and not isinstance(payload, str):
        payload = json.dumps(payload)  # a server that sent an object instead of a string
    return WebSocketMessage(event=event, payload=payload, stream=stream)


# -- backoff ----------------------------------------------------------------------------

class Backoff:
    """Exponential backoff with full jitter, for reconnecting.

    The n-th wait after consecutive failures is a uniform random time between 0
    and ``min(cap, initial * 2**n)``; :meth:`reset` starts over (called once a
    connection delivered data).

    :param initial: the first wait's upper bound in seconds (``reconnect_async_wait_sec``).
    :param cap: the largest wait in seconds.
    :param rng: the random source (tests pass a seeded one).
    """

    def __init__(self, initial: float, cap: float = 60.0, rng: random.Random | None = None) -> None:
        if initial < 0 or cap < 0:
            raise ValueError("backoff waits must not be negative")
        self.initial = float(initial)
        self.cap = max(float(cap), self.initial)
        self.failures = 0
        self._rng = rng or random.Random()
        self._lock = threading.Lock()

    def next_delay(self) -> float:
        """The next wait, in seconds; each call doubles the bound up to the cap."""
        with self._lock:
            bound = min(self.cap, self.initial * (2 ** min(self.failures, 62)))
            self.failures += 1
            return self._rng.uniform(0.0, bound)

    def reset(self) -> None:
        """Forget past failures."""
        with self._lock:
            self.failures = 0


# -- catching up over REST after a reconnect ---------------------------------------------

@dataclass(frozen=True)
class CatchUpSource:
    """Where to fetch missed events of one kind: ``event`` (``update`` or
    ``notification``) from the REST ``path`` with ``params``."""

    event: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)


Fetch = Callable[[str, Mapping[str, Any] | None], Any]


class _RecentIds:
    """A bounded set of recently delivered ids (oldest forgotten first)."""

    def __init__(self, size: int) -> None:
        self._ids: OrderedDict[Any, None] = OrderedDict()
        self._size = size

    def add(self, value: Any) -> bool:
        """Remember ``value``; False if it was already there."""
        if value in self._ids:
            return False
        self._ids[value] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def _id_key(value: Any) -> tuple[int, int, str]:
    """Sort key for ids: numbers numerically, strings by length then text (sortable
    ids such as ULIDs and Pleroma flake ids compare correctly that way)."""
    if isinstance(value, int):
        return (0, value, "")
    text = str(value)
    return (1, len(text), text)


class CatchUp:
    """Fetches, after a reconnect, the statuses and notifications the stream missed.

    It remembers the newest id seen per event kind and the last ``remember``
    ids delivered. Before the first connection it records the newest existing
    id (one REST request per source: :meth:`anchor`). After every connection
    (the first one too, for what appeared while connecting) it pages forward
    with ``min_id`` from the newest id seen, following the server's ``prev``
    links, and delivers the missed items oldest first (:meth:`run`); live
    events already delivered that way are suppressed afterwards.

    Only creations are caught up: deletes, edits and other events have no REST
    history to fetch.
    """

    def __init__(self, fetch: Fetch, sources: Iterable[CatchUpSource], *, api_base_url: str = "",
                 page_size: int = 40, max_pages: int = 200, remember: int = 10000) -> None:
        self.sources = list(sources)
        self._fetch = fetch
        self._base = api_base_url
        self._page_size = page_size
        self._max_pages = max_pages
        self._events = frozenset(source.event for source in self.sources)
        self._seen = {event: _RecentIds(remember) for event in self._events}
        self.newest: dict[str, Any] = {}
        self.caught_up = 0  # items delivered by catching up, for the curious

    def accept(self, name: str, payload: Any) -> bool:
        """Record a live or fetched event; False if it is a duplicate to drop."""
        if name not in self._events or not isinstance(payload, dict):
            return True
        item_id = payload.get("id")
        if item_id is None:
            return True
        if not self._seen[name].add(item_id):
            return False
        newest = self.newest.get(name)
        if newest is None or _id_key(item_id) > _id_key(newest):
            self.newest[name] = item_id
        return True

    def anchor(self) -> None:
        """Record the newest existing id of each source that has none yet."""
        for source in self.sources:
            if source.event in self.newest:
                continue
            page = self._fetch(source.path, {**source.params, "limit": 1})
            ids = [item.get("id") for item in page or () if isinstance(item, dict) and item.get("id") is not None]
            if ids:
                self.newest[source.event] = max(ids, key=_id_key)
            else:
                self.newest[source.event] = None  # nothing exists yet: everything is new

    def run(self, deliver: Callable[[str, Any], None]) -> int:
        """Fetch and deliver everything newer than the newest id seen; return the count."""
        delivered = 0
        for source in self.sources:
            if source.event not in self.newest:
                continue  # never anchored: nothing known to catch up from
            delivered += self._run_source(source, deliver)
        self.caught_up += delivered
        return delivered

    def _run_source(self, source: CatchUpSource, deliver: Callable[[str, Any], None]) -> int:
        delivered = 0
        since = self.newest.get(source.event)
        # None: nothing existed when anchored, so everything is new; min_id 0 pages from the oldest.
        params: dict[str, Any] = {**source.params, "limit": self._page_size, "min_id": 0 if since is None else since}
        page = self._fetch(source.path, params)
        for _ in range(self._max_pages):
            items = [item for item in page or () if isinstance(item, dict) and item.get("id") is not None]
            if not items:
                return delivered
            fresh = 0
            for item in sorted(items, key=lambda item: _id_key(item["id"])):
                if self.accept(source.event, item):
                    deliver(source.event, item)
                    fresh += 1
            delivered += fresh
            if not fresh:
                return delivered  # a server ignoring min_id would repeat itself forever
            page = self._fetch(*self._next_page(source, page))
        log.warning("catching up %s stopped after %d pages", source.path, self._max_pages)
        return delivered

    def _next_page(self, source: CatchUpSource, page: Any) -> tuple[str, Mapping[str, Any] | None]:
        info = getattr(page, "_pagination_prev", None)
        url = info.get("_pagination_url") if isinstance(info, dict) else None
        if isinstance(url, str) and self._base and url.startswith(self._base + "/"):
            return url, None
        newest = self.newest.get(source.event)
        return source.path, {**source.params, "limit": self._page_size, "min_id": 0 if newest is None else newest}


# -- handles ----------------------------------------------------------------------------

def _is_fatal(err: BaseException) -> bool:
    """Errors a reconnect cannot fix: the server refused the request itself (4xx)."""
    return isinstance(err, MastodonAPIError) and not isinstance(err, (MastodonServerError, MastodonRatelimitError)) \
        and getattr(err, "status_code", None) not in (408, 425, 429)


def safe_call(what: str, func: Callable[..., Any], *args: Any) -> None:
    """Call a listener method from a streaming thread; log what it raises."""
    try:
        func(*args)
    except Exception:
        log.exception("stream listener %s raised; the stream goes on", what)


class StreamHandle:
    """A stream running in a background thread.

    ``close()`` stops it (within a second), ``is_alive()`` tells whether the
    thread still runs, ``is_receiving()`` whether it is connected and reading
    right now (not waiting to reconnect), ``join()`` waits for it to end.
    """

    def __init__(self) -> None:
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connected = False
        self._thread: threading.Thread | None = None
        self.last_receive: float | None = None  #: monotonic time data last arrived

    def close(self) -> None:
        """Stop the stream: disconnect and let the thread end (waits up to a second)."""
        self._closed.set()
        self._interrupt()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread() and thread.is_alive():
            thread.join(1.0)

    def is_alive(self) -> bool:
        """True while the background thread runs (also while it waits to reconnect)."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def is_receiving(self) -> bool:
        """True while connected to the server and reading events."""
        return self.is_alive() and self._connected and not self._closed.is_set()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the background thread ends (or ``timeout`` seconds pass)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._closed.is_set()

    def _interrupt(self) -> None:
        """Wake the thread from a blocking read (overridden per transport)."""

    def _start(self, target: Callable[[], None], name: str, daemon: bool) -> None:
        def run() -> None:
            try:
                target()
            except BaseException:  # nothing may escape a streaming thread
                log.exception("streaming thread %s failed", name)
            finally:
                self._connected = False

        self._thread = threading.Thread(target=run, name=name, daemon=daemon)
        self._thread.start()

    def _wait(self, delay: float) -> bool:
        """Sleep ``delay`` seconds unless closed meanwhile; True if closed."""
        return self._closed.wait(delay)


class SSEStreamHandle(StreamHandle):
    """A server-sent event stream read in a background thread (``run_async=True``).

    :param connection: the first response (already connected), or ``None`` to
        connect in the thread.
    :param connect_func: opens a new connection (a streaming ``requests.Response``).
    :param reconnect_async: reconnect after network errors, server errors,
        read timeouts and malformed events; 4xx answers stop the stream.
    :param reconnect_async_wait_sec: the first backoff wait's upper bound.
    :param listener: the :class:`StreamListener`.
    :param catch_up: a :class:`CatchUp` to fill gaps after reconnects, or ``None``.
    :param max_wait_sec: the backoff cap.
    :param daemon: run the thread as a daemon (the default), so it does not keep
        the program alive.
    :param start: start the thread now (the default).
    """

    def __init__(
        self,
        connection: requests.Response | None,
        connect_func: Callable[[], requests.Response],
        reconnect_async: bool,
        reconnect_async_wait_sec: float,
        listener: StreamListener,
        *,
        catch_up: CatchUp | None = None,
        max_wait_sec: float = 60.0,
        daemon: bool = True,
        rng: random.Random | None = None,
        start: bool = True,
    ) -> None:
        super().__init__()
        self.listener = listener
        self.reconnect_async = reconnect_async
        self.reconnect_async_wait_sec = reconnect_async_wait_sec
        self.backoff = Backoff(reconnect_async_wait_sec, max_wait_sec, rng)
        self.catch_up = catch_up
        self.reconnects = 0  #: how many times the stream reconnected
        self._connect_func = connect_func
        self._initial = connection
        self._response: requests.Response | None = None
        self._got_data = False
        if start:
            self._start(self._loop, "mastodon-stream", daemon)

    def close(self) -> None:
        """Stop the stream: disconnect and let the thread end (waits up to a second)."""
        super().close()

    def _interrupt(self) -> None:
        with self._lock:
            response = self._response
            initial, self._initial = self._initial, None
        if initial is not None:
            initial.close()
        if response is not None:
            sock = _socket_of(response)
            try:
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)
                else:
                    response.close()
            except OSError:
                pass

    def _attach(self, response: requests.Response) -> bool:
        with self._lock:
            if self._closed.is_set():
                response.close()
                return False
            self._response = response
            self._connected = True
            return True

    def _detach(self) -> None:
        with self._lock:
            response, self._response = self._response, None
            self._connected = False
        if response is not None:
            response.close()

    def _loop(self) -> None:
        with self._lock:
            response, self._initial = self._initial, None
        while not self._closed.is_set():
            self._got_data = False
            try:
                if response is None:
                    if self.catch_up is not None:
                        self.catch_up.anchor()  # before connecting, so nothing falls between the two
                    response = self._connect_func()
                if not self._attach(response):
                    return
                response = None
                if self.catch_up is not None:
                    self.catch_up.anchor()
                    self.catch_up.run(self._deliver_caught_up)
                read = chunk_reader(self._response) if self._response is not None else (lambda: b"")
                read_sse(self._timed(read), self._on_event, self._on_heartbeat)
                raise MastodonNetworkError("the server closed the stream")
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none escapes
                if self._closed.is_set():
                    return
                err = exc if isinstance(exc, MastodonError) else MastodonNetworkError(f"stream failed: {exc!r}")
                log.info("stream aborted: %s", err)
                safe_call("on_abort", self.listener.on_abort, err)
                if not self.reconnect_async or _is_fatal(err):
                    return
            finally:
                if response is not None:
                    response.close()
                    response = None
                self._detach()
            if self._got_data:
                self.backoff.reset()
            if self._wait(self.backoff.next_delay()):
                return
            self.reconnects += 1

    def _timed(self, read: Callable[[], bytes]) -> Callable[[], bytes]:
        def timed_read() -> bytes:
            chunk = read()
            if chunk:
                self._got_data = True
                self.last_receive = time.monotonic()
            return chunk

        return timed_read

    def _on_heartbeat(self) -> None:
        safe_call("handle_heartbeat", self.listener.handle_heartbeat)

    def _on_event(self, name: bytes, data: bytes | None) -> None:
        text = _NAMES.get(name) or name.decode("utf-8", "replace")
        payload = decode_event(text, data)  # malformed: raises, the loop reconnects
        if self.catch_up is not None and not self.catch_up.accept(text, payload):
            return
        try:
            self.listener._deliver(text, payload, None)
        except Exception:
            log.exception("stream listener raised on a %r event; the stream goes on", text)

    def _deliver_caught_up(self, name: str, payload: Any) -> None:
        try:
            self.listener._deliver(name, payload, None)
        except Exception:
            log.exception("stream listener raised on a caught-up %r event; the stream goes on", name)
