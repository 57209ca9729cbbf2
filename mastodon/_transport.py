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
from collections.abc import Iterable, Mapping
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
    "mask_json",
    "mask_secrets",
    "raise_for_response",
    "read_body",
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


def rewind(files: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Seek file objects back to their start so a retried upload sends them whole."""
    if files:
        for part in files.values():
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
