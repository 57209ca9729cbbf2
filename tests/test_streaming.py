"""Streaming over server-sent events: the parser, listeners, handles, reconnects, catch-up.

Everything network-facing runs against :class:`tests.streaming_server.StreamingServer`,
a real local server that can send every event type, split writes anywhere, send
garbage, stay silent and drop connections.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mastodon import (
    CallbackStreamListener,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
    MastodonUnauthorizedError,
    StreamListener,
)
from mastodon.streaming import Backoff, CatchUp, CatchUpSource, SSEStreamHandle, decode_event, read_sse
from tests.data import entities
from tests.helpers import wait_until
from tests.streaming_server import Recorder, StreamingServer, make_client

FAST = {"reconnect_async_wait_sec": 0.01, "reconnect_async_max_wait_sec": 0.05}


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    with StreamingServer() as srv:
        yield srv


def _later(action: Any, *args: Any) -> threading.Thread:
    thread = threading.Thread(target=action, args=args, daemon=True)
    thread.start()
    return thread


def drop_once(server: StreamingServer, delivered: Callable[[], bool], rst: bool = False) -> None:
    """Cut the streams once the client has ``delivered()`` what was sent (cut earlier,
    it could lose it), or after 10 s all the same, so that a test fails instead of hanging."""
    try:
        wait_until(delivered, what="the client to receive what was sent")
    finally:
        server.drop(rst=rst)


# -- the SSE parser -----------------------------------------------------------------------


def _parse(chunks: list[bytes]) -> tuple[list[tuple[bytes, bytes | None]], int]:
    events: list[tuple[bytes, bytes | None]] = []
    beats = [0]
    pending = iter([*chunks, b""])

    def beat() -> None:
        beats[0] += 1

    read_sse(lambda: next(pending, b""), lambda name, data: events.append((name, data)), beat)
    return events, beats[0]


STREAM = (
    ":thump\r\n"
    'event: update\r\ndata: {"id": "1", "content": "h\u00e9llo \U0001f418"}\r\n\r\n'
    "event: delete\ndata: 2\n\n"
    ": another heartbeat\n"
    'event: notification\ndata: {"id": "3",\ndata:  "type": "mention"}\n\n'
    "event: filters_changed\n\n"
    'garbage line without colon\nretry: 1000\nid: 77\nevent: status.update\rdata:{"id": "4"}\r\r'
).encode()

EXPECTED = [
    (b"update", '{"id": "1", "content": "h\u00e9llo \U0001f418"}'.encode()),
    (b"delete", b"2"),
    (b"notification", b'{"id": "3",\n "type": "mention"}'),
    (b"filters_changed", None),
    (b"status.update", b'{"id": "4"}'),
]


def test_sse_parser_reads_the_format() -> None:
    events, beats = _parse([STREAM])
    assert events == EXPECTED
    assert beats == 2


def test_sse_parser_survives_a_split_at_every_offset() -> None:
    # Includes splits inside the UTF-8 of the elephant and between \r and \n.
    for cut in range(1, len(STREAM)):
        events, beats = _parse([STREAM[:cut], STREAM[cut:]])
        assert events == EXPECTED, cut
        assert beats == 2


def test_sse_parser_byte_by_byte_and_random_chunks() -> None:
    assert _parse([bytes([b]) for b in STREAM]) == (EXPECTED, 2)
    rng = random.Random(4)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(STREAM)), rng.randint(1, 12)))
        pieces = [STREAM[a:b] for a, b in zip([0, *cuts], [*cuts, len(STREAM)], strict=True)]
        assert _parse(pieces) == (EXPECTED, 2)


def test_sse_parser_bom_default_name_and_unfinished_event() -> None:
    events, _ = _parse([b'\xef\xbb\xbfdata: x\n\nevent: update\ndata: {"id": 1}'])
    assert events == [(b"message", b"x")]  # the last event never ended: not dispatched


def test_sse_parser_refuses_endless_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mastodon.streaming._sse.MAX_LINE_BYTES", 1000)
    with pytest.raises(MastodonMalformedEventError):
        _parse([b"data: " + b"x" * 600, b"x" * 600])


# -- payload decoding -----------------------------------------------------------------------


def test_decode_event_payloads() -> None:
    status = decode_event("update", json.dumps(entities.status(id="109")).encode())
    assert status.id == 109 and status.created_at.tzinfo is not None
    assert decode_event("delete", b"107214471804101576") == 107214471804101576
    assert decode_event("delete", b"9xYz") == "9xYz"
    assert decode_event("announcement.delete", b'"12"') == 12
    assert decode_event("filters_changed", b"undefined") is None
    assert decode_event("notifications_merged", None) is None
    reaction = decode_event("announcement.reaction", '{"name":"\U0001f914","count":1,"announcement_id":"1"}'.encode())
    assert reaction.announcement_id == 1 and reaction.count == 1
    assert decode_event("some.future.event", b'{"a": 1}') == {"a": 1}
    assert decode_event("some.future.event", b"not json") == "not json"
    for name, data in (
        ("update", b"{broken"),
        ("update", b"[1, 2]"),
        ("update", None),
        ("notification", b"\xff\xfe"),
        ("delete", None),
        ("delete", b"1 2"),
    ):
        with pytest.raises(MastodonMalformedEventError):
            decode_event(name, data)


# -- every event type reaches its handler (blocking mode, real server) ---------------------------

ALL_EVENTS: list[tuple[str, Any, str]] = [
    ("update", entities.status(id="11"), "on_update"),
    ("delete", "12", "on_delete"),
    ("notification", entities.notification(id="13"), "on_notification"),
    ("filters_changed", "undefined", "on_filters_changed"),
    ("conversation", {"id": "14", "unread": True, "accounts": [], "last_status": None}, "on_conversation"),
    (
        "announcement",
        {"id": "15", "content": "<p>test</p>", "published_at": "2022-11-15T15:55:22.452Z", "reactions": []},
        "on_announcement",
    ),
    ("announcement.reaction", {"name": "\U0001f914", "count": 1, "announcement_id": "15"}, "on_announcement_reaction"),
    ("announcement.delete", "15", "on_announcement_delete"),
    ("status.update", entities.status(id="11", edited_at="2022-11-15T16:07:29.023Z"), "on_status_update"),
    ("encrypted_message", {"id": "16"}, "on_encrypted_message"),
    ("notifications_merged", None, "on_notifications_merged"),
    ("brand.new.event", {"x": 1}, "on_unknown_event"),
]


def _send_all_then_drop(server: StreamingServer, delivered: Callable[[], bool]) -> None:
    server.wait_for_clients(1)
    server.heartbeat()
    for name, payload, _ in ALL_EVENTS:
        server.send_event(name, payload)
    server.send_event("update", entities.status(id="99"))  # after the unknown event: the stream went on
    drop_once(server, delivered)


def test_every_event_type_reaches_its_handler(server: StreamingServer) -> None:
    api = make_client(server)
    rec = Recorder()
    _later(_send_all_then_drop, server, lambda: [s.id for s in rec.updates()][-1:] == [99])
    with pytest.raises(MastodonNetworkError):
        api.stream_user(rec)
    methods = [name for name, _ in rec.calls if name not in ("on_any_event", "handle_heartbeat")]
    assert methods == [m for _, _, m in ALL_EVENTS] + ["on_update", "on_abort"]
    assert rec.named("handle_heartbeat") == [()]
    assert rec.named("on_update")[0][0].id == 11
    assert rec.named("on_delete") == [(12,)]
    assert rec.named("on_announcement_delete") == [(15,)]
    assert rec.named("on_notification")[0][0].status.id == 103186126728896492
    assert rec.named("on_unknown_event") == [("brand.new.event", {"x": 1})]
    assert rec.updates()[-1].id == 99
    assert [args[0] for args in rec.named("on_any_event")] == [name for name, _, _ in ALL_EVENTS] + ["update"]
    assert isinstance(rec.named("on_abort")[0][0], MastodonNetworkError)


def test_callback_listener_calls_every_handler(server: StreamingServer) -> None:
    got: list[tuple[str, Any]] = []

    def keep(name: str) -> Any:
        return lambda *args: got.append((name, args))

    listener = CallbackStreamListener(
        update_handler=keep("update"),
        local_update_handler=keep("local"),
        delete_handler=keep("delete"),
        notification_handler=keep("notification"),
        conversation_handler=keep("conversation"),
        unknown_event_handler=keep("unknown"),
        status_update_handler=keep("status.update"),
        filters_changed_handler=keep("filters_changed"),
        announcement_handler=keep("announcement"),
        announcement_reaction_handler=keep("announcement.reaction"),
        announcement_delete_handler=keep("announcement.delete"),
        encryted_message_handler=keep("encrypted_message"),
        notifications_merged_handler=keep("notifications_merged"),
        stream_error_handler=keep("error"),
    )
    _later(_send_all_then_drop, server, lambda: any(name == "update" and args[0].id == 99 for name, args in got))
    with pytest.raises(MastodonNetworkError):
        make_client(server).stream_user(listener)
    names = [name for name, _ in got]
    # entities.status is by the local account "Gargron": local_update_handler fires too.
    assert names == [
        "update",
        "local",
        "delete",
        "notification",
        "filters_changed",
        "conversation",
        "announcement",
        "announcement.reaction",
        "announcement.delete",
        "status.update",
        "encrypted_message",
        "notifications_merged",
        "unknown",
        "update",
        "local",
        "error",
    ]
    assert got[2] == ("delete", (12,))
    assert got[4] == ("filters_changed", ())
    assert got[12] == ("unknown", ("brand.new.event", {"x": 1}))


def test_remote_status_skips_local_update_handler(server: StreamingServer) -> None:
    local: list[Any] = []
    every: list[Any] = []
    listener = CallbackStreamListener(update_handler=every.append, local_update_handler=local.append)

    def send() -> None:
        server.wait_for_clients(1)
        remote = entities.account(acct="someone@else.example")
        server.send_event("update", entities.status(id="5", account=remote), streams=[("public",)])
        server.send_event("update", entities.status(id="6"), streams=[("public",)])
        drop_once(server, lambda: len(every) == 2)

    _later(send)
    with pytest.raises(MastodonNetworkError):
        make_client(server).stream_public(listener)
    assert [s.id for s in every] == [5, 6] and [s.id for s in local] == [6]


# -- splitting, garbage, silence -------------------------------------------------------------


def test_events_split_across_network_chunks(server: StreamingServer) -> None:
    api = make_client(server)
    rec = Recorder()
    status = entities.status(id="21", content="<p>\u00e9l\u00e9phant \U0001f418 \u6f22\u5b57</p>")
    body = ("event: update\r\ndata: " + json.dumps(status, ensure_ascii=False) + "\r\n\r\n:thump\r\n").encode()
    elephant = body.index("\U0001f418".encode())
    splits = [1, 7, 14, 15, elephant + 1, elephant + 2, elephant + 3, len(body) - 9, len(body) - 8]

    def send() -> None:
        server.wait_for_clients(1)
        server.send_raw(body, splits)
        server.send_raw(body.replace(b'"21"', b'"22"'), range(1, len(body), 97))
        drop_once(server, lambda: len(rec.named("handle_heartbeat")) == 2)

    _later(send)
    with pytest.raises(MastodonNetworkError):
        api.stream_user(rec)
    assert [s.id for s in rec.updates()] == [21, 22]
    assert rec.updates()[0].content == status["content"]
    assert len(rec.named("handle_heartbeat")) == 2


def test_close_delimited_streams_work_too() -> None:
    with StreamingServer(chunked=False) as server:
        rec = Recorder()

        def send() -> None:
            server.wait_for_clients(1)
            server.post_status()
            drop_once(server, lambda: len(rec.updates()) == 1)

        _later(send)
        assert make_client(server).stream_user(rec) is None  # the end of such a stream is its clean end
        assert len(rec.updates()) == 1 and rec.named("on_abort") == []


def test_malformed_event_raises_in_blocking_mode(server: StreamingServer) -> None:
    rec = Recorder()

    def send() -> None:
        server.wait_for_clients(1)
        server.send_raw(b"event: update\ndata: {this is not json\n\n")

    _later(send)
    with pytest.raises(MastodonMalformedEventError):
        make_client(server).stream_user(rec)
    assert isinstance(rec.named("on_abort")[0][0], MastodonMalformedEventError)


def test_garbage_lines_are_ignored(server: StreamingServer) -> None:
    rec = Recorder()

    def send() -> None:
        server.wait_for_clients(1)
        server.send_raw(b"\x00\x01 garbage\nmore garbage\r\n\x7f:\xff\n\n")
        server.post_status()
        drop_once(server, lambda: len(rec.updates()) == 1)

    _later(send)
    with pytest.raises(MastodonNetworkError):
        make_client(server).stream_user(rec)
    assert len(rec.updates()) == 1


def test_silence_raises_read_timeout_in_blocking_mode(server: StreamingServer) -> None:
    rec = Recorder()
    started = time.monotonic()
    with pytest.raises(MastodonReadTimeout):
        make_client(server).stream_user(rec, timeout=0.3)
    assert time.monotonic() - started < 5
    assert isinstance(rec.named("on_abort")[0][0], MastodonReadTimeout)


def test_silence_triggers_reconnect_in_async_mode(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True, timeout=0.3, reconnect_async=True, **FAST)
    try:
        rec.wait_count("on_abort", 2)
        assert all(isinstance(args[0], MastodonReadTimeout) for args in rec.named("on_abort"))
        wait_until(lambda: server.connections_total >= 2, what="a reconnect")

        def delivered() -> bool:  # each connection lives 0.3 s: post until one lands
            server.wait_for_clients(1)
            server.post_status()
            time.sleep(0.05)
            return bool(rec.updates())

        wait_until(delivered, what="an update after reconnecting")
    finally:
        handle.close()


# -- handles ------------------------------------------------------------------------------


def test_async_handle_lifecycle(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    assert handle._thread is not None and handle._thread.daemon
    wait_until(handle.is_receiving, what="receiving")
    assert handle.is_alive()
    server.post_status()
    rec.wait_count("on_update", 1)
    started = time.monotonic()
    handle.close()
    assert time.monotonic() - started < 1.0
    assert not handle.is_alive() and not handle.is_receiving()
    assert rec.named("on_abort") == []  # closing is not a failure


def test_async_without_reconnect_ends_after_a_drop(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True, daemon=False)
    assert handle._thread is not None and not handle._thread.daemon
    server.wait_for_clients(1)
    server.drop()
    rec.wait_count("on_abort", 1)
    handle.join(2)
    assert not handle.is_alive() and not handle.is_receiving()
    assert server.connections_total == 1


def test_close_interrupts_the_backoff_wait(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(
        rec, run_async=True, reconnect_async=True, reconnect_async_wait_sec=30, reconnect_async_max_wait_sec=30
    )
    server.wait_for_clients(1)
    handle.backoff._rng = random.Random(1)  # a wait of several seconds follows
    handle.backoff.initial = handle.backoff.cap = 30
    server.drop()
    rec.wait_count("on_abort", 1)
    wait_until(lambda: not handle.is_receiving(), what="the disconnect")
    assert handle.is_alive()
    started = time.monotonic()
    handle.close()
    assert time.monotonic() - started < 1.0 and not handle.is_alive()


def test_malformed_event_in_async_mode_aborts_and_reconnects(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server).stream_user(rec, run_async=True, reconnect_async=True, **FAST)
    try:
        server.wait_for_clients(1)
        wait_until(handle.is_receiving)
        server.send_raw(b"event: notification\ndata: [1, 2, 3]\n\n")
        rec.wait_count("on_abort", 1)
        assert isinstance(rec.named("on_abort")[0][0], MastodonMalformedEventError)
        wait_until(lambda: server.connections_total >= 2 and server.client_count() == 1, what="a reconnect")
        server.post_status()
        rec.wait_count("on_update", 1)
        assert handle.is_alive()
    finally:
        handle.close()


def test_listener_exceptions_do_not_kill_the_thread(server: StreamingServer, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[int] = []

    class Clumsy(StreamListener):
        def on_update(self, status: Any) -> None:
            seen.append(status.id)
            raise RuntimeError("listener bug")

    handle = make_client(server).stream_user(Clumsy(), run_async=True)
    try:
        server.wait_for_clients(1)
        with caplog.at_level(logging.ERROR, logger="mastodon"):
            server.post_status()
            server.post_status()
            wait_until(lambda: len(seen) == 2, what="two updates")
        assert handle.is_alive()
        assert "listener bug" in caplog.text
    finally:
        handle.close()


def test_client_errors_stop_the_reconnect_loop(server: StreamingServer) -> None:
    rec = Recorder()
    handle = make_client(server, access_token="wrong").stream_user(rec, run_async=True, reconnect_async=True, **FAST)
    rec.wait_count("on_abort", 1)
    handle.join(2)
    assert not handle.is_alive()
    assert isinstance(rec.named("on_abort")[0][0], MastodonUnauthorizedError)
    with pytest.raises(MastodonUnauthorizedError):
        make_client(server, access_token="wrong").stream_user(rec, run_async=True)


def test_backoff_doubles_with_full_jitter_and_a_cap() -> None:
    backoff = Backoff(0.5, cap=3.0, rng=random.Random(7))
    bounds = [0.5, 1.0, 2.0, 3.0, 3.0]
    for bound in bounds:
        delays = []
        for _ in range(200):
            backoff.failures = bounds.index(bound)
            delays.append(backoff.next_delay())
        assert 0 <= min(delays) and max(delays) <= bound
        assert max(delays) > bound * 0.8 and min(delays) < bound * 0.2  # spread over the whole range
    backoff.reset()
    assert backoff.failures == 0 and backoff.next_delay() <= 0.5


def test_reconnect_waits_grow_while_the_server_is_down() -> None:
    server = StreamingServer()
    rec = Recorder()
    api = make_client(server, max_retries=0)  # the stream's own backoff, not the core's retries
    handle = api.stream_user(rec, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01, reconnect_async_max_wait_sec=0.2)
    try:
        server.wait_for_clients(1)
        server.close()
        rec.wait_count("on_abort", 4)
        wait_until(lambda: not handle.is_receiving(), what="the disconnect")
        assert handle.backoff.failures >= 3 and handle.is_alive()
    finally:
        handle.close()


# -- where and how it connects ------------------------------------------------------------------


def test_streaming_url_comes_from_the_instance() -> None:
    with StreamingServer() as streaming, StreamingServer(streaming_url="") as rest:
        rest.streaming_url = streaming.ws_url
        rec = Recorder()
        handle = make_client(rest).stream_user(rec, run_async=True)
        try:
            streaming.wait_for_clients(1)
            assert rest.client_count() == 0
            streaming.post_status()
            rec.wait_count("on_update", 1)
        finally:
            handle.close()


@pytest.mark.parametrize("instance_version", [1, 2])
def test_streaming_url_falls_back_to_the_api(instance_version: int) -> None:
    with StreamingServer(streaming_url="", instance_version=instance_version) as server:
        handle = make_client(server).stream_user(Recorder(), run_async=True)
        server.wait_for_clients(1)
        handle.close()
        assert ("GET", "/api/v1/instance", []) in server.requests or instance_version == 2


def test_v1_instance_streaming_api_is_used() -> None:
    with StreamingServer() as streaming, StreamingServer(instance_version=1) as rest:
        rest.streaming_url = streaming.ws_url.replace("ws://", "http://")
        handle = make_client(rest).stream_user(Recorder(), run_async=True)
        streaming.wait_for_clients(1)
        handle.close()


@pytest.mark.parametrize(
    ("call", "path", "query"),
    [
        (lambda api, rec: api.stream_user(rec, run_async=True), "/api/v1/streaming/user", []),
        (lambda api, rec: api.stream_user_notifications(rec, run_async=True), "/api/v1/streaming/user/notification", []),
        (lambda api, rec: api.stream_public(rec, run_async=True), "/api/v1/streaming/public", []),
        (
            lambda api, rec: api.stream_public(rec, run_async=True, remote=True, only_media=True),
            "/api/v1/streaming/public/remote",
            [("only_media", "true")],
        ),
        (lambda api, rec: api.stream_local(rec, run_async=True), "/api/v1/streaming/public/local", []),
        (
            lambda api, rec: api.stream_local(rec, run_async=True, only_media=True),
            "/api/v1/streaming/public/local",
            [("only_media", "true")],
        ),
        (lambda api, rec: api.stream_hashtag("Python", rec, run_async=True), "/api/v1/streaming/hashtag", [("tag", "Python")]),
        (
            lambda api, rec: api.stream_hashtag("python", rec, local=True, run_async=True),
            "/api/v1/streaming/hashtag/local",
            [("tag", "python")],
        ),
        (lambda api, rec: api.stream_list({"id": "42"}, rec, run_async=True), "/api/v1/streaming/list", [("list", "42")]),
        (lambda api, rec: api.stream_direct(rec, run_async=True), "/api/v1/streaming/direct", []),
    ],
)
def test_stream_paths(server: StreamingServer, call: Any, path: str, query: list[tuple[str, str]]) -> None:
    handle = call(make_client(server), Recorder())
    try:
        server.wait_for_clients(1)
        assert ("GET", path, query) in server.requests
    finally:
        handle.close()


def test_argument_checks(server: StreamingServer) -> None:
    api = make_client(server)
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_hashtag("#python", Recorder())
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_public(Recorder(), local=True, remote=True)
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_user(Recorder(), transport="pigeon")
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_user(object())  # type: ignore[arg-type]
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_user(Recorder(), timeout=0)
    with pytest.raises(TypeError, match="'catchup'"):
        api.stream_user(Recorder(), catchup=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'transport'"):
        api.stream_open_websocket(Recorder(), transport="sse")  # type: ignore[call-arg]
    assert server.requests == []


def test_stream_healthy(server: StreamingServer) -> None:
    assert make_client(server).stream_healthy() is True
    server.close()
    assert make_client(server, max_retries=0).stream_healthy() is False


# -- catching up after reconnects ---------------------------------------------------------------


def test_catch_up_delivers_missed_statuses_and_notifications_in_order(server: StreamingServer) -> None:
    rec = Recorder()
    api = make_client(server, max_retries=0)
    handle = api.stream_user(rec, run_async=True, reconnect_async=True, catch_up=True, **FAST)
    try:
        server.wait_for_clients(1)
        first = server.post_status()
        rec.wait_count("on_update", 1)
        server.streams_down = True  # reconnecting fails (503) until everything missed is posted
        server.drop()
        missed = [server.post_status() for _ in range(45)] + [server.post_notification() for _ in range(3)]
        server.streams_down = False
        rec.wait_count("on_notification", 3)
        server.wait_for_clients(1)
        last = server.post_status()
        rec.wait_count("on_update", 47)
        ids = [s.id for s in rec.updates()]
        assert ids == [int(first["id"])] + [int(s["id"]) for s in missed[:45]] + [int(last["id"])]
        assert [n[0].id for n in rec.named("on_notification")] == [int(n["id"]) for n in missed[45:]]
        # Everything posted while the stream was down came through catch-up (how the
        # statuses split between catch-up rounds depends on reconnect timing).
        assert handle.catch_up is not None and handle.catch_up.caught_up >= 3
    finally:
        handle.close()


class _ExactlyOnce(StreamListener):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[int] = []
        self.aborts = 0
        self.lock = threading.Lock()

    def on_update(self, status: Any) -> None:
        with self.lock:
            self.ids.append(status.id)

    def on_abort(self, err: Exception) -> None:
        self.aborts += 1


def drop_while_posting(server: StreamingServer, listener: _ExactlyOnce, drops: int, per_drop: int) -> list[int]:
    """Post ``drops * per_drop`` statuses, dropping the connection ``drops`` times:
    half of each batch goes out live, the other half while the client is away."""
    posted: list[int] = []
    for _ in range(drops):
        server.wait_for_clients(1)
        for _ in range(per_drop // 2):
            posted.append(int(server.post_status()["id"]))
        server.drop(rst=True)
        for _ in range(per_drop - per_drop // 2):
            posted.append(int(server.post_status()["id"]))
    server.wait_for_clients(1)
    wait_until(lambda: len(listener.ids) >= len(posted), timeout=30, what="every status")
    time.sleep(0.05)  # anything duplicated would arrive now
    return posted


def test_fifty_drops_thousand_statuses_each_delivered_exactly_once(server: StreamingServer) -> None:
    listener = _ExactlyOnce()
    handle = make_client(server).stream_user(listener, run_async=True, reconnect_async=True, catch_up=True, **FAST)
    try:
        posted = drop_while_posting(server, listener, drops=50, per_drop=20)
    finally:
        handle.close()
    assert len(posted) == 1000
    assert sorted(listener.ids) == sorted(posted)
    assert len(set(listener.ids)) == len(listener.ids) == 1000
    assert listener.ids == sorted(listener.ids)  # caught-up items come oldest first, before live ones
    assert listener.aborts >= 50 and handle.reconnects >= 50


def test_without_catch_up_missed_statuses_stay_missed(server: StreamingServer) -> None:
    listener = _ExactlyOnce()
    handle = make_client(server).stream_user(listener, run_async=True, reconnect_async=True, **FAST)
    try:
        server.wait_for_clients(1)
        server.drop()
        server.post_status()
        server.wait_for_clients(1)
        last = server.post_status()
        wait_until(lambda: listener.ids == [int(last["id"])], what="the live status only")
    finally:
        handle.close()
    assert not any("/timelines/" in path for _, path, _ in server.requests)


@pytest.mark.parametrize(
    ("call", "streams"),
    [
        (lambda api, rec, kw: api.stream_public(rec, **kw), (("public",),)),
        (lambda api, rec, kw: api.stream_local(rec, **kw), (("public:local",),)),
        (lambda api, rec, kw: api.stream_hashtag("Fediverse", rec, **kw), (("hashtag", "fediverse"),)),
        (lambda api, rec, kw: api.stream_list(7, rec, **kw), (("list", "7"),)),
    ],
)
def test_catch_up_for_public_local_hashtag_and_list(server: StreamingServer, call: Any, streams: tuple[tuple[str, ...], ...]) -> None:
    listener = _ExactlyOnce()
    handle = call(make_client(server), listener, {"run_async": True, "reconnect_async": True, "catch_up": True, **FAST})
    try:
        posted = []
        for _ in range(3):
            server.wait_for_clients(1)
            posted.append(int(server.post_status(streams=streams)["id"]))
            server.drop()
            posted += [int(server.post_status(streams=streams)["id"]) for _ in range(3)]
        server.wait_for_clients(1)
        wait_until(lambda: len(listener.ids) >= len(posted), what="every status")
    finally:
        handle.close()
    assert listener.ids == posted


def test_catch_up_stops_when_the_server_ignores_min_id() -> None:
    page = [{"id": 3}, {"id": 2}]
    calls: list[Any] = []

    def fetch(path: str, params: Any) -> Any:
        calls.append(params)
        return page

    catch_up = CatchUp(fetch, [CatchUpSource("update", "/api/v1/timelines/home")])
    catch_up.newest["update"] = 1
    got: list[Any] = []
    assert catch_up.run(lambda name, item: got.append(item["id"])) == 2
    assert got == [2, 3] and len(calls) == 2
