"""Admin API: federation and sign-up blocks.

Domain blocks and allows, e-mail domain blocks, canonical e-mail blocks and IP
blocks. Every call needs a token with ``admin:read`` or ``admin:write`` scopes.
"""

from __future__ import annotations

from typing import Any, overload

from .._checks import as_bool, as_choice, as_int, check_optional_text, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import (
    AdminCanonicalEmailBlock,
    AdminDomainAllow,
    AdminDomainBlock,
    AdminEmailDomainBlock,
    AdminIpBlock,
    EntityOrId,
    NonPaginatableList,
    PageBound,
    PaginatableList,
)
from .pagination import page_params

__all__ = ["AdminBlocksMixin"]

DOMAIN_BLOCK_SEVERITIES = ("silence", "suspend", "noop")
IP_BLOCK_SEVERITIES = ("sign_up_requires_approval", "sign_up_block", "no_access")


def _domain_block_params(
    severity: str | None,
    reject_media: bool | None,
    reject_reports: bool | None,
    private_comment: str | None,
    public_comment: str | None,
    obfuscate: bool | None,
) -> dict[str, Any]:
    return {
        "severity": as_choice(severity, "severity", DOMAIN_BLOCK_SEVERITIES),
        "reject_media": as_bool(reject_media, "reject_media"),
        "reject_reports": as_bool(reject_reports, "reject_reports"),
        "private_comment": private_comment,
        "public_comment": public_comment,
        "obfuscate": as_bool(obfuscate, "obfuscate"),
    }


