"""Accounts: registration, credentials, look-ups, relationships and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._errors import ApiError, forbidden, not_found
from .._records import Account
from .._render import JSON
from .._routing import Ctx, Paged, route, to_bool


def _account(ctx: Ctx, account_id: str) -> Account:
    return ctx.state.account(account_id)


@route("POST", "/api/v1/accounts", scope="write:accounts", auth="app")
def register(ctx: Ctx) -> JSON:
    if ctx.viewer is not None:
        raise ApiError(403, "This method requires an application access token")
    account = ctx.state.register(
        ctx.text("username") or "",
        ctx.text("email") or "",
        ctx.text("password") or "",
        bool(ctx.flag("agreement", False)),
        ctx.text("locale"),
    )
    assert ctx.token is not None
    return ctx.state.render_token(ctx.state.issue_token(ctx.token.app, account, list(ctx.token.scopes)))


@route("GET", "/api/v1/accounts/verify_credentials", scope="read:accounts")
def verify_credentials(ctx: Ctx) -> JSON:
    return ctx.state.render_credential_account(ctx.user)


@route("PATCH", "/api/v1/accounts/update_credentials", scope="write:accounts")
def update_credentials(ctx: Ctx) -> JSON:
    account = ctx.user
    changes: dict[str, Any] = {
        "display_name": ctx.text("display_name"),
        "note": ctx.text("note"),
        "locked": ctx.flag("locked"),
        "bot": ctx.flag("bot"),
        "discoverable": ctx.flag("discoverable"),
        "indexable": ctx.flag("indexable"),
    }
    raw_fields = ctx.raw("fields_attributes")
    if raw_fields is not None:
        items = raw_fields.values() if isinstance(raw_fields, dict) else raw_fields if isinstance(raw_fields, list) else []
        changes["fields"] = [
            (str(item.get("name", "")), str(item.get("value", "")))
            for item in items
            if isinstance(item, dict) and (item.get("name") or item.get("value"))
        ]
    source = ctx.raw("source")
    if isinstance(source, dict):
        changes["privacy"] = source.get("privacy")
        changes["sensitive"] = to_bool(source.get("sensitive"))
        changes["language"] = source.get("language")
    for name in ("avatar", "header"):
        upload = ctx.request.files.get(name)
        if upload is not None:
            media = ctx.state.upload(
                account, upload.read(), upload.mimetype or "application/octet-stream", upload.filename or name, None, None, 0
            )
            if media.kind != "image":
                raise ApiError(422, f"Validation failed: {name.capitalize()} content type is invalid")
            changes[f"{name}_media"] = media.id
    ctx.state.update_profile(account, changes)
    return ctx.state.render_credential_account(account)


@route("GET", "/api/v1/accounts/lookup", scope="read:accounts", auth="optional")
def lookup(ctx: Ctx) -> JSON:
    acct = (ctx.text("acct") or "").lstrip("@")
    name, _, domain = acct.partition("@")
    account = ctx.state.local_user(name, domain or None)
    if account is None:
        raise not_found()
    return ctx.state.render_account(account)


@route("GET", "/api/v1/accounts/search", scope="read:accounts")
def search_accounts(ctx: Ctx) -> list[JSON]:
    limit = min(ctx.integer("limit", 40) or 40, 80)
    accounts, _, _ = ctx.state.search(ctx.viewer, ctx.text("q") or "", "accounts", bool(ctx.flag("following", False)), None, limit, 0)
    return [ctx.state.render_account(a) for a in accounts]


@route("GET", "/api/v1/accounts", scope="read:accounts", auth="optional")
def accounts(ctx: Ctx) -> list[JSON]:
    found = [ctx.state.accounts.get(int(i)) for i in ctx.strings("id") if i.isdigit()]
    return [ctx.state.render_account(a) for a in found if a is not None]


@route("GET", "/api/v1/accounts/relationships", scope="read:follows")
def relationships(ctx: Ctx) -> list[JSON]:
    viewer = ctx.user
    found = [ctx.state.accounts.get(int(i)) for i in ctx.strings("id") if i.isdigit()]
    return [ctx.state.render_relationship(viewer, a) for a in found if a is not None]


@route("GET", "/api/v1/accounts/<account_id>", scope="read:accounts", auth="optional")
def account(ctx: Ctx, account_id: str) -> JSON:
    return ctx.state.render_account(_account(ctx, account_id))


@route("GET", "/api/v1/accounts/<account_id>/statuses", scope="read:statuses", auth="optional")
def account_statuses(ctx: Ctx, account_id: str) -> Paged:
    author = _account(ctx, account_id)
    page = ctx.state.account_statuses(
        ctx.viewer,
        author,
        ctx.bounds(),
        pinned=ctx.flag("pinned", False),
        exclude_replies=ctx.flag("exclude_replies", False),
        exclude_reblogs=ctx.flag("exclude_reblogs", False),
        only_media=ctx.flag("only_media", False),
        tagged=ctx.text("tagged"),
    )
    return ctx.status_page(page, "account")


def _accounts_page(ctx: Ctx, records: dict[int, Any]) -> Paged:
    """Accounts related by ``records`` (account id -> relation id), paged by relation id."""
    return ctx.account_page(ctx.state.account_page(records, ctx.bounds(40, 80)))


@route("GET", "/api/v1/accounts/<account_id>/followers", scope="read:accounts", auth="optional")
def followers(ctx: Ctx, account_id: str) -> Paged:
    return _accounts_page(ctx, _account(ctx, account_id).followers)


@route("GET", "/api/v1/accounts/<account_id>/following", scope="read:accounts", auth="optional")
def following(ctx: Ctx, account_id: str) -> Paged:
    return _accounts_page(ctx, _account(ctx, account_id).following)


@route("GET", "/api/v1/accounts/<account_id>/lists", scope="read:lists")
def account_lists(ctx: Ctx, account_id: str) -> list[JSON]:
    target = _account(ctx, account_id)
    owned = [r for r in ctx.state.lists.values() if r.account_id == ctx.user.id and target.id in r.members]
    return [ctx.state.render_list(r) for r in owned]


def _relationship(ctx: Ctx, target: Account) -> JSON:
    return ctx.state.render_relationship(ctx.user, target)


def _mute(ctx: Ctx, target: Account) -> None:
    duration = ctx.integer("duration", 0) or 0
    if duration < 0:
        raise ApiError(422, "Validation failed: Duration must be greater than or equal to 0")
    ctx.state.mute(ctx.user, target, bool(ctx.flag("notifications", True)), duration)


# POST <path>: change the relationship with the account in the path, answer with it.
_RELATIONSHIP_ACTIONS: dict[str, tuple[str, Callable[[Ctx, Account], None]]] = {
    "/api/v1/accounts/<account_id>/follow": (
        "write:follows",
        lambda ctx, t: ctx.state.follow(ctx.user, t, ctx.flag("reblogs"), ctx.flag("notify")),
    ),
    "/api/v1/accounts/<account_id>/unfollow": ("write:follows", lambda ctx, t: ctx.state.unfollow(ctx.user, t)),
    "/api/v1/accounts/<account_id>/remove_from_followers": ("write:follows", lambda ctx, t: ctx.state.unfollow(t, ctx.user)),
    "/api/v1/accounts/<account_id>/block": ("write:blocks", lambda ctx, t: ctx.state.block(ctx.user, t)),
    "/api/v1/accounts/<account_id>/unblock": ("write:blocks", lambda ctx, t: ctx.state.unblock(ctx.user, t)),
    "/api/v1/accounts/<account_id>/mute": ("write:mutes", _mute),
    "/api/v1/accounts/<account_id>/unmute": ("write:mutes", lambda ctx, t: ctx.state.unmute(ctx.user, t)),
    "/api/v1/follow_requests/<account_id>/authorize": (
        "write:follows",
        lambda ctx, t: ctx.state.answer_follow_request(ctx.user, t, accept=True),
    ),
    "/api/v1/follow_requests/<account_id>/reject": (
        "write:follows",
        lambda ctx, t: ctx.state.answer_follow_request(ctx.user, t, accept=False),
    ),
}


def _relationship_route(path: str, scope: str, change: Callable[[Ctx, Account], None]) -> None:
    def handler(ctx: Ctx, account_id: str) -> JSON:
        target = _account(ctx, account_id)
        change(ctx, target)
        return _relationship(ctx, target)

    handler.__name__ = path.rsplit("/", 1)[-1]
    route("POST", path, scope=scope)(handler)


for _path, (_scope, _change) in _RELATIONSHIP_ACTIONS.items():
    _relationship_route(_path, _scope, _change)


@route("POST", "/api/v1/accounts/<account_id>/note", scope="write:accounts")
def note(ctx: Ctx, account_id: str) -> JSON:
    target = _account(ctx, account_id)
    text = ctx.text("comment") or ""
    if len(text) > 2000:
        raise ApiError(422, "Validation failed: Comment is too long (maximum is 2000 characters)")
    if target.id == ctx.user.id:
        raise forbidden()
    ctx.user.notes[target.id] = text
    return _relationship(ctx, target)


@route("GET", "/api/v1/follow_requests", scope="read:follows")
def follow_requests(ctx: Ctx) -> Paged:
    return _accounts_page(ctx, ctx.user.requested_by)


@route("GET", "/api/v1/blocks", scope="read:blocks")
def blocks(ctx: Ctx) -> Paged:
    return _accounts_page(ctx, ctx.user.blocking)


@route("GET", "/api/v1/mutes", scope="read:mutes")
def mutes(ctx: Ctx) -> Paged:
    viewer = ctx.user
    for other in list(viewer.muting):
        ctx.state.is_muted(viewer, other)  # drops expired mutes
    return _accounts_page(ctx, viewer.muting)


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
