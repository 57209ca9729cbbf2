"""The one place the library reads the time and waits.

Everything that waits or measures time (rate limiting, retries, waiting for
media processing or a background refresh) asks the client's :class:`Clock`,
so a test can hand the client a fake one and run those waits instantly.
"""

from __future__ import annotations

import time

__all__ = ["Clock", "SYSTEM_CLOCK"]


class Clock:
    """Time and sleep as the operating system provides them."""

    def time(self) -> float:
        """Wall-clock time in POSIX seconds (rate-limit resets are wall-clock times)."""
        return time.time()

    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back (deadlines and timeouts)."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``; nothing happens for zero or less."""
        if seconds > 0:
            time.sleep(seconds)


#: The clock every client starts with.
SYSTEM_CLOCK = Clock()
