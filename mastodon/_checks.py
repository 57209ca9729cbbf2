"""Argument checks shared by the API areas, and the arguments several areas build.

Each check raises :class:`MastodonIllegalArgumentError` with a message naming the
parameter, and returns the value it checked so that it can be used inline while
building a request's parameters. ``None`` means "not given": it passes
:func:`check_int`, :func:`check_bool` and :func:`check_choice` unless they are
called with ``required=True``; :func:`check_text` always wants a string.

The documented choices that more than one area accepts (visibilities, quote
policies) are defined here once, as are the arguments built the same way in
several places (polls, focal points, profile fields and images).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from ._encoding import MediaInput, read_media
from .errors import MastodonIllegalArgumentError

__all__ = [
    "FILTER_CONTEXTS",
    "QUOTE_POLICIES",
    "REBLOG_VISIBILITIES",
    "REPORT_CATEGORIES",
    "STATUS_VISIBILITIES",
    "check_aware_datetime",
    "check_bool",
    "check_choice",
    "check_choice_or_empty",
    "check_int",
    "check_limit",
    "check_optional_text",
    "check_strings",
    "check_text",
    "focus_string",
    "poll_params",
    "profile_fields",
    "profile_images",
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


def check_limit(limit: Any) -> int | None:
    """``None`` or a positive int: how many results to return at most."""
    return check_int(limit, "limit", 1)


def check_bool(value: Any, name: str, *, required: bool = False) -> bool | None:
    """A real bool (``"false"`` would be read as true by the server); ``None``
    passes unless ``required``."""
    if (value is not None or required) and not isinstance(value, bool):
        raise MastodonIllegalArgumentError(f"{name} must be True or False, not {value!r}")
    return value


def check_choice(value: Any, name: str, choices: Collection[str], *, required: bool = False) -> str | None:
    """One of ``choices``; ``None`` passes unless ``required``."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or value not in choices:
        raise MastodonIllegalArgumentError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def check_choice_or_empty(value: str | None, name: str, choices: Collection[str]) -> str | None:
    """:func:`check_choice`, with ``""`` also meaning "not given"."""
    return check_choice(None if value == "" else value, name, choices)


def check_text(value: Any, name: str, *, allow_empty: bool = False) -> str:
    """A string, which must not be blank unless ``allow_empty``."""
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be a string, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise MastodonIllegalArgumentError(f"{name} must not be empty")
    return value


def check_optional_text(value: Any, name: str) -> str | None:
    """``None`` or any string (an empty one clears a field)."""
    return None if value is None else check_text(value, name, allow_empty=True)


def check_strings(values: Any, name: str) -> list[str] | None:
    """``None`` or a list of non-blank strings (a bare string is refused)."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise MastodonIllegalArgumentError(f"{name} must be a list of strings, not {type(values).__name__}")
    return [check_text(v, f"{name}[{i}]") for i, v in enumerate(values)]


def check_aware_datetime(value: Any, name: str) -> datetime | None:
    """``None`` or a timezone-aware datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise MastodonIllegalArgumentError(f"{name} must be a timezone-aware datetime")
    return value


def profile_fields(fields: Any) -> dict[str, dict[str, str]] | None:
    """Profile fields as ``fields_attributes[<n>][name|value]`` parameters.

    Each field must be a ``(name, value)`` pair of strings. The number of fields is
    not checked: servers configure their own maximum (4 by default).
    """
    if fields is None:
        return None
    if isinstance(fields, (str, bytes)) or not isinstance(fields, Sequence):
        raise MastodonIllegalArgumentError("fields must be a list of (name, value) tuples")
    result: dict[str, dict[str, str]] = {}
    for index, field in enumerate(fields):
        if not isinstance(field, (tuple, list)) or len(field) != 2 or not all(isinstance(part, str) for part in field):
            raise MastodonIllegalArgumentError(f"fields[{index}] must be a (name, value) tuple of two strings, not {field!r}")
        result[str(index)] = {"name": field[0], "value": field[1]}
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
    """Check a ``poll`` argument (as made by ``make_poll``) and return the fields to send."""
    if poll is None:
        return None
    if not isinstance(poll, Mapping):
        raise MastodonIllegalArgumentError("poll must be the dict returned by make_poll()")
    options = poll.get("options")
    if not isinstance(options, (list, tuple)) or len(options) < 2:
        raise MastodonIllegalArgumentError("poll needs 'options': a list of at least two answers")
    if poll.get("expires_in") is None:
        raise MastodonIllegalArgumentError("poll needs 'expires_in' (seconds the poll stays open)")
    return {
        "options": list(options),
        "expires_in": poll["expires_in"],
        "multiple": poll.get("multiple"),
        "hide_totals": poll.get("hide_totals"),
    }


def focus_string(focus: Any, name: str = "focus") -> str | None:
    """An ``(x, y)`` focal point, both from -1.0 to 1.0, as the ``"x,y"`` the API takes."""
    if focus is None:
        return None
    if not isinstance(focus, (tuple, list)) or len(focus) != 2:
        raise MastodonIllegalArgumentError(f"{name} must be an (x, y) pair, not {focus!r}")
    for coord in focus:
        if isinstance(coord, bool) or not isinstance(coord, (int, float)) or not -1.0 <= coord <= 1.0:
            raise MastodonIllegalArgumentError(f"{name} coordinates must be numbers from -1.0 to 1.0, got {focus!r}")
    return f"{focus[0]},{focus[1]}"
