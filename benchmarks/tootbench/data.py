"""Deterministic Mastodon entities for the benchmark server.

Everything is built from one seeded :class:`random.Random`, so every run serves
byte-identical JSON. The shapes follow the examples in the official API
documentation (``content/en/entities/*.md`` in ``mastodon/documentation``):
statuses with a nested account, media attachments with ``meta``, custom emojis,
preview cards, polls, mentions, tags, and about one reblog in five.

A home-timeline page of 40 statuses comes to about 185 KB of compact JSON, like
a real page from a busy instance.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

SEED = 52024  # issue 5, 2024
STATUSES_PER_PAGE = 40

Json = dict[str, Any]

_NEWEST = datetime(2024, 11, 29, 13, 30, 0, tzinfo=timezone.utc)

_DOMAINS = [
    "mastodon.social",
    "fosstodon.org",
    "hachyderm.io",
    "mstdn.jp",
    "chaos.social",
    "infosec.exchange",
    "social.vivaldi.net",
    "mas.to",
    "ruby.social",
    "pixelfed.social",
]
_LOCAL_DOMAIN = "mastodon.example"
_FILES = "https://files.mastodon.example"
_WORDS = [
    "the",
    "federation",
    "timeline",
    "server",
    "release",
    "update",
    "patch",
    "python",
    "client",
    "library",
    "coffee",
    "morning",
    "weather",
    "cat",
    "photo",
    "garden",
    "bike",
    "train",
    "music",
    "album",
    "concert",
    "keyboard",
    "linux",
    "kernel",
    "database",
    "migration",
    "postgres",
    "redis",
    "sidekiq",
    "streaming",
    "protocol",
    "activitypub",
    "instance",
    "moderation",
    "policy",
    "community",
    "open",
    "source",
    "translation",
    "accessibility",
    "alt",
    "text",
    "description",
    "benchmark",
    "latency",
    "memory",
    "today",
    "tomorrow",
    "weekend",
    "finally",
    "again",
    "really",
    "great",
    "small",
    "quick",
    "note",
    "thread",
]
_INTL = [
    "café",
    "naïve",
    "Grüße",
    "señor",
    "日本語のテキスト",
    "こんにちは世界",
    "привет",
    "🐘",
    "🎉",
    "☕",
    "🌱",
    "🚲",
    "✨",
    "😅",
]
_LANGUAGES = ["en", "en", "en", "en", "de", "ja", "fr", "es", None]
_APPS = [
    {"name": "Web", "website": None},
    {"name": "Ivory for iOS", "website": "https://tapbots.com/ivory/"},
    {"name": "Tusky", "website": "https://tusky.app"},
    {"name": "Elk", "website": "https://elk.zone"},
    {"name": "Moshidon", "website": "https://github.com/LucasGGamerM/moshidon"},
]
_CARD_PROVIDERS = [
    ("link", "", ""),
    ("video", "YouTube", "https://www.youtube.com/"),
    ("photo", "Flickr", "https://www.flickr.com/"),
    ("link", "The Guardian", "https://www.theguardian.com/"),
]
_BLURHASH_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~"


def iso_datetime(moment: datetime) -> str:
    """Format like Mastodon does: ``2019-12-08T03:48:33.901Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def snowflake(moment: datetime, sequence: int) -> str:
    """A Mastodon-style id: milliseconds since 1970 shifted left 16 bits, plus a sequence."""
    millis = int(moment.timestamp() * 1000)
    return str((millis << 16) | (sequence & 0xFFFF))


