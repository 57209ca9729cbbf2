"""The pieces the request core sends with: sending and following redirects
(credentials only to the server meant), one attempt's outcome and the words for
a failed one, the retry decision, reading bodies by a deadline, turning error
answers into exceptions, and keeping secrets out of logs and messages.

:meth:`mastodon._core.RequestCore._exchange` puts them together: it holds a
rate-limit slot for each attempt, reads the body into a :class:`Reply`, and asks
a :class:`RetryDecision` whether and when to try again.
"""

from __future__ import annotations

import json
import logging
import ssl
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlsplit

import requests
import urllib3
from requests.auth import AuthBase
from urllib3.util import Retry

from .errors import MastodonNetworkError, error_class_for_status

__all__ = [
    "RETRY_STATUSES",
    "SECRET_KEYS",
    "NetworkFailure",
    "Reply",
    "RetryDecision",
    "describe",
    "describe_body",
    "log_answer",
    "log_request",
    "mask_json",
    "mask_secrets",
    "network_failure",
    "raise_for_response",
    "read_body",
    "request_logger",
    "rewind",
    "safe_url",
    "send",
]

log = logging.getLogger("mastodon")

# Parameter names whose values are secret: masked wherever requests are logged.
SECRET_KEYS = frozenset(
    {
        "access_token",
        "client_secret",
        "password",
        "refresh_token",
        "code",
        "token",
        "Authorization",
    }
)

# Statuses worth retrying: the proxy or server was briefly unavailable.
RETRY_STATUSES = frozenset({502, 503, 504})
# Methods that may be sent twice with the effect of once (RFC 9110). A POST
# carrying an Idempotency-Key is treated the same: Mastodon deduplicates it.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

#: The most of an error answer that is read (its message is all that is needed).
MAX_ERROR_BODY = 1 << 20


class Reply:
    """A successful answer: the response (status, headers, URL) and its body.

    The body is read in full, and capped, unless the request was sent with
    ``stream=True``; it is then ``b""`` and the caller reads ``response.raw``.
    """

    __slots__ = ("body", "response")

    def __init__(self, response: requests.Response, body: bytes) -> None:
        self.response = response
        self.body = body

    @property
    def text(self) -> str:
        """The body as text, in the charset the response names (UTF-8 if it names
        none, or one Python does not know)."""
        charset = requests.utils.get_encoding_from_headers(self.response.headers) or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


class NetworkFailure(Exception):
    """An attempt that got no usable answer; the request core decides whether to retry.

    :param cause: the ``requests`` or ``urllib3`` exception.
    :param error: the :class:`MastodonNetworkError` to raise if it is not retried
        (its message says what failed; the number of attempts is added when it is raised).
    :param retryable: False for a failure that trying again would not mend or
        that used up the request's time (a TLS failure, a timeout).
    """

    def __init__(self, cause: BaseException, error: MastodonNetworkError, retryable: bool = True) -> None:
        super().__init__(str(error))
        self.cause = cause
        self.error = error
        self.retryable = retryable


class DeadlineExceeded(Exception):
    """The request's time ran out while its answer was being read."""


