"""The request core every API mixin calls into.

Each concern has one home: URL building (:meth:`RequestCore._url`), parameter
encoding (``_encoding.py``: :func:`encode_params`, :func:`encode_json`,
:func:`read_media`), sending with rate limiting
(:meth:`RequestCore._send`), error mapping (:func:`raise_for_response`), decoding
(:func:`mastodon.types.decode_json`) and pagination (:func:`attach_pagination`).
Endpoint methods only say which method, path and parameters to use.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NoReturn, TypeVar, overload
from urllib.parse import parse_qsl, quote, urlsplit

import requests
import urllib3
from urllib3.util import Retry

from ._encoding import encode_json, encode_params
from .errors import (
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    error_class_for_status,
)
from .ratelimit import RateLimiter
from .types import AttribAccessDict, AttribAccessList, _int_or_str, decode_json
from .versions import Version, parse_version

__all__ = ["RequestCore", "normalize_base_url"]

log = logging.getLogger("mastodon")

DEFAULT_BASE_URL = "https://mastodon.social"
DEFAULT_TIMEOUT = 300

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


_MAX_429_RETRIES = 20
_MAX_ERROR_BODY = 1 << 20

# Statuses worth retrying: the proxy or server was briefly unavailable.
RETRY_STATUSES = frozenset({502, 503, 504})
# Methods that may be sent twice with the effect of once (RFC 9110). A POST
# carrying an Idempotency-Key is treated the same: Mastodon deduplicates it.
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

T = TypeVar("T")


# -- URLs and ids ---------------------------------------------------------------------


def normalize_base_url(url: str, allow_http: bool = False) -> str:
    """Tidy a user-given instance URL: https by default, no trailing slash.

    ``http://`` is accepted only for loopback hosts (a local test server) unless
    ``allow_http`` is set, so tokens are not sent in clear text by accident.
    """
    if not isinstance(url, str) or not url.strip():
        raise MastodonIllegalArgumentError("api_base_url must be a non-empty string")
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    url = url.rstrip("/")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MastodonIllegalArgumentError(f"api_base_url {url!r} is not an http(s) URL")
    if parts.scheme == "http" and not allow_http and not _is_loopback(parts.hostname):
        raise MastodonIllegalArgumentError(
            f"refusing plain http for {parts.hostname}: pass allow_http=True to send credentials unencrypted"
        )
    return url


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


# -- responses ------------------------------------------------------------------------


def raise_for_response(response: requests.Response) -> None:
    """Raise the error class the status code maps to, with the server's message."""
    status = response.status_code
    if status < 400:
        return
    reason = response.reason or ""
    error = description = None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        raw_error = body.get("error")
        error = raw_error if isinstance(raw_error, str) else None
        raw_desc = body.get("error_description")
        description = raw_desc if isinstance(raw_desc, str) else None
    message = f"{response.request.method} {_safe_url(response.url)} failed: {status} {reason}".rstrip()
    if error:
        message += f": {error}"
    if description and description != error:
        message += f" ({description})"
    cls = error_class_for_status(status)
    raise cls(message, status, reason, error, description)


def _safe_url(url: str | None) -> str:
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


def attach_pagination(result: Any, response: requests.Response) -> None:
    """Store the ``Link`` header's next/prev targets on a returned list.

    The targets go on the list itself and, as the documented interface has it,
    on its last item (next) and first item (prev); a paginated answer that is a
    dict (grouped notifications) carries them itself. They are exactly what the
    server sent: the URL is followed as-is, never re-derived from ids.
    """
    if "Link" not in response.headers or not isinstance(result, (AttribAccessList, AttribAccessDict)):
        return
    links = response.links
    for rel, attr, index in (("next", "_pagination_next", -1), ("prev", "_pagination_prev", 0)):
        target = links.get(rel, {}).get("url")
        if not target:
            continue
        try:
            info = pagination_info(target, response.request.method or "GET")
        except ValueError:
            log.debug("ignoring a %s link that is not a URL: %.200r", rel, target)
            continue
        object.__setattr__(result, attr, info)
        if isinstance(result, AttribAccessList) and result and isinstance(result[index], AttribAccessDict):
            object.__setattr__(result[index], attr, info)


ASYNC_REFRESH_HEADER = "Mastodon-Async-Refresh"


