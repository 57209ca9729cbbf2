"""The request core every API area calls into.

:class:`RequestCore` holds a client's state (base URL, token, session, rate
limiter, clock, server information) and turns an endpoint's method, path and
parameters into a result. Each step has one home:

* URLs and ids: :func:`normalize_base_url`, :meth:`RequestCore._url`,
  :meth:`RequestCore._id` (here);
* parameter and body encoding: :mod:`mastodon._encoding`;
* sending: :meth:`RequestCore._exchange` (here), one attempt at a time
  (:meth:`RequestCore._attempt`) inside a rate-limit slot
  (:mod:`mastodon._ratelimit`), retried as a :class:`~mastodon._transport.RetryDecision`
  says, with error answers raised as exceptions (:mod:`mastodon._transport`);
* turning the answer into a result: :mod:`mastodon._results`;
* server information and version checks: :mod:`mastodon._server`.

Endpoint methods only say which method, path and parameters to use.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, overload
from urllib.parse import quote, urlsplit

import requests
import urllib3

from ._checks import check_choice, check_int
from ._clock import SYSTEM_CLOCK, Clock
from ._encoding import Part, Upload, encode_json, encode_multipart, encode_params, flatten_params
from ._ratelimit import RATELIMIT_METHODS, WAIT_WARNING_SECONDS, RateLimiter
from ._results import read_result
from ._server import SUPPORTED_VERSION, VERSION_CHECK_MODES, ServerInfo, ServerSoftware, format_version
from ._transport import (
    IDEMPOTENT_METHODS,
    DeadlineExceeded,
    NetworkFailure,
    Reply,
    RetryDecision,
    describe,
    describe_body,
    log_answer,
    log_request,
    network_failure,
    raise_for_response,
    read_body,
    read_error_body,
    rewind,
    safe_url,
    send,
)
from .errors import MastodonAPIError, MastodonIllegalArgumentError
from .types import AttribAccessDict

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "DEFAULT_USER_AGENT", "RequestCore", "normalize_base_url"]

log = logging.getLogger("mastodon")

DEFAULT_BASE_URL = "https://mastodon.social"
DEFAULT_TIMEOUT = 300
DEFAULT_USER_AGENT = "mastodonpy"
FEATURE_SETS = ("mainline", "fedibird", "pleroma")

# How often a 429 answer is waited out and retried before it is raised.
_MAX_429_RETRIES = 20

T = TypeVar("T")


# -- URLs and ids ---------------------------------------------------------------------


def normalize_base_url(url: str, allow_http: bool = False) -> str:
    """Tidy a user-given instance URL: https by default, no trailing slash.

    ``mastodon.example`` and ``mastodon.example:8443`` are read as https.
    ``http://`` is accepted only for loopback hosts (a local test server) and
    ``.onion`` hosts (Tor encrypts the link) unless ``allow_http`` is set, so
    tokens are not sent in clear text by accident. Something that cannot be an
    instance's root (an API URL, a profile page, an account address, a URL with
    a user name, query or fragment) is refused with a message saying what to pass.

    :raises MastodonIllegalArgumentError: on a URL that cannot be an instance's root.
    """
    if not isinstance(url, str) or not url.strip():
        raise MastodonIllegalArgumentError("api_base_url must be a non-empty string")
    url = url.strip()
    if "://" not in url:
        if "@" in url:
            host = url.rpartition("@")[2].strip("/")
            raise MastodonIllegalArgumentError(
                f"api_base_url {url!r} is an account address, not an instance: pass the instance's root, 'https://{host}'"
            )
        url = "https://" + url
    parts = urlsplit(url)
    url = url.rstrip("/")
    if parts.scheme not in ("http", "https") or not _hostname(parts):
        raise MastodonIllegalArgumentError(f"api_base_url {url!r} is not an http(s) URL")
    root = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
    problem = _not_a_root(parts)
    if problem:
        shown = url.replace(parts.netloc, "***@" + parts.netloc.rpartition("@")[2], 1) if "@" in parts.netloc else url
        raise MastodonIllegalArgumentError(f"api_base_url {shown!r} {problem}: pass the instance's root, {root!r}")
    host = _hostname(parts)
    if parts.scheme == "http" and not allow_http and not (_is_loopback(host) or host.endswith(".onion")):
        raise MastodonIllegalArgumentError(f"refusing plain http for {host}: pass allow_http=True to send credentials unencrypted")
    return url


def _hostname(parts: Any) -> str:
    """The URL's host name; empty when there is none or the port cannot be read."""
    try:
        parts.port  # noqa: B018  (reading it checks it)
        return str(parts.hostname or "")
    except ValueError:  # an unreadable port or IPv6 address
        return ""


