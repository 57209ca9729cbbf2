"""Pages of results, walked the way Mastodon pages them."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Bounds:
    """A request's paging parameters, already read."""

    max_id: int | None = None
    since_id: int | None = None
    min_id: int | None = None
    limit: int = 20


class Page(list[T]):
    """One page of results and the ids its ``Link`` header points from.

    ``first_id``/``last_id`` are the paging ids of the first and last item (for
    favourites or followers they are not the entities' own ids, as in Mastodon);
    ``full`` says whether the page was filled up to its limit, which is when
    Mastodon sends a ``next`` link.
    """

    first_id: int | None = None
    last_id: int | None = None
    full: bool = False


def _pick(keys: list[int], indexes: range, item: Callable[[int], T | None], limit: int) -> list[tuple[int, T]]:
    picked: list[tuple[int, T]] = []
    for index in indexes:
        if len(picked) == limit:
            break
        entity = item(keys[index])
        if entity is not None:
            picked.append((keys[index], entity))
    return picked


def paginate(keys: list[int], item: Callable[[int], T | None], bounds: Bounds) -> Page[T]:
    """Walk ``keys`` (paging ids, ascending) the way Mastodon pages: newest first
    below ``max_id`` and above ``since_id``; with ``min_id``, the oldest ones
    right after it (still returned newest first). ``item`` maps a key to the
    entity, or ``None`` to skip it (not visible to the viewer)."""
    page: Page[T] = Page()
    if bounds.limit <= 0:
        return page
    after = max(-1 if bounds.min_id is None else bounds.min_id, -1 if bounds.since_id is None else bounds.since_id)
    low = bisect.bisect_right(keys, after)
    high = bisect.bisect_left(keys, bounds.max_id) if bounds.max_id is not None else len(keys)
    if bounds.min_id is not None:
        picked = _pick(keys, range(low, high), item, bounds.limit)
        picked.reverse()
    else:
        picked = _pick(keys, range(high - 1, low - 1, -1), item, bounds.limit)
    page.extend(entity for _, entity in picked)
    if picked:
        page.first_id, page.last_id = picked[0][0], picked[-1][0]
    page.full = len(picked) == bounds.limit
    return page
