"""Exceptions raised by pytooter.

The tree::

    MastodonError (Exception)
    ├── MastodonVersionError               the server is too old for the call
    ├── MastodonIllegalArgumentError       (also ValueError) bad input, nothing sent
    │   └── MastodonLoginError             log_in refused: the server's status and OAuth error
    ├── MastodonMissingDependencyError     (also ImportError) an optional extra is not installed
    ├── MastodonIOError                    (also OSError)
    │   ├── MastodonFileNotFoundError      a file to upload or read is missing
    │   └── MastodonNetworkError           connection failed, reset or timed out
    │       └── MastodonReadTimeout        a stream stayed silent too long
    ├── MastodonAPIError                   the server answered with an error
    │   ├── MastodonNotFoundError          404
    │   ├── MastodonUnauthorizedError      401
    │   └── MastodonServerError            5xx
    │       ├── MastodonInternalServerError    500
    │       ├── MastodonBadGatewayError        502
    │       ├── MastodonServiceUnavailableError 503
    │       └── MastodonGatewayTimeoutError    504
    ├── MastodonRatelimitError             429 (in "throw" mode)
    └── MastodonMalformedEventError        a streaming event could not be parsed

    MastodonWarning (Warning)
    └── MastodonDeprecationWarning
"""

from __future__ import annotations

__all__ = [
    "MastodonError",
    "MastodonVersionError",
    "MastodonIllegalArgumentError",
    "MastodonLoginError",
    "MastodonMissingDependencyError",
    "MastodonIOError",
    "MastodonFileNotFoundError",
    "MastodonNetworkError",
    "MastodonReadTimeout",
    "MastodonAPIError",
    "MastodonNotFoundError",
    "MastodonUnauthorizedError",
    "MastodonServerError",
    "MastodonInternalServerError",
    "MastodonBadGatewayError",
    "MastodonServiceUnavailableError",
    "MastodonGatewayTimeoutError",
    "MastodonRatelimitError",
    "MastodonMalformedEventError",
    "MastodonWarning",
    "MastodonDeprecationWarning",
    "error_class_for_status",
]


class MastodonError(Exception):
    """Base class of every error pytooter raises."""


class MastodonVersionError(MastodonError):
    """The server's Mastodon version does not offer the requested call."""


class MastodonIllegalArgumentError(ValueError, MastodonError):
    """An argument was invalid; no request was sent."""


class MastodonMissingDependencyError(MastodonError, ImportError):
    """An optional dependency (a package extra such as ``webpush``) is not installed."""


class MastodonIOError(IOError, MastodonError):
    """A file or network input/output operation failed."""


class MastodonFileNotFoundError(MastodonIOError):
    """A file given to the library could not be opened."""


class MastodonNetworkError(MastodonIOError):
    """The connection to the server failed, was reset or timed out."""


class MastodonReadTimeout(MastodonNetworkError):
    """A streaming connection received nothing for longer than its timeout."""


class _ResponseDetails(Exception):
    """Carries what the server said: ``status_code``, ``reason`` (the HTTP reason
    phrase), ``error`` (the body's ``error`` field) and ``error_description``.
    ``args`` keeps message, status code, reason and error in that order, as older
    code indexing ``e.args`` expects.
    """

    def __init__(
        self,
        message: str = "",
        status_code: int | None = None,
        reason: str | None = None,
        error: str | None = None,
        error_description: str | None = None,
    ) -> None:
        super().__init__(message, status_code, reason, error)
        self.message = message
        self.status_code = status_code
        self.reason = reason
        self.error = error
        self.error_description = error_description

    def __str__(self) -> str:
        return self.message


class MastodonAPIError(_ResponseDetails, MastodonError):
    """The server answered a request with an error status."""


class MastodonNotFoundError(MastodonAPIError):
    """The server answered 404 Not Found."""


class MastodonUnauthorizedError(MastodonAPIError):
    """The server answered 401 Unauthorized."""


class MastodonServerError(MastodonAPIError):
    """The server answered with a 5xx status."""


class MastodonInternalServerError(MastodonServerError):
    """The server answered 500 Internal Server Error."""


class MastodonBadGatewayError(MastodonServerError):
    """The server answered 502 Bad Gateway."""


class MastodonServiceUnavailableError(MastodonServerError):
    """The server answered 503 Service Unavailable."""


class MastodonGatewayTimeoutError(MastodonServerError):
    """The server answered 504 Gateway Timeout."""


class MastodonLoginError(_ResponseDetails, MastodonIllegalArgumentError):
    """The server refused a :meth:`~mastodon.Mastodon.log_in`: wrong user name or
    password, an invalid or used authorization code, a revoked refresh token.

    A :class:`MastodonIllegalArgumentError`, as the classic client raises, that
    also keeps what the server said: ``status_code`` (400 or 401, usually),
    ``error`` (the OAuth error code: ``invalid_grant``, ``invalid_client``...)
    and ``error_description``. The :class:`MastodonAPIError` of the answer is its
    ``__cause__``.
    """


class MastodonRatelimitError(_ResponseDetails, MastodonError):
    """The rate limit was hit (raised in "throw" mode)."""


class MastodonMalformedEventError(MastodonError):
    """A streaming event could not be parsed."""


class MastodonWarning(Warning):
    """Base class of warnings pytooter emits."""


class MastodonDeprecationWarning(MastodonWarning, DeprecationWarning):
    """A deprecated call or parameter was used."""


_STATUS_CLASSES: dict[int, type[MastodonError]] = {
    401: MastodonUnauthorizedError,
    404: MastodonNotFoundError,
    429: MastodonRatelimitError,
    500: MastodonInternalServerError,
    502: MastodonBadGatewayError,
    503: MastodonServiceUnavailableError,
    504: MastodonGatewayTimeoutError,
}


def error_class_for_status(status_code: int) -> type[MastodonError]:
    """Return the exception class for an HTTP error status (one table for all)."""
    cls = _STATUS_CLASSES.get(status_code)
    if cls is not None:
        return cls
    if status_code >= 500:
        return MastodonServerError
    return MastodonAPIError
