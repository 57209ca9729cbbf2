"""Whole user stories of the library, run against LocalInstance: signing up and
logging in, posting and replying, timelines page by page, notifications and
their policy, media, polls, filters, hashtags, trends, announcements, streaming
over SSE and WebSocket, and the failures a bot must survive."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mastodon import (
    CallbackStreamListener,
    Mastodon,
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServiceUnavailableError,
)
from mastodon.testing import LocalInstance

from .helpers import wait_until
from .local_http import inst_fixture  # noqa: F401  (fixtures)

INSTANCE_OPTIONS = {"media_delay": 0.1}

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000020000000208060000009db7e5b9") + b"\0" * 32


class Recorder:
    """A stream listener that keeps what it receives and lets a test wait for it."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.changed = threading.Condition()

    def add(self, name: str, value: Any) -> None:
        with self.changed:
            self.events.append((name, value))
            self.changed.notify_all()

    def listener(self) -> CallbackStreamListener:
        return CallbackStreamListener(
            update_handler=lambda s: self.add("update", s),
            notification_handler=lambda n: self.add("notification", n),
            delete_handler=lambda i: self.add("delete", i),
            status_update_handler=lambda s: self.add("status.update", s),
            conversation_handler=lambda c: self.add("conversation", c),
        )

    def wait_for(self, count: int, timeout: float = 10) -> list[str]:
        with self.changed:
            self.changed.wait_for(lambda: len(self.events) >= count, timeout)
            return [name for name, _ in self.events]


def test_sign_up_log_in_and_revoke_with_the_client(inst: LocalInstance, tmp_path: Any) -> None:
    client_file = tmp_path / "app.secret"
    Mastodon.create_app("story bot", api_base_url=inst.url, to_file=client_file, scopes="read write follow")
    newcomer = Mastodon(client_id=client_file)
    newcomer.create_account("dana", "correct horse battery", "dana@example.test", agreement=True, scopes="read write follow")
    assert newcomer.me().username == "dana"
    assert newcomer.app_verify_credentials().name == "story bot"

    again = Mastodon(client_id=client_file)
    token_file = tmp_path / "user.secret"
    again.log_in("dana@example.test", "correct horse battery", scopes="read write", to_file=token_file)
    assert Mastodon(access_token=token_file).me().username == "dana"
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(client_id=client_file).log_in("dana@example.test", "wrong password")

    inst.auto_authorize = "dana"
    url = again.auth_request_url(scopes="read", allow_http=True)  # a local server: plain http
    assert url.startswith(inst.url + "/oauth/authorize?")
    import requests

    page = requests.get(url, timeout=10)  # out-of-band redirect: the code is shown on a page
    code = page.text.split('value="')[1].split('"')[0]
    by_code = Mastodon(client_id=client_file)
    by_code.log_in(code=code, scopes="read")
    assert by_code.me().username == "dana"
    assert by_code.oauth_authorization_server_info().token_endpoint == inst.url + "/oauth/token"

    again.revoke_access_token()
    with pytest.raises(MastodonAPIError) as revoked:
        Mastodon(access_token=token_file).me()
    assert revoked.value.status_code == 401


def test_posting_replying_and_reading_a_thread(inst: LocalInstance) -> None:
    alice = inst.create_user("alice", display_name="Alice")
    bob = inst.create_user("bob")
    bob.account_follow(alice.me())
    question = alice.toot("Who likes #tea?")
    answer = bob.status_reply(question, "I do!")
    alice.status_favourite(answer)
    boosted = alice.status_reblog(answer)
    assert boosted.reblog.id == answer.id

    thread = bob.status_context(question)
    assert [s.id for s in thread.descendants] == [answer.id]
    assert answer.in_reply_to_id == question.id and answer.mentions[0].acct == "alice"
    assert [n.type for n in alice.notifications()] == ["mention", "follow"]
    assert [n.type for n in bob.notifications()] == ["reblog", "favourite"]
    assert bob.status(answer.id).favourites_count == 1 and bob.status(answer.id).reblogs_count == 1
    assert [s.id for s in bob.timeline_hashtag("tea")] == [question.id]
    assert bob.account_statuses(alice.me())[0].reblog.id == answer.id  # alice's boost is on her profile
    assert [s.id for s in bob.timeline_home()] == [answer.id, question.id]  # a boost of your own post is not in your feed
    assert bob.timeline_home()[1].account.display_name == "Alice"
    assert alice.account_relationships(bob.me())[0].followed_by is True
    assert [a.acct for a in alice.account_followers(alice.me())] == ["bob"]

    edited = alice.status_update(question, "Who likes #tea? Or coffee?")
    assert edited.edited_at is not None and len(alice.status_history(question)) == 2
    alice.status_delete(question)
    with pytest.raises(MastodonNotFoundError):
        bob.status(question.id)


