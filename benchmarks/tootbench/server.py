"""A small Mastodon look-alike on 127.0.0.1 that serves the benchmark data.

Routes (all ``GET``; the API routes want ``Authorization: Bearer benchtoken``):

``/api/v1/timelines/home``   pages of the seeded timeline (``/public`` serves the
                             same); ``limit`` (default 20,
                             at most 40), ``max_id``, ``since_id``, ``min_id``;
                             ``Link`` header with ``next``/``prev`` like Mastodon
                             (``next`` is left out on the last page)
``/api/v1/notifications``    40 notifications, with a ``Link`` header
``/api/v1/streaming/user``   server-sent events: a ``:)`` comment, then the
                             configured number of ``update`` events, then close
``/api/v1/streaming/health`` ``OK``
``/api/v1/instance``, ``/api/v2/instance``  instance metadata (streaming URL)
``/bench/info``              what the workers need to know (ids, counts)
``/bench/stream-events``     ``?count=N``: how many events the next streams carry

Responses are HTTP/1.1 with ``Content-Length`` and keep-alive, written with a
single ``sendall`` and ``TCP_NODELAY``, so the server adds little to what the
clients are measured on. The event stream has no length and ends by closing
the connection.
"""

from __future__ import annotations

import bisect
import email.utils
import itertools
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .data import STATUSES_PER_PAGE, Dataset, dumps, iso_datetime

TOKEN = "benchtoken"
# Mastodon allows 300 requests per 5 minutes; the benchmark makes tens of
# thousands, so the server counts them against a larger limit in the same
# 5-minute windows, and clients that honour the headers never have to wait.
RATE_LIMIT = 1_000_000
RATE_WINDOW_SECONDS = 300
MAX_LIMIT = 40
DEFAULT_LIMIT = 20

