"""User preferences and timeline read markers."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["PreferencesMixin"]


class PreferencesMixin(RequestCore):
    """User preferences and timeline read markers."""
