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

The SSE reader and event decoding live in ``_sse.py``, backoff and catch-up in
``_catchup.py``; the WebSocket transport (``streaming_websocket.py``) shares the
listener, the event decoding, the backoff and the catch-up logic.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import requests

from ._catchup import Backoff, CatchUp, CatchUpSource
from ._sse import _socket_of, chunk_reader, decode_event, read_sse
from .errors import (
    MastodonAPIError,
    MastodonError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServerError,
)
from .types import (
    Announcement,
    AttribAccessDict,
    Conversation,
    IdType,
    Notification,
    Status,
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


class WebSocketMessage:
    """One message of a WebSocket stream, taken apart.

    A plain class rather than a dataclass: importing dataclasses (and the inspect
    module it needs) would add several ms to every ``import mastodon``.
    """

    def __init__(
        self, event: str | None = None, payload: bytes | str | None = None, stream: list[str] | None = None, error: Any = None
    ) -> None:
        self.event = event
        self.payload = payload
        self.stream: list[str] = [] if stream is None else stream
        self.error = error

    def _fields(self) -> tuple[Any, ...]:
        return (self.event, self.payload, self.stream, self.error)

    def __repr__(self) -> str:
        return f"WebSocketMessage(event={self.event!r}, payload={self.payload!r}, stream={self.stream!r}, error={self.error!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, WebSocketMessage)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

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


# -- handles ----------------------------------------------------------------------------


def _is_fatal(err: BaseException) -> bool:
    """Errors a reconnect cannot fix: the server refused the request itself (4xx)."""
    return (
        isinstance(err, MastodonAPIError)
        and not isinstance(err, (MastodonServerError, MastodonRatelimitError))
        and getattr(err, "status_code", None) not in (408, 425, 429)
    )


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
