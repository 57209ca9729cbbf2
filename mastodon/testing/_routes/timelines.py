"""Timelines, favourites and bookmarks, conversations, and markers."""

from __future__ import annotations

from .._errors import ApiError
from .._render import JSON
from .._routing import Ctx, Paged, route


@route("GET", "/api/v1/timelines/home", scope="read:statuses")
def home(ctx: Ctx) -> Paged:
    return ctx.status_page(ctx.state.home(ctx.user, ctx.bounds()), "home")


@route("GET", "/api/v1/timelines/public", scope="read:statuses", auth="optional")
def public(ctx: Ctx) -> Paged:
    page = ctx.state.public(
        ctx.viewer, ctx.bounds(), bool(ctx.flag("local", False)), bool(ctx.flag("remote", False)), bool(ctx.flag("only_media", False))
    )
    return ctx.status_page(page, "public")


@route("GET", "/api/v1/timelines/tag/<hashtag>", scope="read:statuses", auth="optional")
def tag(ctx: Ctx, hashtag: str) -> Paged:
    page = ctx.state.tag_timeline(
        ctx.viewer,
        hashtag.lstrip("#"),
        ctx.strings("any"),
        ctx.strings("all"),
        ctx.strings("none"),
        ctx.bounds(),
        remote=bool(ctx.flag("remote", False)),
        only_media=bool(ctx.flag("only_media", False)),
    )
    return ctx.status_page(page, "public")


@route("GET", "/api/v1/timelines/list/<list_id>", scope="read:lists")
def list_timeline(ctx: Ctx, list_id: str) -> Paged:
    record = ctx.state.own_list(ctx.user, list_id)
    return ctx.status_page(ctx.state.list_timeline(ctx.user, record, ctx.bounds()), "home")


@route("GET", "/api/v1/timelines/direct", scope="read:statuses")
def direct_timeline(ctx: Ctx) -> Paged:
    return ctx.status_page(ctx.state.direct(ctx.user, ctx.bounds()), "thread")


@route("GET", "/api/v1/favourites", scope="read:favourites")
def favourites(ctx: Ctx) -> Paged:
    return ctx.status_page(ctx.state.saved_page(ctx.user, ctx.user.favourites, ctx.bounds()), "account")


@route("GET", "/api/v1/bookmarks", scope="read:bookmarks")
def bookmarks(ctx: Ctx) -> Paged:
    return ctx.status_page(ctx.state.saved_page(ctx.user, ctx.user.bookmarks, ctx.bounds()), "account")


# -- conversations -----------------------------------------------------------------------


@route("GET", "/api/v1/conversations", scope="read:statuses")
def conversations(ctx: Ctx) -> Paged:
    page = ctx.state.conversation_page(ctx.user, ctx.bounds())
    return Paged(page, [ctx.state.render_conversation(c, ctx.user) for c in page])


@route("POST", "/api/v1/conversations/<conversation_id>/read", scope="write:conversations")
def conversation_read(ctx: Ctx, conversation_id: str) -> JSON:
    view = ctx.state.own_conversation(ctx.user, conversation_id)
    view.unread = False
    return ctx.state.render_conversation(view, ctx.user)


@route("DELETE", "/api/v1/conversations/<conversation_id>", scope="write:conversations")
def conversation_delete(ctx: Ctx, conversation_id: str) -> JSON:
    view = ctx.state.own_conversation(ctx.user, conversation_id)
    del ctx.state.conversations[ctx.user.id][view.thread]
    return {}


# -- markers -----------------------------------------------------------------------------


@route("GET", "/api/v1/markers", scope="read:statuses")
def markers(ctx: Ctx) -> JSON:
    mine = ctx.state.markers.get(ctx.user.id, {})
    return {name: ctx.state.render_marker(mine[name]) for name in ctx.strings("timeline") if name in mine}


@route("POST", "/api/v1/markers", scope="write:statuses")
def save_markers(ctx: Ctx) -> JSON:
    saved = {}
    for name in ("home", "notifications"):
        spec = ctx.raw(name)
        if isinstance(spec, dict) and spec.get("last_read_id") is not None:
            saved[name] = ctx.state.render_marker(ctx.state.save_marker(ctx.user, name, str(spec["last_read_id"])))
    if not saved:
        raise ApiError(422, "Validation failed: no marker given (home[last_read_id] or notifications[last_read_id])")
    return saved
