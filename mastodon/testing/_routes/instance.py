"""The instance itself (v1, v2, nodeinfo, rules), preferences, and the files
the instance serves (uploaded media, placeholder pictures)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from .._errors import not_found
from .._personal import MAX_FEATURED_TAGS
from .._posting import (
    MAX_CHARACTERS,
    MAX_MEDIA,
    MAX_PINNED,
    POLL_MAX_EXPIRATION,
    POLL_MIN_EXPIRATION,
    POLL_OPTION_CHARACTERS,
    POLL_OPTIONS,
)
from .._render import JSON, VAPID_KEY
from .._routing import Ctx, route

# A 1x1 transparent PNG, served for accounts without an avatar or header.
_BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63000100000500010d0a2db40000000049454e44ae426082"
)
MIME_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "video/webm", "video/mp4", "audio/mpeg", "audio/ogg", "audio/wav"]

# -- the instance ------------------------------------------------------------------------


def _configuration() -> JSON:
    return {
        "accounts": {"max_featured_tags": MAX_FEATURED_TAGS, "max_pinned_statuses": MAX_PINNED},
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
        raise not_found()
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
@route("GET", "/api/v1/streaming/health", auth="none")
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
        raise not_found()
    return Response(media.data, content_type=media.mime)


@route("GET", "/avatars/original/missing.png", auth="none")
@route("GET", "/headers/original/missing.png", auth="none")
def missing_picture(ctx: Ctx) -> Response:
    return Response(_BLANK_PNG, content_type="image/png")
