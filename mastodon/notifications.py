"""Notifications, grouped notifications and notification requests."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["NotificationsMixin"]


class NotificationsMixin(RequestCore):
    """Notifications, grouped notifications and notification requests."""
