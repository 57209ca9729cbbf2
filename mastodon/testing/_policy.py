"""Notification policies: which notifications an account accepts, filters or drops.

Mastodon 4.3's rules (``NotifyService``): a notification from a sender the
recipient accepted a request from is always accepted; otherwise each ``for_*``
setting whose condition holds for the sender says ``accept``, ``filter`` or
``drop``, and the strictest wins. Polls and edits are never filtered.
"""

from __future__ import annotations

from ._records import Account, Status

ACTIONS = ("accept", "filter", "drop")
DEFAULTS = {
    "for_not_following": "accept",
    "for_not_followers": "accept",
    "for_new_accounts": "accept",
    "for_private_mentions": "filter",
    "for_limited_accounts": "filter",
}
FILTERABLE = ("mention", "status", "reblog", "follow", "follow_request", "favourite")
NEW_ACCOUNT_SECONDS = 30 * 86400
NEW_FOLLOWER_SECONDS = 3 * 86400


def setting(recipient: Account, name: str) -> str:
    return recipient.notification_policy.get(name, DEFAULTS[name])


def _created(snowflake: int) -> float:
    """When a record with this id was made (ids are milliseconds shifted left 16 bits)."""
    return (snowflake >> 16) / 1000


def _applies(name: str, recipient: Account, sender: Account, kind: str, status: Status | None, now: float) -> bool:
    """Whether the condition of the ``for_*`` setting ``name`` holds for this notification."""
    not_following = sender.id not in recipient.following
    if name == "for_not_following":
        return not_following
    if name == "for_not_followers":
        follow = recipient.followers.get(sender.id)
        return follow is None or _created(follow) > now - NEW_FOLLOWER_SECONDS
    if name == "for_new_accounts":
        return sender.created_at > now - NEW_ACCOUNT_SECONDS
    if name == "for_private_mentions":
        if kind != "mention" or status is None or status.visibility != "direct":
            return False
        return not_following and status.in_reply_to_account_id != recipient.id  # a reply to the recipient is welcome
    return False  # for_limited_accounts: nobody is limited on this server


def verdict(recipient: Account, sender: Account, kind: str, status: Status | None, now: float) -> str:
    """``accept``, ``filter`` or ``drop`` for a notification of ``kind`` from ``sender``."""
    if kind not in FILTERABLE or sender.id in recipient.notification_permissions:
        return "accept"
    actions = {setting(recipient, name) for name in DEFAULTS if _applies(name, recipient, sender, kind, status, now)}
    return next((action for action in ("drop", "filter") if action in actions), "accept")
