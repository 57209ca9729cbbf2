"""Request parameter encoding and media uploads, the way the Mastodon API reads them.

Parameters become Rails-style query strings and form bodies (:func:`encode_params`),
JSON bodies get ISO 8601 dates (:func:`encode_json`), and files to upload become
``(name, data, mime)`` parts with a guessed MIME type (:func:`read_media`).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import IO, Any, Union

from .errors import MastodonFileNotFoundError, MastodonIllegalArgumentError
from .types import AttribAccessDict

__all__ = ["MediaInput", "encode_json", "encode_params", "read_media"]

# A file to upload: a path, raw bytes, or an open binary file object.
MediaInput = Union[str, "os.PathLike[str]", bytes, IO[bytes]]


# -- parameter encoding -------------------------------------------------------------


def _iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        # A naive datetime is local time: astimezone() reads it so, as both
        # classic clients did.
        value = value.astimezone(timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value.isoformat()


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return _iso(value)
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, Mapping) and "id" in value:
        return str(value["id"])
    raise MastodonIllegalArgumentError(f"cannot send a value of type {type(value).__name__}")


def encode_params(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Flatten parameters the way Rails reads query strings and form bodies.

    ``None`` is dropped, booleans become ``true``/``false``, lists become
    ``name[]`` repeated, dicts become ``name[key]``, datetimes ISO 8601 UTC
    (a naive datetime is taken as local time).
    """
    out: list[tuple[str, str]] = []
    if params:
        for key, value in params.items():
            _flatten(key, value, out)
    return out


def _flatten(key: str, value: Any, out: list[tuple[str, str]]) -> None:
    if value is None:
        return
    if isinstance(value, Mapping) and not _is_entity(value):
        for sub, item in value.items():
            _flatten(f"{key}[{sub}]", item, out)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if isinstance(item, Mapping) and not _is_entity(item):
                for sub, inner in item.items():
                    _flatten(f"{key}[][{sub}]", inner, out)
            else:
                _flatten(f"{key}[]", item, out)
    else:
        out.append((key, _scalar(value)))


def _is_entity(value: Mapping[str, Any]) -> bool:
    """A result returned by the API (sent as its id), not a nested parameter dict."""
    return isinstance(value, AttribAccessDict) and "id" in value


def encode_json(value: Any) -> Any:
    """Prepare a JSON body: drop top-level ``None``, datetimes to ISO 8601 UTC
    (a naive datetime is taken as local time)."""
    if isinstance(value, Mapping):
        return {k: encode_json(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode_json(v) for v in value]
    if isinstance(value, (datetime, date)):
        return _iso(value)
    return value


def read_media(media: Any, mime_type: str | None, file_name: str | None, what: str = "media_file") -> tuple[str, bytes | IO[bytes], str]:
    """Turn a path, bytes or file object into a ``(name, data, mime)`` upload part.

    The MIME type is guessed from the file name, then from the first bytes of the
    content, when not given.
    """
    data: bytes | IO[bytes]
    if isinstance(media, (str, os.PathLike)):
        path = os.fspath(media)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError as exc:
            raise MastodonFileNotFoundError(f"{what}: no file at {path!r}") from exc
        except OSError as exc:
            raise MastodonFileNotFoundError(f"{what}: cannot read {path!r}: {exc.strerror}") from exc
        file_name = file_name or os.path.basename(path)
    elif isinstance(media, (bytes, bytearray, memoryview)):
        data = bytes(media)
    elif hasattr(media, "read"):
        data = media
        file_name = file_name or os.path.basename(str(getattr(media, "name", "") or ""))
    else:
        raise MastodonIllegalArgumentError(f"{what} must be a path, bytes or a binary file object, not {type(media).__name__}")
    if mime_type is None and file_name:
        mime_type = mimetypes.guess_type(file_name)[0]
    if mime_type is None:
        head = data[:64] if isinstance(data, bytes) else _peek(data)
        mime_type = _sniff_mime(head)
    if mime_type is None:
        raise MastodonIllegalArgumentError(f"{what}: cannot tell the MIME type; pass mime_type (e.g. 'image/png')")
    if not file_name:
        ext = mimetypes.guess_extension(mime_type) or ""
        import uuid  # rarely needed; importing it costs every program a few ms

        file_name = f"pytooter_{uuid.uuid4().hex[:8]}{ext}"
    return file_name, data, mime_type


def _peek(handle: IO[bytes]) -> bytes:
    try:
        pos = handle.tell()
        head = handle.read(64)
        handle.seek(pos)
    except (OSError, ValueError, AttributeError):
        return b""
    return head if isinstance(head, bytes) else b""


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"fLaC", "audio/flac"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
)


def _sniff_mime(head: bytes) -> str | None:
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        return "image/avif" if head[8:12] in (b"avif", b"avis") else "video/mp4"
    return None
