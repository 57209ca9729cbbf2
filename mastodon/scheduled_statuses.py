"""Scheduled statuses."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["ScheduledStatusesMixin"]


class ScheduledStatusesMixin(RequestCore):
    """Scheduled statuses."""
