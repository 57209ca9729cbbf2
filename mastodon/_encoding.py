"""Request parameter encoding and media uploads, the way the Mastodon API reads them.

Parameters become Rails-style query strings and form bodies (:func:`encode_params`),
or the ordered parts of a multipart body, files in their place
(:func:`encode_multipart`); JSON bodies get ISO 8601 dates (:func:`encode_json`);
files to upload become :class:`Upload` parts with a guessed MIME type and a
random name (:func:`read_media`).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import IO, Any, NamedTuple, Union

from .errors import MastodonFileNotFoundError, MastodonIllegalArgumentError
from .types import AttribAccessDict

__all__ = ["MediaInput", "Part", "Upload", "encode_json", "encode_multipart", "encode_params", "flatten_params", "read_media"]

# A file to upload: a path, raw bytes, or an open binary file object.
MediaInput = Union[str, "os.PathLike[str]", bytes, IO[bytes]]


class Upload(NamedTuple):
    """A file ready to send as one part of a multipart body (what ``requests``
    takes as a ``files`` value)."""

    name: str
    data: bytes | IO[bytes]
    mime: str


# One part of a multipart body, as ``requests`` takes it in an ordered ``files``
# list: ``(None, text)`` for a form field, an :class:`Upload` for a file.
Part = tuple[str, Union[tuple[None, str], Upload]]


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


def flatten_params(params: Mapping[str, Any] | None) -> list[tuple[str, str | Upload]]:
    """Flatten parameters the way Rails reads query strings and form bodies.

    ``None`` is dropped, booleans become ``true``/``false``, lists become
    ``name[]`` repeated, dicts become ``name[key]``, datetimes ISO 8601 UTC
    (a naive datetime is taken as local time). A file (:class:`Upload`) stays
    as it is, in its place.
    """
    out: list[tuple[str, Any]] = []
    if params:
        for key, value in params.items():
            _flatten(key, value, out)
    return out


def encode_params(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """:func:`flatten_params` for a query string or a form body.

    :raises MastodonIllegalArgumentError: on a file among the values: files need
        a multipart body (:func:`encode_multipart`).
    """
    out = flatten_params(params)
    for key, value in out:
        if isinstance(value, Upload):
            raise MastodonIllegalArgumentError(f"{key}: a file can only be sent in a multipart body")
    return out  # type: ignore[return-value]  # no Upload left, checked above


def encode_multipart(fields: list[tuple[str, str | Upload]], files: Mapping[str, Upload] | None = None) -> list[Part]:
    """The parts of a multipart body, in order: the flattened ``fields`` (see
    :func:`flatten_params`), each file among them in its place, then ``files``.

    The order matters to Rails: ``media_attributes[][id]``, ``...[][thumbnail]``,
    ``media_attributes[][id]`` make two entries, each with its own file.
    """
    parts: list[Part] = [(key, value if isinstance(value, Upload) else (None, value)) for key, value in fields]
    if files:
        parts.extend((name, Upload(*upload)) for name, upload in files.items())
    return parts


def _flatten(key: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if value is None:
        return
    if isinstance(value, Upload):
        out.append((key, value))
    elif isinstance(value, Mapping) and not _is_entity(value):
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


def read_media(media: Any, mime_type: str | None, file_name: str | None, what: str = "media_file") -> Upload:
    """Turn a path, bytes or file object into an :class:`Upload` part.

    The MIME type is guessed from the file's name, then from its first bytes,
    when not given. The name sent is ``file_name`` when given, else a random one
    with the extension of the MIME type: the real name can give away a path or a
    person's name, and some servers show it.
    """
    data: bytes | IO[bytes]
    chosen_name = file_name
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
    return Upload(chosen_name or _random_name(file_name or "", mime_type), data, mime_type)


def _random_name(source_name: str, mime_type: str) -> str:
    """A random file name whose extension says ``mime_type``: the source's own
    extension when it says the same (``.jpeg`` stays ``.jpeg``), else the usual one."""
    ext = os.path.splitext(source_name)[1]
    if not ext or mimetypes.guess_type("x" + ext)[0] != mime_type:
        ext = mimetypes.guess_extension(mime_type) or ""
    import uuid  # rarely needed; importing it costs every program a few ms

    return uuid.uuid4().hex + ext


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
