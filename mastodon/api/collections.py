"""Collections of accounts (Mastodon 4.6).

A collection is a named list of accounts a user recommends to others. Accounts
added to someone's collection may have to accept first; items are ``pending``
until they do.
"""

from __future__ import annotations

from .._checks import as_bool, as_int, check_optional_text, check_text
from .._core import RequestCore
from .._server import api_version
from ..types import (
    Collections,
    CollectionWithAccounts,
    EntityOrId,
    WrappedCollection,
    WrappedCollectionItem,
)

__all__ = ["CollectionsMixin"]


class CollectionsMixin(RequestCore):
    """Collections of accounts (Mastodon 4.6)."""

    # -- reading ------------------------------------------------------------------------

    @api_version("4.6.0", "4.6.0")
    def account_collections(self, id: EntityOrId, limit: int | None = None, offset: int | None = None) -> Collections:
        """Fetch the collections an account has made.

        Only discoverable collections are listed, unless the account is the
        user's own.

        :param id: the account, or its id.
        :param limit: how many to return (the server's default is 40, at most 80).
        :param offset: how many to skip, for the pages after the first.
        :returns: a :class:`Collections`, the list being in its ``collections``.
        """
        params = {"limit": as_int(limit, "limit"), "offset": as_int(offset, "offset")}
        return self._get(f"/api/v1/accounts/{self._id(id)}/collections", params, returns=Collections)

    @api_version("4.6.0", "4.6.0")
    def account_in_collections(self, id: EntityOrId | None, limit: int | None = None, offset: int | None = None) -> Collections:
        """Fetch the collections that feature an account.

        :param id: the account, or its id; ``None`` for the logged-in user (which
            costs one more request the first time, to learn the user's id).
        :param limit: how many to return (the server's default is 40, at most 80).
        :param offset: how many to skip, for the pages after the first.
        :returns: a :class:`Collections`, the list being in its ``collections``.
        """
        params = {"limit": as_int(limit, "limit"), "offset": as_int(offset, "offset")}
        if id is None:
            id = self._own_account_id()
        return self._get(f"/api/v1/accounts/{self._id(id)}/in_collections", params, returns=Collections)

    @api_version("4.6.0", "4.6.0")
    def collection(self, id: EntityOrId) -> CollectionWithAccounts:
        """Fetch one collection with the accounts in it.

        The items returned depend on who asks: the owner also sees ``pending``
        items, others only ``accepted`` ones, minus accounts they block.

        :param id: the collection, or its id.
        :returns: a :class:`CollectionWithAccounts`: the collection in
            ``collection``, its accounts and its owner in ``accounts``.
        """
        return self._get(f"/api/v1/collections/{self._id(id)}", returns=CollectionWithAccounts)

    # -- writing ------------------------------------------------------------------------

    @api_version("4.6.0", "4.6.0")
    def collection_create(
        self,
        name: str,
        description: str | None = None,
        language: str | None = None,
        tag_name: str | None = None,
        sensitive: bool = False,
        discoverable: bool = False,
        account_ids: list[EntityOrId] | None = None,
    ) -> WrappedCollection:
        """Create a collection.

        :param name: its name (servers allow 40 characters), taken as plain text.
        :param description: a longer description (100 characters), plain text.
        :param language: the language of name and description, as an ISO 639 code.
        :param tag_name: one hashtag describing the collection (the API's own
            example gives it with its ``#``).
        :param sensitive: mark the collection as sensitive.
        :param discoverable: show it on the profile, in search and in other
            discovery features.
        :param account_ids: accounts (or their ids) to put in it.
        :returns: a :class:`WrappedCollection`, the new collection being in its
            ``collection``.
        """
        params = {
            "name": check_text(name, "name", allow_empty=True),
            "description": check_optional_text(description, "description"),
            "language": check_optional_text(language, "language"),
            "tag_name": check_optional_text(tag_name, "tag_name"),
            "sensitive": as_bool(sensitive, "sensitive"),
            "discoverable": as_bool(discoverable, "discoverable"),
            "account_ids": None if account_ids is None else self._unpack_ids(account_ids, "account_ids"),
        }
        return self._post("/api/v1/collections", params, returns=WrappedCollection)

    @api_version("4.6.0", "4.6.0")
    def collection_update(
        self,
        id: EntityOrId,
        name: str | None = None,
        description: str | None = None,
        language: str | None = None,
        tag_name: str | None = None,
        sensitive: bool | None = None,
        discoverable: bool | None = None,
    ) -> WrappedCollection:
        """Change a collection of the user's; arguments left at ``None`` are not changed.

        Use :meth:`collection_item_add` and :meth:`collection_item_delete` to
        change which accounts are in it.

        :param id: the collection, or its id.
        :param name: the new name.
        :param description: the new description.
        :param language: the language of name and description.
        :param tag_name: the hashtag describing the collection.
        :param sensitive: whether the collection is marked sensitive.
        :param discoverable: whether it shows up in discovery features.
        :returns: a :class:`WrappedCollection`, the updated collection being in
            its ``collection``.
        """
        params = {
            "name": check_optional_text(name, "name"),
            "description": check_optional_text(description, "description"),
            "language": check_optional_text(language, "language"),
            "tag_name": check_optional_text(tag_name, "tag_name"),
            "sensitive": as_bool(sensitive, "sensitive"),
            "discoverable": as_bool(discoverable, "discoverable"),
        }
        return self._patch(f"/api/v1/collections/{self._id(id)}", params, returns=WrappedCollection)

    @api_version("4.6.0", "4.6.0")
    def collection_delete(self, id: EntityOrId) -> None:
        """Delete a collection of the user's.

        :param id: the collection, or its id.
        """
        self._delete(f"/api/v1/collections/{self._id(id)}")

    @api_version("4.6.0", "4.6.0")
    def collection_item_add(self, id: EntityOrId, account_id: EntityOrId) -> WrappedCollectionItem:
        """Add an account to a collection of the user's.

        :param id: the collection, or its id.
        :param account_id: the account to add, or its id.
        :returns: a :class:`WrappedCollectionItem`, the new item being in its
            ``collection_item``; its ``state`` says whether the account has
            accepted yet.
        """
        params = {"account_id": self._unpack_id(account_id, "account_id")}
        return self._post(f"/api/v1/collections/{self._id(id)}/items", params, returns=WrappedCollectionItem)

    @api_version("4.6.0", "4.6.0")
    def collection_item_delete(self, collection_id: EntityOrId, item_id: EntityOrId) -> None:
        """Remove an account from a collection of the user's.

        :param collection_id: the collection, or its id.
        :param item_id: the collection item (not the account), or its id.
        """
        self._delete(f"/api/v1/collections/{self._id(collection_id, 'collection_id')}/items/{self._id(item_id, 'item_id')}")

    @api_version("4.6.0", "4.6.0")
    def collection_item_revoke(self, collection_id: EntityOrId, item_id: EntityOrId) -> None:
        """Take the user out of someone else's collection.

        :param collection_id: the collection, or its id.
        :param item_id: the collection item that features the user, or its id.
        """
        self._post(f"/api/v1/collections/{self._id(collection_id, 'collection_id')}/items/{self._id(item_id, 'item_id')}/revoke")
