"""Asynchronous refreshes the server runs in the background."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["AsyncRefreshMixin"]


class AsyncRefreshMixin(RequestCore):
    """Asynchronous refreshes the server runs in the background."""
