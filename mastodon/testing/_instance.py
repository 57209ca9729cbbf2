"""The :class:`LocalInstance`: a Mastodon-compatible server in memory, in threads.

Two listening sockets on 127.0.0.1: the API (a werkzeug WSGI server) and the
streaming server, whose address the instance advertises as its streaming URL
(``urls.streaming_api``, ``configuration.urls.streaming``), as real Mastodon
servers often run streaming on a host of its own. The streaming port serves
both transports: WebSocket upgrades of ``/api/v1/streaming`` go to the
``websockets`` package, everything else (SSE) to the same WSGI application.
One thread accepts connections on both ports; every connection is then served
in a thread of its own.
"""

from __future__ import annotations

import logging
import re
import secrets
import selectors
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from ..errors import MastodonIllegalArgumentError
from ._errors import ApiError
from ._faults import Failure, Faults
from ._hub import Hub
from ._posting import Draft
from ._social import OOB
from ._state import State
from ._wsgi import Application, url_map

if TYPE_CHECKING:
    from websockets.sync.server import Server

    from ..Mastodon import Mastodon

log = logging.getLogger("mastodon.testing")

CLIENT_SCOPES = "read write follow push profile"
url_map()  # compile the routing table now, so that each LocalInstance() starts in milliseconds
_PEEK_BYTES = 4096
_TOKEN_IN_QUERY = re.compile(r"(access_token=)[^&]*")


