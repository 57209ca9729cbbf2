"""Collections of accounts (Mastodon 4.6)."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["CollectionsMixin"]


class CollectionsMixin(RequestCore):
    """Collections of accounts (Mastodon 4.6)."""
