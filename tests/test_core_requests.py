"""The request core: URLs, ids, headers, parameter and body encoding, uploads."""

from __future__ import annotations

import io
import logging
import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
import pytz
import requests
import urllib3

from mastodon import (
    AttribAccessDict,
    Mastodon,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
)
from mastodon._core import RequestCore, normalize_base_url
from mastodon._encoding import encode_json, encode_params, read_media
from mastodon._ratelimit import RateLimiter
from mastodon._transport import NetworkFailure, Reply, RetryDecision
from mastodon.api.pagination import page_bound
from tests.data import entities as data
from tests.helpers import TOKEN, FakeClock, make_api


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("mastodon.example", "https://mastodon.example"),
        ("https://mastodon.example/", "https://mastodon.example"),
        ("https://mastodon.example///", "https://mastodon.example"),
        ("  https://mastodon.example/sub/ ", "https://mastodon.example/sub"),
        ("http://127.0.0.1:3000/", "http://127.0.0.1:3000"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("http://[::1]:3000", "http://[::1]:3000"),
    ],
)
def test_base_url_normalisation(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


def test_plain_http_needs_opt_in_for_remote_hosts() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="allow_http"):
        Mastodon(api_base_url="http://mastodon.example", mastodon_version="4.0.0")
    api = Mastodon(api_base_url="http://mastodon.example", mastodon_version="4.0.0", allow_http=True)
    assert api.api_base_url == "http://mastodon.example"


@pytest.mark.parametrize("bad", ["", "   ", "ftp://example.com", "https://", "https:///path", 42])
def test_bad_base_urls_are_refused(bad: object) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=bad, mastodon_version="4.0.0")  # type: ignore[arg-type]


def test_default_base_url_is_the_flagship() -> None:
    assert Mastodon(mastodon_version="4.0.0").api_base_url == "https://mastodon.social"


def test_headers_sent(api: Mastodon, expect) -> None:
    call = expect("GET", "/api/v1/statuses/1", data.status(id="1"))
    api._get("/api/v1/statuses/1", returns=dict)
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.headers["User-Agent"] == "mastodonpy"


def test_custom_user_agent_language_and_no_token(base_url: str, expect) -> None:
    api = Mastodon(api_base_url=base_url, mastodon_version="4.0.0", user_agent="mybot/1.0", lang="de")
    call = expect("GET", "/api/v1/instance", data.instance_v1())
    api._get("/api/v1/instance", returns=dict)
    assert call.headers["User-Agent"] == "mybot/1.0"
    assert call.headers["Accept-Language"] == "de"
    assert "Authorization" not in call.headers


def test_callers_session_is_used(base_url: str, expect) -> None:
    session = requests.Session()
    session.headers["X-Marker"] = "from-session"
    api = make_api(base_url, session=session)
    call = expect("GET", "/api/v1/instance", data.instance_v1())
    api._get("/api/v1/instance", returns=dict)
    assert api.session is session
    assert call.headers["X-Marker"] == "from-session"


def test_ids_in_paths_are_percent_encoded(api: Mastodon, expect) -> None:
    call = expect("GET", "/api/v1/statuses/../admin/accounts", data.status())
    api._get(f"/api/v1/statuses/{api._id('../admin/accounts')}", returns=dict)
    assert call.raw_uri == "/api/v1/statuses/..%2Fadmin%2Faccounts"


def test_id_unpacking() -> None:
    assert Mastodon._unpack_id({"id": 5}) == 5
    assert Mastodon._unpack_id("abc") == "abc"
    assert Mastodon._id({"id": "a/b?c"}) == "a%2Fb%3Fc"
    assert Mastodon._unpack_ids([1, {"id": "2"}]) == [1, "2"]
    assert Mastodon._unpack_ids(7) == [7]
    for bad in ({"no": "id"}, None, 1.5, True, "", [1]):
        with pytest.raises(MastodonIllegalArgumentError):
            Mastodon._unpack_id(bad)


def test_page_bound_from_datetime() -> None:
    moment = datetime(2023, 1, 1, tzinfo=timezone.utc)
    assert page_bound(moment, "max_id") == int(moment.timestamp() * 1000) << 16
    assert page_bound(None, "max_id") is None
    assert page_bound({"id": "109"}, "max_id") == "109"