def network_failure(exc: BaseException, method: str, url: str, timeout: float | tuple[float, float] | None) -> NetworkFailure:
    """Say in the library's words what went wrong on the way: a refused
    connection, a name that does not resolve, a TLS failure, a timeout, a
    connection that broke; never urllib3's "Max retries exceeded".

    :param timeout: the request's time limit (or connect and read limits), for
        the timeout messages.
    """
    parts = urlsplit(url)
    host = parts.hostname or "the server"
    where = f"{host}:{parts.port}" if parts.port else host
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    chain = _causes(exc)
    retryable = True
    if isinstance(exc, (DeadlineExceeded, requests.exceptions.ReadTimeout)):
        words, retryable = f"timed out: no complete answer from {where}{_within(read)}", False
    elif isinstance(exc, requests.exceptions.ConnectTimeout):
        words = f"timed out: could not connect to {where}{_within(connect)}"
    elif _has(chain, (ssl.SSLError, urllib3.exceptions.SSLError, requests.exceptions.SSLError)):
        words, retryable = _tls_words(exc, where, parts.scheme), False
    elif _has(chain, (urllib3.exceptions.NameResolutionError,)):
        words = f"could not resolve the host name {host!r}"
    elif _has(chain, (ConnectionRefusedError,)):
        words = f"connection refused by {where}"
    elif _has(chain, (urllib3.exceptions.ProxyError, requests.exceptions.ProxyError)):
        words = f"could not connect through the proxy: {_innermost(chain)}"
    elif _has(chain, (urllib3.exceptions.NewConnectionError,)):
        words = f"could not connect to {where}: {_innermost(chain)}"
    elif isinstance(exc, requests.exceptions.TooManyRedirects):
        words, retryable = f"too many redirects from {where}", False
    else:
        words = f"the connection to {where} broke before the answer was complete ({_innermost(chain)})"
    return NetworkFailure(exc, MastodonNetworkError(f"{method} {safe_url(url)} failed: {words}"), retryable)


def _within(seconds: float | None) -> str:
    return f" within {seconds:g} s" if isinstance(seconds, (int, float)) else ""


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it wraps: urllib3's reason, arguments that are exceptions, causes."""
    chain: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(chain) < 12:
        current = todo.pop(0)
        if any(current is seen for seen in chain):
            continue
        chain.append(current)
        reason = getattr(current, "reason", None)
        todo += [e for e in (reason, *current.args, current.__cause__, current.__context__) if isinstance(e, BaseException)]
    return chain


def _has(chain: list[BaseException], kinds: tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(e, kinds) for e in chain)


def _innermost(chain: list[BaseException]) -> str:
    """The most specific description in a chain: an OS error's text if there is one."""
    for error in reversed(chain):
        if isinstance(error, OSError) and error.strerror:
            return error.strerror
    text = str(chain[-1]) or type(chain[-1]).__name__
    return text if len(text) < 200 else text[:197] + "..."


def _tls_words(exc: BaseException, where: str, scheme: str) -> str:
    detail = next((str(e) for e in reversed(_causes(exc)) if isinstance(e, ssl.SSLError)), "") or _innermost(_causes(exc))
    words = f"TLS failure with {where}: {detail}"
    if scheme == "https" and "WRONG_VERSION_NUMBER" in detail.upper().replace(" ", "_"):
        words += f"; the server does not speak TLS on this port: for a local server without TLS, use http://{where}"
    return words


# -- retrying -------------------------------------------------------------------------


