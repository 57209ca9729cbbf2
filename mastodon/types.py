"""Result types and the JSON decoder that builds them.

Every JSON object the server returns becomes an :class:`AttribAccessDict`: a real
``dict`` (so ``==``, ``isinstance(x, dict)`` and everything that takes a mapping
behave) whose values can also be read and set as attributes. Lists become
:class:`AttribAccessList`, which can carry pagination information for empty pages
too. Dates are decoded into datetimes, which ``json.dumps`` cannot write:
``to_json()`` can.

Decoding (:func:`decode_json`) turns dates into timezone-aware UTC datetimes and
numeric id strings into ints. With the standard library this happens in one pass
inside :mod:`json` through an ``object_hook``; when the optional ``orjson`` is
installed it parses the body and one walk over the result does the same work.
Both give identical results.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from ._entities import COUNT_KEYS, DATE_KEYS, ENTITY_NAMES
from .errors import MastodonIllegalArgumentError

__all__ = [
    "AttribAccessDict",
    "AttribAccessList",
    "decode_json",
    "parse_datetime",
    "IdType",
    "EntityOrId",
    "PageBound",
    "PaginatableList",
    "NonPaginatableList",
    *ENTITY_NAMES,
]

IdType = int | str
"""An entity id as the server sends it: an int when numeric, else a string."""

EntityOrId = IdType | Mapping[str, Any]
"""An id, or a mapping (such as a returned entity) holding an ``id`` key."""

PageBound = EntityOrId | datetime | None
"""A pagination bound (``max_id``, ``min_id``, ``since_id``): an id, an entity
with an ``id``, or a timezone-aware datetime; ``None`` for no bound."""


# Attributes a result can carry beside its data: pagination targets and, for
# answers the server is still refreshing, the Mastodon-Async-Refresh details.
_RESULT_SLOTS = frozenset({"_pagination_next", "_pagination_prev", "_async_refresh"})

# Every field name the API documents for some entity (generated from the entity
# table), loaded the first time a result is asked for a key it does not have.
_documented_fields: frozenset[str] | None = None


def _is_documented_field(name: str) -> bool:
    global _documented_fields
    if _documented_fields is None:
        from ._entity_fields import FIELD_NAMES

        _documented_fields = FIELD_NAMES
    return name in _documented_fields


class AttribAccessDict(dict[str, Any]):
    """A ``dict`` whose items can also be read and set as attributes.

    ``status.account.acct`` is ``status["account"]["acct"]``. A field the API
    documents but the server left out of this answer (a follow notification's
    ``status``, an unedited status's ``edited_at``) reads as ``None``, so
    ``if notification.status:`` works; any other missing name raises
    :class:`AttributeError`, and item access (``status["edited_at"]``) still
    raises :class:`KeyError` for every missing key.

    Setting an attribute sets the key of that name (``status.seen = True`` is
    ``status["seen"] = True``), so what you add is part of the data: it is
    compared, copied, pickled and written by :meth:`to_json` like the rest. The
    names of dict methods (``items``, ``keys``, ...) cannot be set this way;
    use item assignment for them. Pagination information
    (``_pagination_next`` / ``_pagination_prev``) lives in attributes, not in the
    mapping, so it never shows up in ``dict(...)`` or in comparisons.
    """

    __slots__ = ("_async_refresh", "_pagination_next", "_pagination_prev")

    if TYPE_CHECKING:
        # Type checkers see the declared fields of each entity class only, not the
        # attribute fallback below (as in stripe-python's StripeObject).
        _pagination_next: Any
        _pagination_prev: Any
        _async_refresh: Any
    else:

        def __getattr__(self, name: str) -> Any:
            # Only called when normal lookup fails: a key that is present never
            # gets here past the first line, so reading fields stays fast.
            try:
                return self[name]
            except KeyError:
                if name in _RESULT_SLOTS or _is_documented_field(name):
                    return None
                raise AttributeError(f"no attribute or key {name!r}") from None

        def __setattr__(self, name: str, value: Any) -> None:
            if name in _RESULT_SLOTS:
                object.__setattr__(self, name, value)
            elif hasattr(type(self), name):
                raise AttributeError(f"{name!r} is a method of the result; set the key with result[{name!r}] = ...")
            else:
                self[name] = value

        def __delattr__(self, name: str) -> None:
            if name in _RESULT_SLOTS:
                object.__setattr__(self, name, None)
                return
            try:
                del self[name]
            except KeyError:
                raise AttributeError(f"no attribute or key {name!r}") from None

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {k for k in self if k.isidentifier()})

    def to_json(self, pretty: bool = True) -> str:
        """Serialise to JSON in the form Mastodon.py 2.x writes.

        The text is an object with the result under ``_mastopy_data`` (datetimes
        in ISO 8601 form), its type under ``_mastopy_type`` and its pagination
        information under ``_mastopy_extra_data``, so :meth:`from_json` (here or
        in Mastodon.py 2.x) gives back a result that :meth:`Mastodon.fetch_next`
        can continue. For the bare data as JSON, use
        ``json.dumps(result, default=str)``.

        :param pretty: indent the output for reading.
        :returns: the JSON text.
        :raises MastodonIllegalArgumentError: when a value cannot be written as
            JSON (something set on the result that is not a JSON value).
        """
        return _to_json(self, "AttribAccessDict", pretty)

    @staticmethod
    def from_json(json_str: str | bytes) -> Any:
        """Build a result from JSON text, decoded as a server response is.

        Reads what :meth:`to_json` writes (here or in Mastodon.py 2.x), with its
        pagination information, as well as plain JSON such as an API answer or
        the output of ``json.dumps``.

        :param json_str: JSON text.
        :returns: an :class:`AttribAccessDict`, :class:`AttribAccessList` or plain value.
        :raises MastodonIllegalArgumentError: when the text is not valid JSON.
        """
        return _from_json(json_str)


_T = TypeVar("_T")


class AttribAccessList(list[_T]):
    """A ``list`` that can carry pagination information as attributes.

    Other attributes can be set on it too; they are not part of the data.
    """

    __slots__ = ("__dict__", "_async_refresh", "_pagination_next", "_pagination_prev")

    def __getattr__(self, name: str) -> Any:
        if name in _RESULT_SLOTS:
            return None
        raise AttributeError(f"list has no attribute {name!r}")

    def to_json(self, pretty: bool = True) -> str:
        """Serialise to JSON in the form Mastodon.py 2.x writes, pagination included.

        See :meth:`AttribAccessDict.to_json`.

        :param pretty: indent the output for reading.
        :returns: the JSON text.
        """
        kind = "PaginatableList" if self._pagination_next or self._pagination_prev else "NonPaginatableList"
        return _to_json(self, f"{kind}[AttribAccessDict]", pretty)

    @staticmethod
    def from_json(json_str: str | bytes) -> Any:
        """Build a result from JSON text; see :meth:`AttribAccessDict.from_json`.

        :param json_str: JSON text.
        :returns: an :class:`AttribAccessList`, :class:`AttribAccessDict` or plain value.
        :raises MastodonIllegalArgumentError: when the text is not valid JSON.
        """
        return _from_json(json_str)


# -- JSON in the form Mastodon.py 2.x writes ---------------------------------------------
#
# An envelope: {"_mastopy_version": ..., "_mastopy_type": ..., "_mastopy_data": <the
# result>, "_mastopy_extra_data": {"_pagination_next": ..., ...}}.

_ENVELOPE_VERSION = "2.0.1"


def _to_json(value: AttribAccessDict | AttribAccessList[Any], type_name: str, pretty: bool) -> str:
    extra = {}
    for name in sorted(_RESULT_SLOTS):
        info = getattr(value, name, None)
        if info is not None:
            extra[name] = info
    envelope = {
        "_mastopy_version": _ENVELOPE_VERSION,
        "_mastopy_type": type_name,
        "_mastopy_data": value,
        "_mastopy_extra_data": extra,
    }
    try:
        return json.dumps(envelope, default=_json_default, indent=4 if pretty else None)
    except (TypeError, ValueError) as exc:
        raise MastodonIllegalArgumentError(f"cannot write the result as JSON: {exc}") from None


def _from_json(json_str: str | bytes) -> Any:
    try:
        value = decode_json(json_str)
    except ValueError as exc:
        raise MastodonIllegalArgumentError(f"not valid JSON: {exc}") from None
    if type(value) is not AttribAccessDict or "_mastopy_version" not in value or "_mastopy_data" not in value:
        return value
    data = value["_mastopy_data"]
    if data.__class__ is list:
        data = AttribAccessList(data)
    extra = value.get("_mastopy_extra_data")
    if isinstance(data, (AttribAccessDict, AttribAccessList)) and isinstance(extra, dict):
        for name, index in (("_pagination_next", -1), ("_pagination_prev", 0), ("_async_refresh", None)):
            info = extra.get(name)
            if not isinstance(info, dict):
                continue
            object.__setattr__(data, name, info)
            # As on a fresh page: next on the last item, prev on the first.
            if index is not None and isinstance(data, AttribAccessList) and data and isinstance(data[index], AttribAccessDict):
                object.__setattr__(data[index], name, info)
    return data


# -- names for return types ----------------------------------------------------------
# Lists are AttribAccessList; the entity names are bound at the end of this block.

PaginatableList = AttribAccessList
"""A page of results that :meth:`Mastodon.fetch_next` and friends can continue."""

NonPaginatableList = AttribAccessList
"""A complete list of results."""

# The entity names (Status, Account, ...) come from the table in tools/entities.toml:
# classes with typed fields for type checkers (mastodon/_entities.pyi), and
# AttribAccessDict itself at run time, so they cost nothing to decode or hold.
if TYPE_CHECKING:
    from ._entities import *  # noqa: F403
else:
    globals().update(dict.fromkeys(ENTITY_NAMES, AttribAccessDict))


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"a value of type {type(value).__name__} is not JSON")


# DATE_KEYS and COUNT_KEYS (the keys whose string values are dates, and counts sent as
# strings) are generated from the entity table: see mastodon/_entities.py.

_UTC = timezone.utc
_fromisoformat = datetime.fromisoformat
_fromtimestamp = datetime.fromtimestamp


def parse_datetime(value: str) -> datetime | str:
    """Parse an API date string into an aware UTC datetime.

    Accepts ISO 8601 with or without fractional seconds, with ``Z`` or an offset,
    date-only strings, and integer epoch seconds. Anything unparseable is returned
    unchanged, so an odd server never breaks decoding.
    """
    try:
        if value.isdigit():
            return _fromtimestamp(int(value), _UTC)
        text = value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value
        parsed = _fromisoformat(text)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=_UTC)
        if parsed.utcoffset():
            return parsed.astimezone(_UTC)  # may overflow at the ends of the calendar
    except (ValueError, OverflowError, OSError):
        return _parse_datetime_slow(value)
    return parsed.replace(tzinfo=_UTC) if parsed.tzinfo is not _UTC else parsed


def _parse_datetime_slow(value: str) -> datetime | str:
    # fromisoformat on Python 3.10 rejects some valid ISO 8601 forms (e.g. 2 or 5
    # fractional digits); dateutil reads them. Imported here: rarely needed.
    from dateutil.parser import isoparse

    try:
        parsed = isoparse(value)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=_UTC)
        return parsed.astimezone(_UTC)
    except (ValueError, OverflowError):
        return value


if sys.version_info >= (3, 11):

    def _parse_date(value: str) -> datetime | str:
        """:func:`parse_datetime`, with shortcuts for the forms servers send.

        From Python 3.11 on, ``fromisoformat`` reads ``Z`` and any number of
        fractional digits itself. A UTC result is returned as it is; a result
        without an offset is read again with ``+00:00`` appended, which is several
        times faster than ``replace(tzinfo=...)``. Anything else (other offsets,
        epoch seconds, odd text) takes the full path.
        """
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            return parse_datetime(value)
        zone = parsed.tzinfo
        if zone is _UTC:
            return parsed
        if zone is None and not value.isdigit():
            try:
                # "2024-11-29" (a date alone) needs a time before the offset.
                return _fromisoformat(value + ("T00:00:00+00:00" if len(value) == 10 else "+00:00"))
            except ValueError:
                pass
        return parse_datetime(value)

else:  # pragma: no cover - Python 3.10 reads no "Z"; parse_datetime does it all
    _parse_date = parse_datetime


# -- decoding ---------------------------------------------------------------------------
#
# Both backends build the same values. With the standard library, its C scanner
# calls _finish_object for every JSON object as it is built. With orjson, the whole
# body is parsed first and _walk_dict/_walk_list then visit it bottom-up, once.
# Lists inside a document stay plain lists; only a top-level list becomes an
# AttribAccessList.

_ID, _DATE, _COUNT = 1, 2, 3


def _key_kind(key: str) -> int:
    """The conversion a key's string values get: id, date, count, or none (0)."""
    if key == "id" or key.endswith("_id"):
        return _ID
    if key in DATE_KEYS:
        return _DATE
    if key in COUNT_KEYS:
        return _COUNT
    return 0


def _int_or_str(digits: str) -> int | str:
    """``int(digits)``, or the string itself past Python's 4300-digit limit."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _convert(kind: int, value: str) -> Any:
    """A non-empty string found under a key of ``kind``, converted if it should be."""
    if kind == _ID:
        # Snowflake ids are plain ASCII digits with no leading zero; anything else
        # (Pleroma/GoToSocial ids, "007") stays a string so it round-trips exactly.
        if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
            return _int_or_str(value)
        return value
    if kind == _DATE:
        return _parse_date(value)
    if value.isdigit() and value.isascii():
        return _int_or_str(value)
    return value


# Every cache below only maps keys to the conversions they need, so a lost or
# stale entry costs time, never correctness; each is bounded, because dicts
# keyed by data (a map of emoji names, say) bring new keys without end.

# Objects of one entity type have the same keys in the same order: what to
# convert is worked out once per tuple of keys (a "shape"). _recent holds the
# shapes of the body being decoded; its key tuples hold that body's own key
# strings, which compare by identity, faster than by value.
_Work = tuple[tuple[str, int], ...]
_SHAPES: dict[tuple[str, ...], _Work] = {}
_recent: dict[tuple[str, ...], _Work] = {}
_recent_get = _recent.get
_MAX_SHAPES = 1024


def _shape_work(shape: tuple[str, ...]) -> _Work:
    work = _SHAPES.get(shape)
    if work is None:
        work = tuple((key, kind) for key in shape if (kind := _key_kind(key)))
        if len(_SHAPES) >= _MAX_SHAPES:
            _SHAPES.clear()
        _SHAPES[shape] = work
    if len(_recent) < _MAX_SHAPES:
        _recent[shape] = work
    return work


def _finish_object(obj: dict[str, Any]) -> AttribAccessDict:
    """Convert one decoded object's id, date and count values and wrap it."""
    shape = tuple(obj)
    work = _recent_get(shape)
    if work is None:
        work = _shape_work(shape)
    if not work:  # most objects (emojis, media meta, tags...) need nothing
        return AttribAccessDict(obj)
    for key, kind in work:
        value = obj[key]
        if type(value) is str and value:
            # _convert, written out: this runs for every object of every answer.
            if kind == _ID:
                if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
                    obj[key] = _int_or_str(value)
            elif kind == _DATE:
                obj[key] = _parse_date(value)
            elif value.isdigit() and value.isascii():
                obj[key] = _int_or_str(value)
    return AttribAccessDict(obj)


_scan: Callable[[str], Any] = json.JSONDecoder(object_hook=_finish_object).decode


def _decode_stdlib(body: str | bytes) -> Any:
    """:func:`decode_json` with the standard library's :mod:`json`."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8")
    _recent.clear()
    try:
        value = _scan(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply to decode") from None
    if value.__class__ is list:
        return AttribAccessList(value)
    return value


class _NeedsStdlib(Exception):
    """The orjson result might differ from the standard library's."""


# orjson reads integers beyond 64 bits as floats, where the standard library keeps
# them exact: any float this large may have been such an integer.
_BIG_FLOAT = 9.2e18
_OTHER_SCALARS = frozenset({int, bool, type(None)})

# The walk looks at every string value's key, so it keeps the conversion of each
# key seen (0 for none).
_KEY_KINDS: dict[str, int] = {}
_key_kind_get = _KEY_KINDS.get
_MAX_KEYS = 8192


def _learn_key(key: str) -> int:
    if len(_KEY_KINDS) >= _MAX_KEYS:
        _KEY_KINDS.clear()
    kind = _KEY_KINDS[key] = _key_kind(key)
    return kind


# The decoder's inner loop: one branch per JSON type, kept in one piece for speed
# (benchmark figure 1), so it is exempt from the complexity limit.
def _walk_dict(obj: dict[str, Any]) -> AttribAccessDict:  # noqa: C901
    for key, value in obj.items():
        cls = type(value)
        if cls is str:
            if value:
                kind = _key_kind_get(key)
                if kind is None:
                    kind = _learn_key(key)
                if kind:
                    obj[key] = _convert(kind, value)
        elif cls in _OTHER_SCALARS:
            continue
        elif cls is dict:
            obj[key] = _walk_dict(value)
        elif cls is list:
            if value:
                _walk_list(value)
        elif value >= _BIG_FLOAT or value <= -_BIG_FLOAT:  # a float
            raise _NeedsStdlib
    return AttribAccessDict(obj)


def _walk_list(items: list[Any]) -> None:
    index = 0
    for value in items:
        cls = type(value)
        if cls is dict:
            items[index] = _walk_dict(value)
        elif cls is list:
            if value:
                _walk_list(value)
        elif cls is float and (value >= _BIG_FLOAT or value <= -_BIG_FLOAT):
            raise _NeedsStdlib
        index += 1


def _no_orjson(body: str | bytes) -> Any:
    raise _NeedsStdlib


_orjson_loads: Callable[[str | bytes], Any] = _no_orjson  # orjson.loads once loaded


def _decode_orjson(body: str | bytes) -> Any:
    """:func:`decode_json` with orjson (standard library without it).

    What orjson reads differently or refuses (huge integers, NaN, lone surrogates,
    any error) is decoded again with the standard library, so values and errors
    are the same either way.
    """
    if body.__class__ not in (bytes, str, bytearray):
        return _decode_stdlib(body)
    try:
        value = _orjson_loads(body)
        cls = value.__class__
        if cls is list:
            if value:
                _walk_list(value)
            return AttribAccessList(value)
        if cls is dict:
            return _walk_dict(value)
        if cls is float and (value >= _BIG_FLOAT or value <= -_BIG_FLOAT):
            raise _NeedsStdlib
        return value
    except (ValueError, RecursionError, _NeedsStdlib):  # orjson.JSONDecodeError is a ValueError
        return _decode_stdlib(body)


# Set PYTOOTER_NO_ORJSON (to anything but "" or "0") before importing mastodon to
# decode with the standard library even when orjson is installed.
_NO_ORJSON = os.environ.get("PYTOOTER_NO_ORJSON", "") not in ("", "0")
_decoder: Callable[[str | bytes], Any] | None = None


def _choose_decoder() -> Callable[[str | bytes], Any]:
    """orjson when installed and not switched off, else the standard library.

    Runs on the first decode rather than at import: importing orjson takes time
    that a program which never decodes anything should not pay.
    """
    global _decoder, _orjson_loads
    decoder: Callable[[str | bytes], Any] = _decode_stdlib
    if not _NO_ORJSON:
        try:
            import orjson
        except ImportError:
            pass
        else:
            _orjson_loads = orjson.loads
            decoder = _decode_orjson
    _decoder = decoder
    return decoder


def _json_backend() -> str:
    """Which library :func:`decode_json` uses: ``"orjson"`` or ``"json"``."""
    return "orjson" if (_decoder or _choose_decoder()) is _decode_orjson else "json"


def decode_json(body: str | bytes) -> Any:
    """Decode a response body into result types (dicts, lists, datetimes, ids).

    Uses orjson when it is installed (``pip install "pytooter[fast]"``) unless the
    environment variable ``PYTOOTER_NO_ORJSON`` was set when :mod:`mastodon` was
    imported; the results are the same either way.

    :raises ValueError: (``json.JSONDecodeError`` or ``UnicodeDecodeError``) on bad input;
        the request core turns these into :class:`~mastodon.MastodonAPIError`.
    """
    return (_decoder or _choose_decoder())(body)
