"""LocalInstance's own behaviour, spoken to in plain HTTP (no pytooter client):
error shapes, ids and dates, pagination and its Link headers, visibility,
scopes, rate limits and misbehaviour."""

from __future__ import annotations

import time

import pytest
import requests

from mastodon.testing import LocalInstance

from .local_http import ISO_DATE, Http, alice_fixture, bob_fixture, inst_fixture, links, sign_up  # noqa: F401  (fixtures)


def _id(client: Http) -> str:
    account_id: str = client.ok("GET", "/api/v1/accounts/verify_credentials")["id"]
    return account_id


# -- error shapes ----------------------------------------------------------------------------


def test_errors_have_mastodons_shape_and_status(inst: LocalInstance, alice: Http) -> None:
    anonymous = Http(inst.url)
    cases = [
        (anonymous.get("/api/v1/no/such/endpoint"), 404, "The page you are looking for isn't here."),
        (alice.get("/api/v1/statuses/123456"), 404, "Record not found"),
        (alice.get("/api/v1/statuses/not-a-number"), 404, "Record not found"),
        (anonymous.get("/api/v1/timelines/home"), 401, "The access token is invalid"),
        (Http(inst.url, "made-up").get("/api/v1/timelines/public"), 401, "The access token is invalid"),
        (alice.post("/api/v1/statuses", data={"status": ""}), 422, "Validation failed: Text can't be blank"),
        (
            alice.post("/api/v1/statuses", data={"status": "x", "visibility": "secret"}),
            422,
            "Validation failed: Visibility is not included in the list",
        ),
        (alice.post("/api/v1/statuses", data={"status": "x" * 501}), 422, "Validation failed: Text character limit of 500 exceeded"),
    ]
    for response, status, message in cases:
        assert response.status_code == status, response.text
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json() == {"error": message}
        # Rate-limit headers ride on every answer, errors included.
        assert response.headers["X-RateLimit-Limit"] == "300"
        assert int(response.headers["X-RateLimit-Remaining"]) <= 300
        assert ISO_DATE.match(response.headers["X-RateLimit-Reset"])