def _not_a_root(parts: Any) -> str | None:
    """Why a URL cannot be an instance's root, or None if it can be."""
    path = parts.path.rstrip("/")
    if "@" in parts.netloc:
        return "carries a user name"
    if parts.query or parts.fragment:
        return "has a query or fragment"
    if path == "/api" or path.startswith(("/api/", "/oauth/", "/.well-known/")):
        return "is the URL of an API endpoint"
    if path.startswith(("/@", "/users/", "/web/")):
        return "is the URL of a page"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unpack_id(value: Any, name: str = "id") -> Any:
    """An id, or the ``id`` of a dict passed in its place (ID unpacking)."""
    if isinstance(value, Mapping):
        if "id" not in value:
            raise MastodonIllegalArgumentError(f"{name}: the dict passed has no 'id' key")
        value = value["id"]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise MastodonIllegalArgumentError(f"{name} must be an id (int or str) or a dict with an 'id', not {type(value).__name__}")
    if isinstance(value, str) and not value:
        raise MastodonIllegalArgumentError(f"{name} must not be empty")
    return value


def path_id(value: Any, name: str = "id") -> str:
    """An id made safe for a URL path: percent-encoded, ``/`` included."""
    return quote(str(unpack_id(value, name)), safe="")


# -- the core -------------------------------------------------------------------------


