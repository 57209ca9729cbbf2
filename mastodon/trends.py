"""Trending tags, statuses and links."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["TrendsMixin"]


class TrendsMixin(RequestCore):
    """Trending tags, statuses and links."""
