"""Filters (v2): the filters themselves, their keywords and the statuses they name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._render import JSON
from .._routing import Ctx, route, to_bool

_CHANGES: tuple[tuple[str, Callable[[Ctx, str], Any]], ...] = (
    ("title", Ctx.text),
    ("context", Ctx.strings),
    ("filter_action", Ctx.text),
    ("expires_in", Ctx.integer),
)


def _filter_changes(ctx: Ctx) -> dict[str, Any]:
    """The attributes a request gives, read as their types (absent ones left out)."""
    changes: dict[str, Any] = {name: read(ctx, name) for name, read in _CHANGES if ctx.raw(name) is not None}
    raw = ctx.raw("keywords_attributes")
    if raw is not None:
        items = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        changes["keywords"] = [
            dict(item, whole_word=to_bool(item.get("whole_word")), _destroy=to_bool(item.get("_destroy")))
            for item in items
            if isinstance(item, dict)
        ]
    return changes


@route("GET", "/api/v2/filters", scope="read:filters")
def filters(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_filter(f) for f in ctx.state.filters.values() if f.account_id == ctx.user.id]


@route("POST", "/api/v2/filters", scope="write:filters")
def create_filter(ctx: Ctx) -> JSON:
    return ctx.state.render_filter(ctx.state.save_filter(ctx.user, None, _filter_changes(ctx)))


@route("GET", "/api/v2/filters/<filter_id>", scope="read:filters")
def get_filter(ctx: Ctx, filter_id: str) -> JSON:
    return ctx.state.render_filter(ctx.state.own_filter(ctx.user, filter_id))


@route("PUT", "/api/v2/filters/<filter_id>", scope="write:filters")
def update_filter(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    return ctx.state.render_filter(ctx.state.save_filter(ctx.user, record, _filter_changes(ctx)))


@route("DELETE", "/api/v2/filters/<filter_id>", scope="write:filters")
def delete_filter(ctx: Ctx, filter_id: str) -> JSON:
    ctx.state.delete_filter(ctx.user, ctx.state.own_filter(ctx.user, filter_id))
    return {}


# -- keywords ----------------------------------------------------------------------------


@route("GET", "/api/v2/filters/<filter_id>/keywords", scope="read:filters")
def filter_keywords(ctx: Ctx, filter_id: str) -> list[JSON]:
    return [ctx.state.render_keyword(k) for k in ctx.state.own_filter(ctx.user, filter_id).keywords]


@route("POST", "/api/v2/filters/<filter_id>/keywords", scope="write:filters")
def add_filter_keyword(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    return ctx.state.render_keyword(ctx.state.save_keyword(record, None, ctx.text("keyword"), ctx.flag("whole_word")))


@route("GET", "/api/v2/filters/keywords/<keyword_id>", scope="read:filters")
def get_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    return ctx.state.render_keyword(ctx.state.find_keyword(ctx.user, keyword_id)[1])


@route("PUT", "/api/v2/filters/keywords/<keyword_id>", scope="write:filters")
def update_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    record, keyword = ctx.state.find_keyword(ctx.user, keyword_id)
    return ctx.state.render_keyword(ctx.state.save_keyword(record, keyword, ctx.text("keyword"), ctx.flag("whole_word")))


@route("DELETE", "/api/v2/filters/keywords/<keyword_id>", scope="write:filters")
def delete_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    ctx.state.remove_keyword(ctx.user, keyword_id)
    return {}


# -- statuses ----------------------------------------------------------------------------


@route("GET", "/api/v2/filters/<filter_id>/statuses", scope="read:filters")
def filter_statuses(ctx: Ctx, filter_id: str) -> list[JSON]:
    return [ctx.state.render_filter_status(entry) for entry in ctx.state.own_filter(ctx.user, filter_id).statuses]


@route("POST", "/api/v2/filters/<filter_id>/statuses", scope="write:filters")
def add_filter_status(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    return ctx.state.render_filter_status(ctx.state.add_filter_status(ctx.user, record, ctx.text("status_id") or ""))


@route("GET", "/api/v2/filters/statuses/<entry_id>", scope="read:filters")
def get_filter_status(ctx: Ctx, entry_id: str) -> JSON:
    return ctx.state.render_filter_status(ctx.state.find_filter_status(ctx.user, entry_id)[1])


@route("DELETE", "/api/v2/filters/statuses/<entry_id>", scope="write:filters")
def delete_filter_status(ctx: Ctx, entry_id: str) -> JSON:
    ctx.state.remove_filter_status(ctx.user, entry_id)
    return {}


# -- v1 (deprecated): one keyword of a filter each -----------------------------------------


def _v1_changes(ctx: Ctx) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if ctx.raw("context") is not None:
        changes["context"] = ctx.strings("context")
    for name in ("irreversible", "whole_word"):
        if ctx.raw(name) is not None:
            changes[name] = ctx.flag(name)
    if ctx.raw("expires_in") is not None:
        changes["expires_in"] = ctx.integer("expires_in")
    return changes


@route("GET", "/api/v1/filters", scope="read:filters")
def v1_filters(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_v1_filter(record, keyword) for record, keyword in ctx.state.v1_filters(ctx.user)]


@route("POST", "/api/v1/filters", scope="write:filters")
def create_v1_filter(ctx: Ctx) -> JSON:
    return ctx.state.render_v1_filter(*ctx.state.create_v1_filter(ctx.user, ctx.text("phrase"), _v1_changes(ctx)))


@route("GET", "/api/v1/filters/<keyword_id>", scope="read:filters")
def get_v1_filter(ctx: Ctx, keyword_id: str) -> JSON:
    return ctx.state.render_v1_filter(*ctx.state.find_keyword(ctx.user, keyword_id))


@route("PUT", "/api/v1/filters/<keyword_id>", scope="write:filters")
def update_v1_filter(ctx: Ctx, keyword_id: str) -> JSON:
    return ctx.state.render_v1_filter(*ctx.state.update_v1_filter(ctx.user, keyword_id, ctx.text("phrase"), _v1_changes(ctx)))


@route("DELETE", "/api/v1/filters/<keyword_id>", scope="write:filters")
def delete_v1_filter(ctx: Ctx, keyword_id: str) -> JSON:
    ctx.state.remove_keyword(ctx.user, keyword_id)
    return {}
