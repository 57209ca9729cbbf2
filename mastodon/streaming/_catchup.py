"""Catching up over REST on what a stream missed while it reconnected."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

log = logging.getLogger("mastodon")


# Records here and in mastodon/api/streaming.py are small plain classes, not
# dataclasses or NamedTuples: those cost every `import mastodon` time (dataclasses
# alone imports inspect, several ms), and these records need no more than this.

NO_PARAMS: Mapping[str, Any] = MappingProxyType({})
"""An empty, read-only mapping: the default ``params``, safe to share."""


class CatchUpSource:
    """Where to fetch missed events of one kind: ``event`` (``update`` or
    ``notification``) from the REST ``path`` with ``params``."""

    __slots__ = ("event", "params", "path")

    def __init__(self, event: str, path: str, params: Mapping[str, Any] = NO_PARAMS) -> None:
        self.event = event
        self.path = path
        self.params = params

    def __repr__(self) -> str:
        return f"CatchUpSource(event={self.event!r}, path={self.path!r}, params={self.params!r})"


Fetch = Callable[[str, Mapping[str, Any] | None], Any]


class _RecentIds:
    """A bounded set of recently delivered ids (oldest forgotten first)."""

    def __init__(self, size: int) -> None:
        self._ids: OrderedDict[Any, None] = OrderedDict()
        self._size = size

    def add(self, value: Any) -> bool:
        """Remember ``value``; False if it was already there."""
        if value in self._ids:
            return False
        self._ids[value] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def _id_key(value: Any) -> tuple[int, int, str]:
    """Sort key for ids: numbers numerically, strings by length then text (sortable
    ids such as ULIDs and Pleroma flake ids compare correctly that way)."""
    if isinstance(value, int):
        return (0, value, "")
    text = str(value)
    return (1, len(text), text)


class CatchUp:
    """Fetches, after a reconnect, the statuses and notifications the stream missed.

    It remembers the newest id seen per event kind and the last ``remember``
    ids delivered. Before the first connection it records the newest existing
    id (one REST request per source: :meth:`anchor`). After every connection
    (the first one too, for what appeared while connecting) it pages forward
    with ``min_id`` from the newest id seen, following the server's ``prev``
    links, and delivers the missed items oldest first (:meth:`run`); live
    events already delivered that way are suppressed afterwards.

    Only creations are caught up: deletes, edits and other events have no REST
    history to fetch.
    """

    def __init__(
        self,
        fetch: Fetch,
        sources: Iterable[CatchUpSource],
        *,
        api_base_url: str = "",
        page_size: int = 40,
        max_pages: int = 200,
        remember: int = 10000,
    ) -> None:
        self.sources = list(sources)
        self._fetch = fetch
        self._base = api_base_url
        self._page_size = page_size
        self._max_pages = max_pages
        self._events = frozenset(source.event for source in self.sources)
        self._seen = {event: _RecentIds(remember) for event in self._events}
        self.newest: dict[str, Any] = {}
        self.caught_up = 0  # items delivered by catching up, for the curious

    def accept(self, name: str, payload: Any) -> bool:
        """Record a live or fetched event; False if it is a duplicate to drop."""
        if name not in self._events or not isinstance(payload, dict):
            return True
        item_id = payload.get("id")
        if item_id is None:
            return True
        if not self._seen[name].add(item_id):
            return False
        newest = self.newest.get(name)
        if newest is None or _id_key(item_id) > _id_key(newest):
            self.newest[name] = item_id
        return True

    def anchor(self) -> None:
        """Record the newest existing id of each source that has none yet."""
        for source in self.sources:
            if source.event in self.newest:
                continue
            page = self._fetch(source.path, {**source.params, "limit": 1})
            ids = [item.get("id") for item in page or () if isinstance(item, dict) and item.get("id") is not None]
            if ids:
                self.newest[source.event] = max(ids, key=_id_key)
            else:
                self.newest[source.event] = None  # nothing exists yet: everything is new

    def run(self, deliver: Callable[[str, Any], None]) -> int:
        """Fetch and deliver everything newer than the newest id seen; return the count."""
        delivered = 0
        for source in self.sources:
            if source.event not in self.newest:
                continue  # never anchored: nothing known to catch up from
            delivered += self._run_source(source, deliver)
        self.caught_up += delivered
        return delivered

    def _run_source(self, source: CatchUpSource, deliver: Callable[[str, Any], None]) -> int:
        delivered = 0
        since = self.newest.get(source.event)
        # None: nothing existed when anchored, so everything is new; min_id 0 pages from the oldest.
        params: dict[str, Any] = {**source.params, "limit": self._page_size, "min_id": 0 if since is None else since}
        page = self._fetch(source.path, params)
        for _ in range(self._max_pages):
            items = [item for item in page or () if isinstance(item, dict) and item.get("id") is not None]
            if not items:
                return delivered
            fresh = 0
            for item in sorted(items, key=lambda item: _id_key(item["id"])):
                if self.accept(source.event, item):
                    deliver(source.event, item)
                    fresh += 1
            delivered += fresh
            if not fresh:
                return delivered  # a server ignoring min_id would repeat itself forever
            page = self._fetch(*self._next_page(source, page))
        log.warning("catching up %s stopped after %d pages", source.path, self._max_pages)
        return delivered

    def _next_page(self, source: CatchUpSource, page: Any) -> tuple[str, Mapping[str, Any] | None]:
        info = getattr(page, "_pagination_prev", None)
        url = info.get("_pagination_url") if isinstance(info, dict) else None
        if isinstance(url, str) and self._base and url.startswith(self._base + "/"):
            return url, None
        newest = self.newest.get(source.event)
        return source.path, {**source.params, "limit": self._page_size, "min_id": 0 if newest is None else newest}