def test_timelines_page_by_page(inst: LocalInstance) -> None:
    alice = inst.create_user("alice")
    ids = [inst.post("alice", f"status number {n}") for n in range(130)]
    newest_first = [int(i) for i in reversed(ids)]

    page = alice.timeline_home(limit=40)
    walked = []
    while page:
        assert len(page) <= 40
        walked += [s.id for s in page]
        page = alice.fetch_next(page)
    assert walked == newest_first

    everything = alice.fetch_remaining(alice.timeline_public(limit=40))
    assert [s.id for s in everything] == newest_first
    assert [s.id for s in alice.timeline_home(max_id=ids[100], limit=3)] == newest_first[30:33]

    first = alice.timeline_home(limit=5)
    newer = [int(inst.post("alice", f"newer {n}")) for n in range(3)]
    previous = alice.fetch_previous(first)
    assert sorted(s.id for s in previous) == newer
    assert alice.fetch_next(alice.timeline_home(min_id=newer[-1])) is None  # an empty page has nowhere to go


def test_notifications_and_markers(inst: LocalInstance) -> None:
    alice, bob, carol = (inst.create_user(name) for name in ("alice", "bob", "carol"))
    post = alice.toot("Notice me")
    for fan in (bob, carol):
        fan.account_follow(alice.me())
        fan.status_favourite(post)
    carol.toot("@alice hi")
    everything = alice.notifications()
    assert [n.type for n in everything] == ["mention", "favourite", "follow", "favourite", "follow"]
    assert [n.type for n in alice.notifications(types=["follow"])] == ["follow", "follow"]
    grouped = alice.grouped_notifications()
    assert [g.type for g in grouped.notification_groups] == ["mention", "favourite", "follow"]
    assert grouped.notification_groups[1].notifications_count == 2
    alice.markers_set("notifications", everything[0])
    assert alice.markers_get("notifications")["notifications"].last_read_id == everything[0].id
    alice.notifications_dismiss(everything[0])
    assert len(alice.notifications()) == 4
    alice.notifications_clear()
    assert alice.notifications() == []


def test_media_and_polls(inst: LocalInstance) -> None:
    alice, bob = inst.create_user("alice"), inst.create_user("bob")
    media = alice.media_post(PNG, "image/png", description="two by two", synchronous=True)
    assert media.url is not None and media.meta.original.width == 2
    alice.media_update(media, description="a tiny square")
    shown = alice.status_post("Look", media_ids=[media])
    assert shown.media_attachments[0].description == "a tiny square"

    poll_post = alice.status_post("Best season?", poll=alice.make_poll(["spring", "autumn"], expires_in=600))
    voted = bob.poll_vote(poll_post.poll, 1)
    assert voted.own_votes == [1] and voted.votes_count == 1
    with pytest.raises(MastodonAPIError) as twice:
        bob.poll_vote(poll_post.poll, 0)
    assert twice.value.status_code == 422
    inst.advance_time(601)
    assert bob.poll(poll_post.poll).expired is True
    assert [n.type for n in bob.notifications()] == ["poll"]


def test_filters_lists_conversations_and_search(inst: LocalInstance) -> None:
    alice, bob = inst.create_user("alice"), inst.create_user("bob")
    bob.account_follow(alice.me())
    bob.create_filter_v2("spoilers", ["home"], "hide", keywords_attributes=[{"keyword": "finale"}])
    alice.toot("The finale!")
    alice.toot("Something else")
    assert [s.content for s in bob.timeline_home()] == ["<p>Something else</p>"]

    friends = bob.list_create("friends")
    bob.list_accounts_add(friends, [alice.me()])
    assert [s.content for s in bob.timeline_list(friends)] == ["<p>Something else</p>"]

    alice.status_post("@bob just us", visibility="direct")
    conversations = bob.conversations()
    assert len(conversations) == 1 and conversations[0].unread is True
    bob.conversations_read(conversations[0])
    assert bob.conversations()[0].unread is False

    assert [a.acct for a in bob.search_v2("alice").accounts] == ["alice"]
    report = bob.report(alice.me(), comment="testing reports")
    assert report.target_account.acct == "alice"


def test_a_bot_answers_direct_messages_once_its_owner_accepts_them(inst: LocalInstance) -> None:
    bot, bob = inst.create_user("bot"), inst.create_user("bob")
    bob.status_post("@bot are you there?", visibility="direct")
    assert bot.notifications() == []  # Mastodon's default policy: a stranger's private mention waits
    (request,) = bot.notification_requests()
    assert request.account.acct == "bob" and request.last_status.visibility == "direct"
    bot.accept_notification_request(request)
    bot.update_notifications_policy(for_private_mentions="accept")
    carol = inst.create_user("carol")
    carol.status_post("@bot me too", visibility="direct")
    assert [n.account.acct for n in bot.notifications(types=["mention"])] == ["carol", "bob"]
    grouped = bot.grouped_notifications()  # partial_avatars, the client's default
    assert [g.type for g in grouped.notification_groups] == ["mention", "mention"]