def test_encode_params_rails_style() -> None:
    when = datetime(2024, 5, 1, 14, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    pairs = encode_params(
        {
            "status": "hi",
            "skip": None,
            "sensitive": True,
            "local": False,
            "limit": 40,
            "media_ids": [1, AttribAccessDict(id="2")],
            "poll": {"options": ["a", "b"], "expires_in": 300},
            "scheduled_at": when,
            "day": date(2024, 5, 1),
            "fields_attributes": [{"name": "x", "value": "y"}],
        }
    )
    assert pairs == [
        ("status", "hi"),
        ("sensitive", "true"),
        ("local", "false"),
        ("limit", "40"),
        ("media_ids[]", "1"),
        ("media_ids[]", "2"),
        ("poll[options][]", "a"),
        ("poll[options][]", "b"),
        ("poll[expires_in]", "300"),
        ("scheduled_at", "2024-05-01T12:00:00.123Z"),
        ("day", "2024-05-01"),
        ("fields_attributes[][name]", "x"),
        ("fields_attributes[][value]", "y"),
    ]
    # A plain dict is a nested parameter even when it has an "id" key; only a
    # returned entity stands for its id.
    assert encode_params({"media_attributes": [{"id": "5", "description": "d"}]}) == [
        ("media_attributes[][id]", "5"),
        ("media_attributes[][description]", "d"),
    ]


def test_datetimes_any_aware_kind_is_accepted() -> None:
    eastern = pytz.timezone("US/Eastern").localize(datetime(2024, 1, 1, 7, 0))
    assert encode_params({"t": eastern}) == [("t", "2024-01-01T12:00:00.000Z")]


def test_encode_json_keeps_real_booleans() -> None:
    body = encode_json({"a": True, "b": None, "c": [datetime(2024, 1, 1, tzinfo=timezone.utc)], "d": {"e": False}})
    assert body == {"a": True, "c": ["2024-01-01T00:00:00.000Z"], "d": {"e": False}}


def test_form_and_json_bodies_on_the_wire(api: Mastodon, expect) -> None:
    form = expect("POST", "/api/v1/things", {"ok": True})
    api._post("/api/v1/things", {"flag": True, "ids": [1, 2], "none": None}, returns=dict)
    assert form.form == [("flag", "true"), ("ids[]", "1"), ("ids[]", "2")]
    as_json = expect("PUT", "/api/v1/things", {"ok": True})
    api._put("/api/v1/things", json={"flag": True, "n": 1, "none": None}, returns=dict)
    assert as_json.json == {"flag": True, "n": 1}
    query = expect("GET", "/api/v1/things", [])
    api._get("/api/v1/things", {"only_media": True, "max_id": 5}, returns=list)
    assert query.query == [("only_media", "true"), ("max_id", "5")]


def test_read_media_guesses_mime(tmp_path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    path = tmp_path / "picture.png"
    path.write_bytes(png)
    name, payload, mime = read_media(str(path), None, None)
    assert (payload, mime) == (png, "image/png") and name.endswith(".png") and "picture" not in name
    name, payload, mime = read_media(png, None, None)
    assert mime == "image/png" and payload == png and name.endswith(".png")
    handle = io.BytesIO(b"\xff\xd8\xff\xe0rest")
    name, payload, mime = read_media(handle, None, None)
    assert mime == "image/jpeg" and payload is handle and handle.tell() == 0
    assert read_media(b"anything", "video/mp4", "clip.bin")[2] == "video/mp4"


def test_read_media_errors(tmp_path) -> None:
    with pytest.raises(MastodonFileNotFoundError, match="no file"):
        read_media(str(tmp_path / "missing.png"), None, None)
    with pytest.raises(MastodonIllegalArgumentError, match="MIME"):
        read_media(b"plain bytes", None, None)
    with pytest.raises(MastodonIllegalArgumentError, match="path, bytes"):
        read_media(12345, None, None)


def test_multipart_upload_on_the_wire(api: Mastodon, expect) -> None:
    call = expect("POST", "/api/v2/media", {"id": "1"})
    part = read_media(b"GIF89a....", None, None)
    api._post("/api/v2/media", {"description": "a gif"}, files={"file": part}, returns=dict)
    name, content, mime = call.files["file"]
    assert content == b"GIF89a...." and mime == "image/gif" and name and name.endswith(".gif")
    assert call.form == [("description", "a gif")]


def test_debug_requests_logs_with_secrets_masked(base_url: str, expect, caplog) -> None:
    api = make_api(base_url, debug_requests=True)
    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)
    expect("POST", "/oauth/token", {"access_token": "newtoken-secret", "scope": "read", "token_type": "Bearer"})
    api.client_id, api.client_secret = "cid", "client-secret-value"
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        api.log_in("user@example.com", "hunter2-password", scopes=["read"])
    text = caplog.text
    assert "POST" in text and "/oauth/token" in text
    for secret in (TOKEN, "client-secret-value", "hunter2-password"):
        assert secret not in text
    assert "***" in text


def test_debug_requests_shows_on_stderr_without_logging_set_up(base_url: str, expect, capfd, monkeypatch) -> None:
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # a program that configured no logging
    api = make_api(base_url, debug_requests=True)
    api.client_id, api.client_secret = "cid", "client-secret-value"
    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)
    expect("POST", "/oauth/token", {"access_token": "newtoken-secret", "scope": "read", "token_type": "Bearer"})
    api.log_in("user@example.com", "hunter2-password", scopes=["read"])
    expect("GET", "/api/v1/statuses/1", data.status(content="<p>shown in the log</p>"))
    api.status(1)
    expect("GET", "/api/v1/statuses/2", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.status(2)
    api.retry_backoff_factor = 0.001
    expect("GET", "/api/v1/statuses/3", {"error": "busy"}, status=503)
    expect("GET", "/api/v1/statuses/3", data.status())
    api.status(3)  # retried: both answers shown
    err = capfd.readouterr().err
    lines = err.splitlines()
    assert [line.split(" -> ")[1][:3] for line in lines if "/statuses/3 -> " in line] == ["503", "200"]
    assert any("POST" in line and "/oauth/token" in line and "data=" in line for line in lines)  # the request
    assert any("/oauth/token -> 200" in line and '"access_token": "***"' in line for line in lines)  # its answer
    assert any("/api/v1/statuses/1 -> 200" in line and "shown in the log" in line for line in lines)
    assert any("/api/v1/statuses/2 -> 404" in line and "Record not found" in line for line in lines)
    for secret in (TOKEN, "newtoken-secret", "client-secret-value", "hunter2-password"):
        assert secret not in err
    quiet = make_api(base_url)  # without the flag, nothing
    expect("GET", "/api/v1/statuses/1", data.status())
    quiet.status(1)
    assert capfd.readouterr().err == ""


def test_debug_requests_goes_where_logging_is_configured(base_url: str, expect, capfd, monkeypatch) -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])  # logging.basicConfig(), say
    api = make_api(base_url, debug_requests=True)
    expect("GET", "/api/v1/statuses/1", data.status())
    api.status(1)
    assert capfd.readouterr().err == ""  # not twice
    ours = [r for r in records if r.name.startswith("mastodon")]
    assert [r.name for r in ours] == ["mastodon.requests", "mastodon.requests"]
    assert "GET" in ours[0].getMessage() and "-> 200" in ours[1].getMessage()


