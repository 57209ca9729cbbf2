"""Home, public, hashtag, list and link timelines."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from .._checks import as_bool, check_text, tag_name
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonError, MastodonIllegalArgumentError, MastodonVersionError
from ..types import EntityOrId, PageBound, PaginatableList, Status
from .pagination import page_params

__all__ = ["TimelinesMixin"]

# Which block of ``configuration.timelines_access`` (instance v2, Mastodon 4.5.0+)
# governs each kind of timeline.
_ACCESS_BLOCKS = {"public": "live_feeds", "tag": "hashtag_feeds", "link": "trending_link_feeds"}
# The kinds as Mastodon.py 2.x's timeline_is_available names them.
_ACCESS_KIND_NAMES = {"hashtag": "tag", "trending_links": "link"}


def _link_url(value: Any) -> str:
    """The link of a link timeline; a percent-encoded one (as in ``link?url=...``) is decoded."""
    url = check_text(value, "url").strip()
    if "://" not in url and "%3a" in url.lower():
        url = unquote(url)
    return url


class TimelinesMixin(RequestCore):
    """Home, public, hashtag, list and link timelines."""

    def _timeline_target(self, timeline: Any) -> tuple[str, dict[str, Any]]:
        """The path and fixed parameters of a timeline named as :meth:`timeline` takes it.

        Names it does not know (the ``bubble`` timeline of some forks, the
        ``direct`` timeline of old servers) go to ``/api/v1/timelines/<name>``:
        the server knows which it has.
        """
        if not isinstance(timeline, str) or not timeline:
            raise MastodonIllegalArgumentError("timeline must be a non-empty string such as 'home' or 'tag/cats'")
        if timeline == "local":
            return "/api/v1/timelines/public", {"local": True}
        if timeline.startswith("tag/"):
            return f"/api/v1/timelines/tag/{self._id(tag_name(timeline[4:], 'hashtag'), 'hashtag')}", {}
        if timeline.startswith("list/"):
            return f"/api/v1/timelines/list/{self._id(timeline[5:], 'list id')}", {}
        if timeline.startswith("link?url="):
            return "/api/v1/timelines/link", {"url": _link_url(timeline[9:])}
        return f"/api/v1/timelines/{self._id(timeline, 'timeline')}", {}

    def _fetch_timeline(
        self,
        path: str,
        fixed: dict[str, Any],
        max_id: PageBound,
        min_id: PageBound,
        since_id: PageBound,
        limit: int | None,
        only_media: bool,
        local: bool,
        remote: bool,
    ) -> PaginatableList[Status]:
        params: dict[str, Any] = {
            **fixed,
            **page_params(max_id, min_id, since_id, limit),
        }
        # The server's defaults are all false: send the switches only when set.
        for name, flag in (("only_media", only_media), ("local", local), ("remote", remote)):
            if as_bool(flag, name):
                params[name] = True
        return self._get(path, params, returns=PaginatableList[Status])

    @api_version("1.0.0", "3.1.4")
    def timeline(
        self,
        timeline: str = "home",
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read one page of a timeline, newest statuses first.

        :param timeline: which timeline: ``"home"`` (the logged-in user's),
            ``"public"`` (everything the server knows), ``"local"`` (the public
            timeline limited to this server's users), ``"tag/<hashtag>"`` (the
            name without ``#``), ``"list/<list id>"`` or ``"link?url=<url>"``
            (statuses sharing a trending link). Another name is asked for as
            ``/api/v1/timelines/<name>``, for the timelines forks add (such as
            ``"bubble"``).
        :param limit: how many statuses to return at most (the server caps it, usually at 40).
        :param only_media: only statuses with media attached.
        :param local: only statuses from this server's users.
        :param remote: only statuses from other servers.
        :returns: a page of :class:`Status` that :meth:`fetch_next` can continue.
        :raises MastodonIllegalArgumentError: for an empty name, hashtag or list id,
            or a hashtag given with its ``#``.
        """
        path, fixed = self._timeline_target(timeline)
        return self._fetch_timeline(path, fixed, max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("1.0.0", "3.1.4")
    def timeline_home(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read the logged-in user's home timeline: statuses of followed accounts and hashtags.

        Takes the same paging and filter parameters as :meth:`timeline`.

        :returns: a page of :class:`Status`.
        """
        return self.timeline("home", max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("1.0.0", "3.1.4")
    def timeline_local(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
    ) -> PaginatableList[Status]:
        """Read the local timeline: public statuses posted by this server's users.

        Takes the same paging parameters as :meth:`timeline`.

        :param only_media: only statuses with media attached.
        :returns: a page of :class:`Status`.
        """
        return self.timeline("local", max_id, min_id, since_id, limit, only_media)

    @api_version("1.0.0", "3.1.4")
    def timeline_public(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read the public (federated) timeline: every public status the server knows of.

        Takes the same paging parameters as :meth:`timeline`.

        :param only_media: only statuses with media attached.
        :param local: only statuses from this server's users.
        :param remote: only statuses from other servers.
        :returns: a page of :class:`Status`.
        """
        return self.timeline("public", max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("1.0.0", "3.1.4")
    def timeline_hashtag(
        self,
        hashtag: str,
        local: bool = False,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read the public statuses that use a hashtag.

        :param hashtag: the hashtag's name, without ``#``.
        :param local: only statuses from this server's users.
        :param only_media: only statuses with media attached.
        :param remote: only statuses from other servers.
        :returns: a page of :class:`Status`; the paging parameters work as in :meth:`timeline`.
        :raises MastodonIllegalArgumentError: when ``hashtag`` is empty or starts
            with ``#``.
        """
        path = f"/api/v1/timelines/tag/{self._id(tag_name(hashtag, 'hashtag'), 'hashtag')}"
        return self._fetch_timeline(path, {}, max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("2.1.0", "3.1.4")
    def timeline_list(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read the timeline of one of the user's lists.

        :param id: the list, or its id.
        :returns: a page of :class:`Status`; the other parameters work as in :meth:`timeline`.
        """
        path = f"/api/v1/timelines/list/{self._id(id)}"
        return self._fetch_timeline(path, {}, max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("4.3.0", "4.3.0")
    def timeline_link(
        self,
        url: str,
        local: bool = False,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
        only_media: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Read the public statuses that share a currently trending link.

        :param url: the link, as :meth:`trending_links` reports it. The server
            answers 404 for a link that is not trending.
        :returns: a page of :class:`Status`; the other parameters work as in :meth:`timeline`.
        :raises MastodonIllegalArgumentError: when ``url`` is empty or not a string.
        """
        fixed = {"url": _link_url(url)}
        return self._fetch_timeline("/api/v1/timelines/link", fixed, max_id, min_id, since_id, limit, only_media, local, remote)

    def timeline_is_available(
        self,
        timeline: str = "public",
        local: bool = False,
        remote: bool = False,
        with_auth: bool = False,
        fail_hard: bool = False,
    ) -> bool:
        """Tell whether reading a timeline is allowed, without reading it.

        Servers running Mastodon 4.5.0 or later say in their instance
        configuration (``timelines_access``) who may read the public, hashtag and
        trending-link timelines: everyone, only logged-in users, or only staff.
        This compares that with the kind of access the caller has. The instance
        information is fetched once and cached.

        :param timeline: a timeline name as :meth:`timeline` takes it, or
            ``"hashtag"`` / ``"trending_links"`` for those kinds of timeline.
            ``"home"`` and lists are available exactly when ``with_auth`` is
            true; other names (those of forks) count as available.
        :param local: ask about the server's own statuses only.
        :param remote: ask about statuses from other servers only. With neither
            flag, or both, both parts must be readable.
        :param with_auth: whether the timeline will be read with a user token.
        :param fail_hard: raise when the answer cannot be known instead of
            guessing: for a timeline without access settings to check (``home``,
            lists, the timelines of forks), for a server that does not publish
            them, or one that cannot be asked.
        :returns: ``True`` when the timeline can be read.
        :raises MastodonIllegalArgumentError: for an empty timeline name or a
            hashtag given with its ``#``; with ``fail_hard``, for a timeline
            without access settings.
        :raises MastodonVersionError: with ``fail_hard``, when the server does
            not publish access settings.
        :raises MastodonError: with ``fail_hard``, when the instance information
            cannot be fetched (of the class the failure maps to).
        """
        kind = _ACCESS_KIND_NAMES.get(timeline) if isinstance(timeline, str) else None
        if kind is None:
            path, fixed = self._timeline_target(timeline)
            kind = "tag" if "/tag/" in path else "link" if path.endswith("/link") else "public" if path.endswith("/public") else None
            local = local or bool(fixed.get("local"))
            if kind is None:
                if fail_hard:
                    raise MastodonIllegalArgumentError(f"timeline {timeline!r} has no published access settings to check")
                personal = path.endswith("/home") or "/list/" in path
                return bool(with_auth) if personal else True
        rules = self._timeline_access_rules(kind, fail_hard)
        if rules is None:
            return True
        parts = ["local"] if local and not remote else ["remote"] if remote and not local else ["local", "remote"]
        allowed = ("public", "authenticated") if with_auth else ("public",)
        return all(rules.get(part) in allowed for part in parts)

    def _timeline_access_rules(self, kind: str, fail_hard: bool) -> dict[str, Any] | None:
        """The server's ``timelines_access`` block for a kind of timeline; ``None``
        (or, with ``fail_hard``, an error) when it cannot be had."""
        try:
            info = self._instance_info()
        except MastodonError:
            if fail_hard:
                raise
            return None
        configuration = info.get("configuration") if isinstance(info, dict) else None
        access = configuration.get("timelines_access") if isinstance(configuration, dict) else None
        rules = access.get(_ACCESS_BLOCKS[kind]) if isinstance(access, dict) else None
        if not isinstance(rules, dict):
            if fail_hard:
                raise MastodonVersionError("the server does not publish timeline access settings (Mastodon 4.5.0+)")
            return None
        return rules
