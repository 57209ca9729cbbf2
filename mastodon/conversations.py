"""Direct conversations."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["ConversationsMixin"]


class ConversationsMixin(RequestCore):
    """Direct conversations."""
