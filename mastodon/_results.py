"""What a successful answer becomes: the decoded value, with what the headers add.

:func:`read_result` is the request core's last step. It decodes the body into
result types (:func:`mastodon.types.decode_json`) and attaches what the
response's headers say about the result:

* ``Link`` (pagination): the ``next`` and ``prev`` targets, exactly as the server
  sent them (:func:`attach_pagination`, :func:`pagination_info`);
* ``Mastodon-Async-Refresh`` (4.4+): the server is still completing the answer in
  the background (:func:`parse_async_refresh_header`).

This module imports nothing of the package but the result types.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests

from .types import AttribAccessDict, AttribAccessList, _int_or_str, decode_json

__all__ = [
    "ASYNC_REFRESH_HEADER",
    "DEFAULT_RETRY",
    "PAGE_BOUNDS",
    "attach_pagination",
    "pagination_info",
    "parse_async_refresh_header",
    "read_result",
    "refresh_seconds",
]

log = logging.getLogger("mastodon")

#: The response header announcing a background refresh.
ASYNC_REFRESH_HEADER = "Mastodon-Async-Refresh"

#: Seconds to wait between polls of a refresh when the server gives no ``retry`` hint.
DEFAULT_RETRY = 3

# Compiled on first use (through re's own cache), not at import: compiling costs
# every program that imports mastodon a few hundred microseconds.
_FIELD = r'\s*([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^,]*?)\s*(?:,|$)'


def read_result(body: bytes, response: requests.Response) -> Any:
    """The value of a successful answer: ``None`` for an empty body, else the
    decoded JSON with pagination and async-refresh details attached.

    :raises ValueError: when the body is not valid JSON (the core reports it as
        :class:`~mastodon.MastodonAPIError`).
    """
    if not body or not body.strip():
        return None
    result = decode_json(body)
    attach_pagination(result, response)
    refresh = response.headers.get(ASYNC_REFRESH_HEADER)
    if refresh and isinstance(result, (AttribAccessList, AttribAccessDict)):
        _attach_async_refresh(result, refresh, response)
    return result


# -- pagination ------------------------------------------------------------------------


def attach_pagination(result: Any, response: requests.Response) -> None:
    """Store the ``Link`` header's next/prev targets on a returned list.

    The targets go on the list itself and, as the documented interface has it,
    on its last item (next) and first item (prev); a paginated answer that is a
    dict (grouped notifications) carries them itself. The URL is kept exactly as
    the server sent it, never re-derived from ids; parameters of the request
    that the link leaves out are kept beside it (see :func:`pagination_info`).
    Other values (a bare string or number) carry nothing.
    """
    if "Link" not in response.headers or not isinstance(result, (AttribAccessList, AttribAccessDict)):
        return
    links = response.links
    sent: list[tuple[str, str]] | None = None
    for rel, attr, index in (("next", "_pagination_next", -1), ("prev", "_pagination_prev", 0)):
        target = links.get(rel, {}).get("url")
        if not target:
            continue
        if sent is None:
            sent = _sent_query(response)
        try:
            info = pagination_info(target, response.request.method or "GET", sent)
        except ValueError:
            log.debug("ignoring a %s link that is not a URL: %.200r", rel, target)
            continue
        object.__setattr__(result, attr, info)
        if isinstance(result, AttribAccessList) and result and isinstance(result[index], AttribAccessDict):
            object.__setattr__(result[index], attr, info)


#: Parameters that say where a page starts: the link's own values replace them,
#: so the request's are never carried over to another page.
PAGE_BOUNDS = frozenset({"max_id", "min_id", "since_id", "offset"})


def _sent_query(response: requests.Response) -> list[tuple[str, str]]:
    """The query parameters of the request that got ``response``."""
    try:
        query = urlsplit(response.request.url or "").query
    except ValueError:
        return []
    return parse_qsl(query, keep_blank_values=True)


def pagination_info(url: str, method: str, sent: list[tuple[str, str]] | tuple[()] = ()) -> AttribAccessDict:
    """Describe a page to fetch: its query parameters plus the exact URL.

    ``sent`` are the query parameters of the request the link answers.
    Servers leave some of them out of their links (Mastodon drops
    ``expand_accounts`` and ``types[]`` from grouped notifications' links); those
    are kept here as keys beside the link's own parameters (a list for a
    ``name[]`` parameter), and sent again with the page. The page bounds
    (:data:`PAGE_BOUNDS`) are never kept: the link's own decide.

    :raises ValueError: when ``url`` cannot be read as a URL.
    """
    parts = urlsplit(url)
    info = AttribAccessDict()
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.endswith("_id") and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            info[key] = _int_or_str(value)  # the same rule as ids in answers
        else:
            info[key] = value
    linked = set(info)
    for key, value in sent:
        if key in linked or key in PAGE_BOUNDS or key.startswith("_"):
            continue
        if key.endswith("[]"):
            info.setdefault(key, []).append(value)
        else:
            info[key] = value
    info["_pagination_method"] = method
    info["_pagination_endpoint"] = parts.path
    info["_pagination_url"] = url
    return info


# -- background refreshes ----------------------------------------------------------------


def parse_async_refresh_header(value: str) -> AttribAccessDict | None:
    """Read a ``Mastodon-Async-Refresh`` header value.

    :param value: the header's value, e.g. ``id="abc", retry=3, result_count=2``.
    :returns: a dict with ``id`` (a string), ``retry`` (seconds, an int) and
        ``result_count`` (an int, when the server sent one); ``None`` when the
        value holds no id.
    """
    fields: dict[str, str] = {}
    for match in re.finditer(_FIELD, value or ""):
        key, raw = match.group(1), match.group(2)
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        fields[key] = raw
    if not fields.get("id"):
        return None
    info = AttribAccessDict(id=fields["id"], retry=refresh_seconds(fields.get("retry")))
    count = fields.get("result_count")
    if count is not None and count.isdigit():
        info["result_count"] = int(count)
    return info


def refresh_seconds(value: Any) -> int:
    """A ``retry`` hint as whole seconds; :data:`DEFAULT_RETRY` when it is missing or unreadable."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return DEFAULT_RETRY
    return value


def _attach_async_refresh(result: AttribAccessDict | AttribAccessList[Any], header: str, response: requests.Response) -> None:
    """Remember that the server is still refreshing this answer, and how to ask again."""
    info = parse_async_refresh_header(header)
    if info is not None:
        info["method"] = response.request.method or "GET"
        info["url"] = response.url
        object.__setattr__(result, "_async_refresh", info)
