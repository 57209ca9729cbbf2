"""The listener contract and the handles scripts rely on (issue 9, points 1 and 2).

Point 1: ``handle_stream`` reads any object with ``iter_content(chunk_size)``,
and a stream the server ends cleanly returns normally. Point 2: dispatch by
name, ``for_stream`` only for methods that declare it, the callback listener's
error handler, duck-typed listeners, the handle attributes of the classic
clients, the listener's own ``handle_stream`` in the background, and a
background stream that stops for good saying so. Everything network-facing
runs against :class:`tests.streaming_server.StreamingServer`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from mastodon import (
    CallbackStreamListener,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonUnauthorizedError,
    StreamListener,
)
from tests.helpers import wait_until
from tests.streaming_server import TOKEN, Recorder, StreamingServer, make_client
from tests.test_streaming import FAST, _later


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    with StreamingServer() as srv:
        yield srv


class OnlyIterContent:
    """Nothing but ``iter_content``: how scripts hand recorded or mock responses to a listener."""

    def __init__(self, source: Callable[[int], Any]) -> None:
        self._source = source
        self.chunk_sizes: list[int] = []

    def iter_content(self, chunk_size: int) -> Any:
        self.chunk_sizes.append(chunk_size)
        return self._source(chunk_size)


def _aborts(rec: Recorder) -> list[Any]:
    return [args[0] for args in rec.named("on_abort")]


# -- point 1: any iter_content object; a clean end returns ---------------------------------------


def test_handle_stream_reads_an_object_that_only_has_iter_content(server: StreamingServer) -> None:
    live = requests.get(server.url + "/api/v1/streaming/user", headers={"Authorization": f"Bearer {TOKEN}"}, stream=True, timeout=(5, 5))
    wrapper = OnlyIterContent(live.iter_content)
    rec = Recorder()

    def send() -> None:
        server.wait_for_clients(1)
        status = server.post_status()
        server.heartbeat()
        server.send_event("delete", status["id"])
        server.end_streams()

    _later(send)
    try:
        assert rec.handle_stream(wrapper) is None  # type: ignore[arg-type]
    finally:
        live.close()
    assert wrapper.chunk_sizes == [1]  # as the classic client asks
    assert len(rec.updates()) == 1 and rec.named("on_delete") == [(rec.updates()[0].id,)]
    assert rec.named("handle_heartbeat") == [()]
    assert _aborts(rec) == []


def test_recorded_responses_with_empty_chunks_text_and_errors() -> None:
    body = b'event: update\ndata: {"id": "7", "content": "\xc3\xa9"}\n\n:beat\nevent: delete\ndata: 7\n\n'
    pieces = [body[:5], b"", body[5:30], "", body[30:]]
    rec = Recorder()
    rec.handle_stream(OnlyIterContent(lambda size: iter(pieces)))
    assert [s.id for s in rec.updates()] == [7] and rec.updates()[0].content == "\u00e9"
    assert rec.named("on_delete") == [(7,)] and _aborts(rec) == []

    def broken(size: int) -> Iterator[bytes]:
        yield body[:40]
        raise requests.exceptions.ChunkedEncodingError("connection broken")

    failing = Recorder()
    with pytest.raises(MastodonNetworkError, match="ChunkedEncodingError") as info:
        failing.handle_stream(OnlyIterContent(broken))
    assert _aborts(failing) == [info.value] and failing.updates() == []

    with pytest.raises(MastodonIllegalArgumentError, match="iter_content"):
        Recorder().handle_stream(object())  # type: ignore[arg-type]


def test_blocking_stream_returns_when_the_server_ends_it(server: StreamingServer) -> None:
    api = make_client(server)
    rec = Recorder()

    def send() -> None:
        for _ in range(2):
            server.wait_for_clients(1)
            server.post_status()
            server.end_streams()

    _later(send)
    for _ in range(2):  # ``while True: api.stream_user(listener)``
        assert api.stream_user(rec) is None
    assert len(rec.updates()) == 2 and _aborts(rec) == []
    assert server.connections_total == 2


def test_a_truncated_chunked_stream_still_fails(server: StreamingServer) -> None:
    rec = Recorder()

    def send() -> None:
        server.wait_for_clients(1)
        server.drop(rst=False)  # the connection ends without the last chunk

    _later(send)
    with pytest.raises(MastodonNetworkError):
        make_client(server).stream_user(rec)
    assert len(_aborts(rec)) == 1


def test_blocking_websocket_stream_returns_on_a_close_frame(server: StreamingServer) -> None:
    pytest.importorskip("websocket")
    rec = Recorder()

    def send() -> None:
        wait_until(lambda: any(m.get("type") == "subscribe" for m in server.ws_messages), what="the subscription")
        server.wait_for_clients(1, kind="ws")
        server.post_status()
        server.end_streams()

    _later(send)
    assert make_client(server).stream_user(rec, transport="websocket") is None
    assert len(rec.updates()) == 1 and _aborts(rec) == []


def test_background_stream_reconnects_after_a_clean_end_without_on_abort(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True, reconnect_async=True, **FAST)
    try:
        server.wait_for_clients(1)
        server.end_streams()
        wait_until(lambda: server.connections_total == 2 and server.client_count() == 1, what="a reconnect")
        server.post_status()
        rec.wait_count("on_update", 1)
        assert _aborts(rec) == [] and handle.reconnects == 1 and handle.error is None
    finally:
        handle.close()


@pytest.mark.parametrize("clean", [True, False], ids=["ended", "dropped"])
def test_background_stream_without_reconnect_stops_and_says_so(
    server: StreamingServer, caplog: pytest.LogCaptureFixture, clean: bool
) -> None:
    rec = Recorder()
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        handle = make_client(server).stream_user(rec, run_async=True)
        server.wait_for_clients(1)
        if clean:
            server.end_streams()
        else:
            server.drop()
        handle.join(2)
    assert not handle.running
    if clean:
        assert handle.error is None and _aborts(rec) == []
    else:
        assert isinstance(handle.error, MastodonNetworkError) and _aborts(rec) == [handle.error]
    stopped = [r for r in caplog.records if "reconnect_async is off" in r.getMessage()]
    assert [r.levelno for r in stopped] == [logging.WARNING]


# -- point 2: dispatch ----------------------------------------------------------------------------


class ForkListener(StreamListener):
    """Methods for events this library does not know, as a fork's users write them."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def on_foo(self, payload: Any) -> None:
        self.calls.append(("on_foo", payload))

    def on_foo_bar(self, payload: Any, for_stream: str | None = None) -> None:
        self.calls.append(("on_foo_bar", payload, for_stream))

    def on_ping(self) -> None:
        self.calls.append(("on_ping",))

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        self.calls.append(("on_unknown_event", name, unknown_event))

    def on_abort(self, err: Exception) -> None:
        self.calls.append(("on_abort", err))


