"""Every network: a deadline for every request, failures and waits described in
the library's words, credentials only where they belong (netrc, redirects,
http), and base URLs checked with helpful messages."""

from __future__ import annotations

import http.server
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from mastodon import Mastodon, MastodonAPIError, MastodonBadGatewayError, MastodonIllegalArgumentError, MastodonNetworkError
from mastodon._core import normalize_base_url
from mastodon._ratelimit import RateLimiter
from tests.fault_server import Fault, FaultServer
from tests.helpers import TOKEN, FakeClock, make_api

# -- a deadline for every request ---------------------------------------------------------


@pytest.mark.parametrize("framing", [{}, {"Transfer-Encoding": "chunked"}], ids=["content-length", "chunked"])
def test_a_dripping_body_is_cut_at_the_deadline(framing: dict[str, str]) -> None:
    with FaultServer() as server:
        server.add(Fault("drip", seconds=0.5, headers=framing))  # a byte every half second, for 14 hours
        api = make_api(server.url, request_timeout=1.5)  # max_retries stays at 3
        started = time.monotonic()
        with pytest.raises(MastodonNetworkError, match=r"timed out: no complete answer from 127\.0\.0\.1:\d+ within 1\.5 s \(1 attempt\)"):
            api.timeline_home()
        elapsed = time.monotonic() - started
        assert 1.4 < elapsed < 2.3  # the deadline plus a small margin
        assert len(server.requests) == 1  # running out of time is not retried


def test_a_dripping_post_is_cut_and_not_repeated() -> None:
    with FaultServer() as server:
        server.add(Fault("drip", seconds=0.5))
        api = make_api(server.url, request_timeout=1.0)
        started = time.monotonic()
        with pytest.raises(MastodonNetworkError, match="timed out"):
            api.status_post("hello")  # carries an Idempotency-Key, so it could be retried: it is not
        assert time.monotonic() - started < 1.8
        assert len(server.requests) == 1


def test_a_server_that_never_answers_is_cut_at_the_deadline() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        api = make_api(f"http://127.0.0.1:{silent.getsockname()[1]}", request_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(MastodonNetworkError, match="timed out"):
            api.timeline_home()
        assert time.monotonic() - started < 1.2


# -- failures in the library's words -------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_says_so_with_the_attempts() -> None:
    port = closed_port()
    api = make_api(f"http://127.0.0.1:{port}", max_retries=2)
    api.retry_backoff_factor = 0.01
    with pytest.raises(MastodonNetworkError) as info:
        api.timeline_home()
    message = str(info.value)
    assert message == f"GET http://127.0.0.1:{port}/api/v1/timelines/home failed: connection refused by 127.0.0.1:{port} (3 attempts)"
    assert "Max retries" not in message and TOKEN not in message


def test_a_name_that_does_not_resolve_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mastodon.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    api = make_api("https://mastodon.invalid", max_retries=0)
    with pytest.raises(MastodonNetworkError) as info:
        api.timeline_home()
    assert str(info.value) == (
        "GET https://mastodon.invalid/api/v1/timelines/home failed: could not resolve the host name 'mastodon.invalid' (1 attempt)"
    )


@pytest.fixture
def plain_http_server() -> Iterator[int]:
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_tls_to_a_plain_http_port_suggests_http(plain_http_server: int) -> None:
    api = make_api(f"127.0.0.1:{plain_http_server}", max_retries=3)  # host:port alone is read as https
    assert api.api_base_url == f"https://127.0.0.1:{plain_http_server}"
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError) as info:
        api.timeline_home()
    message = str(info.value)
    assert "TLS failure with 127.0.0.1" in message and "WRONG_VERSION_NUMBER" in message
    assert f"use http://127.0.0.1:{plain_http_server}" in message and message.endswith("(1 attempt)")
    assert time.monotonic() - started < 1  # a TLS failure is not retried


def test_a_connection_reset_says_it_broke() -> None:
    with FaultServer() as server:
        server.add(Fault("reset_before"), Fault("reset_before"))
        api = make_api(server.url, max_retries=1)
        api.retry_backoff_factor = 0.01
        with pytest.raises(
            MastodonNetworkError, match=r"the connection to 127\.0\.0\.1:\d+ broke before the answer was complete .*\(2 attempts\)"
        ):
            api.timeline_home()


