"""Rate limiting: the three modes, odd headers, and many threads sharing a client."""

from __future__ import annotations

import json
import math
import multiprocessing
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from mastodon import Mastodon, MastodonError, MastodonRatelimitError
from mastodon._ratelimit import RateLimiter
from tests.helpers import FakeClock, make_api


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def headers(remaining: int, reset: float | None, limit: int = 300) -> dict[str, str]:
    out = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining)}
    if reset is not None:
        out["X-RateLimit-Reset"] = iso(reset)
    return out


def test_wait_mode_sleeps_until_reset_when_exhausted() -> None:
    clock = FakeClock()
    limiter = RateLimiter("wait", clock=clock)
    limiter.acquire()
    limiter.done(headers(0, clock.now + 30))
    assert limiter.remaining == 0 and limiter.reset == pytest.approx(clock.now + 30, abs=0.01)
    limiter.acquire()
    assert sum(clock.sleeps) == pytest.approx(30, abs=0.1)


def test_pace_mode_spreads_requests() -> None:
    clock = FakeClock()
    limiter = RateLimiter("pace", pacefactor=1.0, clock=clock)
    limiter.acquire()
    limiter.done(headers(100, clock.now + 100))
    for _ in range(5):
        limiter.acquire()
        limiter.done(None)
    # 100 requests left for 100 seconds: about one a second.
    assert 3.5 <= sum(clock.sleeps) <= 5.0


def test_throw_mode_never_waits() -> None:
    clock = FakeClock()
    limiter = RateLimiter("throw", clock=clock)
    limiter.acquire()
    limiter.done(headers(0, clock.now + 300))
    limiter.acquire()
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "odd",
    [
        {},  # no headers at all
        {"X-RateLimit-Remaining": "0"},  # no reset
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2001-01-01T00:00:00.000Z"},  # reset in the past
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "soon"},  # unreadable
        {"X-RateLimit-Remaining": "many", "X-RateLimit-Limit": "lots"},
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1000010"},  # epoch seconds
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "Sun, 29 Nov 2026 10:00:00 GMT"},
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2999-01-01T00:00:00.000Z"},  # absurdly far
    ],
)
def test_odd_headers_never_block_long(odd: dict[str, str]) -> None:
    clock = FakeClock(1_000_000.0 if odd.get("X-RateLimit-Reset") == "1000010" else time.time())
    limiter = RateLimiter("wait", clock=clock)
    for _ in range(5):
        limiter.acquire()
        limiter.done(odd)
    assert sum(clock.sleeps) <= 10.5  # at most what a reset 10 s ahead asked for


def test_late_answers_from_an_old_window_are_ignored() -> None:
    clock = FakeClock()
    limiter = RateLimiter("wait", clock=clock)
    older, newer = limiter.acquire(), limiter.acquire()  # two requests on their way
    limiter.done(headers(250, clock.now + 60), newer)
    limiter.done(headers(2, clock.now + 10), older)  # earlier reset, sent before: an older window
    assert limiter.remaining == 250 - 1  # the older one was still on its way when the newer answered


def test_an_earlier_reset_sent_later_is_a_new_window() -> None:
    # The server shortened its window, or an endpoint with a window of its own
    # answered: a request sent after the one that set the window tells the truth.
    clock = FakeClock()
    limiter = RateLimiter("throw", clock=clock)
    limiter.done(headers(250, clock.now + 300), limiter.acquire())
    limiter.done(headers(0, clock.now + 10), limiter.acquire())
    assert limiter.remaining == 0 and limiter.reset == pytest.approx(clock.now + 10, abs=0.01)


def test_throw_mode_429_reads_the_answers_headers(mastodon_instance: Any) -> None:
    # Reported: after a 429 in "throw" mode, ratelimit_remaining read 300 though
    # the answer said 0. The local instance first reports a full budget over a
    # sliding window, then a limit of 2 over an aligned (earlier-ending) window.
    api = mastodon_instance.create_user("alice")
    api.ratelimit_method = "throw"
    api.account_verify_credentials()
    mastodon_instance.rate_limit(2, window=300)
    api.account_verify_credentials()
    assert (api.ratelimit_limit, api.ratelimit_remaining) == (2, 1)
    api.account_verify_credentials()
    assert api.ratelimit_remaining == 0
    with pytest.raises(MastodonRatelimitError):
        api.account_verify_credentials()
    assert api.ratelimit_remaining == 0
    assert api.ratelimit_reset > time.time()


def test_the_ratelimit_attributes_can_be_assigned(base_url: str, expect: Any) -> None:
    api = make_api(base_url, ratelimit_method="throw")
    api.ratelimit_remaining = 7
    api.ratelimit_limit = 50
    api.ratelimit_reset = 1_900_000_000.0
    api.ratelimit_lastcall = 1_800_000_000.0
    assert (api.ratelimit_remaining, api.ratelimit_limit) == (7, 50)
    assert (api.ratelimit_reset, api.ratelimit_lastcall) == (1_900_000_000.0, 1_800_000_000.0)
    expect("GET", "/api/v1/instance", {}, headers=headers(299, time.time() + 300))
    api._get("/api/v1/instance", returns=dict)  # the next answer's headers win
    assert (api.ratelimit_remaining, api.ratelimit_limit) == (299, 300)


def test_after_429_waits_for_retry_after_or_reset(base_url: str, expect) -> None:
    clock = FakeClock(time.time())
    api = make_api(base_url)
    api._use_clock(clock)
    expect(
        "GET", "/api/v1/statuses/1", {"error": "Too many requests"}, status=429, headers={"Retry-After": "7", "X-RateLimit-Remaining": "0"}
    )
    expect("GET", "/api/v1/statuses/1", {"id": "1"})
    assert api._get("/api/v1/statuses/1", returns=dict).id == 1
    assert 7 <= sum(clock.sleeps) <= 7.2


