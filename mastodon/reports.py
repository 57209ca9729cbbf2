"""Reports filed by the user."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["ReportsMixin"]


class ReportsMixin(RequestCore):
    """Reports filed by the user."""
