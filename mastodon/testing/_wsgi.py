"""The WSGI application: routing, reading requests, auth, and shaping answers.

Every answer, errors included, carries ``X-RateLimit-*`` headers; the
misbehaviour asked for through :class:`~mastodon.testing.LocalInstance`
(latency, failures, dropped connections, rate limits) is applied here. Web
clients' cross-origin requests are answered as Mastodon answers them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import _scopes
from ._errors import ApiError
from ._paging import Page
from ._records import Token
from ._routes import ROUTES
from ._routing import Ctx, Paged, RouteSpec, bearer_token, cut_connection, json_response, nest

if TYPE_CHECKING:
    from ._faults import Faults
    from ._hub import Hub
    from ._state import State

log = logging.getLogger("mastodon.testing")

_MAPS: list[Map] = []

# Cross-origin requests from web clients, allowed where and as Mastodon's Rack::Cors set-up
# allows them: any origin, no credentials, these paths (a prefix when it ends with "/") and
# methods; scripts may read the paging and rate-limit headers of API answers.
_CORS_RULES = (("/api/", "POST, PUT, DELETE, GET, PATCH, OPTIONS"), ("/oauth/token", "POST"), ("/.well-known/", "GET"))
_CORS_EXPOSED = "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id"
_CORS_MAX_AGE = "7200"


def url_map() -> Map:
    """The routing table of every route ``_routes`` declares, built once per process."""
    if not _MAPS:
        rules = [Rule(spec.path, methods=[spec.method], endpoint=spec) for spec in ROUTES]
        _MAPS.append(Map(rules, strict_slashes=False, merge_slashes=False))
    return _MAPS[0]


class Application:
    """The WSGI callable serving one instance's state."""

    def __init__(self, state: State, hub: Hub, faults: Faults) -> None:
        self.state = state
        self.hub = hub
        self.faults = faults
        self.map = url_map()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        # Preflights are answered first, as by Mastodon's outermost middleware: no rate
        # limit, no misbehaviour.
        response = cors_preflight(request)
        if response is None:
            try:
                response = self.respond(request)
            finally:
                request.close()  # uploaded files are spooled to temporary files: close them now
            add_cors_headers(request, response)
        return response(environ, start_response)

    def respond(self, request: Request) -> Response:
        decision = self.faults.before(request.path)
        if decision.drop:
            cut_connection(request.environ)
            return Response(b"", status=500)
        if decision.fail is not None:
            return decision.fail
        holder: list[Token] = []
        try:
            response = self.dispatch(request, holder)
        except ApiError as error:
            response = error_response(error)
        token = holder[0] if holder else None
        key = f"account:{token.account_id}" if token is not None and token.account_id else f"ip:{request.remote_addr}"
        return self.faults.rate_limited(key, response)

    def authenticate(self, request: Request) -> Token | None:
        value = bearer_token(request.headers.get("Authorization"), request.args.get("access_token"))
        if value is None:
            return None
        with self.state.lock:
            token = self.state.tokens.get(value)
        if token is None:
            raise ApiError(401, "The access token is invalid")
        if token.revoked:
            raise ApiError(401, "The access token was revoked")
        return token

    def dispatch(self, request: Request, holder: list[Token]) -> Response:
        """Serve a request; ``holder`` receives its token, for the rate limit."""
        spec, args = self._match(request)
        token = self._authorize(spec, request)
        if token is not None:
            holder.append(token)
        params = read_params(request)
        with self.state.lock:
            self.state.run_due()
            ctx = Ctx(self.state, self.hub, request, params, token)
            if spec.auth == "user" and ctx.viewer is None:
                raise ApiError(422, "This method requires an authenticated user")
            result = self._run(spec, ctx, args)
        if isinstance(result, Response):
            return result
        if isinstance(result, Paged):
            response = json_response(result.body)
            link = link_header(self.state.base_url, request, result.page)
            if link:
                response.headers["Link"] = link
            return response
        return json_response(result)

    def _match(self, request: Request) -> tuple[RouteSpec, Mapping[str, Any]]:
        adapter = self.map.bind_to_environ(request.environ)
        try:
            spec, args = adapter.match()
        except HTTPException:
            raise ApiError(404, "The page you are looking for isn't here.") from None
        assert isinstance(spec, RouteSpec)
        return spec, args

    def _authorize(self, spec: RouteSpec, request: Request) -> Token | None:
        """The request's token, checked against what the route needs."""
        token = None if spec.auth == "none" else self.authenticate(request)
        if token is None:
            if spec.auth in ("user", "app"):
                raise ApiError(401, "The access token is invalid")
            return None
        if spec.scope is not None and not _scopes.covers(token.scopes, spec.scope):
            # Mastodon lets a token with only the "profile" scope verify its credentials.
            if not (spec.scope == "read:accounts" and "profile" in token.scopes and spec.path.endswith("verify_credentials")):
                raise ApiError(403, "This action is outside the authorized scopes")
        return token

    @staticmethod
    def _run(spec: RouteSpec, ctx: Ctx, args: Mapping[str, Any]) -> Any:
        try:
            return spec.handler(ctx, **args)
        except ApiError:
            raise
        except Exception as exc:  # a bug in the server: answer 500 and say so in the log
            log.exception("LocalInstance: %s %s failed", ctx.request.method, ctx.request.path)
            raise ApiError(500, f"Internal server error: {type(exc).__name__}") from exc


