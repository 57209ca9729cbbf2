"""Server-sent events: the reader (the streaming hot path) and the background handle."""

from __future__ import annotations

import http.client
import logging
import random
import socket
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests
import urllib3.exceptions

from ..errors import (
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from ._dispatch import Dispatcher, own_stream_reader
from ._events import decode_event, event_name
from ._handle import Backoff, StreamHandle, safe_call

if TYPE_CHECKING:
    from ._catchup import CatchUp

log = logging.getLogger("mastodon")


#: Bytes asked of the socket per read: large, so one read carries many events.
READ_SIZE = 65536
#: A single SSE line (one event's payload) may not grow beyond this.
MAX_LINE_BYTES = 16 * 1024 * 1024

# -- the SSE reader ---------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"

# read_sse is over ruff's complexity limit (C901) on purpose: it is the
# streaming hot path, and its loop stays in one piece. Split into a line
# splitter and a line parser, it pays one more call per chunk read: about 10% of
# the parser's own time when each read carries one event, as the reads of a live
# stream do (figure 6 of benchmarks/run.py, whose reads are 64 KiB, did not
# move). Only the one-off byte order mark check lives outside.


def read_sse(  # noqa: C901 - the hot path keeps its shape: see above
    read: Callable[[], bytes],
    on_event: Callable[[bytes, bytes | None], None],
    on_heartbeat: Callable[[], None],
) -> None:
    """Parse a server-sent event stream until ``read()`` returns ``b""`` (end of stream).

    Hand-written rather than built on a generic SSE package or
    ``iter_lines``: this is the hot path of streaming, and the benchmark holds
    the per-event cost within 2x of a raw chunked reader plus ``json.loads``.
    So it reads the socket in large chunks, splits them on ``\\n`` with
    ``bytes.split`` (no per-line decoding; ``\\n`` never occurs inside a UTF-8
    multi-byte sequence, so characters split across chunks come together in the
    line buffer), and hands each event's raw ``data`` bytes on.

    What it follows from the SSE format: lines end in ``\\n``, ``\\r\\n`` or ``\\r``
    (also when the ``\\r`` and ``\\n`` arrive in different chunks); a blank line
    ends an event; ``data:`` lines accumulate joined by ``\\n``; one space after
    the colon is dropped; lines starting with ``:`` are comments, which Mastodon
    sends as heartbeats (``on_heartbeat``); unknown fields and lines without a
    colon are ignored; a UTF-8 byte order mark at the start is skipped. An event
    with a name and no ``data`` is still passed on (``data`` is ``None``): some
    servers send ``filters_changed`` that way. An event with data and no name
    gets the SSE default name ``message``.

    :param read: returns the next chunk of bytes, ``b""`` at the end.
    :param on_event: called with the event name and data (bytes) of each event.
    :param on_heartbeat: called for each comment line.
    :raises MastodonMalformedEventError: when a line grows beyond 16 MiB.
    """
    parts: list[bytes] = []  # the unfinished last line, in pieces
    parts_len = 0
    carry_cr = False  # the previous chunk ended in \r: a \n may follow
    event = b""
    data: list[bytes] | None = None
    chunk = _first_chunk(read)
    while chunk:
        if carry_cr:
            chunk = b"\r" + chunk
            carry_cr = False
        if b"\r" in chunk:
            if chunk[-1] == 13:  # b"\r": wait for the next chunk to see if \n follows
                chunk = chunk[:-1]
                carry_cr = True
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if b"\n" not in chunk:
            parts.append(chunk)
            parts_len += len(chunk)
            if parts_len > MAX_LINE_BYTES:
                raise MastodonMalformedEventError(f"a stream line is longer than {MAX_LINE_BYTES} bytes")
            chunk = read() or (b"\n" if carry_cr else b"")
            continue
        if parts:
            parts.append(chunk)
            chunk = b"".join(parts)
            parts = []
        lines = chunk.split(b"\n")
        tail = lines.pop()
        if tail:
            parts.append(tail)
            parts_len = len(tail)
        else:
            parts_len = 0
        for line in lines:
            if not line:
                if data is not None:
                    on_event(event or b"message", data[0] if len(data) == 1 else b"\n".join(data))
                elif event:
                    on_event(event, None)
                event = b""
                data = None
            elif line.startswith(b"data:"):
                value = line[6:] if line[5:6] == b" " else line[5:]
                if data is None:
                    data = [value]
                else:
                    data.append(value)
            elif line[0] == 58:  # b":" - a comment, which Mastodon uses as heartbeat
                on_heartbeat()
            elif line.startswith(b"event:"):
                event = line[7:] if line[6:7] == b" " else line[6:]
            elif line == b"data":
                data = [b""] if data is None else [*data, b""]
            # id:, retry:, unknown fields and garbage lines are ignored.
        chunk = read() or (b"\n" if carry_cr else b"")  # a final \r still ends its line


def _first_chunk(read: Callable[[], bytes]) -> bytes:
    """The stream's first chunk, without the byte order mark it may start with
    (which may itself come split over the first reads)."""
    chunk = read()
    while chunk and len(chunk) < 3 and _BOM.startswith(chunk):
        more = read()
        if not more:
            break
        chunk += more
    return chunk[3:] if chunk.startswith(_BOM) else chunk


def _shut_down(response: requests.Response) -> None:
    """Wake a thread blocked reading ``response`` by shutting its socket down.

    Closing the response instead would wait for the reading thread to let go of
    the buffer it reads through, that is forever. The socket is reached through
    its file descriptor (the public ``fileno()`` chain): once the server answers
    ``Connection: close``, the connection object no longer holds it.
    """
    try:
        descriptor = response.raw.fileno()
        with socket.fromfd(descriptor, socket.AF_INET, socket.SOCK_STREAM) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError, AttributeError) as exc:  # already closed, or not a socket
        log.debug("could not shut the stream's socket down: %s", exc)