class _QuietHandler(WSGIRequestHandler):
    """werkzeug's handler without a log line per request (tests make thousands)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s -> %s", self.command, _TOKEN_IN_QUERY.sub(r"\1***", self.path), code)


@dataclass(frozen=True)
class LocalUser:
    """A user created with :meth:`LocalInstance.create_user`, and its credentials."""

    username: str
    id: str
    email: str
    password: str
    access_token: str

    def __repr__(self) -> str:
        return f"LocalUser(username={self.username!r}, id={self.id!r})"


class LocalInstance:
    """A Mastodon-compatible server on 127.0.0.1, holding everything in memory.

    It starts when created and stops with :meth:`stop` or at the end of a
    ``with`` block::

        with LocalInstance() as inst:
            alice = inst.create_user("alice")
            bob = inst.create_user("bob")
            bob.account_follow(alice.me())
            alice.toot("Hello, Bob!")
            assert bob.timeline_home()[0].account.acct == "alice"

    :param port: the API's port; a free one by default.
    :param streaming_port: the streaming server's port; a free one by default.
    :param version: the version string the instance reports (see :attr:`version`).
    :param media_delay: seconds an upload through ``/api/v2/media`` takes to
        "process" (answered with 202 and ``url: null`` until then).
    :param heartbeat: seconds between ``:thump`` heartbeats on idle SSE streams
        (Mastodon sends one every 15 s; a test server answers sooner, which
        also lets clients notice closed streams quickly).
    :param auto_authorize: a user name: the authorization page then approves
        every request at once as that user, with no form to fill in.
    """

    def __init__(
        self,
        port: int = 0,
        *,
        streaming_port: int = 0,
        version: str = "4.4.0",
        media_delay: float = 0.05,
        heartbeat: float = 1.0,
        auto_authorize: str | None = None,
    ) -> None:
        self._faults = Faults()
        self._ws_server: Server | None = None
        self._ws_lock = threading.Lock()
        self._stream_threads: set[threading.Thread] = set()  # under _ws_lock
        self._users: dict[str, LocalUser] = {}
        self._stopped = threading.Event()
        # Bound here rather than by werkzeug, which would exit the process when the port is taken.
        with socket.create_server(("127.0.0.1", port)) as api_socket:
            self.port = api_socket.getsockname()[1]
            self._http: BaseWSGIServer = make_server(
                "127.0.0.1", self.port, _NotYet(), threaded=True, request_handler=_QuietHandler, fd=api_socket.fileno()
            )
        try:
            self._stream_socket = socket.create_server(("127.0.0.1", streaming_port))
        except OSError:
            self._http.server_close()
            raise
        self.streaming_port = self._stream_socket.getsockname()[1]
        self.domain = f"127.0.0.1:{self.port}"
        self.state = State(self.domain)
        self._hub = Hub(self.state)
        self.state.events = self._hub
        self.state.streaming_url = f"http://127.0.0.1:{self.streaming_port}"
        self.state.media_delay = media_delay
        self.state.heartbeat = heartbeat
        self.state.auto_authorize = auto_authorize
        self.state.meta["version"] = version
        self._http.app = Application(self.state, self._hub, self._faults)
        with self.state.lock:
            self._app = self.state.create_app("pytooter LocalInstance", [OOB], CLIENT_SCOPES.split(), None)
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._thread = threading.Thread(target=self._accept_loop, name=f"local-instance-{self.port}", daemon=True)
        self._thread.start()

    # -- life cycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL of the API, e.g. ``http://127.0.0.1:52811``."""
        return self.state.base_url

    @property
    def streaming_url(self) -> str:
        """The base URL of the streaming server (SSE and WebSocket)."""
        return self.state.streaming_url

    def __enter__(self) -> LocalInstance:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "stopped" if self._stopped.is_set() else "running"
        return f"<LocalInstance {self.url} ({state}, {len(self._users)} users)>"

    def stop(self) -> None:
        """Stop serving: open streams end, the ports close. Calling it again does nothing."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._wake_writer.send(b"x")
        self._thread.join(timeout=5)
        self._hub.close_all(drop=False)
        with self._ws_lock:
            if self._ws_server is not None:
                self._ws_server.shutdown()
            streaming = list(self._stream_threads)
        # Streams are served in threads of ours (neither werkzeug nor websockets
        # waits for them): wait here, so that each client gets the end of its
        # stream (a WebSocket close frame, the last chunk of an event stream)
        # before a process that is about to exit lets it go.
        deadline = time.monotonic() + 5
        for thread in streaming:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._http.server_close()
        self._stream_socket.close()
        self._wake_reader.close()
        self._wake_writer.close()

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._http.socket, selectors.EVENT_READ, "api")
            selector.register(self._stream_socket, selectors.EVENT_READ, "streaming")
            selector.register(self._wake_reader, selectors.EVENT_READ, "stop")
            while True:
                for key, _ in selector.select():
                    if key.data == "stop":
                        return
                    if key.data == "api":
                        self._http.handle_request()  # accepts the one waiting connection, serves it in a thread
                        continue
                    try:
                        sock, address = self._stream_socket.accept()
                    except OSError:
                        continue
                    thread = threading.Thread(target=self._serve_streaming, args=(sock, address), name="local-instance-stream", daemon=True)
                    with self._ws_lock:
                        self._stream_threads.add(thread)
                    thread.start()

    def _serve_streaming(self, sock: socket.socket, address: Any) -> None:
        """Give one streaming-port connection to websockets or to werkzeug.

        The request line is peeked at (not read: the library that serves the
        connection reads the whole request itself) to see where it goes. Only
        the WebSocket endpoint, ``/api/v1/streaming`` without a sub-path, goes to
        websockets; it refuses plain requests there with 426, as Mastodon does.
        """
        try:
            self._route_streaming(sock, address)
        finally:
            with self._ws_lock:
                self._stream_threads.discard(threading.current_thread())

    def _route_streaming(self, sock: socket.socket, address: Any) -> None:
        try:
            sock.settimeout(10)
            line = b""
            deadline = time.monotonic() + 10
            while b"\n" not in line and len(line) < _PEEK_BYTES and time.monotonic() < deadline:
                line = sock.recv(_PEEK_BYTES, socket.MSG_PEEK)
                if not line:
                    break
                if b"\n" not in line:
                    time.sleep(0.001)
            sock.settimeout(None)
        except OSError:
            sock.close()
            return
        parts = line.split(b"\r\n", 1)[0].split(b" ")
        target = parts[1] if len(parts) > 1 else b""
        if target.split(b"?", 1)[0].rstrip(b"/") == b"/api/v1/streaming":
            self._websockets().handler(sock, address)
            return
        # werkzeug serves the rest (server-sent events) in this thread, which stop()
        # waits for: an ended stream gets its last chunk before the process may exit.
        try:
            self._http.finish_request(sock, address)
        except OSError:
            pass  # the client went away
        finally:
            self._http.shutdown_request(sock)

    def _websockets(self) -> Server:
        """The websockets server that serves the WebSocket connections we accept.

        Built on first use: importing websockets costs more than starting the
        instance. It runs its own accept loop on a listening socket of its own
        that nobody connects to, only so that its documented ``shutdown()``
        works as designed when the instance stops.
        """
        with self._ws_lock:
            if self._ws_server is None:
                from ._websocket import make_server as make_ws_server

                server = make_ws_server(self.state, self._hub, socket.create_server(("127.0.0.1", 0)))
                threading.Thread(target=server.serve_forever, name="local-instance-websockets", daemon=True).start()
                self._ws_server = server
            return self._ws_server

    # -- users ---------------------------------------------------------------------------

    def create_user(
        self,
        username: str,
        password: str | None = None,
        email: str | None = None,
        *,
        display_name: str = "",
        note: str = "",
        locked: bool = False,
        bot: bool = False,
        scopes: str = CLIENT_SCOPES,
        **client_options: Any,
    ) -> Mastodon:
        """Create an account and return a :class:`~mastodon.Mastodon` client logged in as it.

        :param username: letters, digits and underscores, as on Mastodon.
        :param password: a random one by default (see :meth:`user`).
        :param email: ``<username>@<host>`` by default; the password grant logs in with it.
        :param locked: the account approves followers by hand (follow requests).
        :param scopes: the scopes of the client's token.
        :param client_options: passed on to :class:`~mastodon.Mastodon` (e.g.
            ``ratelimit_method="throw"``).
        :raises MastodonIllegalArgumentError: the name is taken or invalid.
        """
        from ..Mastodon import Mastodon

        password = password or secrets.token_urlsafe(12)
        email = email or f"{username}@localhost"
        with self.state.lock:
            try:
                account = self.state.register(username, email, password, agreement=True)
            except ApiError as error:
                raise MastodonIllegalArgumentError(f"cannot create user {username!r}: {error.message}") from None
            self.state.update_profile(account, {"display_name": display_name, "note": note, "locked": locked, "bot": bot})
            token = self.state.issue_token(self._app, account, scopes.split())
        self._users[username] = LocalUser(username, str(account.id), email, password, token.value)
        return Mastodon(
            client_id=self._app.client_id,
            client_secret=self._app.client_secret,
            access_token=token.value,
            api_base_url=self.url,
            **client_options,
        )

    def user(self, username: str) -> LocalUser:
        """The credentials of a user made with :meth:`create_user`: id, e-mail,
        password and access token (for clients other than pytooter)."""
        return self._users[username]

    @property
    def client_credentials(self) -> tuple[str, str]:
        """``(client_id, client_secret)`` of the app the instance registered for its own clients."""
        return self._app.client_id, self._app.client_secret

    def post(self, username: str, text: str, **params: Any) -> str:
        """Publish a status as a user straight into the state (no HTTP request),
        for filling timelines fast. ``params`` are those of ``POST /api/v1/statuses``
        (``visibility``, ``spoiler_text``, ``in_reply_to_id``...). Returns the new id.
        """
        with self.state.lock:
            account = self.state.by_username.get(username.lower())
            if account is None:
                raise KeyError(username)
            draft = Draft(text=text, **params)
            status = self.state.post(account, draft, self._app.id)
        return str(status.id)

    def announce(self, text: str, *, starts_at: datetime | None = None, ends_at: datetime | None = None, all_day: bool = False) -> str:
        """Publish an announcement, as the instance's staff would: every user sees it in
        ``GET /api/v1/announcements`` (until ``ends_at``, by the instance's clock) and
        ``user`` streams get an ``announcement`` event. Returns the new id.

        :param text: plain text; mentions of local users, hashtags and links become HTML.
        :param starts_at: the start of the event it announces (timezone-aware).
        :param ends_at: the end of the event, after which the announcement is gone (timezone-aware).
        :param all_day: the event lasts whole days.
        :raises MastodonIllegalArgumentError: blank text, or a datetime without a timezone.
        """
        with self.state.lock:
            try:
                record = self.state.announce(text, _timestamp(starts_at), _timestamp(ends_at), all_day)
            except ApiError as error:
                raise MastodonIllegalArgumentError(f"cannot announce: {error.message}") from None
        return str(record.id)

    def withdraw_announcement(self, announcement_id: str) -> None:
        """Delete an announcement (``user`` streams get ``announcement.delete``).

        :raises MastodonIllegalArgumentError: there is no such announcement.
        """
        with self.state.lock:
            try:
                record = self.state.announcement(announcement_id)
            except ApiError:
                raise MastodonIllegalArgumentError(f"no announcement with id {announcement_id!r}") from None
            self.state.withdraw_announcement(record)

    # -- time ----------------------------------------------------------------------------

    def advance_time(self, seconds: float) -> None:
        """Move the instance's clock forward: scheduled statuses that fall due are
        published and polls that end send their notifications, as if that much
        time had passed. New ids and dates follow the moved clock."""
        with self.state.lock:
            self.state.clock.offset += seconds
            self.state.run_due()

    # -- misbehaviour --------------------------------------------------------------------

    @property
    def version(self) -> str:
        """The version string in ``/api/v1/instance``, ``/api/v2/instance`` and
        nodeinfo. Set it to look like another server, e.g. ``"4.3.0+glitch"``
        (glitch-soc), ``"2.7.2 (compatible; Akkoma 3.13.2)"`` (Pleroma and Akkoma
        style), ``"0.20.0-rc1 git-abcdef"`` or ``"v0.20.0-rc1 git-abcdef"``
        (GoToSocial); clients made afterwards read it."""
        return str(self.state.meta["version"])

    @version.setter
    def version(self, value: str) -> None:
        with self.state.lock:
            self.state.meta["version"] = value

    @property
    def software(self) -> str:
        """``software.name`` in nodeinfo (``"mastodon"`` unless set, e.g. ``"gotosocial"``)."""
        return str(self.state.meta["software"])

    @software.setter
    def software(self, value: str) -> None:
        with self.state.lock:
            self.state.meta["software"] = value

    @property
    def api_versions(self) -> dict[str, int] | None:
        """``api_versions`` of ``/api/v2/instance`` (``{"mastodon": 6}``); ``None`` leaves it empty."""
        value = self.state.meta["api_versions"]
        return dict(value) if value is not None else None

    @api_versions.setter
    def api_versions(self, value: dict[str, int] | None) -> None:
        with self.state.lock:
            self.state.meta["api_versions"] = dict(value) if value is not None else None

    def rate_limit(self, limit: int | None = 300, window: float = 300.0) -> None:
        """Enforce a budget of ``limit`` requests per ``window`` seconds and per
        account (per address without a token), as Mastodon does: headers count
        down, and past the limit requests are answered 429 with ``Retry-After``
        until the window ends. ``None`` turns it off again (the default: every
        answer reports a full budget of 300)."""
        if (limit is not None and limit < 0) or window <= 0:
            raise MastodonIllegalArgumentError("limit must be None or >= 0, window > 0")
        with self._faults.lock:
            self._faults.limit = limit
            self._faults.window = float(window)
            self._faults.windows.clear()

    def latency(self, seconds: float, path: str | None = None) -> None:
        """Delay every answer (to paths starting with ``path``, if given) by ``seconds``; 0 turns it off."""
        with self._faults.lock:
            self._faults.latency = max(float(seconds), 0.0)
            self._faults.latency_path = path

    def fail_next(
        self, count: int = 1, status: int = 503, *, path: str | None = None, retry_after: float | None = None, html: bool = False
    ) -> None:
        """Answer the next ``count`` requests (to paths starting with ``path``)
        with ``status`` instead of serving them: a JSON error body, or the HTML
        page a proxy would show (``html=True``, for 502, 503 and 504), with a
        ``Retry-After`` header if given. Nothing is changed on the server."""
        with self._faults.lock:
            self._faults.failures.append(Failure(count, status, path, retry_after, html, drop=False))

    def drop_next(self, count: int = 1, *, path: str | None = None) -> None:
        """Close the connection of the next ``count`` requests without answering
        them (before they reach the API, so nothing is changed)."""
        with self._faults.lock:
            self._faults.failures.append(Failure(count, 0, path, None, False, drop=True))

    def behave(self) -> None:
        """Undo all misbehaviour: no rate limit, latency, queued failures or drops."""
        with self._faults.lock:
            self._faults.limit = None
            self._faults.windows.clear()
            self._faults.latency = 0.0
            self._faults.latency_path = None
            self._faults.failures.clear()

    def drop_streams(self) -> int:
        """Cut every open streaming connection (SSE and WebSocket) as a network
        failure would; returns how many were cut. Clients may reconnect."""
        return self._hub.close_all(drop=True)

    @property
    def open_streams(self) -> list[tuple[str, ...]]:
        """The streams clients are subscribed to now, one entry per stream of each
        open connection, named as in WebSocket messages' ``stream`` array:
        ``("user",)``, ``("hashtag", "python")``, ``("list", "<id>")``."""
        with self.state.lock:
            return sorted(tuple(sub.label) for connection in self._hub.connections for sub in connection.subscriptions)

    def wait_for_streams(self, count: int = 1, *, timeout: float = 10.0) -> list[tuple[str, ...]]:
        """Wait until at least ``count`` streams are open (see :attr:`open_streams`)
        and return them.

        Events reach only the streams open when they happen, as on Mastodon; a test
        that starts a streaming bot and then posts should wait here in between.

        :raises TimeoutError: fewer than ``count`` streams opened in ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            streams = self.open_streams
            if len(streams) >= count:
                return streams
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{len(streams)} of the {count} streams waited for are open after {timeout} s: {streams}")
            time.sleep(0.005)

    @property
    def requests_served(self) -> int:
        """How many requests the API has received (failed and dropped ones included)."""
        return self._faults.served

    @property
    def media_delay(self) -> float:
        """Seconds an upload through ``/api/v2/media`` takes to process."""
        return self.state.media_delay

    @media_delay.setter
    def media_delay(self, value: float) -> None:
        self.state.media_delay = max(float(value), 0.0)

    @property
    def auto_authorize(self) -> str | None:
        """The user as whom the authorization page approves at once, or ``None`` (a form to post)."""
        return self.state.auto_authorize

    @auto_authorize.setter
    def auto_authorize(self, username: str | None) -> None:
        self.state.auto_authorize = username


class _NotYet:
    """Stands in for the WSGI application for the instant between binding and setting it."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
        return [b"starting"]


def _timestamp(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise MastodonIllegalArgumentError("announcement times must be timezone-aware datetimes")
    return moment.timestamp()