class RetryDecision:
    """Whether a failed request is tried again, and after how long.

    Only requests that are safe to repeat are retried (``replayable``: an
    idempotent method or an ``Idempotency-Key``), except a failure that certainly
    happened before anything was sent, which any request may retry. urllib3's
    :class:`~urllib3.util.Retry` counts the attempts and computes the wait:
    exponential backoff with jitter, or the server's ``Retry-After`` (capped).
    The policy is built at the first failure: most requests never need it.
    """

    def __init__(
        self,
        method: str,
        url: str,
        *,
        replayable: bool,
        total: int,
        backoff_factor: float,
        backoff_max: float,
        retry_after_max: float,
    ) -> None:
        self.method = method
        self.url = url
        self.replayable = replayable
        self.total = total
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max
        self._policy: Retry | None = None
        #: How many attempts have been made and failed so far.
        self.failures = 0

    def after_failure(self, failure: NetworkFailure) -> float:
        """Seconds to wait before retrying after ``failure``.

        :raises MastodonNetworkError: (the failure's own, with the number of
            attempts made) when the request may not be repeated, or the
            retries are used up.
        """
        self.failures += 1
        if not failure.retryable or not (self.replayable or _never_sent(failure.cause)):
            raise self._final(failure) from None
        try:
            policy = self._increment(error=failure.cause)
        except urllib3.exceptions.MaxRetryError:
            raise self._final(failure) from None
        return policy.get_backoff_time()

    def _final(self, failure: NetworkFailure) -> MastodonNetworkError:
        count = self.failures
        return MastodonNetworkError(f"{failure.error} ({count} attempt{'' if count == 1 else 's'})")

    def after_status(self, response: requests.Response) -> float | None:
        """Seconds to wait before retrying a request the server answered with
        ``response``; ``None`` when the answer is final (retries used up, a status
        not worth retrying, or a request that may not be repeated)."""
        self.failures += 1
        if response.status_code not in RETRY_STATUSES or not self.replayable:
            return None
        try:
            policy = self._increment(response=response.raw)
        except urllib3.exceptions.MaxRetryError:
            return None
        retry_after = policy.get_retry_after(response.raw)
        if retry_after is not None:
            return min(retry_after, self.retry_after_max)
        return policy.get_backoff_time()

    def _increment(self, **outcome: Any) -> Retry:
        if self._policy is None:
            self._policy = Retry(
                total=self.total,
                allowed_methods=None,
                status_forcelist=RETRY_STATUSES,
                backoff_factor=self.backoff_factor,
                backoff_max=self.backoff_max,
                backoff_jitter=self.backoff_factor / 2,
                respect_retry_after_header=True,
                raise_on_status=False,
            )
        self._policy = self._policy.increment(self.method, self.url, **outcome)
        return self._policy


def _never_sent(exc: BaseException) -> bool:
    """True when a failure certainly happened before the request reached the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


# -- sending ---------------------------------------------------------------------------


class _KeepHeaders(AuthBase):
    """An authentication that leaves the request as it is: given to ``requests``,
    it stops the session from filling in credentials from ``~/.netrc``."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


_KEEP_HEADERS = _KeepHeaders()


def _same_server(original: str, target: str) -> bool:
    """Whether a redirect stays on the server a request was meant for: the same
    host and port, over the same scheme or from http up to https."""
    before, after = urlsplit(original), urlsplit(target)
    ports = {"http": 80, "https": 443}
    try:
        if (before.hostname or "").lower() != (after.hostname or "").lower():
            return False
        if after.scheme == "https" and before.scheme == "http" and before.port in (None, 80) and after.port in (None, 443):
            return True
        return before.scheme == after.scheme and (before.port or ports.get(before.scheme)) == (after.port or ports.get(after.scheme))
    except ValueError:  # an unreadable port
        return False


def _timeout(timeout: float | tuple[float, float] | None, time_left: Callable[[], float] | None) -> float | tuple[float, float] | None:
    """What ``requests`` is given: the time left before the deadline, for both
    connecting and each wait for data; or the caller's own pair.

    :raises DeadlineExceeded: when no time is left.
    """
    if time_left is None:
        return timeout
    left = time_left()
    if left <= 0:
        raise DeadlineExceeded
    return (left, left)


