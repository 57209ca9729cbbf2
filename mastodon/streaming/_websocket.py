"""WebSocket streaming: several streams over one multiplexed connection.

Mastodon (3.3.0+) serves ``wss://<streaming host>/api/v1/streaming``; a client
subscribes with ``{"type": "subscribe", "stream": "hashtag", "tag": "foo"}`` and
receives ``{"stream": ["hashtag", "foo"], "event": "update", "payload": "..."}``.
This needs the optional ``websocket-client`` package (``pip install
pytooter[websocket]``). Listeners, event decoding, reconnecting with backoff and
catching up are the same as for server-sent events (``_sse.py``).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import (
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonMissingDependencyError,
    MastodonNetworkError,
    MastodonReadTimeout,
    error_class_for_status,
)
from ._catchup import CatchUp, CatchUpSource, Fetch
from ._dispatch import Dispatcher, is_listener
from ._events import WebSocketMessage, decode_event, parse_websocket_message
from ._handle import Backoff, StreamHandle, safe_call

if TYPE_CHECKING:
    import websocket

    from ._listener import StreamListener

__all__ = ["WebSocketStreamHandle", "WebSocketSubscription", "websocket_available"]

log = logging.getLogger("mastodon")

# Subscription parameters that name the stream's target, as the server echoes
# them in the second element of a message's "stream" list.
_TARGET_PARAMS = ("tag", "list")


def websocket_available() -> bool:
    """True if the optional ``websocket-client`` package can be imported."""
    try:
        import websocket  # noqa: F401
    except ImportError:
        return False
    return True


def _import_websocket() -> Any:
    try:
        import websocket
    except ImportError:
        raise MastodonMissingDependencyError(
            "WebSocket streaming needs the optional websocket-client package: pip install 'pytooter[websocket]'"
        ) from None
    return websocket


class WebSocketSubscription:
    """One stream subscribed over a :class:`WebSocketStreamHandle`.

    :param websocket: the handle the subscription belongs to.
    :param stream: the stream name (``user``, ``public:local``, ``hashtag``, ...).
    :param params: extra subscription parameters (``tag``, ``list``).
    :param listener: the :class:`StreamListener` that receives its events.
    """

    def __init__(self, websocket: WebSocketStreamHandle, stream: str, params: Mapping[str, Any], listener: StreamListener) -> None:
        self.websocket = websocket
        self.stream = stream
        self.params = {key: str(value) for key, value in params.items() if value is not None}
        self.listener = listener
        self.catch_up: CatchUp | None = None
        self._dispatcher = Dispatcher(listener)
        self._active = True

    def close(self) -> None:
        """Unsubscribe; the connection stays open for the other subscriptions."""
        if self._active:
            self.websocket._remove(self)

    def is_alive(self) -> bool:
        """True while subscribed and the connection's thread runs."""
        return self._active and self.websocket.is_alive()

    def is_receiving(self) -> bool:
        """True while subscribed and the connection is open and reading."""
        return self._active and self.websocket.is_receiving()

    def matches(self, stream: list[str]) -> bool:
        """True if a message for ``stream`` (the server's ``stream`` list) is for this subscription."""
        if not stream or stream[0] != self.stream:
            return False
        target = next((self.params[key] for key in _TARGET_PARAMS if key in self.params), None)
        if target is None or len(stream) < 2:
            return True
        return stream[1].lower() == target.lower()

    def _message(self, kind: str) -> str:
        return json.dumps({"type": kind, "stream": self.stream, **self.params})

    def __repr__(self) -> str:
        return f"<WebSocketSubscription {self.stream} {self.params}>"


