"""The logged-in user's profile (Mastodon 4.6 profile API)."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["ProfileMixin"]


class ProfileMixin(RequestCore):
    """The logged-in user's profile (Mastodon 4.6 profile API)."""