def stream_reader(response: Any) -> Callable[[], bytes]:
    """A function returning the next chunk of a streamed response's body, ``b""`` at its end.

    For a ``requests`` response (anything whose ``raw`` has ``read1``) it reads
    the socket directly: whatever has arrived, up to :data:`READ_SIZE` bytes, so
    events are passed on as soon as they arrive without waiting for a full
    buffer; transfer and content encodings are undone. Any other object with
    ``iter_content(chunk_size)`` (a recorded or mock response) is read through
    that. Network errors come out as :class:`MastodonNetworkError`, silence
    longer than the read timeout as :class:`MastodonReadTimeout`.

    :raises MastodonIllegalArgumentError: when ``response`` offers neither.
    """
    raw = getattr(response, "raw", None)
    read1 = getattr(raw, "read1", None)
    if read1 is not None:  # urllib3 2: decodes content encodings too
        return _guarded(lambda: read1(READ_SIZE, decode_content=True))
    fp = getattr(raw, "_fp", None)  # urllib3 1.26: http.client's response reads chunks
    if fp is not None and hasattr(fp, "read1"):
        return _guarded(lambda: fp.read1(READ_SIZE))
    iter_content = getattr(response, "iter_content", None)
    if not callable(iter_content):
        raise MastodonIllegalArgumentError(
            f"cannot read a stream from a {type(response).__name__}: give a requests.Response or an object with iter_content(chunk_size)"
        )
    # chunk_size=1 is what the classic client asks for: objects written for it
    # behave the same, and a live connection behind one passes each event on at
    # once instead of waiting for a larger chunk to fill.
    chunks = iter(iter_content(chunk_size=1))

    def next_chunk() -> bytes:
        for chunk in chunks:  # empty chunks do not mean the end here
            if chunk:
                return chunk.encode() if isinstance(chunk, str) else bytes(chunk)
        return b""

    return _guarded(next_chunk)


def _guarded(read: Callable[[], Any]) -> Callable[[], bytes]:
    def read_chunk() -> bytes:
        try:
            return bytes(read() or b"")
        except Exception as exc:  # noqa: BLE001 - mapped by _network_error
            raise _network_error(exc) from None

    return read_chunk


# Responses a handle is closing on purpose: reading them fails, but that is no
# failure to report (a listener's own handle_stream may be reading one).
_closing: weakref.WeakSet[Any] = weakref.WeakSet()


def _closed_on_purpose(response: Any) -> bool:
    try:
        return response in _closing
    except TypeError:  # not hashable: not one of ours
        return False


def read_stream(response: Any, dispatcher: Dispatcher) -> None:
    """Read a server-sent event stream to its end in the calling thread, dispatching its events.

    Returns when the server ends the stream cleanly. A failure is passed to the
    listener's ``on_abort`` and then raised.
    """

    def on_event(name: bytes, data: bytes | None) -> None:
        text = event_name(name)
        dispatcher.event(text, decode_event(text, data), None)

    read = stream_reader(response)
    try:
        read_sse(read, on_event, dispatcher.heartbeat)
    except MastodonError as err:
        if not _closed_on_purpose(response):
            dispatcher.abort(err)
        raise


def _network_error(exc: BaseException) -> MastodonError:
    if isinstance(exc, MastodonError):
        return exc
    if isinstance(exc, (TimeoutError, urllib3.exceptions.TimeoutError, requests.exceptions.Timeout)):
        return MastodonReadTimeout(f"the stream stayed silent longer than its timeout: {exc}")
    if isinstance(
        exc,
        (
            OSError,
            ValueError,
            AttributeError,
            http.client.HTTPException,
            urllib3.exceptions.HTTPError,
            requests.exceptions.RequestException,
        ),
    ):
        return MastodonNetworkError(f"the stream connection broke: {type(exc).__name__}: {exc}")
    raise exc