def test_events_reach_the_methods_named_after_them(server: StreamingServer) -> None:
    listener = ForkListener()

    def send() -> None:
        server.wait_for_clients(1)
        server.send_event("foo", {"x": 1})
        server.send_event("foo.bar", "plain text")
        server.send_event("ping")
        server.send_event("abort", {"y": 2})  # a role method is never reached by name
        server.send_event("any_event", "z")
        server.send_event("never.heard.of", "w")
        server.end_streams()

    _later(send)
    make_client(server).stream_user(listener)
    assert listener.calls == [
        ("on_foo", {"x": 1}),
        ("on_foo_bar", "plain text", None),
        ("on_ping",),
        ("on_unknown_event", "abort", {"y": 2}),
        ("on_unknown_event", "any_event", "z"),
        ("on_unknown_event", "never.heard.of", "w"),
    ]


class StreamAware:
    """Not a StreamListener; some methods declare ``for_stream``, some do not."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.cond = threading.Condition()

    def _keep(self, *call: Any) -> None:
        with self.cond:
            self.calls.append(call)
            self.cond.notify_all()

    def on_any_event(self, name: str, data: Any = None) -> None:
        self._keep("on_any_event", name)

    def on_update(self, status: Any, for_stream: str | None = None) -> None:
        self._keep("on_update", status.id, for_stream)

    def on_delete(self, status_id: Any) -> None:
        self._keep("on_delete", status_id)

    def on_unknown_event(self, name: str, unknown_event: Any = None, *, for_stream: str | None = None) -> None:
        self._keep("on_unknown_event", name, for_stream)

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 10
        with self.cond:
            while len(self.calls) < count:
                assert time.monotonic() < deadline, self.calls
                self.cond.wait(0.1)


def test_for_stream_goes_only_to_methods_that_declare_it(server: StreamingServer) -> None:
    pytest.importorskip("websocket")
    listener = StreamAware()
    handle = make_client(server).stream_open_websocket()
    try:
        handle.subscribe("hashtag", listener, tag="python")  # type: ignore[arg-type]
        wait_until(lambda: any(m.get("type") == "subscribe" for m in server.ws_messages), what="the subscription")
        status = server.post_status(streams=[("hashtag", "python")])
        server.send_event("delete", status["id"], streams=[("hashtag", "python")])
        server.send_event("brand.new", None, streams=[("hashtag", "python")])
        listener.wait_for(6)
    finally:
        handle.close()
    sid = int(status["id"])
    assert listener.calls == [
        ("on_any_event", "update"),
        ("on_update", sid, "hashtag"),
        ("on_any_event", "delete"),
        ("on_delete", sid),
        ("on_any_event", "brand.new"),
        ("on_unknown_event", "brand.new", "hashtag"),
    ]

    sse = StreamAware()

    def send() -> None:
        server.wait_for_clients(1, kind="sse")  # the WebSocket above may not have gone yet
        server.post_status()
        server.end_streams()

    _later(send)
    make_client(server).stream_user(sse)  # type: ignore[arg-type]
    assert [call[0] for call in sse.calls] == ["on_any_event", "on_update"] and sse.calls[1][2] is None


def test_callback_listener_error_handler_gets_what_2x_gives(server: StreamingServer) -> None:
    pytest.importorskip("websocket")
    errors: list[tuple[Any, ...]] = []
    listener = CallbackStreamListener(stream_error_handler=lambda *args: errors.append(args))
    handle = make_client(server).stream_open_websocket(listener)
    try:
        handle.subscribe("no-such-stream")
        wait_until(lambda: len(errors) == 1, what="the server's error")
    finally:
        handle.close()
    assert errors == [("Unknown stream type", None)]

    errors.clear()
    listener.on_websocket_error("Unknown stream type", "user")
    assert errors == [("Unknown stream type", "user")]

    errors.clear()
    _later(lambda: (server.wait_for_clients(1, kind="sse"), server.drop()))
    with pytest.raises(MastodonNetworkError) as info:
        make_client(server).stream_user(listener)
    assert errors == [(info.value, None)]  # connection failures too, for the stream they concern: none named


class Bare:
    """A listener by duck typing: two methods, no base class."""

    def __init__(self) -> None:
        self.updates: list[Any] = []
        self.aborts: list[Exception] = []

    def on_update(self, status: Any) -> None:
        self.updates.append(status.id)

    def on_abort(self, err: Exception) -> None:
        self.aborts.append(err)


def test_any_object_with_listener_methods_is_a_listener(server: StreamingServer) -> None:
    api = make_client(server)
    bare = Bare()

    def send() -> None:
        server.wait_for_clients(1)
        server.heartbeat()
        server.post_status()
        server.send_event("filters_changed")
        server.send_event("something.else", {"a": 1})
        server.end_streams()

    _later(send)
    assert api.stream_user(bare) is None  # type: ignore[arg-type]
    assert len(bare.updates) == 1 and bare.aborts == []

    background = Bare()
    handle = api.stream_public(background, run_async=True)  # type: ignore[arg-type]
    try:
        server.wait_for_clients(1)
        status = server.post_status()
        wait_until(lambda: background.updates == [int(status["id"])], what="the update")
        server.drop()
        wait_until(lambda: len(background.aborts) == 1, what="on_abort")
    finally:
        handle.close()
    with pytest.raises(MastodonIllegalArgumentError, match="not a listener"):
        api.stream_user({"on_update": print})  # type: ignore[arg-type]


# -- point 2: handles ------------------------------------------------------------------------------


def test_sse_handle_has_the_attributes_scripts_read(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server, max_retries=0).stream_user(rec, run_async=True, reconnect_async=True, **FAST)
    try:
        wait_until(handle.is_receiving, what="receiving")
        assert handle.running and not handle.closed and not handle.reconnecting
        assert isinstance(handle.connection, requests.Response)
        server.streams_down = True  # every reconnect answers 503 for now
        server.drop()
        wait_until(lambda: handle.reconnecting and handle.connection is None, what="reconnecting")
        assert handle.running and not handle.is_receiving()
        server.streams_down = False
        wait_until(lambda: handle.is_receiving() and not handle.reconnecting, what="the reconnect")
    finally:
        handle.close()
    assert handle.closed
    handle.join(2)
    assert not handle.running and handle.error is None


def test_websocket_handle_has_the_attributes_scripts_read(server: StreamingServer) -> None:
    pytest.importorskip("websocket")
    handle = make_client(server).stream_open_websocket(Recorder())
    try:
        assert handle.running and not handle.closed and not handle.reconnecting
        assert handle.connection is not None and handle.connection.connected
    finally:
        handle.close()
    handle.join(2)
    assert handle.closed and not handle.running and handle.connection is None


class ReadsItself(Recorder):
    """Overrides handle_stream, as scripts do to wrap the reading."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[Any] = []

    def handle_stream(self, response: Any) -> None:
        self.reads.append(response)
        super().handle_stream(response)


