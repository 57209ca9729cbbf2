"""Information about the instance."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["InstanceMixin"]


class InstanceMixin(RequestCore):
    """Information about the instance."""
