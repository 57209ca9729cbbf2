"""The streaming machinery: listeners, the two transports, reconnecting and catching up.

How the pieces fit::

    Mastodon.stream_user(listener, ...)          mastodon/api/streaming.py (with the
                                                 StreamOptions keywords)
        blocking:   listener.handle_stream(response), or read_stream for a
                    listener without one
        run_async:  SSEStreamHandle / WebSocketStreamHandle, reading in a thread

    _listener.py   StreamListener, CallbackStreamListener: the events' receivers
    _dispatch.py   the listener contract: which method gets an event, with what
    _events.py     payload decoding (decode_event), WebSocket message parsing
    _handle.py     StreamHandle: the thread and the one reconnect-with-backoff
                   loop both transports use; Backoff
    _sse.py        the server-sent events reader (read_sse, the hot path) and
                   SSEStreamHandle
    _websocket.py  WebSocketStreamHandle and its subscriptions (needs the
                   optional websocket-client package, imported on first use)
    _catchup.py    CatchUp: fetching what a reconnecting stream missed over REST

``import mastodon`` does not load this package: it loads when a stream is
first opened or a name from here is first used.
"""

from __future__ import annotations

from ._catchup import CatchUp, CatchUpSource
from ._events import decode_event
from ._handle import Backoff, StreamHandle
from ._listener import CallbackStreamListener, StreamListener
from ._sse import SSEStreamHandle, read_sse
from ._websocket import WebSocketStreamHandle, WebSocketSubscription, websocket_available

__all__ = [
    "StreamListener",
    "CallbackStreamListener",
    "StreamHandle",
    "SSEStreamHandle",
    "WebSocketStreamHandle",
    "WebSocketSubscription",
    "websocket_available",
    "Backoff",
    "CatchUp",
    "CatchUpSource",
    "read_sse",
    "decode_event",
]
