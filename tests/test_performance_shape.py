"""The shape of the fast paths: what they skip must not change what they return.

Nothing here is timed (the benchmark in ``benchmarks/`` measures speed). These
tests pin down the behaviour the request core keeps while taking its shortcuts:
a body of known length is read in one go but still capped, compressed or
unsized bodies are counted as they are read, and ``fetch_remaining`` gathers
pages into one list without copying the items it already has.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from mastodon import AttribAccessList, Mastodon, MastodonNetworkError
from tests.data import entities as data
from tests.helpers import Recorded, make_api


def statuses(first: int, count: int) -> list[dict[str, Any]]:
    return [data.status(id=str(first - n)) for n in range(count)]


def test_fetch_remaining_keeps_the_items_it_has(api: Mastodon, base_url: str, expect: Callable[..., Recorded]) -> None:
    path = "/api/v1/timelines/home"
    expect("GET", path, statuses(100, 3), headers={"Link": f'<{base_url}{path}?max_id=98>; rel="next"'})
    expect("GET", path, statuses(97, 3), query={"max_id": "98"}, headers={"Link": f'<{base_url}{path}?max_id=95>; rel="next"'})
    expect("GET", path, statuses(94, 2), query={"max_id": "95"})
    first = api.timeline_home()
    everything = api.fetch_remaining(first)
    assert isinstance(everything, AttribAccessList)
    assert [s.id for s in everything] == [100, 99, 98, 97, 96, 95, 94, 93]
    assert all(a is b for a, b in zip(everything[:3], first, strict=True))  # the same objects, not copies
    assert everything is not first and len(first) == 3  # the caller's page is left alone


def test_known_length_over_the_limit_is_refused(api: Mastodon, expect: Callable[..., Recorded]) -> None:
    api.max_response_bytes = 1000
    expect("GET", "/api/v1/statuses/1", raw=json.dumps(data.status(content="x" * 5000)).encode())
    with pytest.raises(MastodonNetworkError, match="larger than 1000 bytes"):
        api.status(1)


def test_known_length_at_the_limit_is_read(api: Mastodon, expect: Callable[..., Recorded]) -> None:
    body = json.dumps(data.status(id="1")).encode()
    api.max_response_bytes = len(body)
    expect("GET", "/api/v1/statuses/1", raw=body)
    assert api.status(1).id == 1


@pytest.mark.parametrize(("limit", "refused"), [(10_000, True), (1 << 20, False)])
def test_compressed_bodies_are_capped_after_decompression(
    api: Mastodon, expect: Callable[..., Recorded], limit: int, refused: bool
) -> None:
    body = json.dumps(data.status(id="1", content="a" * 200_000)).encode()
    squeezed = gzip.compress(body)
    assert len(squeezed) < limit < len(body) or not refused
    api.max_response_bytes = limit
    expect("GET", "/api/v1/statuses/1", raw=squeezed, headers={"Content-Encoding": "gzip"})
    if refused:
        with pytest.raises(MastodonNetworkError, match="larger than"):
            api.status(1)
    else:
        assert api.status(1).content == "a" * 200_000


def _unsized(body: bytes) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        def parts() -> Iterator[bytes]:
            for start in range(0, len(body), 4096):
                yield body[start : start + 4096]

        return Response(parts(), status=200, content_type="application/json")

    return handler


@pytest.mark.parametrize(("limit", "refused"), [(10_000, True), (1 << 20, False)])
def test_bodies_without_a_length_are_capped(httpserver: HTTPServer, base_url: str, limit: int, refused: bool) -> None:
    body = json.dumps(data.status(id="1", content="b" * 50_000)).encode()
    httpserver.expect_request("/api/v1/statuses/1").respond_with_handler(_unsized(body))
    api = make_api(base_url)
    api.max_response_bytes = limit
    if refused:
        with pytest.raises(MastodonNetworkError, match="larger than"):
            api.status(1)
    else:
        assert api.status(1).content == "b" * 50_000
