"""Streaming over WebSocket against the local server: subscriptions, routing, errors,
reconnects with catch-up, and choosing the transport."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from mastodon import MastodonMalformedEventError, MastodonNetworkError, MastodonReadTimeout
from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription
from tests.data import entities
from tests.helpers import wait_until
from tests.streaming_server import Recorder, StreamingServer, make_client
from tests.test_streaming import FAST, _ExactlyOnce, _later, drop_once, drop_while_posting

pytest.importorskip("websocket")


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    with StreamingServer() as srv:
        yield srv


def _subscribed(server: StreamingServer, count: int) -> None:
    wait_until(lambda: sum(1 for m in server.ws_messages if m.get("type") == "subscribe") >= count, what=f"{count} subscriptions")
    server.wait_for_clients(1, kind="ws")


def test_several_streams_over_one_socket(server: StreamingServer) -> None:
    api = make_client(server)
    default, user, tag = Recorder(), Recorder(), Recorder()
    handle = api.stream_open_websocket(default)
    try:
        assert isinstance(handle, WebSocketStreamHandle)
        sub_user = api.stream_user(user, websocket_handle=handle)
        sub_tag = api.stream_hashtag("Python", tag, websocket_handle=handle)
        sub_local = handle.subscribe("public:local")
        assert isinstance(sub_user, WebSocketSubscription) and isinstance(sub_local, WebSocketSubscription)
        assert handle.subscriptions() == [sub_user, sub_tag, sub_local]
        _subscribed(server, 3)
        assert {"type": "subscribe", "stream": "hashtag", "tag": "Python"} in server.ws_messages
        status = server.post_status(streams=[("user",), ("hashtag", "python"), ("public:local",)])
        server.send_event("delete", "77", streams=[("user",)])
        server.send_event("filters_changed", None, streams=[("user",)])
        for rec in (user, tag, default):
            rec.wait_count("on_update", 1)
        user.wait_count("on_filters_changed", 1)
        assert user.updates()[0].id == int(status["id"]) and user.named("on_delete") == [(77,)]
        assert ("on_any_event", ("update", "hashtag")) in tag.calls
        assert len(server.clients) == 1  # one socket for all three
        assert sub_user.is_alive() and sub_user.is_receiving()
        sub_tag.close()
        assert not sub_tag.is_alive()
        handle.unsubscribe("user")
        wait_until(lambda: sum(1 for m in server.ws_messages if m.get("type") == "unsubscribe") == 2)
        assert {"type": "unsubscribe", "stream": "hashtag", "tag": "Python"} in server.ws_messages
        assert handle.subscriptions() == [sub_local]
    finally:
        started = time.monotonic()
        handle.close()
        assert time.monotonic() - started < 1.0
    assert not handle.is_alive() and not handle.is_receiving()


def test_every_event_type_over_websocket(server: StreamingServer) -> None:
    from tests.test_streaming import ALL_EVENTS

    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True, transport="websocket")
    try:
        assert isinstance(handle, WebSocketStreamHandle)
        _subscribed(server, 1)
        server.heartbeat()
        for name, payload, _ in ALL_EVENTS:
            server.send_event(name, None if name == "filters_changed" else payload)
        rec.wait_count("on_unknown_event", 1)
        methods = [name for name, _ in rec.calls if name not in ("on_any_event", "handle_heartbeat")]
        assert methods == [m for _, _, m in ALL_EVENTS]
        assert rec.named("handle_heartbeat") == [()]
        assert rec.named("on_unknown_event") == [("brand.new.event", {"x": 1})]
    finally:
        handle.close()


def test_server_errors_go_to_on_websocket_error(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_open_websocket(rec)
    try:
        handle.subscribe("no-such-stream")
        rec.wait_count("on_websocket_error", 1)
        assert rec.named("on_websocket_error") == [("Unknown stream type", None)]
        assert handle.is_alive()
    finally:
        handle.close()


def test_malformed_message_aborts_and_reconnects(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_open_websocket(rec, reconnect_async=True, **FAST)
    try:
        handle.subscribe("user")
        _subscribed(server, 1)
        server.send_ws_raw("this is not json")
        rec.wait_count("on_abort", 1)
        assert isinstance(rec.named("on_abort")[0][0], MastodonMalformedEventError)
        _subscribed(server, 2)  # subscribed again after reconnecting
        server.post_status()
        rec.wait_count("on_update", 1)
        assert handle.reconnects >= 1
    finally:
        handle.close()


def test_silence_and_drops_without_reconnect(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_open_websocket(rec, timeout=0.3)
    handle.subscribe("user")
    rec.wait_count("on_abort", 1, timeout=5)
    assert isinstance(rec.named("on_abort")[0][0], MastodonReadTimeout)
    handle.join(2)
    assert not handle.is_alive()


def test_blocking_websocket_stream_raises_when_dropped(server: StreamingServer) -> None:
    rec = Recorder()

    def send() -> None:
        _subscribed(server, 1)
        server.post_status()
        drop_once(server, lambda: len(rec.updates()) == 1, rst=True)

    _later(send)
    with pytest.raises(MastodonNetworkError):
        make_client(server).stream_user(rec, transport="websocket")
    assert len(rec.updates()) == 1 and len(rec.named("on_abort")) == 1


def test_auto_transport_picks_websocket_when_sse_is_missing() -> None:
    with StreamingServer(sse=False) as server:
        api = make_client(server)
        assert api.stream_healthy() is True  # no health endpoint: the WebSocket handshake answers
        rec = Recorder()
        handle = api.stream_user(rec, run_async=True, transport="auto")
        try:
            assert isinstance(handle, WebSocketStreamHandle)
            _subscribed(server, 1)
            server.post_status()
            rec.wait_count("on_update", 1)
        finally:
            handle.close()


def test_auto_transport_prefers_sse(server: StreamingServer) -> None:
    handle = make_client(server).stream_user(Recorder(), run_async=True, transport="auto")
    try:
        assert not isinstance(handle, WebSocketStreamHandle)
        server.wait_for_clients(1, kind="sse")
    finally:
        assert handle is not None
        handle.close()


def test_websocket_reconnect_with_catch_up_delivers_each_status_once(server: StreamingServer) -> None:
    listener = _ExactlyOnce()
    api = make_client(server)
    handle = api.stream_open_websocket(None, reconnect_async=True, catch_up=True, **FAST)
    try:
        api.stream_user(listener, websocket_handle=handle, catch_up=True)
        posted = drop_while_posting(server, listener, drops=15, per_drop=20)
    finally:
        handle.close()
    assert sorted(listener.ids) == sorted(posted) and len(listener.ids) == 300
    assert listener.ids == sorted(listener.ids)
    assert handle.reconnects >= 15


def test_websocket_url_and_auth(server: StreamingServer) -> None:
    handle = make_client(server).stream_open_websocket(Recorder())
    try:
        assert handle.url == server.ws_url + "/api/v1/streaming"
    finally:
        handle.close()
    assert ("GET", "/api/v1/streaming", []) in server.requests
    with pytest.raises(Exception) as info:
        make_client(server, access_token="wrong").stream_open_websocket(Recorder())
    assert getattr(info.value, "status_code", None) == 401


def test_websocket_message_parsing() -> None:
    rec = Recorder()
    rec.handle_websocket_message(json.dumps({"stream": ["public"], "event": "update", "payload": json.dumps(entities.status(id="5"))}))
    rec.handle_websocket_message(json.dumps({"stream": ["user"], "event": "filters_changed"}))
    rec.handle_websocket_message(json.dumps({"error": "Unknown stream type", "status": 400}))
    assert rec.updates()[0].id == 5
    assert rec.named("on_filters_changed") == [()]
    assert rec.named("on_websocket_error") == [("Unknown stream type", None)]
    for bad in ("nope", "[1]", '{"stream": ["user"]}', '{"event": 5}'):
        with pytest.raises(MastodonMalformedEventError):
            rec.handle_websocket_message(bad)


def test_missing_websocket_client_is_a_clear_error(server: StreamingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from mastodon import MastodonMissingDependencyError

    monkeypatch.setitem(sys.modules, "websocket", None)
    with pytest.raises(MastodonMissingDependencyError, match="websocket-client"):
        make_client(server).stream_open_websocket(Recorder())
