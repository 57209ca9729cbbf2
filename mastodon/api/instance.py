"""Information about the instance: server info, rules, policies, announcements,
custom emojis, the profile directory, and the well-known discovery documents."""

from __future__ import annotations

import email.utils
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from .._checks import as_bool, as_choice, as_int, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonAPIError, MastodonError, MastodonIllegalArgumentError, MastodonNetworkError
from ..types import (
    Account,
    Activity,
    Announcement,
    AttribAccessDict,
    CustomEmoji,
    DomainBlock,
    EntityOrId,
    ExtendedDescription,
    Instance,
    InstanceV2,
    Nodeinfo,
    NonPaginatableList,
    OEmbed,
    PaginatableList,
    PrivacyPolicy,
    Rule,
    SupportedLocale,
    TermsOfService,
    Webfinger,
)

__all__ = ["InstanceMixin"]

NODEINFO_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0"
#: How the profile directory can be ordered.
DIRECTORY_ORDERS = ("active", "new")


def _reaction_name(value: Any) -> str:
    """A Unicode emoji or a custom emoji's shortcode (``:blobcat:`` is read as ``blobcat``)."""
    if not isinstance(value, str) or not value.strip(":").strip():
        raise MastodonIllegalArgumentError("reaction must be an emoji or a custom emoji shortcode")
    if len(value) > 2 and value.startswith(":") and value.endswith(":"):
        return value[1:-1]
    return value


