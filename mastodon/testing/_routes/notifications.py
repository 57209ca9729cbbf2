"""Notifications, plain (v1) and grouped (v2)."""

from __future__ import annotations

from .. import _policy as policy
from .._errors import ApiError, parse_id
from .._notifications import NOTIFICATION_TYPES, NotificationQuery
from .._records import NotificationRequest
from .._render import JSON
from .._routing import Ctx, Paged, route


def _types(ctx: Ctx, name: str) -> list[str]:
    values = ctx.strings(name)
    unknown = [v for v in values if v not in NOTIFICATION_TYPES and not v.startswith("admin.")]
    if unknown:
        raise ApiError(422, f"Validation failed: {name} contains unknown notification types: {', '.join(unknown)}")
    return values


def _query(ctx: Ctx) -> NotificationQuery:
    account_id = ctx.text("account_id")
    return NotificationQuery(
        _types(ctx, "types"),
        _types(ctx, "exclude_types"),
        parse_id(account_id) if account_id else None,
        bool(ctx.flag("include_filtered", False)),
    )


@route("GET", "/api/v1/notifications", scope="read:notifications")
def notifications(ctx: Ctx) -> Paged:
    page = ctx.state.notification_page(ctx.user, ctx.bounds(40, 80), _query(ctx))
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
    groups, page = ctx.state.grouped(ctx.user, ctx.bounds(40, 80), _query(ctx), grouped_types)
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


# -- the policy and notification requests ----------------------------------------------------


def _policy(ctx: Ctx) -> JSON:
    pending = ctx.state.pending_requests(ctx.user)
    held = sum(len(ctx.state.held_notes(ctx.user, request)) for request in pending)
    return ctx.state.render_notification_policy(ctx.user, pending, held)


@route("GET", "/api/v2/notifications/policy", scope="read:notifications")
def notification_policy(ctx: Ctx) -> JSON:
    return _policy(ctx)


@route("PATCH", "/api/v2/notifications/policy", scope="write:notifications")
def update_notification_policy(ctx: Ctx) -> JSON:
    ctx.state.update_notification_policy(ctx.user, {name: ctx.text(name) for name in policy.DEFAULTS})
    return _policy(ctx)


def _request(ctx: Ctx, request: NotificationRequest) -> JSON:
    held = len(ctx.state.held_notes(ctx.user, request))
    return ctx.state.render_notification_request(request, held, ctx.state.request_last_status(ctx.user, request), ctx.user)


@route("GET", "/api/v1/notifications/requests", scope="read:notifications")
def notification_requests(ctx: Ctx) -> Paged:
    page = ctx.state.request_page(ctx.user, ctx.bounds(40, 80))
    return Paged(page, [_request(ctx, request) for request in page])


@route("GET", "/api/v1/notifications/requests/merged", scope="read:notifications")
def requests_merged(ctx: Ctx) -> JSON:
    return {"merged": True}  # accepting merges at once here: there is no background job to wait for


@route("GET", "/api/v1/notifications/requests/<request_id>", scope="read:notifications")
def notification_request(ctx: Ctx, request_id: str) -> JSON:
    return _request(ctx, ctx.state.notification_request(ctx.user, request_id))


def _answer_route(action: str, accept: bool) -> None:
    def answer_one(ctx: Ctx, request_id: str) -> JSON:
        ctx.state.answer_notification_request(ctx.user, ctx.state.notification_request(ctx.user, request_id), accept)
        return {}

    def answer_many(ctx: Ctx) -> JSON:
        """Mastodon answers the ones it finds among the ids, and ignores the rest."""
        wanted = set(ctx.strings("id"))
        for request in ctx.state.pending_requests(ctx.user):
            if str(request.id) in wanted:
                ctx.state.answer_notification_request(ctx.user, request, accept)
        return {}

    answer_one.__name__, answer_many.__name__ = f"{action}_request", f"{action}_requests"
    route("POST", f"/api/v1/notifications/requests/<request_id>/{action}", scope="write:notifications")(answer_one)
    route("POST", f"/api/v1/notifications/requests/{action}", scope="write:notifications")(answer_many)


_answer_route("accept", accept=True)
_answer_route("dismiss", accept=False)