def _cors_methods(request: Request, method: str) -> str | None:
    """The methods a cross-origin request to this path may use, if ``method`` is one of them."""
    if "Origin" not in request.headers:
        return None
    for path, methods in _CORS_RULES:
        matches = request.path.startswith(path) if path.endswith("/") else request.path == path
        if matches:
            return methods if method.upper() in methods.split(", ") else None
    return None


def cors_preflight(request: Request) -> Response | None:
    """The answer to a browser's preflight (``OPTIONS``) for a request it may make, or None."""
    wanted = request.headers.get("Access-Control-Request-Method")
    methods = _cors_methods(request, wanted) if request.method == "OPTIONS" and wanted else None
    if methods is None:
        return None
    response = Response(b"", content_type="text/plain")
    _allow(response, methods)
    asked = request.headers.get("Access-Control-Request-Headers")
    if asked:
        response.headers["Access-Control-Allow-Headers"] = asked  # any header may be sent
    return response


def add_cors_headers(request: Request, response: Response) -> None:
    """Let the page that sent a cross-origin request read the answer (errors too)."""
    methods = _cors_methods(request, request.method)
    if methods is not None:
        _allow(response, methods)
        if request.path.startswith("/api/"):
            response.headers["Access-Control-Expose-Headers"] = _CORS_EXPOSED


def _allow(response: Response, methods: str) -> None:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = methods
    response.headers["Access-Control-Max-Age"] = _CORS_MAX_AGE


def read_params(request: Request) -> dict[str, Any]:
    pairs: list[tuple[str, Any]] = list(request.args.items(multi=True))
    body: dict[str, Any] = {}
    if request.mimetype == "application/json":
        data = request.get_data()
        if data.strip():
            try:
                decoded = json.loads(data)
            except ValueError:
                raise ApiError(400, "Error occurred while parsing request parameters") from None
            if not isinstance(decoded, dict):
                raise ApiError(400, "Error occurred while parsing request parameters")
            body = decoded
    else:
        pairs.extend(request.form.items(multi=True))
    params = nest(pairs)
    params.update(body)
    return params


def error_response(error: ApiError) -> Response:
    body: dict[str, Any] = {"error": error.message}
    body.update({k: v for k, v in error.extra.items() if v is not None})
    response = json_response(body, error.status)
    if error.status == 401 and "error_description" not in error.extra:
        response.headers["WWW-Authenticate"] = 'Bearer realm="Doorkeeper", error="invalid_token"'
    return response


def link_header(base: str, request: Request, page: Page[Any]) -> str | None:
    """``<...?max_id=N>; rel="next", <...?min_id=M>; rel="prev"`` as Mastodon sends it:
    next only after a full page, neither for an empty one. Other query parameters
    (limit, filters) are kept."""
    if page.first_id is None or page.last_id is None:
        return None
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("max_id", "min_id", "since_id", "access_token")]
    url = base + request.path

    def with_bound(name: str, value: int) -> str:
        return url + "?" + urlencode([*kept, (name, str(value))])

    links = []
    if page.full:
        links.append(f'<{with_bound("max_id", page.last_id)}>; rel="next"')
    links.append(f'<{with_bound("min_id", page.first_id)}>; rel="prev"')
    return ", ".join(links)