_REASONS = {200: "OK", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed"}


class BenchServer:
    """Owns the dataset and a :class:`ThreadingHTTPServer` running in a daemon thread."""

    def __init__(self, dataset: Dataset, *, stream_events: int) -> None:
        self.dataset = dataset
        self.max_stream_events = stream_events
        self.stream_events = stream_events  # per connection; workers may lower it via /bench/stream-events
        self._ascending_negated_ids = [-status_id for status_id in dataset.ids]
        self._pages: dict[tuple[int, int], bytes] = {}
        self._rate_lock = threading.Lock()
        self._rate_window = 0
        self._rate_used = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.bench = self  # type: ignore[attr-defined]
        self.port = int(self._httpd.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="bench-server", daemon=True)
        lines = dataset.lines
        events = [b"event: update\ndata: " + lines[i % len(lines)] + b"\n\n" for i in range(stream_events)]
        self.stream_body = b":)\n" + b"".join(events)
        self._event_ends = list(itertools.accumulate(map(len, events), initial=3))
        self.instance_v1 = dumps(self._instance_v1()).encode()
        self.instance_v2 = dumps(self._instance_v2()).encode()
        self.notifications = dumps(dataset.notifications).encode()
        self.info = dumps(self._info()).encode()

    def rate_limit_remaining(self) -> int:
        """Count one request in the current window; what ``X-RateLimit-Remaining`` says."""
        window = int(time.time()) // RATE_WINDOW_SECONDS
        with self._rate_lock:
            if window != self._rate_window:
                self._rate_window, self._rate_used = window, 0
            self._rate_used += 1
            return max(0, RATE_LIMIT - self._rate_used)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # data views -------------------------------------------------------------

    def page(self, start: int, stop: int) -> bytes:
        key = (start, stop)
        body = self._pages.get(key)
        if body is None:
            body = self.dataset.page_body(start, stop - start)
            self._pages[key] = body
        return body

    def index_older_than(self, status_id: int) -> int:
        """Position of the first status with an id below ``status_id`` (ids descend)."""
        return bisect.bisect_right(self._ascending_negated_ids, -status_id)

    def stream_bytes(self) -> memoryview:
        """The ``:)`` greeting and the first ``stream_events`` update events."""
        return memoryview(self.stream_body)[: self._event_ends[self.stream_events]]

    def _info(self) -> dict[str, Any]:
        ids = self.dataset.ids
        # page_max_ids[i] is the max_id that makes /timelines/home?limit=40 start at page i.
        starts = range(0, len(ids), STATUSES_PER_PAGE)
        page_max_ids = [str(ids[start - 1] if start else ids[0] + 1) for start in starts]
        return {
            "token": TOKEN,
            "statuses": len(ids),
            "page_size": STATUSES_PER_PAGE,
            "first_page_bytes": len(self.page(0, STATUSES_PER_PAGE)),
            "page_max_ids": page_max_ids,
            "max_stream_events": self.max_stream_events,
        }

    def _instance_v1(self) -> dict[str, Any]:
        return {
            "uri": "127.0.0.1",
            "title": "pytooter benchmark",
            "short_description": "Seeded data for pytooter's benchmark.",
            "description": "",
            "email": "admin@mastodon.example",
            "version": "4.5.0",
            "urls": {"streaming_api": f"ws://127.0.0.1:{self.port}"},
            "stats": {"user_count": 300, "status_count": len(self.dataset.ids), "domain_count": 10},
            "thumbnail": None,
            "languages": ["en"],
            "registrations": False,
            "approval_required": False,
            "invites_enabled": False,
            "configuration": {"statuses": {"max_characters": 500, "max_media_attachments": 4}},
            "contact_account": None,
            "rules": [],
        }

    def _instance_v2(self) -> dict[str, Any]:
        return {
            "domain": "127.0.0.1",
            "title": "pytooter benchmark",
            "version": "4.5.0",
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "Seeded data for pytooter's benchmark.",
            "usage": {"users": {"active_month": 300}},
            "thumbnail": {"url": "https://files.mastodon.example/site_uploads/files/thumbnail.png"},
            "languages": ["en"],
            "configuration": {
                "urls": {"streaming": f"ws://127.0.0.1:{self.port}", "status": None},
                "statuses": {"max_characters": 500, "max_media_attachments": 4},
                "timelines_access": {
                    feed: {"local": "public", "remote": "public"} for feed in ("live_feeds", "hashtag_feeds", "trending_link_feeds")
                },
            },
            "registrations": {"enabled": False, "approval_required": False, "message": None},
            "api_versions": {"mastodon": 7},
            "contact": {"email": "admin@mastodon.example", "account": None},
            "rules": [],
        }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "Mastodon"
    sys_version = ""

    @property
    def bench(self) -> BenchServer:
        return self.server.bench  # type: ignore[attr-defined, no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the benchmark prints its own table."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        path = url.path.rstrip("/")
        if path == "/bench/info":
            self._send(200, self.bench.info)
        elif path == "/bench/stream-events":
            self._set_stream_events(query.get("count", ""))
        elif path == "/api/v1/instance":
            self._send(200, self.bench.instance_v1)
        elif path == "/api/v2/instance":
            self._send(200, self.bench.instance_v2)
        elif path == "/api/v1/streaming/health":
            self._send(200, b"OK", content_type="text/plain; charset=utf-8")
        elif self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, b'{"error":"The access token is invalid"}')
        elif path in ("/api/v1/timelines/home", "/api/v1/timelines/public"):
            self._timeline(path, query)
        elif path == "/api/v1/notifications":
            here = self.bench.base_url + path
            link = f'<{here}?max_id=34975000>; rel="next", <{here}?min_id=68739215>; rel="prev"'
            self._send(200, self.bench.notifications, link=link)
        elif path.startswith("/api/v1/streaming/"):
            self._stream()
        else:
            self._send(404, b'{"error":"Record not found"}')

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._send(405, b'{"error":"This benchmark server only answers GET"}')

    def _set_stream_events(self, count: str) -> None:
        if not count.isdigit():
            self._send(404, b'{"error":"count must be a number"}')
            return
        self.bench.stream_events = min(self.bench.max_stream_events, int(count))
        self._send(200, dumps({"stream_events": self.bench.stream_events}).encode())

    def _timeline(self, path: str, query: dict[str, str]) -> None:
        bench = self.bench
        ids = bench.dataset.ids
        try:
            limit = max(1, min(MAX_LIMIT, int(query.get("limit", DEFAULT_LIMIT))))
            if "max_id" in query:
                start = bench.index_older_than(int(query["max_id"]))
                stop = min(len(ids), start + limit)
            elif "min_id" in query:
                stop = bench.index_older_than(int(query["min_id"]) + 1)
                start = max(0, stop - limit)
            else:
                newer = bench.index_older_than(int(query["since_id"]) + 1) if "since_id" in query else len(ids)
                start, stop = 0, min(newer, limit)
        except ValueError:
            self._send(404, b'{"error":"Record not found"}')
            return
        links = []
        prefix = f"{bench.base_url}{path}?" + (f"limit={query['limit']}&" if "limit" in query else "")
        if stop > start and stop < len(ids):
            links.append(f'<{prefix}max_id={ids[stop - 1]}>; rel="next"')
        if stop > start:
            links.append(f'<{prefix}min_id={ids[start]}>; rel="prev"')
        self._send(200, bench.page(start, stop), link=", ".join(links) or None)

    def _stream(self) -> None:
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: private, no-store\r\nConnection: close\r\n\r\n"
        self.close_connection = True
        try:
            self.wfile.write(head.encode("latin-1"))
            self.wfile.write(self.bench.stream_bytes())
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes, *, link: str | None = None, content_type: str = "application/json; charset=utf-8") -> None:
        headers = [
            f"HTTP/1.1 {status} {_REASONS[status]}",
            f"Date: {_http_date()}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}",
            "Cache-Control: private, no-store",
            f"X-RateLimit-Limit: {RATE_LIMIT}",
            f"X-RateLimit-Remaining: {self.bench.rate_limit_remaining()}",
            f"X-RateLimit-Reset: {_ratelimit_reset()}",
        ]
        if link:
            headers.append(f"Link: {link}")
        if self.close_connection:
            headers.append("Connection: close")
        head = "\r\n".join(headers) + "\r\n\r\n"
        self.wfile.write(head.encode("latin-1") + body)


_clock_cache: dict[str, tuple[int, str]] = {}


def _cached_per_second(name: str, render: Callable[[int], str]) -> str:
    now = int(time.time())
    cached = _clock_cache.get(name)
    if cached is None or cached[0] != now:
        cached = (now, render(now))
        _clock_cache[name] = cached
    return cached[1]


def _http_date() -> str:
    return _cached_per_second("date", lambda now: email.utils.formatdate(now, usegmt=True))


def _ratelimit_reset() -> str:
    def render(now: int) -> str:
        window_end = now - now % RATE_WINDOW_SECONDS + RATE_WINDOW_SECONDS
        return iso_datetime(datetime.fromtimestamp(window_end, tz=timezone.utc))

    return _cached_per_second("reset", render)