def _attach_async_refresh(result: AttribAccessDict | AttribAccessList[Any], header: str, response: requests.Response) -> None:
    """Remember that the server is still refreshing this answer (Mastodon 4.4+)."""
    from .async_refresh import parse_async_refresh_header  # rare; avoids an import cycle

    info = parse_async_refresh_header(header)
    if info is not None:
        info["method"] = response.request.method or "GET"
        info["url"] = response.url
        object.__setattr__(result, "_async_refresh", info)


def pagination_info(url: str, method: str) -> AttribAccessDict:
    """Describe a page to fetch: its query parameters plus the exact URL."""
    parts = urlsplit(url)  # ValueError on a malformed URL: see attach_pagination
    info = AttribAccessDict()
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.endswith("_id") and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            info[key] = _int_or_str(value)  # the same rule as ids in answers
        else:
            info[key] = value
    info["_pagination_method"] = method
    info["_pagination_endpoint"] = parts.path
    info["_pagination_url"] = url
    return info


# -- the core -------------------------------------------------------------------------


class RequestCore:
    """State and helpers shared by every API mixin. Set up by ``Mastodon.__init__``."""

    api_base_url: str
    access_token: str | None
    client_id: str | None
    client_secret: str | None
    session: requests.Session
    request_timeout: float
    debug_requests: bool
    version_check_mode: str
    user_agent: str
    lang: str | None
    feature_set: str
    mastodon_major: int
    mastodon_minor: int
    mastodon_patch: int
    mastodon_api_version: int | None
    _ratelimiter: RateLimiter
    _version: Version | None
    _instance_cache: dict[str, Any]

    #: How often a failed request that is safe to repeat is retried (0: never).
    max_retries: int = 3
    #: Backoff between retries: factor * 2**(n-1) seconds, plus jitter, capped.
    retry_backoff_factor: float = 0.5
    retry_backoff_max: float = 30.0
    #: The longest Retry-After the client will honour, in seconds.
    retry_after_max: int = 300
    #: Answers larger than this are refused (a real page is well under 1 MiB).
    max_response_bytes: int = 64 << 20

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

    @property
    def ratelimit_remaining(self) -> int:
        """Requests left in the current window."""
        return self._ratelimiter.remaining

    @property
    def ratelimit_limit(self) -> int:
        """Requests allowed per window (typically 300)."""
        return self._ratelimiter.limit

    @property
    def ratelimit_reset(self) -> float:
        """POSIX time at which the window resets."""
        return self._ratelimiter.reset

    @property
    def ratelimit_lastcall(self) -> float:
        """POSIX time at which the rate-limit values were last updated."""
        return self._ratelimiter.lastcall

    # -- versions ---------------------------------------------------------------------

    def _server_version(self) -> Version:
        if self._version is None:
            self._set_version(parse_version(self._fetch_version_string()))
        assert self._version is not None
        return self._version

    def _set_version(self, version: Version) -> None:
        self._version = version
        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = version

    def _fetch_version_string(self) -> str | None:
        """Overridden by the utility mixin to ask the server."""
        return None

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
    def _page_id(value: Any, name: str = "id") -> Any:
        """A pagination bound: an id, a dict with an ``id``, or an aware datetime
        (turned into the snowflake id of that instant). ``None`` stays ``None``."""
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise MastodonIllegalArgumentError(f"{name}: datetime {value!r} has no time zone")
            return int(value.timestamp() * 1000) << 16
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

    def _send(
        self,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]] | None = None,
        data: list[tuple[str, str]] | None = None,
        json_body: Any = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        use_auth: bool = True,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        retries: int | None = None,
    ) -> requests.Response:
        """Send one request: rate limiting, retries, error mapping, body reading.

        Returns the successful :class:`requests.Response`; unless ``stream`` is
        set its body has been read (bounded by ``max_response_bytes``).
        ``retries`` overrides ``max_retries`` for this request (streams that run
        their own reconnect loop pass 0).
        """
        all_headers = self._headers(use_auth)
        if headers:
            all_headers.update(headers)
        if self.debug_requests:
            log.debug(
                "%s %s params=%s data=%s json=%s files=%s headers=%s",
                method,
                _safe_url(url),
                mask_secrets(params or []),
                mask_secrets(data or []),
                _mask_json(json_body),
                sorted(files or {}),
                mask_secrets(all_headers.items()),
            )
        replayable = method in _IDEMPOTENT_METHODS or "Idempotency-Key" in all_headers
        policy: Retry | None = None  # made on the first failure: most requests never need it
        limited = 0
        while True:
            self._ratelimiter.acquire()
            failure: MastodonNetworkError | None = None
            response: requests.Response | None = None
            released = False
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    json=json_body,
                    files=_rewind(files),
                    headers=all_headers,
                    timeout=timeout or self.request_timeout,
                    stream=True,
                )
                self._ratelimiter.done(response.headers)
                released = True
                if not stream and response.status_code < 400:
                    _read_body(response, self.max_response_bytes)
            except requests.exceptions.InvalidURL as exc:
                raise MastodonIllegalArgumentError(f"invalid URL {_safe_url(url)}: {_describe(exc)}") from None
            except requests.exceptions.ReadTimeout as exc:
                raise MastodonNetworkError(f"{method} {_safe_url(url)} timed out: {_describe(exc)}") from None
            except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
                failure = MastodonNetworkError(f"{method} {_safe_url(url)} failed: {_describe(exc)}")
                if not (replayable or _never_sent(exc)):
                    raise failure from None
                error: Exception = exc
            finally:
                if not released:
                    self._ratelimiter.done(None)
            if response is not None:
                if self.debug_requests:
                    log.debug("%s %s -> %s %s", method, _safe_url(url), response.status_code, response.reason)
                status = response.status_code
                if status == 429 and self.ratelimit_method != "throw" and limited < _MAX_429_RETRIES:
                    delay = self._ratelimiter.wait_after_429(response.headers, limited)
                    response.close()
                    log.info("rate limited on %s %s; waiting %.1f s", method, _safe_url(url), delay)
                    self._ratelimiter.sleep(delay)
                    limited += 1
                    continue
                if status in RETRY_STATUSES and replayable and failure is None:
                    error = urllib3.exceptions.ResponseError(f"{status} {response.reason}")
                elif status >= 400:
                    try:
                        _read_body(response, _MAX_ERROR_BODY)
                    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError):
                        response._content = b""
                    raise_for_response(response)
                    raise AssertionError("unreachable")  # pragma: no cover
                elif failure is None:
                    return response
            raw = response.raw if response is not None and failure is None else None
            if policy is None:
                policy = self._retry_policy(self.max_retries if retries is None else retries)
            try:
                policy = policy.increment(method, url, response=raw, error=error if raw is None else None)
            except urllib3.exceptions.MaxRetryError:
                if failure is not None:
                    raise failure from None
                assert response is not None
                _read_body(response, _MAX_ERROR_BODY, strict=False)
                raise_for_response(response)
            if response is not None:
                response.close()
            reason = failure if failure is not None else f"HTTP {response.status_code if response is not None else '?'}"
            log.info("retrying %s %s (%s)", method, _safe_url(url), reason)
            retry_after = policy.get_retry_after(raw) if raw is not None else None
            if retry_after is not None:
                time.sleep(min(retry_after, self.retry_after_max))
            else:
                policy.sleep()  # exponential backoff with jitter

    def _retry_policy(self, total: int) -> Retry:
        """The retry budget and backoff for one request, from the client's settings.

        urllib3's :class:`Retry` counts attempts and computes the backoff and the
        ``Retry-After`` wait; the loop in :meth:`_send` decides what may be retried.
        """
        return Retry(
            total=total,
            allowed_methods=None,
            status_forcelist=RETRY_STATUSES,
            backoff_factor=self.retry_backoff_factor,
            backoff_max=self.retry_backoff_max,
            backoff_jitter=self.retry_backoff_factor / 2,
            respect_retry_after_header=True,
            raise_on_status=False,
        )

    def _request(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        json: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        base_url: str | None = None,
        use_auth: bool = True,
    ) -> Any:
        """Send a request and return its decoded result.

        ``params`` go in the query string for GET/DELETE-without-body and in a
        form body otherwise (multipart when ``files`` are given); ``json`` sends
        a JSON body instead.
        """
        url = self._url(path, base_url)
        encoded = encode_params(params)
        if method in ("GET", "HEAD") or (method == "DELETE" and not files and json is None):
            response = self._send(method, url, params=encoded, headers=headers, use_auth=use_auth)
        else:
            response = self._send(
                method,
                url,
                data=encoded or None,
                json_body=encode_json(json) if json is not None else None,
                files=files,
                headers=headers,
                use_auth=use_auth,
            )
        return self._decode(response)

    def _decode(self, response: requests.Response) -> Any:
        body = response._content or b""
        if not body or not body.strip():
            return None
        try:
            result = decode_json(body)
        except ValueError as exc:
            raise MastodonAPIError(
                f"{response.request.method} {_safe_url(response.url)}: the server's answer "
                f"({response.status_code}, {len(body)} bytes) is not valid JSON: {exc}",
                response.status_code,
                response.reason,
            ) from None
        attach_pagination(result, response)
        refresh = response.headers.get(ASYNC_REFRESH_HEADER)
        if refresh and isinstance(result, (AttribAccessList, AttribAccessDict)):
            _attach_async_refresh(result, refresh, response)
        return result

    # The verbs. ``cast`` names the return type for type checkers (the value is
    # already decoded into result types); without it the answer is discarded and
    # None returned, for endpoints that answer with an empty object.

    @overload
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, cast: type[T], **kwargs: Any) -> T: ...
    @overload
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, cast: None = None, **kwargs: Any) -> None: ...
    def _get(self, path: str, params: Mapping[str, Any] | None = None, *, cast: Any = None, **kwargs: Any) -> Any:
        return self._verb("GET", path, params, cast, kwargs)

    @overload
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, cast: type[T], **kwargs: Any) -> T: ...
    @overload
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, cast: None = None, **kwargs: Any) -> None: ...
    def _post(self, path: str, params: Mapping[str, Any] | None = None, *, cast: Any = None, **kwargs: Any) -> Any:
        return self._verb("POST", path, params, cast, kwargs)

    @overload
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, cast: type[T], **kwargs: Any) -> T: ...
    @overload
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, cast: None = None, **kwargs: Any) -> None: ...
    def _put(self, path: str, params: Mapping[str, Any] | None = None, *, cast: Any = None, **kwargs: Any) -> Any:
        return self._verb("PUT", path, params, cast, kwargs)

    @overload
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, cast: type[T], **kwargs: Any) -> T: ...
    @overload
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, cast: None = None, **kwargs: Any) -> None: ...
    def _patch(self, path: str, params: Mapping[str, Any] | None = None, *, cast: Any = None, **kwargs: Any) -> Any:
        return self._verb("PATCH", path, params, cast, kwargs)

    @overload
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, cast: type[T], **kwargs: Any) -> T: ...
    @overload
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, cast: None = None, **kwargs: Any) -> None: ...
    def _delete(self, path: str, params: Mapping[str, Any] | None = None, *, cast: Any = None, **kwargs: Any) -> Any:
        return self._verb("DELETE", path, params, cast, kwargs)

    def _verb(self, method: str, path: str, params: Mapping[str, Any] | None, cast: Any, kwargs: dict[str, Any]) -> Any:
        result = self._request(method, path, params, **kwargs)
        return None if cast is None else result