def test_wrong_method_and_broken_json_body(inst: LocalInstance, alice: Http) -> None:
    assert alice.request("PATCH", "/api/v1/timelines/home").status_code == 404
    broken = alice.post("/api/v1/statuses", data=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "error" in broken.json()


def test_app_token_cannot_act_as_a_user(inst: LocalInstance) -> None:
    app = requests.post(inst.url + "/api/v1/apps", data={"client_name": "x", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"}).json()
    grant = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"]}
    token = requests.post(inst.url + "/oauth/token", data=grant).json()
    assert token["scope"] == "read" and token["token_type"] == "Bearer"
    app_client = Http(inst.url, token["access_token"])
    answer = app_client.get("/api/v1/timelines/home")
    assert answer.status_code == 422 and answer.json() == {"error": "This method requires an authenticated user"}
    assert app_client.ok("GET", "/api/v1/apps/verify_credentials")["name"] == "x"
    assert app_client.get("/api/v1/timelines/public").status_code == 200


# -- ids, dates and entity shapes ------------------------------------------------------------


def test_ids_are_snowflakes_increasing_with_time_and_dates_are_iso(alice: Http) -> None:
    before = int(time.time() * 1000)
    first = alice.ok("POST", "/api/v1/statuses", data={"status": "one"})
    second = alice.ok("POST", "/api/v1/statuses", data={"status": "two"})
    after = int(time.time() * 1000)
    for status in (first, second):
        assert isinstance(status["id"], str) and status["id"].isdigit()
        assert before - 1 <= int(status["id"]) >> 16 <= after + 1  # milliseconds since the epoch in the high bits
        assert ISO_DATE.match(status["created_at"])
    assert int(second["id"]) > int(first["id"])
    expected = {
        "id", "uri", "url", "created_at", "account", "content", "visibility", "sensitive", "spoiler_text", "media_attachments",
        "application", "mentions", "tags", "emojis", "reblogs_count", "favourites_count", "replies_count", "in_reply_to_id",
        "in_reply_to_account_id", "reblog", "poll", "card", "language", "text", "edited_at", "favourited", "reblogged",
        "muted", "bookmarked", "pinned", "filtered",
    }  # fmt: skip
    assert expected <= set(first)
    account = first["account"]
    assert {"id", "username", "acct", "display_name", "note", "avatar", "header", "locked", "bot", "created_at", "fields"} <= set(account)
    assert account["acct"] == "alice" and first["application"] == {"name": "plain http", "website": None}


def test_status_text_becomes_html_with_mentions_and_tags(alice: Http, bob: Http) -> None:
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "Hi @bob and @nobody, see #Python\n\nhttps://example.org/x"})
    assert [m["acct"] for m in status["mentions"]] == ["bob"]
    assert [t["name"] for t in status["tags"]] == ["python"]
    assert status["content"].startswith('<p>Hi <span class="h-card"')
    assert "@nobody" in status["content"] and '<a href="https://example.org/x"' in status["content"]
    assert status["content"].count("<p>") == 2


# -- pagination ------------------------------------------------------------------------------


def test_pagination_links_and_bounds(inst: LocalInstance, alice: Http) -> None:
    ids = [alice.ok("POST", "/api/v1/statuses", data={"status": f"post {n}"})["id"] for n in range(45)]
    newest_first = list(reversed(ids))

    first = alice.get("/api/v1/timelines/home", params={"limit": 20})
    page = [s["id"] for s in first.json()]
    assert page == newest_first[:20]
    assert first.headers["Link"] == (
        f'<{inst.url}/api/v1/timelines/home?limit=20&max_id={page[-1]}>; rel="next", '
        f'<{inst.url}/api/v1/timelines/home?limit=20&min_id={page[0]}>; rel="prev"'
    )

    walked, url = [], inst.url + "/api/v1/timelines/home?limit=20"
    while url:
        response = alice.get(url)
        walked += [s["id"] for s in response.json()]
        url = links(response).get("next", "")
    assert walked == newest_first  # the last page is short and carries no "next" link

    below = [s["id"] for s in alice.ok("GET", "/api/v1/timelines/home", params={"max_id": ids[10], "limit": 5})]
    assert below == [ids[9], ids[8], ids[7], ids[6], ids[5]]
    since = [s["id"] for s in alice.ok("GET", "/api/v1/timelines/home", params={"since_id": ids[10], "limit": 5})]
    assert since == newest_first[:5]  # newest first: the ones right after since_id are skipped
    after = [s["id"] for s in alice.ok("GET", "/api/v1/timelines/home", params={"min_id": ids[10], "limit": 5})]
    assert after == [ids[15], ids[14], ids[13], ids[12], ids[11]]  # right after min_id, still newest first
    between = [s["id"] for s in alice.ok("GET", "/api/v1/timelines/home", params={"max_id": ids[20], "since_id": ids[17]})]
    assert between == [ids[19], ids[18]]

    assert len(alice.ok("GET", "/api/v1/timelines/home", params={"limit": 500})) == 40  # cut to the maximum
    assert len(alice.ok("GET", "/api/v1/timelines/home")) == 20  # the default
    assert len(alice.ok("GET", "/api/v1/timelines/home", params={"limit": -3})) == 3  # Mastodon takes the absolute value
    empty = alice.get("/api/v1/timelines/home", params={"min_id": ids[-1]})
    assert empty.json() == [] and "Link" not in empty.headers
    assert alice.ok("GET", "/api/v1/timelines/home", params={"max_id": "abc"}) == []


def test_accounts_page_by_follow_record_not_account_id(inst: LocalInstance, alice: Http) -> None:
    followers = [sign_up(inst, f"fan{n}") for n in range(5)]
    alice_id = _id(alice)
    for fan in followers:
        fan.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    first = alice.get(f"/api/v1/accounts/{alice_id}/followers", params={"limit": 2})
    assert [a["username"] for a in first.json()] == ["fan4", "fan3"]
    rest = alice.get(links(first)["next"])
    assert [a["username"] for a in rest.json()] == ["fan2", "fan1"]
    assert "max_id=" in links(rest)["next"]


# -- visibility ------------------------------------------------------------------------------


def test_visibility_rules(inst: LocalInstance, alice: Http, bob: Http) -> None:
    carol = sign_up(inst, "carol")
    alice_id = _id(alice)
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    public = alice.ok("POST", "/api/v1/statuses", data={"status": "for all"})
    unlisted = alice.ok("POST", "/api/v1/statuses", data={"status": "quiet", "visibility": "unlisted"})
    private = alice.ok("POST", "/api/v1/statuses", data={"status": "followers only", "visibility": "private"})
    direct = alice.ok("POST", "/api/v1/statuses", data={"status": "@carol psst", "visibility": "direct"})

    def home(client: Http) -> list[str]:
        return [s["id"] for s in client.ok("GET", "/api/v1/timelines/home")]

    assert home(bob) == [private["id"], unlisted["id"], public["id"]]  # bob follows alice; the DM is not his
    assert home(carol) == []  # a stranger's posts are not in carol's feed, not even the DM to her
    assert [s["id"] for s in Http(inst.url).ok("GET", "/api/v1/timelines/public")] == [public["id"]]
    assert bob.get(f"/api/v1/statuses/{direct['id']}").status_code == 404
    assert carol.get(f"/api/v1/statuses/{private['id']}").status_code == 404  # a stranger: not found
    assert carol.ok("GET", f"/api/v1/statuses/{direct['id']}")["visibility"] == "direct"
    assert Http(inst.url).get(f"/api/v1/statuses/{unlisted['id']}").status_code == 200
    assert [s["id"] for s in carol.ok("GET", f"/api/v1/accounts/{alice_id}/statuses")] == [direct["id"], unlisted["id"], public["id"]]
    # A private mention from someone carol does not follow waits in a notification request (Mastodon's default policy).
    assert carol.ok("GET", "/api/v1/notifications") == []
    assert [n["type"] for n in carol.ok("GET", "/api/v1/notifications", params={"include_filtered": "true"})] == ["mention"]


def test_blocks_and_mutes_hide_statuses(inst: LocalInstance, alice: Http, bob: Http) -> None:
    alice_id, bob_id = _id(alice), _id(bob)
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    alice.ok("POST", "/api/v1/statuses", data={"status": "before"})
    assert len(bob.ok("GET", "/api/v1/timelines/home")) == 1

    relationship = bob.ok("POST", f"/api/v1/accounts/{alice_id}/mute")
    assert relationship["muting"] and relationship["muting_notifications"] and relationship["following"]
    assert bob.ok("GET", "/api/v1/timelines/home") == [] and bob.ok("GET", "/api/v1/timelines/public") == []
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/unmute")
    assert len(bob.ok("GET", "/api/v1/timelines/home")) == 1

    relationship = bob.ok("POST", f"/api/v1/accounts/{alice_id}/block")
    assert relationship["blocking"] and not relationship["following"]  # a block ends the follow
    assert bob.ok("GET", "/api/v1/timelines/public") == []
    assert [a["id"] for a in bob.ok("GET", "/api/v1/blocks")] == [alice_id]
    assert alice.ok("GET", "/api/v1/accounts/relationships", params={"id[]": bob_id})[0]["blocked_by"] is True
    # Who is blocked loses sight of the blocker's statuses and cannot follow.
    later = bob.ok("POST", "/api/v1/statuses", data={"status": "can alice see me?"})
    assert alice.get(f"/api/v1/statuses/{later['id']}").status_code == 404
    alices = alice.ok("GET", f"/api/v1/accounts/{alice_id}/statuses")[0]
    assert bob.get(f"/api/v1/statuses/{alices['id']}").status_code == 200
    assert alice.post(f"/api/v1/accounts/{bob_id}/follow").status_code == 403
    before = alice.ok("GET", "/api/v1/notifications")
    bob.ok("POST", f"/api/v1/statuses/{alices['id']}/favourite")  # no notification across a block
    assert alice.ok("GET", "/api/v1/notifications") == before
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/unblock")
    assert bob.ok("GET", "/api/v1/timelines/public")[0]["account"]["acct"] == "bob"


def test_locked_accounts_get_follow_requests(inst: LocalInstance, alice: Http, bob: Http) -> None:
    alice.ok("PATCH", "/api/v1/accounts/update_credentials", data={"locked": "true"})
    alice_id, bob_id = _id(alice), _id(bob)
    requested = bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    assert requested["requested"] and not requested["following"]
    assert [a["id"] for a in alice.ok("GET", "/api/v1/follow_requests")] == [bob_id]
    assert [n["type"] for n in alice.ok("GET", "/api/v1/notifications")] == ["follow_request"]
    accepted = alice.ok("POST", f"/api/v1/follow_requests/{bob_id}/authorize")
    assert accepted["followed_by"] is True and alice.ok("GET", "/api/v1/follow_requests") == []
    assert bob.ok("GET", "/api/v1/accounts/relationships", params={"id[]": alice_id})[0]["following"] is True
    assert alice.post(f"/api/v1/follow_requests/{bob_id}/reject").status_code == 404


# -- scopes ----------------------------------------------------------------------------------


def test_scopes_are_enforced_like_mastodon(inst: LocalInstance, alice: Http) -> None:
    alice_id = _id(alice)
    writer = sign_up(inst, "writer", scopes="write:statuses")
    denied = writer.get("/api/v1/timelines/home")
    assert denied.status_code == 403 and denied.json() == {"error": "This action is outside the authorized scopes"}
    assert writer.post("/api/v1/statuses", data={"status": "granular write works"}).status_code == 200
    assert writer.post(f"/api/v1/accounts/{alice_id}/follow").status_code == 403

    follower = sign_up(inst, "follower", scopes="read follow")
    assert follower.post(f"/api/v1/accounts/{alice_id}/follow").status_code == 200  # follow still grants write:follows
    assert follower.post("/api/v1/statuses", data={"status": "no"}).status_code == 403
    assert follower.get("/api/v1/notifications").status_code == 200  # read covers read:notifications

    profile = sign_up(inst, "profiled", scopes="profile")
    assert profile.ok("GET", "/api/v1/accounts/verify_credentials")["username"] == "profiled"
    assert profile.get(f"/api/v1/accounts/{alice_id}").status_code == 403
    assert profile.ok("GET", "/oauth/userinfo")["preferred_username"] == "profiled"


# -- web clients -----------------------------------------------------------------------------


def test_web_clients_cross_origin_requests_are_answered_as_mastodon_does(inst: LocalInstance, alice: Http) -> None:
    origin = {"Origin": "http://localhost:5173"}
    api_methods = "POST, PUT, DELETE, GET, PATCH, OPTIONS"
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,idempotency-key"}
    inst.fail_next(1, 503)
    preflight = requests.options(inst.url + "/api/v1/statuses", headers=origin | asked, timeout=10)
    assert preflight.status_code == 200 and preflight.content == b""
    assert preflight.headers["Access-Control-Allow-Origin"] == "*" and preflight.headers["Access-Control-Allow-Methods"] == api_methods
    assert preflight.headers["Access-Control-Allow-Headers"] == "authorization,content-type,idempotency-key"
    assert preflight.headers["Access-Control-Max-Age"] == "7200"
    assert "X-RateLimit-Limit" not in preflight.headers  # answered before the API: no rate limit, no misbehaviour
    failed = alice.post("/api/v1/statuses", data={"status": "x"}, headers=origin)
    assert failed.status_code == 503 and failed.headers["Access-Control-Allow-Origin"] == "*"  # the page may read errors

    page = alice.get("/api/v1/timelines/home", headers=origin)
    assert page.headers["Access-Control-Allow-Origin"] == "*" and page.headers["Access-Control-Allow-Methods"] == api_methods
    assert (
        page.headers["Access-Control-Expose-Headers"] == "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id"
    )
    assert "Access-Control-Allow-Origin" not in alice.get("/api/v1/timelines/home").headers  # no Origin, no CORS
    token = requests.options(inst.url + "/oauth/token", headers=origin | asked, timeout=10)
    assert token.status_code == 200 and token.headers["Access-Control-Allow-Methods"] == "POST"
    refused = requests.options(inst.url + "/oauth/token", headers=origin | {"Access-Control-Request-Method": "GET"}, timeout=10)
    assert refused.status_code == 404 and "Access-Control-Allow-Origin" not in refused.headers
    nodeinfo = requests.get(inst.url + "/.well-known/nodeinfo", headers=origin, timeout=10)
    assert nodeinfo.headers["Access-Control-Allow-Origin"] == "*" and "Access-Control-Expose-Headers" not in nodeinfo.headers
    authorize = requests.get(inst.url + "/oauth/authorize", headers=origin, timeout=10)
    assert "Access-Control-Allow-Origin" not in authorize.headers  # a page for people, not for scripts
    stream = requests.get(inst.streaming_url + "/api/v1/streaming/public", headers=origin, stream=True, timeout=10)
    assert stream.headers["Access-Control-Allow-Origin"] == "*"
    stream.close()


# -- rate limits and misbehaviour ------------------------------------------------------------


def test_rate_limit_counts_down_then_answers_429(inst: LocalInstance, alice: Http, bob: Http) -> None:
    inst.rate_limit(3, window=60)
    remaining = []
    for _ in range(3):
        response = alice.get("/api/v1/timelines/home")
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Limit"] == "3"
        remaining.append(response.headers["X-RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]
    refused = alice.get("/api/v1/timelines/home")
    assert refused.status_code == 429 and refused.json() == {"error": "Too many requests"}
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert ISO_DATE.match(refused.headers["X-RateLimit-Reset"])
    assert bob.get("/api/v1/timelines/home").status_code == 200  # each account has its own budget
    inst.rate_limit(None)
    assert alice.get("/api/v1/timelines/home").headers["X-RateLimit-Remaining"] == "300"


def test_rate_limit_window_resets(inst: LocalInstance, alice: Http) -> None:
    inst.rate_limit(1, window=0.3)
    assert alice.get("/api/v1/timelines/home").status_code == 200
    assert alice.get("/api/v1/timelines/home").status_code == 429
    time.sleep(0.35)
    assert alice.get("/api/v1/timelines/home").status_code == 200
    with pytest.raises(ValueError):
        inst.rate_limit(-1)


def test_failures_drops_and_latency_on_request(inst: LocalInstance, alice: Http) -> None:
    inst.fail_next(2, 503, retry_after=7)
    for _ in range(2):
        failed = alice.get("/api/v1/timelines/home")
        assert failed.status_code == 503 and failed.headers["Retry-After"] == "7"
        assert failed.json() == {"error": "Simulated failure (503)"}
    assert alice.get("/api/v1/timelines/home").status_code == 200

    inst.fail_next(1, 502, html=True, path="/api/v1/statuses")
    assert alice.get("/api/v1/timelines/home").status_code == 200  # another path: not affected
    page = alice.get("/api/v1/statuses/1")
    assert page.status_code == 502 and page.headers["Content-Type"].startswith("text/html") and "Bad Gateway" in page.text

    inst.drop_next(path="/api/v1/statuses")
    with pytest.raises(requests.ConnectionError):
        alice.post("/api/v1/statuses", data={"status": "lost"})
    assert alice.ok("GET", "/api/v1/timelines/home") == []  # dropped before it reached the API

    inst.latency(0.2, path="/api/v1/timelines")
    started = time.perf_counter()
    alice.get("/api/v1/timelines/home")
    assert time.perf_counter() - started >= 0.2
    started = time.perf_counter()
    alice.get("/api/v1/instance")
    assert time.perf_counter() - started < 0.2
    inst.latency(0)
    served = inst.requests_served
    alice.get("/api/v1/instance")
    assert inst.requests_served == served + 1


def test_idempotency_key_keeps_one_status(alice: Http) -> None:
    first = alice.ok("POST", "/api/v1/statuses", data={"status": "once"}, headers={"Idempotency-Key": "k1"})
    again = alice.ok("POST", "/api/v1/statuses", data={"status": "once"}, headers={"Idempotency-Key": "k1"})
    other = alice.ok("POST", "/api/v1/statuses", data={"status": "once"}, headers={"Idempotency-Key": "k2"})
    assert first["id"] == again["id"] != other["id"]
    assert len(alice.ok("GET", "/api/v1/timelines/home")) == 2