class RequestCore:
    """State and helpers shared by every API area.

    The client (:class:`mastodon.Mastodon`) calls this constructor once it has
    worked out its base URL and token; :meth:`Mastodon.create_app` builds a
    bare core the same way for the requests it makes before a client exists.

    :param api_base_url: the instance, already normalized (:func:`normalize_base_url`).
    :param access_token: sent as ``Authorization: Bearer`` with requests that use auth.
    :param session: the :class:`requests.Session` to send with; a new one by default.
    :param request_timeout: seconds before a request is abandoned.
    :param debug_requests: log every request and answer (secrets masked) at DEBUG
        level on the ``mastodon.requests`` logger, on stderr when the program has
        configured no logging.
    :param user_agent: the ``User-Agent`` header.
    :param lang: sent as the ``lang`` parameter of every request (which the
        server prefers to the account's own language) and as ``Accept-Language``.
    :param ratelimit_method: ``"wait"``, ``"pace"`` or ``"throw"``.
    :param ratelimit_pacefactor: in ``"pace"`` mode, the fraction of the limit to use.
    :param max_retries: how often a request that is safe to repeat is retried.
    :param version_check_mode: what ``@api_version`` checks (see :mod:`mastodon._server`).
    :param mastodon_version: the server's version string, if known; otherwise it
        is read from the instance the first time a call needs it (never here:
        the constructor sends nothing).
    :param feature_set: ``"mainline"``, ``"fedibird"`` or ``"pleroma"``.
    :raises MastodonIllegalArgumentError: on a value outside its documented choices.
    """

    #: Backoff between retries: factor * 2**(n-1) seconds, plus jitter, capped.
    retry_backoff_factor: float = 0.5
    retry_backoff_max: float = 30.0
    #: The longest Retry-After the client will honour, in seconds.
    retry_after_max: int = 300
    #: Answers larger than this are refused (a real page is well under 1 MiB).
    max_response_bytes: int = 64 << 20

    def __init__(
        self,
        api_base_url: str,
        *,
        access_token: str | None = None,
        session: requests.Session | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
        debug_requests: bool = False,
        user_agent: str = DEFAULT_USER_AGENT,
        lang: str | None = None,
        ratelimit_method: str = "wait",
        ratelimit_pacefactor: float = 1.1,
        max_retries: int = 3,
        version_check_mode: str = "none",
        mastodon_version: str | None = None,
        feature_set: str = "mainline",
    ) -> None:
        check_choice(ratelimit_method, "ratelimit_method", RATELIMIT_METHODS, required=True)
        check_choice(version_check_mode, "version_check_mode", VERSION_CHECK_MODES, required=True)
        if feature_set not in FEATURE_SETS:
            raise MastodonIllegalArgumentError(f"unknown feature_set {feature_set!r}")
        check_int(max_retries, "max_retries", required=True)
        if not isinstance(user_agent, str) or not user_agent:
            raise MastodonIllegalArgumentError("user_agent must be a non-empty string")
        self.api_base_url = api_base_url
        self.access_token = access_token
        self.session = session if session is not None else requests.Session()
        self.request_timeout = request_timeout
        self.debug_requests = debug_requests
        self.user_agent = user_agent
        self.lang = lang
        #: How often a failed request that is safe to repeat is retried (0: never).
        self.max_retries = max_retries
        self.version_check_mode = version_check_mode
        self.feature_set = feature_set
        self._clock: Clock = SYSTEM_CLOCK
        self._ratelimiter = RateLimiter(ratelimit_method, ratelimit_pacefactor, self._clock)
        self._server = ServerInfo(self._get_entity)
        # The logged-in account's id and the token it belongs to (see _own_account_id).
        self._own_account: tuple[str | None, Any] | None = None
        self._own_account_lock = threading.Lock()
        if mastodon_version is not None:
            self._server.set_version(mastodon_version)

    def _use_clock(self, clock: Clock) -> None:
        """Read the time and wait through ``clock`` from now on (tests pass a fake one)."""
        self._clock = clock
        self._ratelimiter.clock = clock

    # -- rate-limit state as documented attributes ------------------------------------

    @property
    def ratelimit_method(self) -> str:
        """ "throw", "wait" or "pace"."""
        return self._ratelimiter.method

    @ratelimit_method.setter
    def ratelimit_method(self, value: str) -> None:
        self._ratelimiter.method = value

    @property
    def ratelimit_pacefactor(self) -> float:
        """Fraction of the rate limit "pace" mode aims to use."""
        return self._ratelimiter.pacefactor

    @ratelimit_pacefactor.setter
    def ratelimit_pacefactor(self, value: float) -> None:
        self._ratelimiter.pacefactor = value

    # Each can be assigned, as in the classic client: the next answer's headers
    # replace what was set.

    @property
    def ratelimit_remaining(self) -> int:
        """Requests left in the current window."""
        return self._ratelimiter.remaining

    @ratelimit_remaining.setter
    def ratelimit_remaining(self, value: int) -> None:
        self._ratelimiter.set_state(remaining=value)

    @property
    def ratelimit_limit(self) -> int:
        """Requests allowed per window (typically 300)."""
        return self._ratelimiter.limit

    @ratelimit_limit.setter
    def ratelimit_limit(self, value: int) -> None:
        self._ratelimiter.set_state(limit=value)

    @property
    def ratelimit_reset(self) -> float:
        """POSIX time at which the window resets."""
        return self._ratelimiter.reset

    @ratelimit_reset.setter
    def ratelimit_reset(self, value: float) -> None:
        self._ratelimiter.set_state(reset=value)

    @property
    def ratelimit_lastcall(self) -> float:
        """POSIX time at which the rate-limit values were last updated."""
        return self._ratelimiter.lastcall

    @ratelimit_lastcall.setter
    def ratelimit_lastcall(self, value: float) -> None:
        self._ratelimiter.set_state(lastcall=value)

    # -- the server, as every area sees it ----------------------------------------------

    @property
    def mastodon_major(self) -> int:
        """The major part of the Mastodon version the server claims (reading it
        asks the server the first time, like any call that needs the version)."""
        return self._server.version()[0]

    @property
    def mastodon_minor(self) -> int:
        """The minor part of the Mastodon version the server claims."""
        return self._server.version()[1]

    @property
    def mastodon_patch(self) -> int:
        """The patch part of the Mastodon version the server claims."""
        return self._server.version()[2]

    @property
    def mastodon_api_version(self) -> int | None:
        """The API version number the instance reports (Mastodon 4.3+), if read."""
        return self._server.api_version

    def retrieve_mastodon_version(self, fail_hard: bool = False) -> str:
        """Ask the server for its version and use it for version checks from now on.

        The client does this by itself the first time a call needs the version;
        long-running programs may call it now and then to notice an upgrade.
        See :ref:`how the version check decides <version-checks>`.

        :param fail_hard: raise when the server cannot be asked. Otherwise a
            warning is logged and the version known before is returned; when
            none is, the newest supported version, which is not kept: the next
            call that needs the version asks again.
        :returns: the Mastodon version the server claims, as ``"major.minor.patch"``
            (the newest supported version for software that claims none, such
            as GoToSocial's own version strings).
        """
        return format_version(self._server.refresh_version(fail_hard))

    def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool:
        """True if the server claims at least Mastodon ``version_str``.

        Other software is judged by the Mastodon version it claims to be
        compatible with (Akkoma's ``3.0.0 (compatible; Akkoma 3.13.2)`` is
        3.0.0), or as the newest supported version when it claims none.

        :param cached: use the version already known instead of asking again.
        """
        return self._server.at_least(version_str, cached)

    def server_software(self) -> ServerSoftware:
        """Which software the server runs, and its own version.

        Read from the server's nodeinfo (``/.well-known/nodeinfo``, schema 2.x),
        or, when it publishes none, from the version string of the instance
        entity. Asked once per client and kept (:meth:`clear_caches` forgets it).
        Neither request carries the access token.

        >>> api.server_software()  # doctest: +SKIP
        ServerSoftware(name='gotosocial', version='0.20.0')

        :returns: a :class:`~mastodon.ServerSoftware` named tuple ``(name,
            version)``: the name in lower case (``"mastodon"``, ``"gotosocial"``,
            ``"akkoma"``, ...; ``"unknown"`` when the server does not say), the
            version without build details (``""`` when unknown).
        :raises MastodonNetworkError: when the server cannot be reached (or a
            5xx error when it fails); nothing is kept.
        """
        return self._server.software()

    @staticmethod
    def get_supported_version() -> str:
        """The newest Mastodon version this package fully implements."""
        return SUPPORTED_VERSION

    def clear_caches(self) -> None:
        """Forget cached server information (version, instance data, software,
        OAuth server metadata): each is asked for again when next needed."""
        self._server.clear()

    def set_language(self, lang: str | None) -> None:
        """Ask for answers in ``lang`` from now on: sent as the ``lang`` parameter of
        every request and as ``Accept-Language`` (``None`` stops both)."""
        self.lang = lang

    def _instance_info(self) -> Any:
        """The instance entity, v2 when the server has it, else v1 (fetched once)."""
        return self._server.instance()

    def _get_entity(self, path: str, use_auth: bool = True) -> AttribAccessDict:
        return self._get(path, use_auth=use_auth, returns=AttribAccessDict)

    def _own_account_id(self) -> Any:
        """The id of the account the token belongs to, asked once per token.

        Threads that need it at the same time wait for one lookup. A new token
        (``log_in``, or ``access_token`` set by hand) is looked up again.
        """
        with self._own_account_lock:
            token = self.access_token
            known = self._own_account
            if known is not None and known[0] == token:
                return known[1]
            account = self._get("/api/v1/accounts/verify_credentials", returns=AttribAccessDict)
            account_id = account.get("id") if isinstance(account, Mapping) else None
            self._own_account = (token, account_id)
            return account_id

    # -- building blocks --------------------------------------------------------------

    @staticmethod
    def _id(value: Any, name: str = "id") -> str:
        """An id (or dict with an ``id``) percent-encoded for use in a URL path."""
        return path_id(value, name)

    @staticmethod
    def _unpack_id(value: Any, name: str = "id") -> Any:
        """An id, or the ``id`` of a dict given in its place."""
        return unpack_id(value, name)

    @staticmethod
    def _unpack_ids(values: Any, name: str = "ids") -> list[Any]:
        """A list of ids (dicts allowed); a single id is accepted as a list of one."""
        if isinstance(values, (str, int, Mapping)):
            values = [values]
        if not isinstance(values, Iterable):
            raise MastodonIllegalArgumentError(f"{name} must be a list of ids")
        return [unpack_id(v, name) for v in values]

    def _url(self, path: str, base_url: str | None = None) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return (base_url or self.api_base_url) + path

    def _headers(self, use_auth: bool) -> dict[str, str]:
        headers = {"User-Agent": self.user_agent}
        if use_auth and self.access_token:
            headers["Authorization"] = "Bearer " + self.access_token
        if self.lang:
            headers["Accept-Language"] = self.lang
        return headers

    # -- sending ----------------------------------------------------------------------

    def _exchange(
        self,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]] | None = None,
        data: list[tuple[str, str]] | None = None,
        json_body: Any = None,
        files: Sequence[Part] | None = None,
        headers: Mapping[str, str] | None = None,
        use_auth: bool = True,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        retries: int | None = None,
    ) -> Reply:
        """Send a request until it succeeds or fails for good.

        Each attempt waits for the rate limiter; a 429 answer is waited out
        (unless the rate-limit mode is ``"throw"``); a failure a
        :class:`RetryDecision` allows is retried after its wait; any other error
        answer is raised as the exception its status maps to.

        :param files: the parts of a multipart body, in order (see
            :func:`~mastodon._encoding.encode_multipart`).
        :param stream: leave the body unread (the caller reads ``response.raw``).
        :param retries: overrides ``max_retries`` for this request (streams that
            run their own reconnect loop pass 0).
        :returns: the successful :class:`Reply`, its body read (bounded by
            ``max_response_bytes``) unless ``stream`` is set.
        """
        all_headers = self._headers(use_auth)
        if headers:
            all_headers.update(headers)
        if self.debug_requests:
            log_request(method, url, params, data, json_body, files, all_headers)
        decision = RetryDecision(
            method,
            url,
            replayable=method in IDEMPOTENT_METHODS or "Idempotency-Key" in all_headers,
            total=self.max_retries if retries is None else retries,
            backoff_factor=self.retry_backoff_factor,
            backoff_max=self.retry_backoff_max,
            retry_after_max=self.retry_after_max,
        )
        limited = 0
        while True:
            try:
                reply = self._attempt(method, url, params, data, json_body, files, all_headers, timeout or self.request_timeout, stream)
            except NetworkFailure as failure:
                wait = decision.after_failure(failure)
                log.info("retrying %s %s (%s)", method, safe_url(url), failure.error)
            else:
                if reply.response.status_code < 400:
                    return reply
                wait, rate_limited = self._after_error_answer(reply, decision, limited)
                limited += rate_limited
            self._clock.sleep(wait)

    def _after_error_answer(self, reply: Reply, decision: RetryDecision, limited: int) -> tuple[float, bool]:
        """How long to wait before sending again after an error answer (its body
        read by :meth:`_attempt`), and whether it is a 429 being waited out
        (``limited`` of them so far).

        :raises MastodonError: the exception the answer maps to, when it is final.
        """
        response = reply.response
        method, url, status = response.request.method, safe_url(response.url), response.status_code
        wait: float | None
        if status == 429:
            # Taken in whatever the mode: the limit is spent until the reset.
            wait = self._ratelimiter.wait_after_429(response.headers, limited)
            if self.ratelimit_method != "throw" and limited < _MAX_429_RETRIES:
                if self.debug_requests:
                    log_answer(response, None)
                response.close()
                level = logging.WARNING if wait > WAIT_WARNING_SECONDS else logging.INFO
                log.log(level, "rate limited on %s %s; waiting %.1f s", method, url, wait)
                return wait, True
        wait = decision.after_status(response)
        if wait is None:
            if self.debug_requests:
                log_answer(response, reply.body)
            raise_for_response(response, reply.body)
        if self.debug_requests:
            log_answer(response, None)
        response.close()
        log.info("retrying %s %s (HTTP %s)", method, url, status)
        return wait, False

    def _attempt(
        self,
        method: str,
        url: str,
        params: list[tuple[str, str]] | None,
        data: list[tuple[str, str]] | None,
        json_body: Any,
        files: Sequence[Part] | None,
        headers: Mapping[str, str],
        timeout: float | tuple[float, float] | None,
        stream: bool,
    ) -> Reply:
        """Send the request once (following redirects, see
        :func:`~mastodon._transport.send`), holding a rate-limit slot, and read its body.

        A single ``timeout`` is a deadline for the whole attempt: connecting,
        sending, every redirect and reading the body (a server that sends a byte
        now and then is cut off at the deadline). A ``(connect, read)`` pair,
        which streams pass, bounds each wait on the socket instead.

        :returns: the answer, whatever its status; its body is read unless it
            is a success that was asked for as a stream.
        :raises NetworkFailure: when no usable answer came, worded for people;
            the caller may retry.
        :raises MastodonIllegalArgumentError: on a URL ``requests`` cannot send to.
        :raises MastodonNetworkError: on an answer larger than ``max_response_bytes``.
        """
        clock = self._clock
        time_left: Callable[[], float] | None = None
        if isinstance(timeout, (int, float)):
            deadline = clock.monotonic() + timeout
            time_left = lambda: deadline - clock.monotonic()  # noqa: E731
        try:
            with self._ratelimiter.slot() as slot:
                response = send(self.session, method, url, params, data, json_body, rewind(files), headers, timeout, time_left)
                slot.headers = response.headers
            if response.status_code >= 400:
                body = read_error_body(response, time_left)
            elif stream:
                body = b""
            else:
                body = read_body(response, self.max_response_bytes, time_left=time_left)
            if self.debug_requests and response.status_code < 400:
                log_answer(response, body if not stream else None)
        except requests.exceptions.InvalidURL as exc:
            raise MastodonIllegalArgumentError(f"invalid URL {safe_url(url)}: {describe(exc)}") from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, DeadlineExceeded) as exc:
            raise network_failure(exc, method, url, timeout) from None
        return Reply(response, body)

    def _request(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        json: Mapping[str, Any] | None = None,
        files: Mapping[str, Upload] | None = None,
        headers: Mapping[str, str] | None = None,
        base_url: str | None = None,
        use_auth: bool = True,
    ) -> Any:
        """Send a request and return its decoded result.

        ``params`` go in the query string for GET/DELETE-without-body and in a
        form body otherwise: multipart when ``files`` are given or a parameter
        holds a file (an :class:`~mastodon._encoding.Upload`, sent in its place
        among the others); ``json`` sends a JSON body instead. The client's
        ``lang`` goes with them unless ``params`` has a ``lang`` of its own (in
        the query string when the body is JSON).
        """
        url = self._url(path, base_url)
        if method in ("GET", "HEAD") or (method == "DELETE" and not files and json is None):
            query = self._with_lang(encode_params(params))
            reply = self._exchange(method, url, params=query, headers=headers, use_auth=use_auth)
        elif json is not None:
            reply = self._exchange(
                method,
                url,
                params=self._with_lang([]) or None,
                data=encode_params(params) or None,
                json_body=encode_json(json),
                headers=headers,
                use_auth=use_auth,
            )
        else:
            fields = self._with_lang(flatten_params(params))
            if files or any(isinstance(value, Upload) for _, value in fields):
                reply = self._exchange(method, url, files=encode_multipart(fields, files), headers=headers, use_auth=use_auth)
            else:
                reply = self._exchange(method, url, data=fields or None, headers=headers, use_auth=use_auth)
        return self._result(reply)

    def _with_lang(self, pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """``pairs`` with the client's ``lang`` added, unless it is unset or a ``lang`` is there.

        Mastodon takes the ``lang`` parameter over the account's own language
        (``Accept-Language`` comes after both), as the references send it.
        """
        if self.lang and not any(key == "lang" for key, _ in pairs):
            pairs.append(("lang", self.lang))
        return pairs

    @staticmethod
    def _result(reply: Reply) -> Any:
        """The result of a successful answer (see :func:`~mastodon._results.read_result`).

        :raises MastodonAPIError: when the body is not valid JSON, naming the
            status, the content type and the first characters of the body.
        """
        try:
            return read_result(reply.body, reply.response)
        except ValueError as exc:
            response = reply.response
            raise MastodonAPIError(
                f"{response.request.method} {safe_url(response.url)}: the server's answer "
                f"({response.status_code} {response.reason or ''}".rstrip()
                + f", {describe_body(response, reply.body)}) is not valid JSON: {exc}",
                response.status_code,
                response.reason,
            ) from None

    # The verbs. ``returns`` declares, for type checkers, the result type the
    # answer already is (decoding builds result types; nothing is converted
    # here). Without it the answer is discarded and None returned, for endpoints
    # that answer with an empty object.

    @overload
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, returns: type[T], **kwargs: Any) -> T: ...
    @overload
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, returns: None = None, **kwargs: Any) -> None: ...
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, returns: Any = None, **kwargs: Any) -> Any:
        return self._verb("GET", path, params, returns, kwargs)

    @overload
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, returns: type[T], **kwargs: Any) -> T: ...
    @overload
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, returns: None = None, **kwargs: Any) -> None: ...
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, returns: Any = None, **kwargs: Any) -> Any:
        return self._verb("POST", path, params, returns, kwargs)

    @overload
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, returns: type[T], **kwargs: Any) -> T: ...
    @overload
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, returns: None = None, **kwargs: Any) -> None: ...
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, returns: Any = None, **kwargs: Any) -> Any:
        return self._verb("PUT", path, params, returns, kwargs)

    @overload
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, returns: type[T], **kwargs: Any) -> T: ...
    @overload
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, returns: None = None, **kwargs: Any) -> None: ...
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, returns: Any = None, **kwargs: Any) -> Any:
        return self._verb("PATCH", path, params, returns, kwargs)

    @overload
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, returns: type[T], **kwargs: Any) -> T: ...
    @overload
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, returns: None = None, **kwargs: Any) -> None: ...
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, returns: Any = None, **kwargs: Any) -> Any:
        return self._verb("DELETE", path, params, returns, kwargs)

    def _verb(self, method: str, path: str, params: Mapping[str, Any] | None, returns: Any, kwargs: dict[str, Any]) -> Any:
        result = self._request(method, path, params, **kwargs)
        return None if returns is None else result
