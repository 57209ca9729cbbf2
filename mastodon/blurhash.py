"""Blurhash decoding."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["BlurhashMixin"]


class BlurhashMixin(RequestCore):
    """Blurhash decoding."""
