"""Relationships: follows, blocks, mutes, endorsements, notes, domain blocks and follow requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .._checks import as_bool, as_int, check_strings, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError, MastodonNotFoundError
from ..types import Account, EntityOrId, MutedAccount, NonPaginatableList, PageBound, PaginatableList, Relationship
from .pagination import page_params

__all__ = ["RelationshipsMixin"]


def _check_domain(domain: Any) -> str:
    """A domain name such as ``example.com``: a string, whose form the server judges."""
    if not isinstance(domain, str):
        raise MastodonIllegalArgumentError(f"domain must be a domain name such as 'example.com', not {domain!r}")
    return domain


class RelationshipsMixin(RequestCore):
    """How the logged-in user relates to other accounts and domains."""

    # -- reading relationships ------------------------------------------------------------

    @api_version("1.0.0", "1.4.0")
    def account_relationships(
        self,
        id: EntityOrId | list[EntityOrId],
        with_suspended: bool | None = None,
    ) -> NonPaginatableList[Relationship]:
        """Fetch how the logged-in user relates to one or more accounts.

        :param id: an account or id, or a list of them.
        :param with_suspended: also return relationships with suspended accounts
            (Mastodon 4.3.0 and later; the server's default is not to).
        :returns: a list of :class:`Relationship`, one per account found.
        """
        params = {"id": self._unpack_ids(id, "id"), "with_suspended": as_bool(with_suspended, "with_suspended")}
        return self._get("/api/v1/accounts/relationships", params, returns=NonPaginatableList)

    # -- following ------------------------------------------------------------------------

    @api_version("1.0.0", "3.3.0")
    def account_follow(
        self,
        id: EntityOrId,
        reblogs: bool = True,
        notify: bool = False,
        languages: list[str] | None = None,
    ) -> Relationship:
        """Follow an account, or change the options of an existing follow.

        :param id: the account, or its id.
        :param reblogs: show the account's boosts in the home timeline.
        :param notify: get a notification whenever the account posts.
        :param languages: only show its posts in these languages (ISO 639-1 codes;
            Mastodon 4.0.0 and later). ``None`` shows all languages.
        :returns: the new :class:`Relationship`.
        """
        params = {
            "reblogs": as_bool(reblogs, "reblogs"),
            "notify": as_bool(notify, "notify"),
            "languages": check_strings(languages, "languages"),
        }
        return self._post(f"/api/v1/accounts/{self._id(id)}/follow", params, returns=Relationship)

    @api_version("1.0.0", "2.1.0")
    def follows(self, uri: str) -> Relationship:
        """Follow an account given by its address, resolving it first if needed.

        The address is searched for as :meth:`account_search` does (WebFinger
        allowed) and the account whose address matches exactly is followed with
        :meth:`account_follow`.

        :param uri: ``user@domain`` (a leading ``@`` is fine), or the profile URL.
        :returns: the new :class:`Relationship`.
        :raises MastodonNotFoundError: when no account has exactly that address.
        """
        check_text(uri, "uri")
        wanted = uri.strip()
        own_host = (urlsplit(self.api_base_url).hostname or "").lower()

        def full_address(address: str) -> str:
            address = address.lstrip("@").lower()
            return address if "@" in address else f"{address}@{own_host}"

        target = full_address(wanted)
        found = self._get("/api/v1/accounts/search", {"q": wanted, "resolve": True}, returns=NonPaginatableList[Account])
        for candidate in found:
            if full_address(str(candidate.get("acct", ""))) == target or wanted in (candidate.get("url"), candidate.get("uri")):
                return self.account_follow(candidate["id"])
        raise MastodonNotFoundError(f"no account found with the address {uri!r}")

    @api_version("1.0.0", "1.4.0")
    def account_unfollow(self, id: EntityOrId) -> Relationship:
        """Stop following an account (or withdraw a pending follow request).

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/unfollow", returns=Relationship)

    @api_version("3.5.0", "3.5.0")
    def account_remove_from_followers(self, id: EntityOrId) -> Relationship:
        """Make an account stop following the logged-in user.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/remove_from_followers", returns=Relationship)

    # -- blocking, muting, featuring, notes ----------------------------------------------

    @api_version("1.0.0", "1.4.0")
    def account_block(self, id: EntityOrId) -> Relationship:
        """Block an account.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/block", returns=Relationship)

    @api_version("1.0.0", "1.4.0")
    def account_unblock(self, id: EntityOrId) -> Relationship:
        """Lift a block on an account.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/unblock", returns=Relationship)

    @api_version("1.1.0", "2.4.3")
    def account_mute(self, id: EntityOrId, notifications: bool = True, duration: int | None = None) -> Relationship:
        """Mute an account: hide its posts, and optionally its notifications.

        :param id: the account, or its id.
        :param notifications: also hide notifications from it.
        :param duration: lift the mute automatically after this many seconds
            (Mastodon 3.3.0 and later); ``None`` or 0 mutes indefinitely.
        :returns: the new :class:`Relationship`.
        """
        params = {
            "notifications": as_bool(notifications, "notifications"),
            "duration": as_int(duration, "duration"),
        }
        return self._post(f"/api/v1/accounts/{self._id(id)}/mute", params, returns=Relationship)

    @api_version("1.1.0", "1.4.0")
    def account_unmute(self, id: EntityOrId) -> Relationship:
        """Lift a mute on an account.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/unmute", returns=Relationship)

    @api_version("2.5.0", "2.5.0")
    def account_pin(self, id: EntityOrId) -> Relationship:
        """Feature an account on the logged-in user's profile (old endpoint).

        Mastodon 4.4.0 deprecated this in favour of :meth:`account_endorse`.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/pin", returns=Relationship)

    @api_version("2.5.0", "2.5.0")
    def account_unpin(self, id: EntityOrId) -> Relationship:
        """Stop featuring an account on the profile (old endpoint).

        Mastodon 4.4.0 deprecated this in favour of :meth:`account_unendorse`.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/unpin", returns=Relationship)

    @api_version("4.4.0", "4.4.0")
    def account_endorse(self, id: EntityOrId) -> Relationship:
        """Feature an account on the logged-in user's profile.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship` (``endorsed`` is then true).
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/endorse", returns=Relationship)

    @api_version("4.4.0", "4.4.0")
    def account_unendorse(self, id: EntityOrId) -> Relationship:
        """Stop featuring an account on the logged-in user's profile.

        :param id: the account, or its id.
        :returns: the new :class:`Relationship`.
        """
        return self._post(f"/api/v1/accounts/{self._id(id)}/unendorse", returns=Relationship)

    @api_version("3.2.0", "3.2.0")
    def account_note_set(self, id: EntityOrId, comment: str) -> Relationship:
        """Set the private note the logged-in user keeps about an account.

        :param id: the account, or its id.
        :param comment: the note's text; an empty string removes the note.
        :returns: the new :class:`Relationship`, whose ``note`` holds the text.
        """
        check_text(comment, "comment", allow_empty=True)
        return self._post(f"/api/v1/accounts/{self._id(id)}/note", {"comment": comment}, returns=Relationship)

    # -- mutes and blocks -----------------------------------------------------------------

    @api_version("1.1.0", "2.6.0")
    def mutes(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[MutedAccount]:
        """Fetch the accounts the logged-in user has muted.

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`MutedAccount`; each has ``mute_expires_at``, the end
            of a timed mute or ``None``.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/mutes", params, returns=PaginatableList)

    @api_version("1.0.0", "2.6.0")
    def blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has blocked.

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/blocks", params, returns=PaginatableList)

    # -- domain blocks --------------------------------------------------------------------

    @api_version("1.4.0", "2.6.0")
    def domain_blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[str]:
        """Fetch the domains the logged-in user has blocked.

        :param limit: how many domains to return at most (server default 100, max 200).
        :returns: a page of domain names (plain strings).
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/domain_blocks", params, returns=PaginatableList)

    @api_version("1.4.0", "1.4.0")
    def domain_block(self, domain: str | None = None) -> None:
        """Block a whole domain for the logged-in user.

        Posts and notifications from it are hidden, followers from it removed, and
        new follows of its accounts prevented.

        :param domain: the domain name, e.g. ``"example.com"`` (no ``https://``).
        """
        self._post("/api/v1/domain_blocks", {"domain": _check_domain(domain)})

    @api_version("1.4.0", "1.4.0")
    def domain_unblock(self, domain: str | None = None) -> None:
        """Lift the logged-in user's block of a domain, if there is one.

        :param domain: the domain name, e.g. ``"example.com"`` (no ``https://``).
        """
        self._delete("/api/v1/domain_blocks", {"domain": _check_domain(domain)})

    # -- follow requests ------------------------------------------------------------------

    @api_version("1.0.0", "2.6.0")
    def follow_requests(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts waiting for the logged-in user to accept their follow.

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/follow_requests", params, returns=PaginatableList)

    @api_version("1.0.0", "3.0.0")
    def follow_request_authorize(self, id: EntityOrId) -> Relationship:
        """Accept an account's request to follow the logged-in user.

        :param id: the requesting account, or its id.
        :returns: the new :class:`Relationship` with that account.
        """
        return self._post(f"/api/v1/follow_requests/{self._id(id)}/authorize", returns=Relationship)

    @api_version("1.0.0", "3.0.0")
    def follow_request_reject(self, id: EntityOrId) -> Relationship:
        """Turn down an account's request to follow the logged-in user.

        :param id: the requesting account, or its id.
        :returns: the new :class:`Relationship` with that account.
        """
        return self._post(f"/api/v1/follow_requests/{self._id(id)}/reject", returns=Relationship)

    # -- endorsements ---------------------------------------------------------------------

    @api_version("2.5.0", "2.5.0")
    def endorsements(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user features on their profile.

        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/endorsements", params, returns=PaginatableList)

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
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get(f"/api/v1/accounts/{self._id(id)}/endorsements", params, returns=PaginatableList)
