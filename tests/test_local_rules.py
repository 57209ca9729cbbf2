"""LocalInstance's finer feed rules in plain HTTP: which replies and boosts land
in which feed, list reply policies, hashtag and profile filters, edits of media
and polls, and the odd corners of statuses, media and follows."""

from __future__ import annotations

import time

import pytest

from mastodon.testing import LocalInstance

from .local_http import Http, inst_fixture, sign_up  # noqa: F401  (fixtures)

INSTANCE_OPTIONS = {"media_delay": 0}

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000040000000308060000009db7e5b9") + b"\0" * 32
GIF = b"GIF89a" + (5).to_bytes(2, "little") + (6).to_bytes(2, "little") + b"\0" * 16
JPEG = b"\xff\xd8" + b"\xff\xe0\x00\x04\x00\x00" + b"\xff\xc0\x00\x11\x08" + (7).to_bytes(2, "big") + (9).to_bytes(2, "big") + b"\0" * 12


@pytest.fixture
def people(inst: LocalInstance) -> tuple[Http, Http, Http]:
    return sign_up(inst, "alice"), sign_up(inst, "bob"), sign_up(inst, "carol")


def _id(client: Http) -> str:
    account_id: str = client.ok("GET", "/api/v1/accounts/verify_credentials")["id"]
    return account_id


def _texts(statuses: list[dict[str, object]]) -> list[str]:
    return [str(s["content"]) if not s.get("reblog") else "boost of " + str(s["reblog"]["content"]) for s in statuses]  # type: ignore[index]


def test_home_feed_replies_and_boosts(people: tuple[Http, Http, Http]) -> None:
    alice, bob, carol = people
    bob_id, carol_id = _id(bob), _id(carol)
    alice.ok("POST", f"/api/v1/accounts/{bob_id}/follow", data={"reblogs": "false"})
    to_carol = carol.ok("POST", "/api/v1/statuses", data={"status": "carol speaks"})
    bob.ok("POST", "/api/v1/statuses", data={"status": "@carol to a stranger", "in_reply_to_id": to_carol["id"]})
    own = bob.ok("POST", "/api/v1/statuses", data={"status": "thread start"})
    bob.ok("POST", "/api/v1/statuses", data={"status": "thread goes on", "in_reply_to_id": own["id"]})
    bob.ok("POST", f"/api/v1/statuses/{to_carol['id']}/reblog")
    # Replies to people alice does not follow stay out of her feed; so do bob's boosts, which she turned off.
    assert _texts(alice.ok("GET", "/api/v1/timelines/home")) == ["<p>thread goes on</p>", "<p>thread start</p>"]
    alice.ok("POST", f"/api/v1/accounts/{bob_id}/follow", data={"reblogs": "true"})
    alice.ok("POST", f"/api/v1/accounts/{carol_id}/follow")
    assert _texts(alice.ok("GET", "/api/v1/timelines/home"))[0] == "boost of <p>carol speaks</p>"
    assert len(alice.ok("GET", "/api/v1/timelines/home")) == 5
    # Public timelines leave out boosts and replies to others, and can ask for media only.
    assert _texts(bob.ok("GET", "/api/v1/timelines/public")) == ["<p>thread goes on</p>", "<p>thread start</p>", "<p>carol speaks</p>"]
    assert bob.ok("GET", "/api/v1/timelines/public", params={"only_media": "true"}) == []
    assert bob.ok("GET", "/api/v1/timelines/public", params={"remote": "true"}) == []
    assert len(bob.ok("GET", "/api/v1/timelines/public", params={"local": "true"})) == 3
    removed = bob.ok("POST", f"/api/v1/accounts/{_id(alice)}/remove_from_followers")
    assert removed["followed_by"] is False


