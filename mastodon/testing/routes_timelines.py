"""Timelines, notifications (plain and grouped), conversations, favourites,
bookmarks, markers, and the SSE streaming endpoints."""

from __future__ import annotations

import socket
from typing import Any

from werkzeug.wrappers import Response

from .model import ApiError, iso
from .ops_feeds import NOTIFICATION_TYPES
from .render import JSON
from .store import parse_id
from .streaming import Connection, open_subscription, sse_events
from .wsgi import Ctx, Paged, route


def _statuses(ctx: Ctx, page: Any, context: str) -> Paged:
    return Paged(page, [ctx.state.render_status(s, ctx.viewer, context) for s in page])


@route("GET", "/api/v1/timelines/home", scope="read:statuses")
def home(ctx: Ctx) -> Paged:
    return _statuses(ctx, ctx.state.home(ctx.user, ctx.bounds()), "home")


@route("GET", "/api/v1/timelines/public", scope="read:statuses", auth="optional")
def public(ctx: Ctx) -> Paged:
    page = ctx.state.public(
        ctx.viewer, ctx.bounds(), bool(ctx.flag("local", False)), bool(ctx.flag("remote", False)), bool(ctx.flag("only_media", False))
    )
    return _statuses(ctx, page, "public")


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
    return _statuses(ctx, page, "public")


@route("GET", "/api/v1/timelines/list/<list_id>", scope="read:lists")
def list_timeline(ctx: Ctx, list_id: str) -> Paged:
    record = ctx.state.own_list(ctx.user, list_id)
    return _statuses(ctx, ctx.state.list_timeline(ctx.user, record, ctx.bounds()), "home")


@route("GET", "/api/v1/timelines/direct", scope="read:statuses")
def direct_timeline(ctx: Ctx) -> Paged:
    viewer = ctx.user
    state = ctx.state
    page = state.feed(
        state.status_ids, lambda s: s.visibility == "direct" and (s.account_id == viewer.id or viewer.id in s.mentions), ctx.bounds()
    )
    return _statuses(ctx, page, "thread")


@route("GET", "/api/v1/favourites", scope="read:favourites")
def favourites(ctx: Ctx) -> Paged:
    return _statuses(ctx, ctx.state.saved_page(ctx.user, ctx.user.favourites, ctx.bounds()), "account")


@route("GET", "/api/v1/bookmarks", scope="read:bookmarks")
def bookmarks(ctx: Ctx) -> Paged:
    return _statuses(ctx, ctx.state.saved_page(ctx.user, ctx.user.bookmarks, ctx.bounds()), "account")


# -- notifications -----------------------------------------------------------------------


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
def unread_count(ctx: Ctx) -> JSON:
    marker = ctx.state.markers.get(ctx.user.id, {}).get("notifications")
    last = int(marker.last_read_id) if marker is not None and marker.last_read_id.isdigit() else 0
    page = ctx.state.notification_page(ctx.user, ctx.bounds(100, 1000), [], [], None)
    return {"count": sum(1 for n in page if n.id > last)}


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
    state, viewer = ctx.state, ctx.user
    grouped_types = ctx.strings("grouped_types") if ctx.raw("grouped_types") is not None else None
    groups, notes, page = state.grouped(viewer, ctx.bounds(40, 80), _types(ctx, "types"), _types(ctx, "exclude_types"), grouped_types)
    account_ids: list[int] = []
    status_ids: list[int] = []
    for note in notes:
        if note.from_id not in account_ids:
            account_ids.append(note.from_id)
        if note.status_id is not None and note.status_id not in status_ids:
            status_ids.append(note.status_id)
    rendered_groups = []
    for group in groups:
        members = group["notes"]
        latest = members[0]
        senders = list(dict.fromkeys(n.from_id for n in members))
        rendered_groups.append(
            {
                "group_key": group["key"],
                "notifications_count": len(members),
                "type": latest.type,
                "most_recent_notification_id": str(latest.id),
                "page_min_id": str(members[-1].id),
                "page_max_id": str(latest.id),
                "latest_page_notification_at": iso(latest.created_at),
                "sample_account_ids": [str(a) for a in senders[:8]],
                "status_id": str(latest.status_id) if latest.status_id is not None else None,
            }
        )
    body = {
        "accounts": [state.render_account(state.accounts[a]) for a in account_ids],
        "statuses": [state.render_status(state.statuses[s], viewer, "notifications") for s in status_ids if s in state.statuses],
        "notification_groups": rendered_groups,
    }
    return Paged(page, body)  # the Link header comes from the underlying notification page


@route("GET", "/api/v2/notifications/unread_count", scope="read:notifications")
def grouped_unread_count(ctx: Ctx) -> JSON:
    counted: JSON = unread_count(ctx)
    return counted


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


def _marker(marker: Any) -> JSON:
    return {"last_read_id": marker.last_read_id, "version": marker.version, "updated_at": iso(marker.updated_at)}


@route("GET", "/api/v1/markers", scope="read:statuses")
def markers(ctx: Ctx) -> JSON:
    mine = ctx.state.markers.get(ctx.user.id, {})
    return {name: _marker(mine[name]) for name in ctx.strings("timeline") if name in mine}


@route("POST", "/api/v1/markers", scope="write:statuses")
def save_markers(ctx: Ctx) -> JSON:
    saved = {}
    for name in ("home", "notifications"):
        spec = ctx.raw(name)
        if isinstance(spec, dict) and spec.get("last_read_id") is not None:
            saved[name] = _marker(ctx.state.save_marker(ctx.user, name, str(spec["last_read_id"])))
    if not saved:
        raise ApiError(422, "Validation failed: no marker given (home[last_read_id] or notifications[last_read_id])")
    return saved


# -- streaming over SSE ------------------------------------------------------------------

_SSE_PATHS = {
    "user": "user",
    "user/notification": "user:notification",
    "public": "public",
    "public/local": "public:local",
    "public/remote": "public:remote",
    "hashtag": "hashtag",
    "hashtag/local": "hashtag:local",
    "list": "list",
    "direct": "direct",
}


@route("GET", "/api/v1/streaming/health", auth="none")
def streaming_health(ctx: Ctx) -> Response:
    return Response("OK", content_type="text/plain")


@route("GET", "/api/v1/streaming/<path:channel>", auth="optional")
def stream(ctx: Ctx, channel: str) -> Response:
    return _open_stream(ctx, _SSE_PATHS.get(channel.strip("/")))


def _open_stream(ctx: Ctx, name: str | None) -> Response:
    if name is None:
        raise ApiError(404, "Unknown stream type")
    if name.startswith("public") and ctx.flag("only_media", False) and not name.endswith(":media"):
        name += ":media"
    state = ctx.state
    if ctx.token is not None and not any(s.startswith("read") for s in ctx.token.scopes):
        raise ApiError(403, "Access token does not have the required scopes")
    sub = open_subscription(state, ctx.viewer, name, ctx.text("tag"), ctx.text("list"))
    connection = Connection(ctx.viewer)
    connection.subscriptions.append(sub)
    state.hub.add(connection)
    sock = ctx.request.environ.get("werkzeug.socket")

    def drop() -> None:
        if isinstance(sock, socket.socket):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    body = sse_events(state.hub, connection, state.heartbeat, drop)
    return Response(body, content_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
