"""What an event is: payload decoding and WebSocket message parsing, shared by both transports."""

from __future__ import annotations

import json
from typing import Any

from ..errors import MastodonMalformedEventError
from ..types import IdType, decode_json

# Events whose payload is a JSON object, an id, or nothing (the listener methods
# of EMPTY_EVENTS take no argument).
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
EMPTY_EVENTS = frozenset({"filters_changed", "notifications_merged"})

#: Every event name this library knows.
KNOWN_EVENTS = frozenset({*_JSON_EVENTS, *_ID_EVENTS, *EMPTY_EVENTS, "encrypted_message"})
# The same as bytes -> str: the SSE hot path looks names up here instead of decoding them.
_KNOWN_NAMES: dict[bytes, str] = {name.encode(): name for name in KNOWN_EVENTS}


def event_name(raw: bytes) -> str:
    """An SSE event name as text."""
    return _KNOWN_NAMES.get(raw) or raw.decode("utf-8", "replace")


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
        return _object_payload(name, data)
    if name in _ID_EVENTS:
        return _id_payload(name, data)
    if name in EMPTY_EVENTS:
        return None
    return _other_payload(data)  # encrypted_message and events this library does not know


def _object_payload(name: str, data: bytes | str | None) -> Any:
    """The payload of an event that carries a JSON object, decoded."""
    if not data:
        raise MastodonMalformedEventError(f"{name!r} event without a payload")
    try:
        value = decode_json(data)
    except (ValueError, RecursionError) as exc:
        raise MastodonMalformedEventError(f"{name!r} event with a payload that is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise MastodonMalformedEventError(f"{name!r} event payload is not a JSON object")
    return value


def _id_payload(name: str, data: bytes | str | None) -> IdType:
    """The payload of an event that carries an id: bare, or as a JSON string."""
    text = _text(name, data).strip()
    if text.startswith('"'):
        try:
            text = json.loads(text)
        except ValueError:
            raise MastodonMalformedEventError(f"{name!r} event with a malformed id {text[:40]!r}") from None
    if not isinstance(text, str) or not text or any(c.isspace() for c in text):
        raise MastodonMalformedEventError(f"{name!r} event without a usable id")
    return _id_value(text)


def _other_payload(data: bytes | str | None) -> Any:
    """A payload of unknown shape: JSON when it is JSON, else text; never raises."""
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


# -- WebSocket messages ----------------------------------------------------------------


class WebSocketMessage:
    """One message of a WebSocket stream, taken apart.

    A plain class rather than a dataclass: importing dataclasses (and the inspect
    module it needs) would add several ms to every ``import mastodon``.
    """

    def __init__(
        self, event: str | None = None, payload: bytes | str | None = None, stream: list[str] | None = None, error: Any = None
    ) -> None:
        self.event = event
        self.payload = payload
        self.stream: list[str] = [] if stream is None else stream
        self.error = error

    def _fields(self) -> tuple[Any, ...]:
        return (self.event, self.payload, self.stream, self.error)

    def __repr__(self) -> str:
        return f"WebSocketMessage(event={self.event!r}, payload={self.payload!r}, stream={self.stream!r}, error={self.error!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, WebSocketMessage)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    @property
    def stream_name(self) -> str | None:
        return self.stream[0] if self.stream else None


def parse_websocket_message(message: str | bytes) -> WebSocketMessage:
    """Take a WebSocket text message apart; raise MastodonMalformedEventError if unusable."""
    try:
        value = json.loads(message)
    except ValueError as exc:
        raise MastodonMalformedEventError(f"WebSocket message is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise MastodonMalformedEventError("WebSocket message is not a JSON object")
    stream = value.get("stream")
    if isinstance(stream, str):
        stream = [stream]
    elif not isinstance(stream, list):
        stream = []
    stream = [str(part) for part in stream]
    if "event" not in value:
        if "error" in value:
            return WebSocketMessage(stream=stream, error=value["error"])
        raise MastodonMalformedEventError("WebSocket message without an event name")
    event = value["event"]
    if not isinstance(event, str):
        raise MastodonMalformedEventError("WebSocket message with a non-string event name")
    payload = value.get("payload")
    if payload is not None and not isinstance(payload, str):
        payload = json.dumps(payload)  # a server that sent an object instead of a string
    return WebSocketMessage(event=event, payload=payload, stream=stream)