def test_background_mode_calls_the_listeners_own_handle_stream(server: StreamingServer) -> None:
    listener = ReadsItself()
    api = make_client(server)
    handle = api.stream_user(listener, run_async=True, reconnect_async=True, **FAST)
    try:
        for count in (1, 2):
            server.wait_for_clients(1)
            server.post_status()
            listener.wait_count("on_update", count)
            server.end_streams()
        wait_until(lambda: len(listener.reads) == 3, what="the third connection")
    finally:
        handle.close()
    assert all(isinstance(response, requests.Response) for response in listener.reads)
    assert _aborts(listener) == []

    requests_before = len(server.requests)
    with pytest.raises(MastodonIllegalArgumentError, match="catch_up"):
        api.stream_user(ReadsItself(), run_async=True, reconnect_async=True, catch_up=True)
    assert len(server.requests) == requests_before


def test_failures_in_the_listeners_own_reader_reach_on_abort_once(server: StreamingServer) -> None:
    listener = ReadsItself()
    handle = make_client(server).stream_user(listener, run_async=True, reconnect_async=True, **FAST)
    try:
        server.wait_for_clients(1)
        server.send_raw(b"event: update\ndata: [not a status]\n\n")
        listener.wait_count("on_abort", 1)
        wait_until(lambda: len(listener.reads) == 2, what="the reconnect")
    finally:
        handle.close()
    assert [type(err) for err in _aborts(listener)] == [MastodonMalformedEventError]


