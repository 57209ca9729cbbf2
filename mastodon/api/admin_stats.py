"""Admin API: trends review and server statistics.

Trending links, statuses and tags as moderators see them (including ones not yet
approved), and the dashboard numbers: measures, dimensions and retention cohorts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .._checks import as_bool, as_choice, as_int, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import (
    AdminDimension,
    AdminMeasure,
    AdminRetention,
    AdminTag,
    EntityOrId,
    NonPaginatableList,
    Status,
    TrendingLink,
)

__all__ = ["AdminStatsMixin"]

RETENTION_FREQUENCIES = ("day", "month")


def _period(start_at: Any, end_at: Any) -> dict[str, date]:
    """The ``start_at``/``end_at`` parameters: dates or datetimes (naive ones are
    local time); their order is the server's to judge."""
    for name, value in (("start_at", start_at), ("end_at", end_at)):
        if not isinstance(value, (date, datetime)):
            raise MastodonIllegalArgumentError(f"{name} must be a datetime or date, not {value!r}")
    return {"start_at": start_at, "end_at": end_at}


def _keyed(
    params: dict[str, Any],
    keys: list[str],
    name: str,
    value: Any,
    sub: str,
) -> None:
    """Request key ``name`` with its ``name[sub]`` argument when ``value`` is given.

    The argument goes in under the literal key ``name[sub]``: a nested dict would
    be read by the encoder as an entity to unpack when ``sub`` is ``id``.
    """
    if value is None:
        return
    if sub == "id":
        value = RequestCore._unpack_id(value, name)
    else:
        # A URL names its domain, as the classic client read it: "https://x.example/" is x.example.
        value = check_text(value, name, allow_empty=True).split("://", 1)[-1].split("/", 1)[0]
    keys.append(name)
    params[f"{name}[{sub}]"] = value


