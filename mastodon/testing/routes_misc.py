"""The instance itself (v1, v2, nodeinfo), search, lists, filters, reports,
preferences, and the files the instance serves (uploaded media)."""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Response

from .model import ApiError
from .render import JSON, VAPID_KEY
from .wsgi import Ctx, Paged, route

# A 1x1 transparent PNG, served for accounts without an avatar or header.
_BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63000100000500010d0a2db40000000049454e44ae426082"
)
MIME_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "video/webm", "video/mp4", "audio/mpeg", "audio/ogg", "audio/wav"]


# -- the instance ------------------------------------------------------------------------


def _configuration() -> JSON:
    from .ops_posting import (
        MAX_CHARACTERS,
        MAX_MEDIA,
        MAX_PINNED,
        POLL_MAX_EXPIRATION,
        POLL_MIN_EXPIRATION,
        POLL_OPTION_CHARACTERS,
        POLL_OPTIONS,
    )

    return {
        "accounts": {"max_featured_tags": 10, "max_pinned_statuses": MAX_PINNED},
        "statuses": {"max_characters": MAX_CHARACTERS, "max_media_attachments": MAX_MEDIA, "characters_reserved_per_url": 23},
        "media_attachments": {
            "supported_mime_types": MIME_TYPES,
            "description_limit": 1500,
            "image_size_limit": 16777216,
            "image_matrix_limit": 33177600,
            "video_size_limit": 103809024,
            "video_frame_rate_limit": 120,
            "video_matrix_limit": 8294400,
        },
        "polls": {
            "max_options": POLL_OPTIONS,
            "max_characters_per_option": POLL_OPTION_CHARACTERS,
            "min_expiration": POLL_MIN_EXPIRATION,
            "max_expiration": POLL_MAX_EXPIRATION,
        },
    }


def _contact(ctx: Ctx) -> JSON | None:
    first = min(ctx.state.accounts.values(), key=lambda a: a.id, default=None)
    return ctx.state.render_account(first) if first is not None else None


def _rules(ctx: Ctx) -> list[JSON]:
    return [{"id": rule_id, "text": text, "hint": hint} for rule_id, text, hint in ctx.state.rules]


@route("GET", "/api/v1/instance", auth="none")
def instance_v1(ctx: Ctx) -> JSON:
    state = ctx.state
    meta = state.meta
    return {
        "uri": state.domain,
        "title": meta["title"],
        "short_description": meta["description"],
        "description": meta["description"],
        "email": meta["email"],
        "version": meta["version"],
        "urls": {"streaming_api": _ws(state.streaming_url)},
        "stats": {"user_count": len(state.accounts), "status_count": len(state.statuses), "domain_count": 1},
        "thumbnail": None,
        "languages": ["en"],
        "registrations": meta["registrations"],
        "approval_required": False,
        "invites_enabled": False,
        "configuration": _configuration(),
        "contact_account": _contact(ctx),
        "rules": _rules(ctx),
    }


@route("GET", "/api/v2/instance", auth="none")
def instance_v2(ctx: Ctx) -> JSON:
    state = ctx.state
    meta = state.meta
    configuration = _configuration()
    configuration["urls"] = {
        "streaming": _ws(state.streaming_url),
        "status": None,
        "about": state.base_url + "/about",
        "privacy_policy": state.base_url + "/privacy-policy",
        "terms_of_service": None,
    }
    configuration["vapid"] = {"public_key": VAPID_KEY}
    configuration["translation"] = {"enabled": False}
    configuration["limited_federation"] = False
    return {
        "domain": state.domain,
        "title": meta["title"],
        "version": meta["version"],
        "source_url": "https://github.com/mastodon/mastodon",
        "description": meta["description"],
        "usage": {"users": {"active_month": len(state.accounts)}},
        "thumbnail": {"url": state.base_url + "/avatars/original/missing.png"},
        "icon": [],
        "languages": ["en"],
        "configuration": configuration,
        "registrations": {
            "enabled": meta["registrations"],
            "approval_required": False,
            "reason_required": False,
            "message": None,
            "min_age": None,
            "url": None,
        },
        "api_versions": dict(meta["api_versions"] or {}),
        "contact": {"email": meta["email"], "account": _contact(ctx)},
        "rules": _rules(ctx),
    }


def _ws(url: str) -> str:
    return "ws" + url[4:] if url.startswith("http") else url


@route("GET", "/api/v1/instance/rules", auth="none")
def rules(ctx: Ctx) -> list[JSON]:
    return _rules(ctx)


@route("GET", "/api/v1/instance/peers", auth="none")
def peers(ctx: Ctx) -> list[str]:
    return []