def test_a_revoked_token_stops_the_background_stream_loudly(server: StreamingServer, caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder()
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        handle = make_client(server).stream_user(rec, run_async=True, reconnect_async=True, **FAST)
        server.wait_for_clients(1)
        server.revoke_token()
        server.drop()
        handle.join(5)
    assert not handle.running and not handle.closed
    assert isinstance(handle.error, MastodonUnauthorizedError)
    assert _aborts(rec)[-1] is handle.error
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name == "mastodon"]
    assert len(warnings) == 1 and "stopped for good" in warnings[0].getMessage()
    assert TOKEN not in caplog.text


def test_a_revoked_token_stops_the_websocket_loudly(server: StreamingServer, caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("websocket")
    rec = Recorder()
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        handle = make_client(server).stream_open_websocket(rec, reconnect_async=True, **FAST)
        handle.subscribe("user")
        server.wait_for_clients(1, kind="ws")
        server.revoke_token()
        server.drop()
        handle.join(5)
    assert not handle.running and isinstance(handle.error, MastodonUnauthorizedError)
    assert _aborts(rec)[-1] is handle.error
    assert any(r.levelno == logging.WARNING and "stopped for good" in r.getMessage() for r in caplog.records)


def test_a_method_replaced_while_streaming_is_called_as_it_declares(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True)
    try:
        server.wait_for_clients(1)
        server.post_status()
        rec.wait_count("on_update", 1)
        got: list[tuple[Any, ...]] = []
        rec.on_update = lambda status, for_stream: got.append((status.id, for_stream))  # type: ignore[method-assign]
        status = server.post_status()
        wait_until(lambda: got == [(int(status["id"]), None)], what="the new method's call")
    finally:
        handle.close()


def test_close_returns_at_once_on_a_close_delimited_stream() -> None:
    """A server answering ``Connection: close`` hands the socket to the response;
    closing must still wake the reading thread, not wait for it."""
    with StreamingServer(chunked=False) as server:
        handle = make_client(server).stream_user(Recorder(), run_async=True)
        server.wait_for_clients(1)
        wait_until(handle.is_receiving, what="receiving")
        started = time.monotonic()
        handle.close()
        assert time.monotonic() - started < 1.0 and not handle.running
