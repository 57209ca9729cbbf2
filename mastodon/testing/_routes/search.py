"""Search."""

from __future__ import annotations

from .._errors import ApiError
from .._render import JSON
from .._routing import Ctx, route


@route("GET", "/api/v2/search", scope="read:search", auth="optional")
def search(ctx: Ctx) -> JSON:
    kind = ctx.text("type") or None
    if kind is not None and kind not in ("accounts", "hashtags", "statuses"):
        raise ApiError(422, "Validation failed: type is not included in the list")
    offset = ctx.integer("offset", 0) or 0
    if ctx.viewer is None and (offset or ctx.flag("resolve", False)):
        raise ApiError(401, "Search queries with offset or resolve need a logged-in user")
    limit = max(min(ctx.integer("limit", 20) or 20, 40), 1)
    account_id = ctx.text("account_id")
    accounts, statuses, tags = ctx.state.search(
        ctx.viewer,
        ctx.text("q") or "",
        kind,
        bool(ctx.flag("following", False)),
        int(account_id) if account_id and account_id.isdigit() else None,
        limit,
        offset,
    )
    return {
        "accounts": [ctx.state.render_account(a) for a in accounts],
        "statuses": [ctx.state.render_status(s, ctx.viewer) for s in statuses],
        "hashtags": [ctx.state.render_tag(t, ctx.viewer) for t in tags],
    }
