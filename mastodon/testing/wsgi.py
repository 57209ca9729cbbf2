"""The WSGI application: routing, reading requests, auth, and shaping answers.

Routes are declared next to their handlers (``routes_*.py``) with :func:`route`
and collected in one werkzeug :class:`~werkzeug.routing.Map`. A handler gets a
:class:`Ctx` (the state, the request's parameters, who is asking) and returns
data to send as JSON, a :class:`Paged` list (which adds the ``Link`` header) or a
ready :class:`~werkzeug.wrappers.Response`.

Every answer, errors included, carries ``X-RateLimit-*`` headers; the
misbehaviour asked for through :class:`~mastodon.testing.LocalInstance`
(latency, failures, dropped connections, rate limits) is applied here.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import scopes as scope_rules
from .model import Account, ApiError, App, Token
from .ops_feeds import Bounds
from .store import Page, parse_id

if TYPE_CHECKING:
    from .faults import Faults
    from .state import State

log = logging.getLogger("mastodon.testing")

Handler = Callable[..., Any]


@dataclass(eq=False)
class RouteSpec:
    method: str
    path: str
    handler: Handler
    scope: str | None
    auth: str  # "user", "app" (any token), "optional", "none"


ROUTES: list[RouteSpec] = []


def route(method: str, path: str, scope: str | None = None, auth: str = "user") -> Callable[[Handler], Handler]:
    """Declare a handler for ``method path`` needing ``scope``.

    ``auth``: ``"user"`` needs a user token, ``"app"`` any valid token,
    ``"optional"`` reads a token when one is sent, ``"none"`` ignores tokens.
    """

    def register(handler: Handler) -> Handler:
        ROUTES.append(RouteSpec(method, path, handler, scope, auth))
        return handler

    return register


@dataclass
class Paged:
    """A page of entities; the ``Link`` header is built from ``page``'s ids."""

    page: Page[Any]
    body: Any


class Reply(Response):
    """A non-JSON or non-200 answer a handler builds itself."""


