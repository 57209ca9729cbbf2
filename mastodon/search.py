"""Search (v1 and v2)."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["SearchMixin"]


class SearchMixin(RequestCore):
    """Search (v1 and v2)."""
