"""Helpers the tests import: the test token, a client factory, the record of a
request, a fake clock, and ``python -m mastodon serve`` in a subprocess.

Fixtures live in ``conftest.py``; everything a test module imports by name lives here.
"""

from __future__ import annotations

import pathlib
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from mastodon import Mastodon

TOKEN = "test-token-9f8e7d6c5b4a"
ROOT = pathlib.Path(__file__).resolve().parent.parent


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


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    """Wait until ``predicate()`` holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def read_until(stream: IO[str], marker: str, timeout: float = 20) -> list[str]:
    """The lines a process prints, up to and including the first with ``marker``."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} never printed; got {lines}")


def start_serve(*options: str) -> tuple[subprocess.Popen[str], list[str]]:
    """Start ``python -m mastodon serve`` of this checkout with ``options``, as a user
    would; the process and what it printed up to "Press Ctrl-C" (it serves then)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mastodon", "serve", *options], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        return process, read_until(process.stdout, "Press Ctrl-C")
    except BaseException:
        process.kill()
        process.communicate()
        raise


def read_env_file(path: pathlib.Path) -> dict[str, str]:
    """The ``NAME='value'`` lines of a ``serve --env-file``, read as a shell would."""
    return dict(word.split("=", 1) for word in shlex.split(path.read_text(encoding="utf-8")))


def stop_serve(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Stop a process of :func:`start_serve` as Ctrl-C does; what it printed after
    the start, on stdout and on stderr."""
    process.send_signal(signal.SIGINT)
    return process.communicate(timeout=20)
