"""Streaming over WebSocket, served by the ``websockets`` package.

One connection can subscribe to several streams, with the query string of the
upgrade request (``/api/v1/streaming?stream=user``) or later with JSON messages
(``{"type": "subscribe", "stream": "hashtag", "tag": "cats"}``). Events go out as
``{"stream": ["hashtag", "cats"], "event": "update", "payload": "<JSON text>"}``,
as Mastodon sends them. The token may come in the ``Authorization`` header, the
``access_token`` query parameter or the ``Sec-WebSocket-Protocol`` header.
"""

from __future__ import annotations

import json
import socket
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from ._errors import ApiError
from ._hub import Closing, Connection, Hub, open_subscription
from ._records import Token
from ._routing import bearer_token

if TYPE_CHECKING:
    from websockets.http11 import Request, Response

    from ._state import State


def _token_value(request: Request) -> str | None:
    """The token: as for HTTP requests, or else in ``Sec-WebSocket-Protocol`` (browsers cannot set headers)."""
    query = parse_qs(urlsplit(request.path).query)
    value = bearer_token(request.headers.get("Authorization"), query.get("access_token", [None])[0])
    if value is not None:
        return value
    protocol = request.headers.get("Sec-WebSocket-Protocol")
    return protocol.strip() if protocol else None


class _Endpoint:
    """``/api/v1/streaming`` over WebSocket for one instance: the upgrade check,
    then each connection's subscriptions and events."""

    def __init__(self, state: State, hub: Hub) -> None:
        self.state = state
        self.hub = hub

    def token(self, request: Request) -> Token | None:
        value = _token_value(request)
        if value is None:
            return None
        with self.state.lock:
            token = self.state.tokens.get(value)
        if token is None or token.revoked:
            raise ApiError(401, "Invalid access token")
        return token

    def check(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuse the upgrade (with a JSON error) when the token is not valid."""
        try:
            self.token(request)
        except ApiError as error:
            return connection.respond(error.status, json.dumps({"error": error.message}))
        return None

    @staticmethod
    def select_subprotocol(connection: ServerConnection, offered: Any) -> Any:
        return offered[0] if offered else None

    def serve(self, ws: ServerConnection) -> None:
        """Serve one connection until it ends: read its messages, send its events."""
        assert ws.request is not None
        token = self.token(ws.request)
        with self.state.lock:
            account = self.state.accounts.get(token.account_id) if token is not None and token.account_id else None
        connection = Connection(account)
        query = {k: v[0] for k, v in parse_qs(urlsplit(ws.request.path).query).items()}
        if query.get("stream"):
            self.subscribe(ws, connection, query)
        self.hub.add(connection)
        pump = threading.Thread(target=_pump, args=(ws, connection), name="local-instance-ws-pump", daemon=True)
        pump.start()
        try:
            for message in ws:
                self.handle_message(ws, connection, message)
        except ConnectionClosed:
            pass
        finally:
            self.hub.remove(connection)
            connection.push(Closing(drop=False))
            pump.join(timeout=5)

    def subscribe(self, ws: ServerConnection, connection: Connection, params: dict[str, Any]) -> None:
        try:
            with self.state.lock:
                sub = open_subscription(self.state, connection.account, str(params.get("stream")), params.get("tag"), params.get("list"))
                if not any(existing.same(sub) for existing in connection.subscriptions):
                    connection.subscriptions.append(sub)
        except ApiError as error:
            _send_error(ws, error)

    def handle_message(self, ws: ServerConnection, connection: Connection, message: str | bytes) -> None:
        try:
            request = json.loads(message)
        except ValueError:
            _send_error(ws, ApiError(400, "Could not parse the message as JSON"))
            return
        if not isinstance(request, dict) or request.get("type") not in ("subscribe", "unsubscribe"):
            _send_error(ws, ApiError(400, "Unknown message type; use subscribe or unsubscribe"))
            return
        if request["type"] == "subscribe":
            self.subscribe(ws, connection, request)
            return
        with self.state.lock:
            name = str(request.get("stream"))
            tag = str(request.get("tag", "")).lstrip("#").lower() or None
            list_id = str(request.get("list", "")) or None
            connection.subscriptions = [
                s
                for s in connection.subscriptions
                if not (s.name == name and (s.tag == tag) and (str(s.list_id) if s.list_id else None) == list_id)
            ]


def make_server(state: State, hub: Hub, listening: socket.socket) -> Server:
    """A websockets server whose ``handler(sock, addr)`` serves one accepted
    connection; the instance's own accept loop hands the connections over."""
    endpoint = _Endpoint(state, hub)
    return serve(
        endpoint.serve, sock=listening, process_request=endpoint.check, select_subprotocol=endpoint.select_subprotocol, ping_interval=None
    )


def _send_error(ws: ServerConnection, error: ApiError) -> None:
    try:
        ws.send(json.dumps({"error": error.message, "status": error.status}))
    except ConnectionClosed:
        pass


def _pump(ws: ServerConnection, connection: Connection) -> None:
    """Send queued events until the connection ends (or is dropped on purpose)."""
    while True:
        item = connection.queue.get()
        if isinstance(item, Closing):
            if item.drop:
                try:
                    ws.socket.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            else:
                ws.close(1001)
            return
        label, event, payload = item
        message: dict[str, Any] = {"stream": label, "event": event}
        if payload is not None:
            message["payload"] = payload
        try:
            ws.send(json.dumps(message))
        except ConnectionClosed:
            return
