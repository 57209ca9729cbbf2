"""A deliberately unreliable HTTP/1.1 server on 127.0.0.1 for fault-injection tests.

Each request is answered by the next scripted :class:`Fault` (or by the default
handler once the script is empty). The server speaks just enough HTTP/1.1 by hand
(request line, headers, Content-Length bodies, keep-alive) so that it can also
misbehave in ways a normal framework never would: reset a connection mid-body,
send a wrong Content-Length, stall, or process a request and hang up.
"""

from __future__ import annotations

import json
import socket
import socketserver
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class Fault:
    """What to do with one request.

    kind: "ok" (answer ``body`` as JSON with ``status``/``headers``), "reset_before"
    (hang up with a TCP reset before answering), "reset_mid_body" (send half the
    body, then reset), "html" (an HTML error page with ``status``), "stall" (say
    nothing for ``seconds``), "raw" (send ``raw`` bytes as the body), "huge"
    (announce and stream ``size`` bytes), "redirect" (302 to ``location``),
    "process_then_drop" (let the default handler act, then hang up unanswered),
    "drip" (send the head at once, then one byte of the body every ``seconds``;
    chunked when ``headers`` says ``Transfer-Encoding: chunked``).
    """

    kind: str
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes = b""
    seconds: float = 0.0
    size: int = 0
    location: str = ""


Handler = Callable[[Request], tuple[int, dict[str, str], Any]]


class FaultServer:
    """Start with ``with FaultServer(handler) as server:``; ``server.url`` is its base."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.handler: Handler = handler or (lambda request: (200, {}, {}))
        self.script: deque[Fault] = deque()
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._stop = threading.Event()
        outer = self

        class _Conn(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer._serve_connection(self.request)

        class _Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = _Server(("127.0.0.1", 0), _Conn)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def add(self, *faults: Fault) -> None:
        with self.lock:
            self.script.extend(faults)

    # -- the connection loop ------------------------------------------------------------

    def _serve_connection(self, sock: socket.socket) -> None:
        reader = sock.makefile("rb")
        try:
            while not self._stop.is_set():
                request = read_request(reader)
                if request is None:
                    return
                with self.lock:
                    self.requests.append(request)
                    fault = self.script.popleft() if self.script else Fault("ok", body=None)
                if not self._answer(sock, request, fault):
                    return
        except OSError:
            return
        finally:
            reader.close()

    def _send_huge(self, sock: socket.socket, fault: Fault) -> None:
        """Start an answer of ``fault.size`` bytes and keep sending until it is read or refused."""
        head = _head(fault.status, {"Content-Type": "application/json", "Content-Length": str(fault.size)})
        sock.sendall(head + b"[")
        chunk = b'"' + b"x" * 65000 + b'",'
        sent = 1
        try:
            while sent < fault.size and not self._stop.is_set():
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass

    def _drip(self, sock: socket.socket, fault: Fault) -> None:
        """Send the head of a long answer at once, then a byte of its body every
        ``fault.seconds`` until the client hangs up or the server stops."""
        chunked = fault.headers.get("Transfer-Encoding") == "chunked"
        framing = {"Transfer-Encoding": "chunked"} if chunked else {"Content-Length": "100000"}
        sock.sendall(_head(fault.status, {"Content-Type": "application/json", **framing}))
        try:
            while not self._stop.wait(fault.seconds):
                sock.sendall(b"1\r\n \r\n" if chunked else b" ")
        except OSError:
            pass

    def _answer(self, sock: socket.socket, request: Request, fault: Fault) -> bool:
        """Act out ``fault``; False when the connection must close."""
        kind = fault.kind
        if kind == "reset_before":
            _reset(sock)
            return False
        if kind == "stall":
            self._stop.wait(fault.seconds)
            return False
        if kind == "process_then_drop":
            self.handler(request)
            _reset(sock)
            return False
        if kind == "html":
            body = b"<html><head><title>Error</title></head><body><h1>Bad Gateway</h1></body></html>"
            _send(sock, fault.status, {"Content-Type": "text/html", **fault.headers}, body)
            return True
        if kind == "raw":
            _send(sock, fault.status, {"Content-Type": "application/json", **fault.headers}, fault.raw)
            return True
        long_answers = {"huge": self._send_huge, "drip": self._drip}  # each holds the connection until it is done
        if kind in long_answers:
            long_answers[kind](sock, fault)
            return False
        if kind == "redirect":
            _send(sock, 302, {"Location": fault.location, "Content-Type": "text/plain"}, b"moved")
            return True
        if fault.body is None and kind == "ok":
            status, headers, payload = self.handler(request)
        else:
            status, headers, payload = fault.status, fault.headers, fault.body
        body = json.dumps(payload).encode()
        if kind == "reset_mid_body":
            sock.sendall(
                _head(status, {"Content-Type": "application/json", "Content-Length": str(len(body)), **headers}) + body[: len(body) // 2]
            )
            time.sleep(0.05)
            _reset(sock)
            return False
        _send(sock, status, {"Content-Type": "application/json", **headers}, body)
        return True


def read_request(reader: Any) -> Request | None:
    """Read one HTTP/1.1 request (line, headers, Content-Length body); None at EOF."""
    line = reader.readline(65537)
    if not line:
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        raw = reader.readline(65537)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().title()] = value.strip()
    length = int(headers.get("Content-Length", "0"))
    body = reader.read(length) if length else b""
    parts = urlsplit(target)
    return Request(method, parts.path, parse_qsl(parts.query, keep_blank_values=True), headers, body)


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {'OK' if status < 400 else 'Error'}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _send(sock: socket.socket, status: int, headers: dict[str, str], body: bytes) -> None:
    sock.sendall(_head(status, {**headers, "Content-Length": str(len(body))}) + body)


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: what a crashed proxy looks like."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass
