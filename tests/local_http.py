"""Plain-HTTP helpers for the LocalInstance tests: no pytooter client involved, so
that these tests show the server speaks the API to any client."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from mastodon.testing import LocalInstance

ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


class Http:
    """A token and a base URL; every call returns the ``requests.Response``."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base = base
        self.token = token
        self.session = requests.Session()

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
        url = path if path.startswith("http") else self.base + path
        return self.session.request(method, url, headers=self.headers(headers), timeout=10, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        assert response.status_code == 200, (method, path, response.status_code, response.text)
        return response.json()


def register_app(base: str, scopes: str = "read write follow push", redirect: str = "urn:ietf:wg:oauth:2.0:oob") -> dict[str, Any]:
    response = requests.post(
        base + "/api/v1/apps", data={"client_name": "plain http", "redirect_uris": redirect, "scopes": scopes}, timeout=10
    )
    assert response.status_code == 200, response.text
    app: dict[str, Any] = response.json()
    return app


def sign_up(inst: LocalInstance, name: str, scopes: str = "read write follow push") -> Http:
    """Sign a user up the way a client does (app, app token, account), then log in
    with the password grant for a token with ``scopes``."""
    app = register_app(inst.url, "read write follow push profile")
    grant = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"], "scope": "write"}
    app_token = requests.post(inst.url + "/oauth/token", data=grant, timeout=10).json()["access_token"]
    email = f"{name}@example.test"
    created = requests.post(
        inst.url + "/api/v1/accounts",
        data={"username": name, "email": email, "password": "long enough password", "agreement": "true"},
        headers={"Authorization": f"Bearer {app_token}"},
        timeout=10,
    )
    assert created.status_code == 200, created.text
    login = {
        "grant_type": "password",
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "username": email,
        "password": "long enough password",
        "scope": scopes,
    }
    token = requests.post(inst.url + "/oauth/token", data=login, timeout=10)
    assert token.status_code == 200, token.text
    return Http(inst.url, token.json()["access_token"])


def read_sse(response: requests.Response, wanted: int, timeout: float = 10.0) -> list[tuple[str, str]]:
    """The next ``wanted`` events of a server-sent event stream, as (event, data).
    Fails after ``timeout`` seconds (heartbeats keep the reads themselves alive)."""
    events: list[tuple[str, str]] = []
    name = ""
    deadline = time.monotonic() + timeout
    for raw in response.iter_lines(decode_unicode=True):
        assert time.monotonic() < deadline, f"{len(events)} of {wanted} events in {timeout} s: {[event for event, _ in events]}"
        if raw.startswith("event: "):
            name = raw[7:]
        elif raw.startswith("data: "):
            events.append((name, raw[6:]))
            if len(events) == wanted:
                break
    return events


def links(response: requests.Response) -> dict[str, str]:
    return {rel: value["url"] for rel, value in response.links.items()}


# Fixtures shared by the LocalInstance test modules, which import them (pytest
# knows them by their ``name``). A module may set INSTANCE_OPTIONS to pass
# arguments to LocalInstance.


@pytest.fixture(name="inst")
def inst_fixture(request: pytest.FixtureRequest) -> Iterator[LocalInstance]:
    with LocalInstance(**getattr(request.module, "INSTANCE_OPTIONS", {})) as instance:
        yield instance


@pytest.fixture(name="alice")
def alice_fixture(inst: LocalInstance) -> Http:
    return sign_up(inst, "alice")


@pytest.fixture(name="bob")
def bob_fixture(inst: LocalInstance) -> Http:
    return sign_up(inst, "bob")