def test_hashtags_filters_trends_and_announcements_from_the_client(inst: LocalInstance) -> None:
    alice, bob = inst.create_user("alice"), inst.create_user("bob")
    assert bob.tag_follow("python").following is True
    release = alice.toot("Release day! #Python")
    assert [s.id for s in bob.timeline_home()] == [release.id]
    assert [t.name for t in bob.followed_tags()] == ["python"]
    assert alice.featured_tag_create("python").name == "python"
    assert [t.name for t in alice.featured_tags()] == ["python"]

    bob.status_favourite(release)
    assert [t.name for t in bob.trending_tags()] == ["python"]
    assert [s.id for s in bob.trending_statuses()] == [release.id]

    assert bob.filter_create("release", "home", irreversible=True).phrase == "release"
    assert bob.timeline_home() == []  # irreversible: the server drops it
    assert bob.filters_apply(alice.timeline_hashtag("python"), bob.filters(), "home") == []  # and so can the client

    inst.announce("Welcome to the local instance!")
    (welcome,) = bob.announcements()
    bob.announcement_reaction_create(welcome, "👋")
    bob.announcement_dismiss(welcome)
    welcome = bob.announcements()[0]
    assert welcome.read is True and [(r.name, r.count, r.me) for r in welcome.reactions] == [("👋", 1, True)]


def test_streaming_over_sse_with_reconnect_and_catch_up(inst: LocalInstance) -> None:
    alice, bob = inst.create_user("alice"), inst.create_user("bob")
    bob.account_follow(alice.me())
    recorder = Recorder()
    handle = bob.stream_user(recorder.listener(), run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05, catch_up=True)
    try:
        wait_until(lambda: handle.is_receiving())
        first = alice.toot("@bob first")
        assert sorted(recorder.wait_for(2)) == ["notification", "update"]
        alice.status_update(first, "@bob first, edited")
        alice.status_delete(first)
        assert recorder.wait_for(4)[2:] == ["status.update", "delete"]

        assert inst.drop_streams() == 1
        missed = alice.toot("posted while the stream was down")  # may arrive live or through catch-up, once either way
        wait_until(lambda: len([e for e in recorder.events if e[0] == "update"]) >= 2)
        later = alice.toot("after the reconnect")
        wait_until(lambda: any(e[0] == "update" and e[1].id == later.id for e in recorder.events))
        updates = [e[1].id for e in recorder.events if e[0] == "update"]
        assert updates == [first.id, missed.id, later.id]
    finally:
        handle.close()


def test_streaming_over_websocket(inst: LocalInstance) -> None:
    alice, bob = inst.create_user("alice"), inst.create_user("bob")
    bob.account_follow(alice.me())
    user, tags = Recorder(), Recorder()
    handle = bob.stream_open_websocket()
    try:
        bob.stream_user(user.listener(), websocket_handle=handle)
        bob.stream_hashtag("python", tags.listener(), websocket_handle=handle)
        assert inst.wait_for_streams(2) == [("hashtag", "python"), ("user",)]
        status = alice.toot("#python and @bob")
        assert sorted(user.wait_for(2)) == ["notification", "update"]
        assert tags.wait_for(1) == ["update"] and tags.events[0][1].id == status.id
        alice.status_post("@bob direct", visibility="direct")
        assert user.wait_for(4)[2:] == ["notification", "update"]
    finally:
        handle.close()


def test_a_bot_survives_what_servers_do(inst: LocalInstance) -> None:
    alice = inst.create_user("alice", ratelimit_method="throw")
    inst.fail_next(2, 503, retry_after=0)
    assert alice.timeline_home() == []  # retried after two 503s
    inst.fail_next(5, 503, retry_after=0)
    with pytest.raises(MastodonServiceUnavailableError):
        alice.timeline_home()
    inst.behave()  # forget the failure still queued
    inst.drop_next(path="/api/v1/statuses")
    posted = alice.toot("sent once, even though the first try was cut")  # retried with the same Idempotency-Key
    assert [s.id for s in alice.timeline_home()] == [posted.id]

    inst.rate_limit(2, window=60)
    alice.timeline_home()
    with pytest.raises(MastodonRatelimitError):
        for _ in range(3):
            alice.timeline_home()
    assert alice.ratelimit_limit == 2
    inst.rate_limit(None)

    writer = inst.create_user("writer", scopes="write:statuses")
    with pytest.raises(MastodonAPIError) as denied:
        writer.timeline_home()
    assert denied.value.status_code == 403 and denied.value.error == "This action is outside the authorized scopes"


def test_other_servers_version_strings_reach_the_client(inst: LocalInstance) -> None:
    for version, expected in (
        ("4.3.0+glitch", (4, 3, 0)),
        ("2.7.2 (compatible; Akkoma 3.13.2)", (2, 7, 2)),
        # GoToSocial claims no Mastodon version: the newest supported one is assumed
        ("v0.20.0-rc1 git-6b1c8a1", tuple(int(part) for part in Mastodon.get_supported_version().split("."))),
    ):
        inst.version = version
        client = inst.create_user(f"user{expected[1]}")
        assert (client.mastodon_major, client.mastodon_minor, client.mastodon_patch) == expected
        unchecked = Mastodon(access_token=inst.user(f"user{expected[1]}").access_token, api_base_url=inst.url, version_check_mode="none")
        assert unchecked.instance_v1().version == version
