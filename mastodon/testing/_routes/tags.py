"""Hashtags: by name, followed, and featured on profiles."""

from __future__ import annotations

from .._render import JSON
from .._routing import Ctx, Paged, route


@route("GET", "/api/v1/tags/<name>", scope="read:statuses", auth="optional")
def tag_info(ctx: Ctx, name: str) -> JSON:
    return ctx.state.render_tag(ctx.state.known_tag(name), ctx.viewer)


@route("POST", "/api/v1/tags/<name>/follow", scope="write:follows")
def follow_tag(ctx: Ctx, name: str) -> JSON:
    return ctx.state.render_tag(ctx.state.follow_tag(ctx.user, name), ctx.user)


@route("POST", "/api/v1/tags/<name>/unfollow", scope="write:follows")
def unfollow_tag(ctx: Ctx, name: str) -> JSON:
    return ctx.state.render_tag(ctx.state.unfollow_tag(ctx.user, name), ctx.user)


@route("GET", "/api/v1/followed_tags", scope="read:follows")
def followed_tags(ctx: Ctx) -> Paged:
    page = ctx.state.followed_tags_page(ctx.user, ctx.bounds(100, 200))
    return Paged(page, [ctx.state.render_tag(name, ctx.user) for name in page])


# -- featured on profiles ----------------------------------------------------------------


@route("POST", "/api/v1/tags/<name>/feature", scope="write:accounts")
def feature_tag(ctx: Ctx, name: str) -> JSON:
    tag = ctx.state.known_tag(name)
    if not any(record.name == tag for record in ctx.state.featured_tags_of(ctx.user)):
        ctx.state.feature_tag(ctx.user, tag)
    return ctx.state.render_tag(tag, ctx.user)


@route("POST", "/api/v1/tags/<name>/unfeature", scope="write:accounts")
def unfeature_tag(ctx: Ctx, name: str) -> JSON:
    tag = ctx.state.known_tag(name)
    ctx.state.unfeature_tag(ctx.user, tag)
    return ctx.state.render_tag(tag, ctx.user)


@route("GET", "/api/v1/featured_tags", scope="read:accounts")
def featured_tags(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_featured_tag(record) for record in ctx.state.featured_tags_of(ctx.user)]


@route("POST", "/api/v1/featured_tags", scope="write:accounts")
def create_featured_tag(ctx: Ctx) -> JSON:
    return ctx.state.render_featured_tag(ctx.state.feature_tag(ctx.user, ctx.text("name") or ""))


@route("DELETE", "/api/v1/featured_tags/<featured_id>", scope="write:accounts")
def delete_featured_tag(ctx: Ctx, featured_id: str) -> JSON:
    record = ctx.state.own_featured_tag(ctx.user, featured_id)
    ctx.state.unfeature_tag(ctx.user, record.name)
    return {}


@route("GET", "/api/v1/featured_tags/suggestions", scope="read:accounts")
def featured_tag_suggestions(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_tag(name, ctx.user) for name in ctx.state.featured_tag_suggestions(ctx.user)]


@route("GET", "/api/v1/accounts/<account_id>/featured_tags", scope="read:accounts", auth="optional")
def account_featured_tags(ctx: Ctx, account_id: str) -> list[JSON]:
    account = ctx.state.account(account_id)
    return [ctx.state.render_featured_tag(record) for record in ctx.state.featured_tags_of(account)]
