"""The server-sent events reader and event payload decoding (the streaming hot path)."""

from __future__ import annotations

import http.client
import json
import logging
import socket
from collections.abc import Callable
from typing import Any

import requests
import urllib3.exceptions

from .errors import (
    MastodonError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from .types import (
    IdType,
    decode_json,
)

log = logging.getLogger("mastodon")


#: Bytes asked of the socket per read: large, so one read carries many events.
READ_SIZE = 65536
#: A single SSE line (one event's payload) may not grow beyond this.
MAX_LINE_BYTES = 16 * 1024 * 1024

# Events whose payload is a JSON object, an id, or nothing.
_JSON_EVENTS = frozenset(
    {
        "update",
        "status.update",
        "notification",
        "conversation",
        "announcement",
        "announcement.reaction",
    }
)
_ID_EVENTS = frozenset({"delete", "announcement.delete"})
_EMPTY_EVENTS = frozenset({"filters_changed", "notifications_merged"})


# -- payloads ---------------------------------------------------------------------------

# Longer digit strings stay strings: no real id is near this, and int() refuses
# more than 4300 digits anyway.
_MAX_ID_DIGITS = 40


def _id_value(text: str) -> IdType:
    """A streamed id: int when it is a plain number, else the string as sent."""
    if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0") and len(text) <= _MAX_ID_DIGITS:
        return int(text)
    return text


def decode_event(name: str, data: bytes | str | None) -> Any:
    """Turn one event's payload into what its listener method receives.

    Statuses, notifications and the like become result types (via
    :func:`mastodon.types.decode_json`); ``delete`` and ``announcement.delete``
    carry an id (an int when numeric); ``filters_changed`` and
    ``notifications_merged`` carry nothing (``None``). An unknown event's payload
    is decoded as JSON when it is JSON, else passed on as text; it never raises.

    :raises MastodonMalformedEventError: when a known event's payload is unusable.
    """
    if name in _JSON_EVENTS:
        if not data:
            raise MastodonMalformedEventError(f"{name!r} event without a payload")
        try:
            value = decode_json(data)
        except (ValueError, RecursionError) as exc:
            raise MastodonMalformedEventError(f"{name!r} event with a payload that is not JSON: {exc}") from None
        if not isinstance(value, dict):
            raise MastodonMalformedEventError(f"{name!r} event payload is not a JSON object")
        return value
    if name in _ID_EVENTS:
        text = _text(name, data).strip()
        if text.startswith('"'):
            try:
                text = json.loads(text)
            except ValueError:
                raise MastodonMalformedEventError(f"{name!r} event with a malformed id {text[:40]!r}") from None
        if not isinstance(text, str) or not text or any(c.isspace() for c in text):
            raise MastodonMalformedEventError(f"{name!r} event without a usable id")
        return _id_value(text)
    if name in _EMPTY_EVENTS:
        return None
    # encrypted_message and events this library does not know: best effort.
    if data is None:
        return None
    try:
        return decode_json(data)
    except (ValueError, RecursionError):
        return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


def _text(name: str, data: bytes | str | None) -> str:
    if data is None:
        raise MastodonMalformedEventError(f"{name!r} event without a payload")
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise MastodonMalformedEventError(f"{name!r} event payload is not UTF-8") from None
    return data


# -- the SSE reader ---------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def read_sse(
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
    chunk = read()
    while chunk and len(chunk) < 3 and _BOM.startswith(chunk):
        more = read()  # the byte order mark may come split over the first reads
        if not more:
            break
        chunk += more
    if chunk.startswith(_BOM):
        chunk = chunk[3:]
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


def _socket_of(response: requests.Response) -> socket.socket | None:
    connection = getattr(response.raw, "connection", None) or getattr(response.raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def chunk_reader(response: requests.Response) -> Callable[[], bytes]:
    """A function returning the next chunk of a streamed response's body.

    Returns whatever has arrived (up to :data:`READ_SIZE` bytes) instead of
    waiting for a full buffer, so events are passed on as soon as they arrive.
    Transfer and content encodings are undone. Network errors come out as
    :class:`MastodonNetworkError`, silence longer than the read timeout as
    :class:`MastodonReadTimeout`; the end of the stream as ``b""``.
    """
    raw = response.raw
    read1 = getattr(raw, "read1", None)
    if read1 is not None:  # urllib3 2: decodes content encodings too

        def read_chunk() -> bytes:
            try:
                return bytes(read1(READ_SIZE, decode_content=True) or b"")
            except Exception as exc:  # noqa: BLE001 - mapped by _network_error
                raise _network_error(exc) from None

        return read_chunk
    fp = getattr(raw, "_fp", None)  # urllib3 1.26: http.client's response reads chunks
    if fp is None or not hasattr(fp, "read1"):
        raise MastodonNetworkError("cannot read the stream: unsupported urllib3 version")

    def read_chunk_old() -> bytes:
        try:
            return bytes(fp.read1(READ_SIZE) or b"")
        except Exception as exc:  # noqa: BLE001 - mapped by _network_error
            raise _network_error(exc) from None

    return read_chunk_old


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