# -- the background handle ----------------------------------------------------------------


class SSEStreamHandle(StreamHandle):
    """A server-sent event stream read in a background thread (``run_async=True``).

    :param connection: the first response (already connected), or ``None`` to
        connect in the thread.
    :param connect_func: opens a new connection (a streaming ``requests.Response``).
    :param reconnect_async: reconnect when the connection ends or fails (network
        errors, server errors, read timeouts, malformed events); 4xx answers
        stop the stream.
    :param reconnect_async_wait_sec: the first backoff wait's upper bound.
    :param listener: the :class:`StreamListener` (or any object with its methods).
        When it has a ``handle_stream`` of its own, that reads each connection.
    :param catch_up: a :class:`CatchUp` to fill gaps after reconnects, or ``None``.
    :param max_wait_sec: the backoff cap.
    :param daemon: run the thread as a daemon (the default), so it does not keep
        the program alive.
    :param start: start the thread now (the default).
    """

    def __init__(
        self,
        connection: requests.Response | None,
        connect_func: Callable[[], requests.Response],
        reconnect_async: bool,
        reconnect_async_wait_sec: float,
        listener: Any,  # a StreamListener, or any object with its methods
        *,
        catch_up: CatchUp | None = None,
        max_wait_sec: float = 60.0,
        daemon: bool = True,
        rng: random.Random | None = None,
        start: bool = True,
    ) -> None:
        super().__init__(reconnect_async, Backoff(reconnect_async_wait_sec, max_wait_sec, rng))
        self.listener = listener
        self.reconnect_async_wait_sec = reconnect_async_wait_sec
        self.catch_up = catch_up
        self._dispatcher = Dispatcher(listener)
        self._own_reader = own_stream_reader(listener)
        self._connect_func = connect_func
        self._initial = connection
        self._response: requests.Response | None = None
        if start:
            self._start("mastodon-stream", daemon)

    def close(self) -> None:
        """Stop the stream: disconnect and let the thread end (waits up to a second)."""
        super().close()

    @property
    def connection(self) -> requests.Response | None:
        """The response being read, while connected."""
        return self._response

    # -- the transport's steps --------------------------------------------------------------

    def _connect(self) -> bool:
        with self._lock:
            response, self._initial = self._initial, None
        if response is None:
            if self.catch_up is not None:
                self.catch_up.anchor()  # before connecting, so nothing falls between the two
            response = self._connect_func()
        with self._lock:
            if self._closed.is_set():
                response.close()
                return False
            self._response = response
            self._connected = True
            return True

    def _after_connect(self, first: bool) -> None:
        if self.catch_up is not None:
            self.catch_up.anchor()
            self.catch_up.run(self._deliver_caught_up)

    def _read(self) -> None:
        response = self._response
        if response is None:
            return
        if self._own_reader is not None:
            self._own_reader(response)
            self._got_data = True  # it ended cleanly: count the connection as a good one
            return
        read_sse(self._timed(stream_reader(response)), self._on_event, self._on_heartbeat)

    def _reports_own_failures(self) -> bool:
        # A listener reading the stream itself reports its failures to on_abort,
        # as StreamListener.handle_stream does.
        return self._own_reader is not None

    def _abort(self, err: MastodonError) -> None:
        safe_call("on_abort", self._dispatcher.abort, err)

    def _disconnect(self) -> None:
        with self._lock:
            response, self._response = self._response, None
            self._connected = False
        if response is not None:
            response.close()

    def _interrupt(self) -> None:
        with self._lock:
            response = self._response
            initial, self._initial = self._initial, None
        if initial is not None:
            initial.close()
        if response is not None:
            _closing.add(response)
            _shut_down(response)

    # -- reading ------------------------------------------------------------------------------

    def _timed(self, read: Callable[[], bytes]) -> Callable[[], bytes]:
        def timed_read() -> bytes:
            chunk = read()
            if chunk:
                self._got_data = True
                self.last_receive = time.monotonic()
            return chunk

        return timed_read

    def _on_heartbeat(self) -> None:
        safe_call("handle_heartbeat", self._dispatcher.heartbeat)

    def _on_event(self, name: bytes, data: bytes | None) -> None:
        text = event_name(name)
        payload = decode_event(text, data)  # malformed: raises, the loop reconnects
        if self.catch_up is not None and not self.catch_up.accept(text, payload):
            return
        try:
            self._dispatcher.event(text, payload, None)
        except Exception:
            log.exception("stream listener raised on a %r event; the stream goes on", text)

    def _deliver_caught_up(self, name: str, payload: Any) -> None:
        try:
            self._dispatcher.event(name, payload, None)
        except Exception:
            log.exception("stream listener raised on a caught-up %r event; the stream goes on", name)