@route("GET", "/api/v1/custom_emojis", auth="none")
def custom_emojis(ctx: Ctx) -> list[JSON]:
    return []


@route("GET", "/.well-known/nodeinfo", auth="none")
def nodeinfo_index(ctx: Ctx) -> JSON:
    base = ctx.state.base_url
    return {
        "links": [
            {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": base + "/nodeinfo/2.0"},
            {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": base + "/nodeinfo/2.1"},
        ]
    }


@route("GET", "/nodeinfo/<schema>", auth="none")
def nodeinfo(ctx: Ctx, schema: str) -> JSON:
    if schema not in ("2.0", "2.1"):
        raise ApiError(404, "Record not found")
    state = ctx.state
    software: JSON = {"name": state.meta["software"], "version": state.meta["version"]}
    if schema == "2.1":
        software["repository"] = "https://github.com/mastodon/mastodon"
        software["homepage"] = "https://joinmastodon.org"
    return {
        "version": schema,
        "software": software,
        "protocols": ["activitypub"],
        "services": {"outbound": [], "inbound": []},
        "usage": {
            "users": {"total": len(state.accounts), "activeMonth": len(state.accounts), "activeHalfyear": len(state.accounts)},
            "localPosts": sum(1 for s in state.statuses.values() if s.reblog_of is None),
        },
        "openRegistrations": state.meta["registrations"],
        "metadata": {"nodeName": state.meta["title"], "nodeDescription": state.meta["description"]},
    }


@route("GET", "/health", auth="none")
def health(ctx: Ctx) -> Response:
    return Response("OK", content_type="text/plain")


@route("GET", "/api/v1/preferences", scope="read:accounts")
def preferences(ctx: Ctx) -> JSON:
    account = ctx.user
    return {
        "posting:default:visibility": account.default_visibility,
        "posting:default:sensitive": account.default_sensitive,
        "posting:default:language": account.default_language,
        "reading:expand:media": "default",
        "reading:expand:spoilers": False,
    }


# -- files -------------------------------------------------------------------------------


@route("GET", "/system/media_attachments/files/<media_id>/<name>", auth="none")
def media_file(ctx: Ctx, media_id: str, name: str) -> Response:
    media = ctx.state.media.get(int(media_id)) if media_id.isdigit() else None
    if media is None or media.ready_at > ctx.state.now():
        raise ApiError(404, "Record not found")
    return Response(media.data, content_type=media.mime)


@route("GET", "/avatars/original/missing.png", auth="none")
@route("GET", "/headers/original/missing.png", auth="none")
def missing_picture(ctx: Ctx) -> Response:
    return Response(_BLANK_PNG, content_type="image/png")


# -- search ------------------------------------------------------------------------------


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


@route("GET", "/api/v1/tags/<name>", scope="read:statuses", auth="optional")
def tag_info(ctx: Ctx, name: str) -> JSON:
    tag = name.lstrip("#").lower()
    if tag not in ctx.state.by_tag:
        raise ApiError(404, "Record not found")
    return ctx.state.render_tag(tag, ctx.viewer)


# -- lists -------------------------------------------------------------------------------


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


# -- filters (v2) ------------------------------------------------------------------------


def _filter_changes(ctx: Ctx) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if ctx.raw("title") is not None:
        changes["title"] = ctx.text("title")
    if ctx.raw("context") is not None:
        changes["context"] = ctx.strings("context")
    if ctx.raw("filter_action") is not None:
        changes["filter_action"] = ctx.text("filter_action")
    if ctx.raw("expires_in") is not None:
        changes["expires_in"] = ctx.integer("expires_in")
    raw = ctx.raw("keywords_attributes")
    if raw is not None:
        items = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        changes["keywords"] = [dict(item, whole_word=_bool(item.get("whole_word"))) for item in items if isinstance(item, dict)]
    return changes


def _bool(value: Any) -> bool | None:
    from .wsgi import to_bool

    return to_bool(value)


@route("GET", "/api/v2/filters", scope="read:filters")
def filters(ctx: Ctx) -> list[JSON]:
    return [ctx.state.render_filter(f) for f in ctx.state.filters.values() if f.account_id == ctx.user.id]


@route("POST", "/api/v2/filters", scope="write:filters")
def create_filter(ctx: Ctx) -> JSON:
    return ctx.state.render_filter(ctx.state.save_filter(ctx.user, None, _filter_changes(ctx)))


@route("GET", "/api/v2/filters/<filter_id>", scope="read:filters")
def get_filter(ctx: Ctx, filter_id: str) -> JSON:
    return ctx.state.render_filter(ctx.state.own_filter(ctx.user, filter_id))


@route("PUT", "/api/v2/filters/<filter_id>", scope="write:filters")
def update_filter(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    changes = _filter_changes(ctx)
    keywords = changes.pop("keywords", [])
    ctx.state.save_filter(ctx.user, record, changes)
    for spec in keywords:
        existing = next((k for k in record.keywords if str(k.id) == str(spec.get("id"))), None) if spec.get("id") else None
        if spec.get("id") and existing is None:
            raise ApiError(404, "Record not found")
        ctx.state.keyword(record, existing, dict(spec, _destroy=_bool(spec.get("_destroy"))))
    return ctx.state.render_filter(record)


@route("DELETE", "/api/v2/filters/<filter_id>", scope="write:filters")
def delete_filter(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    del ctx.state.filters[record.id]
    ctx.state.hub.filters_changed(ctx.user.id)
    return {}


@route("GET", "/api/v2/filters/<filter_id>/keywords", scope="read:filters")
def filter_keywords(ctx: Ctx, filter_id: str) -> list[JSON]:
    return [ctx.state.render_keyword(k) for k in ctx.state.own_filter(ctx.user, filter_id).keywords]


@route("POST", "/api/v2/filters/<filter_id>/keywords", scope="write:filters")
def add_filter_keyword(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    keyword = ctx.state.keyword(record, None, {"keyword": ctx.text("keyword"), "whole_word": ctx.flag("whole_word")})
    ctx.state.hub.filters_changed(ctx.user.id)
    return ctx.state.render_keyword(keyword)


@route("GET", "/api/v2/filters/keywords/<keyword_id>", scope="read:filters")
def get_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    return ctx.state.render_keyword(ctx.state.find_keyword(ctx.user, keyword_id)[1])


@route("PUT", "/api/v2/filters/keywords/<keyword_id>", scope="write:filters")
def update_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    record, keyword = ctx.state.find_keyword(ctx.user, keyword_id)
    ctx.state.keyword(record, keyword, {"keyword": ctx.text("keyword"), "whole_word": ctx.flag("whole_word")})
    ctx.state.hub.filters_changed(ctx.user.id)
    return ctx.state.render_keyword(keyword)


@route("DELETE", "/api/v2/filters/keywords/<keyword_id>", scope="write:filters")
def delete_filter_keyword(ctx: Ctx, keyword_id: str) -> JSON:
    record, keyword = ctx.state.find_keyword(ctx.user, keyword_id)
    record.keywords.remove(keyword)
    ctx.state.hub.filters_changed(ctx.user.id)
    return {}


@route("GET", "/api/v2/filters/<filter_id>/statuses", scope="read:filters")
def filter_statuses(ctx: Ctx, filter_id: str) -> list[JSON]:
    record = ctx.state.own_filter(ctx.user, filter_id)
    return [{"id": str(fid), "status_id": str(sid)} for fid, sid in record.statuses]


@route("POST", "/api/v2/filters/<filter_id>/statuses", scope="write:filters")
def add_filter_status(ctx: Ctx, filter_id: str) -> JSON:
    record = ctx.state.own_filter(ctx.user, filter_id)
    status = ctx.state.visible(ctx.user, ctx.text("status_id") or "")
    if any(sid == status.id for _, sid in record.statuses):
        raise ApiError(422, "Validation failed: Status has already been taken")
    entry = (ctx.state.ids.next(), status.id)
    record.statuses.append(entry)
    ctx.state.hub.filters_changed(ctx.user.id)
    return {"id": str(entry[0]), "status_id": str(entry[1])}


@route("GET", "/api/v2/filters/statuses/<entry_id>", scope="read:filters")
def get_filter_status(ctx: Ctx, entry_id: str) -> JSON:
    _, entry = ctx.state.find_filter_status(ctx.user, entry_id)
    return {"id": str(entry[0]), "status_id": str(entry[1])}


@route("DELETE", "/api/v2/filters/statuses/<entry_id>", scope="write:filters")
def delete_filter_status(ctx: Ctx, entry_id: str) -> JSON:
    record, entry = ctx.state.find_filter_status(ctx.user, entry_id)
    record.statuses.remove(entry)
    ctx.state.hub.filters_changed(ctx.user.id)
    return {}


# -- reports -----------------------------------------------------------------------------


@route("POST", "/api/v1/reports", scope="write:reports")
def report(ctx: Ctx) -> JSON:
    target = ctx.state.account(ctx.text("account_id") or "")
    record = ctx.state.report(
        ctx.user,
        target,
        ctx.strings("status_ids"),
        ctx.text("comment") or "",
        bool(ctx.flag("forward", False)),
        ctx.text("category"),
        ctx.strings("rule_ids"),
    )
    return ctx.state.render_report(record)
