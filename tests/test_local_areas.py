"""LocalInstance's areas beyond the first release, in plain HTTP: v1 filters,
followed and featured tags, the rest of grouped notifications, trends,
announcements, and notification policies and requests."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from mastodon.testing import LocalInstance

from .local_http import ISO_DATE, Http, alice_fixture, bob_fixture, inst_fixture, read_sse, sign_up  # noqa: F401  (fixtures)


def _me(client: Http) -> str:
    account_id: str = client.ok("GET", "/api/v1/accounts/verify_credentials")["id"]
    return account_id


# -- v1 filters ------------------------------------------------------------------------------


def test_v1_filters_are_keywords_of_v2_filters(alice: Http, bob: Http) -> None:
    bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/follow")
    created = bob.ok("POST", "/api/v1/filters", data=[("phrase", "spoiler"), ("context[]", "home"), ("context[]", "public")])
    assert created == {
        "id": created["id"],
        "phrase": "spoiler",
        "context": ["home", "public"],
        "whole_word": False,
        "expires_at": None,
        "irreversible": False,
    }
    v2 = bob.ok("GET", "/api/v2/filters")
    assert [(f["title"], f["filter_action"], [k["id"] for k in f["keywords"]]) for f in v2] == [("spoiler", "warn", [created["id"]])]
    alice.ok("POST", "/api/v1/statuses", data={"status": "No spoilers here, promise"})
    assert bob.ok("GET", "/api/v1/timelines/home")[0]["filtered"][0]["keyword_matches"] == ["spoiler"]

    hiding = bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"irreversible": "true", "whole_word": "true", "expires_in": "600"})
    assert hiding["irreversible"] is True and hiding["whole_word"] is True and ISO_DATE.match(hiding["expires_at"])
    assert bob.ok("GET", "/api/v1/timelines/home") != []  # "spoilers" is not the whole word "spoiler"
    bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"phrase": "spoilers"})
    assert bob.ok("GET", "/api/v1/timelines/home") == []  # hidden: the filter is irreversible
    assert bob.ok("GET", f"/api/v1/filters/{created['id']}")["phrase"] == "spoilers"
    assert [f["id"] for f in bob.ok("GET", "/api/v1/filters")] == [created["id"]]

    # A v2 filter with two keywords is two v1 filters, whose shared settings v1 may not change.
    bob.ok("POST", f"/api/v2/filters/{v2[0]['id']}/keywords", data={"keyword": "ending"})
    both = bob.ok("GET", "/api/v1/filters")
    assert [f["phrase"] for f in both] == ["spoilers", "ending"] and both[0]["context"] == both[1]["context"]
    refused = bob.put(f"/api/v1/filters/{created['id']}", data={"context[]": "thread"})
    assert refused.status_code == 422 and "more than one filter keyword" in refused.json()["error"]
    assert (
        bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"phrase": "spoiled", "context[]": ["home", "public"]})["phrase"]
        == "spoiled"
    )
    bob.ok("DELETE", f"/api/v1/filters/{created['id']}")
    assert [f["phrase"] for f in bob.ok("GET", "/api/v1/filters")] == ["ending"]


def test_v1_filter_errors(alice: Http, bob: Http) -> None:
    cases = [
        (bob.post("/api/v1/filters", data={"context[]": "home"}), 422, "Validation failed: Phrase can't be blank"),
        (
            bob.post("/api/v1/filters", data={"phrase": "x"}),
            422,
            "Validation failed: Context can't be blank, Context None or invalid context supplied",
        ),
        (
            bob.post("/api/v1/filters", data={"phrase": "x", "context[]": "nowhere"}),
            422,
            "Validation failed: Context None or invalid context supplied",
        ),
        (bob.get("/api/v1/filters/12345"), 404, "Record not found"),
    ]
    for response, status, message in cases:
        assert (response.status_code, response.json()) == (status, {"error": message})
    mine = bob.ok("POST", "/api/v1/filters", data={"phrase": "x", "context[]": "home"})
    assert alice.get(f"/api/v1/filters/{mine['id']}").status_code == 404
    assert alice.delete(f"/api/v1/filters/{mine['id']}").status_code == 404
    assert bob.put(f"/api/v1/filters/{mine['id']}", data={"phrase": " "}).status_code == 422
    assert bob.ok("GET", "/api/v1/filters") == [mine]


# -- hashtags: followed and featured -----------------------------------------------------------


def test_followed_hashtags_bring_public_statuses_home(alice: Http, bob: Http) -> None:
    alice.ok("POST", "/api/v1/statuses", data={"status": "Before: #Tea"})
    before = time.time()
    followed = bob.ok("POST", "/api/v1/tags/TEA/follow")
    midnights = {before // 86400 * 86400, time.time() // 86400 * 86400}  # two, if the day turned meanwhile
    assert followed["name"] == "tea" and followed["following"] is True and followed["featuring"] is False
    assert followed["id"].isdigit() and len(followed["history"]) == 7
    days = [int(day["day"]) for day in followed["history"]]  # UTC midnights, today first
    assert days[0] in midnights and days == [days[0] - back * 86400 for back in range(7)]
    assert [day["uses"] for day in followed["history"]] == ["1", "0", "0", "0", "0", "0", "0"]
    assert bob.ok("POST", "/api/v1/tags/tea/follow") == followed  # again: no change
    assert bob.ok("POST", "/api/v1/tags/coffee/follow")["following"] is True  # never used yet: fine
    assert [t["name"] for t in bob.ok("GET", "/api/v1/followed_tags")] == ["coffee", "tea"]

    public = alice.ok("POST", "/api/v1/statuses", data={"status": "A cup of #tea"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "Quiet #tea", "visibility": "unlisted"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "No tag at all"})
    assert [s["id"] for s in bob.ok("GET", "/api/v1/timelines/home")] == [public["id"]]  # not the older one, nor unlisted
    assert bob.ok("GET", "/api/v1/tags/tea")["following"] is True
    assert alice.ok("GET", "/api/v1/tags/tea")["following"] is False

    page = bob.get("/api/v1/followed_tags", params={"limit": 1})
    assert [t["name"] for t in page.json()] == ["coffee"] and 'rel="next"' in page.headers["Link"]
    assert bob.ok("POST", "/api/v1/tags/tea/unfollow")["following"] is False
    assert bob.ok("GET", "/api/v1/timelines/home") == []
    assert bob.post("/api/v1/tags/never-seen/unfollow").status_code == 404
    assert bob.post("/api/v1/tags/%20/follow").status_code == 404
    assert alice.get("/api/v1/followed_tags", headers={"Authorization": ""}).status_code == 401


def test_featured_hashtags(alice: Http, bob: Http) -> None:
    alice.ok("POST", "/api/v1/statuses", data={"status": "#Python and #tea"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "More #python"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "Secret #python", "visibility": "private"})
    assert [t["name"] for t in alice.ok("GET", "/api/v1/featured_tags/suggestions")] == ["python", "tea"]
    featured = alice.ok("POST", "/api/v1/featured_tags", data={"name": "#Python"})
    me = alice.ok("GET", "/api/v1/accounts/verify_credentials")
    assert featured == {
        "id": featured["id"],
        "name": "python",
        "url": f"{me['url']}/tagged/python",
        "statuses_count": "2",  # public and unlisted ones only
        "last_status_at": featured["last_status_at"],
    }
    assert featured["last_status_at"] == me["last_status_at"]
    assert [t["name"] for t in alice.ok("GET", "/api/v1/featured_tags/suggestions")] == ["tea"]
    assert bob.ok("GET", f"/api/v1/accounts/{me['id']}/featured_tags") == [featured]
    assert alice.ok("GET", "/api/v1/tags/python")["featuring"] is True

    duplicate = alice.post("/api/v1/featured_tags", data={"name": "python"})
    assert (duplicate.status_code, duplicate.json()) == (422, {"error": "Validation failed: Name has already been taken"})
    invalid = alice.post("/api/v1/featured_tags", data={"name": "not a tag"})
    assert (invalid.status_code, invalid.json()) == (422, {"error": "Validation failed: Tag is invalid"})
    for number in range(9):
        alice.ok("POST", "/api/v1/featured_tags", data={"name": f"tag{chr(97 + number)}"})
    full = alice.post("/api/v1/featured_tags", data={"name": "tea"})
    assert (full.status_code, full.json()) == (
        422,
        {"error": "Validation failed: You have already featured the maximum number of hashtags"},
    )

    assert bob.delete(f"/api/v1/featured_tags/{featured['id']}").status_code == 404
    alice.ok("DELETE", f"/api/v1/featured_tags/{featured['id']}")
    assert alice.ok("POST", "/api/v1/tags/tea/feature")["featuring"] is True  # the 4.4 way
    assert alice.ok("POST", "/api/v1/tags/tea/feature")["featuring"] is True  # again: no change
    assert len(alice.ok("GET", "/api/v1/featured_tags")) == 10
    assert alice.ok("POST", "/api/v1/tags/tea/unfeature")["featuring"] is False
    assert "tea" not in [t["name"] for t in alice.ok("GET", "/api/v1/featured_tags")]
    assert alice.post("/api/v1/tags/unknown/feature").status_code == 404


# -- grouped notifications: the rest of the API ----------------------------------------------


def _liked_by_three(inst: LocalInstance, alice: Http, bob: Http) -> tuple[dict[str, str], list[Http]]:
    fans = [bob, sign_up(inst, "carol"), sign_up(inst, "dave")]
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "like me"})
    for fan in fans:
        fan.ok("POST", f"/api/v1/statuses/{status['id']}/favourite")
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hi"})
    return status, fans


def test_grouped_notifications_partial_accounts_and_senders(inst: LocalInstance, alice: Http, bob: Http) -> None:
    _liked_by_three(inst, alice, bob)
    partial = alice.ok("GET", "/api/v2/notifications", params={"expand_accounts": "partial_avatars"})
    mention, likes = partial["notification_groups"]
    assert likes["sample_account_ids"][0] == partial["accounts"][1]["id"]  # the latest liker, in full
    assert [a["acct"] for a in partial["accounts"]] == ["bob", "dave"]
    assert [a["acct"] for a in partial["partial_accounts"]] == ["carol"]
    assert set(partial["partial_accounts"][0]) == {"id", "acct", "url", "avatar", "avatar_static", "avatar_description", "locked", "bot"}
    full = alice.ok("GET", "/api/v2/notifications")
    assert [a["acct"] for a in full["accounts"]] == ["bob", "dave", "carol"] and "partial_accounts" not in full
    refused = alice.get("/api/v2/notifications", params={"expand_accounts": "some"})
    assert refused.status_code == 400 and "expand_accounts" in refused.json()["error"]

    from_bob = alice.ok("GET", "/api/v2/notifications", params={"account_id": _me(bob)})["notification_groups"]
    assert [(g["type"], g["notifications_count"]) for g in from_bob] == [("mention", 1), ("favourite", 1)]
    assert mention["notifications_count"] == 1


def test_one_notification_group_its_accounts_and_dismissing_it(inst: LocalInstance, alice: Http, bob: Http) -> None:
    status, _ = _liked_by_three(inst, alice, bob)
    mention, likes = alice.ok("GET", "/api/v2/notifications")["notification_groups"]
    one = alice.ok("GET", f"/api/v2/notifications/{likes['group_key']}")
    assert one["notification_groups"] == [
        {
            "group_key": likes["group_key"],
            "notifications_count": 3,
            "type": "favourite",
            "most_recent_notification_id": likes["most_recent_notification_id"],
            "sample_account_ids": likes["sample_account_ids"],
            "status_id": status["id"],
        }
    ]
    assert [s["id"] for s in one["statuses"]] == [status["id"]] and len(one["accounts"]) == 3
    accounts = alice.ok("GET", f"/api/v2/notifications/{likes['group_key']}/accounts")
    assert [a["acct"] for a in accounts] == ["dave", "carol", "bob"]
    assert alice.ok("GET", f"/api/v2/notifications/{mention['group_key']}")["notification_groups"][0]["type"] == "mention"
    ungrouped = f"ungrouped-{likes['most_recent_notification_id']}"
    assert alice.ok("GET", f"/api/v2/notifications/{ungrouped}")["notification_groups"][0]["notifications_count"] == 1
    assert bob.get(f"/api/v2/notifications/{likes['group_key']}").status_code == 404  # not bob's

    assert alice.ok("POST", f"/api/v2/notifications/{likes['group_key']}/dismiss") == {}
    assert [g["type"] for g in alice.ok("GET", "/api/v2/notifications")["notification_groups"]] == ["mention"]
    assert alice.get(f"/api/v2/notifications/{likes['group_key']}").status_code == 404
    assert alice.post(f"/api/v2/notifications/{likes['group_key']}/dismiss").status_code == 404
    assert alice.ok("GET", "/api/v2/notifications/unread_count") == {"count": 1}


# -- trends ----------------------------------------------------------------------------------


def test_trends_rank_the_last_weeks_hashtags_and_statuses(inst: LocalInstance, alice: Http, bob: Http) -> None:
    carol = sign_up(inst, "carol")
    anonymous = Http(inst.url)
    old = alice.ok("POST", "/api/v1/statuses", data={"status": "Last month: #old"})
    bob.ok("POST", f"/api/v1/statuses/{old['id']}/favourite")
    inst.advance_time(8 * 86400)
    alice.ok("POST", "/api/v1/statuses", data={"status": "#tea #cake"})
    bob.ok("POST", "/api/v1/statuses", data={"status": "#cake"})
    carol.ok("POST", "/api/v1/statuses", data={"status": "#Cake and #tea"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "#tea again"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "#secret", "visibility": "unlisted"})
    assert [t["name"] for t in anonymous.ok("GET", "/api/v1/trends/tags")] == ["cake", "tea"]
    assert [t["name"] for t in anonymous.ok("GET", "/api/v1/trends")] == ["cake", "tea"]
    assert [t["name"] for t in anonymous.ok("GET", "/api/v1/trends/tags", params={"offset": 1, "limit": 5})] == ["tea"]
    assert "following" in alice.ok("GET", "/api/v1/trends/tags")[0]

    liked = alice.ok("POST", "/api/v1/statuses", data={"status": "Like this"})
    loved = bob.ok("POST", "/api/v1/statuses", data={"status": "Love this"})
    carol.ok("POST", f"/api/v1/statuses/{loved['id']}/favourite")
    alice.ok("POST", f"/api/v1/statuses/{loved['id']}/reblog")
    carol.ok("POST", f"/api/v1/statuses/{liked['id']}/favourite")
    assert [s["id"] for s in anonymous.ok("GET", "/api/v1/trends/statuses")] == [loved["id"], liked["id"]]
    assert [s["id"] for s in anonymous.ok("GET", "/api/v1/trends/statuses", params={"limit": 1})] == [loved["id"]]
    alice.ok("POST", f"/api/v1/accounts/{_me(bob)}/block")
    assert [s["id"] for s in alice.ok("GET", "/api/v1/trends/statuses")] == [liked["id"]]  # not from someone blocked
    assert anonymous.ok("GET", "/api/v1/trends/links") == []


# -- announcements -----------------------------------------------------------------------------


def test_announcements_are_read_dismissed_and_reacted_to(inst: LocalInstance, alice: Http, bob: Http) -> None:
    stream = bob.get(f"{inst.streaming_url}/api/v1/streaming/user", stream=True)
    first = inst.announce("Maintenance tonight, says @alice #ops", ends_at=datetime.now(timezone.utc) + timedelta(hours=1))
    second = inst.announce("Welcome!")
    listed = bob.ok("GET", "/api/v1/announcements")
    assert [a["id"] for a in listed] == [first, second]
    shown = listed[0]
    assert shown["content"].startswith('<p>Maintenance tonight, says <span class="h-card"')
    assert [m["acct"] for m in shown["mentions"]] == ["alice"] and [t["name"] for t in shown["tags"]] == ["ops"]
    assert shown["read"] is False and shown["all_day"] is False and shown["starts_at"] is None
    assert ISO_DATE.match(shown["ends_at"]) and ISO_DATE.match(shown["published_at"])

    assert bob.ok("POST", f"/api/v1/announcements/{first}/dismiss") == {}
    assert [a["read"] for a in bob.ok("GET", "/api/v1/announcements")] == [True, False]
    assert [a["read"] for a in alice.ok("GET", "/api/v1/announcements")] == [False, False]

    assert bob.ok("PUT", f"/api/v1/announcements/{first}/reactions/🎉") == {}
    bob.ok("PUT", f"/api/v1/announcements/{first}/reactions/🎉")  # again: no change
    alice.ok("PUT", f"/api/v1/announcements/{first}/reactions/🎉")
    alice.ok("PUT", f"/api/v1/announcements/{first}/reactions/👍🏽")
    reactions = alice.ok("GET", "/api/v1/announcements")[0]["reactions"]
    assert reactions == [{"name": "🎉", "count": 2, "me": True}, {"name": "👍🏽", "count": 1, "me": True}]
    alice.ok("DELETE", f"/api/v1/announcements/{first}/reactions/👍🏽")
    bob.ok("DELETE", f"/api/v1/announcements/{first}/reactions/👍🏽")  # not reacted: no change
    assert bob.ok("GET", "/api/v1/announcements")[0]["reactions"] == [{"name": "🎉", "count": 2, "me": True}]
    refused = bob.put(f"/api/v1/announcements/{first}/reactions/party")
    assert (refused.status_code, refused.json()) == (422, {"error": "Validation failed: Name is not a recognized emoji"})
    assert bob.post("/api/v1/announcements/12345/dismiss").status_code == 404

    inst.advance_time(2 * 3600)  # the first one ends
    assert [a["id"] for a in bob.ok("GET", "/api/v1/announcements")] == [second]
    inst.withdraw_announcement(second)
    assert bob.ok("GET", "/api/v1/announcements") == []
    events = read_sse(stream, 7)  # one read: a requests response cannot be iterated twice
    stream.close()
    assert [name for name, _ in events] == ["announcement", "announcement", *["announcement.reaction"] * 4, "announcement.delete"]
    assert json.loads(events[0][1])["id"] == first and json.loads(events[0][1])["read"] is False
    assert json.loads(events[5][1]) == {"name": "👍🏽", "count": 0, "announcement_id": first}
    assert events[6] == ("announcement.delete", second)
    with pytest.raises(MastodonIllegalArgumentError):
        inst.withdraw_announcement(second)
    with pytest.raises(MastodonIllegalArgumentError):
        inst.announce(" ")
    with pytest.raises(MastodonIllegalArgumentError):
        inst.announce("naive", starts_at=datetime(2030, 1, 1))


# -- notification policies and requests -------------------------------------------------------


def test_the_default_policy_holds_back_private_mentions_from_strangers(inst: LocalInstance, alice: Http, bob: Http) -> None:
    policy = alice.ok("GET", "/api/v2/notifications/policy")
    assert policy == {
        "for_not_following": "accept",
        "for_not_followers": "accept",
        "for_new_accounts": "accept",
        "for_private_mentions": "filter",
        "for_limited_accounts": "filter",
        "summary": {"pending_requests_count": 0, "pending_notifications_count": 0},
    }
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hello in public"})
    first = bob.ok("POST", "/api/v1/statuses", data={"status": "@alice psst", "visibility": "direct"})
    second = bob.ok("POST", "/api/v1/statuses", data={"status": "@alice psst again", "visibility": "direct"})
    assert [n["status"]["visibility"] for n in alice.ok("GET", "/api/v1/notifications")] == ["public"]
    assert len(alice.ok("GET", "/api/v2/notifications")["notification_groups"]) == 1
    assert alice.ok("GET", "/api/v1/notifications/unread_count") == {"count": 1}
    assert len(alice.ok("GET", "/api/v1/notifications", params={"include_filtered": "true"})) == 3
    assert alice.ok("GET", "/api/v2/notifications/policy")["summary"] == {"pending_requests_count": 1, "pending_notifications_count": 2}

    (request,) = alice.ok("GET", "/api/v1/notifications/requests")
    assert request["account"]["acct"] == "bob" and request["notifications_count"] == "2"
    assert request["last_status"]["id"] == second["id"] and ISO_DATE.match(request["updated_at"])
    assert alice.ok("GET", f"/api/v1/notifications/requests/{request['id']}") == request
    assert bob.get(f"/api/v1/notifications/requests/{request['id']}").status_code == 404

    assert alice.ok("POST", f"/api/v1/notifications/requests/{request['id']}/accept") == {}
    assert alice.ok("GET", "/api/v1/notifications/requests/merged") == {"merged": True}
    assert [n["status"]["id"] for n in alice.ok("GET", "/api/v1/notifications")][:2] == [second["id"], first["id"]]
    assert alice.ok("GET", "/api/v1/notifications/requests") == []
    third = bob.ok("POST", "/api/v1/statuses", data={"status": "@alice and now?", "visibility": "direct"})
    assert alice.ok("GET", "/api/v1/notifications")[0]["status"]["id"] == third["id"]  # bob is let through from now on


def test_policies_filter_or_drop_and_requests_are_dismissed(inst: LocalInstance, alice: Http, bob: Http) -> None:
    carol = sign_up(inst, "carol")
    changed = alice.ok("PATCH", "/api/v2/notifications/policy", data={"for_not_following": "filter", "for_new_accounts": "drop"})
    assert (changed["for_not_following"], changed["for_new_accounts"], changed["for_private_mentions"]) == ("filter", "drop", "filter")
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hi"})
    assert alice.ok("GET", "/api/v1/notifications", params={"include_filtered": "true"}) == []  # dropped: every account is new
    alice.ok("PATCH", "/api/v2/notifications/policy", json={"for_new_accounts": "accept"})
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hi again"})
    carol.ok("POST", "/api/v1/statuses", data={"status": "@alice hi from carol"})
    alice.ok("POST", f"/api/v1/accounts/{_me(carol)}/follow")
    carol.ok("POST", "/api/v1/statuses", data={"status": "@alice followed now"})
    assert [n["account"]["acct"] for n in alice.ok("GET", "/api/v1/notifications")] == ["carol"]
    requests = alice.ok("GET", "/api/v1/notifications/requests")
    assert [(r["account"]["acct"], r["notifications_count"]) for r in requests] == [("carol", "1"), ("bob", "1")]  # newest first
    carols, bobs = requests
    page = alice.get("/api/v1/notifications/requests", params={"limit": 1})
    assert [r["account"]["acct"] for r in page.json()] == ["carol"] and 'rel="next"' in page.headers["Link"]

    assert alice.ok("POST", f"/api/v1/notifications/requests/{bobs['id']}/dismiss") == {}
    assert [r["account"]["acct"] for r in alice.ok("GET", "/api/v1/notifications/requests")] == ["carol"]
    assert alice.ok("POST", "/api/v1/notifications/requests/accept", data={"id[]": [carols["id"], "12345"]}) == {}
    assert alice.ok("GET", "/api/v1/notifications/requests") == []
    assert [n["account"]["acct"] for n in alice.ok("GET", "/api/v1/notifications")] == ["carol", "carol"]  # merged
    assert alice.post(f"/api/v1/notifications/requests/{bobs['id']}/accept").status_code == 404
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice once more"})  # dismissed, not let through: a new request
    (again,) = alice.ok("GET", "/api/v1/notifications/requests")
    assert again["id"] != bobs["id"] and again["notifications_count"] == "1"
    assert alice.ok("POST", "/api/v1/notifications/requests/dismiss", data={"id[]": again["id"]}) == {}
    assert alice.ok("GET", "/api/v1/notifications/requests") == []
    refused = alice.patch("/api/v2/notifications/policy", data={"for_not_followers": "maybe"})
    assert (refused.status_code, refused.json()) == (422, {"error": "Validation failed: For not followers is not included in the list"})