# -- answers that are not JSON -------------------------------------------------------------

LOGIN_PAGE = b"<!DOCTYPE html>\n<html><head><title>Sign in to the proxy</title></head><body>" + b"x" * 500 + b"</body></html>"


def test_a_success_that_is_not_json_names_status_type_and_start(api: Mastodon, expect: Any) -> None:
    expect("GET", "/api/v1/timelines/home", raw=LOGIN_PAGE)
    with pytest.raises(MastodonAPIError) as info:
        api.timeline_home()
    message = str(info.value)
    assert "200 OK" in message and "application/json" in message and f"{len(LOGIN_PAGE)} bytes" in message
    assert "starting '<!DOCTYPE html> <html><head><title>Sign in to the proxy</title>" in message
    assert "not valid JSON" in message and len(message) < 500


def test_an_error_page_that_is_not_json_names_type_and_start() -> None:
    with FaultServer() as server:
        server.add(Fault("html", status=502))
        api = make_api(server.url, max_retries=0)
        with pytest.raises(MastodonBadGatewayError) as info:
            api.timeline_home()
    message = str(info.value)
    assert "502" in message and "text/html" in message and "<h1>Bad Gateway</h1>" in message


def test_a_page_repeating_the_token_does_not_show_it(api: Mastodon, expect: Any) -> None:
    expect("GET", "/api/v1/timelines/home", raw=f"<html>your header: Bearer {TOKEN}</html>".encode(), status=403)
    with pytest.raises(MastodonAPIError) as info:
        api.timeline_home()
    assert TOKEN not in str(info.value) and "Bearer ***" in str(info.value)


# -- rate-limit waits are announced --------------------------------------------------------


