"""Keyword filters (v1 and v2) and client-side filtering.

Mastodon 4.0 moved filtering to the server (v2: a filter holds many keywords and
statuses and is matched server-side). The v1 endpoints remain for older servers
and scripts; :meth:`FiltersMixin.filters_apply` does the client-side matching
those v1 filters expect (with :mod:`mastodon._filtering`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .._checks import FILTER_CONTEXTS, as_bool, as_choice, as_int, check_text
from .._core import RequestCore, unpack_id
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import (
    EntityOrId,
    Filter,
    FilterKeyword,
    FilterStatus,
    FilterV2,
    NonPaginatableList,
    PaginatableList,
)

__all__ = ["FiltersMixin", "FILTER_CONTEXTS", "FILTER_ACTIONS"]

_T = TypeVar("_T")

#: What a v2 filter does to a matching status (``blur`` needs Mastodon 4.4).
FILTER_ACTIONS = ("warn", "hide", "blur")

_KEYWORD_KEYS = frozenset({"keyword", "whole_word"})
_KEYWORD_UPDATE_KEYS = _KEYWORD_KEYS | {"id", "_destroy"}


# -- argument checks ------------------------------------------------------------------


def _contexts(context: Any, name: str = "context") -> list[str]:
    """One context or several, each one of :data:`FILTER_CONTEXTS` (in any case)."""
    values = [context] if isinstance(context, str) else context
    if not isinstance(values, Iterable) or isinstance(values, Mapping):
        raise MastodonIllegalArgumentError(f"{name} must be a context name or a list of them")
    return [as_choice(value, name, FILTER_CONTEXTS, required=True) for value in values]


def _keyword_entry(entry: Any, allowed: frozenset[str], index: int) -> dict[str, Any]:
    """One keyword given as a dict, a ``(keyword, whole_word)`` tuple or a bare string."""
    where = f"keywords_attributes[{index}]"
    if isinstance(entry, str):
        entry = {"keyword": entry}
    elif isinstance(entry, tuple):
        if len(entry) != 2:
            raise MastodonIllegalArgumentError(f"{where}: a tuple must be (keyword, whole_word)")
        entry = {"keyword": entry[0], "whole_word": entry[1]}
    elif not isinstance(entry, Mapping):
        raise MastodonIllegalArgumentError(f"{where} must be a dict, a (keyword, whole_word) tuple or a string, not {type(entry).__name__}")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise MastodonIllegalArgumentError(f"{where}: unexpected keys {unknown}; allowed are {sorted(allowed)}")
    checked = dict(entry)
    if "keyword" in entry:
        check_text(entry["keyword"], f"{where}['keyword']", allow_empty=True)
    elif "id" not in entry:
        raise MastodonIllegalArgumentError(f"{where} needs a 'keyword' (or an 'id' of an existing keyword)")
    for key in ("whole_word", "_destroy"):
        if key in checked:
            checked[key] = as_bool(checked[key], f"{where}['{key}']")
    return checked


def _new_keywords(entries: Any) -> list[dict[str, Any]] | None:
    """Keywords for a new filter, sent as ``keywords_attributes[][keyword]`` etc."""
    if entries is None:
        return None
    if isinstance(entries, (str, Mapping)) or not isinstance(entries, Iterable):
        raise MastodonIllegalArgumentError("keywords_attributes must be a list")
    out = []
    for index, entry in enumerate(entries):
        checked = _keyword_entry(entry, _KEYWORD_KEYS, index)
        out.append({"keyword": checked["keyword"], "whole_word": checked.get("whole_word")})
    return out


def _changed_keywords(entries: Any) -> dict[str, Any]:
    """Keyword changes for an existing filter as flat, indexed form fields.

    Each keyword becomes ``keywords_attributes[<n>][<field>]``. Rails reads this
    indexed form as a list, and unlike the ``[]`` form it cannot merge a new keyword
    into the entry before it when the two have different fields. (The request core
    also reads any dict holding an ``id`` as an entity to unpack, so the nested
    entries are flattened here rather than passed as dicts.)
    """
    if entries is None:
        return {}
    if isinstance(entries, (str, Mapping)) or not isinstance(entries, Iterable):
        raise MastodonIllegalArgumentError("keywords_attributes must be a list")
    fields: dict[str, Any] = {}
    for index, entry in enumerate(entries):
        checked = _keyword_entry(entry, _KEYWORD_UPDATE_KEYS, index)
        if checked.get("_destroy") and "id" not in checked:
            raise MastodonIllegalArgumentError(f"keywords_attributes[{index}]: '_destroy' needs the 'id' of the keyword")
        prefix = f"keywords_attributes[{index}]"
        if "id" in checked:
            fields[f"{prefix}[id]"] = unpack_id(checked["id"], f"{prefix}['id']")
        for key in ("keyword", "whole_word", "_destroy"):
            if checked.get(key) is not None:
                fields[f"{prefix}[{key}]"] = checked[key]
    return fields


class FiltersMixin(RequestCore):
    """Keyword filters (v1 and v2) and client-side filtering."""

    # -- v1 (client-side) filters --------------------------------------------------------

    @api_version("2.4.3", "2.4.3")
    def filters(self) -> NonPaginatableList[Filter]:
        """Fetch the user's v1 keyword filters.

        On Mastodon 4.0 and newer each keyword of each v2 filter shows up here as
        one v1 filter, its keyword in ``phrase``.

        :returns: a list of :class:`Filter`.
        """
        return self._get("/api/v1/filters", returns=NonPaginatableList[Filter])

    @api_version("2.4.3", "2.4.3")
    def filter(self, id: EntityOrId) -> Filter:
        """Fetch one v1 keyword filter.

        :param id: the filter, or its id.
        :returns: the :class:`Filter`.
        """
        return self._get(f"/api/v1/filters/{self._id(id)}", returns=Filter)

    def filters_apply(
        self,
        objects: Iterable[_T],
        filters: Iterable[Mapping[str, Any]],
        context: str,
    ) -> PaginatableList[_T]:
        """Drop the statuses that keyword filters match, on the client side.

        Only filters that apply in ``context`` and have not expired are used. A
        filter matches a status when its phrase occurs, ignoring case, in the
        status's text (HTML removed), content warning, poll options or media
        descriptions, or in those of the status it boosts. A ``whole_word`` filter
        only matches where the phrase is not part of a longer word. v2 filters are
        accepted too: each of their keywords counts as a phrase, the statuses
        they list are dropped by id, and every match is dropped whatever the
        filter's ``filter_action``. No request is sent.

        :param objects: statuses, or notifications (whose ``status`` is checked;
            notifications without one are kept).
        :param filters: v1 filters as returned by :meth:`filters` (or v2 filters
            from :meth:`filters_v2`).
        :param context: where the objects will be shown: one of ``"home"``,
            ``"notifications"``, ``"public"``, ``"thread"`` or ``"account"``.
        :returns: a new list holding, in their order, the objects no filter
            matched. Pagination information of ``objects`` is kept.
        :raises MastodonIllegalArgumentError: on an unknown context or when
            ``objects`` or ``filters`` are not lists of dicts.
        """
        context = as_choice(context, "context", FILTER_CONTEXTS, required=True)
        from .._filtering import apply_filters  # on first use: most programs filter on the server

        return apply_filters(objects, filters, context)

    @api_version("2.4.3", "2.4.3")
    def filter_create(
        self,
        phrase: str,
        context: str | list[str],
        irreversible: bool = False,
        whole_word: bool = True,
        expires_in: int | None = None,
    ) -> Filter:
        """Create a v1 keyword filter.

        On Mastodon 4.0 and newer this creates a v2 filter titled ``phrase`` with
        that single keyword.

        :param phrase: the text to filter.
        :param context: where the filter applies: one of ``"home"``,
            ``"notifications"``, ``"public"``, ``"thread"`` or ``"account"``, or
            a list of them.
        :param irreversible: have the server drop matches from the home timeline
            and notifications for good, instead of leaving them to the client.
        :param whole_word: match only where the phrase is not part of a longer word.
        :param expires_in: seconds until the filter stops applying; ``None`` for never.
        :returns: the new :class:`Filter`.
        """
        params = {
            "phrase": check_text(phrase, "phrase", allow_empty=True),
            "context": _contexts(context),
            "irreversible": as_bool(irreversible, "irreversible"),
            "whole_word": as_bool(whole_word, "whole_word"),
            "expires_in": as_int(expires_in, "expires_in"),
        }
        return self._post("/api/v1/filters", params, returns=Filter)

    @api_version("2.4.3", "2.4.3")
    def filter_update(
        self,
        id: EntityOrId,
        phrase: str | None = None,
        context: str | list[str] | None = None,
        irreversible: bool | None = None,
        whole_word: bool | None = None,
        expires_in: int | None = None,
    ) -> Filter:
        """Change a v1 keyword filter; arguments left at ``None`` are not changed.

        On Mastodon 4.0 and newer, changing ``context``, ``irreversible`` or
        ``expires_in`` fails when the underlying v2 filter has several keywords.

        :param id: the filter, or its id.
        :param phrase: the new text to filter.
        :param context: where the filter applies (a context name or a list of them).
        :param irreversible: whether the server drops matches for good.
        :param whole_word: whether to match only whole words.
        :param expires_in: seconds from now until the filter stops applying.
        :returns: the updated :class:`Filter`.
        """
        params = {
            "phrase": None if phrase is None else check_text(phrase, "phrase", allow_empty=True),
            "context": None if context is None else _contexts(context),
            "irreversible": as_bool(irreversible, "irreversible"),
            "whole_word": as_bool(whole_word, "whole_word"),
            "expires_in": as_int(expires_in, "expires_in"),
        }
        return self._put(f"/api/v1/filters/{self._id(id)}", params, returns=Filter)

    @api_version("2.4.3", "2.4.3")
    def filter_delete(self, id: EntityOrId) -> None:
        """Delete a v1 keyword filter.

        On Mastodon 4.0 and newer only that keyword is removed from its v2
        filter; use :meth:`delete_filter_v2` to delete the whole filter.

        :param id: the filter, or its id.
        """
        self._delete(f"/api/v1/filters/{self._id(id)}")

    # -- v2 (server-side) filters --------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def filters_v2(self) -> NonPaginatableList[FilterV2]:
        """Fetch all of the user's filters, with their keywords and statuses.

        :returns: a list of :class:`FilterV2`.
        """
        return self._get("/api/v2/filters", returns=NonPaginatableList[FilterV2])

    @api_version("4.0.0", "4.0.0")
    def filter_v2(self, filter_id: EntityOrId) -> FilterV2:
        """Fetch one filter.

        :param filter_id: the filter, or its id.
        :returns: the :class:`FilterV2`.
        """
        return self._get(f"/api/v2/filters/{self._id(filter_id, 'filter_id')}", returns=FilterV2)

    @api_version("4.0.0", "4.0.0")
    def create_filter_v2(
        self,
        title: str,
        context: str | list[str],
        filter_action: str,
        expires_in: int | None = None,
        keywords_attributes: list[Any] | None = None,
    ) -> FilterV2:
        """Create a filter, optionally with its first keywords.

        :param title: the filter's name, shown when it hides a status behind a warning.
        :param context: where the filter applies: ``"home"``, ``"notifications"``,
            ``"public"``, ``"thread"`` or ``"account"``, or a list of them.
        :param filter_action: ``"warn"`` (hide behind a warning naming the
            filter), ``"hide"`` (remove entirely) or ``"blur"`` (hide media
            behind a warning; Mastodon 4.4 and newer).
        :param expires_in: seconds until the filter stops applying; ``None`` for never.
        :param keywords_attributes: keywords to add, each a dict with ``keyword``
            and optionally ``whole_word``, a ``(keyword, whole_word)`` tuple, or a
            bare keyword string.
        :returns: the new :class:`FilterV2`.
        """
        params = {
            "title": check_text(title, "title", allow_empty=True),
            "context": _contexts(context),
            "filter_action": as_choice(filter_action, "filter_action", FILTER_ACTIONS, required=True),
            "expires_in": as_int(expires_in, "expires_in"),
            "keywords_attributes": _new_keywords(keywords_attributes),
        }
        return self._post("/api/v2/filters", params, returns=FilterV2)

    @api_version("4.0.0", "4.0.0")
    def update_filter_v2(
        self,
        filter_id: EntityOrId,
        title: str | None = None,
        context: str | list[str] | None = None,
        filter_action: str | None = None,
        expires_in: int | None = None,
        keywords_attributes: list[Any] | None = None,
    ) -> FilterV2:
        """Change a filter; arguments left at ``None`` are not changed.

        :param filter_id: the filter, or its id.
        :param title: the new name.
        :param context: where the filter applies (a context name or a list of them).
        :param filter_action: ``"warn"``, ``"hide"`` or ``"blur"``.
        :param expires_in: seconds from now until the filter stops applying.
        :param keywords_attributes: keyword changes. A dict with ``id`` changes
            that existing keyword (``keyword``, ``whole_word``) or, with
            ``"_destroy": True``, removes it; a dict without ``id``, a
            ``(keyword, whole_word)`` tuple or a string adds a keyword.
        :returns: the updated :class:`FilterV2`.
        """
        params = {
            "title": None if title is None else check_text(title, "title", allow_empty=True),
            "context": None if context is None else _contexts(context),
            "filter_action": as_choice(filter_action, "filter_action", FILTER_ACTIONS),
            "expires_in": as_int(expires_in, "expires_in"),
            **_changed_keywords(keywords_attributes),
        }
        return self._put(f"/api/v2/filters/{self._id(filter_id, 'filter_id')}", params, returns=FilterV2)

    @api_version("4.0.0", "4.0.0")
    def delete_filter_v2(self, filter_id: EntityOrId) -> None:
        """Delete a filter with all its keywords and statuses.

        :param filter_id: the filter, or its id.
        """
        self._delete(f"/api/v2/filters/{self._id(filter_id, 'filter_id')}")

    # -- keywords of a v2 filter -----------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def filter_keywords_v2(self, filter_id: EntityOrId) -> NonPaginatableList[FilterKeyword]:
        """Fetch the keywords of a filter.

        :param filter_id: the filter, or its id.
        :returns: a list of :class:`FilterKeyword`.
        """
        return self._get(
            f"/api/v2/filters/{self._id(filter_id, 'filter_id')}/keywords",
            returns=NonPaginatableList[FilterKeyword],
        )

    @api_version("4.0.0", "4.0.0")
    def add_filter_keyword_v2(self, filter_id: EntityOrId, keyword: str, whole_word: bool = False) -> FilterKeyword:
        """Add a keyword to a filter.

        :param filter_id: the filter, or its id.
        :param keyword: the text to match.
        :param whole_word: match only where the keyword is not part of a longer word.
        :returns: the new :class:`FilterKeyword`.
        """
        params = {"keyword": check_text(keyword, "keyword", allow_empty=True), "whole_word": as_bool(whole_word, "whole_word")}
        return self._post(f"/api/v2/filters/{self._id(filter_id, 'filter_id')}/keywords", params, returns=FilterKeyword)

    @api_version("4.0.0", "4.0.0")
    def filter_keyword_v2(self, keyword_id: EntityOrId) -> FilterKeyword:
        """Fetch one keyword of a filter.

        :param keyword_id: the keyword, or its id.
        :returns: the :class:`FilterKeyword`.
        """
        return self._get(f"/api/v2/filters/keywords/{self._id(keyword_id, 'keyword_id')}", returns=FilterKeyword)

    @api_version("4.0.0", "4.0.0")
    def update_filter_keyword_v2(
        self,
        keyword_id: EntityOrId,
        keyword: str | None = None,
        whole_word: bool | None = None,
    ) -> FilterKeyword:
        """Change one keyword of a filter; arguments left at ``None`` are not changed.

        :param keyword_id: the keyword, or its id.
        :param keyword: the new text to match.
        :param whole_word: whether to match only whole words.
        :returns: the updated :class:`FilterKeyword`.
        """
        params = {
            "keyword": None if keyword is None else check_text(keyword, "keyword", allow_empty=True),
            "whole_word": as_bool(whole_word, "whole_word"),
        }
        return self._put(f"/api/v2/filters/keywords/{self._id(keyword_id, 'keyword_id')}", params, returns=FilterKeyword)

    @api_version("4.0.0", "4.0.0")
    def delete_filter_keyword_v2(self, keyword_id: EntityOrId) -> None:
        """Remove a keyword from its filter.

        :param keyword_id: the keyword, or its id.
        """
        self._delete(f"/api/v2/filters/keywords/{self._id(keyword_id, 'keyword_id')}")

    # -- statuses of a v2 filter -----------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def filter_statuses_v2(self, filter_id: EntityOrId) -> NonPaginatableList[FilterStatus]:
        """Fetch the statuses a filter hides individually.

        :param filter_id: the filter, or its id.
        :returns: a list of :class:`FilterStatus`.
        """
        return self._get(
            f"/api/v2/filters/{self._id(filter_id, 'filter_id')}/statuses",
            returns=NonPaginatableList[FilterStatus],
        )

    @api_version("4.0.0", "4.0.0")
    def add_filter_status_v2(self, filter_id: EntityOrId, status_id: EntityOrId) -> FilterStatus:
        """Make a filter hide one particular status.

        :param filter_id: the filter, or its id.
        :param status_id: the status, or its id.
        :returns: the new :class:`FilterStatus`.
        """
        params = {"status_id": self._unpack_id(status_id, "status_id")}
        return self._post(f"/api/v2/filters/{self._id(filter_id, 'filter_id')}/statuses", params, returns=FilterStatus)

    @api_version("4.0.0", "4.0.0")
    def filter_status_v2(self, filter_status_id: EntityOrId) -> FilterStatus:
        """Fetch one status filter entry.

        :param filter_status_id: the entry (a :class:`FilterStatus`, not the
            status itself), or its id.
        :returns: the :class:`FilterStatus`.
        """
        return self._get(f"/api/v2/filters/statuses/{self._id(filter_status_id, 'filter_status_id')}", returns=FilterStatus)

    @api_version("4.0.0", "4.0.0")
    def delete_filter_status_v2(self, filter_status_id: EntityOrId) -> None:
        """Stop a filter from hiding a status.

        :param filter_status_id: the entry (a :class:`FilterStatus`, not the
            status itself), or its id.
        """
        self._delete(f"/api/v2/filters/statuses/{self._id(filter_status_id, 'filter_status_id')}")
