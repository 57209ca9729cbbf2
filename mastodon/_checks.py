"""Argument checks shared by the API areas, and the arguments several areas build.

Request parameters are checked for their type and, where the API documents a
fixed set of values, for being one of them; everything else (ranges, lengths,
combinations, the names forks add) is left to the server, which knows its own
limits. What the classic client accepted is converted rather than refused:

* :func:`as_int` takes an int, or a string or float holding a whole number
  (``limit="20"`` sends 20);
* :func:`as_bool` takes a bool, ``0``/``1``, or ``"true"``/``"false"``/``"1"``/``"0"``
  in any case, and gives a real bool, which the encoder sends as ``true``/``false``;
* :func:`as_choice` takes a documented value in any case (``"Public"``) and
  gives it as the API spells it;
* :func:`as_datetime` takes any datetime; a naive one means local time;
* :func:`tag_name` takes a hashtag's name, and refuses one with a leading ``#``.

A value of the wrong type raises :class:`MastodonIllegalArgumentError` with a
message naming the parameter. ``None`` means "not given" and passes unless the
check is called with ``required=True``. Each function returns the value to send,
so it can be used inline while building a request's parameters.

:func:`check_int` and :func:`check_choice` are the strict forms, for the
client's own settings (retries, rate-limit mode), which are never sent and so
have nothing to be lenient about.

The documented choices that more than one area accepts (visibilities, quote
policies) are defined here once, as are the arguments built the same way in
several places (polls, focal points, profile fields and images).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, overload

from ._encoding import MediaInput, read_media
from .errors import MastodonIllegalArgumentError

__all__ = [
    "FILTER_CONTEXTS",
    "QUOTE_POLICIES",
    "REBLOG_VISIBILITIES",
    "REPORT_CATEGORIES",
    "STATUS_VISIBILITIES",
    "as_bool",
    "as_choice",
    "as_datetime",
    "as_int",
    "check_choice",
    "check_int",
    "check_optional_text",
    "check_strings",
    "check_text",
    "focus_string",
    "poll_params",
    "profile_fields",
    "profile_images",
    "tag_name",
]

#: Who may see a status.
STATUS_VISIBILITIES = ("public", "unlisted", "private", "direct")
#: The visibilities a boost may have (a boost cannot be direct).
REBLOG_VISIBILITIES = ("public", "unlisted", "private")
#: Who may quote a status (a status's ``quote_approval_policy``, an account's
#: ``default_quote_policy``).
QUOTE_POLICIES = ("public", "followers", "nobody")
#: Where a keyword filter applies.
FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
#: What a report is about (users file them, moderators filter by them).
REPORT_CATEGORIES = ("spam", "legal", "violation", "other")

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_TRUE_WORDS = frozenset({"true", "1"})
_FALSE_WORDS = frozenset({"false", "0"})


def _missing(name: str, wanted: str) -> MastodonIllegalArgumentError:
    return MastodonIllegalArgumentError(f"{name} must be {wanted}, not None")


# -- request parameters ---------------------------------------------------------------


def _integral(value: Any) -> bool:
    """Whether ``value`` is an integer: an ``int``, or another ``numbers.Integral`` (NumPy's)."""
    if type(value) is int:
        return True
    # numbers is imported here, not with the package: plain ints (nearly every
    # value) never need it, and every module imported costs start-up time.
    import numbers

    return isinstance(value, numbers.Integral)


def _real(value: Any) -> bool:
    """Whether ``value`` is a real number: an ``int``, a ``float`` or another ``numbers.Real``."""
    if type(value) in (int, float):
        return True
    import numbers

    return isinstance(value, numbers.Real)


@overload
def as_int(value: Any, name: str, *, required: Literal[True]) -> int: ...
@overload
def as_int(value: Any, name: str, *, required: bool = False) -> int | None: ...
def as_int(value: Any, name: str, *, required: bool = False) -> int | None:
    """An integer parameter: an int, or a string or float holding a whole number.

    ``"20"``, ``" 20 "`` and ``20.0`` give 20; ``True``, ``2.5``, ``"20 items"``
    and other types raise. The value's range is the server's to judge.
    """
    if value is None:
        if required:
            raise _missing(name, "an integer")
        return None
    if _integral(value) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise MastodonIllegalArgumentError(f"{name} must be an integer, not {value!r}")


@overload
def as_bool(value: Any, name: str, *, required: Literal[True]) -> bool: ...
@overload
def as_bool(value: Any, name: str, *, required: bool = False) -> bool | None: ...
def as_bool(value: Any, name: str, *, required: bool = False) -> bool | None:
    """A flag: a bool, ``0``/``1``, or ``"true"``/``"false"``/``"1"``/``"0"`` in any case.

    The result is a real bool, so that a flag sent only when set (``True if
    flag else None``) is not set by the truthy string ``"false"``.
    """
    if value is None:
        if required:
            raise _missing(name, "True or False")
        return None
    if isinstance(value, bool):
        return value
    if _integral(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise MastodonIllegalArgumentError(f"{name} must be True or False, not {value!r}")


@overload
def as_choice(value: Any, name: str, choices: Collection[str], *, required: Literal[True]) -> str: ...
@overload
def as_choice(value: Any, name: str, choices: Collection[str], *, required: bool = False) -> str | None: ...
def as_choice(value: Any, name: str, choices: Collection[str], *, required: bool = False) -> str | None:
    """One of the documented ``choices``, in any case, as the API spells it.

    ``""`` means "not given", like ``None``.
    """
    if value is None or value == "":
        if required:
            raise MastodonIllegalArgumentError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return None
    if isinstance(value, str):
        wanted = value.strip().lower()
        for choice in choices:
            if choice.lower() == wanted:
                return choice
    raise MastodonIllegalArgumentError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


@overload
def as_datetime(value: Any, name: str, *, required: Literal[True]) -> datetime: ...
@overload
def as_datetime(value: Any, name: str, *, required: bool = False) -> datetime | None: ...
def as_datetime(value: Any, name: str, *, required: bool = False) -> datetime | None:
    """A point in time, as an aware datetime.

    A naive datetime is taken as local time (as both classic clients take it),
    an aware one is kept as it is.
    """
    if value is None:
        if required:
            raise _missing(name, "a datetime")
        return None
    if not isinstance(value, datetime):
        raise MastodonIllegalArgumentError(f"{name} must be a datetime, not {value!r}")
    return value if value.utcoffset() is not None else value.astimezone()


def tag_name(value: Any, name: str, *, in_path: bool = True, allow_hash: bool = False) -> str:
    """A hashtag's name, from a string or a :class:`Tag`.

    A leading ``#`` is refused, as in both classic clients: the API wants the
    name alone. ``allow_hash`` lets it through, for the one parameter both
    classic clients send as given and the server reads either way
    (``account_statuses(tagged=...)``). Surrounding whitespace is dropped. A name that goes into a URL
    path must not be empty (``tag("")`` would ask for another endpoint); one
    sent as a parameter may be, for the server to judge.
    """
    given = value.get("name") if isinstance(value, Mapping) else value
    if not isinstance(given, str):
        raise MastodonIllegalArgumentError(f"{name} must be a hashtag name or a Tag, not {type(given).__name__}")
    text = given.strip()
    if text.startswith("#") and not allow_hash:
        raise MastodonIllegalArgumentError(f"{name}: give the hashtag's name without its leading '#' ({text[1:]!r}, not {text!r})")
    if in_path and not text:
        raise MastodonIllegalArgumentError(f"{name} must not be empty")
    return text


def check_text(value: Any, name: str, *, allow_empty: bool = False) -> str:
    """A string, which must not be blank unless ``allow_empty``.

    Blank is refused only where it would change the request itself (a name in
    a URL path, a search the client makes); a blank parameter is the server's
    to judge, so most callers pass ``allow_empty=True``.
    """
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be a string, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise MastodonIllegalArgumentError(f"{name} must not be empty")
    return value


def check_optional_text(value: Any, name: str) -> str | None:
    """``None`` or any string (an empty one clears a field)."""
    return None if value is None else check_text(value, name, allow_empty=True)


def check_strings(values: Any, name: str) -> list[str] | None:
    """``None`` or a list of strings (a bare string is refused: it is not a list)."""
    if values is None:
        return None
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a list of strings, not {type(values).__name__}")
    return [check_text(v, f"{name}[{i}]", allow_empty=True) for i, v in enumerate(values)]


# -- the client's own settings ----------------------------------------------------------


def check_int(value: Any, name: str, minimum: int = 0, *, required: bool = False) -> int | None:
    """An int (not a bool) of at least ``minimum``; ``None`` passes unless ``required``."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        if minimum == 0:
            wanted = "a non-negative integer"
        elif minimum == 1:
            wanted = "a positive integer"
        else:
            wanted = f"an integer of at least {minimum}"
        raise MastodonIllegalArgumentError(f"{name} must be {wanted}, not {value!r}")
    return value


def check_choice(value: Any, name: str, choices: Collection[str], *, required: bool = False) -> str | None:
    """Exactly one of ``choices``; ``None`` passes unless ``required``."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or value not in choices:
        raise MastodonIllegalArgumentError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


# -- arguments built in several places --------------------------------------------------


def profile_fields(fields: Any) -> dict[str, dict[str, str | None]] | None:
    """Profile fields as ``fields_attributes[<n>][name|value]`` parameters.

    Each field must be a ``(name, value)`` pair. A name or value that is not a
    string is sent as ``str(value)`` (``("Born", 1990)`` sends ``"1990"``), as
    the classic client sent it; ``None`` is left out. The number of fields is
    not checked: servers configure their own maximum (4 by default).
    """
    if fields is None:
        return None
    if isinstance(fields, (str, bytes)) or not isinstance(fields, Sequence):
        raise MastodonIllegalArgumentError("fields must be a list of (name, value) tuples")
    result: dict[str, dict[str, str | None]] = {}
    for index, field in enumerate(fields):
        if isinstance(field, (str, bytes)) or not isinstance(field, Sequence) or len(field) != 2:
            raise MastodonIllegalArgumentError(f"fields[{index}] must be a (name, value) tuple, not {field!r}")
        name, value = (None if part is None else str(part) for part in field)
        result[str(index)] = {"name": name, "value": value}
    return result


def profile_images(
    avatar: MediaInput | None,
    avatar_mime_type: str | None,
    header: MediaInput | None,
    header_mime_type: str | None,
) -> dict[str, Any] | None:
    """The multipart parts for a new avatar and/or header, or ``None`` for neither."""
    files: dict[str, Any] = {}
    if avatar is not None:
        files["avatar"] = read_media(avatar, avatar_mime_type, None, "avatar")
    if header is not None:
        files["header"] = read_media(header, header_mime_type, None, "header")
    return files or None


def poll_params(poll: Any) -> dict[str, Any] | None:
    """Check a ``poll`` argument (as made by ``make_poll``) and return the fields to send.

    ``options`` must be a list; ``expires_in``, ``multiple`` and ``hide_totals``
    are converted as :func:`as_int` and :func:`as_bool` do. How many options,
    and how long a poll may run, are the server's to judge.
    """
    if poll is None:
        return None
    if not isinstance(poll, Mapping):
        raise MastodonIllegalArgumentError("poll must be the dict returned by make_poll()")
    options = poll.get("options")
    if isinstance(options, (str, bytes)) or not isinstance(options, Sequence):
        raise MastodonIllegalArgumentError(f"poll['options'] must be a list of answers, not {options!r}")
    return {
        "options": list(options),
        "expires_in": as_int(poll.get("expires_in"), "poll['expires_in']"),
        "multiple": as_bool(poll.get("multiple"), "poll['multiple']"),
        "hide_totals": as_bool(poll.get("hide_totals"), "poll['hide_totals']"),
    }


def focus_string(focus: Any, name: str = "focus") -> str | None:
    """An ``(x, y)`` focal point as the ``"x,y"`` the API takes.

    Both coordinates must be numbers; the API documents them from -1.0 to 1.0,
    and the server judges values outside that.
    """
    if focus is None:
        return None
    if isinstance(focus, (str, bytes)) or not isinstance(focus, Sequence) or len(focus) != 2:
        raise MastodonIllegalArgumentError(f"{name} must be an (x, y) pair, not {focus!r}")
    for coord in focus:
        if isinstance(coord, bool) or not _real(coord):
            raise MastodonIllegalArgumentError(f"{name} coordinates must be numbers, got {focus!r}")
    return f"{focus[0]},{focus[1]}"
