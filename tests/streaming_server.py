"""A local Mastodon streaming server on 127.0.0.1 for the streaming tests.

It speaks HTTP/1.1 and WebSocket (RFC 6455, the small part a streaming server
needs) by hand over plain sockets, so that it can misbehave on purpose:

* serve server-sent events (``/api/v1/streaming/<stream>``, chunked or not)
  and WebSocket streams (``/api/v1/streaming`` with subscribe/unsubscribe);
* send every event type (:meth:`StreamingServer.send_event`), raw bytes split
  at any offsets into separate writes/HTTP chunks (:meth:`send_raw`), garbage,
  heartbeats; go silent (send nothing); drop every connection, with a TCP reset
  if asked (:meth:`drop`), or end every stream cleanly (:meth:`end_streams`);
  refuse a revoked token (:meth:`revoke_token`);
* keep posted statuses and notifications and serve them from the REST
  timelines with Mastodon's ``max_id``/``since_id``/``min_id`` paging and
  ``Link`` headers, so catching up after a reconnect can be tested;
* answer ``/api/v1/instance`` and ``/api/v2/instance`` naming a configurable
  streaming URL, and ``/api/v1/streaming/health``.

Usage::

    with StreamingServer() as server:
        api = Mastodon(access_token=TOKEN, api_base_url=server.url, ...)
        handle = api.stream_user(listener, run_async=True)
        server.wait_for_clients(1)
        server.post_status()
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import queue
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from mastodon import Mastodon, StreamListener
from tests.data import entities
from tests.fault_server import read_request

TOKEN = "stream-token-1a2b3c"
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3


class _Finish:
    """Queued after a stream's last bytes: the writer then closes its side cleanly."""


