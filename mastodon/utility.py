"""Versions, pagination and other helpers that are not one endpoint each."""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ._core import RequestCore, _safe_url
from .errors import (
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNotFoundError,
)
from .types import AttribAccessDict, AttribAccessList
from .versions import SUPPORTED_VERSION, parse_version

__all__ = ["UtilityMixin"]

log = logging.getLogger("mastodon")


class UtilityMixin(RequestCore):
    """Server version handling, pagination and small helpers."""

    # -- versions -----------------------------------------------------------------------

    def _fetch_version_string(self) -> str | None:
        info = self._instance_info()
        version = info.get("version") if isinstance(info, dict) else None
        api_versions = info.get("api_versions") if isinstance(info, dict) else None
        if isinstance(api_versions, dict) and isinstance(api_versions.get("mastodon"), int):
            self.mastodon_api_version = api_versions["mastodon"]
        return version if isinstance(version, str) else None

    def _instance_info(self) -> Any:
        """The instance entity, v2 when the server has it, else v1 (cached)."""
        cached = self._instance_cache.get("instance")
        if cached is not None:
            return cached
        try:
            info = self._get("/api/v2/instance", cast=AttribAccessDict)
        except MastodonNotFoundError:
            info = self._get("/api/v1/instance", cast=AttribAccessDict)
        except MastodonError as exc:
            if getattr(exc, "status_code", None) not in (404, 410):
                raise
            info = self._get("/api/v1/instance", cast=AttribAccessDict)
        self._instance_cache["instance"] = info
        return info

    def retrieve_mastodon_version(self, fail_hard: bool = False) -> str:
        """Ask the server for its version and use it for version checks from now on.

        :param fail_hard: raise when the server cannot be asked (else the newest
            supported version is assumed and a warning logged).
        :returns: the version as ``"major.minor.patch"``.
        """
        self._instance_cache.pop("instance", None)
        try:
            text = self._fetch_version_string()
        except MastodonError:
            if fail_hard:
                raise
            log.warning("could not read the server version; assuming %s", SUPPORTED_VERSION)
            text = SUPPORTED_VERSION
        version = parse_version(text)
        self._set_version(version)
        return ".".join(map(str, version))

    def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool:
        """True if the server runs at least ``version_str``.

        :param cached: use the version already known instead of asking again.
        """
        if not cached or self._version is None:
            self.retrieve_mastodon_version()
        return self._server_version() >= parse_version(version_str)

    @staticmethod
    def get_supported_version() -> str:
        """The newest Mastodon version this package fully implements."""
        return SUPPORTED_VERSION

    def set_language(self, lang: str | None) -> None:
        """Send ``lang`` as ``Accept-Language`` from now on (``None`` stops it)."""
        self.lang = lang

    # -- pagination ---------------------------------------------------------------------

    def get_pagination_info(self, page: Any, pagination_direction: str) -> AttribAccessDict | None:
        """The stored info for the page after (``"next"``) or before (``"previous"``)."""
        if pagination_direction not in ("next", "previous", "prev"):
            raise MastodonIllegalArgumentError("pagination_direction must be 'next' or 'previous'")
        attr = "_pagination_next" if pagination_direction == "next" else "_pagination_prev"
        if isinstance(page, AttribAccessDict) and "_pagination_url" in page:
            return page
        info = getattr(page, attr, None) if isinstance(page, (AttribAccessList, AttribAccessDict)) else None
        if info is None and isinstance(page, list) and page:
            item = page[-1] if attr == "_pagination_next" else page[0]
            info = getattr(item, attr, None) if isinstance(item, AttribAccessDict) else None
        return info

    def _fetch_page(self, info: AttribAccessDict | None) -> Any:
        if info is None:
            return None
        url = info.get("_pagination_url")
        if not isinstance(url, str):
            raise MastodonIllegalArgumentError("pagination info has no URL to follow")
        method = str(info.get("_pagination_method") or "GET")
        if not url.startswith(self.api_base_url + "/"):
            raise MastodonIllegalArgumentError(f"refusing to follow a pagination link to another host: {_safe_url(url)}")
        return self._request(method, url)

    def fetch_next(self, previous_page: Any) -> Any:
        """The page after ``previous_page`` (a list returned by a paginated call,
        or its pagination info); ``None`` when there is none."""
        return self._fetch_page(self.get_pagination_info(previous_page, "next"))

    def fetch_previous(self, next_page: Any) -> Any:
        """The page before ``next_page``; ``None`` when there is none."""
        return self._fetch_page(self.get_pagination_info(next_page, "previous"))

    def fetch_remaining(self, first_page: Any) -> AttribAccessList[Any]:
        """Every item from ``first_page`` on, following ``next`` links to the end.

        :raises MastodonError: when a page fails, of the class the failure maps to.
            Nothing fetched is lost: the exception's ``items`` attribute holds every
            item fetched before the failure (the first page included), and its
            ``next_page`` attribute the pagination info to resume with
            (``api.fetch_next(exc.next_page)``).
        """
        items = AttribAccessList(first_page or [])
        info = self.get_pagination_info(first_page, "next")
        while info is not None:
            try:
                page = self._fetch_page(info)
            except MastodonError as exc:
                exc.items = items  # type: ignore[attr-defined]
                exc.next_page = info  # type: ignore[attr-defined]
                raise
            if not page:
                break
            items.extend(page)
            info = self.get_pagination_info(page, "next")
        return items

    def pagination_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]:
        """Yield items one by one, following pages lazily in ``direction``."""
        for page in self.pagination_page_iterator(start_page, direction, return_pagination_info):
            if return_pagination_info:
                items, info = page
                for item in items:
                    yield item, info
            else:
                yield from page

    def pagination_page_iterator(self, start_page: Any, direction: str = "next", return_pagination_info: bool = False) -> Iterator[Any]:
        """Yield whole pages, starting with ``start_page``, following ``direction``."""
        if direction not in ("next", "previous"):
            raise MastodonIllegalArgumentError("direction must be 'next' or 'previous'")
        page = start_page
        while page:
            info = self.get_pagination_info(page, direction)
            yield (page, info) if return_pagination_info else page
            page = self._fetch_page(info)

    # -- misc -----------------------------------------------------------------------------

    def get_approx_server_time(self) -> datetime:
        """The server's clock, from the ``Date`` header of a cheap request."""
        response = self._send("HEAD", self.api_base_url + "/")
        value = response.headers.get("Date")
        if not value:
            raise MastodonError("the server sent no Date header")
        return email.utils.parsedate_to_datetime(value)

    @staticmethod
    def get_status_length(text: str, spoiler_text: str | None = "") -> int:
        """Count a status the way the server counts it against its character limit.

        Nothing is sent: this tells, before posting, whether the server will accept
        the length of a status with this text and content warning (the limit is the
        ``configuration.statuses.max_characters`` of :meth:`Mastodon.instance`).

        The count is that of Mastodon's own check:

        * characters are user-perceived characters (extended grapheme clusters): an
          emoji sequence such as a family, a flag or a skin tone, a letter with its
          combining accents, a Hangul syllable, each count as one;
        * every link the server recognises counts as 23 characters, however long;
        * every mention counts as ``@`` and its local part: ``@alice@example.social``
          counts as ``@alice``;
        * the content warning counts too, in full, together with the text;
        * leading and trailing whitespace is not counted, and a text of nothing but
          whitespace counts as nothing. When the text is blank and a content warning
          is given, the server posts the content warning as the text, and it is
          counted so here (unless the status quotes another: then the server keeps
          it as a content warning, and this count can be too low).

        Only what the server would turn into a link counts as 23: it needs a
        scheme (``https://``, ``http://``, or ``dat``, ``dweb``, ``ipfs``, ``ipns``,
        ``ssb``, ``gopher``, ``gemini``) and a host that ends in a top-level domain
        from the server's list. These count in full: a link without a scheme
        (``example.com``), a host that is an IP address or ``localhost``, a link
        with a user name (``https://user@example.com``), and a link longer than
        4096 characters. Punctuation right after a link (``.``, ``,``, ``!``, a
        closing parenthesis that was not opened inside the link...) is not part of
        the link and counts as text.

        Grapheme clusters follow the Unicode version of the installed ``regex``
        package; a server running an older Ruby can split a few rare sequences
        (Indic conjuncts) differently.

        :param text: the status text.
        :param spoiler_text: the content warning; ``None`` or ``""`` for none.
        :returns: the number of characters the server counts.
        :raises MastodonMissingDependencyError: without the ``status-length`` extra
            (``pip install 'pytooter[status-length]'``), which brings the ``regex``
            package.
        :raises MastodonIllegalArgumentError: when ``text`` is not a string, or
            ``spoiler_text`` neither a string nor ``None``.
        """
        from mastodon._status_length import status_length  # absolute: this file may move

        return status_length(text, spoiler_text)
