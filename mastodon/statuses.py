"""Reading, posting and interacting with statuses."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["StatusesMixin"]


class StatusesMixin(RequestCore):
    """Reading, posting and interacting with statuses."""
