"""pytooter: a complete, fast and careful client for the Mastodon API.

>>> from mastodon import Mastodon
>>> api = Mastodon(access_token="usercred.secret")  # doctest: +SKIP
>>> api.toot("Hello from Python")                  # doctest: +SKIP

How the package is built, from the top down (modules starting with ``_`` are
internal; each layer imports only from the layers below it)::

    mastodon                 this file: the public names; streaming classes load on first use
    mastodon.Mastodon        the Mastodon class, composed of one mixin per API area
    mastodon.api.<area>      the endpoints of one area (statuses, timelines, admin, ...)
    mastodon.api.pagination  page parameters and fetch_next / fetch_remaining
    mastodon.streaming*      streaming: listeners, SSE and WebSocket handles, stream_* methods
    mastodon._core           RequestCore: client state, URLs and ids, sending, the verbs
    mastodon._transport      one attempt's outcome, retry decision, bodies, error mapping
    mastodon._ratelimit      the rate limiter and its per-request slot
    mastodon._server         server information, versions, the @api_version gate
    mastodon._oauth          PKCE and the server's OAuth metadata
    mastodon._results        answer -> result: decoding, Link pagination, async refresh
    mastodon._status_length  counting a status as the server does (_tld_table: its domains)
    mastodon._checks         argument checks and the documented choices they accept
    mastodon._encoding       parameters, JSON bodies and media files as the API takes them
    mastodon._credentials    credential files;  _webpush: Web Push crypto;
    mastodon._filtering      client-side filter matching;  _clock: time and sleep
    mastodon.types           result types (AttribAccessDict, ...) and the JSON decoder
    mastodon.errors          the exception tree

``mastodon.async_refresh`` and ``mastodon.versions`` keep older import paths working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Import the compatibility module first: importing a submodule sets the package
# attribute of the same name, and the class must win over the module.
from . import Mastodon as _compat_module  # noqa: F401
from ._oauth import PKCE
from ._server import ServerSoftware
from .errors import (
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonDeprecationWarning,
    MastodonError,
    MastodonFileNotFoundError,
    MastodonGatewayTimeoutError,
    MastodonIllegalArgumentError,
    MastodonInternalServerError,
    MastodonIOError,
    MastodonLoginError,
    MastodonMalformedEventError,
    MastodonMissingDependencyError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServerError,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
    MastodonVersionError,
    MastodonWarning,
)
from .Mastodon import Mastodon
from .types import AttribAccessDict, AttribAccessList

if TYPE_CHECKING:
    from .streaming import CallbackStreamListener, SSEStreamHandle, StreamHandle, StreamListener
    from .streaming_websocket import WebSocketStreamHandle, WebSocketSubscription

__version__ = "0.1.0"

__all__ = [
    "Mastodon",
    "AttribAccessDict",
    "AttribAccessList",
    "PKCE",
    "ServerSoftware",
    "StreamListener",
    "CallbackStreamListener",
    "StreamHandle",
    "SSEStreamHandle",
    "WebSocketStreamHandle",
    "WebSocketSubscription",
    "MastodonError",
    "MastodonVersionError",
    "MastodonIllegalArgumentError",
    "MastodonLoginError",
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
    "MastodonMissingDependencyError",
    "MastodonWarning",
    "MastodonDeprecationWarning",
]


# The streaming classes load when first asked for (``mastodon.StreamListener``, or
# the first stream opened), not with the package: many programs never stream, and
# every module imported costs each of them start-up time.
_LAZY = {
    "StreamListener": "streaming",
    "CallbackStreamListener": "streaming",
    "StreamHandle": "streaming",
    "SSEStreamHandle": "streaming",
    "WebSocketStreamHandle": "streaming",
    "WebSocketSubscription": "streaming",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mastodon' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