def send(
    session: requests.Session,
    method: str,
    url: str,
    params: list[tuple[str, str]] | None,
    data: list[tuple[str, str]] | None,
    json_body: Any,
    files: Sequence[tuple[str, Any]] | None,
    headers: Mapping[str, str],
    timeout: float | tuple[float, float] | None,
    time_left: Callable[[], float] | None,
) -> requests.Response:
    """Send a request on ``session`` and follow its redirects; the body is left unread.

    ``requests`` would give a request without credentials of its own, and every
    redirected one, the ``~/.netrc`` entry of its host (or the file's
    ``default``): a netrc entry would replace the bearer token or receive the
    request. So the first request carries an authentication that does nothing
    (unless the session has its own ``auth``), and redirects are followed here,
    each carrying the request's ``Authorization`` header only while it stays on
    the server the request was meant for.

    :param time_left: seconds left until the request's deadline, if it has one:
        each connection and wait for data gets at most that long.
    :raises DeadlineExceeded: when the time runs out before a redirect is sent.
    """
    response = session.request(
        method,
        url,
        params=params,
        data=data,
        json=json_body,
        files=files,
        headers=headers,
        timeout=_timeout(timeout, time_left),
        stream=True,
        allow_redirects=False,
        auth=None if session.auth is not None else _KEEP_HEADERS,
    )
    ours = headers.get("Authorization")
    hops = 0
    while response.is_redirect and response.next is not None:
        target = response.next
        hops += 1
        if hops > session.max_redirects:
            response.close()
            raise requests.exceptions.TooManyRedirects(f"more than {session.max_redirects} redirects", response=response)
        target.headers.pop("Authorization", None)
        if ours and _same_server(url, target.url or ""):
            target.headers["Authorization"] = ours
        response.close()
        settings = session.merge_environment_settings(target.url, {}, True, None, None)
        response = session.send(target, allow_redirects=False, timeout=_timeout(timeout, time_left), **settings)
    return response


# -- bodies ---------------------------------------------------------------------------


def read_body(response: requests.Response, limit: int, strict: bool = True, time_left: Callable[[], float] | None = None) -> bytes:
    """Read a response's whole body, refusing more than ``limit`` bytes.

    With ``time_left`` (seconds left until the request's deadline), the body is
    read a piece at a time, each wait on the socket bounded by the time left, so
    a server that sends a byte now and then cannot hold the request past its
    deadline. Otherwise an uncompressed body of known length is read in one
    call, after checking its length against ``limit``, and any other body in
    chunks, counting as it goes (a compressed body can grow far beyond its length).
    With ``strict`` off (error answers), a connection failure or the deadline
    keeps what was read instead of raising.

    :raises MastodonNetworkError: when the body is larger than ``limit``.
    :raises DeadlineExceeded: when the time runs out (``strict`` only).
    """
    raw = response.raw
    if time_left is not None and hasattr(raw, "read1"):
        return _read_in_time(response, limit, strict, time_left)
    headers = response.headers
    length = headers.get("Content-Length")
    chunks: list[bytes] = []
    try:
        if (
            strict
            and length is not None
            and length.isascii()
            and length.isdigit()
            and "Content-Encoding" not in headers
            and "Transfer-Encoding" not in headers
        ):
            if int(length) > limit:
                _refuse_body(response, limit)
            return bytes(raw.read(decode_content=True))
        size = 0
        for chunk in raw.stream(1 << 16, decode_content=True):
            size += len(chunk)
            if size > limit:
                _refuse_body(response, limit)
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError):
        if strict:
            raise
    return b"".join(chunks)


def _read_in_time(response: requests.Response, limit: int, strict: bool, time_left: Callable[[], float]) -> bytes:
    """Read the body with ``read1`` (at most one wait on the socket per piece),
    setting the socket's timeout to the time left before each piece."""
    length = response.headers.get("Content-Length", "")
    if length.isascii() and length.isdigit() and "Content-Encoding" not in response.headers and int(length) > limit:
        _refuse_body(response, limit)
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    initial = sock.gettimeout() if sock is not None else None
    chunks: list[bytes] = []
    try:
        _read_pieces(response, limit, time_left, sock, chunks)
    except (DeadlineExceeded, urllib3.exceptions.ReadTimeoutError, TimeoutError):
        response.close()
        if strict:
            raise DeadlineExceeded from None
    except (urllib3.exceptions.HTTPError, OSError):
        if strict:
            raise
    finally:
        if sock is not None:
            try:
                sock.settimeout(initial)  # as urllib3 left it, for the connection's next request
            except OSError:
                pass
    return b"".join(chunks)


