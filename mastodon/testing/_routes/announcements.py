"""Announcements: reading them, dismissing them, reacting to them."""

from __future__ import annotations

from .._render import JSON
from .._routing import Ctx, route


@route("GET", "/api/v1/announcements", scope="read")
def announcements(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_announcement(record, ctx.user) for record in ctx.state.active_announcements()]


@route("POST", "/api/v1/announcements/<announcement_id>/dismiss", scope="write:accounts")
def dismiss_announcement(ctx: Ctx, announcement_id: str) -> JSON:
    ctx.state.dismiss_announcement(ctx.user, ctx.state.announcement(announcement_id))
    return {}


@route("PUT", "/api/v1/announcements/<announcement_id>/reactions/<name>", scope="write:favourites")
def add_reaction(ctx: Ctx, announcement_id: str, name: str) -> JSON:
    ctx.state.react(ctx.user, ctx.state.announcement(announcement_id), name, on=True)
    return {}


@route("DELETE", "/api/v1/announcements/<announcement_id>/reactions/<name>", scope="write:favourites")
def remove_reaction(ctx: Ctx, announcement_id: str, name: str) -> JSON:
    ctx.state.react(ctx.user, ctx.state.announcement(announcement_id), name, on=False)
    return {}
