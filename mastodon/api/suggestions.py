"""Follow suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from .._checks import as_int
from .._core import RequestCore
from .._server import api_version
from ..types import Account, AttribAccessList, EntityOrId, NonPaginatableList, Suggestion

__all__ = ["SuggestionsMixin"]


class SuggestionsMixin(RequestCore):
    """Follow suggestions."""

    @api_version("2.4.3", "2.4.3")
    def suggestions(self, limit: int | None = None) -> NonPaginatableList[Account]:
        """Fetch accounts the logged-in user might want to follow.

        Asks :meth:`suggestions_v2` on Mastodon 3.4.0 and later and returns the
        ``account`` of each suggestion, so the result is a list of accounts on
        every server, as in both classic clients; :meth:`suggestions_v2` gives the
        suggestions themselves, with why each account is suggested. Older servers
        are asked with :meth:`suggestions_v1`.

        :param limit: how many suggestions to return at most (server default 40, max 80).
        :returns: a list of :class:`Account`.
        """
        if not self.verify_minimum_version("3.4.0", cached=True):
            return self.suggestions_v1(limit)
        # An item without an account is kept as it is: a server that answers v2
        # with plain accounts loses nothing.
        accounts: NonPaginatableList[Account] = AttribAccessList()
        for item in self.suggestions_v2(limit):
            account = item.get("account") if isinstance(item, Mapping) else None
            accounts.append(cast(Account, account if isinstance(account, Mapping) else item))
        return accounts

    @api_version("2.4.3", "2.4.3")
    def suggestions_v1(self, limit: int | None = None) -> NonPaginatableList[Account]:
        """Fetch suggested accounts with the old endpoint (deprecated in 3.4.0).

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a list of :class:`Account`.
        """
        return self._get("/api/v1/suggestions", {"limit": as_int(limit, "limit")}, returns=NonPaginatableList)

    @api_version("3.4.0", "3.4.0")
    def suggestions_v2(self, limit: int | None = None) -> NonPaginatableList[Suggestion]:
        """Fetch suggested accounts, each with the reason it is suggested.

        :param limit: how many suggestions to return at most (server default 40, max 80).
        :returns: a list of :class:`Suggestion` (``account`` plus ``sources``).
        """
        return self._get("/api/v2/suggestions", {"limit": as_int(limit, "limit")}, returns=NonPaginatableList)

    @api_version("2.4.3", "2.4.3")
    def suggestion_delete(self, account_id: EntityOrId) -> None:
        """Stop suggesting an account to the logged-in user.

        :param account_id: the account, or its id.
        """
        self._delete(f"/api/v1/suggestions/{self._id(account_id, 'account_id')}")
