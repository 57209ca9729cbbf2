"""Lists of followed accounts."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["ListsMixin"]


class ListsMixin(RequestCore):
    """Lists of followed accounts."""
