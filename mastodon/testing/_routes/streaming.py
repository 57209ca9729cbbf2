"""Streaming over server-sent events (the WebSocket side is ``_websocket``)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from .._errors import ApiError
from .._hub import Connection, open_subscription, sse_events
from .._routing import Ctx, cut_connection, route

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


@route("GET", "/api/v1/streaming/<path:channel>", auth="optional")
def stream(ctx: Ctx, channel: str) -> Response:
    name = _SSE_PATHS.get(channel.strip("/"))
    if name is None:
        raise ApiError(404, "Unknown stream type")
    if name.startswith("public") and ctx.flag("only_media", False) and not name.endswith(":media"):
        name += ":media"
    if ctx.token is not None and not any(s.startswith("read") for s in ctx.token.scopes):
        raise ApiError(403, "Access token does not have the required scopes")
    connection = Connection(ctx.viewer)
    connection.subscriptions.append(open_subscription(ctx.state, ctx.viewer, name, ctx.text("tag"), ctx.text("list")))
    ctx.hub.add(connection)
    environ = ctx.request.environ
    body = sse_events(ctx.hub, connection, ctx.state.heartbeat, lambda: cut_connection(environ))
    return Response(body, content_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