def dumps(value: Any) -> str:
    """Compact UTF-8 JSON, as the Mastodon server writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Generator:
    """Builds entities from one seeded random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._media_id = 22_345_000
        self._poll_id = 34_800
        self._notification_id = 68_739_216
        self._emoji_pool = [self._emoji(i) for i in range(60)]
        self.accounts = [self._account(i) for i in range(300)]

    # small pieces -------------------------------------------------------

    def _hex(self, length: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(length))

    def _blurhash(self) -> str:
        return "".join(self.rng.choice(_BLURHASH_CHARS) for _ in range(36))

    def _words(self, count: int) -> str:
        words = [self.rng.choice(_INTL) if self.rng.random() < 0.06 else self.rng.choice(_WORDS) for _ in range(count)]
        return " ".join(words)

    def _file_path(self, kind: str, number: int, style: str, ext: str) -> str:
        digits = f"{number:09d}"
        folders = "/".join(digits[i : i + 3] for i in range(0, 9, 3))
        return f"{_FILES}/{kind}/{folders}/{style}/{self._hex(16)}.{ext}"

    def _emoji(self, index: int) -> Json:
        shortcode = f"{self.rng.choice(['blob', 'ms', 'parrot', 'neko'])}_{self.rng.choice(_WORDS)}{index}"
        number = 11_000 + index * 37
        return {
            "shortcode": shortcode,
            "url": self._file_path("custom_emojis/images", number, "original", "png"),
            "static_url": self._file_path("custom_emojis/images", number, "static", "png"),
            "visible_in_picker": True,
            "category": self.rng.choice(["Blobs", "Flags", "Parrots", None]),
        }

    def _link(self, url: str, text: str) -> str:
        return (
            f'<a href="{url}" rel="nofollow noopener noreferrer" target="_blank">'
            f'<span class="invisible">https://</span><span class="ellipsis">{text}</span>'
            '<span class="invisible"></span></a>'
        )

    # entities -------------------------------------------------------------

    def _field(self) -> Json:
        verified = self.rng.random() < 0.3
        site = f"{self.rng.choice(_WORDS)}.{self.rng.choice(['org', 'net', 'dev', 'xyz'])}"
        return {
            "name": self.rng.choice(["Website", "Pronouns", "Code", "Blog", "Matrix", "Location"]),
            "value": self._link(f"https://{site}", site) if verified else self._words(3),
            "verified_at": iso_datetime(_NEWEST - timedelta(days=self.rng.randrange(2000))) if verified else None,
        }

    def _account(self, index: int) -> Json:
        rng = self.rng
        username = f"{rng.choice(_WORDS)}{rng.choice(['', '_', '.'])}{rng.choice(_WORDS)}{index}"
        local = rng.random() < 0.4
        domain = _LOCAL_DOMAIN if local else rng.choice(_DOMAINS)
        created = (_NEWEST - timedelta(days=rng.randrange(30, 3000))).replace(hour=0, minute=0, second=0, microsecond=0)
        number = 1_000 + index * 7919
        avatar = self._file_path("accounts/avatars", number, "original", "png")
        header = self._file_path("accounts/headers", number, "original", "jpg")
        emojis = rng.sample(self._emoji_pool, rng.choice([0, 0, 0, 1, 2]))
        note = f"<p>{self._words(rng.randrange(4, 24))}</p>"
        if emojis:
            note += "<p>" + " ".join(f":{e['shortcode']}:" for e in emojis) + "</p>"
        return {
            "id": snowflake(created, index) if rng.random() < 0.5 else str(number),
            "username": username,
            "acct": username if local else f"{username}@{domain}",
            "display_name": self._words(rng.randrange(1, 4)).title(),
            "locked": rng.random() < 0.1,
            "bot": rng.random() < 0.05,
            "discoverable": rng.choice([True, False, None]),
            "indexable": rng.random() < 0.5,
            "group": False,
            "created_at": iso_datetime(created),
            "note": note,
            "url": f"https://{domain}/@{username}",
            "uri": f"https://{domain}/users/{username}",
            "avatar": avatar,
            "avatar_static": avatar,
            "avatar_description": "",
            "header": header,
            "header_static": header,
            "header_description": "",
            "followers_count": rng.randrange(0, 50_000),
            "following_count": rng.randrange(0, 3_000),
            "statuses_count": rng.randrange(1, 90_000),
            "last_status_at": (_NEWEST - timedelta(days=rng.randrange(3))).strftime("%Y-%m-%d"),
            "hide_collections": rng.random() < 0.2,
            "noindex": rng.random() < 0.2,
            "emojis": emojis,
            "roles": [],
            "fields": [self._field() for _ in range(rng.choice([0, 1, 2, 2, 3, 4]))],
        }

    def _media(self, kind: str) -> Json:
        rng = self.rng
        self._media_id += rng.randrange(1, 50)
        number = self._media_id
        width, height = rng.choice([(640, 480), (1280, 720), (1920, 1080), (1080, 1350), (600, 332)])
        small_w = 400
        small_h = round(height * small_w / width)
        ext = {"image": "jpeg", "video": "mp4", "gifv": "mp4", "audio": "mp3"}[kind]
        meta: Json = {
            "original": {"width": width, "height": height, "size": f"{width}x{height}", "aspect": width / height},
            "small": {"width": small_w, "height": small_h, "size": f"{small_w}x{small_h}", "aspect": small_w / small_h},
        }
        if kind == "image":
            meta["focus"] = {"x": round(rng.uniform(-1, 1), 2), "y": round(rng.uniform(-1, 1), 2)}
        else:
            duration = round(rng.uniform(1, 400), 2)
            meta.update(
                {
                    "length": f"0:{int(duration // 60):02d}:{duration % 60:05.2f}",
                    "duration": duration,
                    "fps": rng.choice([24, 25, 30, 60]),
                    "audio_encode": "aac (LC) (mp4a / 0x6134706D)",
                    "audio_bitrate": "44100 Hz",
                    "audio_channels": "stereo",
                }
            )
            meta["original"].update({"frame_rate": "30/1", "duration": duration, "bitrate": rng.randrange(100_000, 3_000_000)})
        return {
            "id": str(number),
            "type": kind,
            "url": self._file_path("media_attachments/files", number, "original", ext),
            "preview_url": self._file_path("media_attachments/files", number, "small", "jpeg"),
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": meta,
            "description": self._words(rng.randrange(4, 30)) if rng.random() < 0.7 else None,
            "blurhash": self._blurhash(),
        }

    def _card(self) -> Json:
        rng = self.rng
        kind, provider, provider_url = rng.choice(_CARD_PROVIDERS)
        slug = "-".join(rng.choice(_WORDS) for _ in range(rng.randrange(3, 9)))
        host = provider_url[8:-1] if provider_url else f"{rng.choice(_WORDS)}.example.org"
        url = f"https://{host}/{rng.randrange(2015, 2025)}/{slug}"
        html = ""
        if kind == "video":
            html = (
                '<iframe width="480" height="270" src="https://www.youtube.com/embed/'
                f'{self._hex(11)}?feature=oembed" frameborder="0" allowfullscreen=""></iframe>'
            )
        return {
            "url": url,
            "title": self._words(rng.randrange(4, 12)).capitalize(),
            "description": self._words(rng.randrange(0, 30)),
            "language": "en",
            "type": kind,
            "author_name": self._words(2).title() if provider else "",
            "author_url": f"{provider_url}user/{rng.choice(_WORDS)}" if provider else "",
            "provider_name": provider,
            "provider_url": provider_url,
            "html": html,
            "width": 480 if kind != "link" else 400,
            "height": 270 if kind != "link" else 225,
            "image": self._file_path("cache/preview_cards/images", rng.randrange(10**7), "original", "jpeg"),
            "image_description": "",
            "embed_url": "",
            "blurhash": self._blurhash(),
            "published_at": iso_datetime(_NEWEST - timedelta(hours=rng.randrange(1, 500))) if rng.random() < 0.5 else None,
            "authors": [],
        }

    def _poll(self, created: datetime) -> Json:
        rng = self.rng
        self._poll_id += rng.randrange(1, 20)
        options: list[Json] = [
            {"title": self._words(rng.randrange(1, 5)), "votes_count": rng.randrange(0, 300)} for _ in range(rng.randrange(2, 5))
        ]
        votes = sum(option["votes_count"] for option in options)
        expires = created + timedelta(days=rng.choice([1, 3, 7]))
        return {
            "id": str(self._poll_id),
            "expires_at": iso_datetime(expires),
            "expired": expires < _NEWEST,
            "multiple": rng.random() < 0.3,
            "votes_count": votes,
            "voters_count": votes if rng.random() < 0.5 else None,
            "voted": rng.random() < 0.3,
            "own_votes": [0] if rng.random() < 0.3 else [],
            "options": options,
            "emojis": [],
        }

    def status(self, created: datetime, sequence: int, *, allow_reblog: bool = True) -> Json:
        """One status; about one in five is a reblog wrapping an older status."""
        rng = self.rng
        account = rng.choice(self.accounts)
        status_id = snowflake(created, sequence)
        domain = account["url"].split("/")[2]
        if allow_reblog and rng.random() < 0.2:
            inner = self.status(created - timedelta(minutes=rng.randrange(1, 3000)), sequence + 7, allow_reblog=False)
            return self._envelope(account, status_id, created, domain, content="", reblog=inner, visibility=inner["visibility"])

        mentioned = rng.sample(self.accounts, rng.choice([0, 0, 0, 1, 1, 2, 3]))
        tags = [rng.choice(_WORDS) for _ in range(rng.choice([0, 0, 1, 2, 3, 4]))]
        emojis = rng.sample(self._emoji_pool, rng.choice([0, 0, 0, 0, 1, 2]))
        parts = [
            f'<span class="h-card"><a href="{m["url"]}" class="u-url mention">@<span>{m["username"]}</span></a></span>' for m in mentioned
        ]
        parts.append(self._words(rng.randrange(5, 50)))
        parts.extend(f'<a href="https://{domain}/tags/{t}" class="mention hashtag" rel="tag">#<span>{t}</span></a>' for t in tags)
        parts.extend(f":{e['shortcode']}:" for e in emojis)
        content = "<p>" + " ".join(parts) + "</p>"
        card = None
        media: list[Json] = []
        roll = rng.random()
        if roll < 0.35:
            kinds = ["image"] * rng.randrange(1, 5) if rng.random() < 0.8 else [rng.choice(["video", "gifv", "audio"])]
            media = [self._media(kind) for kind in kinds]
        elif roll < 0.7:
            card = self._card()
            content += f"<p>{self._link(card['url'], card['url'][8:38])}</p>"
        status = self._envelope(
            account,
            status_id,
            created,
            domain,
            content=content,
            reblog=None,
            visibility=rng.choice(["public", "public", "unlisted", "private"]),
        )
        reply_to = rng.choice(self.accounts) if rng.random() < 0.25 else None
        status.update(
            {
                "in_reply_to_id": snowflake(created - timedelta(minutes=5), sequence + 3) if reply_to else None,
                "in_reply_to_account_id": reply_to["id"] if reply_to else None,
                "sensitive": rng.random() < 0.1,
                "spoiler_text": self._words(3) if rng.random() < 0.08 else "",
                "language": rng.choice(_LANGUAGES),
                "edited_at": iso_datetime(created + timedelta(minutes=3)) if rng.random() < 0.1 else None,
                "media_attachments": media,
                "mentions": [{"id": m["id"], "username": m["username"], "url": m["url"], "acct": m["acct"]} for m in mentioned],
                "tags": [{"name": t, "url": f"https://{_LOCAL_DOMAIN}/tags/{t}"} for t in tags],
                "emojis": emojis,
                "card": card,
                "poll": self._poll(created) if rng.random() < 0.08 else None,
                "application": rng.choice(_APPS) if domain == _LOCAL_DOMAIN else None,
            }
        )
        return status

    def _envelope(
        self, account: Json, status_id: str, created: datetime, domain: str, *, content: str, reblog: Json | None, visibility: str
    ) -> Json:
        rng = self.rng
        username = account["username"]
        return {
            "id": status_id,
            "created_at": iso_datetime(created),
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": visibility,
            "language": None,
            "uri": f"https://{domain}/users/{username}/statuses/{status_id}",
            "url": f"https://{domain}/@{username}/{status_id}",
            "replies_count": rng.randrange(0, 40),
            "reblogs_count": rng.randrange(0, 200),
            "favourites_count": rng.randrange(0, 500),
            "quotes_count": rng.randrange(0, 5),
            "edited_at": None,
            "favourited": rng.random() < 0.1,
            "reblogged": reblog is not None,
            "muted": False,
            "bookmarked": rng.random() < 0.05,
            "content": content,
            "filtered": [],
            "reblog": reblog,
            "application": None,
            "account": account,
            "media_attachments": [],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "quote": None,
            "card": None,
            "poll": None,
            "quote_approval": {"automatic": ["public"], "manual": [], "current_user": "automatic"},
        }

    def notification(self, status: Json) -> Json:
        rng = self.rng
        kind = rng.choice(["mention", "favourite", "favourite", "reblog", "follow", "poll", "status"])
        created = datetime.fromisoformat(status["created_at"].replace("Z", "+00:00"))
        created += timedelta(seconds=rng.randrange(1, 600))
        self._notification_id -= rng.randrange(1, 9)
        notification_id = str(self._notification_id)
        result: Json = {
            "id": notification_id,
            "type": kind,
            "group_key": f"ungrouped-{notification_id}",
            "created_at": iso_datetime(created),
            "account": rng.choice(self.accounts),
        }
        if kind != "follow":
            result["status"] = status
        return result


@dataclass(frozen=True)
class Dataset:
    """The home timeline (newest first), each status also pre-serialized."""

    statuses: list[Json]
    lines: list[bytes]
    ids: list[int]
    notifications: list[Json]

    def page_body(self, start: int, limit: int) -> bytes:
        """The JSON array of ``limit`` statuses starting at position ``start``."""
        return b"[" + b",".join(self.lines[start : start + limit]) + b"]"


def build_dataset(count: int, *, seed: int = SEED) -> Dataset:
    """``count`` timeline statuses, newest first, plus 40 notifications."""
    generator = _Generator(seed)
    statuses: list[Json] = []
    moment = _NEWEST
    for sequence in range(count):
        statuses.append(generator.status(moment, sequence))
        moment -= timedelta(seconds=generator.rng.randrange(5, 120), milliseconds=generator.rng.randrange(1000))
    notifications = [generator.notification(status) for status in statuses[:STATUSES_PER_PAGE]]
    lines = [dumps(status).encode("utf-8") for status in statuses]
    ids = [int(status["id"]) for status in statuses]
    return Dataset(statuses=statuses, lines=lines, ids=ids, notifications=notifications)