def test_429_without_any_hint_backs_off_briefly(base_url: str, expect) -> None:
    clock = FakeClock(time.time())
    api = make_api(base_url)
    api._use_clock(clock)
    for _ in range(3):
        expect("GET", "/api/v1/statuses/1", {"error": "Too many requests"}, status=429)
    expect("GET", "/api/v1/statuses/1", {"id": "1"})
    assert api._get("/api/v1/statuses/1", returns=dict).id == 1
    assert sum(clock.sleeps) <= 1 + 2 + 4 + 0.5


def test_throw_mode_raises_and_updates_attributes(base_url: str, expect) -> None:
    api = make_api(base_url, ratelimit_method="throw")
    reset = time.time() + 120
    expect("GET", "/api/v1/statuses/1", {"error": "Too many requests"}, status=429, headers=headers(0, reset))
    with pytest.raises(MastodonRatelimitError) as info:
        api._get("/api/v1/statuses/1", returns=dict)
    assert info.value.status_code == 429
    assert api.ratelimit_remaining == 0 and api.ratelimit_limit == 300
    assert api.ratelimit_reset == pytest.approx(reset, abs=0.01)
    assert api.ratelimit_lastcall == pytest.approx(time.time(), abs=5)


# -- many threads against a server that enforces its limit ---------------------------------

LIMIT = 200
WINDOW = 1.0
TOTAL = 2000
THREADS = 8


class LimitedServer(ThreadingHTTPServer):
    """Counts requests per fixed window and refuses those over LIMIT with a 429."""

    daemon_threads = True

    def __init__(self, send_headers: bool) -> None:
        super().__init__(("127.0.0.1", 0), LimitedHandler)
        self.started = time.time()
        self.lock = threading.Lock()
        self.counts: dict[int, int] = {}
        self.served = 0
        self.refused = 0
        self.send_headers = send_headers

    def window(self) -> tuple[int, float]:
        index = math.floor((time.time() - self.started) / WINDOW)
        return index, self.started + (index + 1) * WINDOW


class LimitedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs
    server: LimitedServer

    def do_GET(self) -> None:
        srv = self.server
        if self.path == "/_stats":
            self._reply(200, {}, {"served": srv.served, "refused": srv.refused})
            return
        with srv.lock:
            index, reset = srv.window()
            used = srv.counts.get(index, 0)
            allowed = used < LIMIT
            if allowed:
                srv.counts[index] = used + 1
                srv.served += 1
            else:
                srv.refused += 1
        hdrs = headers(max(0, LIMIT - used - 1), reset, LIMIT) if srv.send_headers else {}
        self._reply(200 if allowed else 429, hdrs, {"id": "1"} if allowed else {"error": "Too many requests"})

    def _reply(self, status: int, hdrs: dict[str, str], payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        for k, v in hdrs.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _serve(port_out: Any, send_headers: bool) -> None:
    server = LimitedServer(send_headers)
    port_out.put(server.server_address[1])
    server.serve_forever()


class Limited:
    """The limited server in its own process, so it has a core of its own."""

    def __init__(self, send_headers: bool = True) -> None:
        ctx = multiprocessing.get_context("spawn")
        queue = ctx.Queue()
        self.process = ctx.Process(target=_serve, args=(queue, send_headers), daemon=True)
        self.process.start()
        self.url = f"http://127.0.0.1:{queue.get(timeout=30)}"

    def stats(self) -> dict[str, int]:
        with urllib.request.urlopen(self.url + "/_stats", timeout=10) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]

    def close(self) -> None:
        self.process.terminate()
        self.process.join(10)


@pytest.fixture
def limited() -> Iterator[Limited]:
    server = Limited()
    yield server
    server.close()


def hammer(api: Mastodon, total: int) -> tuple[float, list[BaseException]]:
    errors: list[BaseException] = []
    per_thread = total // THREADS

    def work() -> None:
        for _ in range(per_thread):
            try:
                api._get("/api/v1/statuses/1", returns=dict)
            except MastodonError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started, errors


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["wait", "pace"])
def test_eight_threads_share_one_client_without_429s(limited: Limited, mode: str) -> None:
    api = Mastodon(access_token="t", api_base_url=limited.url, mastodon_version="4.6.0", ratelimit_method=mode, ratelimit_pacefactor=1.0)
    elapsed, errors = hammer(api, TOTAL)
    assert errors == []
    assert limited.stats()["served"] == TOTAL
    minimum = TOTAL / LIMIT * WINDOW  # the limit allows LIMIT requests per WINDOW
    assert elapsed <= minimum * 1.15, f"{mode}: {elapsed:.2f}s for a minimum of {minimum:.2f}s"


@pytest.mark.slow
def test_throw_mode_under_load_raises_only_ratelimit_errors(limited: Limited) -> None:
    api = Mastodon(access_token="t", api_base_url=limited.url, mastodon_version="4.6.0", ratelimit_method="throw")
    _, errors = hammer(api, 800)
    stats = limited.stats()
    assert len(errors) == stats["refused"]
    assert all(type(e) is MastodonRatelimitError for e in errors)
    assert stats["served"] + stats["refused"] == 800


@pytest.mark.slow
def test_server_without_headers_keeps_working() -> None:
    limited = Limited(send_headers=False)
    try:
        api = Mastodon(access_token="t", api_base_url=limited.url, mastodon_version="4.6.0", ratelimit_method="wait")
        _, errors = hammer(api, 400)
        assert errors == [] and limited.stats()["served"] == 400
    finally:
        limited.close()
