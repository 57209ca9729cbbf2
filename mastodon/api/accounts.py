"""Accounts: reading them, and the logged-in user's own account and its settings.

Following, blocking, muting and the other relationships with accounts live in
:mod:`mastodon.api.relationships`.
"""

from __future__ import annotations

from typing import Any

from .._checks import (
    QUOTE_POLICIES,
    as_bool,
    as_choice,
    as_int,
    check_optional_text,
    check_strings,
    check_text,
    profile_fields,
    profile_images,
    tag_name,
)
from .._core import RequestCore
from .._encoding import MediaInput
from .._server import api_version
from ..types import (
    Account,
    CredentialAccount,
    EntityOrId,
    FamiliarFollowers,
    FeaturedTag,
    NonPaginatableList,
    PageBound,
    PaginatableList,
    Status,
    UserList,
)
from .pagination import page_params

__all__ = ["AccountsMixin"]

_DEFAULT_PRIVACY = ("public", "unlisted", "private")


class AccountsMixin(RequestCore):
    """Reading accounts; the logged-in user's own account and its settings."""

    # -- reading ------------------------------------------------------------------------

    @api_version("1.0.0", "1.0.0")
    def account(self, id: EntityOrId) -> Account:
        """Fetch one account.

        :param id: the account, or its id.
        :returns: the :class:`Account`. Suspended accounts come back with
            ``suspended`` set to true.
        """
        return self._get(f"/api/v1/accounts/{self._id(id)}", returns=Account)

    @api_version("4.3.0", "4.3.0")
    def accounts(self, ids: list[EntityOrId]) -> NonPaginatableList[Account]:
        """Fetch several accounts in one request.

        :param ids: the accounts, or their ids.
        :returns: a list of :class:`Account`. Accounts that do not exist or are not
            confirmed are left out, so the list may be shorter than ``ids``.
        """
        return self._get("/api/v1/accounts", {"id": self._unpack_ids(ids, "ids")}, returns=NonPaginatableList)

    @api_version("1.0.0", "2.1.0")
    def account_verify_credentials(self) -> CredentialAccount:
        """Fetch the logged-in user's own account, which also checks the token.

        :returns: a :class:`CredentialAccount`: an :class:`Account` with an extra
            ``source`` holding the plain-text bio, fields and posting defaults.
        :raises MastodonUnauthorizedError: when the token is not valid.
        """
        return self._get("/api/v1/accounts/verify_credentials", returns=CredentialAccount)

    @api_version("1.0.0", "2.1.0")
    def me(self) -> CredentialAccount:
        """Shorthand for :meth:`account_verify_credentials`.

        :returns: the logged-in user's :class:`CredentialAccount`.
        """
        return self.account_verify_credentials()

    @api_version("1.0.0", "4.6.0")
    def account_statuses(
        self,
        id: EntityOrId,
        only_media: bool = False,
        pinned: bool = False,
        exclude_replies: bool = False,
        exclude_reblogs: bool = False,
        tagged: str | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        exclude_direct: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch statuses posted by an account, newest first.

        The filter flags are sent only when true (the server treats a flag that
        is present as set).

        :param id: the account, or its id.
        :param only_media: only statuses with media attachments.
        :param pinned: only the statuses the account has pinned.
        :param exclude_replies: leave out replies to other accounts.
        :param exclude_reblogs: leave out boosts.
        :param tagged: only statuses using this hashtag (its name; a leading ``#``
            is sent as given, and the server ignores it).
        :param limit: how many statuses to return at most (server default 20, max 40).
        :param exclude_direct: leave out direct-visibility statuses.
        :returns: a page of :class:`Status` that :meth:`fetch_next` can continue.
        """
        flags = (
            ("only_media", only_media),
            ("pinned", pinned),
            ("exclude_replies", exclude_replies),
            ("exclude_reblogs", exclude_reblogs),
            ("exclude_direct", exclude_direct),
        )
        params: dict[str, Any] = {name: True if as_bool(flag, name) else None for name, flag in flags}
        params.update(
            {
                "tagged": None if tagged is None else tag_name(tagged, "tagged", in_path=False, allow_hash=True),
                **page_params(max_id, min_id, since_id, limit),
            }
        )
        return self._get(f"/api/v1/accounts/{self._id(id)}/statuses", params, returns=PaginatableList)

    @api_version("1.0.0", "2.6.0")
    def account_following(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts an account follows, unless it hides them.

        :param id: the account, or its id.
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get(f"/api/v1/accounts/{self._id(id)}/following", params, returns=PaginatableList)

    @api_version("1.0.0", "2.6.0")
    def account_followers(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts following an account, unless it hides them.

        :param id: the account, or its id.
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get(f"/api/v1/accounts/{self._id(id)}/followers", params, returns=PaginatableList)

    @api_version("1.0.0", "2.8.0")
    def account_search(
        self,
        q: str,
        limit: int | None = None,
        following: bool = False,
        resolve: bool = False,
        offset: int | None = None,
    ) -> PaginatableList[Account]:
        """Search accounts by username, address or display name.

        :param q: the text to search for.
        :param limit: how many accounts to return at most (server default 40, max 80).
        :param following: only search accounts the logged-in user follows.
        :param resolve: look the address up over WebFinger when it is not known
            locally yet; use it when ``q`` is a full ``user@domain`` address.
        :param offset: skip this many results (for paging through them).
        :returns: a list of matching :class:`Account`.
        """
        params = {
            "q": check_text(q, "q", allow_empty=True),
            "limit": as_int(limit, "limit"),
            "offset": as_int(offset, "offset"),
            "following": True if as_bool(following, "following") else None,
            "resolve": True if as_bool(resolve, "resolve") else None,
        }
        return self._get("/api/v1/accounts/search", params, returns=PaginatableList)

    @api_version("3.4.0", "3.4.0")
    def account_lookup(self, acct: str) -> Account:
        """Find an account the server already knows by its address, without WebFinger.

        :param acct: ``username`` for a local account or ``username@domain``.
        :returns: the :class:`Account`.
        :raises MastodonNotFoundError: when the server knows no such account.
        """
        return self._get("/api/v1/accounts/lookup", {"acct": check_text(acct, "acct", allow_empty=True)}, returns=Account)

    @api_version("2.1.0", "2.1.0")
    def account_lists(self, id: EntityOrId) -> NonPaginatableList[UserList]:
        """Fetch the logged-in user's lists that contain an account.

        :param id: the account, or its id.
        :returns: a list of :class:`UserList`.
        """
        return self._get(f"/api/v1/accounts/{self._id(id)}/lists", returns=NonPaginatableList)

    @api_version("3.5.0", "3.5.0")
    def account_familiar_followers(
        self,
        id: EntityOrId | list[EntityOrId],
    ) -> NonPaginatableList[FamiliarFollowers]:
        """Find which accounts the logged-in user follows also follow given accounts.

        :param id: an account or id, or a list of them.
        :returns: a list of :class:`FamiliarFollowers`, one per account asked about,
            each with the ``id`` asked about and the matching ``accounts``.
        """
        ids = self._unpack_ids(id, "id")
        return self._get("/api/v1/accounts/familiar_followers", {"id": ids}, returns=NonPaginatableList)

    @api_version("3.3.0", "3.3.0")
    def account_featured_tags(self, id: EntityOrId) -> NonPaginatableList[FeaturedTag]:
        """Fetch the hashtags an account features on its profile.

        :param id: the account, or its id.
        :returns: a list of :class:`FeaturedTag`.
        """
        return self._get(f"/api/v1/accounts/{self._id(id)}/featured_tags", returns=NonPaginatableList)

    # -- the logged-in user's own account -------------------------------------------------

    @api_version("1.1.1", "4.6.1")
    def account_update_credentials(
        self,
        display_name: str | None = None,
        note: str | None = None,
        avatar: MediaInput | None = None,
        avatar_mime_type: str | None = None,
        header: MediaInput | None = None,
        header_mime_type: str | None = None,
        locked: bool | None = None,
        bot: bool | None = None,
        discoverable: bool | None = None,
        fields: list[tuple[str, str]] | None = None,
        hide_collections: bool | None = None,
        indexable: bool | None = None,
        attribution_domains: list[str] | None = None,
        default_privacy: str | None = None,
        default_sensitive: bool | None = None,
        default_language: str | None = None,
        default_quote_policy: str | None = None,
        avatar_description: str | None = None,
        header_description: str | None = None,
    ) -> CredentialAccount:
        """Change the logged-in user's profile and posting defaults.

        Only the values given are changed. With an avatar or header the request is
        sent as ``multipart/form-data``.

        :param display_name: the name shown on the profile.
        :param note: the bio, as plain text.
        :param avatar: a new avatar image: a path, bytes or a binary file object.
        :param avatar_mime_type: the avatar's MIME type; guessed when not given.
        :param header: a new header image: a path, bytes or a binary file object.
        :param header_mime_type: the header's MIME type; guessed when not given.
        :param locked: require approval of follow requests.
        :param bot: mark the account as automated.
        :param discoverable: list the account in the profile directory.
        :param fields: the profile's name/value fields as ``(name, value)`` tuples,
            replacing the current ones; values that are not strings are sent as
            ``str(value)``. The server sets the maximum count (4 by default).
        :param hide_collections: hide who the account follows and is followed by.
        :param indexable: let anyone search the account's public posts.
        :param attribution_domains: websites allowed to credit the account as author.
        :param default_privacy: default visibility of new posts: ``"public"``,
            ``"unlisted"`` or ``"private"`` (in any case).
        :param default_sensitive: mark new posts' media as sensitive by default.
        :param default_language: default language of new posts (ISO 639-1 code;
            ``""`` for none).
        :param default_quote_policy: who may quote new posts by default:
            ``"public"``, ``"followers"`` or ``"nobody"``.
        :param avatar_description: alternative text for the avatar.
        :param header_description: alternative text for the header.
        :returns: the updated :class:`CredentialAccount`.
        """
        source = {
            "privacy": as_choice(default_privacy, "default_privacy", _DEFAULT_PRIVACY),
            "sensitive": as_bool(default_sensitive, "default_sensitive"),
            "language": check_optional_text(default_language, "default_language"),
            "quote_policy": as_choice(default_quote_policy, "default_quote_policy", QUOTE_POLICIES),
        }
        params = {
            "display_name": check_optional_text(display_name, "display_name"),
            "note": check_optional_text(note, "note"),
            "locked": as_bool(locked, "locked"),
            "bot": as_bool(bot, "bot"),
            "discoverable": as_bool(discoverable, "discoverable"),
            "hide_collections": as_bool(hide_collections, "hide_collections"),
            "indexable": as_bool(indexable, "indexable"),
            "attribution_domains": check_strings(attribution_domains, "attribution_domains"),
            "fields_attributes": profile_fields(fields),
            "source": source,
            "avatar_description": check_optional_text(avatar_description, "avatar_description"),
            "header_description": check_optional_text(header_description, "header_description"),
        }
        files = profile_images(avatar, avatar_mime_type, header, header_mime_type)
        return self._patch("/api/v1/accounts/update_credentials", params, files=files, returns=CredentialAccount)

    @api_version("4.2.0", "4.2.0")
    def account_delete_avatar(self) -> CredentialAccount:
        """Remove the logged-in user's avatar, going back to the default picture.

        :returns: the updated :class:`CredentialAccount`.
        """
        return self._delete("/api/v1/profile/avatar", returns=CredentialAccount)

    @api_version("4.2.0", "4.2.0")
    def account_delete_header(self) -> CredentialAccount:
        """Remove the logged-in user's header image.

        :returns: the updated :class:`CredentialAccount`.
        """
        return self._delete("/api/v1/profile/header", returns=CredentialAccount)

    @api_version("3.4.0", "3.4.0")
    def email_resend_confirmation(self, email: str | None = None) -> None:
        """Send the confirmation e-mail of an unconfirmed account again.

        Needs a token of the app that created the account.

        :param email: first change the account's address to this one.
        """
        self._post("/api/v1/emails/confirmations", {"email": check_optional_text(email, "email")})
