"""Helpers the tests import: the test token, a client factory, the record of a
request, and a fake clock.

Fixtures live in ``conftest.py``; everything a test module imports by name lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mastodon import Mastodon

TOKEN = "test-token-9f8e7d6c5b4a"


@dataclass
class Recorded:
    """What the client sent for one expected request."""

    method: str = ""
    path: str = ""
    query: list[tuple[str, str]] = field(default_factory=list)
    form: list[tuple[str, str]] = field(default_factory=list)
    json: Any = None
    files: dict[str, tuple[str | None, bytes, str | None]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw_uri: str = ""
    received: bool = False


class FakeClock:
    """Stands in for the client's clock (:class:`mastodon._clock.Clock`): sleeping
    advances the time at once, and every sleep is recorded in ``sleeps``.

    Give it to a client with ``api._use_clock(clock)``, or to a rate limiter with
    ``RateLimiter(..., clock=clock)``.
    """

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


def make_api(base_url: str, **kwargs: Any) -> Mastodon:
    """A client with the test defaults, overridable."""
    kwargs.setdefault("access_token", TOKEN)
    kwargs.setdefault("mastodon_version", "4.6.0")
    return Mastodon(api_base_url=base_url, **kwargs)
