"""Trends: hashtags and statuses (links: none, as the server makes no preview cards)."""

from __future__ import annotations

from typing import Any

from .._render import JSON
from .._routing import Ctx, route


def _window(ctx: Ctx, items: list[Any], default: int, maximum: int) -> list[Any]:
    """``offset`` and ``limit`` as Mastodon reads them for trends."""
    offset = max(ctx.integer("offset", 0) or 0, 0)
    limit = min(max(ctx.integer("limit", default) or default, 1), maximum)
    return items[offset : offset + limit]


@route("GET", "/api/v1/trends", auth="optional")  # the name before 3.5, still served
@route("GET", "/api/v1/trends/tags", auth="optional")
def trending_tags(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_tag(name, ctx.viewer) for name in _window(ctx, ctx.state.trending_tags(), 10, 20)]


@route("GET", "/api/v1/trends/statuses", auth="optional")
def trending_statuses(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_status(s, ctx.viewer, "public") for s in _window(ctx, ctx.state.trending_statuses(ctx.viewer), 20, 40)]


@route("GET", "/api/v1/trends/links", auth="optional")
def trending_links(ctx: Ctx) -> list[JSON]:
    return []
