"""The import path 0.1.0's documentation gave for :func:`parse_async_refresh_header`.

The background-refresh methods live in :mod:`mastodon.api.async_refresh`, the
header parsing in :mod:`mastodon._results`; this module keeps the documented
path working.
"""

from .api.async_refresh import ASYNC_REFRESH_HEADER, DEFAULT_RETRY, parse_async_refresh_header

__all__ = ["ASYNC_REFRESH_HEADER", "DEFAULT_RETRY", "parse_async_refresh_header"]