def _read_pieces(response: requests.Response, limit: int, time_left: Callable[[], float], sock: Any, chunks: list[bytes]) -> None:
    """Append the body's pieces to ``chunks`` until it ends, the time runs out
    (:class:`DeadlineExceeded`) or it passes ``limit``."""
    size = 0
    while True:
        left = time_left()
        if left <= 0:
            raise DeadlineExceeded
        if sock is not None:
            sock.settimeout(left)
        chunk = response.raw.read1(1 << 16, decode_content=True)
        if not chunk:
            return
        size += len(chunk)
        if size > limit:
            _refuse_body(response, limit)
        chunks.append(chunk)


def read_error_body(response: requests.Response, time_left: Callable[[], float] | None = None) -> bytes:
    """What can be read of an error answer's body (it only serves the message)."""
    try:
        return read_body(response, MAX_ERROR_BODY, strict=False, time_left=time_left)
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, MastodonNetworkError):
        return b""


def _refuse_body(response: requests.Response, limit: int) -> NoReturn:
    response.close()
    raise MastodonNetworkError(
        f"{response.request.method} {safe_url(response.url)}: the answer is larger than {limit} bytes; refusing to read it"
    )


def rewind(files: Sequence[tuple[str, Any]] | None) -> Sequence[tuple[str, Any]] | None:
    """Seek the file objects among multipart parts back to their start, so that a
    retried upload sends them whole."""
    if files:
        for _, part in files:
            handle = part[1] if isinstance(part, tuple) and len(part) > 1 else part
            if hasattr(handle, "seek"):
                try:
                    handle.seek(0)
                except (OSError, ValueError):
                    pass
    return files


# -- errors ---------------------------------------------------------------------------

#: The ``error`` of a 404 answer whose body gives none.
NOT_FOUND_ERROR = "Endpoint not found."


def raise_for_response(response: requests.Response, body: bytes) -> NoReturn:
    """Raise the error class the status code maps to, with the server's message."""
    status = response.status_code
    reason = response.reason or ""
    error = description = None
    try:
        decoded = json.loads(body)
    except ValueError:
        decoded = None
    if isinstance(decoded, dict):
        raw_error = decoded.get("error")
        error = raw_error if isinstance(raw_error, str) else None
        raw_desc = decoded.get("error_description")
        description = raw_desc if isinstance(raw_desc, str) else None
    elif isinstance(decoded, str) and decoded:
        error = decoded  # a bare JSON string is the message itself
    if status == 404 and not error:
        # What both references put in args[3] for a 404 that says nothing;
        # scripts compare against it.
        error = NOT_FOUND_ERROR
    message = f"{response.request.method} {safe_url(response.url)} failed: {status} {reason}".rstrip()
    if error:
        message += f": {error}"
    if description and description != error:
        message += f" ({description})"
    if decoded is None and body.strip():
        message += f" (an answer that is not JSON: {describe_body(response, body)})"
    cls = error_class_for_status(status)
    raise cls(message, status, reason, error, description)


def describe_body(response: requests.Response, body: bytes) -> str:
    """The content type, size and first characters of an answer, for messages
    about answers that are not JSON (an HTML error page, a proxy's login page).
    The request's own access token, should the page repeat it, is masked."""
    kind = response.headers.get("Content-Type") or "no Content-Type"
    start = " ".join(body[:600].decode("utf-8", "replace").split())
    request = response.request
    authorization = request.headers.get("Authorization", "") if request is not None else ""
    token = authorization.partition(" ")[2].strip()
    if len(token) >= 8:
        start = start.replace(token, "***")
    if len(start) > 120:
        start = start[:120] + "..."
    return f"{kind}, {len(body)} bytes" + (f", starting {start!r}" if start else "")


def describe(exc: BaseException) -> str:
    """A short description of a requests/urllib3 exception, without the URL's query."""
    text = str(exc) or type(exc).__name__
    return text if len(text) < 300 else text[:297] + "..."


# -- secrets --------------------------------------------------------------------------


def safe_url(url: str | None) -> str:
    """The URL without query values that carry secrets."""
    if not url or "?" not in url:
        return url or ""
    base, _, query = url.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    shown = "&".join(f"{k}={'***' if k in SECRET_KEYS else v}" for k, v in pairs)
    return f"{base}?{shown}"


