"""Follow suggestions and endorsements."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["SuggestionsMixin"]


class SuggestionsMixin(RequestCore):
    """Follow suggestions and endorsements."""
