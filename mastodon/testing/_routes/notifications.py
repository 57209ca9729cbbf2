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


def _expand_accounts(ctx: Ctx) -> bool:
    """Whether ``expand_accounts`` asks for partial accounts (``partial_avatars``)."""
    value = ctx.text("expand_accounts") or "full"
    if value not in ("full", "partial_avatars"):
        raise ApiError(400, f"Invalid value for 'expand_accounts': '{value}', allowed values are 'full' and 'partial_avatars'")
    return value == "partial_avatars"


@route("GET", "/api/v2/notifications", scope="read:notifications")
def grouped(ctx: Ctx) -> Paged:
    grouped_types = ctx.strings("grouped_types") if ctx.raw("grouped_types") is not None else None
    account_id = ctx.text("account_id")
    groups, page = ctx.state.grouped(
        ctx.user,
        ctx.bounds(40, 80),
        _types(ctx, "types"),
        _types(ctx, "exclude_types"),
        parse_id(account_id) if account_id else None,
        grouped_types,
    )
    body = ctx.state.render_groups(groups, ctx.user, _expand_accounts(ctx))
    return Paged(page, body)  # the Link header comes from the notifications' page


@route("GET", "/api/v2/notifications/<group_key>", scope="read:notifications")
def notification_group(ctx: Ctx, group_key: str) -> JSON:
    members = ctx.state.notification_group(ctx.user, group_key)
    return ctx.state.render_groups([(group_key, members)], ctx.user, paged=False)


@route("POST", "/api/v2/notifications/<group_key>/dismiss", scope="write:notifications")
def dismiss_group(ctx: Ctx, group_key: str) -> JSON:
    ctx.state.dismiss_group(ctx.user, group_key)
    return {}


@route("GET", "/api/v2/notifications/<group_key>/accounts", scope="write:notifications")
def group_accounts(ctx: Ctx, group_key: str) -> list[JSON]:
    senders = dict.fromkeys(note.from_id for note in ctx.state.notification_group(ctx.user, group_key))
    return [ctx.state.render_account(ctx.state.accounts[a]) for a in senders]
