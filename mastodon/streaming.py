"""Stream listeners and the streaming reader (filled in by the streaming work)."""

from __future__ import annotations

from typing import Any

__all__ = ["StreamListener", "CallbackStreamListener"]


class StreamListener:
    """Receives streaming events; override the ``on_*`` methods you need."""

    def on_update(self, status: Any) -> None:
        """A new status appeared in the stream."""


class CallbackStreamListener(StreamListener):
    """A listener built from plain functions instead of a subclass."""
