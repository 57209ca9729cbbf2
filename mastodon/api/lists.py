"""Lists of followed accounts."""

from __future__ import annotations

from typing import Any

from .._checks import as_bool, as_choice, as_int, check_text
from .._core import RequestCore
from .._server import api_version
from ..types import Account, EntityOrId, NonPaginatableList, PageBound, PaginatableList, UserList
from .pagination import page_params

__all__ = ["ListsMixin"]

REPLIES_POLICIES = ("followed", "list", "none")


class _Documented:
    """A parameter's documented default, told apart from the same value passed.

    It equals, prints and tests true or false as the value it stands for, so the
    signature reads as documented (``replies_policy='list'``), but only a value
    actually passed is sent: renaming a list must not reset its settings.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return bool(other == self.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __repr__(self) -> str:
        return repr(self.value)


# Typed as Any so that they can stand as the defaults of str and bool parameters.
_DEFAULT_POLICY: Any = _Documented("list")
_DEFAULT_EXCLUSIVE: Any = _Documented(False)

# Spelled out here because the ``list`` method shadows the builtin inside the class.
AccountIds = list[EntityOrId]


class ListsMixin(RequestCore):
    """Lists of followed accounts."""

    @api_version("2.1.0", "2.1.0")
    def lists(self) -> NonPaginatableList[UserList]:
        """Fetch all lists the logged-in user owns.

        :returns: a list of :class:`UserList`.
        """
        return self._get("/api/v1/lists", returns=NonPaginatableList)

    @api_version("2.1.0", "2.1.0")
    def list(self, id: EntityOrId) -> UserList:
        """Fetch one of the logged-in user's lists.

        :param id: the list, or its id.
        :returns: the :class:`UserList`.
        """
        return self._get(f"/api/v1/lists/{self._id(id)}", returns=UserList)

    @api_version("2.1.0", "2.6.0")
    def list_accounts(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts in a list.

        :param id: the list, or its id.
        :param limit: how many accounts to return at most (server default 40,
            max 80); 0 returns every account at once, without pages.
        :returns: a page of :class:`Account`.
        """
        # limit=0 is meaningful here: every account at once, without pages.
        params = {**page_params(max_id, min_id, since_id, None), "limit": as_int(limit, "limit")}
        return self._get(f"/api/v1/lists/{self._id(id)}/accounts", params, returns=PaginatableList)

    @api_version("2.1.0", "4.2.0")
    def list_create(self, title: str, replies_policy: str = _DEFAULT_POLICY, exclusive: bool = _DEFAULT_EXCLUSIVE) -> UserList:
        """Create a list.

        ``replies_policy`` and ``exclusive`` are sent only when given; the server's
        defaults are the same as the ones shown.

        :param title: the list's name.
        :param replies_policy: which replies to show in the list's timeline:
            ``"followed"`` (replies to anyone the user follows), ``"list"`` (replies
            to list members) or ``"none"``.
        :param exclusive: hide the members' posts from the home timeline
            (Mastodon 4.2.0 and later).
        :returns: the new :class:`UserList`.
        """
        params = _list_params(title, replies_policy, exclusive)
        return self._post("/api/v1/lists", params, returns=UserList)

    @api_version("2.1.0", "4.2.0")
    def list_update(
        self,
        id: EntityOrId,
        title: str,
        replies_policy: str = _DEFAULT_POLICY,
        exclusive: bool = _DEFAULT_EXCLUSIVE,
    ) -> UserList:
        """Rename a list or change its settings.

        Only the settings given are sent: renaming a list keeps its
        ``replies_policy`` and ``exclusive`` as they are.

        :param id: the list, or its id.
        :param title: the list's name.
        :param replies_policy: ``"followed"``, ``"list"`` or ``"none"``; see
            :meth:`list_create`.
        :param exclusive: hide the members' posts from the home timeline.
        :returns: the updated :class:`UserList`.
        """
        params = _list_params(title, replies_policy, exclusive)
        return self._put(f"/api/v1/lists/{self._id(id)}", params, returns=UserList)

    @api_version("2.1.0", "2.1.0")
    def list_delete(self, id: EntityOrId) -> None:
        """Delete a list.

        :param id: the list, or its id.
        """
        self._delete(f"/api/v1/lists/{self._id(id)}")

    @api_version("2.1.0", "2.1.0")
    def list_accounts_add(self, id: EntityOrId, account_ids: AccountIds) -> None:
        """Add accounts to a list. The logged-in user must follow them.

        :param id: the list, or its id.
        :param account_ids: the accounts (or their ids) to add.
        """
        ids = self._unpack_ids(account_ids, "account_ids")
        self._post(f"/api/v1/lists/{self._id(id)}/accounts", {"account_ids": ids})

    @api_version("2.1.0", "2.1.0")
    def list_accounts_delete(self, id: EntityOrId, account_ids: AccountIds) -> None:
        """Remove accounts from a list.

        :param id: the list, or its id.
        :param account_ids: the accounts (or their ids) to remove.
        """
        ids = self._unpack_ids(account_ids, "account_ids")
        self._delete(f"/api/v1/lists/{self._id(id)}/accounts", {"account_ids": ids})


def _list_params(title: Any, replies_policy: Any, exclusive: Any) -> dict[str, Any]:
    """The parameters to send: ``replies_policy`` and ``exclusive`` only when passed."""
    return {
        "title": check_text(title, "title", allow_empty=True),
        "replies_policy": None if replies_policy is _DEFAULT_POLICY else as_choice(replies_policy, "replies_policy", REPLIES_POLICIES),
        "exclusive": None if exclusive is _DEFAULT_EXCLUSIVE else as_bool(exclusive, "exclusive"),
    }