_FINISH = _Finish()
_REASONS = {
    101: "Switching Protocols",
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
_STREAMS = {
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
}

StreamKey = tuple[str, ...]


class _Client:
    """One connected streaming client (SSE or WebSocket).

    Writes go through a queue and a writer thread, so the server never blocks
    on a slow client while holding its lock (a client catching up over REST
    does not read its stream meanwhile).
    """

    def __init__(self, sock: socket.socket, kind: str, chunked: bool) -> None:
        self.sock = sock
        self.kind = kind
        self.chunked = chunked
        self.streams: set[StreamKey] = set()
        self.closed = threading.Event()
        self._queue: queue.SimpleQueue[bytes | _Finish | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_loop, daemon=True)
        self._writer.start()

    def write(self, data: bytes) -> None:
        if self.closed.is_set() or not data:
            return
        if self.kind == "sse" and self.chunked:
            data = b"%x\r\n%s\r\n" % (len(data), data)
        self._queue.put(data)

    def finish(self) -> None:
        """End the stream as a well-behaved server does: the last chunk of a chunked
        body or a WebSocket close frame, then close the sending side (no reset)."""
        if self.closed.is_set():
            return
        if self.kind == "ws":
            self._queue.put(_frame(0x8, struct.pack("!H", 1000)))
        elif self.chunked:
            self._queue.put(b"0\r\n\r\n")
        self._queue.put(_FINISH)

    def _write_loop(self) -> None:
        while True:
            data = self._queue.get()
            if data is None or self.closed.is_set():
                return
            try:
                if isinstance(data, _Finish):
                    self.sock.shutdown(socket.SHUT_WR)
                    self.closed.set()
                    return
                self.sock.sendall(data)
            except OSError:
                self.closed.set()
                return

    def ws_frame(self, opcode: int, payload: bytes) -> None:
        self.write(_frame(opcode, payload))

    def kill(self, rst: bool) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        self._queue.put(None)
        try:
            if rst:
                # The fd closes for real when the handler thread closes its file
                # object; SHUT_RD wakes that thread without sending anything, and
                # the zero linger then turns the close into a TCP reset.
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.sock.shutdown(socket.SHUT_RD)
            else:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def _frame(opcode: int, payload: bytes) -> bytes:
    head = bytes([0x80 | opcode])
    size = len(payload)
    if size < 126:
        head += bytes([size])
    elif size < 65536:
        head += bytes([126]) + struct.pack("!H", size)
    else:
        head += bytes([127]) + struct.pack("!Q", size)
    return head + payload


class StreamingServer:
    """The local server; ``url`` is its http base, ``ws_url`` its WebSocket base.

    :param sse: serve SSE streaming (else ``/api/v1/streaming/...`` answers 404).
    :param websocket: serve WebSocket streaming.
    :param chunked: send SSE with ``Transfer-Encoding: chunked`` (else close-delimited).
    :param streaming_url: the streaming URL the instance names (default ``ws://`` of
        this server; ``""`` for none).
    :param instance_version: 2 serves ``/api/v2/instance``; 1 only ``/api/v1/instance``.
    """

    def __init__(
        self, *, sse: bool = True, websocket: bool = True, chunked: bool = True, streaming_url: str | None = None, instance_version: int = 2
    ) -> None:
        self.sse = sse
        self.websocket = websocket
        self.chunked = chunked
        self.instance_version = instance_version
        self.streams_down = False  # True: streaming endpoints answer 503 (REST keeps working)
        self.token = TOKEN  # the one access token accepted
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.clients: list[_Client] = []
        self.connections_total = 0
        self.statuses: list[tuple[int, dict[str, Any], set[StreamKey]]] = []
        self.notifications: list[tuple[int, dict[str, Any]]] = []
        self.requests: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.ws_messages: list[dict[str, Any]] = []
        self._next_id = 110000000000000000
        self._sockets: set[socket.socket] = set()
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.streaming_url = self.ws_url if streaming_url is None else streaming_url
        self._thread = threading.Thread(target=self._accept, name="streaming-server", daemon=True)
        self._thread.start()

    # -- lifecycle ----------------------------------------------------------------------

    def __enter__(self) -> StreamingServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
        except OSError:
            pass
        self._listener.close()
        self.drop(rst=False)
        with self.lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(2)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self._sockets.add(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    # -- what tests call ------------------------------------------------------------------

    def wait_for_clients(self, count: int = 1, timeout: float = 10.0, kind: str | None = None) -> None:
        """Wait until ``count`` streaming clients are connected (and subscribed, for WebSocket)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.client_count(kind) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{count} streaming client(s) never connected ({self.client_count(kind)} did)")
                self.changed.wait(left)

    def client_count(self, kind: str | None = None) -> int:
        with self.lock:
            return sum(1 for c in self.clients if not c.closed.is_set() and c.streams and kind in (None, c.kind))

    def new_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id

    def post_status(self, streams: Iterable[StreamKey] = (("user",), ("public",), ("public:local",)), **fields: Any) -> dict[str, Any]:
        """Store a new status and send it as ``update`` to the connected clients of ``streams``."""
        keys = set(streams)
        with self.lock:
            status_id = self.new_id()
            status = entities.status(id=str(status_id), **fields)
            self.statuses.append((status_id, status, keys))
            self._broadcast("update", json.dumps(status), keys)
        return status

    def post_notification(self, **fields: Any) -> dict[str, Any]:
        """Store a new notification and send it to user / user:notification clients."""
        with self.lock:
            note_id = self.new_id()
            note = entities.notification(id=str(note_id), **fields)
            self.notifications.append((note_id, note))
            self._broadcast("notification", json.dumps(note), {("user",), ("user:notification",)})
        return note

    def send_event(self, name: str, payload: Any = None, streams: Iterable[StreamKey] = (("user",),)) -> None:
        """Send one event; ``payload`` is sent as is when a string, as JSON otherwise, or left out."""
        text = payload if isinstance(payload, str) or payload is None else json.dumps(payload)
        with self.lock:
            self._broadcast(name, text, set(streams))

    def send_raw(self, data: bytes, splits: Iterable[int] = (), pause: float = 0.002) -> None:
        """Write raw bytes to every SSE client, cut at the ``splits`` offsets into
        separate writes (separate HTTP chunks when chunked), pausing between them."""
        cuts = [0, *sorted(set(splits)), len(data)]
        pieces = [data[a:b] for a, b in itertools.pairwise(cuts) if b > a]
        for index, piece in enumerate(pieces):
            for client in self._live("sse"):
                client.write(piece)
            if pause and index < len(pieces) - 1:
                time.sleep(pause)

    def send_ws_raw(self, text: str | bytes) -> None:
        """Send one raw text frame to every WebSocket client."""
        data = text.encode() if isinstance(text, str) else text
        for client in self._live("ws"):
            client.ws_frame(0x1, data)

    def heartbeat(self) -> None:
        """An SSE comment to SSE clients, a ping to WebSocket clients."""
        for client in self._live(None):
            if client.kind == "sse":
                client.write(b":thump\n")
            else:
                client.ws_frame(0x9, b"")

    def end_streams(self) -> None:
        """End every stream cleanly (see :meth:`_Client.finish`)."""
        with self.lock:
            clients, self.clients = self.clients, []
            self.changed.notify_all()
        for client in clients:
            client.finish()

    def revoke_token(self) -> None:
        """From now on every request answers 401, as for a revoked token."""
        self.token = "revoked"

    def drop(self, rst: bool = True) -> None:
        """Hang up on every streaming client (with a TCP reset when ``rst``)."""
        with self.lock:
            clients, self.clients = self.clients, []
            self.changed.notify_all()
        for client in clients:
            client.kill(rst)

    # -- internals -----------------------------------------------------------------------

    def _live(self, kind: str | None) -> list[_Client]:
        with self.lock:
            return [c for c in self.clients if not c.closed.is_set() and kind in (None, c.kind)]

    def _broadcast(self, name: str, payload: str | None, keys: set[StreamKey]) -> None:
        # Called with the lock held: a client registering concurrently sees either
        # the stored item over REST or this event, never neither.
        for client in self.clients:
            matched = [key for key in client.streams if key in keys]
            if not matched or client.closed.is_set():
                continue
            if client.kind == "sse":
                data = f"event: {name}\n"
                if payload is not None:
                    data += "".join(f"data: {line}\n" for line in payload.split("\n"))
                client.write((data + "\n").encode())
            else:
                for key in sorted(matched):  # one message per subscribed stream, as Mastodon does
                    message: dict[str, Any] = {"stream": list(key), "event": name}
                    if payload is not None:
                        message["payload"] = payload
                    client.ws_frame(0x1, json.dumps(message).encode())

    def _serve(self, sock: socket.socket) -> None:
        reader = sock.makefile("rb")
        try:
            while not self._stopped.is_set():
                request = self._read_request(reader)
                if request is None:
                    return
                if not self._answer(sock, reader, *request):
                    return
        except OSError:
            return
        finally:
            reader.close()
            sock.close()
            with self.lock:
                self._sockets.discard(sock)

    @staticmethod
    def _read_request(reader: Any) -> tuple[str, str, list[tuple[str, str]], dict[str, str]] | None:
        request = read_request(reader)
        if request is None:
            return None
        headers = {name.lower(): value for name, value in request.headers.items()}
        return request.method, unquote(request.path), request.query, headers

    def _answer(
        self, sock: socket.socket, reader: Any, method: str, path: str, query: list[tuple[str, str]], headers: dict[str, str]
    ) -> bool:
        with self.lock:
            self.requests.append((method, path, query))
        args = dict(query)
        authorized = headers.get("authorization") == f"Bearer {self.token}"
        path = path.rstrip("/") or "/"
        if path == "/api/v2/instance" and self.instance_version >= 2:
            info = entities.instance_v2()
            info["configuration"]["urls"]["streaming"] = self.streaming_url or None
            return self._json(sock, 200, info)
        if path == "/api/v1/instance":
            info = entities.instance_v1()
            info["urls"]["streaming_api"] = self.streaming_url or None
            return self._json(sock, 200, info)
        if path.startswith("/api/v1/streaming"):
            answered = self._answer_streaming(sock, reader, path, args, headers, authorized)
            if answered is not None:
                return answered
        if not authorized:
            return self._json(sock, 401, {"error": "The access token is invalid"})
        return self._answer_rest(sock, path, args)

    def _answer_streaming(
        self, sock: socket.socket, reader: Any, path: str, args: dict[str, str], headers: dict[str, str], authorized: bool
    ) -> bool | None:
        """Answer a request under ``/api/v1/streaming``: the health check, a WebSocket
        upgrade or a server-sent event stream; ``None`` for a request that is none of them."""
        if path == "/api/v1/streaming/health":
            if not self.sse:
                return self._json(sock, 404, {"error": "Not found"})
            return self._send(sock, 200, b"OK", "text/plain; charset=utf-8")
        if self.streams_down:
            return self._json(sock, 503, {"error": "Service Unavailable"})
        websocket = path == "/api/v1/streaming" and headers.get("upgrade", "").lower() == "websocket"
        if not websocket and not path.startswith("/api/v1/streaming/"):
            return None
        if not (self.websocket if websocket else self.sse):
            return self._json(sock, 404, {"error": "Not found"})
        if not authorized:
            return self._json(sock, 401, {"error": "The access token is invalid"})
        if websocket:
            self._websocket(sock, reader, headers)
            return False
        key = self._sse_stream(path[len("/api/v1/streaming/") :], args)
        if key is None:
            return self._json(sock, 400, {"error": "Unknown channel requested"})
        self._event_stream(sock, key)
        return False

    def _answer_rest(self, sock: socket.socket, path: str, args: dict[str, str]) -> bool:
        """Answer an authorized request for notifications or a timeline (404 for anything else)."""
        if path == "/api/v1/notifications":
            with self.lock:
                items = list(self.notifications)
            return self._page(sock, path, args, items)
        timeline = self._timeline_key(path, args)
        if timeline is not None:
            with self.lock:
                items = [(sid, status) for sid, status, keys in self.statuses if timeline in keys]
            return self._page(sock, path, args, items)
        return self._json(sock, 404, {"error": "Record not found"})

    @staticmethod
    def _sse_stream(name: str, args: dict[str, str]) -> StreamKey | None:
        media = ":media" if args.get("only_media") == "true" else ""
        simple = {
            "user": ("user",),
            "user/notification": ("user:notification",),
            "direct": ("direct",),
            "public": ("public" + media,),
            "public/local": ("public:local" + media,),
            "public/remote": ("public:remote" + media,),
        }
        if name in simple:
            return simple[name]
        if name in ("hashtag", "hashtag/local") and args.get("tag"):
            return ("hashtag:local" if name.endswith("local") else "hashtag", args["tag"].lower())
        if name == "list" and args.get("list"):
            return ("list", args["list"])
        return None

    @staticmethod
    def _timeline_key(path: str, args: dict[str, str]) -> StreamKey | None:
        if path == "/api/v1/timelines/home":
            return ("user",)
        if path == "/api/v1/timelines/public":
            scope = ":local" if args.get("local") == "true" else ":remote" if args.get("remote") == "true" else ""
            return ("public" + scope + (":media" if args.get("only_media") == "true" else ""),)
        if path.startswith("/api/v1/timelines/tag/"):
            scope = ":local" if args.get("local") == "true" else ""
            return ("hashtag" + scope, path.rsplit("/", 1)[1].lower())
        if path.startswith("/api/v1/timelines/list/"):
            return ("list", path.rsplit("/", 1)[1])
        return None

    def _page(self, sock: socket.socket, path: str, args: dict[str, str], items: list[tuple[int, Any]]) -> bool:
        """Mastodon's paging: newest first; max_id/since_id/min_id; Link next/prev."""
        limit = max(1, min(40, int(args.get("limit", 20))))
        items = sorted(items, key=lambda item: item[0])
        if "max_id" in args:
            items = [item for item in items if item[0] < int(args["max_id"])]
        if "since_id" in args:
            items = [item for item in items if item[0] > int(args["since_id"])]
        if "min_id" in args:
            items = [item for item in items if item[0] > int(args["min_id"])][:limit]
        else:
            items = items[-limit:]
        page = [body for _, body in reversed(items)]
        links = []
        if items:
            keep = "".join(f"{k}={v}&" for k, v in args.items() if k not in ("max_id", "min_id", "since_id"))
            links.append(f'<{self.url}{path}?{keep}max_id={items[0][0]}>; rel="next"')
            links.append(f'<{self.url}{path}?{keep}min_id={items[-1][0]}>; rel="prev"')
        return self._json(sock, 200, page, {"Link": ", ".join(links)} if links else None)

    def _json(self, sock: socket.socket, status: int, body: Any, headers: dict[str, str] | None = None) -> bool:
        return self._send(sock, status, json.dumps(body).encode(), "application/json; charset=utf-8", headers)

    @staticmethod
    def _send(sock: socket.socket, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> bool:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        return True

    def _register(self, client: _Client) -> None:
        with self.lock:
            self.clients.append(client)
            self.connections_total += 1
            self.changed.notify_all()

    def _event_stream(self, sock: socket.socket, key: StreamKey) -> None:
        head = ["HTTP/1.1 200 OK", "Content-Type: text/event-stream", "Cache-Control: no-store"]
        head.append("Connection: close")  # the connection ends with the stream: never reused
        if self.chunked:
            head.append("Transfer-Encoding: chunked")
        client = _Client(sock, "sse", self.chunked)
        with self.lock:
            # Headers and registration under the lock: no event can slip between them.
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
            client.streams.add(key)
            self._register(client)
        # Wait until the client goes away or the test drops it.
        while not client.closed.is_set() and not self._stopped.is_set():
            try:
                readable, _, _ = select.select([sock], [], [], 0.2)
                if readable and sock.recv(1) == b"":
                    break
            except (OSError, ValueError):
                break
        client.closed.set()
        with self.lock:
            if client in self.clients:
                self.clients.remove(client)
            self.changed.notify_all()

    def _websocket(self, sock: socket.socket, reader: Any, headers: dict[str, str]) -> None:
        key = headers.get("sec-websocket-key", "")
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        sock.sendall(
            (
                f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        client = _Client(sock, "ws", False)
        self._register(client)
        try:
            while not client.closed.is_set():
                frame = self._read_frame(reader)
                if frame is None:
                    break
                opcode, payload = frame
                if opcode == 0x8:
                    client.ws_frame(0x8, payload[:2])
                    break
                if opcode == 0x9:
                    client.ws_frame(0xA, payload)
                elif opcode == 0x1:
                    self._ws_command(client, payload)
        except (OSError, ValueError):
            pass
        finally:
            client.closed.set()
            with self.lock:
                if client in self.clients:
                    self.clients.remove(client)
                self.changed.notify_all()

    @staticmethod
    def _read_frame(reader: Any) -> tuple[int, bytes] | None:
        head = reader.read(2)
        if len(head) < 2:
            return None
        opcode = head[0] & 0x0F
        masked = head[1] & 0x80
        size = head[1] & 0x7F
        if size == 126:
            size = struct.unpack("!H", reader.read(2))[0]
        elif size == 127:
            size = struct.unpack("!Q", reader.read(8))[0]
        mask = reader.read(4) if masked else b"\0\0\0\0"
        data = reader.read(size)
        return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data))

    def _ws_command(self, client: _Client, payload: bytes) -> None:
        message = json.loads(payload)
        with self.lock:
            self.ws_messages.append(message)
        stream = message.get("stream")
        if stream not in _STREAMS:
            client.ws_frame(0x1, json.dumps({"error": "Unknown stream type", "status": 400}).encode())
            return
        key: StreamKey = (stream,)
        if stream.startswith("hashtag"):
            key = (stream, str(message.get("tag", "")).lower())
        elif stream == "list":
            key = (stream, str(message.get("list", "")))
        with self.lock:
            if message.get("type") == "subscribe":
                client.streams.add(key)
            elif message.get("type") == "unsubscribe":
                client.streams.discard(key)
            self.changed.notify_all()


# -- helpers for the tests ------------------------------------------------------------


class Recorder(StreamListener):
    """Records every callback as ``(method, args)``; tests wait on it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.cond = threading.Condition()

    def _record(self, name: str, *args: Any) -> None:
        with self.cond:
            self.calls.append((name, args))
            self.cond.notify_all()

    def on_update(self, status: Any) -> None:
        self._record("on_update", status)

    def on_delete(self, status_id: Any) -> None:
        self._record("on_delete", status_id)

    def on_notification(self, notification: Any) -> None:
        self._record("on_notification", notification)

    def on_filters_changed(self) -> None:
        self._record("on_filters_changed")

    def on_conversation(self, conversation: Any) -> None:
        self._record("on_conversation", conversation)

    def on_announcement(self, annoucement: Any) -> None:
        self._record("on_announcement", annoucement)

    def on_announcement_reaction(self, reaction: Any) -> None:
        self._record("on_announcement_reaction", reaction)

    def on_announcement_delete(self, annoucement_id: Any) -> None:
        self._record("on_announcement_delete", annoucement_id)

    def on_status_update(self, status: Any) -> None:
        self._record("on_status_update", status)

    def on_encrypted_message(self, unclear: Any) -> None:
        self._record("on_encrypted_message", unclear)

    def on_notifications_merged(self) -> None:
        self._record("on_notifications_merged")

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        self._record("on_unknown_event", name, unknown_event)

    def on_websocket_error(self, error: Any, for_stream: str | None = None) -> None:
        self._record("on_websocket_error", error, for_stream)

    def on_abort(self, err: Exception) -> None:
        self._record("on_abort", err)

    def handle_heartbeat(self) -> None:
        self._record("handle_heartbeat")

    def on_any_event(self, name: str, data: Any = None, for_stream: str | None = None) -> None:
        self._record("on_any_event", name, for_stream)

    # -- queries ------------------------------------------------------------------------

    def named(self, method: str) -> list[tuple[Any, ...]]:
        with self.cond:
            return [args for name, args in self.calls if name == method]

    def updates(self) -> list[Any]:
        return [args[0] for args in self.named("on_update")]

    def wait(self, predicate: Callable[[Recorder], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls so far: {[c[0] for c in self.calls][-20:]}")
                self.cond.wait(min(left, 0.1))

    def wait_count(self, method: str, count: int, timeout: float = 10.0) -> None:
        self.wait(lambda rec: len(rec.named(method)) >= count, timeout)


def make_client(server: StreamingServer, **kwargs: Any) -> Mastodon:
    kwargs.setdefault("access_token", TOKEN)
    kwargs.setdefault("mastodon_version", "4.6.0")
    return Mastodon(api_base_url=server.url, **kwargs)
