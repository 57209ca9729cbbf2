"""Search (v1 and v2)."""

from __future__ import annotations

from .._checks import as_bool, as_choice, as_int, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonVersionError
from ..types import EntityOrId, PageBound, Search, SearchV2
from .pagination import page_bound

__all__ = ["SearchMixin"]

_RESULT_TYPES = ("accounts", "hashtags", "statuses")


class SearchMixin(RequestCore):
    """Search (v1 and v2)."""

    @api_version("1.1.0", "2.8.0")
    def search(
        self,
        q: str,
        resolve: bool = True,
        result_type: str | None = None,
        account_id: EntityOrId | None = None,
        offset: int | None = None,
        min_id: PageBound = None,
        max_id: PageBound = None,
        exclude_unreviewed: bool = True,
        limit: int | None = None,
    ) -> Search | SearchV2:
        """Search for accounts, statuses and hashtags, with the best search the server has.

        Servers running Mastodon 2.4.1 or later get :meth:`search_v2` with all
        parameters; older ones :meth:`search_v1`, which only knows ``q`` and
        ``resolve`` and returns hashtags as plain strings. The parameters not
        described here are those of :meth:`search_v2`.

        :param q: what to search for: words, ``user@domain``, or a URL.
        :param resolve: let the server look up remote accounts and URLs it does
            not know yet (needs a user token).
        :returns: a :class:`SearchV2` (or :class:`Search` from old servers) with
            ``accounts``, ``statuses`` and ``hashtags`` lists.
        :raises MastodonVersionError: when parameters only :meth:`search_v2`
            knows are given to a server older than 2.4.1.
        """
        if self.verify_minimum_version("2.4.1", cached=True):
            return self.search_v2(q, resolve, result_type, account_id, offset, min_id, max_id, exclude_unreviewed, limit)
        extra = {"result_type": result_type, "account_id": account_id, "offset": offset, "min_id": min_id, "max_id": max_id, "limit": limit}
        given = [name for name, value in extra.items() if value is not None]
        if given:
            raise MastodonVersionError(f"the server is older than 2.4.1 and cannot search with {', '.join(given)}")
        return self.search_v1(q, resolve)

    @api_version("1.1.0", "2.1.0")
    def search_v1(self, q: str, resolve: bool = False) -> Search:
        """Search with the first search endpoint, removed in Mastodon 3.0.0.

        :param q: what to search for.
        :param resolve: let the server look up remote accounts it does not know yet.
        :returns: a :class:`Search` whose ``hashtags`` are plain strings.
        """
        params = {"q": check_text(q, "q", allow_empty=True), "resolve": as_bool(resolve, "resolve")}
        return self._get("/api/v1/search", params, returns=Search)

    @api_version("2.4.1", "2.8.0")
    def search_v2(
        self,
        q: str,
        resolve: bool = True,
        result_type: str | None = None,
        account_id: EntityOrId | None = None,
        offset: int | None = None,
        min_id: PageBound = None,
        max_id: PageBound = None,
        exclude_unreviewed: bool = True,
        limit: int | None = None,
    ) -> SearchV2:
        """Search for accounts, statuses and hashtags.

        Which statuses can be found depends on the server's search backend;
        full-text search needs a user token.

        :param q: what to search for: words, ``user@domain``, or a URL.
        :param resolve: let the server look up remote accounts (by WebFinger)
            and URLs it does not know yet. Needs a user token.
        :param result_type: only search for ``"accounts"``, ``"hashtags"`` or
            ``"statuses"``.
        :param account_id: only statuses written by this account.
        :param offset: skip this many results (only with ``result_type``; needs a user token).
        :param exclude_unreviewed: leave out hashtags the moderators have not reviewed.
        :param limit: how many results to return per type (the server caps it, usually at 40).
        :returns: a :class:`SearchV2` with ``accounts``, ``statuses`` and
            ``hashtags`` (:class:`Tag` entities) lists.
        :raises MastodonIllegalArgumentError: for an unknown ``result_type``, or an
            argument of the wrong type.
        """
        params = {
            "q": check_text(q, "q", allow_empty=True),
            "resolve": as_bool(resolve, "resolve"),
            "type": as_choice(result_type, "result_type", _RESULT_TYPES),
            "account_id": None if account_id is None else self._unpack_id(account_id, "account_id"),
            "offset": as_int(offset, "offset"),
            "min_id": page_bound(min_id, "min_id"),
            "max_id": page_bound(max_id, "max_id"),
            "exclude_unreviewed": as_bool(exclude_unreviewed, "exclude_unreviewed"),
            "limit": as_int(limit, "limit"),
        }
        return self._get("/api/v2/search", params, returns=SearchV2)