def _read_body(response: requests.Response, limit: int, strict: bool = True) -> None:
    """Read the whole body into ``response.content``, refusing more than ``limit`` bytes.

    An uncompressed body of known length (the usual answer) is read in one call,
    after checking its length against ``limit``; any other body is read in chunks,
    counting as it goes (a compressed body can grow far beyond its length).
    With ``strict`` off (error answers), a connection failure keeps what was read
    instead of raising.
    """
    if getattr(response, "_content_consumed", False):
        return
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
            body = raw.read(decode_content=True)
        else:
            size = 0
            for chunk in raw.stream(1 << 16, decode_content=True):
                size += len(chunk)
                if size > limit:
                    _refuse_body(response, limit)
                chunks.append(chunk)
            body = b"".join(chunks)
    except (urllib3.exceptions.HTTPError, OSError):
        if strict:
            raise
        body = b"".join(chunks)
    response._content = body
    setattr(response, "_content_consumed", True)  # noqa: B010 - requests' own flag, untyped


def _refuse_body(response: requests.Response, limit: int) -> NoReturn:
    response.close()
    raise MastodonNetworkError(
        f"{response.request.method} {_safe_url(response.url)}: the answer is larger than {limit} bytes; refusing to read it"
    )


def _rewind(files: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
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


def _never_sent(exc: BaseException) -> bool:
    """True when a failure certainly happened before the request reached the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _describe(exc: BaseException) -> str:
    """A short description of a requests/urllib3 exception, without the URL's query."""
    text = str(exc) or type(exc).__name__
    return text if len(text) < 300 else text[:297] + "..."


def _mask_json(body: Any) -> Any:
    if isinstance(body, Mapping):
        return {k: "***" if k in SECRET_KEYS else v for k, v in body.items()}
    return body
