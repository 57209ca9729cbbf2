"""Followed and featured hashtags."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["HashtagsMixin"]


class HashtagsMixin(RequestCore):
    """Followed and featured hashtags."""