def test_list_reply_policies(inst: LocalInstance, people: tuple[Http, Http, Http]) -> None:
    alice, bob, carol = people
    bob_id, carol_id = _id(bob), _id(carol)
    for target in (bob_id, carol_id):
        alice.ok("POST", f"/api/v1/accounts/{target}/follow")
    dave = sign_up(inst, "dave")
    to_carol = carol.ok("POST", "/api/v1/statuses", data={"status": "carol"})
    to_dave = dave.ok("POST", "/api/v1/statuses", data={"status": "dave"})
    bob.ok("POST", "/api/v1/statuses", data={"status": "@carol hi carol", "in_reply_to_id": to_carol["id"]})
    bob.ok("POST", "/api/v1/statuses", data={"status": "@dave hi dave", "in_reply_to_id": to_dave["id"]})
    seen = {}
    for policy in ("list", "followed", "none"):
        created = alice.ok("POST", "/api/v1/lists", data={"title": policy, "replies_policy": policy})
        alice.ok("POST", f"/api/v1/lists/{created['id']}/accounts", data={"account_ids[]": bob_id})
        seen[policy] = [s["content"].rsplit(" ", 2)[-2:] for s in alice.ok("GET", f"/api/v1/timelines/list/{created['id']}")]
    assert seen["list"] == []  # carol and dave are not in the list
    assert seen["followed"] == [["hi", "carol</p>"]]  # alice follows carol, not dave
    assert seen["none"] == []
    assert alice.post("/api/v1/lists", data={"title": "x", "replies_policy": "everyone"}).status_code == 422
    assert alice.put("/api/v1/lists/1", data={"title": "x"}).status_code == 404
    everyone = alice.ok("POST", "/api/v1/lists", data={"title": "all"})
    assert alice.put(f"/api/v1/lists/{everyone['id']}", data={"title": " "}).status_code == 422
    assert alice.ok("GET", f"/api/v1/lists/{everyone['id']}/accounts", params={"limit": "0"}) == []


def test_hashtag_and_profile_filters(people: tuple[Http, Http, Http]) -> None:
    alice, bob, _ = people
    media = alice.ok("POST", "/api/v1/media", files={"file": ("p.png", PNG, "image/png")})
    pic = alice.ok("POST", "/api/v1/statuses", data={"status": "#cats #dogs picture", "media_ids[]": media["id"]})
    cats = alice.ok("POST", "/api/v1/statuses", data={"status": "#cats only"})
    dogs = alice.ok("POST", "/api/v1/statuses", data={"status": "#dogs only"})
    reply = alice.ok("POST", "/api/v1/statuses", data={"status": "to myself", "in_reply_to_id": cats["id"]})
    bob.ok("POST", f"/api/v1/statuses/{cats['id']}/reblog")

    def tag(name: str, **params: str) -> list[str]:
        return [s["id"] for s in bob.ok("GET", f"/api/v1/timelines/tag/{name}", params=params)]

    assert tag("cats") == [cats["id"], pic["id"]]
    assert tag("CATS", **{"any[]": "dogs"}) == [dogs["id"], cats["id"], pic["id"]]
    assert tag("cats", **{"all[]": "dogs"}) == [pic["id"]]
    assert tag("cats", **{"none[]": "dogs"}) == [cats["id"]]
    assert tag("cats", only_media="true") == [pic["id"]]
    assert tag("cats", remote="true") == []
    assert bob.get("/api/v1/tags/unknown").status_code == 404

    def profile(**params: str) -> list[str]:
        return [s["id"] for s in bob.ok("GET", f"/api/v1/accounts/{_id(alice)}/statuses", params=params)]

    assert profile() == [reply["id"], dogs["id"], cats["id"], pic["id"]]
    assert profile(only_media="true") == [pic["id"]]
    assert profile(tagged="dogs") == [dogs["id"], pic["id"]]
    assert profile(exclude_replies="true") == [reply["id"], dogs["id"], cats["id"], pic["id"]]  # replies to oneself stay
    bob_reblogs = [s["id"] for s in alice.ok("GET", f"/api/v1/accounts/{_id(bob)}/statuses", params={"exclude_reblogs": "true"})]
    assert bob_reblogs == []
    bob.ok("POST", f"/api/v1/accounts/{_id(alice)}/block")
    assert alice.ok("GET", f"/api/v1/accounts/{_id(bob)}/statuses") == []


