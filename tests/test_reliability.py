"""Fault injection: every failure ends in a correct result or a clear MastodonError.

Each fault is tried against a GET, a POST and a paginated call (fetch_next),
using the scripted server in tests/fault_server.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mastodon import (
    AttribAccessList,
    Mastodon,
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonError,
    MastodonGatewayTimeoutError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServiceUnavailableError,
)
from tests.data import entities as data
from tests.fault_server import Fault, FaultServer, Request

TIMEOUT = 1.0


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


def client(server: FaultServer, **kwargs: Any) -> Mastodon:
    kwargs.setdefault("request_timeout", TIMEOUT)
    kwargs.setdefault("ratelimit_method", "throw")
    api = Mastodon(access_token="fault-token", api_base_url=server.url, mastodon_version="4.6.0", **kwargs)
    api.retry_backoff_factor = 0.01  # keep the suite fast; the policy is the same
    return api


def do_get(api: Mastodon) -> Any:
    return api._get("/api/v1/statuses/1", returns=dict)


def do_post(api: Mastodon) -> Any:
    return api._post("/api/v1/statuses/1/favourite", returns=dict)


def do_page(api: Mastodon) -> Any:
    page = AttribAccessList([])
    from mastodon._results import pagination_info

    page._pagination_next = pagination_info(api.api_base_url + "/api/v1/timelines/home?max_id=5", "GET")
    return api.fetch_next(page)


CALLS: dict[str, Callable[[Mastodon], Any]] = {"get": do_get, "post": do_post, "page": do_page}
GOOD = {"get": data.status(id="1"), "post": data.status(id="1"), "page": [data.status(id="4")]}


def good(kind: str) -> Fault:
    return Fault("ok", body=GOOD[kind])


# (fault, whether a GET-like call recovers by retrying, the error class otherwise)
TRANSIENT = [
    ("reset_before", Fault("reset_before"), MastodonNetworkError),
    ("reset_mid_body", Fault("reset_mid_body", body=data.status()), MastodonNetworkError),
    ("502_html", Fault("html", status=502), MastodonBadGatewayError),
    ("503_html", Fault("html", status=503), MastodonServiceUnavailableError),
    ("504_html", Fault("html", status=504), MastodonGatewayTimeoutError),
    ("503_retry_after", Fault("html", status=503, headers={"Retry-After": "0"}), MastodonServiceUnavailableError),
]


@pytest.mark.parametrize("kind", ["get", "page"])
@pytest.mark.parametrize(("name", "fault", "error"), TRANSIENT, ids=[t[0] for t in TRANSIENT])
def test_idempotent_calls_recover_from_transient_faults(server, kind, name, fault, error) -> None:
    server.add(fault, good(kind))
    result = CALLS[kind](client(server))
    assert len(server.requests) == 2
    if kind == "get":
        assert result.id == 1 and result.created_at.tzinfo is not None
    else:
        assert [s.id for s in result] == [4]


@pytest.mark.parametrize("kind", ["get", "page"])
@pytest.mark.parametrize(("name", "fault", "error"), TRANSIENT, ids=[t[0] for t in TRANSIENT])
def test_persistent_faults_give_clear_errors(server, kind, name, fault, error) -> None:
    api = client(server, max_retries=2)
    server.add(fault, fault, fault)
    with pytest.raises(error) as info:
        CALLS[kind](api)
    assert len(server.requests) == 3
    assert "fault-token" not in str(info.value)


@pytest.mark.parametrize(("name", "fault", "error"), TRANSIENT, ids=[t[0] for t in TRANSIENT])
def test_plain_posts_are_not_retried_once_they_may_have_arrived(server, name, fault, error) -> None:
    server.add(fault, good("post"))
    with pytest.raises(error):
        do_post(client(server))
    assert len(server.requests) == 1


def test_retries_off(server) -> None:
    server.add(Fault("html", status=503), good("get"))
    with pytest.raises(MastodonServiceUnavailableError):
        do_get(client(server, max_retries=0))
    assert len(server.requests) == 1


def test_retry_after_is_honoured(server) -> None:
    server.add(Fault("html", status=503, headers={"Retry-After": "1"}), good("get"))
    started = time.monotonic()
    assert do_get(client(server)).id == 1
    assert time.monotonic() - started >= 0.95


def test_connection_refused_post_is_retried_because_it_never_arrived() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = Mastodon(access_token="t", api_base_url=f"http://127.0.0.1:{port}", mastodon_version="4.6.0", max_retries=2)
    api.retry_backoff_factor = 0.01
    with pytest.raises(MastodonNetworkError, match="failed"):
        do_post(api)


@pytest.mark.parametrize("kind", ["get", "post", "page"])
def test_stall_past_timeout_raises_in_time(server, kind) -> None:
    server.add(Fault("stall", seconds=5))
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError, match="timed out"):
        CALLS[kind](client(server))
    assert time.monotonic() - started < TIMEOUT * 3


@pytest.mark.parametrize("kind", ["get", "post", "page"])
@pytest.mark.parametrize("raw", [b'{"id": "1", "content": "trunc', b"not json at all", b'{"id": "\xff\xfe\xfd"}', b"[1, 2"])
def test_invalid_bodies_are_api_errors(server, kind, raw) -> None:
    server.add(Fault("raw", raw=raw))
    with pytest.raises(MastodonAPIError, match="not valid JSON"):
        CALLS[kind](client(server))


@pytest.mark.parametrize("kind", ["get", "post", "page"])
def test_huge_bodies_are_refused(server, kind) -> None:
    api = client(server, max_retries=0)
    api.max_response_bytes = 1 << 20
    server.add(Fault("huge", size=50 << 20))
    with pytest.raises(MastodonNetworkError, match="larger than"):
        CALLS[kind](api)


@pytest.mark.parametrize("kind", ["get", "post", "page"])
@pytest.mark.parametrize("status", [429])
def test_rate_limited_in_throw_mode(server, kind, status) -> None:
    server.add(
        Fault("ok", status=429, body={"error": "Too many requests"}, headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0"})
    )
    with pytest.raises(MastodonRatelimitError, match="429"):
        CALLS[kind](client(server))


def test_redirect_to_another_host_drops_the_token(server) -> None:
    with FaultServer() as other:
        target = other.url.replace("127.0.0.1", "localhost") + "/api/v1/statuses/1"
        other.add(good("get"))
        server.add(Fault("redirect", location=target))
        assert do_get(client(server)).id == 1
        assert server.requests[0].headers["Authorization"] == "Bearer fault-token"
        assert "Authorization" not in other.requests[0].headers


class StatusStore:
    """A tiny Mastodon: stores posted statuses, deduplicating by Idempotency-Key."""

    def __init__(self) -> None:
        self.statuses: dict[str, dict[str, Any]] = {}
        self.by_key: dict[str, str] = {}
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> tuple[int, dict[str, str], Any]:
        if request.method == "POST" and request.path == "/api/v1/statuses":
            with self.lock:
                key = request.headers.get("Idempotency-Key", "")
                if key and key in self.by_key:
                    return 200, {}, self.statuses[self.by_key[key]]
                new_id = str(len(self.statuses) + 1)
                self.statuses[new_id] = data.status(id=new_id, content=request.body.decode())
                if key:
                    self.by_key[key] = new_id
                return 200, {}, self.statuses[new_id]
        return 404, {}, {"error": "Record not found"}


def test_posting_through_dropped_connections_never_duplicates() -> None:
    store = StatusStore()
    with FaultServer(store) as server:
        api = client(server, max_retries=3)
        for n in range(100):
            server.add(Fault("process_then_drop"))  # processed, then the answer is lost
            status = api._post("/api/v1/statuses", {"status": f"toot {n}"}, returns=dict, headers={"Idempotency-Key": f"key-{n}"})
            assert status.id == n + 1
        assert len(store.statuses) == 100


def test_every_fault_raises_only_mastodon_errors(server) -> None:
    faults = [f for _, f, _ in TRANSIENT] + [Fault("stall", seconds=3), Fault("raw", raw=b"\x00\x01"), Fault("huge", size=80 << 20)]
    api = client(server, max_retries=0)
    api.max_response_bytes = 1 << 20
    for fault in faults:
        for call in CALLS.values():
            server.add(fault)
            with pytest.raises(MastodonError):
                call(api)


def test_status_post_reuses_its_idempotency_key_through_dropped_connections() -> None:
    store = StatusStore()
    with FaultServer(store) as server:
        api = client(server, max_retries=3)
        for n in range(20):
            server.add(Fault("process_then_drop"))
            api.status_post(f"toot {n}", visibility="unlisted")
        assert len(store.statuses) == 20
        posts = [r for r in server.requests if r.method == "POST"]
        assert len(posts) == 40  # every post went out twice, under one key
        keys = [r.headers["Idempotency-Key"] for r in posts]
        assert keys[0::2] == keys[1::2] and len(set(keys)) == 20