def test_lang_is_sent_as_a_parameter(base_url: str, expect) -> None:
    # Mastodon prefers the lang parameter to the account's own language; the
    # references send it that way. Accept-Language goes along for other servers.
    api = make_api(base_url, lang="de")
    call = expect("GET", "/api/v1/trends/tags", [])
    api.trending_tags()
    assert call.query == [("lang", "de")] and call.headers["Accept-Language"] == "de"
    call = expect("GET", "/api/v1/trends/tags", [])
    api.trending_tags(lang="fr")  # the method's own lang wins
    assert call.query == [("lang", "fr")]
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post("Hallo")
    assert call.form == [("status", "Hallo"), ("lang", "de")]
    call = expect("PUT", "/api/v1/statuses/1", data.status())
    api.status_update(1, "Hallo!")
    assert call.json == {"status": "Hallo!"} and call.query == [("lang", "de")]  # beside a JSON body
    call = expect("POST", "/api/v2/media", data.media_attachment())
    api.media_post(b"GIF89a....", description="ein Bild")
    assert call.form == [("description", "ein Bild"), ("lang", "de")]
    api.set_language(None)
    call = expect("GET", "/api/v1/trends/tags", [])
    api.trending_tags()
    assert call.query == [] and "Accept-Language" not in call.headers


# -- the pieces the core sends with ---------------------------------------------------------