def json_response(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8")


# -- parameters --------------------------------------------------------------------------

_FALSE = {"0", "f", "false", "off", "no", "n"}


def nest(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Rails-style nested parameters: ``poll[options][]=a`` becomes
    ``{"poll": {"options": ["a"]}}``, ``items[][a]=1&items[][b]=2`` one dict.

    Hand-written: no well-kept package parses Rails' parameter convention, and
    clients of Mastodon send it in query strings and form bodies alike.
    """
    root: dict[str, Any] = {}
    for key, value in pairs:
        name = key.split("[", 1)[0]
        parts = [name, *re.findall(r"\[([^\]]*)\]", key[len(name) :])]
        node: Any = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            following = None if last else parts[index + 1]
            if isinstance(node, list):
                if last:
                    node.append(value)
                    break
                if not node or not isinstance(node[-1], dict) or following in node[-1]:
                    node.append({})
                node = node[-1]
                continue
            if last:
                node[part] = value
            else:
                child = node.get(part)
                wanted_list = following == ""
                if (wanted_list and not isinstance(child, list)) or (not wanted_list and not isinstance(child, (dict, list))):
                    child = [] if wanted_list else {}
                    node[part] = child
                node = child
    return root


class Ctx:
    """One request as a handler sees it."""

    def __init__(self, state: State, request: Request, params: dict[str, Any], token: Token | None) -> None:
        self.state = state
        self.request = request
        self.params = params
        self.token = token
        self.viewer: Account | None = state.accounts.get(token.account_id) if token is not None and token.account_id else None

    @property
    def user(self) -> Account:
        if self.viewer is None:
            raise ApiError(422, "This method requires an authenticated user")
        return self.viewer

    @property
    def app(self) -> App | None:
        return self.token.app if self.token is not None else None

    # -- reading values ------------------------------------------------------------------

    def raw(self, name: str) -> Any:
        return self.params.get(name)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name)
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            raise ApiError(422, f"Validation failed: {name} must be a string")
        return str(value)

    def flag(self, name: str, default: bool | None = None) -> bool | None:
        return to_bool(self.params.get(name), default)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.params.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool) or not re.fullmatch(r"-?\d+", str(value)):
            raise ApiError(422, f"Validation failed: {name} is not a number")
        return int(value)

    def strings(self, name: str) -> list[str]:
        value = self.params.get(name)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value[k] for k in sorted(value, key=lambda k: int(k) if str(k).isdigit() else 0)]
        if not isinstance(value, list):
            value = [value]
        return [str(v) for v in value if not isinstance(v, (dict, list))]

    def bounds(self, default: int = 20, maximum: int = 40) -> Bounds:
        """``max_id``/``since_id``/``min_id``/``limit``, as Mastodon reads them: an
        over-large limit is cut to the maximum, ids that are not numbers match nothing."""
        return Bounds(
            _bound_id(self.params.get("max_id")),
            _bound_id(self.params.get("since_id")),
            _bound_id(self.params.get("min_id")),
            limit_value(self.params.get("limit"), default, maximum),
        )


def to_bool(value: Any, default: bool | None = None) -> bool | None:
    """ActiveModel's boolean reading: blank is "not given", a few words are false."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in _FALSE


def limit_value(value: Any, default: int, maximum: int) -> int:
    if value is None or value == "":
        return default
    digits = re.match(r"\s*-?(\d+)", str(value))
    return min(int(digits.group(1)) if digits else 0, maximum)


def _bound_id(value: Any) -> int | None:
    if value is None or value == "":
        return None
    text = str(value)
    return int(text) if text.isdigit() and len(text) <= 20 else 0


def lookup_id(value: Any) -> int:
    return parse_id(value)


# -- the application ---------------------------------------------------------------------

_MAPS: list[Map] = []


def url_map() -> Map:
    """The routing table, built once per process (every instance shares it)."""
    if not _MAPS:
        from . import routes_accounts, routes_misc, routes_oauth, routes_statuses, routes_timelines  # noqa: F401  (they register)

        rules = [Rule(spec.path, methods=[spec.method], endpoint=spec) for spec in ROUTES]
        _MAPS.append(Map(rules, strict_slashes=False, merge_slashes=False))
    return _MAPS[0]


class Application:
    """The WSGI callable serving one instance's state."""

    def __init__(self, state: State, faults: Faults) -> None:
        self.state = state
        self.faults = faults
        self.map = url_map()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = self.respond(request)
        finally:
            request.close()  # uploaded files are spooled to temporary files: close them now
        return response(environ, start_response)

    def respond(self, request: Request) -> Response:
        decision = self.faults.before(request.path)
        if decision.drop:
            _drop(request)
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
        header = request.headers.get("Authorization", "")
        value = header[7:].strip() if header[:7].lower() == "bearer " else None
        if value is None:
            value = request.args.get("access_token") or None
        if not value:
            return None
        with self.state.lock:
            token = self.state.tokens.get(value)
        if token is None:
            raise ApiError(401, "The access token is invalid")
        if token.revoked:
            raise ApiError(401, "The access token was revoked")
        return token

    def dispatch(self, request: Request, holder: list[Token]) -> Response:
        adapter = self.map.bind_to_environ(request.environ)
        try:
            spec, args = adapter.match()
        except HTTPException:
            raise ApiError(404, "The page you are looking for isn't here.") from None
        assert isinstance(spec, RouteSpec)
        token = None if spec.auth == "none" else self.authenticate(request)
        if token is not None:
            holder.append(token)
        elif spec.auth in ("user", "app"):
            raise ApiError(401, "The access token is invalid")
        if token is not None and spec.scope is not None and not scope_rules.covers(token.scopes, spec.scope):
            if not (spec.scope == "read:accounts" and "profile" in token.scopes and spec.path.endswith("verify_credentials")):
                raise ApiError(403, "This action is outside the authorized scopes")
        params = read_params(request)
        with self.state.lock:
            self.state.run_due()
            ctx = Ctx(self.state, request, params, token)
            if spec.auth == "user" and ctx.viewer is None:
                raise ApiError(422, "This method requires an authenticated user")
            try:
                result = spec.handler(ctx, **args)
            except ApiError:
                raise
            except Exception as exc:  # a bug in the server: answer 500 and say so in the log
                log.exception("LocalInstance: %s %s failed", request.method, request.path)
                raise ApiError(500, f"Internal server error: {type(exc).__name__}") from exc
        if isinstance(result, Response):
            return result
        if isinstance(result, Paged):
            response = json_response(result.body)
            link = link_header(self.state.base_url, request, result.page)
            if link:
                response.headers["Link"] = link
            return response
        return json_response(result)


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


def basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("Authorization", "")
    if header[:6].lower() != "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip()).decode()
    except ValueError:
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _drop(request: Request) -> None:
    """Cut the connection without an answer (werkzeug's server exposes its socket)."""
    sock = request.environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
