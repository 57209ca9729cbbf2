"""Pagination: the page parameters endpoints send, and following the pages.

Paginated endpoints take ``max_id``, ``min_id``, ``since_id`` and ``limit``,
checked and converted by :func:`page_params`. The pages they return carry the
``Link`` header's targets (attached by :mod:`mastodon._results`), which
:meth:`PaginationMixin.fetch_next` and the other methods here follow as the
server sent them, on the client's own instance. Pagination info restored from
JSON, and the classic client's (an endpoint and its parameters, no URL), are
followed too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar, cast, overload
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from .._checks import as_int
from .._core import RequestCore, unpack_id
from .._transport import safe_url
from ..errors import MastodonError, MastodonIllegalArgumentError
from ..types import AttribAccessDict, AttribAccessList, GroupedNotificationsResults, PaginatableList, PaginationInfo

__all__ = ["PAGE_PARAMS_DOC", "PaginationMixin", "page_bound", "page_params"]

_T = TypeVar("_T")

#: What the pagination bounds mean, the same on every method that takes them.
#: The docs add these descriptions to each such method (see ``docs/conf.py``),
#: so docstrings do not repeat them.
PAGE_PARAMS_DOC = {
    "max_id": "return only results older than this bound: an id, an entity with an ``id``, "
    "or a datetime (a naive one is local time). Prefer :meth:`fetch_next`, which follows the server's own links.",
    "min_id": "return the results just newer than this bound (paging forwards).",
    "since_id": "return only results newer than this bound, newest first.",
}


def page_bound(value: Any, name: str) -> Any:
    """A pagination bound as the API takes it.

    An id or an entity with an ``id`` gives the id; a datetime gives the
    snowflake id of that instant (Mastodon's ids encode their creation time),
    a naive datetime being local time as in both classic clients; ``None``
    stays ``None``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        # timestamp() reads a naive datetime as local time.
        return int(value.timestamp() * 1000) << 16
    return unpack_id(value, name)


def page_params(max_id: Any, min_id: Any, since_id: Any, limit: Any) -> dict[str, Any]:
    """The checked ``max_id``/``min_id``/``since_id``/``limit`` parameters of a page."""
    return {
        "max_id": page_bound(max_id, "max_id"),
        "min_id": page_bound(min_id, "min_id"),
        "since_id": page_bound(since_id, "since_id"),
        "limit": as_int(limit, "limit"),
    }


def _is_page_info(value: Mapping[str, Any]) -> bool:
    """Pagination info itself, rather than a page or an item carrying some."""
    return "_pagination_url" in value or "_pagination_endpoint" in value


def _on_instance(base_url: str, path: str, query: str) -> str:
    """``path`` and ``query`` on the scheme, host and port of ``base_url``.

    An instance served under a path prefix (``https://example.com/social``)
    keeps it: a link that does not start with the prefix gets it in front.
    """
    base = urlsplit(base_url)
    prefix = base.path.rstrip("/")
    path = path if path.startswith("/") else "/" + path
    if prefix and path != prefix and not path.startswith(prefix + "/"):
        path = prefix + path
    return urlunsplit((base.scheme, base.netloc, path, query, ""))


def _kept_params(info: Mapping[str, Any], linked: set[str]) -> dict[str, Any]:
    """The parameters of ``info`` to send besides those in its link's query.

    Keys starting with ``_`` are bookkeeping (``_pagination_*``, the classic
    client's ``_mastopy_type``), never sent. ``name[]`` keys (a list, or one value)
    are sent as ``name[]`` repeated.
    """
    params: dict[str, Any] = {}
    for key, value in info.items():
        if not isinstance(key, str) or key.startswith("_") or key in linked:
            continue
        if key.endswith("[]"):
            params[key[:-2]] = value if isinstance(value, (list, tuple)) else [value]
        else:
            params[key] = value
    return params


class PaginationMixin(RequestCore):
    """Following the pages of paginated results."""

    def get_pagination_info(self, page: Any, pagination_direction: str) -> PaginationInfo | None:
        """The stored info for the page after (``"next"``) or before (``"previous"``).

        :param page: a page returned by a paginated method, or pagination info
            (as stored on a page, restored from JSON, or written by the classic
            client: ``_pagination_endpoint`` plus parameters).
        :param pagination_direction: ``"next"`` or ``"previous"``.
        :returns: the :class:`PaginationInfo`, or ``None`` when there is no such page.
        """
        if pagination_direction not in ("next", "previous", "prev"):
            raise MastodonIllegalArgumentError("pagination_direction must be 'next' or 'previous'")
        attr = "_pagination_next" if pagination_direction == "next" else "_pagination_prev"
        if isinstance(page, Mapping):
            if _is_page_info(page):
                return cast(PaginationInfo, page)  # it is pagination info itself
            # A result carries it as an attribute; one restored from JSON may hold it as a key.
            info = getattr(page, attr, None) if isinstance(page, AttribAccessDict) else page.get(attr)
            return cast(PaginationInfo, info) if isinstance(info, Mapping) else None
        info = getattr(page, attr, None) if isinstance(page, AttribAccessList) else None
        if info is None and isinstance(page, list) and page:
            item = page[-1] if attr == "_pagination_next" else page[0]
            if isinstance(item, AttribAccessDict):
                info = getattr(item, attr, None)
            elif isinstance(item, Mapping):
                info = item.get(attr)
        return cast(PaginationInfo, info) if isinstance(info, Mapping) else None

    def _fetch_page(self, info: Mapping[str, Any] | None) -> Any:
        """Fetch the page ``info`` describes, always from this client's own instance.

        A link is followed with its path and query, on the scheme, host and port
        of ``api_base_url``: a server behind a proxy may name itself differently
        (``localhost`` for ``127.0.0.1``, another port or case), and the token
        must never go anywhere else. Pagination info without a URL (the classic
        client's) is the endpoint plus the parameters to send.
        """
        if info is None:
            return None
        method = str(info.get("_pagination_method") or "GET").upper()
        url = info.get("_pagination_url")
        if isinstance(url, str) and url:
            try:
                parts = urlsplit(url)
            except ValueError:
                raise MastodonIllegalArgumentError(f"pagination info holds a URL that cannot be read: {safe_url(url)}") from None
            linked = {key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
            target = _on_instance(self.api_base_url, parts.path, parts.query)
            return self._request(method, target, _kept_params(info, linked))
        endpoint = info.get("_pagination_endpoint")
        if isinstance(endpoint, str) and endpoint:
            parts = urlsplit(endpoint)
            return self._request(method, _on_instance(self.api_base_url, parts.path, parts.query), _kept_params(info, set()))
        raise MastodonIllegalArgumentError("pagination info has neither a _pagination_url nor a _pagination_endpoint to follow")

    @overload
    def fetch_next(self, previous_page: list[_T]) -> PaginatableList[_T] | None: ...
    @overload
    def fetch_next(self, previous_page: GroupedNotificationsResults) -> GroupedNotificationsResults | None: ...
    @overload
    def fetch_next(self, previous_page: AttribAccessDict) -> Any: ...
    def fetch_next(self, previous_page: Any) -> Any:
        """The page after ``previous_page``.

        :param previous_page: a page returned by a paginated method, or its
            pagination info.
        :returns: the next page, of the same type as ``previous_page``; ``None``
            when there is none.
        """
        return self._fetch_page(self.get_pagination_info(previous_page, "next"))

    @overload
    def fetch_previous(self, next_page: list[_T]) -> PaginatableList[_T] | None: ...
    @overload
    def fetch_previous(self, next_page: GroupedNotificationsResults) -> GroupedNotificationsResults | None: ...
    @overload
    def fetch_previous(self, next_page: AttribAccessDict) -> Any: ...
    def fetch_previous(self, next_page: Any) -> Any:
        """The page before ``next_page``.

        :param next_page: a page returned by a paginated method, or its
            pagination info.
        :returns: the previous page, of the same type as ``next_page``; ``None``
            when there is none.
        """
        return self._fetch_page(self.get_pagination_info(next_page, "previous"))

    @overload
    def fetch_remaining(self, first_page: list[_T]) -> PaginatableList[_T]: ...
    @overload
    def fetch_remaining(self, first_page: Any) -> PaginatableList[Any]: ...
    def fetch_remaining(self, first_page: Any) -> PaginatableList[Any]:
        """Every item from ``first_page`` on, following ``next`` links to the end.

        :param first_page: a page returned by a paginated method, or pagination
            info (see :meth:`get_pagination_info`).
        :returns: one list of every item, those of ``first_page`` first (the same
            objects, not copies).
        :raises MastodonError: when a page fails, of the class the failure maps to.
            Nothing fetched is lost: the exception's ``items`` attribute holds every
            item fetched before the failure (the first page included), and its
            ``next_page`` attribute the pagination info to resume with
            (``api.fetch_next(exc.next_page)``).
        """
        items: PaginatableList[Any] = AttribAccessList(first_page if isinstance(first_page, list) else [])
        info = self.get_pagination_info(first_page, "next")
        while info is not None:
            try:
                page = self._fetch_page(info)
            except MastodonError as exc:
                exc.items = items  # type: ignore[attr-defined]
                exc.next_page = info  # type: ignore[attr-defined]
                raise
            if not page:
                break
            items.extend(page)
            info = self.get_pagination_info(page, "next")
        return items

    # Items, or (item, info) pairs with return_pagination_info, of the page's item type.
    @overload
    def pagination_iterator(
        self, start_page: list[_T], direction: str = "next", return_pagination_info: Literal[False] = False
    ) -> Iterator[_T]: ...
    @overload
    def pagination_iterator(
        self, start_page: list[_T], direction: str = "next", *, return_pagination_info: Literal[True]
    ) -> Iterator[tuple[_T, PaginationInfo | None]]: ...
    @overload
    def pagination_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]: ...
    def pagination_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]:
        """Yield items one by one, following pages lazily in ``direction``.

        :param start_page: a page returned by a paginated method.
        :param direction: ``"next"`` or ``"previous"``.
        :param return_pagination_info: yield ``(item, info)`` pairs, ``info``
            being the pagination info of the page after the item's.
        """
        for page in self.pagination_page_iterator(start_page, direction, return_pagination_info):
            if return_pagination_info:
                items, info = page
                for item in items:
                    yield item, info
            else:
                yield from page

    # Pages, or (page, info) pairs with return_pagination_info, of the start page's item type.
    @overload
    def pagination_page_iterator(
        self, start_page: list[_T], direction: str = "next", return_pagination_info: Literal[False] = False
    ) -> Iterator[list[_T]]: ...
    @overload
    def pagination_page_iterator(
        self, start_page: list[_T], direction: str = "next", *, return_pagination_info: Literal[True]
    ) -> Iterator[tuple[list[_T], PaginationInfo | None]]: ...
    @overload
    def pagination_page_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]: ...
    def pagination_page_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]:
        """Yield whole pages, starting with ``start_page``, following ``direction``.

        :param start_page: a page returned by a paginated method.
        :param direction: ``"next"`` or ``"previous"``.
        :param return_pagination_info: yield ``(page, info)`` pairs, ``info``
            being the pagination info of the page after it.
        """
        if direction not in ("next", "previous"):
            raise MastodonIllegalArgumentError("direction must be 'next' or 'previous'")
        page = start_page
        while page:
            info = self.get_pagination_info(page, direction)
            yield (page, info) if return_pagination_info else page
            page = self._fetch_page(info)
