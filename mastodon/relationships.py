"""Mutes, blocks, domain blocks and follow requests."""

from __future__ import annotations

from typing import Any

from ._core import RequestCore
from ._params import PageBound, page_params
from .errors import MastodonIllegalArgumentError
from .types import Account, EntityOrId, PaginatableList, Relationship
from .versions import api_version

__all__ = ["RelationshipsMixin"]


def _check_domain(domain: Any) -> str:
    """A bare domain name such as ``example.com`` (no scheme, path or spaces)."""
    if not isinstance(domain, str) or not domain.strip():
        raise MastodonIllegalArgumentError("domain must be a non-empty domain name such as 'example.com'")
    if "://" in domain or "/" in domain or any(ch.isspace() for ch in domain):
        raise MastodonIllegalArgumentError(f"domain must be a bare domain name such as 'example.com', not {domain!r}")
    return domain


class RelationshipsMixin(RequestCore):
    """Mutes, blocks, domain blocks and follow requests."""

    @api_version("1.1.0", "2.6.0")
    def mutes(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has muted.

        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`; each has ``mute_expires_at``, the end
            of a timed mute or ``None``.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/mutes", params, cast=PaginatableList)

    @api_version("1.0.0", "2.6.0")
    def blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has blocked.

        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/blocks", params, cast=PaginatableList)

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

        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many domains to return at most (server default 100, max 200).
        :returns: a page of domain names (plain strings).
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/domain_blocks", params, cast=PaginatableList)

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

        :param max_id: pagination bound; prefer :meth:`fetch_next`, which follows
            the server's links.
        :param min_id: pagination bound (see ``max_id``).
        :param since_id: pagination bound (see ``max_id``).
        :param limit: how many accounts to return at most (server default 40, max 80).
        :returns: a page of :class:`Account`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/follow_requests", params, cast=PaginatableList)

    @api_version("1.0.0", "3.0.0")
    def follow_request_authorize(self, id: EntityOrId) -> Relationship:
        """Accept an account's request to follow the logged-in user.

        :param id: the requesting account, or its id.
        :returns: the new :class:`Relationship` with that account.
        """
        return self._post(f"/api/v1/follow_requests/{self._id(id)}/authorize", cast=Relationship)

    @api_version("1.0.0", "3.0.0")
    def follow_request_reject(self, id: EntityOrId) -> Relationship:
        """Turn down an account's request to follow the logged-in user.

        :param id: the requesting account, or its id.
        :returns: the new :class:`Relationship` with that account.
        """
        return self._post(f"/api/v1/follow_requests/{self._id(id)}/reject", cast=Relationship)
