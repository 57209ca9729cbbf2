"""Media uploads and updates."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["MediaMixin"]


class MediaMixin(RequestCore):
    """Media uploads and updates."""
