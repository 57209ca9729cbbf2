"""HTTP errors map to the documented exception tree with the server's message."""

from __future__ import annotations

import socket

import pytest

import mastodon
from mastodon import (
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonError,
    MastodonGatewayTimeoutError,
    MastodonInternalServerError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
)
from tests.helpers import TOKEN, make_api


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, MastodonUnauthorizedError),
        (404, MastodonNotFoundError),
        (429, MastodonRatelimitError),
        (500, MastodonInternalServerError),
        (502, MastodonBadGatewayError),
        (503, MastodonServiceUnavailableError),
        (504, MastodonGatewayTimeoutError),
        (403, MastodonAPIError),
        (410, MastodonAPIError),
        (422, MastodonAPIError),
        (507, MastodonServerError),
    ],
)
def test_status_maps_to_class(base_url: str, expect, status: int, cls: type[MastodonError]) -> None:
    api = make_api(base_url, ratelimit_method="throw", max_retries=0)
    expect("GET", "/api/v1/statuses/1", {"error": "Something went wrong", "error_description": "in detail"}, status=status)
    with pytest.raises(cls) as info:
        api._get("/api/v1/statuses/1", returns=dict)
    err = info.value
    assert type(err) is cls
    assert err.status_code == status  # type: ignore[attr-defined]
    assert err.error == "Something went wrong" and err.error_description == "in detail"  # type: ignore[attr-defined]
    assert str(status) in str(err) and "Something went wrong" in str(err) and "in detail" in str(err)
    assert err.args[1] == status


@pytest.mark.parametrize("body", [b"", b"<html><body>Not Found</body></html>", b"{}", b'{"error": ""}'])
def test_a_404_that_says_nothing_is_endpoint_not_found(base_url: str, expect, body: bytes) -> None:
    # Both references put 'Endpoint not found.' in args[3]; scripts compare against it.
    api = make_api(base_url)
    expect("GET", "/api/v1/no/such/route", raw=body, status=404)
    with pytest.raises(MastodonNotFoundError) as info:
        api._get("/api/v1/no/such/route", returns=dict)
    assert info.value.args[3] == info.value.error == "Endpoint not found."
    assert info.value.args[1:3] == (404, "NOT FOUND")
    assert "Endpoint not found." in str(info.value)


def test_a_404_with_a_message_keeps_it(api, expect) -> None:
    expect("GET", "/api/v1/statuses/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError) as info:
        api.status(1)
    assert info.value.args[3] == "Record not found"
    expect("GET", "/api/v1/statuses/2", raw=b'"Gone fishing"', status=404)  # a bare JSON string is the message
    with pytest.raises(MastodonNotFoundError) as info:
        api.status(2)
    assert info.value.args[3] == "Gone fishing"


def test_html_error_page_gives_clean_api_error(base_url: str, expect) -> None:
    api = make_api(base_url, max_retries=0)
    expect("GET", "/api/v1/statuses/1", raw=b"<html><body>Bad Gateway</body></html>", status=502)
    with pytest.raises(MastodonBadGatewayError) as info:
        api._get("/api/v1/statuses/1", returns=dict)
    assert info.value.error is None
    assert "502" in str(info.value) and "BAD GATEWAY" in str(info.value).upper()


def test_invalid_json_in_success_is_an_api_error(api, expect) -> None:
    expect("GET", "/api/v1/statuses/1", raw=b'{"id": "1", "content": ')
    with pytest.raises(MastodonAPIError, match="not valid JSON"):
        api._get("/api/v1/statuses/1", returns=dict)
    expect("GET", "/api/v1/statuses/1", raw=b'{"id": "\xff\xfe"}')
    with pytest.raises(MastodonAPIError, match="not valid JSON"):
        api._get("/api/v1/statuses/1", returns=dict)


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = make_api(f"http://127.0.0.1:{port}", max_retries=0)
    with pytest.raises(MastodonNetworkError) as info:
        api._get("/api/v1/statuses/1", returns=dict)
    assert TOKEN not in str(info.value)


def test_timeout_is_a_network_error() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        api = make_api(f"http://127.0.0.1:{port}", request_timeout=0.3, max_retries=0)
        with pytest.raises(MastodonNetworkError, match="timed out"):
            api._get("/api/v1/statuses/1", returns=dict)


def test_every_exception_is_exported_and_in_the_tree() -> None:
    from mastodon import errors

    for name in errors.__all__:
        if name == "error_class_for_status":
            continue
        cls = getattr(mastodon, name)
        assert cls is getattr(errors, name)
        assert issubclass(cls, (MastodonError, Warning))
    from mastodon.Mastodon import MastodonError as compat  # the old import path

    assert compat is MastodonError
