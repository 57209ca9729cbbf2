"""Polls: reading, voting, building poll parameters."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["PollsMixin"]


class PollsMixin(RequestCore):
    """Polls: reading, voting, building poll parameters."""
