"""Mutes, blocks, domain blocks and follow requests."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["RelationshipsMixin"]


class RelationshipsMixin(RequestCore):
    """Mutes, blocks, domain blocks and follow requests."""
