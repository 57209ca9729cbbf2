"""Misbehaviour on request: rate limits, latency, failures and dropped connections.

:class:`~mastodon.testing.LocalInstance` exposes these through its own methods;
this module keeps the settings (behind a lock: tests change them while requests
are being served) and applies them to each request.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

from werkzeug.wrappers import Response

from ._records import iso

DEFAULT_LIMIT = 300
DEFAULT_WINDOW = 300.0

_HTML_PAGES = {
    502: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
    "<hr><center>nginx</center></body></html>",
    503: "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>",
    504: "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>",
}


@dataclass
class Failure:
    """Answers queued by :meth:`LocalInstance.fail_next`."""

    count: int
    status: int
    path: str | None
    retry_after: float | None
    html: bool
    drop: bool


@dataclass
class Decision:
    drop: bool = False
    fail: Response | None = None


@dataclass
class Window:
    started: float
    used: int = 0


@dataclass
class Faults:
    """The current misbehaviour settings and the rate-limit counters."""

    limit: int | None = None
    window: float = DEFAULT_WINDOW
    latency: float = 0.0
    latency_path: str | None = None
    failures: list[Failure] = field(default_factory=list)
    windows: dict[str, Window] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: int = 0

    def before(self, path: str) -> Decision:
        """What to do with a request before it reaches the API."""
        with self.lock:
            self.served += 1
            delay = self.latency if self.latency_path is None or path.startswith(self.latency_path) else 0.0
            failure = None
            for queued in self.failures:
                if queued.path is None or path.startswith(queued.path):
                    failure = queued
                    queued.count -= 1
                    if queued.count <= 0:
                        self.failures.remove(queued)
                    break
        if delay > 0:
            time.sleep(delay)
        if failure is None:
            return Decision()
        if failure.drop:
            return Decision(drop=True)
        if failure.html and failure.status in _HTML_PAGES:
            response = Response(_HTML_PAGES[failure.status], status=failure.status, content_type="text/html")
        else:
            response = Response(
                json.dumps({"error": f"Simulated failure ({failure.status})"}),
                status=failure.status,
                content_type="application/json; charset=utf-8",
            )
        if failure.retry_after is not None:
            response.headers["Retry-After"] = str(int(failure.retry_after))
        return Decision(fail=response)

    def rate_limited(self, key: str, response: Response) -> Response:
        """Count the request against ``key``'s budget and add the ``X-RateLimit-*``
        headers; over the limit, answer 429 instead (as Mastodon does)."""
        now = time.time()
        with self.lock:
            if self.limit is None:
                limit, remaining, reset = DEFAULT_LIMIT, DEFAULT_LIMIT, now + self.window
            else:
                window = self.windows.get(key)
                if window is None or window.started + self.window <= now:
                    window = self.windows[key] = Window(now - now % self.window if self.window >= 60 else now)
                window.used += 1
                limit, reset = self.limit, window.started + self.window
                remaining = max(limit - window.used, 0)
                if window.used > limit:
                    response = Response(
                        json.dumps({"error": "Too many requests"}),
                        status=429,
                        content_type="application/json; charset=utf-8",
                    )
                    response.headers["Retry-After"] = str(max(int(reset - now + 0.999), 1))
        response.headers["X-RateLimit-Limit"] = str(limit)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        response.headers["X-RateLimit-Reset"] = iso(reset) or ""
        return response
