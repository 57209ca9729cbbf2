"""Closing background streams against LocalInstance, a server that behaves like Mastodon.

Mastodon sends a heartbeat on an idle stream only every 15 seconds. A handle
whose ``close()`` waited for the server's next bytes would hang that long; these
tests give the instance Mastodon's 15 s heartbeat and require ``close()`` to have
ended the reading thread within a second, over both transports.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mastodon import Mastodon, StreamListener
from mastodon.streaming import StreamHandle
from mastodon.testing import LocalInstance

# Mastodon's own heartbeat interval, far longer than close() may take.
HEARTBEAT = 15.0


class UpdateListener(StreamListener):
    """Notes that an ``update`` arrived, so a test knows the stream is being read."""

    def __init__(self) -> None:
        self.updated = threading.Event()

    def on_update(self, status: Any) -> None:
        self.updated.set()


class OwnReader(UpdateListener):
    """A listener that reads the stream itself, through ``requests``' ``iter_lines``."""

    def handle_stream(self, response: Any) -> None:
        for line in response.iter_lines():
            if line == b"event: update":
                self.updated.set()


def _subscription(api: Mastodon, listener: UpdateListener) -> StreamHandle:
    handle = api.stream_open_websocket(listener)
    handle.subscribe("user")
    return handle


# How each kind of background stream is opened, and the listener it gets.
OPENERS: dict[str, tuple[Callable[[Mastodon, UpdateListener], Any], type[UpdateListener]]] = {
    "sse": (lambda api, listener: api.stream_user(listener, run_async=True), UpdateListener),
    "sse-reconnecting": (
        lambda api, listener: api.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05),
        UpdateListener,
    ),
    "sse-own-handle_stream": (lambda api, listener: api.stream_user(listener, run_async=True), OwnReader),
    "websocket": (lambda api, listener: api.stream_user(listener, run_async=True, transport="websocket"), UpdateListener),
    "websocket-reconnecting": (
        lambda api, listener: api.stream_user(
            listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05, transport="websocket"
        ),
        UpdateListener,
    ),
    "websocket-subscription": (_subscription, UpdateListener),
}


@pytest.fixture(scope="module")
def instance() -> Iterator[LocalInstance]:
    with LocalInstance(heartbeat=HEARTBEAT) as inst:
        yield inst


@pytest.fixture(scope="module")
def alice(instance: LocalInstance) -> Mastodon:
    return instance.create_user("alice")


def _wait_for_an_update(instance: LocalInstance, listener: UpdateListener) -> None:
    """Post until the stream delivers one (a WebSocket subscription may still be on its way)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        instance.post("alice", "are you reading?")
        if listener.updated.wait(0.25):
            return
    pytest.fail("the stream delivered no update within 10 s")


@pytest.mark.parametrize("kind", list(OPENERS))
def test_close_ends_an_idle_background_stream_at_once(instance: LocalInstance, alice: Mastodon, kind: str) -> None:
    if kind.startswith("websocket"):
        pytest.importorskip("websocket")
    open_stream, listener_class = OPENERS[kind]
    listener = listener_class()
    handle = open_stream(alice, listener)
    assert isinstance(handle, StreamHandle)
    try:
        _wait_for_an_update(instance, listener)
        assert handle.is_receiving()
        time.sleep(0.2)  # nothing more to send: the reader now waits for the server's next heartbeat
        started = time.monotonic()
        handle.close()
        took = time.monotonic() - started
        assert not handle.is_alive(), f"the reading thread still runs {took:.2f} s after close()"
        assert took < 1.0
        assert handle.closed and handle.error is None and handle.reconnects == 0
    finally:
        handle.close()
