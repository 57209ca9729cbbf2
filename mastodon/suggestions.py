"""Follow suggestions and endorsements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._core import RequestCore
from ._params import PageBound, check_limit, page_params
from .types import Account, EntityOrId, NonPaginatableList, PaginatableList, Suggestion
from .versions import api_version

__all__ = ["SuggestionsMixin"]


class SuggestionsMixin(RequestCore):
    """Follow suggestions and endorsements."""

    if TYPE_CHECKING:
        # Provided by UtilityMixin in the composed client.
        def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool: ...

    @api_version("2.4.3", "2.4.3")
    def suggestions(self, limit: int | None = None) -> NonPaginatableList[Suggestion] | NonPaginatableList[Account]:
        """Fetch accounts the logged-in user might want to follow.

        Uses :meth:`suggestions_v2` on Mastodon 3.4.0 and later (each item a
        :class:`Suggestion` with the ``account`` and why it is suggested), and
        :meth:`suggestions_v1` (plain accounts) on older servers.

        :param limit: how many suggestions to return at most (server default 40, max 80).
        :returns: a list of :class:`Suggestion`, or of :class:`Account` on old servers.
        """
        if self.verify_minimum_version("3.4.0", cached=True):
            return self.suggestions_v2(limit)
        return self.suggestions_v1(limit)

    @api_version("2.4.3", "2.4.3")
    def suggestions_v1(self, limit: int | None = None) -> NonPaginatableList[Account]:
        """Fetch suggested accounts with the old endpoint (deprecated in 3.4.0).

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a list of :class:`Account`.
        """
        return self._get("/api/v1/suggestions", {"limit": check_limit(limit)}, cast=NonPaginatableList)

    @api_version("3.4.0", "3.4.0")
    def suggestions_v2(self, limit: int | None = None) -> NonPaginatableList[Suggestion]:
        """Fetch suggested accounts, each with the reason it is suggested.

        :param limit: how many suggestions to return at most (server default 40, max 80).
        :returns: a list of :class:`Suggestion` (``account`` plus ``sources``).
        """
        return self._get("/api/v2/suggestions", {"limit": check_limit(limit)}, cast=NonPaginatableList)

    @api_version("2.4.3", "2.4.3")
    def suggestion_delete(self, account_id: EntityOrId) -> None:
        """Stop suggesting an account to the logged-in user.

        :param account_id: the account, or its id.
        """
        self._delete(f"/api/v1/suggestions/{self._id(account_id, 'account_id')}")

    @api_version("2.5.0", "2.5.0")
    def endorsements(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user features on their profile.

        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/endorsements", params, cast=PaginatableList)

    @api_version("4.4.0", "4.4.0")
    def account_endorsements(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts any account features on its profile.

        :param id: the account, or its id.
        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get(f"/api/v1/accounts/{self._id(id)}/endorsements", params, cast=PaginatableList)
