"""The streaming API: stream_user, stream_public, ..."""

from __future__ import annotations

from ._core import RequestCore

__all__ = ["StreamingEndpointsMixin"]


class StreamingEndpointsMixin(RequestCore):
    """The streaming API: stream_user, stream_public, ..."""