class InstanceMixin(RequestCore):
    """Information about the instance."""

    # -- server information -----------------------------------------------------------------

    @api_version("1.1.0", "4.0.0")
    def instance(self) -> InstanceV2 | Instance:
        """Read the server's description: name, version, limits, contact, rules.

        Servers running Mastodon 4.0.0 or later answer with :meth:`instance_v2`,
        older ones with :meth:`instance_v1`; the two differ in shape.

        :returns: an :class:`InstanceV2`, or an :class:`Instance` from old servers.
        """
        if self.verify_minimum_version("4.0.0", cached=True):
            return self.instance_v2()
        return self.instance_v1()

    @api_version("1.1.0", "2.3.0")
    def instance_v1(self) -> Instance:
        """Read the server's description in the older form (deprecated since Mastodon 4.0.0).

        :returns: the :class:`Instance`, with ``uri``, ``stats`` and ``urls``.
        """
        return self._get("/api/v1/instance", returns=Instance)

    @api_version("4.0.0", "4.0.0")
    def instance_v2(self) -> InstanceV2:
        """Read the server's description in the current form.

        :returns: the :class:`InstanceV2`, with ``domain``, ``usage``,
            ``configuration`` (limits, URLs, timeline access) and ``api_versions``.
        """
        return self._get("/api/v2/instance", returns=InstanceV2)

    @api_version("2.1.2", "2.1.2")
    def instance_activity(self) -> NonPaginatableList[Activity]:
        """Read the server's activity over the last twelve weeks.

        :returns: one :class:`Activity` per week, newest first: ``week`` (the
            week's start, a datetime) and the counts ``statuses``, ``logins``
            and ``registrations`` as ints.
        """
        return self._get("/api/v1/instance/activity", returns=NonPaginatableList[Activity])

    @api_version("2.1.2", "2.1.2")
    def instance_peers(self) -> NonPaginatableList[str]:
        """List the domains of the other servers this one knows about.

        :returns: a list of domain names.
        """
        return self._get("/api/v1/instance/peers", returns=NonPaginatableList[str])

    @api_version("3.0.0", "3.0.0")
    def instance_health(self) -> bool:
        """Check that the server's web process is up and can reach its database and cache.

        :returns: ``True`` when the server answers its health check with success;
            ``False`` when it answers with an error or cannot be reached.
        """
        try:
            self._exchange("GET", self._url("/health"), use_auth=False)
        except (MastodonAPIError, MastodonNetworkError):
            return False
        return True

    @api_version("3.0.0", "3.0.0")
    def instance_nodeinfo(self, schema: str = NODEINFO_2_0) -> Nodeinfo:
        """Read the server's NodeInfo document: software, protocols, usage, registrations.

        The server lists its NodeInfo documents at ``/.well-known/nodeinfo``;
        the one for ``schema`` is fetched from where that list points.
        Neither request carries the access token.

        :param schema: the NodeInfo schema URI wanted (2.0 by default).
        :returns: the NodeInfo document, a :class:`Nodeinfo`.
        :raises MastodonAPIError: when the server offers no document for ``schema``.
        """
        if not isinstance(schema, str) or not schema:
            raise MastodonIllegalArgumentError("schema must be a NodeInfo schema URI")
        listing = self._get("/.well-known/nodeinfo", use_auth=False, returns=AttribAccessDict)
        links = listing.get("links") if isinstance(listing, dict) else None
        for link in links if isinstance(links, list) else []:
            if isinstance(link, dict) and link.get("rel") == schema and isinstance(link.get("href"), str):
                href = urljoin(self.api_base_url + "/", link["href"])
                if urlsplit(href).scheme not in ("http", "https"):
                    break
                return self._get(href, use_auth=False, returns=Nodeinfo)
        raise MastodonAPIError(f"the server offers no NodeInfo document for schema {schema!r}")

    @api_version("3.4.0", "3.4.0")
    def instance_rules(self) -> NonPaginatableList[Rule]:
        """List the rules the server's users agree to follow.

        :returns: a list of :class:`Rule` (``id``, ``text`` and a longer ``hint``).
        """
        return self._get("/api/v1/instance/rules", returns=NonPaginatableList[Rule])

    @api_version("4.0.0", "4.0.0")
    def instance_domain_blocks(self) -> NonPaginatableList[DomainBlock]:
        """List the servers this one limits or blocks, if its admins publish that.

        :returns: a list of :class:`DomainBlock` (``domain``, possibly obfuscated,
            its SHA-256 ``digest``, ``severity`` and ``comment``).
        :raises MastodonNotFoundError: when the admins publish the list to nobody.
        """
        return self._get("/api/v1/instance/domain_blocks", returns=NonPaginatableList[DomainBlock])

    @api_version("4.0.0", "4.0.0")
    def instance_extended_description(self) -> ExtendedDescription:
        """Read the server's long description (the "About" page).

        :returns: the :class:`ExtendedDescription`: HTML ``content`` and ``updated_at``.
        """
        return self._get("/api/v1/instance/extended_description", returns=ExtendedDescription)

    @api_version("4.0.0", "4.0.0")
    def instance_privacy_policy(self) -> PrivacyPolicy:
        """Read the server's privacy policy.

        :returns: the :class:`PrivacyPolicy`: HTML ``content`` and ``updated_at``.
        """
        return self._get("/api/v1/instance/privacy_policy", returns=PrivacyPolicy)

    @api_version("4.4.0", "4.4.0")
    def instance_terms_of_service(self, date: date | str | None = None) -> TermsOfService:
        """Read the server's terms of service.

        :param date: the effective date of the version wanted (a :class:`datetime.date`
            or ``"YYYY-MM-DD"``); the version in force now when not given.
        :returns: the :class:`TermsOfService`: HTML ``content``, ``effective_date``,
            whether it is ``effective`` yet, and ``succeeded_by``.
        :raises MastodonNotFoundError: when the server has no terms of service
            (for that date).
        """
        if date is None:
            return self._get("/api/v1/instance/terms_of_service", returns=TermsOfService)
        return self._get(f"/api/v1/instance/terms_of_service/{_date_text(date)}", returns=TermsOfService)

    @api_version("4.2.0", "4.2.0")
    def instance_languages(self) -> NonPaginatableList[SupportedLocale]:
        """List the languages the server knows, for status and filter language fields.

        :returns: a list of :class:`SupportedLocale`: the ISO 639 ``code`` and the English ``name``.
        """
        return self._get("/api/v1/instance/languages", returns=NonPaginatableList[SupportedLocale])

    @api_version("4.2.0", "4.2.0")
    def instance_translation_languages(self) -> dict[str, list[str]]:
        """List the language pairs the server's translation service supports.

        :returns: a dict from source language code to the list of target codes;
            the source ``"und"`` stands for statuses whose language is not set.
        """
        return self._get("/api/v1/instance/translation_languages", returns=AttribAccessDict)

    # -- announcements ----------------------------------------------------------------------

    @api_version("3.1.0", "3.1.0")
    def announcements(self) -> NonPaginatableList[Announcement]:
        """List the announcements the server's admins currently show.

        :returns: a list of :class:`Announcement`, each with its ``reactions``
            and whether the user has ``read`` it.
        """
        return self._get("/api/v1/announcements", returns=NonPaginatableList[Announcement])

    @api_version("3.1.0", "3.1.0")
    def announcement_dismiss(self, id: EntityOrId) -> None:
        """Mark an announcement as read.

        :param id: the announcement, or its id.
        """
        self._post(f"/api/v1/announcements/{self._id(id)}/dismiss")

    @api_version("3.1.0", "3.1.0")
    def announcement_reaction_create(self, id: EntityOrId, reaction: str) -> None:
        """React to an announcement with an emoji.

        :param id: the announcement, or its id.
        :param reaction: a Unicode emoji, or the shortcode of one of the
            server's custom emojis (with or without the colons).
        """
        self._put(f"/api/v1/announcements/{self._id(id)}/reactions/{self._id(_reaction_name(reaction), 'reaction')}")

    @api_version("3.1.0", "3.1.0")
    def announcement_reaction_delete(self, id: EntityOrId, reaction: str) -> None:
        """Take back the user's emoji reaction to an announcement.

        :param id: the announcement, or its id.
        :param reaction: the emoji or custom emoji shortcode reacted with.
        """
        self._delete(f"/api/v1/announcements/{self._id(id)}/reactions/{self._id(_reaction_name(reaction), 'reaction')}")

    # -- emojis and the directory -------------------------------------------------------------

    @api_version("2.1.0", "2.1.0")
    def custom_emojis(self) -> NonPaginatableList[CustomEmoji]:
        """List the server's custom emojis.

        :returns: a list of :class:`CustomEmoji` (``shortcode``, image ``url``
            and ``static_url``, ``visible_in_picker``, ``category``).
        """
        return self._get("/api/v1/custom_emojis", returns=NonPaginatableList[CustomEmoji])

    @api_version("3.0.0", "3.0.0")
    def directory(
        self,
        offset: int | None = None,
        limit: int | None = None,
        order: str | None = None,
        local: bool | None = None,
    ) -> PaginatableList[Account]:
        """List the accounts that chose to appear in the server's profile directory.

        Page through the directory with ``offset``.

        :param offset: skip this many accounts.
        :param limit: how many accounts to return at most (the server caps it, usually at 80).
        :param order: ``"active"`` (most recently posting first, the default) or
            ``"new"`` (most recently created first).
        :param local: only this server's accounts when true.
        :returns: a list of :class:`Account`.
        """
        params = {
            "offset": as_int(offset, "offset"),
            "limit": as_int(limit, "limit"),
            "order": as_choice(order, "order", DIRECTORY_ORDERS),
            "local": as_bool(local, "local"),
        }
        return self._get("/api/v1/directory", params, returns=PaginatableList[Account])

    # -- embedding and discovery --------------------------------------------------------------

    @api_version("1.0.0", "1.0.0")
    def oembed(self, url: str, maxwidth: int | None = None, maxheight: int | None = None) -> OEmbed:
        """Get the oEmbed description of a status, with the HTML to embed it in a web page.

        :param url: the status's URL on this server.
        :param maxwidth: the embed's width in pixels (the server's default is 400).
        :param maxheight: the embed's height in pixels.
        :returns: the oEmbed document, an :class:`OEmbed` (``type``, ``html``,
            ``width``, ``author_name``...).
        :raises MastodonNotFoundError: when no status has that URL.
        """
        params = {
            "url": check_text(url, "url", allow_empty=True).strip(),
            "maxwidth": as_int(maxwidth, "maxwidth"),
            "maxheight": as_int(maxheight, "maxheight"),
        }
        return self._get("/api/oembed", params, returns=OEmbed)

    @api_version("1.0.0", "1.0.0")
    def webfinger(self, acct: str) -> Webfinger:
        """Look up an account's WebFinger document on this server.

        :param acct: the account as ``user@domain``, ``@user@domain``,
            ``acct:user@domain``, or just ``user`` for an account of this server.
        :returns: the JRD document, a :class:`Webfinger`: ``subject``, ``aliases`` and
            ``links`` (the one with ``rel`` ``"self"`` points to the ActivityPub actor).
        """
        resource = self._acct_resource(acct)
        return self._get("/.well-known/webfinger", {"resource": resource}, use_auth=False, returns=Webfinger)

    def _acct_resource(self, acct: Any) -> str:
        if not isinstance(acct, str):
            raise MastodonIllegalArgumentError(f"acct must be a string such as 'user@domain', not {type(acct).__name__}")
        name = acct.strip()
        if name.startswith("acct:"):
            name = name[5:]
        name = name.removeprefix("@")
        user, _, domain = name.partition("@")
        if not domain:
            domain = urlsplit(self.api_base_url).netloc
        if not user or "@" in domain or any(ch.isspace() for ch in name) or "/" in name:
            raise MastodonIllegalArgumentError(f"acct {acct!r} is not an account address such as 'user@domain'")
        return f"acct:{user}@{domain}"

    @api_version("1.0.0", "1.0.0")
    def host_meta(self) -> str:
        """Read the server's host-meta document, which says where WebFinger lives.

        The document is XML (an XRD); it is returned as text, unparsed.

        :returns: the XML text.
        """
        return self._exchange("GET", self._url("/.well-known/host-meta"), use_auth=False).text

    # -- the server's clock ---------------------------------------------------------------------

    def get_approx_server_time(self) -> datetime:
        """The server's clock, from the ``Date`` header of a cheap request.

        :returns: the time the server answered, as an aware datetime in UTC.
        :raises MastodonError: when the server sends no ``Date`` header, or one
            that is not a date.
        """
        value = self._exchange("HEAD", self.api_base_url + "/").response.headers.get("Date")
        if not value:
            raise MastodonError("the server sent no Date header")
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise MastodonError(f"the server's Date header is not a date: {value[:80]!r}") from None
        # HTTP dates are in GMT whatever zone they name, if any (RFC 9110).
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _date_text(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise MastodonIllegalArgumentError(f"date must be a datetime.date or a 'YYYY-MM-DD' string, not {value!r}")