def test_media_kinds_and_sizes(people: tuple[Http, Http, Http]) -> None:
    alice, _, _ = people
    sizes = {}
    for name, data, mime in (("a.gif", GIF, "image/gif"), ("a.jpg", JPEG, "image/jpeg"), ("a.mp3", b"ID3", "audio/mpeg")):
        media = alice.ok("POST", "/api/v1/media", files={"file": (name, data, mime)})
        sizes[media["type"]] = media["meta"].get("original", {}).get("size")
    assert sizes == {"gifv": "5x6", "image": "9x7", "audio": None}  # the JPEG frame says height 7, width 9
    assert alice.post("/api/v1/media", files={"file": ("e.png", b"", "image/png")}).status_code == 422
    assert alice.post("/api/v1/media", files={"file": ("p.png", PNG, "image/png")}, data={"focus": "2,0"}).status_code == 422
    assert alice.post("/api/v1/media", files={"file": ("p.png", PNG, "image/png")}, data={"focus": "x"}).status_code == 422
    assert alice.post("/api/v1/media", files={"file": ("p.png", PNG, "image/png")}, data={"description": "d" * 1501}).status_code == 422
    assert alice.get("/api/v1/media/12345").status_code == 404
    many = [alice.ok("POST", "/api/v1/media", files={"file": ("p.png", PNG, "image/png")})["id"] for _ in range(5)]
    assert alice.post("/api/v1/statuses", data={"status": "x", "media_ids[]": many}).status_code == 422
    poll_and_media = [
        ("status", "x"),
        ("media_ids[]", many[0]),
        ("poll[options][]", "a"),
        ("poll[options][]", "b"),
        ("poll[expires_in]", "600"),
    ]
    assert alice.post("/api/v1/statuses", data=poll_and_media).status_code == 422
    assert alice.put(f"/api/v1/media/{many[0]}", data={"description": "d" * 1501}).status_code == 422
    assert alice.ok("PUT", f"/api/v1/media/{many[0]}", data={"focus": "0.1,0.2"})["meta"]["focus"] == {"x": 0.1, "y": 0.2}
    avatar = alice.patch("/api/v1/accounts/update_credentials", files={"header": ("a.mp3", b"ID3", "audio/mpeg")})
    assert avatar.status_code == 422


def test_editing_media_and_polls_and_deleting_with_media(people: tuple[Http, Http, Http]) -> None:
    alice, bob, _ = people
    first = alice.ok("POST", "/api/v1/media", files={"file": ("p.png", PNG, "image/png")})
    second = alice.ok("POST", "/api/v1/media", files={"file": ("p.png", PNG, "image/png")})
    status = alice.ok("POST", "/api/v1/statuses", data={"status": "pictures", "media_ids[]": first["id"]})
    edited = alice.ok(
        "PUT",
        f"/api/v1/statuses/{status['id']}",
        data=[
            ("status", "pictures, edited"),
            ("media_ids[]", second["id"]),
            ("media_attributes[][id]", second["id"]),
            ("media_attributes[][description]", "the second"),
            ("media_attributes[][focus]", "0,0"),
        ],
    )
    assert [m["id"] for m in edited["media_attachments"]] == [second["id"]] and edited["media_attachments"][0][
        "description"
    ] == "the second"
    assert alice.ok("DELETE", f"/api/v1/media/{first['id']}") == {}  # detached by the edit
    poll = [("status", "q"), ("poll[options][]", "a"), ("poll[options][]", "b"), ("poll[expires_in]", "600")]
    question = alice.ok("POST", "/api/v1/statuses", data=poll)
    bob.ok("POST", f"/api/v1/statuses/{question['id']}/reblog")
    changed = alice.ok("PUT", f"/api/v1/statuses/{question['id']}", data=[*poll[:2], ("poll[options][]", "c"), poll[3]])
    assert [o["title"] for o in changed["poll"]["options"]] == ["a", "c"]
    assert alice.ok("GET", f"/api/v1/statuses/{question['id']}/history")[0]["poll"]["options"] == [{"title": "a"}, {"title": "b"}]
    assert [n["type"] for n in bob.ok("GET", "/api/v1/notifications")] == ["update"]  # boosters hear of edits
    assert alice.ok("PUT", f"/api/v1/statuses/{question['id']}", data={"status": "no poll any more"})["poll"] is None
    gone = alice.ok("DELETE", f"/api/v1/statuses/{status['id']}", params={"delete_media": "true"})
    assert gone["text"] == "pictures, edited"
    assert alice.get(f"/api/v1/media/{second['id']}").status_code == 404
    assert bob.get(f"/api/v1/statuses/{question['id']}/source").status_code == 404


