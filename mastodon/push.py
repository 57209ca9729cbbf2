"""Web push subscriptions and push message decryption."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["PushMixin"]


class PushMixin(RequestCore):
    """Web push subscriptions and push message decryption."""
