"""Favourited and bookmarked statuses."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["FavouritesMixin"]


class FavouritesMixin(RequestCore):
    """Favourited and bookmarked statuses."""
