"""A client that is not pytooter runs a whole user story against ``python -m mastodon serve``.

The server runs in a subprocess, as it would for a client written in another
language; the story speaks plain HTTP with ``requests``, reads the SSE stream
line by line and the WebSocket stream with ``websockets``, and reads nothing but
the env file and what the server answers. The ``mastodon`` client is never used.
The client behaves as a web client on another origin would: it names its origin,
asks (a preflight) before a request a browser would ask about, and reads only
answers and headers the server lets the page read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

from .helpers import read_env_file, start_serve, stop_serve
from .local_http import ISO_DATE, Http, links, read_sse

ORIGIN = {"Origin": "http://localhost:5173"}  # the web client's page
REDIRECT = "http://127.0.0.1:9/callback"  # never visited: the client reads the code from the redirect
SCOPES = "read write follow"
# A PNG header is all the instance reads of an image (its size); the rest is padding.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x04\x00\x00\x00\x04\x08\x02\x00\x00\x00" + b"\x00" * 40


class WebClient(Http):
    """Plain HTTP with a token, from a page of another origin: every answer must be
    one the page may read."""

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return super().headers(ORIGIN | (extra or {}))

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
        return _readable(super().request(method, path, headers=headers, **kwargs))


def _readable(answer: requests.Response) -> requests.Response:
    """The answer, after checking that a browser would let the page read it."""
    assert answer.headers.get("Access-Control-Allow-Origin") == "*", (answer.request.method, answer.url)
    return answer


def _may_send(base: str, method: str, path: str, headers: str) -> None:
    """The preflight a browser sends before a request with ``headers`` (or a JSON body)."""
    asked = {"Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}
    answer = _readable(requests.options(base + path, headers=ORIGIN | asked, timeout=10))
    assert answer.status_code == 200 and method in answer.headers["Access-Control-Allow-Methods"].split(", ")
    assert answer.headers["Access-Control-Allow-Headers"] == headers


@dataclass
class Served:
    """The running ``serve`` process and what its env file says."""

    process: subprocess.Popen[str]
    env: dict[str, str]

    @property
    def base(self) -> str:
        return self.env["BASE_URL"]


@pytest.fixture
def served(tmp_path: pathlib.Path) -> Iterator[Served]:
    env_file = tmp_path / "local.env"
    process, _ = start_serve("--users", "alice,bob", "--env-file", str(env_file))
    try:
        yield Served(process, read_env_file(env_file))
    finally:
        if process.poll() is None:
            stop_serve(process)


class _FormReader(HTMLParser):
    """The first form of a page: where it posts to and its hidden fields."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.method = ""
        self.fields: dict[str, str] = {}
        self.inputs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and self.action is None:
            self.action, self.method = values.get("action", ""), values.get("method", "get").lower()
        elif tag == "input" and "name" in values:
            self.inputs.append(values["name"])
            if values.get("type") == "hidden":
                self.fields[values["name"]] = values.get("value", "")


def _iso(value: Any) -> bool:
    return isinstance(value, str) and ISO_DATE.match(value) is not None


def _register_app(base: str) -> dict[str, Any]:
    form = {"client_name": "a foreign client", "redirect_uris": REDIRECT, "scopes": SCOPES, "website": "https://client.example"}
    answer = _readable(requests.post(base + "/api/v1/apps", data=form, headers=ORIGIN, timeout=10))
    assert answer.status_code == 200, answer.text
    app: dict[str, Any] = answer.json()
    assert app["name"] == "a foreign client" and app["scopes"] == SCOPES.split() and app["redirect_uris"] == [REDIRECT]
    assert isinstance(app["client_id"], str) and isinstance(app["client_secret"], str) and isinstance(app["id"], str)
    return app


def _password_login(base: str, app: dict[str, Any], email: str, password: str) -> str:
    form = {"grant_type": "password", "username": email, "password": password, "scope": SCOPES}
    answer = _readable(requests.post(base + "/oauth/token", data=form | _client(app), headers=ORIGIN, timeout=10))
    assert answer.status_code == 200, answer.text
    token = answer.json()
    assert token["token_type"] == "Bearer" and token["scope"] == SCOPES and isinstance(token["created_at"], int)
    access_token: str = token["access_token"]
    return access_token


