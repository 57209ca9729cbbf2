"""The pieces the request core sends with: one attempt's outcome, the retry
decision, reading bodies, turning error answers into exceptions, and keeping
secrets out of logs and messages.

:meth:`mastodon._core.RequestCore._exchange` puts them together: it holds a
rate-limit slot for each attempt, reads the body into a :class:`Reply`, and asks
a :class:`RetryDecision` whether and when to try again.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn
from urllib.parse import parse_qsl

import requests
import urllib3
from urllib3.util import Retry

from .errors import MastodonNetworkError, error_class_for_status

__all__ = [
    "RETRY_STATUSES",
    "SECRET_KEYS",
    "NetworkFailure",
    "Reply",
    "RetryDecision",
    "describe",
    "log_answer",
    "log_request",
    "mask_json",
    "mask_secrets",
    "raise_for_response",
    "read_body",
    "request_logger",
    "rewind",
    "safe_url",
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
    :param error: the :class:`MastodonNetworkError` to raise if it is not retried.
    """

    def __init__(self, cause: Exception, error: MastodonNetworkError) -> None:
        super().__init__(str(error))
        self.cause = cause
        self.error = error


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

    def after_failure(self, failure: NetworkFailure) -> float:
        """Seconds to wait before retrying after ``failure``.

        :raises MastodonNetworkError: (the failure's own) when the request may
            not be repeated, or the retries are used up.
        """
        if not (self.replayable or _never_sent(failure.cause)):
            raise failure.error from None
        try:
            policy = self._increment(error=failure.cause)
        except urllib3.exceptions.MaxRetryError:
            raise failure.error from None
        return policy.get_backoff_time()

    def after_status(self, response: requests.Response) -> float | None:
        """Seconds to wait before retrying a request the server answered with
        ``response``; ``None`` when the answer is final (retries used up, a status
        not worth retrying, or a request that may not be repeated)."""
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


# -- bodies ---------------------------------------------------------------------------


def read_body(response: requests.Response, limit: int, strict: bool = True) -> bytes:
    """Read a response's whole body, refusing more than ``limit`` bytes.

    An uncompressed body of known length (the usual answer) is read in one call,
    after checking its length against ``limit``; any other body is read in chunks,
    counting as it goes (a compressed body can grow far beyond its length).
    With ``strict`` off (error answers), a connection failure keeps what was read
    instead of raising.

    :raises MastodonNetworkError: when the body is larger than ``limit``.
    """
    raw = response.raw
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


def read_error_body(response: requests.Response) -> bytes:
    """What can be read of an error answer's body (it only serves the message)."""
    try:
        return read_body(response, MAX_ERROR_BODY, strict=False)
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError):
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
    cls = error_class_for_status(status)
    raise cls(message, status, reason, error, description)


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
