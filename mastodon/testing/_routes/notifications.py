"""Notifications, plain (v1) and grouped (v2)."""

from __future__ import annotations

from .._errors import ApiError, parse_id
from .._feeds import NOTIFICATION_TYPES
from .._render import JSON
from .._routing import Ctx, Paged, route


def _types(ctx: Ctx, name: str) -> list[str]:
    values = ctx.strings(name)
    unknown = [v for v in values if v not in NOTIFICATION_TYPES and not v.startswith("admin.")]
    if unknown:
        raise ApiError(422, f"Validation failed: {name} contains unknown notification types: {', '.join(unknown)}")
    return values


@route("GET", "/api/v1/notifications", scope="read:notifications")
def notifications(ctx: Ctx) -> Paged:
    account_id = ctx.text("account_id")
    page = ctx.state.notification_page(
        ctx.user, ctx.bounds(40, 80), _types(ctx, "types"), _types(ctx, "exclude_types"), parse_id(account_id) if account_id else None
    )
    return Paged(page, [ctx.state.render_notification(n, ctx.user) for n in page])


@route("GET", "/api/v1/notifications/unread_count", scope="read:notifications")
@route("GET", "/api/v2/notifications/unread_count", scope="read:notifications")
def unread_count(ctx: Ctx) -> JSON:
    return {"count": ctx.state.unread_notifications(ctx.user, ctx.bounds(100, 1000))}


@route("POST", "/api/v1/notifications/clear", scope="write:notifications")
def clear(ctx: Ctx) -> JSON:
    ctx.state.notifications[ctx.user.id] = []
    return {}


@route("GET", "/api/v1/notifications/<note_id>", scope="read:notifications")
def notification(ctx: Ctx, note_id: str) -> JSON:
    return ctx.state.render_notification(ctx.state.notification(ctx.user, note_id), ctx.user)


@route("POST", "/api/v1/notifications/<note_id>/dismiss", scope="write:notifications")
def dismiss(ctx: Ctx, note_id: str) -> JSON:
    ctx.state.dismiss(ctx.user, note_id)
    return {}


@route("GET", "/api/v2/notifications", scope="read:notifications")
def grouped(ctx: Ctx) -> Paged:
    grouped_types = ctx.strings("grouped_types") if ctx.raw("grouped_types") is not None else None
    groups, page = ctx.state.grouped(ctx.user, ctx.bounds(40, 80), _types(ctx, "types"), _types(ctx, "exclude_types"), grouped_types)
    return Paged(page, ctx.state.render_groups(groups, ctx.user))  # the Link header comes from the notifications' page
