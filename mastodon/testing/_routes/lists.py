"""Lists: the lists themselves and their members."""

from __future__ import annotations

from .._render import JSON
from .._routing import Ctx, Paged, route


@route("GET", "/api/v1/lists", scope="read:lists")
def lists(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_list(r) for r in ctx.state.lists.values() if r.account_id == ctx.user.id]


@route("POST", "/api/v1/lists", scope="write:lists")
def create_list(ctx: Ctx) -> JSON:
    record = ctx.state.save_list(ctx.user, None, ctx.text("title"), ctx.text("replies_policy"), ctx.flag("exclusive"))
    return ctx.state.render_list(record)


@route("GET", "/api/v1/lists/<list_id>", scope="read:lists")
def get_list(ctx: Ctx, list_id: str) -> JSON:
    return ctx.state.render_list(ctx.state.own_list(ctx.user, list_id))


@route("PUT", "/api/v1/lists/<list_id>", scope="write:lists")
def update_list(ctx: Ctx, list_id: str) -> JSON:
    record = ctx.state.own_list(ctx.user, list_id)
    ctx.state.save_list(ctx.user, record, ctx.text("title"), ctx.text("replies_policy"), ctx.flag("exclusive"))
    return ctx.state.render_list(record)


@route("DELETE", "/api/v1/lists/<list_id>", scope="write:lists")
def delete_list(ctx: Ctx, list_id: str) -> JSON:
    record = ctx.state.own_list(ctx.user, list_id)
    del ctx.state.lists[record.id]
    return {}


@route("GET", "/api/v1/lists/<list_id>/accounts", scope="read:lists")
def list_accounts(ctx: Ctx, list_id: str) -> Paged:
    record = ctx.state.own_list(ctx.user, list_id)
    bounds = ctx.bounds(40, 80)
    if ctx.raw("limit") in ("0", 0):
        bounds.limit = 10**6  # Mastodon: limit=0 returns every member
    page = ctx.state.account_page(record.members, bounds)
    return Paged(page, [ctx.state.render_account(a) for a in page])


@route("POST", "/api/v1/lists/<list_id>/accounts", scope="write:lists")
def add_list_accounts(ctx: Ctx, list_id: str) -> JSON:
    record = ctx.state.own_list(ctx.user, list_id)
    ctx.state.add_to_list(ctx.user, record, ctx.strings("account_ids"))
    return {}


@route("DELETE", "/api/v1/lists/<list_id>/accounts", scope="write:lists")
def remove_list_accounts(ctx: Ctx, list_id: str) -> JSON:
    record = ctx.state.own_list(ctx.user, list_id)
    for raw in ctx.strings("account_ids"):
        if raw.isdigit():
            record.members.pop(int(raw), None)
    return {}