class AdminStatsMixin(RequestCore):
    """Admin API: trends moderation, measures, dimensions and retention."""

    # -- trends ----------------------------------------------------------------------

    @api_version("3.5.0", "3.5.0")
    def admin_trending_tags(self, limit: int | None = None) -> NonPaginatableList[AdminTag]:
        """List trending hashtags, including those not yet approved for display.

        :param limit: how many tags to return at most.
        :returns: the :class:`AdminTag` entries, most trending first, with usage history.
        """
        return self._get("/api/v1/admin/trends/tags", {"limit": as_int(limit, "limit")}, returns=NonPaginatableList[AdminTag])

    @api_version("3.5.0", "3.5.0")
    def admin_trending_statuses(self) -> NonPaginatableList[Status]:
        """List trending statuses, including those not yet approved for display.

        :returns: the :class:`Status` entries, most trending first.
        """
        return self._get("/api/v1/admin/trends/statuses", returns=NonPaginatableList[Status])

    @api_version("3.5.0", "3.5.0")
    def admin_trending_links(self) -> NonPaginatableList[TrendingLink]:
        """List trending links, including those not yet approved for display.

        :returns: the links as :class:`TrendingLink` entries with usage history,
            most trending first.
        """
        return self._get("/api/v1/admin/trends/links", returns=NonPaginatableList[TrendingLink])

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_link(self, id: EntityOrId) -> TrendingLink:
        """Allow a trending link to be shown publicly.

        :param id: the link, or its id.
        :returns: the link's :class:`TrendingLink`.
        """
        return self._post(f"/api/v1/admin/trends/links/{self._id(id)}/approve", returns=TrendingLink)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_link(self, id: EntityOrId) -> TrendingLink:
        """Keep a trending link out of the public trends.

        :param id: the link, or its id.
        :returns: the link's :class:`TrendingLink`.
        """
        return self._post(f"/api/v1/admin/trends/links/{self._id(id)}/reject", returns=TrendingLink)

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_status(self, id: EntityOrId) -> Status:
        """Allow a trending status to be shown publicly.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/admin/trends/statuses/{self._id(id)}/approve", returns=Status)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_status(self, id: EntityOrId) -> Status:
        """Keep a trending status out of the public trends.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/admin/trends/statuses/{self._id(id)}/reject", returns=Status)

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_tag(self, id: EntityOrId) -> AdminTag:
        """Allow a trending hashtag to be shown publicly.

        :param id: the tag, or its id.
        :returns: the :class:`AdminTag`.
        """
        return self._post(f"/api/v1/admin/trends/tags/{self._id(id)}/approve", returns=AdminTag)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_tag(self, id: EntityOrId) -> AdminTag:
        """Keep a trending hashtag out of the public trends.

        :param id: the tag, or its id.
        :returns: the :class:`AdminTag`.
        """
        return self._post(f"/api/v1/admin/trends/tags/{self._id(id)}/reject", returns=AdminTag)

    # -- dashboard statistics --------------------------------------------------------

    @api_version("3.5.0", "3.5.0")
    def admin_measures(
        self,
        start_at: datetime | date,
        end_at: datetime | date,
        active_users: bool = False,
        new_users: bool = False,
        interactions: bool = False,
        opened_reports: bool = False,
        resolved_reports: bool = False,
        tag_accounts: EntityOrId | None = None,
        tag_uses: EntityOrId | None = None,
        tag_servers: EntityOrId | None = None,
        instance_accounts: str | None = None,
        instance_media_attachments: str | None = None,
        instance_reports: str | None = None,
        instance_statuses: str | None = None,
        instance_follows: str | None = None,
        instance_followers: str | None = None,
    ) -> NonPaginatableList[AdminMeasure]:
        """Fetch totals and daily figures for a period.

        Each flag set to ``True``, and each tag or domain given, asks for one
        measure; at least one is needed. The server counts whole days: the time
        of day in ``start_at``/``end_at`` is ignored.

        :param start_at: first day of the period (a date, or a datetime; a naive one is local time).
        :param end_at: last day of the period.
        :param active_users: users active during the period.
        :param new_users: users who signed up.
        :param interactions: favourites, boosts and replies on local statuses.
        :param opened_reports: reports filed.
        :param resolved_reports: reports resolved.
        :param tag_accounts: a hashtag (or its id): accounts that used it.
        :param tag_uses: a hashtag (or its id): statuses that used it.
        :param tag_servers: a hashtag (or its id): servers whose statuses used it.
        :param instance_accounts: a remote domain: its accounts discovered.
        :param instance_media_attachments: a remote domain: space its media takes.
        :param instance_reports: a remote domain: reports against its accounts.
        :param instance_statuses: a remote domain: its statuses received.
        :param instance_follows: a remote domain: its accounts followed by local users.
        :param instance_followers: a remote domain: local accounts its users follow.
        :returns: one :class:`AdminMeasure` per requested key.
        :raises MastodonIllegalArgumentError: when a bound is not a date or datetime, or
            nothing is requested.
        """
        flags = {
            "active_users": active_users,
            "new_users": new_users,
            "interactions": interactions,
            "opened_reports": opened_reports,
            "resolved_reports": resolved_reports,
        }
        keys = [name for name, wanted in flags.items() if as_bool(wanted, name)]
        params: dict[str, Any] = _period(start_at, end_at)
        for name, value in (("tag_accounts", tag_accounts), ("tag_uses", tag_uses), ("tag_servers", tag_servers)):
            _keyed(params, keys, name, value, "id")
        for name, value in (
            ("instance_accounts", instance_accounts),
            ("instance_media_attachments", instance_media_attachments),
            ("instance_reports", instance_reports),
            ("instance_statuses", instance_statuses),
            ("instance_follows", instance_follows),
            ("instance_followers", instance_followers),
        ):
            _keyed(params, keys, name, value, "domain")
        if not keys:
            raise MastodonIllegalArgumentError("admin_measures: request at least one measure")
        params["keys"] = keys
        return self._post("/api/v1/admin/measures", params, returns=NonPaginatableList[AdminMeasure])

    @api_version("3.5.0", "3.5.0")
    def admin_dimensions(
        self,
        start_at: datetime | date,
        end_at: datetime | date,
        limit: int | None = None,
        languages: bool = False,
        sources: bool = False,
        servers: bool = False,
        space_usage: bool = False,
        software_versions: bool = False,
        tag_servers: EntityOrId | None = None,
        tag_languages: EntityOrId | None = None,
        instance_accounts: str | None = None,
        instance_languages: str | None = None,
    ) -> NonPaginatableList[AdminDimension]:
        """Fetch breakdowns ("top N" lists) for a period.

        Each flag set to ``True``, and each tag or domain given, asks for one
        dimension; at least one is needed.

        :param start_at: first day of the period (a date, or a datetime; a naive one is local time).
        :param end_at: last day of the period.
        :param limit: how many entries each breakdown lists at most.
        :param languages: the languages most posted in on this server.
        :param sources: the apps most posted from.
        :param servers: the remote servers sending the most statuses.
        :param space_usage: storage used by the database, Redis and media.
        :param software_versions: versions of Mastodon and the software it runs on.
        :param tag_servers: a trending hashtag (or its id): servers posting it most.
        :param tag_languages: a trending hashtag (or its id): languages it is used in.
        :param instance_accounts: a remote domain: its most followed accounts.
        :param instance_languages: a remote domain: the languages it posts in most.
        :returns: one :class:`AdminDimension` per requested key.
        :raises MastodonIllegalArgumentError: when a bound is not a date or datetime, or
            nothing is requested.
        """
        flags = {
            "languages": languages,
            "sources": sources,
            "servers": servers,
            "space_usage": space_usage,
            "software_versions": software_versions,
        }
        keys = [name for name, wanted in flags.items() if as_bool(wanted, name)]
        params: dict[str, Any] = {**_period(start_at, end_at), "limit": as_int(limit, "limit")}
        _keyed(params, keys, "tag_servers", tag_servers, "id")
        _keyed(params, keys, "tag_languages", tag_languages, "id")
        _keyed(params, keys, "instance_accounts", instance_accounts, "domain")
        _keyed(params, keys, "instance_languages", instance_languages, "domain")
        if not keys:
            raise MastodonIllegalArgumentError("admin_dimensions: request at least one dimension")
        params["keys"] = keys
        return self._post("/api/v1/admin/dimensions", params, returns=NonPaginatableList[AdminDimension])

    @api_version("3.5.0", "3.5.0")
    def admin_retention(
        self,
        start_at: datetime | date,
        end_at: datetime | date,
        frequency: str = "day",
    ) -> NonPaginatableList[AdminRetention]:
        """Fetch sign-up cohorts and how many of each stayed active.

        :param start_at: first day of the period (a date, or a datetime; a naive one is local time).
        :param end_at: last day of the period.
        :param frequency: ``"day"`` or ``"month"``: the size of each cohort.
        :returns: one :class:`AdminRetention` per period: its sign-up cohort and, in
            ``data``, an :class:`AdminCohort` for each later period (``rate`` is a
            fraction between 0 and 1).
        """
        params = {**_period(start_at, end_at), "frequency": as_choice(frequency, "frequency", RETENTION_FREQUENCIES, required=True)}
        return self._post("/api/v1/admin/retention", params, returns=NonPaginatableList[AdminRetention])
