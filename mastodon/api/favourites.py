"""Favourited and bookmarked statuses."""

from __future__ import annotations

from .._core import RequestCore
from .._server import api_version
from ..types import PageBound, PaginatableList, Status
from .pagination import page_params

__all__ = ["FavouritesMixin"]


class FavouritesMixin(RequestCore):
    """Favourited and bookmarked statuses."""

    @api_version("1.0.0", "2.6.0")
    def favourites(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the statuses the logged-in user has favourited, latest favourite first.

        The order is by when the favourite was given, so the pagination bounds are
        internal ids, not status ids: use :meth:`fetch_next` to page.

        :param limit: how many statuses to return at most (server default 20, max 40).
        :returns: a page of :class:`Status`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/favourites", params, returns=PaginatableList)

    @api_version("3.1.0", "3.1.0")
    def bookmarks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the statuses the logged-in user has bookmarked, latest bookmark first.

        As with :meth:`favourites`, the pagination bounds are internal ids: use
        :meth:`fetch_next` to page.

        :param limit: how many statuses to return at most (server default 20, max 40).
        :returns: a page of :class:`Status`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/bookmarks", params, returns=PaginatableList)