class AnnouncedClock(FakeClock):
    """A fake clock that records, for each sleep, whether the wait had been logged before it."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        super().__init__(time.time())
        self.caplog = caplog
        self.announced: list[bool] = []

    def sleep(self, seconds: float) -> None:
        self.announced.append(any(r.levelno == logging.WARNING and "waiting" in r.getMessage() for r in self.caplog.records))
        super().sleep(seconds)


def test_a_long_429_wait_is_logged_as_a_warning_before_it_starts(api: Mastodon, expect: Any, caplog) -> None:
    clock = AnnouncedClock(caplog)
    api._use_clock(clock)
    expect("GET", "/api/v1/timelines/home", {"error": "Too many requests"}, status=429, headers={"Retry-After": "90"})
    expect("GET", "/api/v1/timelines/home", [])
    with caplog.at_level(logging.INFO, logger="mastodon"):
        assert api.timeline_home() == []
    assert clock.sleeps[0] == pytest.approx(90, abs=0.1) and clock.announced[0]
    record = next(r for r in caplog.records if "rate limited" in r.getMessage())
    assert record.levelno == logging.WARNING and "waiting 90.0 s" in record.getMessage()


def test_a_short_429_wait_stays_at_info(api: Mastodon, expect: Any, caplog) -> None:
    api._use_clock(FakeClock(time.time()))
    expect("GET", "/api/v1/timelines/home", {"error": "Too many requests"}, status=429, headers={"Retry-After": "2"})
    expect("GET", "/api/v1/timelines/home", [])
    with caplog.at_level(logging.INFO, logger="mastodon"):
        api.timeline_home()
    assert [r.levelno for r in caplog.records if "rate limited" in r.getMessage()] == [logging.INFO]


def test_waiting_for_a_used_up_limit_is_announced_once(caplog) -> None:
    clock = AnnouncedClock(caplog)
    limiter = RateLimiter("wait", clock=clock)
    limiter.update({"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": str(clock.now + 120)})
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        limiter.acquire()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["the rate limit is used up: waiting 120.0 s for it to reset"]
    assert len(clock.sleeps) > 1 and all(clock.announced)  # slept in slices, announced before the first


# -- credentials only where they belong ----------------------------------------------------


@pytest.fixture
def netrc(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "netrc"
    path.write_text("machine 127.0.0.1 login netrc-user password netrc-password\ndefault login anyone password default-password\n")
    path.chmod(0o600)
    monkeypatch.setenv("NETRC", str(path))


def test_a_netrc_entry_never_replaces_the_token_or_gets_a_request(netrc: None) -> None:
    with FaultServer() as server:
        requests.get(server.url + "/control", timeout=5)  # what requests alone would send
        assert server.requests[0].headers["Authorization"].startswith("Basic ")
        api = make_api(server.url)
        api._get("/api/v1/timelines/home", returns=list)
        assert server.requests[1].headers["Authorization"] == f"Bearer {TOKEN}"
        Mastodon(api_base_url=server.url, mastodon_version="4.6.0")._get("/api/v1/instance", returns=dict)
        api._get("/api/v1/instance", use_auth=False, returns=dict)
        assert "Authorization" not in server.requests[2].headers and "Authorization" not in server.requests[3].headers


def test_redirects_carry_the_token_only_on_the_same_server(netrc: None) -> None:
    with FaultServer() as server, FaultServer() as other:
        elsewhere = other.url.replace("127.0.0.1", "localhost") + "/api/v1/timelines/home"
        other.add(Fault("ok", body=[]))
        server.add(Fault("redirect", location="/api/v1/timelines/public"), Fault("ok", body=[]))
        server.add(Fault("redirect", location=elsewhere))
        api = make_api(server.url)
        assert api.timeline_home() == [] and api.timeline_home() == []
        assert [r.headers.get("Authorization") for r in server.requests] == [f"Bearer {TOKEN}"] * 3
        assert "Authorization" not in other.requests[0].headers  # the netrc default entry is not used either


def test_plain_http_is_accepted_for_loopback_and_onion_hosts_only() -> None:
    onion = "http://pytooterexample2b3cdefghijklmnopqrstuvwxyz234567abcdefgh.onion"
    assert Mastodon(access_token="t", api_base_url=onion).api_base_url == onion
    assert Mastodon(access_token="t", api_base_url="http://localhost:3000").api_base_url == "http://localhost:3000"
    with pytest.raises(MastodonIllegalArgumentError, match="allow_http=True"):
        Mastodon(access_token="t", api_base_url="http://mastodon.example")
    assert Mastodon(access_token="t", api_base_url="http://mastodon.example", allow_http=True).api_base_url == "http://mastodon.example"


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("https://mastodon.example/api/v1", "https://mastodon.example"),
        ("https://mastodon.example/api/v2/instance", "https://mastodon.example"),
        ("mastodon.example/api/v1/", "https://mastodon.example"),
        ("https://mastodon.example/@alice", "https://mastodon.example"),
        ("https://mastodon.example/users/alice", "https://mastodon.example"),
        ("https://mastodon.example/web/home", "https://mastodon.example"),
        ("https://mastodon.example/?lang=en", "https://mastodon.example"),
        ("https://alice:secret@mastodon.example", "https://mastodon.example"),
        ("@alice@mastodon.example", "https://mastodon.example"),
        ("alice@mastodon.example", "https://mastodon.example"),
    ],
)
def test_urls_that_cannot_be_an_instance_root_say_what_to_pass(given: str, root: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError) as info:
        Mastodon(access_token="t", api_base_url=given)
    assert repr(root) in str(info.value)
    assert "secret" not in str(info.value)


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("mastodon.example:8443", "https://mastodon.example:8443"),
        ("localhost:3000", "https://localhost:3000"),
        ("127.0.0.1:3000/", "https://127.0.0.1:3000"),
        ("https://mastodon.example/social", "https://mastodon.example/social"),
    ],
)
def test_instance_roots_are_tidied(given: str, normal: str) -> None:
    assert normalize_base_url(given) == normal


@pytest.mark.parametrize("given", ["ftp://mastodon.example", "https://", "https://mastodon.example:port", "", "   "])
def test_urls_that_are_not_http_are_refused(given: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        normalize_base_url(given)
