"""``python -m mastodon demo``: a guided tour of what pytooter does.

Without arguments the tour runs against a :class:`~mastodon.testing.LocalInstance`
started for it (needs the ``testing`` extra): it registers an app, signs up and
logs in two users, posts, replies, favourites, boosts, follows, reads timelines
page by page, uploads an image, votes in a poll and receives streamed events.
With ``api_base_url`` (and optionally an access token) it runs the read-only
part of the tour against a real instance instead.

Only the public client API is used, the way a program of yours would use it.
"""

from __future__ import annotations

import html
import re
import struct
import threading
import time
import zlib
from typing import IO, TYPE_CHECKING, Any

from ..errors import MastodonError

if TYPE_CHECKING:
    from ..types import PaginatableList, Status

_TAGS = re.compile(r"<[^>]+>")


def plain(content: str, width: int = 70) -> str:
    """A status's HTML as one line of text, shortened to ``width``."""
    text = re.sub(r"<br\s*/?>", " ", content.replace("</p><p>", " / "))
    text = html.unescape(_TAGS.sub("", text))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def tiny_png(width: int = 16, height: int = 16) -> bytes:
    """A small colour gradient as a valid PNG, made here so the demo needs no files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + b"".join(bytes((x * 16, y * 16, 160)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Tour:
    """Numbered steps printed as they happen."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.number = 0

    def step(self, text: str) -> None:
        self.number += 1
        self.say(f"{self.number:>2}. {text}")

    def detail(self, text: str) -> None:
        self.say(f"      {text}")

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def run_embedded(out: IO[str]) -> int:
    """The whole tour on a LocalInstance started for it."""
    from .. import CallbackStreamListener, Mastodon
    from . import LocalInstance

    tour = Tour(out)
    tour.say("pytooter demo: the Mastodon API on a local instance (everything stays on this machine)")
    with LocalInstance() as inst:
        tour.step(f"Started a Mastodon-compatible instance at {inst.url} (streaming at {inst.streaming_url})")

        client_id, client_secret = Mastodon.create_app("pytooter demo", api_base_url=inst.url, scopes="read write follow")
        tour.step(f'Registered the app "pytooter demo" (client id {client_id[:8]}…)')

        alice = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=inst.url)
        alice.create_account("alice", "alice's long password", "alice@example.test", agreement=True, scopes="read write follow")
        signup = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=inst.url)
        signup.create_account("bob", "bob's long password", "bob@example.test", agreement=True, scopes="read write follow")
        bob = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=inst.url)
        bob.log_in("bob@example.test", "bob's long password", scopes="read write follow")
        alice.account_update_credentials(display_name="Alice", note="Tries every new API.")
        tour.step(f"Signed up @alice and @bob, and logged bob in with his password (@{bob.me().acct})")

        streamed: list[str] = []
        arrived = threading.Event()

        def remember(text: str) -> None:
            streamed.append(text)
            arrived.set()

        listener = CallbackStreamListener(
            update_handler=lambda s: remember(_describe(s)),
            notification_handler=lambda n: remember(f"notification: {n.type} from @{n.account.acct}"),
        )
        stream = bob.stream_user(listener, run_async=True, reconnect_async=True)
        assert stream is not None  # run_async=True always gives a handle
        inst.wait_for_streams(1)  # events reach only the streams open when they happen
        tour.step("Bob opened his streaming connection (server-sent events) and listens in the background")

        relationship = bob.account_follow(alice.me())
        tour.step(f"Bob followed Alice (following: {relationship.following})")

        hello = alice.toot("Hello, world! My first post from #pytooter.")
        tour.step(f"Alice posted: {plain(hello.content)}")
        reply = bob.status_reply(hello, "Welcome, Alice!")
        tour.step(f"Bob replied: {plain(reply.content)}")
        alice.status_favourite(reply)
        bob.status_reblog(hello)
        tour.step("Alice favourited the reply and Bob boosted her post")
        thread = alice.status_context(hello)
        tour.detail(f"the thread under Alice's post has {len(thread.descendants)} reply, from @{thread.descendants[0].account.acct}")
        for note in alice.notifications():
            tour.detail(f"Alice's notification: {note.type} from @{note.account.acct}")

        for number in range(1, 46):
            alice.toot(f"Counting out loud: {number}")
        page: PaginatableList[Status] | None = bob.timeline_home(limit=20)
        pages = []
        while page:
            pages.append(len(page))
            page = bob.fetch_next(page)
        tour.step(f"Alice posted 45 more statuses; Bob read his home timeline page by page: {' + '.join(map(str, pages))} statuses")

        media = alice.media_post(tiny_png(), "image/png", description="A colour gradient", synchronous=True)
        with_media = alice.status_post("A picture, made by the demo itself.", media_ids=[media])
        # meta.original is an image's, a video's or an audio file's: only an image's has a size.
        original = media.meta.original if media.meta else None
        size = original.get("size", "size unknown") if original else "size unknown"
        tour.step(f"Alice uploaded an image ({size}) and posted it: {with_media.media_attachments[0].url}")

        poll_status = alice.status_post("Tea or coffee?", poll=alice.make_poll(["tea", "coffee"], expires_in=3600))
        assert poll_status.poll is not None  # it was posted with one
        result = bob.poll_vote(poll_status.poll, 0)
        counts = ", ".join(f"{o.title} {o.votes_count}" for o in result.options)
        tour.step(f"Alice asked a poll and Bob voted: {counts}")

        _wait(lambda: len(streamed) >= 50)
        stream.close()
        tour.step(f"Bob's stream delivered {len(streamed)} events while all this happened; the first ones:")
        for text in streamed[:6]:
            tour.detail(text)

        me = alice.me()
        tour.step(f"Alice now has {me.statuses_count} statuses and {me.followers_count} follower")
    tour.say("Done. The instance is gone; nothing was sent anywhere else.")
    return 0


