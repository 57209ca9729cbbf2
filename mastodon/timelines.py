"""Home, public, hashtag, list and link timelines."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["TimelinesMixin"]


class TimelinesMixin(RequestCore):
    """Home, public, hashtag, list and link timelines."""
