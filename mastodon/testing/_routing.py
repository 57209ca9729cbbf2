"""What a route handler is given and how it is declared.

Routes are declared next to their handlers (the modules of ``_routes``) with
:func:`route`; ``_wsgi`` collects them in one werkzeug map. A handler gets a
:class:`Ctx` (the state, the request's parameters, who is asking) and returns
data to send as JSON, a :class:`Paged` list (which adds the ``Link`` header) or
a ready :class:`~werkzeug.wrappers.Response`.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import socket
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from ._errors import ApiError
from ._paging import Bounds, Page
from ._records import Account, App, Status, Token

if TYPE_CHECKING:
    from ._hub import Hub
    from ._state import State

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


def json_response(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8")


# -- parameters --------------------------------------------------------------------------

_FALSE = {"0", "f", "false", "off", "no", "n"}


def _descend(node: Any, part: str, following: str | None) -> Any:
    """One step into Rails-style nested parameters: the child ``part`` of ``node``,
    made a list when the next part is ``[]`` and a dict otherwise."""
    if isinstance(node, list):
        if not node or not isinstance(node[-1], dict) or following in node[-1]:
            node.append({})
        return node[-1]
    child = node.get(part)
    wanted_list = following == ""
    if (wanted_list and not isinstance(child, list)) or (not wanted_list and not isinstance(child, (dict, list))):
        child = [] if wanted_list else {}
        node[part] = child
    return child


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
        for part, following in itertools.pairwise(parts):
            node = _descend(node, part, following)
        if isinstance(node, list):
            node.append(value)
        else:
            node[parts[-1]] = value
    return root


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


def bearer_token(authorization: str | None, access_token: str | None) -> str | None:
    """The token of a request: from ``Authorization: Bearer``, else the ``access_token`` parameter."""
    header = authorization or ""
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return access_token or None


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


def cut_connection(environ: Mapping[str, Any]) -> None:
    """Cut a request's connection without an answer (werkzeug's server exposes its socket)."""
    sock = environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Ctx:
    """One request as a handler sees it."""

    def __init__(self, state: State, hub: Hub, request: Request, params: dict[str, Any], token: Token | None) -> None:
        self.state = state
        self.hub = hub
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

    def status_page(self, page: Page[Status], context: str | None) -> Paged:
        """A page of statuses as the viewer sees them in a filter context."""
        return Paged(page, [self.state.render_status(s, self.viewer, context) for s in page])

    def account_page(self, page: Page[Account]) -> Paged:
        return Paged(page, [self.state.render_account(a) for a in page])

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