class AdminBlocksMixin(RequestCore):
    """Admin API: domain, e-mail and IP blocks and domain allows."""

    # -- domain blocks ----------------------------------------------------------------

    # A page of domain blocks, or the one named by id.
    @overload
    def admin_domain_blocks(
        self,
        id: None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminDomainBlock]: ...
    @overload
    def admin_domain_blocks(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> AdminDomainBlock: ...
    @api_version("4.0.0", "4.0.0")
    def admin_domain_blocks(
        self,
        id: EntityOrId | None = None,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> AdminDomainBlock | PaginatableList[AdminDomainBlock]:
        """List the domains this server blocks, or fetch one block.

        :param id: a block (or its id) to fetch on its own; leave out to list.
        :param limit: how many blocks to list at most (server default 100, maximum 200).
        :returns: one :class:`AdminDomainBlock` when ``id`` is given, else a page of
            them that :meth:`fetch_next` can continue.
        :raises MastodonIllegalArgumentError: when ``id`` is combined with paging.
        """
        if id is not None:
            if any(v is not None for v in (max_id, min_id, since_id, limit)):
                raise MastodonIllegalArgumentError(
                    "id fetches a single domain block; do not combine it with max_id, min_id, since_id or limit"
                )
            return self._get(f"/api/v1/admin/domain_blocks/{self._id(id)}", returns=AdminDomainBlock)
        return self._get(
            "/api/v1/admin/domain_blocks",
            page_params(max_id, min_id, since_id, limit),
            returns=PaginatableList[AdminDomainBlock],
        )

    @api_version("4.0.0", "4.0.0")
    def admin_create_domain_block(
        self,
        domain: str,
        severity: str | None = None,
        reject_media: bool | None = None,
        reject_reports: bool | None = None,
        private_comment: str | None = None,
        public_comment: str | None = None,
        obfuscate: bool | None = None,
    ) -> AdminDomainBlock:
        """Stop or limit federation with a domain.

        Parameters left as ``None`` take the server's defaults (``silence``, no media
        or report rejection, not obfuscated).

        :param domain: the domain to block, e.g. ``"spam.example"``.
        :param severity: ``"silence"`` (hide its accounts), ``"suspend"`` (cut it
            off entirely) or ``"noop"`` (only the media/report options apply).
        :param reject_media: do not store media from this domain.
        :param reject_reports: ignore reports sent from this domain.
        :param private_comment: a note only moderators see.
        :param public_comment: a reason that may be shown publicly.
        :param obfuscate: partly hide the domain name where the block is listed publicly.
        :returns: the new :class:`AdminDomainBlock`.
        """
        params = {"domain": check_text(domain, "domain", allow_empty=True)}
        params.update(
            _domain_block_params(
                severity,
                reject_media,
                reject_reports,
                private_comment,
                public_comment,
                obfuscate,
            )
        )
        return self._post("/api/v1/admin/domain_blocks", params, returns=AdminDomainBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_update_domain_block(
        self,
        id: EntityOrId,
        severity: str | None = None,
        reject_media: bool | None = None,
        reject_reports: bool | None = None,
        private_comment: str | None = None,
        public_comment: str | None = None,
        obfuscate: bool | None = None,
    ) -> AdminDomainBlock:
        """Change an existing domain block; parameters left as ``None`` are not sent.

        :param id: the block, or its id.
        :param severity: ``"silence"``, ``"suspend"`` or ``"noop"``.
        :param reject_media: do not store media from the domain.
        :param reject_reports: ignore reports sent from the domain.
        :param private_comment: a note only moderators see.
        :param public_comment: a reason that may be shown publicly.
        :param obfuscate: partly hide the domain name where the block is listed publicly.
        :returns: the updated :class:`AdminDomainBlock`.
        """
        params = _domain_block_params(
            severity,
            reject_media,
            reject_reports,
            private_comment,
            public_comment,
            obfuscate,
        )
        return self._put(f"/api/v1/admin/domain_blocks/{self._id(id)}", params, returns=AdminDomainBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_domain_block(self, id: EntityOrId) -> None:
        """Lift a domain block, letting the domain federate normally again.

        :param id: the block, or its id.
        """
        self._delete(f"/api/v1/admin/domain_blocks/{self._id(id)}")

    # -- domain allows (for servers in allow-list mode) -----------------------------

    @api_version("4.0.0", "4.0.0")
    def admin_domain_allows(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminDomainAllow]:
        """List the domains a server in allow-list mode federates with.

        :param limit: how many entries to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminDomainAllow` that :meth:`fetch_next` can continue.
        """
        return self._get(
            "/api/v1/admin/domain_allows",
            page_params(max_id, min_id, since_id, limit),
            returns=PaginatableList[AdminDomainAllow],
        )

    @api_version("4.0.0", "4.0.0")
    def admin_domain_allow(self, id: EntityOrId) -> AdminDomainAllow:
        """Fetch one allowed domain.

        :param id: the entry, or its id.
        :returns: the :class:`AdminDomainAllow`.
        """
        return self._get(f"/api/v1/admin/domain_allows/{self._id(id)}", returns=AdminDomainAllow)

    @api_version("4.0.0", "4.0.0")
    def admin_create_domain_allow(self, domain: str) -> AdminDomainAllow:
        """Add a domain to the federation allow-list.

        :param domain: the domain to federate with, e.g. ``"friends.example"``.
        :returns: the new :class:`AdminDomainAllow`.
        """
        check_text(domain, "domain", allow_empty=True)
        return self._post("/api/v1/admin/domain_allows", {"domain": domain}, returns=AdminDomainAllow)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_domain_allow(self, id: EntityOrId) -> None:
        """Remove a domain from the federation allow-list.

        :param id: the entry, or its id.
        """
        self._delete(f"/api/v1/admin/domain_allows/{self._id(id)}")

    # -- e-mail domain blocks --------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def admin_email_domain_blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminEmailDomainBlock]:
        """List the e-mail domains that may not be used to sign up.

        :param limit: how many blocks to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminEmailDomainBlock` that :meth:`fetch_next`
            can continue; each carries a daily ``history`` of sign-up attempts.
        """
        return self._get(
            "/api/v1/admin/email_domain_blocks",
            page_params(max_id, min_id, since_id, limit),
            returns=PaginatableList[AdminEmailDomainBlock],
        )

    @api_version("4.1.0", "4.1.0")
    def admin_email_domain_block(self, id: EntityOrId) -> AdminEmailDomainBlock:
        """Fetch one blocked e-mail domain.

        :param id: the block, or its id.
        :returns: the :class:`AdminEmailDomainBlock`.
        """
        return self._get(f"/api/v1/admin/email_domain_blocks/{self._id(id)}", returns=AdminEmailDomainBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_create_email_domain_block(self, domain: str) -> AdminEmailDomainBlock:
        """Refuse sign-ups with e-mail addresses at a domain.

        :param domain: the e-mail domain, e.g. ``"throwaway.example"``.
        :returns: the new :class:`AdminEmailDomainBlock`.
        """
        check_text(domain, "domain", allow_empty=True)
        return self._post("/api/v1/admin/email_domain_blocks", {"domain": domain}, returns=AdminEmailDomainBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_email_domain_block(self, id: EntityOrId) -> None:
        """Allow sign-ups from a blocked e-mail domain again.

        :param id: the block, or its id.
        """
        self._delete(f"/api/v1/admin/email_domain_blocks/{self._id(id)}")

    # -- canonical e-mail blocks -----------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def admin_canonical_email_blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminCanonicalEmailBlock]:
        """List the blocked canonical e-mail hashes.

        A canonical block matches an address however it is spelled (dots, ``+tags``
        and letter case removed before hashing), so one block covers its variants.

        :param limit: how many blocks to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminCanonicalEmailBlock` that :meth:`fetch_next`
            can continue.
        """
        return self._get(
            "/api/v1/admin/canonical_email_blocks",
            page_params(max_id, min_id, since_id, limit),
            returns=PaginatableList[AdminCanonicalEmailBlock],
        )

    @api_version("4.0.0", "4.0.0")
    def admin_canonical_email_block(self, id: EntityOrId) -> AdminCanonicalEmailBlock:
        """Fetch one canonical e-mail block.

        :param id: the block, or its id.
        :returns: the :class:`AdminCanonicalEmailBlock`.
        """
        return self._get(
            f"/api/v1/admin/canonical_email_blocks/{self._id(id)}",
            returns=AdminCanonicalEmailBlock,
        )

    @api_version("4.0.0", "4.0.0")
    def admin_test_canonical_email_block(self, email: str) -> NonPaginatableList[AdminCanonicalEmailBlock]:
        """Check whether an e-mail address is caught by a canonical block.

        :param email: the address to canonicalise, hash and look up.
        :returns: the :class:`AdminCanonicalEmailBlock` entries that match (empty
            when the address is not blocked).
        """
        check_text(email, "email", allow_empty=True)
        return self._post(
            "/api/v1/admin/canonical_email_blocks/test",
            {"email": email},
            returns=NonPaginatableList[AdminCanonicalEmailBlock],
        )

    @api_version("4.0.0", "4.0.0")
    def admin_create_canonical_email_block(
        self,
        email: str | None = None,
        canonical_email_hash: str | None = None,
    ) -> AdminCanonicalEmailBlock:
        """Block an e-mail address, and its spelling variants, from signing up.

        Give one of the two parameters.

        :param email: the address; the server canonicalises and hashes it.
        :param canonical_email_hash: an already computed hash (hex SHA-256 of the
            canonical address), e.g. taken from another server's block list.
        :returns: the new :class:`AdminCanonicalEmailBlock`.
        :raises MastodonIllegalArgumentError: when neither is given.
        """
        if email is None and canonical_email_hash is None:
            raise MastodonIllegalArgumentError("give email or canonical_email_hash")
        params = {
            "email": check_optional_text(email, "email"),
            "canonical_email_hash": check_optional_text(canonical_email_hash, "canonical_email_hash"),
        }
        return self._post("/api/v1/admin/canonical_email_blocks", params, returns=AdminCanonicalEmailBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_canonical_email_block(self, id: EntityOrId) -> AdminCanonicalEmailBlock:
        """Remove a canonical e-mail block.

        :param id: the block, or its id.
        :returns: whatever the server answers, as an :class:`AdminCanonicalEmailBlock`
            (current servers send an empty object).
        """
        return self._delete(
            f"/api/v1/admin/canonical_email_blocks/{self._id(id)}",
            returns=AdminCanonicalEmailBlock,
        )

    # -- IP blocks -------------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def admin_ip_blocks(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminIpBlock]:
        """List the IP ranges with sign-up or access restrictions.

        :param limit: how many blocks to list at most (server default 100, maximum 200).
        :returns: a page of :class:`AdminIpBlock` that :meth:`fetch_next` can continue.
        """
        return self._get(
            "/api/v1/admin/ip_blocks",
            page_params(max_id, min_id, since_id, limit),
            returns=PaginatableList[AdminIpBlock],
        )

    @api_version("4.0.0", "4.0.0")
    def admin_ip_block(self, id: EntityOrId) -> AdminIpBlock:
        """Fetch one IP block.

        :param id: the block, or its id.
        :returns: the :class:`AdminIpBlock`.
        """
        return self._get(f"/api/v1/admin/ip_blocks/{self._id(id)}", returns=AdminIpBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_create_ip_block(
        self,
        ip: str,
        severity: str,
        comment: str | None = None,
        expires_in: int | None = None,
    ) -> AdminIpBlock:
        """Restrict an IP address or range.

        :param ip: an address (``"192.0.2.7"``) or a network in CIDR form
            (``"2001:db8::/32"``).
        :param severity: ``"sign_up_requires_approval"`` (sign-ups wait for a
            moderator), ``"sign_up_block"`` (no sign-ups) or ``"no_access"`` (no
            access at all).
        :param comment: a note on why the block exists.
        :param expires_in: seconds until the block lapses; ``None`` keeps it forever.
        :returns: the new :class:`AdminIpBlock`.
        """
        params = {
            "ip": check_text(ip, "ip", allow_empty=True),
            "severity": as_choice(severity, "severity", IP_BLOCK_SEVERITIES, required=True),
            "comment": comment,
            "expires_in": as_int(expires_in, "expires_in"),
        }
        return self._post("/api/v1/admin/ip_blocks", params, returns=AdminIpBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_update_ip_block(
        self,
        id: EntityOrId,
        ip: str | None = None,
        severity: str | None = None,
        comment: str | None = None,
        expires_in: int | None = None,
    ) -> AdminIpBlock:
        """Change an IP block; parameters left as ``None`` are not sent.

        :param id: the block, or its id.
        :param ip: a new address or CIDR network.
        :param severity: ``"sign_up_requires_approval"``, ``"sign_up_block"`` or
            ``"no_access"``.
        :param comment: a new note.
        :param expires_in: seconds from now until the block lapses.
        :returns: the updated :class:`AdminIpBlock`.
        """
        params = {
            "ip": check_optional_text(ip, "ip"),
            "severity": as_choice(severity, "severity", IP_BLOCK_SEVERITIES),
            "comment": comment,
            "expires_in": as_int(expires_in, "expires_in"),
        }
        return self._put(f"/api/v1/admin/ip_blocks/{self._id(id)}", params, returns=AdminIpBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_ip_block(self, id: EntityOrId) -> None:
        """Lift an IP block.

        :param id: the block, or its id.
        """
        self._delete(f"/api/v1/admin/ip_blocks/{self._id(id)}")
