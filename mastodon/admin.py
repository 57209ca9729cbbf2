"""The moderation and administration API."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["AdminMixin"]


class AdminMixin(RequestCore):
    """The moderation and administration API."""
