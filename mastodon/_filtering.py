"""Client-side filter matching: which statuses keyword filters hide.

Mastodon before 4.0 left applying filters to the client; :meth:`Mastodon.filters_apply`
does it with :func:`apply_filters`. Nothing here sends a request.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from .errors import MastodonIllegalArgumentError
from .types import AttribAccessList, parse_datetime

__all__ = ["apply_filters"]


def apply_filters(objects: Iterable[Any], filters: Iterable[Mapping[str, Any]], context: str) -> AttribAccessList[Any]:
    """The objects no filter that applies in ``context`` matches, in their order.

    See :meth:`Mastodon.filters_apply` for what matches; ``context`` must already
    have been checked against :data:`mastodon._checks.FILTER_CONTEXTS`.

    :raises MastodonIllegalArgumentError: when ``objects`` or ``filters`` are not
        lists of dicts.
    """
    if isinstance(objects, (str, Mapping)) or not isinstance(objects, Iterable):
        raise MastodonIllegalArgumentError("objects must be a list of statuses or notifications")
    matches = _matcher(filters, context)
    kept: AttribAccessList[Any] = AttribAccessList()
    for item in objects:
        if not isinstance(item, Mapping):
            raise MastodonIllegalArgumentError(f"objects must hold dicts, not {type(item).__name__}")
        if not any(matches(status) for status in _statuses_of(item)):
            kept.append(item)
    if isinstance(objects, AttribAccessList):
        for attr in ("_pagination_next", "_pagination_prev"):
            setattr(kept, attr, getattr(objects, attr))
    return kept


def _matcher(filters: Iterable[Mapping[str, Any]], context: str) -> Callable[[Mapping[str, Any]], bool]:
    """A test telling whether any filter active in ``context`` matches a status."""
    if isinstance(filters, (str, Mapping)) or not isinstance(filters, Iterable):
        raise MastodonIllegalArgumentError("filters must be a list of filters")
    now = datetime.now(timezone.utc)
    patterns: list[str] = []
    status_ids: set[str] = set()
    for filter_ in filters:
        if not isinstance(filter_, Mapping):
            raise MastodonIllegalArgumentError(f"filters must hold dicts, not {type(filter_).__name__}")
        if context not in (filter_.get("context") or ()) or _is_expired(filter_, now):
            continue
        patterns += [
            _phrase_pattern(phrase, whole_word) for phrase, whole_word in _filter_phrases(filter_) if isinstance(phrase, str) and phrase
        ]
        status_ids |= {
            str(entry["status_id"])
            for entry in filter_.get("statuses") or []
            if isinstance(entry, Mapping) and entry.get("status_id") is not None
        }
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None

    def matches(status: Mapping[str, Any]) -> bool:
        if status.get("id") is not None and str(status["id"]) in status_ids:
            return True
        return pattern is not None and pattern.search(_searchable_text(status)) is not None

    return matches


# Patterns as strings: re compiles (and caches) them on first use, so programs
# that never filter client-side do not pay for them at import.
_BREAK = r"(?i)<br\s*/?>"
_PARAGRAPH = r"(?i)</p>\s*<p[^>]*>"
_TAG = r"<[^>]*>"
_WORD_CHAR = r"\w"


def _plain_text(content: Any) -> str:
    """Status HTML as the text a reader sees: line breaks kept, tags and entities gone."""
    if not isinstance(content, str):
        return ""
    import html  # here, not at the top: it adds to every program's import time

    text = re.sub(_PARAGRAPH, "\n\n", re.sub(_BREAK, "\n", content))
    return html.unescape(re.sub(_TAG, "", text))


def _searchable_text(status: Mapping[str, Any]) -> str:
    """Everything a filter phrase is matched against in one status."""
    parts = [str(status.get("spoiler_text") or ""), _plain_text(status.get("content"))]
    poll = status.get("poll")
    if isinstance(poll, Mapping):
        parts += [str(option.get("title") or "") for option in poll.get("options") or [] if isinstance(option, Mapping)]
    for media in status.get("media_attachments") or []:
        if isinstance(media, Mapping) and media.get("description"):
            parts.append(str(media["description"]))
    return "\n".join(parts)


def _phrase_pattern(phrase: str, whole_word: bool) -> str:
    """A regex for one phrase. With ``whole_word`` the match may not continue a word:
    a boundary is required at each end of the phrase that is a word character."""
    pattern = re.escape(phrase)
    if whole_word:
        if re.match(_WORD_CHAR, phrase[0]):
            pattern = r"(?<!\w)" + pattern
        if re.match(_WORD_CHAR, phrase[-1]):
            pattern += r"(?!\w)"
    return pattern


def _is_expired(filter_: Mapping[str, Any], now: datetime) -> bool:
    expires = filter_.get("expires_at")
    if isinstance(expires, str) and expires:
        expires = parse_datetime(expires)
    return isinstance(expires, datetime) and expires.tzinfo is not None and expires <= now


def _filter_phrases(filter_: Mapping[str, Any]) -> list[tuple[Any, bool]]:
    """(phrase, whole_word) pairs of a v1 filter, or of each keyword of a v2 filter."""
    if "phrase" in filter_:
        return [(filter_["phrase"], bool(filter_.get("whole_word", True)))]
    return [
        (keyword.get("keyword"), bool(keyword.get("whole_word", True)))
        for keyword in filter_.get("keywords") or []
        if isinstance(keyword, Mapping)
    ]


def _statuses_of(item: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The status (and the status it boosts) a timeline item or notification carries."""
    status: Any = item if ("content" in item or "spoiler_text" in item) else item.get("status")
    found: list[Mapping[str, Any]] = []
    while isinstance(status, Mapping) and len(found) < 2:
        found.append(status)
        status = status.get("reblog")
    return found
