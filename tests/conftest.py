"""Shared test fixtures: a real HTTP server on 127.0.0.1 and a client pointed at it.

Helpers that tests import (``make_api``, ``FakeClock``, ``Recorded``, ``TOKEN``)
live in ``tests/helpers.py``; this file only defines fixtures.

Endpoint tests say what request they expect and what to answer::

    def test_status(api, expect):
        call = expect("GET", "/api/v1/statuses/1", response=data.status(id="1"))
        result = api.status(1)
        assert call.query == []
        assert result.id == 1

``expect`` registers a one-shot handler on the local server and returns a
:class:`Recorded` that fills in with what the client actually sent. After each
test the fixture checks that every expected request arrived and nothing else did,
so a test that sends nothing (bad input) fails if anything reaches the server.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from mastodon import Mastodon
from tests.helpers import TOKEN, FakeClock, Recorded

# The mastodon_instance and mastodon_client fixtures, loaded here after coverage
# has started (pytest.ini keeps the entry point from loading them before it).
pytest_plugins = ["mastodon.testing.pytest_plugin"]

# Property-based tests: CI (which sets CI=true) runs thousands of examples each;
# local runs a quicker 200. HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile("ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def _respond(
    recorded: Recorded,
    response: Any,
    status: int,
    headers: dict[str, str] | None,
    raw: bytes | None,
) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        recorded.method = request.method
        recorded.path = request.path
        recorded.raw_uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI", "")
        recorded.query = list(request.args.items(multi=True))
        recorded.body = request.get_data(cache=True)
        recorded.headers = dict(request.headers.items())
        if request.mimetype == "application/json":
            recorded.json = json.loads(recorded.body or b"null")
        else:
            recorded.form = list(request.form.items(multi=True))
            recorded.files = {name: (f.filename, f.read(), f.mimetype) for name, f in request.files.items(multi=True)}
        recorded.received = True
        if raw is not None:
            body = raw
        elif response is None:
            body = b"{}"
        else:
            body = json.dumps(response, default=str).encode()
        return Response(body, status=status, headers=headers or {}, content_type="application/json")

    return handler


@pytest.fixture
def base_url(httpserver: HTTPServer) -> str:
    return httpserver.url_for("/").rstrip("/")


@pytest.fixture
def expect(httpserver: HTTPServer) -> Iterator[Callable[..., Recorded]]:
    recorded_calls: list[Recorded] = []

    def add(
        method: str,
        path: str,
        response: Any = None,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        query: dict[str, str] | None = None,
    ) -> Recorded:
        recorded = Recorded()
        httpserver.expect_ordered_request(path, method=method, query_string=query).respond_with_handler(
            _respond(recorded, response, status, headers, raw)
        )
        recorded_calls.append(recorded)
        return recorded

    yield add
    httpserver.check_assertions()
    missing = [r for r in recorded_calls if not r.received]
    assert not missing, f"{len(missing)} expected request(s) never arrived"


@pytest.fixture
def api(base_url: str, expect: Callable[..., Recorded]) -> Mastodon:
    """A logged-in client for a Mastodon 4.6.0 server on 127.0.0.1."""
    return Mastodon(access_token=TOKEN, api_base_url=base_url, mastodon_version="4.6.0")


@pytest.fixture
def clock(api: Mastodon) -> FakeClock:
    """A fake clock the ``api`` client waits on: every sleep returns at once and is recorded."""
    fake = FakeClock(time.time())
    api._use_clock(fake)
    return fake