def test_a_bare_core_sends_like_the_client(base_url: str, expect) -> None:
    call = expect("GET", "/api/v1/instance", {"uri": "x"})
    core = RequestCore(base_url, user_agent="tooter-test/1", lang="de")
    assert core._get("/api/v1/instance", returns=dict) == {"uri": "x"}
    assert call.headers["User-Agent"] == "tooter-test/1" and call.headers["Accept-Language"] == "de"
    assert "Authorization" not in call.headers


@pytest.mark.parametrize(
    ("setting", "word"),
    [
        ({"ratelimit_method": "sometimes"}, "ratelimit_method"),
        ({"version_check_mode": "all"}, "version_check_mode"),
        ({"user_agent": ""}, "user_agent"),
    ],
)
def test_the_core_checks_its_settings(setting: dict[str, Any], word: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        RequestCore("https://mastodon.example", **setting)


def test_every_wait_goes_through_the_clients_clock(base_url: str, expect) -> None:
    api = make_api(base_url)
    clock = FakeClock(time.time())
    api._use_clock(clock)
    expect("GET", "/api/v1/statuses/1", {"error": "busy"}, status=503, headers={"Retry-After": "7"})
    expect("GET", "/api/v1/statuses/1", {"error": "busy"}, status=503)
    expect("GET", "/api/v1/statuses/1", {"error": "slow down"}, status=429, headers={"Retry-After": "2"})
    expect("GET", "/api/v1/statuses/1", data.status(id="1"))
    started = time.monotonic()
    assert api.status(1).id == 1
    assert time.monotonic() - started < 2  # nothing slept for real
    retry_after, backoff, limited = clock.sleeps
    assert retry_after == 7 and 0 <= backoff <= api.retry_backoff_max and limited == pytest.approx(2, abs=0.1)


def _response(status: int, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers or {})
    response.raw = urllib3.HTTPResponse(b"", headers=headers or {}, status=status, preload_content=False)
    return response


def _decision(replayable: bool, total: int = 2, retry_after_max: float = 300) -> RetryDecision:
    return RetryDecision(
        "GET", "https://x.example/", replayable=replayable, total=total, backoff_factor=0.5, backoff_max=30, retry_after_max=retry_after_max
    )


def test_retry_decision_on_failures() -> None:
    refused = NetworkFailure(requests.exceptions.ConnectionError("reset"), MastodonNetworkError("GET failed: reset"))
    with pytest.raises(MastodonNetworkError, match="reset"):
        _decision(replayable=False).after_failure(refused)  # it may have reached the server
    decision = _decision(replayable=True, total=2)
    assert decision.after_failure(refused) == 0  # the first retry goes at once
    assert 1 <= decision.after_failure(refused) <= 1.25  # then 0.5 * 2 plus up to 0.25 of jitter
    with pytest.raises(MastodonNetworkError):
        decision.after_failure(refused)  # the budget of two retries is spent


def test_retry_decision_on_answers() -> None:
    assert _decision(replayable=True).after_status(_response(404)) is None
    assert _decision(replayable=False).after_status(_response(503)) is None
    assert _decision(replayable=True, retry_after_max=10).after_status(_response(503, {"Retry-After": "60"})) == 10
    decision = _decision(replayable=True, total=1)
    assert decision.after_status(_response(502)) == 0
    assert decision.after_status(_response(502)) is None


def test_the_rate_limit_slot_is_given_back_with_the_headers() -> None:
    limiter = RateLimiter("wait", clock=FakeClock(time.time()))
    with limiter.slot() as slot:
        assert limiter._in_flight == 1
        slot.headers = {"X-RateLimit-Remaining": "42", "X-RateLimit-Limit": "300"}
    assert limiter._in_flight == 0 and limiter.remaining == 42
    with pytest.raises(OSError), limiter.slot():
        raise OSError("the connection failed")
    assert limiter._in_flight == 0 and limiter.remaining == 41  # claimed, given back without news


def test_reply_text_uses_the_answers_charset() -> None:
    response = _response(200, {"Content-Type": "text/plain; charset=latin-1"})
    assert Reply(response, "Grüße".encode("latin-1")).text == "Grüße"
    assert Reply(_response(200), "Grüße".encode()).text == "Grüße"
    assert Reply(_response(200, {"Content-Type": "text/plain; charset=klingon"}), b"qapla'").text == "qapla'"