def _code_login(base: str, app: dict[str, Any], email: str, password: str) -> str:
    """The authorization code grant with PKCE (S256), through the instance's form."""
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(8)
    query = {
        "response_type": "code",
        "client_id": app["client_id"],
        "redirect_uri": REDIRECT,
        "scope": SCOPES,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    page = requests.get(base + "/oauth/authorize", params=query, timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    form = _FormReader()
    form.feed(page.text)
    assert form.action and form.method == "post" and {"email", "password"} <= set(form.inputs)
    assert form.fields["code_challenge"] == challenge and form.fields["state"] == state
    answer = requests.post(
        urljoin(page.url, form.action), data=form.fields | {"email": email, "password": password}, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    returned = parse_qs(location.query)
    assert returned["state"] == [state]
    exchange = {"grant_type": "authorization_code", "code": returned["code"][0], "redirect_uri": REDIRECT, "code_verifier": verifier}
    token = _readable(requests.post(base + "/oauth/token", data=exchange | _client(app), headers=ORIGIN, timeout=10))
    assert token.status_code == 200, token.text
    assert token.json()["scope"] == SCOPES
    access_token: str = token.json()["access_token"]
    return access_token


def _client(app: dict[str, Any]) -> dict[str, str]:
    return {"client_id": app["client_id"], "client_secret": app["client_secret"]}


def _check_account(account: dict[str, Any], account_id: str, username: str) -> None:
    assert account["id"] == account_id and account["username"] == username and account["acct"] == username
    assert _iso(account["created_at"])


def _check_status(status: dict[str, Any], author_id: str) -> None:
    assert isinstance(status["id"], str) and status["id"].isdigit()
    assert _iso(status["created_at"]) and status["account"]["id"] == author_id


def _streaming_urls(base: str) -> tuple[str, str]:
    """Where the streams are, as a client learns it: the WebSocket base from
    ``/api/v2/instance`` (or ``urls.streaming_api`` of v1), and the same host over
    HTTP for server-sent events."""
    v2 = _readable(requests.get(base + "/api/v2/instance", headers=ORIGIN, timeout=10)).json()
    v1 = _readable(requests.get(base + "/api/v1/instance", headers=ORIGIN, timeout=10)).json()
    websocket = v2["configuration"]["urls"]["streaming"]
    assert websocket == v1["urls"]["streaming_api"] and websocket.startswith("ws://")
    return websocket, "http://" + websocket.removeprefix("ws://")


def _page_by_page(client: Http, path: str, limit: int) -> tuple[list[str], int]:
    """Every id of a timeline, following ``Link: rel="next"`` as given; and how many pages."""
    ids: list[str] = []
    url, pages = client.base + f"{path}?limit={limit}", 0
    while url:
        answer = client.get(url)
        assert answer.status_code == 200 and "Link" in answer.headers["Access-Control-Expose-Headers"].split(", ")
        page = [status["id"] for status in answer.json()]
        if not page:
            assert "Link" not in answer.headers
            break
        pages += 1
        ids += page
        given = links(answer)
        assert parse_qs(urlsplit(given["prev"]).query) == {"limit": [str(limit)], "min_id": [page[0]]}
        url = given.get("next", "")
        if url:
            assert url.startswith(client.base + path) and parse_qs(urlsplit(url).query) == {"limit": [str(limit)], "max_id": [page[-1]]}
        else:
            assert len(page) < limit  # only a short page ends the walk
    return ids, pages


def _websocket_events(ws: ClientConnection, wanted: int) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    while len(events) < wanted:
        message = json.loads(ws.recv(timeout=10))
        assert message["stream"] == ["user"]
        events.append((message["event"], json.loads(message["payload"])))
    return events


def _interact(alice: Http, bob: Http, env: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alice posts; Bob follows her, replies, favourites and boosts. The post and the reply."""
    _may_send(alice.base, "POST", "/api/v1/statuses", "authorization,idempotency-key")
    first = alice.ok("POST", "/api/v1/statuses", data={"status": "Hello from a foreign client"}, headers={"Idempotency-Key": "first"})
    _check_status(first, env["ALICE_ID"])
    assert first["content"] == "<p>Hello from a foreign client</p>" and first["visibility"] == "public"
    relationship = bob.ok("POST", f"/api/v1/accounts/{env['ALICE_ID']}/follow")
    assert relationship["id"] == env["ALICE_ID"] and relationship["following"] is True
    reply = bob.ok("POST", "/api/v1/statuses", data={"status": "@alice Welcome!", "in_reply_to_id": first["id"]})
    _check_status(reply, env["BOB_ID"])
    assert reply["in_reply_to_id"] == first["id"] and reply["in_reply_to_account_id"] == env["ALICE_ID"]
    assert [mention["id"] for mention in reply["mentions"]] == [env["ALICE_ID"]]
    favourited = bob.ok("POST", f"/api/v1/statuses/{first['id']}/favourite")
    assert favourited["favourited"] is True and favourited["favourites_count"] == 1
    boost = bob.ok("POST", f"/api/v1/statuses/{first['id']}/reblog")
    assert boost["reblog"]["id"] == first["id"] and boost["reblog"]["reblogs_count"] == 1 and boost["id"] != first["id"]
    counted = alice.ok("GET", f"/api/v1/statuses/{first['id']}")
    assert (counted["replies_count"], counted["favourites_count"], counted["reblogs_count"]) == (1, 1, 1)
    return first, reply


def _read_home(alice: Http, bob: Http, first: dict[str, Any], reply: dict[str, Any]) -> list[str]:
    """Alice posts ten more; Bob's home timeline, page by page, is what one big page
    says, with all of them. The ids of the ten."""
    posted = [alice.ok("POST", "/api/v1/statuses", data={"status": f"note {number}"})["id"] for number in range(10)]
    walked, pages = _page_by_page(bob, "/api/v1/timelines/home", 4)
    assert walked == [status["id"] for status in bob.ok("GET", "/api/v1/timelines/home", params={"limit": 40})]
    assert len(walked) == len(set(walked)) and pages == -(-len(walked) // 4)
    assert walked == sorted(walked, key=int, reverse=True) and set(posted) | {first["id"], reply["id"]} <= set(walked)
    return posted


def _upload(alice: Http) -> tuple[dict[str, Any], dict[str, Any]]:
    """An image through v2 (accepted at once, processed a moment later), then a
    status with it. The media and the status."""
    upload = alice.post("/api/v2/media", files={"file": ("pixels.png", PNG, "image/png")}, data={"description": "four by four"})
    assert upload.status_code == 202 and upload.json()["url"] is None and isinstance(upload.json()["id"], str)
    media, deadline = upload.json(), time.monotonic() + 10
    while media["url"] is None:
        assert time.monotonic() < deadline, "the upload was never processed"
        time.sleep(0.02)
        answer = alice.get(f"/api/v1/media/{media['id']}")
        assert answer.status_code in (200, 206)
        media = answer.json()
    assert media["type"] == "image" and media["description"] == "four by four" and media["meta"]["original"]["size"] == "4x4"
    assert requests.get(media["url"], timeout=10).content == PNG
    pictured = alice.ok("POST", "/api/v1/statuses", data={"status": "Pixels", "media_ids[]": media["id"]})
    assert [attached["id"] for attached in pictured["media_attachments"]] == [media["id"]]
    return media, pictured


def _poll(alice: Http, bob: Http) -> dict[str, Any]:
    """Alice asks in a poll, Bob votes. Her status."""
    form = [("status", "Tea or coffee?"), ("poll[options][]", "tea"), ("poll[options][]", "coffee"), ("poll[expires_in]", "3600")]
    asking: dict[str, Any] = alice.ok("POST", "/api/v1/statuses", data=form)
    poll = asking["poll"]
    assert isinstance(poll["id"], str) and _iso(poll["expires_at"]) and poll["expired"] is False
    voted = bob.ok("POST", f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "0"})
    assert voted["id"] == poll["id"] and voted["voted"] is True and voted["own_votes"] == [0] and voted["votes_count"] == 1
    assert [option["votes_count"] for option in voted["options"]] == [1, 0]
    return asking


def _read_notifications(alice: Http, env: dict[str, str], first: dict[str, Any], reply: dict[str, Any]) -> None:
    """Alice's notifications, one by one (v1) and grouped (v2)."""
    notifications = alice.ok("GET", "/api/v1/notifications")
    assert [note["type"] for note in notifications] == ["reblog", "favourite", "mention", "follow"]
    for note in notifications:
        assert isinstance(note["id"], str) and _iso(note["created_at"]) and note["account"]["id"] == env["BOB_ID"]
    assert [note["status"]["id"] for note in notifications[:3]] == [first["id"], first["id"], reply["id"]]
    grouped = alice.ok("GET", "/api/v2/notifications")
    groups = grouped["notification_groups"]
    assert [(group["type"], group["notifications_count"]) for group in groups] == [
        ("reblog", 1),
        ("favourite", 1),
        ("mention", 1),
        ("follow", 1),
    ]
    for group in groups:
        assert group["sample_account_ids"] == [env["BOB_ID"]] and _iso(group["latest_page_notification_at"])
    assert [account["id"] for account in grouped["accounts"]] == [env["BOB_ID"]]
    assert {status["id"] for status in grouped["statuses"]} == {first["id"], reply["id"]}


def _check_events(events: list[tuple[str, dict[str, Any]]], expected: list[tuple[str, str]], bob_id: str) -> None:
    """A stream's events: updates named by status id, notifications by type."""
    assert [(name, payload["id"] if name == "update" else payload["type"]) for name, payload in events] == expected
    for name, payload in events:
        assert isinstance(payload["id"], str) and _iso(payload["created_at"])
        if name == "notification":
            assert payload["account"]["id"] == bob_id


def test_a_client_in_another_language_runs_a_whole_story(served: Served) -> None:
    base, env = served.base, served.env
    app = _register_app(base)
    alice = WebClient(base, _password_login(base, app, env["ALICE_EMAIL"], env["ALICE_PASSWORD"]))
    bob = WebClient(base, _code_login(base, app, env["BOB_EMAIL"], env["BOB_PASSWORD"]))
    _check_account(alice.ok("GET", "/api/v1/accounts/verify_credentials"), env["ALICE_ID"], "alice")
    _check_account(bob.ok("GET", "/api/v1/accounts/verify_credentials"), env["BOB_ID"], "bob")

    # Alice listens on both transports before anything happens to her. As in a browser,
    # neither EventSource nor WebSocket can send headers: the token goes in the query
    # string and in the WebSocket subprotocol.
    websocket_base, sse_base = _streaming_urls(base)
    assert sse_base == env["STREAMING_URL"] and alice.token is not None
    sse = _readable(
        requests.get(sse_base + "/api/v1/streaming/user", params={"access_token": alice.token}, headers=ORIGIN, stream=True, timeout=10)
    )
    assert sse.status_code == 200 and sse.headers["Content-Type"].startswith("text/event-stream")
    with connect(
        websocket_base + "/api/v1/streaming?stream=user", subprotocols=[Subprotocol(alice.token)], origin=Origin(ORIGIN["Origin"])
    ) as ws:
        first, reply = _interact(alice, bob, env)
        posted = _read_home(alice, bob, first, reply)
        media, pictured = _upload(alice)
        asking = _poll(alice, bob)
        _read_notifications(alice, env, first, reply)

        # The streams carried Alice's own statuses as updates and Bob's doings as notifications.
        expected = [("update", first["id"])] + [("notification", kind) for kind in ("follow", "mention", "favourite", "reblog")]
        expected += [("update", status_id) for status_id in [*posted, pictured["id"], asking["id"]]]
        for events in ([(name, json.loads(data)) for name, data in read_sse(sse, len(expected))], _websocket_events(ws, len(expected))):
            _check_events(events, expected, env["BOB_ID"])
            assert events[-2][1]["media_attachments"][0]["id"] == media["id"] and events[-1][1]["poll"]["id"] == asking["poll"]["id"]

        # Ctrl-C: the server ends both streams cleanly and exits with status 0.
        out, err = stop_serve(served.process)
        assert served.process.returncode == 0, err
        assert "stopping" in out and "Traceback" not in err
        assert [line for line in sse.iter_lines() if not line.startswith(b":")] == []  # ended without an error; heartbeats aside
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001  # "going away"
