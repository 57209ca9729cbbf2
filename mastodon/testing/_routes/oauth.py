"""App registration and OAuth: tokens (password, authorization code with PKCE,
client credentials), the authorization page, revocation and server metadata."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from werkzeug.wrappers import Response

from .. import _scopes as scope_rules
from .._errors import ApiError
from .._records import App, AuthCode
from .._render import JSON
from .._routing import Ctx, basic_credentials, route
from .._social import OOB, new_secret

CODE_SECONDS = 600

_MESSAGES = {
    "invalid_client": "Client authentication failed due to unknown client, no client authentication included, "
    "or unsupported authentication method.",
    "invalid_grant": "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI "
    "used in the authorization request, or was issued to another client.",
    "unsupported_grant_type": "The authorization grant type is not supported by the authorization server.",
    "invalid_scope": "The requested scope is invalid, unknown, or malformed.",
    "invalid_request": "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
    "unauthorized_client": "You are not authorized to revoke this token",
}


def oauth_error(kind: str, detail: str | None = None, status: int | None = None) -> ApiError:
    code = status or (401 if kind == "invalid_client" else 403 if kind == "unauthorized_client" else 400)
    return ApiError(code, kind, error_description=detail or _MESSAGES[kind])


def _client(ctx: Ctx, secret_required: bool = True) -> App:
    basic = basic_credentials(ctx.request)
    client_id, secret = basic if basic else (ctx.text("client_id"), ctx.text("client_secret"))
    app = ctx.state.apps_by_client.get(client_id or "")
    if app is None:
        raise oauth_error("invalid_client")
    if secret_required and not hmac.compare_digest(app.client_secret, secret or ""):
        raise oauth_error("invalid_client")
    return app


def _requested_scopes(ctx: Ctx, app: App) -> list[str]:
    requested = scope_rules.parse(ctx.text("scope") or ctx.text("scopes"))
    if scope_rules.unknown(requested) or not scope_rules.allowed_for_app(app.scopes, requested):
        raise oauth_error("invalid_scope")
    return requested


# -- apps --------------------------------------------------------------------------------


@route("POST", "/api/v1/apps", auth="none")
def create_app(ctx: Ctx) -> JSON:
    raw = ctx.raw("redirect_uris")
    if raw is None:
        raise ApiError(422, "Validation failed: Redirect URI can't be blank")
    uris = [u for u in (raw if isinstance(raw, list) else str(raw).split()) if str(u).strip()]
    app = ctx.state.create_app(
        ctx.text("client_name") or "",
        [str(u).strip() for u in uris],
        scope_rules.parse(ctx.text("scopes")),
        ctx.text("website") or None,
    )
    return ctx.state.render_app(app, with_secret=True)


@route("GET", "/api/v1/apps/verify_credentials", auth="app")
def verify_app(ctx: Ctx) -> JSON:
    assert ctx.app is not None
    entity = ctx.state.render_app(ctx.app, with_secret=False)
    entity["scopes"] = list(ctx.token.scopes) if ctx.token is not None else entity["scopes"]
    return entity


# -- tokens ------------------------------------------------------------------------------


def _client_credentials_grant(ctx: Ctx, app: App) -> tuple[int | None, list[str]]:
    return None, _requested_scopes(ctx, app)


def _password_grant(ctx: Ctx, app: App) -> tuple[int | None, list[str]]:
    username, password = ctx.text("username") or "", ctx.text("password") or ""
    scopes = _requested_scopes(ctx, app)
    account = ctx.state.by_email.get(username.lower())
    if account is None or not hmac.compare_digest(account.password, password):
        raise oauth_error("invalid_grant")
    return account.id, scopes


def _authorization_code_grant(ctx: Ctx, app: App) -> tuple[int | None, list[str]]:
    code = ctx.state.codes.pop(ctx.text("code") or "", None)
    if code is None or code.app is not app or code.expires_at < ctx.state.now():
        raise oauth_error("invalid_grant")
    if (ctx.text("redirect_uri") or "") != code.redirect_uri:
        raise oauth_error("invalid_grant")
    if code.challenge is not None:
        verifier = ctx.text("code_verifier")
        if not verifier:
            raise oauth_error("invalid_request", "Missing required parameter: code_verifier.")
        if not hmac.compare_digest(pkce_challenge(verifier), code.challenge):
            raise oauth_error("invalid_grant")
    return code.account_id, code.scopes


# grant_type -> what the grant checks; each gives the token's account (None: an app token) and scopes.
_GRANTS: dict[str, Callable[[Ctx, App], tuple[int | None, list[str]]]] = {
    "client_credentials": _client_credentials_grant,
    "password": _password_grant,
    "authorization_code": _authorization_code_grant,
}


@route("POST", "/oauth/token", auth="none")
def token(ctx: Ctx) -> JSON:
    grant = ctx.text("grant_type")
    if not grant:
        raise oauth_error("invalid_request", "Missing required parameter: grant_type.")
    check = _GRANTS.get(grant)
    if check is None:
        raise oauth_error("unsupported_grant_type")
    app = _client(ctx)
    account_id, scopes = check(ctx, app)
    account = ctx.state.accounts.get(account_id) if account_id is not None else None
    return ctx.state.render_token(ctx.state.issue_token(app, account, scopes))


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@route("POST", "/oauth/revoke", auth="none")
def revoke(ctx: Ctx) -> JSON:
    app = _client(ctx)
    value = ctx.text("token")
    if not value:
        raise oauth_error("invalid_request", "Missing required parameter: token.")
    found = ctx.state.tokens.get(value)
    if found is not None:
        if found.app is not app:
            raise oauth_error("unauthorized_client")
        found.revoked = True
    return {}


# -- the authorization page ----------------------------------------------------------------

_FIELDS = ("client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "response_type")


def _authorization(ctx: Ctx) -> tuple[App, str, list[str], str | None]:
    if ctx.text("response_type", "code") != "code":
        raise oauth_error("invalid_request", "The authorization server does not support this response type.", 400)
    app = _client(ctx, secret_required=False)
    redirect = ctx.text("redirect_uri") or (app.redirect_uris[0] if len(app.redirect_uris) == 1 else "")
    if redirect not in app.redirect_uris:
        raise oauth_error("invalid_request", "The requested redirect uri is malformed or doesn't match client redirect URI.", 400)
    scopes = _requested_scopes(ctx, app)
    challenge = ctx.text("code_challenge") or None
    method = ctx.text("code_challenge_method")
    if challenge is not None and method != "S256":
        raise oauth_error("invalid_request", "Code challenge method must be S256.", 400)
    if challenge is None and method:
        raise oauth_error("invalid_request", "Missing required parameter: code_challenge.", 400)
    return app, redirect, scopes, challenge


def _grant(ctx: Ctx, account_id: int) -> Response:
    app, redirect, scopes, challenge = _authorization(ctx)
    code = AuthCode(new_secret(), app, account_id, scopes, redirect, challenge, ctx.state.now() + CODE_SECONDS)
    ctx.state.codes[code.code] = code
    if redirect == OOB:
        target = f"{ctx.state.base_url}/oauth/authorize/native?{urlencode({'code': code.code})}"
    else:
        query: dict[str, str] = {"code": code.code}
        if ctx.text("state") is not None:
            query["state"] = ctx.text("state") or ""
        target = redirect + ("&" if "?" in redirect else "?") + urlencode(query)
    return Response(status=302, headers={"Location": target})


@route("GET", "/oauth/authorize", auth="none")
def authorize_page(ctx: Ctx) -> Response:
    app, _, scopes, _ = _authorization(ctx)
    auto = ctx.state.auto_authorize
    if auto is not None:
        account = ctx.state.by_username.get(auto.lower())
        if account is not None:
            return _grant(ctx, account.id)
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(ctx.text(name) or "")}">' for name in _FIELDS if ctx.text(name) is not None
    )
    page = (
        f"<!DOCTYPE html><html><head><title>Authorize {html.escape(app.name)}</title></head><body>"
        f"<h1>Authorize {html.escape(app.name)}</h1><p>Scopes: {html.escape(' '.join(scopes))}</p>"
        f'<form method="post" action="/oauth/authorize">{hidden}'
        '<label>E-mail <input type="email" name="email"></label> '
        '<label>Password <input type="password" name="password"></label> '
        '<button type="submit">Authorize</button></form></body></html>'
    )
    return Response(page, content_type="text/html; charset=utf-8")


@route("POST", "/oauth/authorize", auth="none")
def authorize_submit(ctx: Ctx) -> Response:
    _authorization(ctx)
    account = ctx.state.by_email.get((ctx.text("email") or "").lower())
    if account is None or not hmac.compare_digest(account.password, ctx.text("password") or ""):
        raise ApiError(401, "Invalid email or password.")
    return _grant(ctx, account.id)


@route("GET", "/oauth/authorize/native", auth="none")
def authorize_native(ctx: Ctx) -> Response:
    code = html.escape(ctx.text("code") or "")
    page = (
        "<!DOCTYPE html><html><head><title>Authorization code</title></head><body>"
        f'<p>Copy this authorization code and paste it into the application.</p><input class="oauth-code" readonly value="{code}">'
        "</body></html>"
    )
    return Response(page, content_type="text/html; charset=utf-8")


# -- metadata ------------------------------------------------------------------------------


@route("GET", "/.well-known/oauth-authorization-server", auth="none")
def server_metadata(ctx: Ctx) -> JSON:
    base = ctx.state.base_url
    return {
        "issuer": base + "/",
        "service_documentation": "https://docs.joinmastodon.org/",
        "authorization_endpoint": base + "/oauth/authorize",
        "token_endpoint": base + "/oauth/token",
        "app_registration_endpoint": base + "/api/v1/apps",
        "revocation_endpoint": base + "/oauth/revoke",
        "userinfo_endpoint": base + "/oauth/userinfo",
        "scopes_supported": list(scope_rules.SUPPORTED),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "password", "client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }


@route("GET", "/oauth/userinfo", scope="profile")
def userinfo(ctx: Ctx) -> JSON:
    account = ctx.user
    entity: Any = ctx.state.render_account(account)
    return {
        "iss": ctx.state.base_url + "/",
        "sub": entity["uri"],
        "name": account.display_name or account.username,
        "preferred_username": account.username,
        "profile": entity["url"],
        "picture": entity["avatar"],
    }
