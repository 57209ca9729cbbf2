"""Accounts: reading, following, blocking, muting, profile updates."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["AccountsMixin"]


class AccountsMixin(RequestCore):
    """Accounts: reading, following, blocking, muting, profile updates."""
