"""Statuses and what hangs off them: media, polls, scheduled statuses."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from werkzeug.wrappers import Response

from .._errors import ApiError, invalid, not_found
from .._paging import paginate
from .._posting import Draft
from .._records import Media, Poll, Scheduled, Status
from .._render import JSON
from .._routing import Ctx, Paged, json_response, route, to_bool


def parse_time(value: str, name: str) -> float:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise invalid(f"{name} is not a valid date") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _poll_spec(ctx: Ctx) -> dict[str, Any] | None:
    raw = ctx.raw("poll")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise invalid("Poll is invalid")
    options = raw.get("options")
    if isinstance(options, dict):
        options = list(options.values())
    if not isinstance(options, list):
        options = [] if options is None else [options]
    expires = raw.get("expires_in")
    if isinstance(expires, str) and re.fullmatch(r"\d+", expires.strip()):
        expires = int(expires)
    return {
        "options": [str(o) for o in options],
        "expires_in": expires if isinstance(expires, int) and not isinstance(expires, bool) else None,
        "multiple": bool(to_bool(raw.get("multiple"), False)),
        "hide_totals": bool(to_bool(raw.get("hide_totals"), False)),
    }


def _draft(ctx: Ctx) -> Draft:
    scheduled = ctx.text("scheduled_at")
    return Draft(
        text=ctx.text("status") or "",
        visibility=ctx.text("visibility") or None,
        sensitive=ctx.flag("sensitive"),
        spoiler_text=ctx.text("spoiler_text") or "",
        language=ctx.text("language") or None,
        in_reply_to_id=ctx.text("in_reply_to_id") or None,
        media_ids=ctx.strings("media_ids"),
        poll=_poll_spec(ctx),
        scheduled_at=parse_time(scheduled, "Scheduled at") if scheduled else None,
    )


def _status(ctx: Ctx, status: Status, context: str | None = "thread") -> JSON:
    return ctx.state.render_status(status, ctx.viewer, context)


# -- statuses ----------------------------------------------------------------------------


@route("POST", "/api/v1/statuses", scope="write:statuses")
def post_status(ctx: Ctx) -> JSON:
    key = ctx.request.headers.get("Idempotency-Key")
    result = ctx.state.post(ctx.user, _draft(ctx), ctx.app.id if ctx.app else None, key)
    if isinstance(result, Status):
        return _status(ctx, result, None)
    return ctx.state.render_scheduled(result)


@route("GET", "/api/v1/statuses", scope="read:statuses", auth="optional")
def statuses(ctx: Ctx) -> list[JSON]:
    found = []
    for raw in ctx.strings("id"):
        status = ctx.state.statuses.get(int(raw)) if raw.isdigit() else None
        if status is not None and ctx.state.can_see(ctx.viewer, status):
            found.append(_status(ctx, status))
    return found


@route("GET", "/api/v1/statuses/<status_id>", scope="read:statuses", auth="optional")
def get_status(ctx: Ctx, status_id: str) -> JSON:
    return _status(ctx, ctx.state.visible(ctx.viewer, status_id))


@route("DELETE", "/api/v1/statuses/<status_id>", scope="write:statuses")
def delete_status(ctx: Ctx, status_id: str) -> JSON:
    status = ctx.state.visible(ctx.viewer, status_id)
    entity = _status(ctx, status, None)
    entity["text"] = status.text
    ctx.state.delete(ctx.user, status, bool(to_bool(ctx.raw("delete_media"), False)))
    return entity


@route("PUT", "/api/v1/statuses/<status_id>", scope="write:statuses")
def edit_status(ctx: Ctx, status_id: str) -> JSON:
    status = ctx.state.visible(ctx.viewer, status_id)
    draft = _draft(ctx)
    for item in ctx.raw("media_attributes") or []:
        if isinstance(item, dict) and str(item.get("id", "")).isdigit():
            media = ctx.state.own_media(ctx.user, item["id"])
            if item.get("description") is not None:
                media.description = str(item["description"])
            if item.get("focus"):
                media.focus = _focus(str(item["focus"]))
    return _status(ctx, ctx.state.edit(ctx.user, status, draft), None)


@route("GET", "/api/v1/statuses/<status_id>/context", scope="read:statuses", auth="optional")
def context(ctx: Ctx, status_id: str) -> JSON:
    status = ctx.state.visible(ctx.viewer, status_id)
    ancestors, descendants = ctx.state.context(ctx.viewer, status)
    return {"ancestors": [_status(ctx, s) for s in ancestors], "descendants": [_status(ctx, s) for s in descendants]}


@route("GET", "/api/v1/statuses/<status_id>/history", scope="read:statuses", auth="optional")
def history(ctx: Ctx, status_id: str) -> list[JSON]:
    status = ctx.state.visible(ctx.viewer, status_id)
    versions = status.history or [ctx.state.snapshot(status, status.created_at)]
    return [ctx.state.render_version(status, v, ctx.viewer) for v in versions]


@route("GET", "/api/v1/statuses/<status_id>/source", scope="read:statuses")
def source(ctx: Ctx, status_id: str) -> JSON:
    status = ctx.state.visible(ctx.viewer, status_id)
    if status.account_id != ctx.user.id:
        raise not_found()
    return ctx.state.render_source(status)


def _action(name: str, scope: str) -> None:
    def handler(ctx: Ctx, status_id: str) -> JSON:
        state, viewer = ctx.state, ctx.user
        status = state.visible(viewer, status_id)
        operations = {
            "favourite": lambda: state.favourite(viewer, status),
            "unfavourite": lambda: state.unfavourite(viewer, status),
            "reblog": lambda: state.reblog(viewer, status, ctx.text("visibility") or None),
            "unreblog": lambda: state.unreblog(viewer, status),
            "bookmark": lambda: state.bookmark(viewer, status, True),
            "unbookmark": lambda: state.bookmark(viewer, status, False),
            "pin": lambda: state.pin(viewer, status, True),
            "unpin": lambda: state.pin(viewer, status, False),
            "mute": lambda: state.mute_thread(viewer, status, True),
            "unmute": lambda: state.mute_thread(viewer, status, False),
        }
        return _status(ctx, operations[name](), None)

    handler.__name__ = name
    route("POST", f"/api/v1/statuses/<status_id>/{name}", scope=scope)(handler)


for _name, _scope in (
    ("favourite", "write:favourites"),
    ("unfavourite", "write:favourites"),
    ("reblog", "write:statuses"),
    ("unreblog", "write:statuses"),
    ("bookmark", "write:bookmarks"),
    ("unbookmark", "write:bookmarks"),
    ("pin", "write:accounts"),
    ("unpin", "write:accounts"),
    ("mute", "write:mutes"),
    ("unmute", "write:mutes"),
):
    _action(_name, _scope)


@route("GET", "/api/v1/statuses/<status_id>/favourited_by", scope="read:accounts", auth="optional")
def favourited_by(ctx: Ctx, status_id: str) -> Paged:
    status = ctx.state.visible(ctx.viewer, status_id)
    return ctx.account_page(ctx.state.account_page(status.favourited_by, ctx.bounds(40, 80)))


@route("GET", "/api/v1/statuses/<status_id>/reblogged_by", scope="read:accounts", auth="optional")
def reblogged_by(ctx: Ctx, status_id: str) -> Paged:
    status = ctx.state.visible(ctx.viewer, status_id)
    return ctx.account_page(ctx.state.account_page(status.reblogged_by, ctx.bounds(40, 80)))


# -- media -------------------------------------------------------------------------------


def _focus(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise invalid("Focus is invalid") from None
    if not (-1 <= x <= 1 and -1 <= y <= 1):
        raise invalid("Focus is invalid")
    return x, y


def _upload(ctx: Ctx, delay: float) -> Media:
    upload = ctx.request.files.get("file")
    if upload is None:
        raise ApiError(422, "Validation failed: File can't be blank")
    focus = ctx.text("focus")
    return ctx.state.upload(
        ctx.user,
        upload.read(),
        upload.mimetype or "application/octet-stream",
        upload.filename or "file",
        ctx.text("description"),
        _focus(focus) if focus else None,
        delay,
    )


@route("POST", "/api/v1/media", scope="write:media")
def upload_v1(ctx: Ctx) -> JSON:
    return ctx.state.render_media(_upload(ctx, 0.0))


@route("POST", "/api/v2/media", scope="write:media")
def upload_v2(ctx: Ctx) -> Response:
    media = _upload(ctx, ctx.state.media_delay)
    # Mastodon answers 202 while the file is still being processed (url null), 200 once done.
    ready = media.ready_at <= ctx.state.now()
    return json_response(ctx.state.render_media(media), 200 if ready and ctx.state.media_delay == 0 else 202)


@route("GET", "/api/v1/media/<media_id>", scope="write:media")
def get_media(ctx: Ctx, media_id: str) -> Response:
    media = ctx.state.own_media(ctx.user, media_id)
    ready = media.ready_at <= ctx.state.now()
    return json_response(ctx.state.render_media(media), 200 if ready else 206)


@route("PUT", "/api/v1/media/<media_id>", scope="write:media")
def update_media(ctx: Ctx, media_id: str) -> JSON:
    media = ctx.state.own_media(ctx.user, media_id)
    description = ctx.text("description")
    if description is not None:
        if len(description) > 1500:
            raise invalid("Description is too long (maximum is 1500 characters)")
        media.description = description
    focus = ctx.text("focus")
    if focus:
        media.focus = _focus(focus)
    return ctx.state.render_media(media)


@route("DELETE", "/api/v1/media/<media_id>", scope="write:media")
def delete_media(ctx: Ctx, media_id: str) -> JSON:
    media = ctx.state.own_media(ctx.user, media_id)
    if media.status_id is not None:
        raise ApiError(422, "Media attachment is currently used by a status")
    del ctx.state.media[media.id]
    return {}


# -- polls -------------------------------------------------------------------------------


def _poll(ctx: Ctx, poll_id: str) -> Poll:
    """A poll the viewer may see (that of a status it may see)."""
    poll = ctx.state.polls.get(int(poll_id)) if poll_id.isdigit() else None
    if poll is None or poll.status_id not in ctx.state.statuses:
        raise not_found()
    ctx.state.visible(ctx.viewer, poll.status_id)
    return poll


@route("GET", "/api/v1/polls/<poll_id>", scope="read:statuses", auth="optional")
def get_poll(ctx: Ctx, poll_id: str) -> JSON:
    return ctx.state.render_poll(_poll(ctx, poll_id), ctx.viewer)


@route("POST", "/api/v1/polls/<poll_id>/votes", scope="write:statuses")
def vote(ctx: Ctx, poll_id: str) -> JSON:
    poll = _poll(ctx, poll_id)
    choices = []
    for raw in ctx.strings("choices"):
        if not raw.isdigit():
            raise invalid("Choices are invalid")
        choices.append(int(raw))
    return ctx.state.render_poll(ctx.state.vote(ctx.user, poll, choices), ctx.viewer)


# -- scheduled statuses ------------------------------------------------------------------


def _scheduled(ctx: Ctx, scheduled_id: str) -> Scheduled:
    record = ctx.state.scheduled.get(int(scheduled_id)) if scheduled_id.isdigit() else None
    if record is None or record.account_id != ctx.user.id:
        raise not_found()
    return record


@route("GET", "/api/v1/scheduled_statuses", scope="read:statuses")
def scheduled_list(ctx: Ctx) -> Paged:
    mine = {r.id: r for r in ctx.state.scheduled.values() if r.account_id == ctx.user.id}
    page = paginate(sorted(mine), mine.get, ctx.bounds(20, 40))
    return Paged(page, [ctx.state.render_scheduled(r) for r in page])


@route("GET", "/api/v1/scheduled_statuses/<scheduled_id>", scope="read:statuses")
def scheduled_get(ctx: Ctx, scheduled_id: str) -> JSON:
    return ctx.state.render_scheduled(_scheduled(ctx, scheduled_id))


@route("PUT", "/api/v1/scheduled_statuses/<scheduled_id>", scope="write:statuses")
def scheduled_update(ctx: Ctx, scheduled_id: str) -> JSON:
    record = _scheduled(ctx, scheduled_id)
    when = ctx.text("scheduled_at")
    if when:
        ctx.state.update_scheduled(record, parse_time(when, "Scheduled at"))
    return ctx.state.render_scheduled(record)


@route("DELETE", "/api/v1/scheduled_statuses/<scheduled_id>", scope="write:statuses")
def scheduled_delete(ctx: Ctx, scheduled_id: str) -> JSON:
    ctx.state.cancel_scheduled(_scheduled(ctx, scheduled_id))
    return {}
