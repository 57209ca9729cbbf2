"""Trending tags, statuses and links."""

from __future__ import annotations

from typing import Any

from .._checks import as_int, check_optional_text
from .._core import RequestCore
from .._server import api_version
from ..types import NonPaginatableList, PaginatableList, Status, Tag, TrendingLink

__all__ = ["TrendsMixin"]


class TrendsMixin(RequestCore):
    """Trending tags, statuses and links.

    Trends are ranked by the server's trending score, not by time. ``lang``
    asks for the trends of one language, as the server's locale handling
    understands it (the request's ``lang`` parameter).
    """

    def _trend_params(self, limit: Any, offset: Any, lang: Any) -> dict[str, Any]:
        return {"limit": as_int(limit, "limit"), "offset": as_int(offset, "offset"), "lang": check_optional_text(lang, "lang")}

    def _trending_tags(self, params: dict[str, Any]) -> PaginatableList[Tag]:
        # Mastodon 3.5.0 moved the list to /trends/tags; /trends stays as an old alias.
        path = "/api/v1/trends/tags" if self.verify_minimum_version("3.5.0", cached=True) else "/api/v1/trends"
        return self._get(path, params, returns=PaginatableList[Tag])

    @api_version("2.4.3", "3.5.0")
    def trends(self, limit: int | None = None) -> NonPaginatableList[Tag]:
        """List the hashtags used more than usual in the past week.

        Kept for older code; :meth:`trending_tags` also takes ``offset`` and ``lang``.

        :param limit: how many tags to return at most.
        :returns: a list of :class:`Tag`, each with its usage ``history``.
        """
        return self._trending_tags(self._trend_params(limit, None, None))

    @api_version("3.5.0", "3.5.0")
    def trending_tags(self, limit: int | None = None, offset: int | None = None, lang: str | None = None) -> PaginatableList[Tag]:
        """List the hashtags used more than usual in the past week.

        :param limit: how many tags to return at most (the server caps it, usually at 20).
        :param offset: skip this many tags (for the next page).
        :param lang: a language code to get that language's trends.
        :returns: a list of :class:`Tag`, each with its daily usage ``history``
            (``day`` as a datetime, ``uses`` and ``accounts`` as ints).
        """
        return self._trending_tags(self._trend_params(limit, offset, lang))

    @api_version("3.5.0", "3.5.0")
    def trending_statuses(self, limit: int | None = None, offset: int | None = None, lang: str | None = None) -> PaginatableList[Status]:
        """List the statuses that have drawn more interaction than others lately.

        :param limit: how many statuses to return at most (the server caps it, usually at 40).
        :param offset: skip this many statuses (for the next page).
        :param lang: a language code to get that language's trends.
        :returns: a list of :class:`Status`.
        """
        return self._get("/api/v1/trends/statuses", self._trend_params(limit, offset, lang), returns=PaginatableList[Status])

    @api_version("3.5.0", "3.5.0")
    def trending_links(self, limit: int | None = None, offset: int | None = None, lang: str | None = None) -> PaginatableList[TrendingLink]:
        """List the links shared more than others lately.

        :param limit: how many links to return at most (the server caps it, usually at 20).
        :param offset: skip this many links (for the next page).
        :param lang: a language code to get that language's trends.
        :returns: a list of :class:`TrendingLink` (a preview card with a usage ``history``);
            :meth:`timeline_link` lists the statuses sharing one.
        """
        return self._get("/api/v1/trends/links", self._trend_params(limit, offset, lang), returns=PaginatableList[TrendingLink])
