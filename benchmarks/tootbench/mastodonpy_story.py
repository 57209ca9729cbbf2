"""A user story told with Mastodon.py, run by ``local_instance.py --compare``.

    <venv python> -I mastodonpy_story.py ENV_FILE

Runs in a comparison venv (see ``venvs.py``), so it imports Mastodon.py and the
standard library only. ``ENV_FILE`` is the file ``python -m mastodon serve
--users alice,bob --env-file ENV_FILE`` wrote. The story: both users log in
with their tokens, Alice posts, Bob follows her, replies, favourites and boosts,
Alice pages her home timeline with ``fetch_next``, uploads an image and posts a
poll Bob votes in, both read their notifications, and Alice's ``stream_user``
(in a thread) receives an ``update`` and a ``notification``.

Prints one JSON object on its last line: ``{"ok": true, "seconds": ...}``, or
``{"ok": false, "step": ..., "error": ...}`` naming the step that failed. Run
with ``-I`` so that this folder's modules never shadow anything of the venv.
"""

from __future__ import annotations

import json
import shlex
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mastodon import Mastodon, StreamListener

WAIT = 10.0  # seconds any one thing may take before the story gives up on it


class StoryFailed(Exception):
    """A step ran but did not give what the story expected."""


def read_env_file(path: str) -> dict[str, str]:
    """The ``NAME='value'`` lines ``serve`` writes, as a dict."""
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        for word in shlex.split(line):
            name, _, value = word.partition("=")
            values[name] = value
    return values


def one_pixel_png() -> bytes:
    """A valid 1x1 grey PNG, so that the story needs no file of its own."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise StoryFailed(what)


class Collector(StreamListener):
    """Keeps the ``update`` and ``notification`` events a stream delivers."""

    def __init__(self) -> None:
        super().__init__()
        self.updates: list[Any] = []
        self.notifications: list[Any] = []
        self.connected = threading.Event()
        self.both = threading.Event()

    def handle_heartbeat(self) -> None:
        # The server's first line is a comment (":)"): from then on the stream is subscribed.
        self.connected.set()

    def on_update(self, status: Any) -> None:
        self.updates.append(status)
        self._check()

    def on_notification(self, notification: Any) -> None:
        self.notifications.append(notification)
        self._check()

    def _check(self) -> None:
        if self.updates and self.notifications:
            self.both.set()


class Story:
    """The steps, in order; each is a method, and its name is what a failure reports."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.first: Any = None  # alice's first post, which bob answers

    def log_in(self) -> None:
        base = self.env["BASE_URL"]
        self.alice = Mastodon(access_token=self.env["ALICE_TOKEN"], api_base_url=base)
        self.bob = Mastodon(access_token=self.env["BOB_TOKEN"], api_base_url=base)
        expect(self.alice.account_verify_credentials()["username"] == "alice", "alice's token is not alice's")
        expect(self.bob.account_verify_credentials()["username"] == "bob", "bob's token is not bob's")

    def post(self) -> None:
        self.first = self.alice.status_post("Hello from Mastodon.py")
        for number in range(11):
            self.alice.status_post(f"note {number}")

    def follow(self) -> None:
        relationship = self.bob.account_follow(self.env["ALICE_ID"])
        expect(relationship["following"] is True, "bob does not follow alice")

    def reply(self) -> None:
        reply = self.bob.status_reply(self.first, "Welcome!")
        expect(str(reply["in_reply_to_id"]) == str(self.first["id"]), "the reply is not in reply to the post")
        expect([mention["acct"] for mention in reply["mentions"]] == ["alice"], "the reply does not mention alice")

    def favourite(self) -> None:
        favourited = self.bob.status_favourite(self.first)
        expect(favourited["favourited"] is True and favourited["favourites_count"] == 1, "the favourite was not counted")

    def boost(self) -> None:
        boost = self.bob.status_reblog(self.first)
        expect(str(boost["reblog"]["id"]) == str(self.first["id"]), "the boost is not of the post")

    def page_home_timeline(self) -> None:
        page, pages, seen = self.alice.timeline_home(limit=5), 0, []
        while page:
            pages += 1
            seen += [str(status["id"]) for status in page]
            page = self.alice.fetch_next(page)
        expect(pages == 3, f"12 statuses came in {pages} pages of 5, not 3")
        expect(len(set(seen)) == 12, f"paging gave {len(set(seen))} different statuses, expected alice's 12")

    def upload_media(self) -> None:
        media = self.alice.media_post(one_pixel_png(), "image/png", description="one grey pixel")
        deadline = time.monotonic() + WAIT
        while media["url"] is None:  # Mastodon.py's synchronous=True would sleep 5 s between checks
            expect(time.monotonic() < deadline, "the upload was never processed")
            time.sleep(0.05)
            media = self.alice.media(media["id"])
        status = self.alice.status_post("A pixel", media_ids=[media["id"]])
        expect([str(m["id"]) for m in status["media_attachments"]] == [str(media["id"])], "the media is not attached")

    def vote(self) -> None:
        poll = self.alice.make_poll(["tea", "coffee"], expires_in=600)
        status = self.alice.status_post("Tea or coffee?", poll=poll)
        self.bob.poll_vote(status["poll"]["id"], [0])  # Mastodon.py 1.x returns None here, so read the poll back
        voted = self.bob.poll(status["poll"]["id"])
        expect(voted["votes_count"] == 1 and list(voted["own_votes"]) == [0], "the vote was not counted")

    def read_notifications(self) -> None:
        kinds = sorted(note["type"] for note in self.alice.notifications())
        expect(kinds == ["favourite", "follow", "mention", "reblog"], f"alice's notifications are {kinds}")

    def stream(self) -> None:
        listener = Collector()
        handle = self.alice.stream_user(listener, run_async=True)
        try:
            expect(listener.connected.wait(WAIT), "the stream never connected")
            self.alice.status_post("Streamed")
            self.bob.status_post("@alice are you streaming?")
            expect(listener.both.wait(WAIT), f"streamed {len(listener.updates)} updates, {len(listener.notifications)} notifications")
        finally:
            handle.close()
        expect(listener.updates[0]["content"] == "<p>Streamed</p>", "the update is not alice's post")
        expect(listener.notifications[0]["type"] == "mention", "the notification is not bob's mention")

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        order = ["log_in", "post", "follow", "reply", "favourite", "boost", "page_home_timeline", "upload_media", "vote"]
        order += ["read_notifications", "stream"]
        return [(name, getattr(self, name)) for name in order]


def main(argv: list[str]) -> int:
    story = Story(read_env_file(argv[1]))
    started = time.perf_counter()
    for name, step in story.steps():
        try:
            step()
        except Exception as error:  # noqa: BLE001 - whatever Mastodon.py raises is the result being reported
            print(json.dumps({"ok": False, "step": name, "error": f"{type(error).__name__}: {error}"}))
            return 1
    print(json.dumps({"ok": True, "seconds": time.perf_counter() - started}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
