"""Keyword filters (v1 and v2) and client-side filtering."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["FiltersMixin"]


class FiltersMixin(RequestCore):
    """Keyword filters (v1 and v2) and client-side filtering."""