class WebSocketStreamHandle(StreamHandle):
    """A multiplexed WebSocket streaming connection read in a background thread.

    Create it with :meth:`Mastodon.stream_open_websocket`, then subscribe to
    streams with :meth:`subscribe` or by passing it as ``websocket_handle`` to
    the ``stream_*`` methods. Events of streams without a subscription of
    their own go to ``listener``.

    :param url: the ``ws://`` or ``wss://`` URL of ``/api/v1/streaming``.
    :param access_token: the token, sent in the ``Authorization`` header.
    :param user_agent: the ``User-Agent`` header.
    :param listener: the default :class:`StreamListener`, or ``None``.
    :param timeout: seconds of silence after which the connection counts as lost.
    :param reconnect: reconnect (with exponential backoff and jitter) when the
        connection ends or fails, and subscribe again to every stream; 4xx
        answers stop it.
    :param reconnect_wait_sec: the first backoff wait's upper bound.
    """

    _kind = "WebSocket"

    def __init__(
        self,
        url: str,
        access_token: str | None,
        user_agent: str,
        listener: StreamListener | None = None,
        timeout: float = 300,
        reconnect: bool = False,
        reconnect_wait_sec: float = 5,
        *,
        fetch: Fetch | None = None,
        api_base_url: str = "",
        catch_up: bool = False,
        max_wait_sec: float = 60.0,
        daemon: bool = True,
        start: bool = True,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(reconnect, Backoff(reconnect_wait_sec, max_wait_sec, rng))
        self._ws_module = _import_websocket()
        self.url = url
        self.listener = listener
        self.timeout = timeout
        self.reconnect_wait_sec = reconnect_wait_sec
        self._access_token = access_token
        self._user_agent = user_agent
        self._fetch = fetch
        self._api_base_url = api_base_url
        self._catch_up_enabled = catch_up and fetch is not None
        self._subs: list[WebSocketSubscription] = []
        self._ws: websocket.WebSocket | None = None
        self._send_lock = threading.Lock()
        self._fresh: list[WebSocketSubscription] = []  # subscribed, not yet anchored
        self._default: Dispatcher | None = None
        self._ws = self._open_socket()
        self._connected = True
        if start:
            self._start("mastodon-websocket", daemon)

    @property
    def connection(self) -> websocket.WebSocket | None:
        """The open WebSocket (a ``websocket-client`` socket), or ``None`` between connections."""
        return self._ws

    @property
    def reconnect(self) -> bool:
        """Whether the connection is re-opened after failures (the ``reconnect`` argument)."""
        return self.reconnect_async

    # -- public interface -------------------------------------------------------------------

    def subscriptions(self) -> list[WebSocketSubscription]:
        """The current subscriptions."""
        with self._lock:
            return list(self._subs)

    def subscribe(self, stream: str, listener: StreamListener | None = None, **params: Any) -> WebSocketSubscription:
        """Subscribe to a stream over this connection.

        :param stream: the stream name: ``user``, ``user:notification``,
            ``public``, ``public:media``, ``public:local``, ``public:local:media``,
            ``public:remote``, ``public:remote:media``, ``hashtag``,
            ``hashtag:local``, ``list`` or ``direct``.
        :param listener: the listener for this stream (default: the handle's).
        :param params: ``tag=`` for hashtag streams, ``list=`` (an id) for list streams.
        :returns: the :class:`WebSocketSubscription`.
        """
        return self._subscribe(stream, listener, params, None)

    def unsubscribe(self, stream: str, **params: Any) -> None:
        """Unsubscribe every subscription to ``stream`` with these ``params``."""
        wanted = {key: str(value) for key, value in params.items() if value is not None}
        for sub in self.subscriptions():
            if sub.stream == stream and sub.params == wanted:
                self._remove(sub)

    def close(self) -> None:
        """Close the connection and stop the thread (waits up to a second)."""
        super().close()
        if self._thread is None or not self._thread.is_alive():
            self._disconnect()  # no thread to do it

    # -- internals --------------------------------------------------------------------------

    def _subscribe(
        self, stream: str, listener: StreamListener | None, params: Mapping[str, Any], sources: Iterable[CatchUpSource] | None
    ) -> WebSocketSubscription:
        chosen = listener if listener is not None else self.listener
        if chosen is None:
            raise MastodonError("subscribe() needs a listener: the handle has no default listener")
        if not is_listener(chosen):
            raise MastodonIllegalArgumentError(f"a {type(chosen).__name__} is not a listener: it has no on_* or handle_* methods")
        if not isinstance(stream, str) or not stream:
            raise MastodonIllegalArgumentError("stream must be a non-empty stream name")
        sub = WebSocketSubscription(self, stream, params, chosen)
        if self._catch_up_enabled and sources and self._fetch is not None:
            sub.catch_up = CatchUp(self._fetch, sources, api_base_url=self._api_base_url)
            sub.catch_up.anchor()  # before subscribing: see CatchUp
        with self._lock:
            self._subs.append(sub)
            if sub.catch_up is not None:
                self._fresh.append(sub)  # the reader catches up on what appeared meanwhile
        self._send(sub._message("subscribe"))
        return sub

    def _remove(self, sub: WebSocketSubscription) -> None:
        with self._lock:
            if sub in self._subs:
                self._subs.remove(sub)
            remaining = any(other.stream == sub.stream and other.params == sub.params for other in self._subs)
        sub._active = False
        if not remaining:
            self._send(sub._message("unsubscribe"))

    def _send(self, text: str) -> None:
        ws = self._ws
        if ws is None:
            return  # not connected: subscriptions are sent again on reconnect
        try:
            with self._send_lock:
                ws.send(text)
        except Exception as exc:  # noqa: BLE001 - the reader thread notices and reconnects
            log.info("could not send to the WebSocket (%s); it will be re-sent after reconnecting", exc)

    def _open_socket(self) -> websocket.WebSocket:
        ws_module = self._ws_module
        headers = [f"User-Agent: {self._user_agent}"]
        if self._access_token:
            headers.append(f"Authorization: Bearer {self._access_token}")
        try:
            ws: websocket.WebSocket = ws_module.create_connection(
                self.url,
                timeout=self.timeout,
                header=headers,
                enable_multithread=True,
            )
        except ws_module.WebSocketBadStatusException as exc:
            status = getattr(exc, "status_code", None)
            cls = error_class_for_status(int(status or 500))
            raise cls(f"WebSocket connection to {self._safe_url()} refused: {status}", status) from None
        except (ws_module.WebSocketException, OSError, ValueError) as exc:
            raise MastodonNetworkError(f"WebSocket connection to {self._safe_url()} failed: {exc}") from None
        return ws

    def _safe_url(self) -> str:
        return self.url.split("?", 1)[0]

    def _interrupt(self) -> None:
        ws = self._ws
        if ws is not None:
            try:
                ws.abort()  # type: ignore[no-untyped-call]
            except Exception:  # noqa: BLE001 - best effort
                pass

    def _dispatchers(self) -> list[Dispatcher]:
        """One dispatcher per listener: the handle's own and the subscriptions'."""
        found: list[Dispatcher] = []
        default = self._default_dispatcher()
        for candidate in [default, *(sub._dispatcher for sub in self.subscriptions())]:
            if candidate is not None and all(candidate.listener is not seen.listener for seen in found):
                found.append(candidate)
        return found

    def _default_dispatcher(self) -> Dispatcher | None:
        if self.listener is None:
            return None
        if self._default is None or self._default.listener is not self.listener:
            self._default = Dispatcher(self.listener)
        return self._default

    def _abort(self, err: MastodonError) -> None:
        for dispatcher in self._dispatchers():
            safe_call("on_abort", dispatcher.abort, err)

    def _run_blocking(self) -> None:
        """Read in the calling thread until the server closes the connection (return)
        or it fails (raise the error, after telling the listeners)."""
        self._thread = threading.current_thread()
        try:
            self._read_connection(blocking=True)
        except MastodonError as err:
            for dispatcher in self._dispatchers():
                dispatcher.abort(err)
            raise
        finally:
            self._disconnect()

    # -- the transport's steps (the loop is StreamHandle's) ----------------------------------

    def _connect(self) -> bool:
        if self._ws is not None:
            return True
        self._ws = self._open_socket()
        self._connected = True
        if self._closed.is_set():
            return False
        for sub in self.subscriptions():
            self._send(sub._message("subscribe"))
        return True

    def _after_connect(self, first: bool) -> None:
        if not first:
            self._catch_up_all()

    def _read(self) -> None:
        self._read_connection(blocking=False)

    def _disconnect(self) -> None:
        self._connected = False
        ws, self._ws = self._ws, None
        if ws is not None:
            try:
                ws.close(timeout=0)
            except Exception:  # noqa: BLE001 - closing a broken socket
                pass
            ws.shutdown()  # type: ignore[no-untyped-call]  # after a close frame, close() leaves the socket open

    def _catch_up_all(self) -> None:
        with self._lock:
            self._fresh = []
        for sub in self.subscriptions():
            self._catch_up_one(sub)

    def _catch_up_one(self, sub: WebSocketSubscription) -> None:
        catch_up = sub.catch_up
        if catch_up is None or not sub._active:
            return
        dispatcher, stream = sub._dispatcher, sub.stream

        def deliver(name: str, payload: Any) -> None:
            try:
                dispatcher.event(name, payload, stream)
            except Exception:
                log.exception("stream listener raised on a caught-up %r event", name)

        catch_up.run(deliver)

    def _catch_up_fresh(self) -> None:
        with self._lock:
            fresh, self._fresh = self._fresh, []
        for sub in fresh:
            self._catch_up_one(sub)

    def _read_connection(self, blocking: bool) -> None:
        """Read and dispatch until the server closes the connection or :meth:`close`
        is called (return), or the connection fails (raise)."""
        ws = self._ws
        if ws is None:
            raise MastodonNetworkError("not connected")
        abnf = self._ws_module.ABNF
        while not self._closed.is_set():
            if self._fresh:
                self._catch_up_fresh()
            frame = self._receive(ws)
            if frame is None:
                return  # closed meanwhile
            opcode, data = frame
            self._got_data = True
            self.last_receive = time.monotonic()
            if opcode in (abnf.OPCODE_TEXT, abnf.OPCODE_BINARY):
                self._handle(data, blocking)
            elif opcode in (abnf.OPCODE_PING, abnf.OPCODE_PONG):
                self._heartbeat(blocking)
            elif opcode == abnf.OPCODE_CLOSE:
                return  # the server ended the connection cleanly

    def _receive(self, ws: websocket.WebSocket) -> tuple[int, bytes | str] | None:
        """The next frame's opcode and data; ``None`` when the socket broke because
        :meth:`close` aborted it."""
        ws_module = self._ws_module
        try:
            frame: tuple[int, bytes | str] = ws.recv_data(control_frame=True)
        except ws_module.WebSocketTimeoutException:
            raise MastodonReadTimeout(f"the WebSocket stayed silent for {self.timeout} s") from None
        except ws_module.WebSocketConnectionClosedException:
            raise MastodonNetworkError("the server closed the WebSocket") from None
        except (ws_module.WebSocketException, OSError, ValueError, AttributeError) as exc:
            if self._closed.is_set():
                return None
            raise MastodonNetworkError(f"the WebSocket broke: {exc}") from None
        return frame

    def _heartbeat(self, blocking: bool) -> None:
        """A ping or pong, to every listener's ``handle_heartbeat``."""
        for dispatcher in self._dispatchers():
            if blocking:
                dispatcher.heartbeat()
            else:
                safe_call("handle_heartbeat", dispatcher.heartbeat)

    def _handle(self, data: bytes | str, blocking: bool) -> None:
        message = parse_websocket_message(data)  # malformed: raises, the connection is dropped
        if message.error is not None:
            self._route_error(message, blocking)
            return
        assert message.event is not None
        payload = decode_event(message.event, message.payload)
        targets = [sub for sub in self.subscriptions() if sub.matches(message.stream)]
        if not targets:
            default = self._default_dispatcher()
            if default is not None:
                self._call(default, message, payload, blocking)
            else:
                log.debug("WebSocket event for unsubscribed stream %s dropped", message.stream)
            return
        done: list[Any] = []
        for sub in targets:
            if any(sub.listener is seen for seen in done):
                continue  # two subscriptions of one listener to the same stream: once is enough
            if sub.catch_up is not None and not sub.catch_up.accept(message.event, payload):
                continue
            done.append(sub.listener)
            self._call(sub._dispatcher, message, payload, blocking)

    def _call(self, dispatcher: Dispatcher, message: WebSocketMessage, payload: Any, blocking: bool) -> None:
        assert message.event is not None
        if blocking:
            dispatcher.event(message.event, payload, message.stream_name)
            return
        try:
            dispatcher.event(message.event, payload, message.stream_name)
        except Exception:
            log.exception("stream listener raised on a %r event; the stream goes on", message.event)

    def _route_error(self, message: WebSocketMessage, blocking: bool) -> None:
        for dispatcher in self._dispatchers():
            if blocking:
                dispatcher.websocket_error(message.error, message.stream_name)
            else:
                safe_call("on_websocket_error", dispatcher.websocket_error, message.error, message.stream_name)