def mask_secrets(pairs: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Copy of key/value pairs with secret values replaced by ``***``."""
    return [(k, "***" if k in SECRET_KEYS or k.split("[")[0] in SECRET_KEYS else v) for k, v in pairs]


def mask_json(body: Any) -> Any:
    """A JSON body for the log, with the values of secret keys replaced by ``***``."""
    if isinstance(body, Mapping):
        return {k: "***" if k in SECRET_KEYS else v for k, v in body.items()}
    return body


# -- debug_requests -----------------------------------------------------------------------
#
# Requests and answers are logged on a logger of their own, so that the flag shows
# them without turning on every other debug message of the package.

#: The most of an answer's body shown in the log.
MAX_LOGGED_BODY = 4000

_request_log = logging.getLogger("mastodon.requests")
_setup_lock = threading.Lock()
_fallback: logging.Handler | None = None


class _StderrFallback(logging.Handler):
    """Writes to ``sys.stderr`` (as it is at the time) the records that no other
    handler would get: those of a program that has not configured logging."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if _handled_elsewhere(_request_log, self):
            return
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - logging must never break a request
            self.handleError(record)


def _handled_elsewhere(logger: logging.Logger | None, me: logging.Handler) -> bool:
    """Whether a handler other than ``me`` gets the records of ``logger``."""
    while logger is not None:
        if any(handler is not me for handler in logger.handlers):
            return True
        if not logger.propagate:
            return False
        logger = logger.parent
    return False


def request_logger() -> logging.Logger:
    """The logger ``debug_requests`` writes to, ``mastodon.requests``, made to show
    its records: at DEBUG level unless a level was set on it, and on stderr when
    nothing else would handle them."""
    global _fallback
    if _fallback is None:
        with _setup_lock:
            if _fallback is None:
                if _request_log.level == logging.NOTSET:
                    _request_log.setLevel(logging.DEBUG)
                _fallback = _StderrFallback()
                _request_log.addHandler(_fallback)
    return _request_log


def log_request(
    method: str,
    url: str,
    params: Sequence[tuple[str, Any]] | None,
    data: Sequence[tuple[str, Any]] | None,
    json_body: Any,
    files: Sequence[tuple[str, Any]] | None,
    headers: Mapping[str, str],
) -> None:
    """Log a request about to be sent, its secrets masked."""
    fields = [(name, part[1]) for name, part in files or () if isinstance(part, tuple) and part[0] is None]
    uploads = [(name, part[0]) for name, part in files or () if not (isinstance(part, tuple) and part[0] is None)]
    request_logger().debug(
        "%s %s params=%s data=%s json=%s files=%s headers=%s",
        method,
        safe_url(url),
        mask_secrets(params or []),
        mask_secrets([*(data or []), *fields]),
        mask_json(json_body),
        uploads,
        mask_secrets(headers.items()),
    )


def log_answer(response: requests.Response, body: bytes | None) -> None:
    """Log an answer: its status and its body (``None``: not read, a stream or an
    answer that is retried), secrets masked."""
    shown = "(body not read)" if body is None else _shown_body(body)
    request_logger().debug(
        "%s %s -> %s %s: %s", response.request.method, safe_url(response.url), response.status_code, response.reason, shown
    )


def _shown_body(body: bytes) -> str:
    try:
        text = json.dumps(_mask_deep(json.loads(body)), ensure_ascii=False)
    except (ValueError, RecursionError):
        text = body.decode("utf-8", errors="replace")
    if len(text) > MAX_LOGGED_BODY:
        return f"{text[:MAX_LOGGED_BODY]}... ({len(body)} bytes)"
    return text


def _mask_deep(value: Any) -> Any:
    """A decoded JSON value with the values of secret keys replaced by ``***``, at any depth."""
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_KEYS else _mask_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_deep(v) for v in value]
    return value
