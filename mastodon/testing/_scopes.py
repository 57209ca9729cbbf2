"""OAuth scopes the way Mastodon checks them.

A token's scopes cover a required scope when they contain it, or its parent
(``read`` covers ``read:statuses``, ``admin:read`` covers ``admin:read:accounts``),
or the deprecated ``follow`` scope for the relationship scopes it still grants.
``profile`` covers nothing but itself (it is accepted by verify_credentials only).
"""

from __future__ import annotations

from collections.abc import Iterable

_READ = ("accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists", "mutes", "notifications", "search", "statuses")
_WRITE = (
    "accounts",
    "blocks",
    "bookmarks",
    "conversations",
    "favourites",
    "filters",
    "follows",
    "lists",
    "media",
    "mutes",
    "notifications",
    "reports",
    "statuses",
)
_ADMIN = ("accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks", "email_domain_blocks", "canonical_email_blocks")
_FOLLOW = ("read:blocks", "read:follows", "read:mutes", "write:blocks", "write:follows", "write:mutes")

SUPPORTED: tuple[str, ...] = (
    "read",
    "write",
    *(f"write:{s}" for s in _WRITE),
    *(f"read:{s}" for s in _READ),
    "follow",
    "push",
    "profile",
    "admin:read",
    *(f"admin:read:{s}" for s in _ADMIN),
    "admin:write",
    *(f"admin:write:{s}" for s in _ADMIN),
)


def parse(text: str | Iterable[str] | None, default: str = "read") -> list[str]:
    """Scopes from a space-separated string (or list); ``default`` when empty."""
    if text is None:
        return [default]
    words = text.split() if isinstance(text, str) else [w for part in text for w in str(part).split()]
    unique = list(dict.fromkeys(words))
    return unique or [default]


def unknown(scopes: Iterable[str]) -> list[str]:
    return [s for s in scopes if s not in SUPPORTED]


def covers(granted: Iterable[str], required: str) -> bool:
    """Whether a token with ``granted`` scopes may do what needs ``required``."""
    have = set(granted)
    if required in have:
        return True
    if "follow" in have and required in _FOLLOW:
        return True
    parts = required.split(":")
    return any(":".join(parts[:n]) in have for n in range(1, len(parts)) if ":".join(parts[:n]) not in ("admin",))


def allowed_for_app(app_scopes: Iterable[str], requested: Iterable[str]) -> bool:
    """Whether every requested scope is within what the app registered."""
    return all(covers(app_scopes, scope) for scope in requested)
