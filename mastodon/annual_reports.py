"""Annual reports (Wrapstodon)."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["AnnualReportsMixin"]


class AnnualReportsMixin(RequestCore):
    """Annual reports (Wrapstodon)."""
