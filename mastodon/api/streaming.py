"""The streaming API: stream_user, stream_public, stream_hashtag, ...

Each ``stream_*`` method names a stream (its SSE path and its WebSocket stream
name) and where its missed items can be fetched over REST; :meth:`_stream`
does the rest: pick the transport, connect, and either read in the calling
thread (blocking) or hand the connection to a background handle.

The machinery itself (``mastodon/streaming/``) is imported on first use, not
with the package: programs that never stream do not pay for it at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypedDict
from urllib.parse import urlsplit, urlunsplit

import requests

from .._checks import as_bool, tag_name
from .._core import RequestCore, _is_loopback
from .._encoding import encode_params
from .._server import api_version
from ..errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
)
from ..types import AttribAccessList

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..streaming import SSEStreamHandle, StreamListener, WebSocketStreamHandle, WebSocketSubscription
    from ..streaming._catchup import CatchUpSource

__all__ = ["StreamingEndpointsMixin", "ConnectionOptions", "StreamOptions"]

log = logging.getLogger("mastodon")

_DEFAULT_STREAM_TIMEOUT = 300
_DEFAULT_STREAM_RECONNECT_WAIT_SEC = 5
_DEFAULT_STREAM_MAX_WAIT_SEC = 60.0
_TRANSPORTS = ("sse", "websocket", "auto")
# Answers meaning "this server has no SSE streaming here" (for transport="auto").
_NO_SSE_STATUSES = frozenset({400, 404, 405, 410, 426, 501})


NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


# -- the keyword options, described once -------------------------------------------------


class ConnectionOptions(TypedDict, total=False):
    """Keyword-only options of every streaming connection, beyond the classic parameters.

    Every ``stream_*`` method and :meth:`~Mastodon.stream_open_websocket` accepts them:

    * ``catch_up`` (default ``False``): with ``run_async=True,
      reconnect_async=True``, fetch the statuses and notifications missed while
      disconnected over REST after each reconnect and deliver them, oldest
      first, before live events resume; duplicates are suppressed.
    * ``reconnect_async_max_wait_sec`` (default 60): the cap of the reconnect
      backoff, which starts at ``reconnect_async_wait_sec`` and doubles per
      failure, with full jitter.
    * ``daemon`` (default ``True``): run the background thread as a daemon, so
      it does not keep the program alive.

    Another keyword raises :class:`TypeError`, as for any Python function.
    """

    catch_up: bool
    reconnect_async_max_wait_sec: float
    daemon: bool


class StreamOptions(ConnectionOptions, total=False):
    """The :class:`ConnectionOptions`, and for the ``stream_*`` methods also:

    * ``transport``: ``"sse"`` (default, HTTP server-sent events),
      ``"websocket"`` (needs the ``websocket-client`` extra) or ``"auto"``
      (SSE, falling back to WebSocket when the server has no SSE streaming).
    """

    transport: Literal["sse", "websocket", "auto"]


_OPTION_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {"catch_up": False, "reconnect_async_max_wait_sec": _DEFAULT_STREAM_MAX_WAIT_SEC, "daemon": True, "transport": "sse"}
)


class _Settings:
    """How to run one stream: the classic arguments and the keyword options, checked.

    :param options: the :class:`StreamOptions` (or :class:`ConnectionOptions`
        when ``transports`` is false) as the caller gave them.
    :raises TypeError: for an unknown option.
    :raises MastodonIllegalArgumentError: for a bad timeout, wait or transport.
    """

    __slots__ = ("catch_up", "daemon", "max_wait", "reconnect_async", "run_async", "timeout", "transport", "wait", "websocket_handle")

    def __init__(
        self,
        run_async: bool,
        timeout: float,
        reconnect_async: bool,
        wait: float,
        websocket_handle: WebSocketStreamHandle | None,
        options: Mapping[str, Any],
        *,
        transports: bool = True,
    ) -> None:
        known = (StreamOptions if transports else ConnectionOptions).__optional_keys__
        for name in options:
            if name not in known:
                raise TypeError(f"unexpected keyword argument {name!r}; the streaming options are {', '.join(sorted(known))}")
        chosen = {**_OPTION_DEFAULTS, **options}
        self.run_async = run_async
        self.timeout = timeout
        self.reconnect_async = reconnect_async
        self.wait = wait
        self.websocket_handle = websocket_handle
        self.catch_up: bool = chosen["catch_up"]
        self.max_wait: float = chosen["reconnect_async_max_wait_sec"]
        self.daemon: bool = chosen["daemon"]
        self.transport: str = chosen["transport"]
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise MastodonIllegalArgumentError("timeout must be a positive number of seconds")
        if wait < 0 or self.max_wait < 0:
            raise MastodonIllegalArgumentError("reconnect waits must not be negative")
        if self.transport not in _TRANSPORTS:
            raise MastodonIllegalArgumentError(f"transport must be one of {', '.join(_TRANSPORTS)}, not {self.transport!r}")


# -- what a stream is ------------------------------------------------------------------------


def _source(event: str, path: str, params: Mapping[str, Any] = NO_PARAMS) -> CatchUpSource:
    """A catch-up source (imports the streaming machinery, on first use)."""
    from ..streaming import CatchUpSource

    return CatchUpSource(event, path, params)


# A plain class, not a dataclass: see the note above CatchUpSource in streaming/_catchup.py.


class _Target:
    """One stream: its SSE path and query, its WebSocket name and parameters,
    and the REST sources that can fill a gap in it."""

    __slots__ = ("params", "path", "sources", "ws_params", "ws_stream")

    def __init__(
        self,
        path: str,
        params: Mapping[str, Any],
        ws_stream: str,
        ws_params: Mapping[str, Any] = NO_PARAMS,
        sources: tuple[CatchUpSource, ...] = (),
    ) -> None:
        self.path = path
        self.params = params
        self.ws_stream = ws_stream
        self.ws_params = ws_params
        self.sources = sources


def _http_base(url: str, api_base_url: str) -> str:
    """The http(s) base URL for a streaming URL the instance names (ws/wss/http/https)."""
    text = url.strip().rstrip("/")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
    if scheme not in ("http", "https") or not parts.hostname:
        return api_base_url
    if scheme == "http" and not _is_loopback(parts.hostname) and not api_base_url.startswith("http://"):
        scheme = "https"  # never send the token in clear text because of an odd instance setting
    return urlunsplit((scheme, parts.netloc, parts.path, "", ""))


def _ws_url(http_base: str) -> str:
    parts = urlsplit(http_base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/api/v1/streaming", "", ""))


class StreamingEndpointsMixin(RequestCore):
    """The streaming API: stream_user, stream_public, stream_hashtag, ...

    Every ``stream_*`` method takes a :class:`StreamListener`, the classic
    parameters described under :meth:`stream_user`, and the keyword-only
    :class:`StreamOptions`.
    """

    _streaming_transport: str | None = None

    if TYPE_CHECKING:

        def _instance_info(self) -> Any: ...

    # -- the streams ------------------------------------------------------------------------

    @api_version("1.1.0", "1.4.2")
    def stream_user(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream the logged-in user's home timeline and notifications.

        Events: ``update``, ``delete``, ``notification``, ``filters_changed``,
        ``announcement``, ``announcement.reaction``, ``announcement.delete``,
        ``status.update``, ``notifications_merged``.

        :param listener: the :class:`StreamListener` receiving the events (or any
            object with some of its methods: see the listener contract).
        :param run_async: read in a background thread and return a handle
            (:class:`SSEStreamHandle`); else block until the stream ends.
        :param timeout: seconds of silence after which the connection counts as
            lost (the server sends heartbeats every few seconds).
        :param reconnect_async: in the background, reconnect when the server ends
            the stream and after network errors, server errors, read timeouts and
            malformed events (4xx answers stop it).
        :param reconnect_async_wait_sec: the first reconnect wait's upper bound.
        :param websocket_handle: subscribe over this :class:`WebSocketStreamHandle`
            instead (returns a :class:`WebSocketSubscription`).
        :param options: the keyword-only :class:`StreamOptions` (``catch_up``,
            ``reconnect_async_max_wait_sec``, ``transport``, ``daemon``);
            ``catch_up`` fetches missed statuses (home timeline) and notifications.
        :returns: ``None`` when blocking (once the server ends the stream cleanly),
            a handle otherwise.
        :raises MastodonNetworkError: (blocking) the connection broke;
            :class:`MastodonReadTimeout` when it stayed silent too long.
        :raises MastodonMalformedEventError: (blocking) an event could not be parsed.
        """
        sources = (
            _source("update", "/api/v1/timelines/home"),
            _source("notification", "/api/v1/notifications"),
        )
        target = _Target("/api/v1/streaming/user", {}, "user", {}, sources)
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("1.4.2", "1.4.2")
    def stream_user_notifications(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream the logged-in user's notifications only (``notification`` events).

        Parameters and results as for :meth:`stream_user`; ``catch_up`` fetches
        missed notifications.
        """
        sources = (_source("notification", "/api/v1/notifications"),)
        target = _Target("/api/v1/streaming/user/notification", {}, "user:notification", {}, sources)
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("1.1.0", "1.4.2")
    def stream_public(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream the public (federated) timeline: ``update``, ``delete``, ``status.update``.

        :param local: only statuses from this server (``public:local``).
        :param remote: only statuses from other servers (``public:remote``, 3.1.4+).
        :param only_media: only statuses with media attachments (2.4.0+).

        Other parameters and results as for :meth:`stream_user`; ``catch_up``
        fetches missed statuses from the matching public timeline.
        """
        local = as_bool(local, "local", required=True)
        remote = as_bool(remote, "remote", required=True)
        only_media = as_bool(only_media, "only_media", required=True)
        if local and remote:
            # Unlike a timeline, a stream is one or the other: there is no stream of both.
            raise MastodonIllegalArgumentError("stream_public: local and remote cannot both be True")
        path = "/api/v1/streaming/public" + ("/local" if local else "/remote" if remote else "")
        name = "public" + (":local" if local else ":remote" if remote else "") + (":media" if only_media else "")
        timeline_params = {"local": local or None, "remote": remote or None, "only_media": only_media or None}
        source = _source("update", "/api/v1/timelines/public", timeline_params)
        target = _Target(path, {"only_media": only_media or None}, name, {}, (source,))
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("1.1.0", "1.4.2")
    def stream_local(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        only_media: bool = False,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream the local timeline: :meth:`stream_public` with ``local=True``."""
        return self.stream_public(
            listener,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            local=True,
            only_media=only_media,
            websocket_handle=websocket_handle,
            **options,
        )

    @api_version("1.1.0", "1.4.2")
    def stream_hashtag(
        self,
        tag: str,
        listener: StreamListener,
        local: bool = False,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream public statuses with a hashtag: ``update``, ``delete``, ``status.update``.

        :param tag: the hashtag's name, without ``#`` (a leading ``#`` raises
            :class:`MastodonIllegalArgumentError`, as in the classic client).
        :param local: only statuses from this server (``hashtag:local``).

        Other parameters and results as for :meth:`stream_user`; ``catch_up``
        fetches missed statuses from the hashtag timeline.
        """
        tag = tag_name(tag, "tag")
        local = as_bool(local, "local", required=True)
        path = "/api/v1/streaming/hashtag" + ("/local" if local else "")
        source = _source("update", f"/api/v1/timelines/tag/{self._id(tag, 'tag')}", {"local": local or None})
        target = _Target(path, {"tag": tag}, "hashtag:local" if local else "hashtag", {"tag": tag}, (source,))
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("2.1.0", "2.1.0")
    def stream_list(
        self,
        id: Any,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream a list's timeline: ``update``, ``delete``, ``status.update``.

        :param id: the list, or its id.

        Other parameters and results as for :meth:`stream_user`; ``catch_up``
        fetches missed statuses from the list timeline.
        """
        list_id = self._unpack_id(id)
        source = _source("update", f"/api/v1/timelines/list/{self._id(list_id)}")
        target = _Target("/api/v1/streaming/list", {"list": list_id}, "list", {"list": list_id}, (source,))
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("2.6.0", "2.6.0")
    def stream_direct(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        **options: Unpack[StreamOptions],
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Stream direct conversations (``conversation`` events).

        Parameters and results as for :meth:`stream_user`. ``catch_up`` has no
        effect here: conversations have no id order to fetch missed ones by.
        """
        target = _Target("/api/v1/streaming/direct", {}, "direct")
        settings = _Settings(run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle, options)
        return self._stream(target, listener, settings)

    @api_version("2.5.0", "2.5.0")
    def stream_healthy(self) -> bool:
        """Whether the streaming server is up (``GET /api/v1/streaming/health`` on the
        streaming host).

        On a server without that endpoint (some offer only WebSocket streaming),
        a WebSocket handshake is tried instead when ``websocket-client`` is installed.

        :returns: ``True`` if the streaming server answers.
        """
        base = self._streaming_base()
        try:
            reply = self._exchange("GET", base + "/api/v1/streaming/health", use_auth=False)
        except MastodonAPIError as exc:
            if exc.status_code in _NO_SSE_STATUSES:
                return self._websocket_healthy(base)
            return False
        except MastodonError:
            return False
        return reply.body.strip() in (b"OK", b"success")

    @api_version("3.3.0", "4.2.0")
    def stream_open_websocket(
        self,
        listener: StreamListener | None = None,
        timeout: float = _DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = _DEFAULT_STREAM_RECONNECT_WAIT_SEC,
        **options: Unpack[ConnectionOptions],
    ) -> WebSocketStreamHandle:
        """Open a multiplexed WebSocket streaming connection (needs ``websocket-client``).

        Subscribe to streams with :meth:`WebSocketStreamHandle.subscribe` or by
        passing the handle as ``websocket_handle`` to the ``stream_*`` methods.

        :param listener: receives events of streams subscribed without a listener of their own.
        :param timeout: seconds of silence after which the connection counts as lost.
        :param reconnect_async: reconnect after failures and subscribe again.
        :param reconnect_async_wait_sec: the first reconnect wait's upper bound.
        :param options: the keyword-only :class:`ConnectionOptions`; ``catch_up``
            delivers missed statuses and notifications of subscriptions made
            through the ``stream_*`` methods.
        :returns: the running :class:`WebSocketStreamHandle`.
        :raises MastodonNetworkError: the connection could not be opened.
        """
        if listener is not None:
            self._check_listener(listener)
        settings = _Settings(True, timeout, reconnect_async, reconnect_async_wait_sec, None, options, transports=False)
        return self._open_websocket(listener, settings, start=True)

    # -- machinery --------------------------------------------------------------------------

    def _streaming_base(self) -> str:
        """The http(s) base URL of the streaming server: the instance's
        ``configuration.urls.streaming`` (v2) or ``urls.streaming_api`` (v1), else the API's."""
        try:
            info = self._instance_info()
        except MastodonError as exc:
            log.info("could not read the instance's streaming URL (%s); using %s", exc, self.api_base_url)
            return self.api_base_url
        url = None
        if isinstance(info, dict):
            configuration = info.get("configuration")
            urls = configuration.get("urls") if isinstance(configuration, dict) else None
            url = urls.get("streaming") if isinstance(urls, dict) else None
            if not url:
                urls = info.get("urls")
                url = urls.get("streaming_api") if isinstance(urls, dict) else None
        if not isinstance(url, str) or not url.strip():
            return self.api_base_url
        return _http_base(url, self.api_base_url)

    def _fetch_for_catch_up(self, path: str, params: Mapping[str, Any] | None) -> Any:
        return self._get(path, params, returns=AttribAccessList)

    @staticmethod
    def _check_listener(listener: Any) -> None:
        from ..streaming._dispatch import is_listener

        if not is_listener(listener):
            raise MastodonIllegalArgumentError(
                f"a {type(listener).__name__} is not a listener: give a StreamListener or an object with on_* methods"
            )

    def _stream(
        self, target: _Target, listener: StreamListener, settings: _Settings
    ) -> SSEStreamHandle | WebSocketStreamHandle | WebSocketSubscription | None:
        """Open ``target`` as ``settings`` say: a subscription on the given WebSocket
        handle, a WebSocket of its own, or server-sent events."""
        from ..streaming._dispatch import own_stream_reader

        self._check_listener(listener)
        own_reader = own_stream_reader(listener)
        reads_sse = settings.websocket_handle is None and settings.transport != "websocket"
        if own_reader is not None and reads_sse and settings.catch_up and settings.run_async and settings.reconnect_async:
            raise MastodonIllegalArgumentError(
                "catch_up needs to see every event, so it cannot work with a listener that reads the stream with its own handle_stream"
            )
        if settings.websocket_handle is not None:
            handle = settings.websocket_handle
            return handle._subscribe(target.ws_stream, listener, target.ws_params, target.sources if settings.catch_up else None)
        transport = settings.transport
        if transport == "auto" and self._streaming_transport is not None:
            transport = self._streaming_transport
        if transport == "websocket":
            return self._stream_websocket(target, listener, settings)
        return self._stream_sse(target, listener, settings, transport, own_reader)

    def _stream_sse(
        self,
        target: _Target,
        listener: StreamListener,
        settings: _Settings,
        transport: str,
        own_reader: Callable[[Any], None] | None,
    ) -> SSEStreamHandle | WebSocketStreamHandle | None:
        """Stream ``target`` over server-sent events (``transport`` is ``"sse"``, or
        ``"auto"`` to fall back to WebSocket when the server has no SSE streaming).

        The first connection is opened here, so that its errors reach the caller,
        unless a background handle that reconnects will open it.
        """
        from ..streaming import CatchUp, SSEStreamHandle

        base = self._streaming_base()
        connect = self._sse_connector(base, target, settings.timeout)
        catch_up = None
        if settings.catch_up and settings.run_async and settings.reconnect_async and target.sources:
            catch_up = CatchUp(self._fetch_for_catch_up, target.sources, api_base_url=self.api_base_url)
        response: requests.Response | None = None
        if transport == "auto" or not (settings.run_async and settings.reconnect_async):
            if catch_up is not None:
                catch_up.anchor()  # before connecting: see CatchUp
            response = self._connect_sse(connect, base, transport == "auto")
            if response is None:
                return self._stream_websocket(target, listener, settings)
        if not settings.run_async:
            assert response is not None
            self._read_here(response, listener, own_reader)
            return None
        return SSEStreamHandle(
            response,
            connect,
            settings.reconnect_async,
            settings.wait,
            listener,
            catch_up=catch_up,
            max_wait_sec=settings.max_wait,
            daemon=settings.daemon,
        )

    def _connect_sse(self, connect: Callable[[], requests.Response], base: str, auto: bool) -> requests.Response | None:
        """Open the first SSE connection. With ``auto``, remember which transport
        the server offers, and return ``None`` when it has no SSE streaming."""
        try:
            response = connect()
        except MastodonAPIError as exc:
            if not auto or exc.status_code not in _NO_SSE_STATUSES:
                raise
            log.info("no SSE streaming at %s (%s); using WebSocket", base, exc.status_code)
            self._streaming_transport = "websocket"
            return None
        if auto:
            self._streaming_transport = "sse"
        return response

    @staticmethod
    def _read_here(response: requests.Response, listener: StreamListener, own_reader: Callable[[Any], None] | None) -> None:
        """Read a stream in the calling thread until the server ends it; close it then."""
        from ..streaming._dispatch import Dispatcher
        from ..streaming._sse import read_stream

        try:
            if own_reader is not None:
                own_reader(response)
            else:
                read_stream(response, Dispatcher(listener))
        finally:
            response.close()

    def _sse_connector(self, base: str, target: _Target, timeout: float) -> Callable[[], requests.Response]:
        url = base + target.path
        params = encode_params(target.params)
        headers = {"Accept": "text/event-stream", "Accept-Encoding": "identity", "Cache-Control": "no-cache"}
        connect_timeout = min(float(timeout), 30.0)

        def connect() -> requests.Response:
            # retries=0: the stream's own reconnect loop (with backoff that close()
            # can interrupt) handles failures, not the request core's retries.
            response = self._exchange(
                "GET", url, params=params, headers=headers, stream=True, timeout=(connect_timeout, float(timeout)), retries=0
            ).response
            content_type = response.headers.get("Content-Type", "")
            if content_type and not content_type.startswith("text/event-stream"):
                response.close()
                raise MastodonNetworkError(f"{target.path} answered {content_type!r}, not an event stream")
            return response

        return connect

    def _open_websocket(self, listener: StreamListener | None, settings: _Settings, *, start: bool) -> WebSocketStreamHandle:
        from ..streaming import WebSocketStreamHandle

        return WebSocketStreamHandle(
            _ws_url(self._streaming_base()),
            self.access_token,
            self.user_agent,
            listener,
            settings.timeout,
            settings.reconnect_async and settings.run_async,
            settings.wait,
            fetch=self._fetch_for_catch_up,
            api_base_url=self.api_base_url,
            catch_up=settings.catch_up,
            max_wait_sec=settings.max_wait,
            daemon=settings.daemon,
            start=start,
        )

    def _stream_websocket(self, target: _Target, listener: StreamListener, settings: _Settings) -> WebSocketStreamHandle | None:
        handle = self._open_websocket(None, settings, start=False)
        handle._subscribe(target.ws_stream, listener, target.ws_params, target.sources if settings.catch_up else None)
        if settings.run_async:
            handle._start("mastodon-websocket", settings.daemon)
            return handle
        handle._run_blocking()
        return None

    def _websocket_healthy(self, base: str) -> bool:
        from ..streaming import WebSocketStreamHandle, websocket_available

        if not websocket_available():
            return False
        try:
            handle = WebSocketStreamHandle(_ws_url(base), self.access_token, self.user_agent, None, 10.0, start=False)
        except MastodonError:
            return False
        handle.close()
        return True