def test_boosts_pins_follows_and_other_refusals(inst: LocalInstance, people: tuple[Http, Http, Http]) -> None:
    alice, bob, carol = people
    alice_id = _id(alice)
    bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow")
    private = alice.ok("POST", "/api/v1/statuses", data={"status": "mine", "visibility": "private"})
    assert bob.post(f"/api/v1/statuses/{private['id']}/reblog").status_code == 403
    assert alice.ok("POST", f"/api/v1/statuses/{private['id']}/reblog", data={"visibility": "private"})["visibility"] == "private"
    public = alice.ok("POST", "/api/v1/statuses", data={"status": "public"})
    assert bob.post(f"/api/v1/statuses/{public['id']}/reblog", data={"visibility": "direct"}).status_code == 422
    boost = bob.ok("POST", f"/api/v1/statuses/{public['id']}/reblog")
    assert bob.ok("GET", f"/api/v1/statuses/{boost['id']}")["reblog"]["id"] == public["id"]
    assert bob.post(f"/api/v1/statuses/{boost['id']}/pin").status_code == 422
    assert alice.post(f"/api/v1/statuses/{public['id']}/unpin").status_code == 200
    direct = alice.ok("POST", "/api/v1/statuses", data={"status": "@bob psst", "visibility": "direct"})
    assert alice.post(f"/api/v1/statuses/{direct['id']}/pin").status_code == 422
    for n in range(5):
        pinned = alice.ok("POST", "/api/v1/statuses", data={"status": f"pin {n}"})
        alice.ok("POST", f"/api/v1/statuses/{pinned['id']}/pin")
    assert alice.post(f"/api/v1/statuses/{public['id']}/pin").status_code == 422  # five at most
    assert bob.post(f"/api/v1/statuses/{direct['id']}/reblog").status_code == 403
    assert alice.post(f"/api/v1/accounts/{alice_id}/follow").status_code == 403
    assert alice.post(f"/api/v1/accounts/{alice_id}/mute").status_code == 403
    assert alice.post(f"/api/v1/accounts/{alice_id}/block").status_code == 403
    assert alice.post(f"/api/v1/accounts/{alice_id}/note", data={"comment": "me"}).status_code == 403
    assert bob.post(f"/api/v1/accounts/{alice_id}/mute", data={"duration": "-1"}).status_code == 422
    assert bob.ok("POST", f"/api/v1/accounts/{alice_id}/follow", data={"notify": "true"})["notifying"] is True
    alice.ok("DELETE", f"/api/v1/statuses/{public['id']}")  # deleting removes the boosts too
    assert bob.get(f"/api/v1/statuses/{boost['id']}").status_code == 404
    assert carol.post("/api/v1/statuses", data={"status": "reply", "in_reply_to_id": private["id"]}).status_code == 404
    assert bob.ok("POST", "/api/v1/statuses", data={"status": "reply", "in_reply_to_id": private["id"]})["visibility"] == "private"
    scheduled_reply = bob.ok(
        "POST",
        "/api/v1/statuses",
        data={
            "status": "later",
            "in_reply_to_id": public["id"],
            "scheduled_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 900)),
        },
    )
    assert bob.get(f"/api/v1/scheduled_statuses/{scheduled_reply['id']}").status_code == 200
    inst.advance_time(901)  # the status it answered is gone: like Mastodon, nothing is published
    assert bob.ok("GET", "/api/v1/scheduled_statuses") == []
    assert [s["content"] for s in bob.ok("GET", f"/api/v1/accounts/{_id(bob)}/statuses")] == ["<p>reply</p>"]