def _describe(status: Status) -> str:
    if status.reblog:
        return f"update: @{status.account.acct} boosted @{status.reblog.account.acct}: {plain(status.reblog.content, 40)}"
    return f"update: @{status.account.acct}: {plain(status.content, 50)}"


def run_remote(out: IO[str], api_base_url: str, access_token: str | None) -> int:
    """The read-only part of the tour, against a real instance."""
    from .. import Mastodon

    tour = Tour(out)
    tour.say(f"pytooter demo: reading from {api_base_url} (nothing is posted or changed)")
    api = Mastodon(api_base_url=api_base_url, access_token=access_token)
    info = api.instance()
    title = info.get("title") or info.get("uri")
    tour.step(f"The instance: {title}, version {info.version}")
    if access_token:
        me = api.me()
        tour.step(f"Logged in as @{me.acct}: {me.statuses_count} statuses, {me.followers_count} followers")
        page: PaginatableList[Status] | None = api.timeline_home(limit=5)
        for number in (1, 2):
            if not page:
                break
            tour.step(f"Home timeline, page {number}:")
            for status in page:
                shown = status.reblog or status
                tour.detail(f"@{shown.account.acct}: {plain(shown.content, 60)}")
            page = api.fetch_next(page)
        notes = api.notifications(limit=5)
        tour.step(f"The latest {len(notes)} notifications: " + (", ".join(f"{n.type} from @{n.account.acct}" for n in notes) or "none"))
    public = api.timeline_public(limit=5, local=True)
    tour.step("The local public timeline:")
    for status in public:
        tour.detail(f"@{status.account.acct}: {plain(status.content, 60)}")
    tour.say("Done.")
    return 0


def run(out: IO[str], api_base_url: str | None = None, access_token: str | None = None) -> int:
    """Run the tour; report a failure in one line rather than a traceback."""
    try:
        if api_base_url:
            return run_remote(out, api_base_url, access_token)
        return run_embedded(out)
    except MastodonError as error:
        print(f"The demo stopped: {error}", file=out, flush=True)
        return 1


def _wait(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
