"""LocalInstance's API areas in plain HTTP: instance and nodeinfo, statuses and
their edits, media, polls, scheduled statuses, notifications (grouped too),
conversations, lists, filters, search, markers, reports and streaming over SSE
and WebSocket."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
import requests
from websockets.sync.client import connect

from mastodon.testing import LocalInstance

from .helpers import wait_until
from .local_http import ISO_DATE, Http, alice_fixture, bob_fixture, inst_fixture, read_sse, sign_up  # noqa: F401  (fixtures)

INSTANCE_OPTIONS = {"media_delay": 0.2, "heartbeat": 0.2}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000030000000208060000009db7e5b9") + b"\0" * 32


def _me(client: Http) -> str:
    account_id: str = client.ok("GET", "/api/v1/accounts/verify_credentials")["id"]
    return account_id


# -- the instance ------------------------------------------------------------------------------


def test_instance_documents_and_version_strings(inst: LocalInstance, alice: Http) -> None:
    anonymous = Http(inst.url)
    v1 = anonymous.ok("GET", "/api/v1/instance")
    v2 = anonymous.ok("GET", "/api/v2/instance")
    streaming = f"ws://127.0.0.1:{inst.streaming_port}"
    assert v1["uri"] == inst.domain and v1["version"] == "4.4.0" and v1["urls"]["streaming_api"] == streaming
    assert v1["stats"]["user_count"] == 1 and v1["contact_account"]["username"] == "alice"
    assert v2["domain"] == inst.domain and v2["configuration"]["urls"]["streaming"] == streaming
    assert v2["api_versions"] == {"mastodon": 6} and v2["configuration"]["statuses"]["max_characters"] == 500
    assert v2["configuration"]["polls"]["min_expiration"] == 300 and v2["rules"][0]["id"] == "1"

    index = anonymous.ok("GET", "/.well-known/nodeinfo")
    hrefs = [link["href"] for link in index["links"]]
    assert hrefs == [inst.url + "/nodeinfo/2.0", inst.url + "/nodeinfo/2.1"]
    for style, software in (
        ("4.3.0+glitch", "mastodon"),
        ("2.7.2 (compatible; Akkoma 3.13.2)", "akkoma"),
        ("0.20.0-rc1 git-6b1c8a1", "gotosocial"),
        ("v0.20.0-rc1 git-6b1c8a1", "gotosocial"),
    ):
        inst.version = style
        inst.software = software
        assert anonymous.ok("GET", "/api/v1/instance")["version"] == style
        assert anonymous.ok("GET", "/api/v2/instance")["version"] == style
        for href in hrefs:
            assert anonymous.ok("GET", href)["software"] == {"name": software, "version": style} | (
                {"repository": "https://github.com/mastodon/mastodon", "homepage": "https://joinmastodon.org"}
                if href.endswith("2.1")
                else {}
            )
    assert inst.version == "v0.20.0-rc1 git-6b1c8a1" and inst.software == "gotosocial"
    inst.api_versions = None
    assert inst.api_versions is None and anonymous.ok("GET", "/api/v2/instance")["api_versions"] == {}
    inst.api_versions = {"mastodon": 2}
    assert anonymous.ok("GET", "/api/v2/instance")["api_versions"] == {"mastodon": 2}
    assert anonymous.get("/nodeinfo/3.0").status_code == 404
    assert anonymous.ok("GET", "/api/v1/instance/rules")[1]["text"] == "No spam."
    assert anonymous.ok("GET", "/api/v1/custom_emojis") == [] and anonymous.ok("GET", "/api/v1/instance/peers") == []
    assert requests.get(f"http://127.0.0.1:{inst.streaming_port}/api/v1/streaming/health").text == "OK"
    assert anonymous.get("/health").text == "OK"
    assert alice.ok("GET", "/api/v1/preferences")["posting:default:visibility"] == "public"


# -- statuses ----------------------------------------------------------------------------------


def test_replies_context_edits_and_interactions(inst: LocalInstance, alice: Http, bob: Http) -> None:
    root = alice.ok("POST", "/api/v1/statuses", data={"status": "root", "spoiler_text": "cw", "language": "de"})
    assert root["sensitive"] is True and root["spoiler_text"] == "cw" and root["language"] == "de"
    reply = bob.ok("POST", "/api/v1/statuses", data={"status": "reply", "in_reply_to_id": root["id"]})
    assert reply["in_reply_to_id"] == root["id"] and reply["in_reply_to_account_id"] == root["account"]["id"]
    assert [m["acct"] for m in reply["mentions"]] == ["alice"]  # replying mentions the author
    deeper = alice.ok("POST", "/api/v1/statuses", data={"status": "deeper", "in_reply_to_id": reply["id"]})
    context = alice.ok("GET", f"/api/v1/statuses/{reply['id']}/context")
    assert [s["id"] for s in context["ancestors"]] == [root["id"]] and [s["id"] for s in context["descendants"]] == [deeper["id"]]
    assert alice.ok("GET", f"/api/v1/statuses/{root['id']}")["replies_count"] == 1

    edited = alice.ok("PUT", f"/api/v1/statuses/{root['id']}", data={"status": "root, edited", "spoiler_text": ""})
    assert edited["content"] == "<p>root, edited</p>" and ISO_DATE.match(edited["edited_at"]) and edited["sensitive"] is False
    history = alice.ok("GET", f"/api/v1/statuses/{root['id']}/history")
    assert [h["content"] for h in history] == ["<p>root</p>", "<p>root, edited</p>"]
    assert alice.ok("GET", f"/api/v1/statuses/{root['id']}/source") == {"id": root["id"], "text": "root, edited", "spoiler_text": ""}
    assert bob.put(f"/api/v1/statuses/{root['id']}", data={"status": "not mine"}).status_code == 403
    assert len(bob.ok("GET", f"/api/v1/statuses/{reply['id']}/history")) == 1

    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/favourite")["favourited"] is True
    boost = bob.ok("POST", f"/api/v1/statuses/{root['id']}/reblog")
    assert boost["reblog"]["id"] == root["id"] and boost["reblog"]["reblogged"] is True and boost["content"] == ""
    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/reblog")["id"] == boost["id"]  # boosting twice is one boost
    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/bookmark")["bookmarked"] is True
    assert [s["id"] for s in bob.ok("GET", "/api/v1/bookmarks")] == [root["id"]]
    assert [s["id"] for s in bob.ok("GET", "/api/v1/favourites")] == [root["id"]]
    assert [a["username"] for a in alice.ok("GET", f"/api/v1/statuses/{root['id']}/favourited_by")] == ["bob"]
    assert [a["username"] for a in alice.ok("GET", f"/api/v1/statuses/{root['id']}/reblogged_by")] == ["bob"]
    counted = alice.ok("GET", f"/api/v1/statuses/{root['id']}")
    assert (counted["favourites_count"], counted["reblogs_count"]) == (1, 1)
    assert alice.ok("POST", f"/api/v1/statuses/{root['id']}/pin")["pinned"] is True
    assert [s["id"] for s in bob.ok("GET", f"/api/v1/accounts/{_me(alice)}/statuses", params={"pinned": "true"})] == [root["id"]]
    assert alice.post(f"/api/v1/statuses/{reply['id']}/pin").status_code == 422  # not hers
    assert alice.ok("POST", f"/api/v1/statuses/{root['id']}/unpin")["pinned"] is False
    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/unreblog")["reblogged"] is False
    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/unfavourite")["favourited"] is False
    assert bob.ok("POST", f"/api/v1/statuses/{root['id']}/unbookmark")["bookmarked"] is False
    assert alice.ok("POST", f"/api/v1/statuses/{root['id']}/mute")["muted"] is True
    assert alice.ok("POST", f"/api/v1/statuses/{root['id']}/unmute")["muted"] is False
    many = bob.ok("GET", "/api/v1/statuses", params=[("id[]", root["id"]), ("id[]", reply["id"]), ("id[]", "1")])
    assert [s["id"] for s in many] == [root["id"], reply["id"]]

    deleted = alice.ok("DELETE", f"/api/v1/statuses/{root['id']}")
    assert deleted["text"] == "root, edited"
    assert alice.get(f"/api/v1/statuses/{root['id']}").status_code == 404
    assert bob.delete(f"/api/v1/statuses/{deeper['id']}").status_code == 403


# -- media -------------------------------------------------------------------------------------


def test_media_v2_processes_after_a_delay_and_is_served(inst: LocalInstance, alice: Http) -> None:
    upload = alice.post("/api/v2/media", files={"file": ("dot.png", PNG, "image/png")}, data={"description": "a dot", "focus": "0.5,-0.5"})
    assert upload.status_code == 202
    media = upload.json()
    assert media["type"] == "image" and media["url"] is None and media["description"] == "a dot"
    assert media["meta"]["original"] == {"width": 3, "height": 2, "size": "3x2", "aspect": 1.5} and media["meta"]["focus"] == {
        "x": 0.5,
        "y": -0.5,
    }
    assert alice.get(f"/api/v1/media/{media['id']}").status_code == 206
    time.sleep(0.25)
    done = alice.get(f"/api/v1/media/{media['id']}")
    assert done.status_code == 200 and done.json()["url"].startswith(inst.url)
    assert requests.get(done.json()["url"]).content == PNG
    updated = alice.ok("PUT", f"/api/v1/media/{media['id']}", data={"description": "a better dot"})
    assert updated["description"] == "a better dot"
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "", "media_ids[]": media["id"]})
    assert [m["id"] for m in status["media_attachments"]] == [media["id"]]
    assert alice.post("/api/v1/statuses", data={"status": "again", "media_ids[]": media["id"]}).status_code == 422
    assert alice.delete(f"/api/v1/media/{media['id']}").status_code == 422  # attached
    v1 = alice.ok("POST", "/api/v1/media", files={"file": ("clip.mp4", b"\0\0\0\x18ftypmp42", "video/mp4")})
    assert v1["type"] == "video" and v1["url"]  # v1 answers when done
    assert alice.ok("DELETE", f"/api/v1/media/{v1['id']}") == {}
    assert alice.post("/api/v1/media", files={"file": ("x.exe", b"MZ", "application/x-msdownload")}).status_code == 422
    assert alice.post("/api/v1/media", data={"description": "no file"}).status_code == 422
    assert requests.get(inst.url + "/avatars/original/missing.png").headers["Content-Type"] == "image/png"

    profile = alice.ok("PATCH", "/api/v1/accounts/update_credentials", files={"avatar": ("me.png", PNG, "image/png")})
    assert profile["avatar"].startswith(inst.url + "/system/") and requests.get(profile["avatar"]).content == PNG


# -- polls and time ----------------------------------------------------------------------------


def test_polls_votes_and_their_end(inst: LocalInstance, alice: Http, bob: Http) -> None:
    form = [("status", "Tea or coffee?"), ("poll[options][]", "tea"), ("poll[options][]", "coffee"), ("poll[expires_in]", "600")]
    status = alice.ok("POST", "/api/v1/statuses", data=form)
    poll = status["poll"]
    assert [o["title"] for o in poll["options"]] == ["tea", "coffee"] and poll["expired"] is False and poll["multiple"] is False
    voted = bob.ok("POST", f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "1"})
    assert voted["voted"] is True and voted["own_votes"] == [1] and voted["votes_count"] == 1
    assert bob.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "0"}).status_code == 422  # once only
    assert alice.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "0"}).status_code == 422  # not in your own
    carol = sign_up(inst, "carol")
    assert carol.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": ["0", "1"]}).status_code == 422  # single choice
    assert carol.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "7"}).status_code == 422
    too_short = [("status", "x"), ("poll[options][]", "a"), ("poll[options][]", "b"), ("poll[expires_in]", "60")]
    assert alice.post("/api/v1/statuses", data=too_short).status_code == 422
    json_poll = alice.ok(
        "POST", "/api/v1/statuses", json={"status": "json", "poll": {"options": ["x", "y", "z"], "expires_in": 300, "multiple": True}}
    )
    assert json_poll["poll"]["multiple"] is True and len(json_poll["poll"]["options"]) == 3

    inst.advance_time(601)
    ended = bob.ok("GET", f"/api/v1/polls/{poll['id']}")
    assert ended["expired"] is True and ended["options"][1]["votes_count"] == 1
    assert bob.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": "0"}).status_code == 422
    assert [n["type"] for n in bob.ok("GET", "/api/v1/notifications", params={"types[]": "poll"})] == ["poll"]
    assert "poll" in [n["type"] for n in alice.ok("GET", "/api/v1/notifications")]


def test_scheduled_statuses(inst: LocalInstance, alice: Http) -> None:
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    refused = alice.post("/api/v1/statuses", data={"status": "too soon", "scheduled_at": soon})
    assert refused.status_code == 422
    later = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 3600))
    scheduled = alice.ok("POST", "/api/v1/statuses", data={"status": "later", "scheduled_at": later, "visibility": "unlisted"})
    assert scheduled["scheduled_at"] == later and scheduled["params"]["text"] == "later" and scheduled["params"]["visibility"] == "unlisted"
    assert [s["id"] for s in alice.ok("GET", "/api/v1/scheduled_statuses")] == [scheduled["id"]]
    moved = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 7200))
    assert alice.ok("PUT", f"/api/v1/scheduled_statuses/{scheduled['id']}", data={"scheduled_at": moved})["scheduled_at"] == moved
    other = alice.ok("POST", "/api/v1/statuses", data={"status": "never", "scheduled_at": later})
    assert alice.ok("DELETE", f"/api/v1/scheduled_statuses/{other['id']}") == {}
    assert alice.get(f"/api/v1/scheduled_statuses/{other['id']}").status_code == 404
    assert alice.ok("GET", "/api/v1/timelines/home") == []
    inst.advance_time(7201)
    published = alice.ok("GET", "/api/v1/timelines/home")
    assert [s["content"] for s in published] == ["<p>later</p>"] and published[0]["visibility"] == "unlisted"
    assert alice.ok("GET", "/api/v1/scheduled_statuses") == []
    assert alice.post("/api/v1/statuses", data={"status": "x", "scheduled_at": "tomorrow"}).status_code == 422


# -- notifications and conversations -----------------------------------------------------------


def test_notifications_plain_and_grouped(inst: LocalInstance, alice: Http, bob: Http) -> None:
    carol = sign_up(inst, "carol")
    alice_id = _me(alice)
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "like me"})
    for fan in (bob, carol):
        fan.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
        fan.ok("POST", f"/api/v1/statuses/{status['id']}/favourite")
    bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hello"})
    plain = alice.ok("GET", "/api/v1/notifications")
    assert [n["type"] for n in plain] == ["mention", "favourite", "follow", "favourite", "follow"]
    assert plain[1]["status"]["id"] == status["id"] and plain[1]["account"]["acct"] == "carol"
    assert [n["type"] for n in alice.ok("GET", "/api/v1/notifications", params={"exclude_types[]": "favourite"})] == [
        "mention",
        "follow",
        "follow",
    ]
    bobs = alice.ok("GET", "/api/v1/notifications", params={"account_id": _me(bob)})
    assert {n["account"]["acct"] for n in bobs} == {"bob"}
    assert alice.get("/api/v1/notifications", params={"types[]": "nonsense"}).status_code == 422

    grouped = alice.ok("GET", "/api/v2/notifications")
    groups = grouped["notification_groups"]
    assert [(g["type"], g["notifications_count"]) for g in groups] == [("mention", 1), ("favourite", 2), ("follow", 2)]
    favourites = groups[1]
    assert favourites["group_key"].startswith(f"favourite-{status['id']}-") and favourites["status_id"] == status["id"]
    assert len(favourites["sample_account_ids"]) == 2 and ISO_DATE.match(favourites["latest_page_notification_at"])
    assert {a["acct"] for a in grouped["accounts"]} == {"bob", "carol"}
    ungrouped = alice.ok("GET", "/api/v2/notifications", params={"grouped_types[]": "follow"})["notification_groups"]
    assert [g["type"] for g in ungrouped] == ["mention", "favourite", "follow", "favourite"]
    assert ungrouped[1]["group_key"].startswith("ungrouped-")

    one = alice.ok("GET", f"/api/v1/notifications/{plain[0]['id']}")
    assert one["id"] == plain[0]["id"]
    assert alice.ok("POST", f"/api/v1/notifications/{plain[0]['id']}/dismiss") == {}
    assert alice.get(f"/api/v1/notifications/{plain[0]['id']}").status_code == 404
    alice.ok("POST", "/api/v1/markers", data={"notifications[last_read_id]": plain[2]["id"]})
    assert alice.ok("GET", "/api/v1/notifications/unread_count") == {"count": 1}
    assert alice.ok("POST", "/api/v1/notifications/clear") == {}
    assert alice.ok("GET", "/api/v1/notifications") == []


def test_direct_messages_make_conversations(inst: LocalInstance, alice: Http, bob: Http) -> None:
    first = alice.ok("POST", "/api/v1/statuses", data={"status": "@bob secret", "visibility": "direct"})
    bobs = bob.ok("GET", "/api/v1/conversations")
    assert len(bobs) == 1 and bobs[0]["unread"] is True and bobs[0]["last_status"]["id"] == first["id"]
    assert [a["acct"] for a in bobs[0]["accounts"]] == ["alice"]
    answer = bob.ok("POST", "/api/v1/statuses", data={"status": "@alice ok", "in_reply_to_id": first["id"]})
    assert answer["visibility"] == "direct"  # a reply to a DM stays direct
    alices = alice.ok("GET", "/api/v1/conversations")
    assert len(alices) == 1 and alices[0]["last_status"]["id"] == answer["id"] and alices[0]["unread"] is True
    assert alice.ok("POST", f"/api/v1/conversations/{alices[0]['id']}/read")["unread"] is False
    assert [s["id"] for s in alice.ok("GET", "/api/v1/timelines/direct")] == [answer["id"], first["id"]]
    assert alice.ok("DELETE", f"/api/v1/conversations/{alices[0]['id']}") == {}
    assert alice.ok("GET", "/api/v1/conversations") == []
    assert alice.delete(f"/api/v1/conversations/{alices[0]['id']}").status_code == 404


# -- lists, filters, search, markers, reports --------------------------------------------------


def test_lists_and_list_timelines(inst: LocalInstance, alice: Http, bob: Http) -> None:
    carol = sign_up(inst, "carol")
    bob_id, carol_id = _me(bob), _me(carol)
    created = alice.ok("POST", "/api/v1/lists", data={"title": "Friends", "replies_policy": "list"})
    assert created["title"] == "Friends" and created["replies_policy"] == "list" and created["exclusive"] is False
    assert alice.post(f"/api/v1/lists/{created['id']}/accounts", data={"account_ids[]": bob_id}).status_code == 422  # follow first
    alice.ok("POST", f"/api/v1/accounts/{bob_id}/follow")
    alice.ok("POST", f"/api/v1/accounts/{carol_id}/follow")
    alice.ok("POST", f"/api/v1/lists/{created['id']}/accounts", data={"account_ids[]": bob_id})
    assert [a["id"] for a in alice.ok("GET", f"/api/v1/lists/{created['id']}/accounts")] == [bob_id]
    assert [x["id"] for x in alice.ok("GET", f"/api/v1/accounts/{bob_id}/lists")] == [created["id"]]
    bob.ok("POST", "/api/v1/statuses", data={"status": "from bob"})
    carol.ok("POST", "/api/v1/statuses", data={"status": "from carol"})
    assert [s["content"] for s in alice.ok("GET", f"/api/v1/timelines/list/{created['id']}")] == ["<p>from bob</p>"]
    renamed = alice.ok("PUT", f"/api/v1/lists/{created['id']}", data={"title": "Close friends", "exclusive": "true"})
    assert renamed["title"] == "Close friends" and renamed["exclusive"] is True
    assert [x["title"] for x in alice.ok("GET", "/api/v1/lists")] == ["Close friends"]
    assert bob.get(f"/api/v1/lists/{created['id']}").status_code == 404  # not his
    assert alice.post("/api/v1/lists", data={"title": ""}).status_code == 422
    alice.ok("DELETE", f"/api/v1/lists/{created['id']}/accounts", data={"account_ids[]": bob_id})
    assert alice.ok("GET", f"/api/v1/lists/{created['id']}/accounts") == []
    alice.ok("DELETE", f"/api/v1/lists/{created['id']}")
    assert alice.ok("GET", "/api/v1/lists") == []


def test_filters_act_on_timelines(inst: LocalInstance, alice: Http, bob: Http) -> None:
    bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/follow")
    warned = bob.ok(
        "POST",
        "/api/v2/filters",
        data=[("title", "Spoilers"), ("context[]", "home"), ("filter_action", "warn"), ("keywords_attributes[][keyword]", "finale")],
    )
    assert warned["keywords"][0]["keyword"] == "finale" and warned["keywords"][0]["whole_word"] is True
    alice.ok("POST", "/api/v1/statuses", data={"status": "The finale was great"})
    alice.ok("POST", "/api/v1/statuses", data={"status": "Cat pictures"})
    home = bob.ok("GET", "/api/v1/timelines/home")
    assert [len(s["filtered"]) for s in home] == [0, 1]
    assert home[1]["filtered"][0]["keyword_matches"] == ["finale"] and home[1]["filtered"][0]["filter"]["title"] == "Spoilers"

    hidden = bob.ok("POST", "/api/v2/filters", json={"title": "No cats", "context": ["home", "public"], "filter_action": "hide"})
    keyword = bob.ok("POST", f"/api/v2/filters/{hidden['id']}/keywords", data={"keyword": "cat", "whole_word": "false"})
    assert [s["content"] for s in bob.ok("GET", "/api/v1/timelines/home")] == ["<p>The finale was great</p>"]
    assert [s["content"] for s in bob.ok("GET", "/api/v1/timelines/public")] == ["<p>The finale was great</p>"]
    assert bob.ok("GET", f"/api/v2/filters/keywords/{keyword['id']}")["keyword"] == "cat"
    assert bob.ok("PUT", f"/api/v2/filters/keywords/{keyword['id']}", data={"keyword": "dog"})["keyword"] == "dog"
    assert len(bob.ok("GET", "/api/v1/timelines/home")) == 2
    finale = bob.ok("GET", "/api/v1/timelines/home")[1]
    entry = bob.ok("POST", f"/api/v2/filters/{hidden['id']}/statuses", data={"status_id": finale["id"]})
    assert bob.ok("GET", f"/api/v2/filters/statuses/{entry['id']}")["status_id"] == finale["id"]
    assert [e["id"] for e in bob.ok("GET", f"/api/v2/filters/{hidden['id']}/statuses")] == [entry["id"]]
    assert len(bob.ok("GET", "/api/v1/timelines/home")) == 1
    bob.ok("DELETE", f"/api/v2/filters/statuses/{entry['id']}")
    bob.ok("DELETE", f"/api/v2/filters/keywords/{keyword['id']}")
    assert bob.ok("GET", f"/api/v2/filters/{hidden['id']}/keywords") == []
    updated = bob.ok("PUT", f"/api/v2/filters/{warned['id']}", json={"title": "Spoilers!", "expires_in": 3600})
    assert updated["title"] == "Spoilers!" and ISO_DATE.match(updated["expires_at"])
    assert [f["title"] for f in bob.ok("GET", "/api/v2/filters")] == ["Spoilers!", "No cats"]
    assert bob.post("/api/v2/filters", data={"title": "x", "context[]": "nowhere"}).status_code == 422
    assert alice.get(f"/api/v2/filters/{warned['id']}").status_code == 404
    bob.ok("DELETE", f"/api/v2/filters/{warned['id']}")
    assert [f["title"] for f in bob.ok("GET", "/api/v2/filters")] == ["No cats"]


def test_search_markers_and_reports(inst: LocalInstance, alice: Http, bob: Http) -> None:
    post = alice.ok("POST", "/api/v1/statuses", data={"status": "Searching for #Elephants today"})
    found = bob.ok("GET", "/api/v2/search", params={"q": "ali"})
    assert [a["acct"] for a in found["accounts"]] == ["alice"] and found["statuses"] == []
    assert [t["name"] for t in bob.ok("GET", "/api/v2/search", params={"q": "#eleph", "type": "hashtags"})["hashtags"]] == ["elephants"]
    assert [s["id"] for s in bob.ok("GET", "/api/v2/search", params={"q": "elephants today", "type": "statuses"})["statuses"]] == [
        post["id"]
    ]
    by_url = bob.ok("GET", "/api/v2/search", params={"q": post["url"]})
    assert [s["id"] for s in by_url["statuses"]] == [post["id"]]
    assert [a["acct"] for a in bob.ok("GET", "/api/v2/search", params={"q": inst.url + "/@alice"})["accounts"]] == ["alice"]
    assert Http(inst.url).get("/api/v2/search", params={"q": "x", "resolve": "true"}).status_code == 401
    assert bob.get("/api/v2/search", params={"q": "x", "type": "things"}).status_code == 422
    assert bob.ok("GET", "/api/v1/accounts/lookup", params={"acct": "alice"})["id"] == _me(alice)
    assert bob.get("/api/v1/accounts/lookup", params={"acct": "alice@elsewhere.example"}).status_code == 404
    assert bob.ok("GET", "/api/v1/tags/elephants")["name"] == "elephants"

    saved = bob.ok("POST", "/api/v1/markers", data={"home[last_read_id]": post["id"]})
    assert saved["home"]["last_read_id"] == post["id"] and saved["home"]["version"] == 0
    again = bob.ok("POST", "/api/v1/markers", json={"home": {"last_read_id": "1"}})
    assert again["home"]["version"] == 1
    assert set(bob.ok("GET", "/api/v1/markers", params={"timeline[]": ["home", "notifications"]})) == {"home"}
    assert bob.post("/api/v1/markers", data={}).status_code == 422

    report = bob.ok(
        "POST", "/api/v1/reports", data={"account_id": _me(alice), "status_ids[]": post["id"], "comment": "spam?", "category": "spam"}
    )
    assert report["category"] == "spam" and report["status_ids"] == [post["id"]] and report["target_account"]["acct"] == "alice"
    rule = bob.ok("POST", "/api/v1/reports", data={"account_id": _me(alice), "rule_ids[]": "2"})
    assert rule["category"] == "violation" and rule["rule_ids"] == ["2"]
    assert bob.post("/api/v1/reports", data={"account_id": _me(alice), "rule_ids[]": "99"}).status_code == 422
    assert bob.post("/api/v1/reports", data={"account_id": _me(bob)}).status_code == 403


def test_profile_updates_and_account_reads(inst: LocalInstance, alice: Http, bob: Http) -> None:
    changed = alice.ok(
        "PATCH",
        "/api/v1/accounts/update_credentials",
        data={
            "display_name": "Alice A.",
            "note": "Hello\nthere",
            "bot": "true",
            "fields_attributes[0][name]": "Web",
            "fields_attributes[0][value]": "https://alice.example",
            "source[privacy]": "unlisted",
        },
    )
    assert changed["display_name"] == "Alice A." and changed["note"] == "<p>Hello<br />there</p>" and changed["bot"] is True
    assert changed["source"]["note"] == "Hello\nthere" and changed["source"]["privacy"] == "unlisted"
    assert changed["fields"] == [{"name": "Web", "value": "https://alice.example", "verified_at": None}]
    assert alice.ok("POST", "/api/v1/statuses", data={"status": "default visibility"})["visibility"] == "unlisted"
    assert alice.patch("/api/v1/accounts/update_credentials", data={"display_name": "x" * 31}).status_code == 422
    account = bob.ok("GET", f"/api/v1/accounts/{_me(alice)}")
    assert account["statuses_count"] == 1 and ISO_DATE.match(account["created_at"]) and account["last_status_at"]
    assert [a["acct"] for a in bob.ok("GET", "/api/v1/accounts/search", params={"q": "Alice"})] == ["alice"]
    assert [a["acct"] for a in bob.ok("GET", "/api/v1/accounts", params={"id[]": _me(alice)})] == ["alice"]
    noted = bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/note", data={"comment": "met at a conference"})
    assert noted["note"] == "met at a conference"
    muted = bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/mute", data={"notifications": "false", "duration": "60"})
    assert muted["muting"] and not muted["muting_notifications"] and ISO_DATE.match(muted["muting_expires_at"])
    assert [a["acct"] for a in bob.ok("GET", "/api/v1/mutes")] == ["alice"]
    inst.advance_time(61)
    assert bob.ok("GET", "/api/v1/mutes") == []  # the mute ran out


# -- streaming in plain HTTP and plain WebSocket -----------------------------------------------


def test_sse_streams_carry_events_for_their_viewer(inst: LocalInstance, alice: Http, bob: Http) -> None:
    bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/follow")
    base = f"http://127.0.0.1:{inst.streaming_port}"
    user_stream = bob.get(base + "/api/v1/streaming/user", stream=True)
    tag_stream = requests.get(base + "/api/v1/streaming/hashtag", params={"tag": "News"}, stream=True, timeout=10)
    assert user_stream.headers["Content-Type"].startswith("text/event-stream")
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "@bob #news at eleven"})
    alice.ok("PUT", f"/api/v1/statuses/{status['id']}", data={"status": "@bob #news at ten"})
    alice.ok("DELETE", f"/api/v1/statuses/{status['id']}")
    events = read_sse(user_stream, 4)
    assert [name for name, _ in events] == ["notification", "update", "status.update", "delete"]
    assert json.loads(events[0][1])["type"] == "mention" and json.loads(events[1][1])["id"] == status["id"]
    assert events[3][1] == status["id"]
    assert [name for name, _ in read_sse(tag_stream, 3)] == ["update", "status.update", "delete"]
    user_stream.close()
    tag_stream.close()

    assert bob.get(base + "/api/v1/streaming/nothing").status_code == 404
    assert requests.get(base + "/api/v1/streaming/user").status_code == 401
    assert requests.get(base + "/api/v1/streaming/hashtag").status_code == 400
    assert bob.get(base + "/api/v1/streaming/list", params={"list": "5"}).status_code == 404


def test_sse_list_local_and_direct_streams(inst: LocalInstance, alice: Http, bob: Http) -> None:
    alice_id = _me(alice)
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    friends = bob.ok("POST", "/api/v1/lists", data={"title": "friends"})
    bob.ok("POST", f"/api/v1/lists/{friends['id']}/accounts", data={"account_ids[]": alice_id})
    base = f"http://127.0.0.1:{inst.streaming_port}"
    listed = bob.get(base + "/api/v1/streaming/list", params={"list": friends["id"]}, stream=True)
    local = bob.get(base + "/api/v1/streaming/public/local", params={"only_media": "true"}, stream=True)
    direct = bob.get(base + "/api/v1/streaming/direct", stream=True)
    mine = bob.get(base + "/api/v1/streaming/user/notification", stream=True)
    alice.ok("POST", "/api/v1/statuses", data={"status": "for the list"})
    media = alice.ok("POST", "/api/v1/media", files={"file": ("dot.png", PNG, "image/png")})
    pictured = alice.ok("POST", "/api/v1/statuses", data={"status": "with a picture", "media_ids[]": media["id"]})
    alice.ok("POST", "/api/v1/statuses", data={"status": "@bob between us", "visibility": "direct"})
    assert [json.loads(d)["content"] for _, d in read_sse(listed, 3)] == [
        "<p>for the list</p>",
        "<p>with a picture</p>",
        '<p><span class="h-card" translate="no"><a href="'
        + inst.url
        + '/@bob" class="u-url mention">@<span>bob</span></a></span> between us</p>',
    ]
    assert [json.loads(d)["id"] for _, d in read_sse(local, 1)] == [pictured["id"]]
    conversation = read_sse(direct, 1)[0]
    assert conversation[0] == "conversation" and json.loads(conversation[1])["accounts"][0]["acct"] == "alice"
    assert [(name, json.loads(d)["type"]) for name, d in read_sse(mine, 1)] == [("notification", "mention")]
    for response in (listed, local, direct, mine):
        response.close()
    assert bob.get(base + "/api/v1/streaming", params={"stream": "user"}).status_code == 426  # the WebSocket endpoint


def test_sse_heartbeat_and_drop(inst: LocalInstance, alice: Http) -> None:
    response = alice.get("/api/v1/streaming/public", stream=True)
    lines = response.iter_lines(decode_unicode=True)
    assert next(lines) == ":)"
    assert next(lines) == ":thump"  # the instance's heartbeat is 0.2 s here
    assert inst.drop_streams() == 1
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        for _ in lines:
            pass


def test_websocket_subscriptions(inst: LocalInstance, alice: Http, bob: Http) -> None:
    bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/follow")
    alice_lists = alice.ok("POST", "/api/v1/lists", data={"title": "l"})
    url = f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming?stream=user&access_token={bob.token}"
    with connect(url) as ws:
        ws.send(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": "cats"}))
        ws.send(json.dumps({"type": "subscribe", "stream": "public:local"}))
        ws.send(json.dumps({"type": "subscribe", "stream": "list", "list": alice_lists["id"]}))  # not his list
        assert json.loads(ws.recv(timeout=5)) == {"error": "List not found", "status": 404}
        ws.send("not json")
        assert json.loads(ws.recv(timeout=5))["status"] == 400  # messages are handled in order: the subscriptions are in
        assert inst.open_streams == [("hashtag", "cats"), ("public:local",), ("user",)]
        status = alice.ok("POST", "/api/v1/statuses", data={"status": "#cats are great"})
        received = [json.loads(ws.recv(timeout=5)) for _ in range(3)]
        assert sorted(tuple(m["stream"]) for m in received) == [("hashtag", "cats"), ("public:local",), ("user",)]
        assert all(m["event"] == "update" and json.loads(m["payload"])["id"] == status["id"] for m in received)
        ws.send(json.dumps({"type": "unsubscribe", "stream": "public:local"}))
        ws.send(json.dumps({"type": "unsubscribe", "stream": "hashtag", "tag": "cats"}))
        ws.send("not json")
        assert json.loads(ws.recv(timeout=5))["status"] == 400
        assert inst.open_streams == [("user",)]
        bob.ok("POST", "/api/v2/filters", data={"title": "x", "context[]": "home"})
        assert json.loads(ws.recv(timeout=5)) == {"stream": ["user"], "event": "filters_changed"}
        alice.ok("POST", "/api/v1/statuses", data={"status": "#cats again"})
        assert json.loads(ws.recv(timeout=5))["stream"] == ["user"]

    with connect(
        f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming", additional_headers={"Authorization": f"Bearer {alice.token}"}
    ) as ws:
        ws.send(json.dumps({"type": "subscribe", "stream": "direct"}))
        wait_until(lambda: inst.open_streams == [("direct",)], what="Alice's stream alone")  # Bob's may not have gone yet
        bob.ok("POST", "/api/v1/statuses", data={"status": "@alice hi", "visibility": "direct"})
        message = json.loads(ws.recv(timeout=5))
        assert message["event"] == "conversation" and json.loads(message["payload"])["unread"] is True


def test_websocket_refuses_bad_tokens_and_can_be_dropped(inst: LocalInstance, alice: Http) -> None:
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as refused:
        connect(f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming?stream=user&access_token=wrong").close()
    assert refused.value.response.status_code == 401
    with connect(f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming?stream=public", subprotocols=[alice.token]) as ws:
        done = threading.Event()
        errors: list[Any] = []

        def read() -> None:
            try:
                ws.recv(timeout=5)
            except Exception as exc:  # noqa: BLE001 - whatever the drop raises is what we look at
                errors.append(exc)
            done.set()

        threading.Thread(target=read, daemon=True).start()
        time.sleep(0.1)
        assert inst.drop_streams() == 1
        assert done.wait(5) and errors


def test_stop_returns_once_every_stream_has_been_ended() -> None:
    from websockets.exceptions import ConnectionClosed

    with LocalInstance() as inst:
        user = sign_up(inst, "carol")
        others = set(threading.enumerate())
        sse = requests.get(f"{inst.streaming_url}/api/v1/streaming/public", stream=True, timeout=10)
        with sse, connect(f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming?stream=public", subprotocols=[user.token]) as ws:
            inst.wait_for_streams(2)
            inst.stop()
            # A process may exit as soon as stop() returns: nothing of the streaming side
            # may still be at work (werkzeug names its threads after process_request_thread).
            serving = [
                t.name for t in set(threading.enumerate()) - others if t.name.startswith("local-instance") or "process_request" in t.name
            ]
            assert serving == []
            # Each client has been told the server is going away: the event stream's last
            # chunk (reading to its end raises nothing) and the WebSocket's close frame.
            assert [line for line in sse.iter_lines() if not line.startswith(b":")] == []
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001


def test_open_streams_can_be_waited_for(inst: LocalInstance, alice: Http) -> None:
    assert inst.open_streams == []
    with pytest.raises(TimeoutError, match="0 of the 1 streams"):
        inst.wait_for_streams(timeout=0.05)
    sse = requests.get(f"{inst.streaming_url}/api/v1/streaming/hashtag/local", params={"tag": "Cats"}, stream=True, timeout=10)
    with sse, connect(f"ws://127.0.0.1:{inst.streaming_port}/api/v1/streaming?stream=user", subprotocols=[alice.token]) as ws:
        assert inst.wait_for_streams(2) == [("hashtag:local", "cats"), ("user",)]
        ws.send(json.dumps({"type": "subscribe", "stream": "public"}))
        assert inst.wait_for_streams(3) == [("hashtag:local", "cats"), ("public",), ("user",)]
    wait_until(lambda: inst.open_streams == [], what="the server to see the clients go")
