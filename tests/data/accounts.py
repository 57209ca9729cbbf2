"""Response bodies for the account, profile, list and suggestion endpoints.

Shaped like the examples in the official API docs (entities/Account, Profile,
FamiliarFollowers, FeaturedTag, List, Suggestion). Keyword arguments override fields.
"""

from __future__ import annotations

from typing import Any

from tests.data.entities import _merge, account, relationship, status

__all__ = [
    "account",
    "relationship",
    "status",
    "credential_account",
    "muted_account",
    "profile",
    "familiar_followers",
    "featured_tag",
    "user_list",
    "suggestion",
]


def credential_account(**kw: Any) -> dict[str, Any]:
    base = account(
        id="14715",
        username="trwnh",
        acct="trwnh",
        display_name="infinite love ⴳ",
        created_at="2016-11-24T10:02:12.085Z",
        last_status_at="2019-11-24T15:49:42.251Z",
    )
    base["source"] = {
        "privacy": "public",
        "sensitive": False,
        "language": "",
        "note": "i have approximate knowledge of many things.",
        "fields": [
            {"name": "Website", "value": "https://trwnh.com", "verified_at": "2019-08-29T04:14:55.571+00:00"},
        ],
        "follow_requests_count": 0,
        "attribution_domains": [],
        "hide_collections": False,
        "discoverable": False,
        "indexable": True,
    }
    base["role"] = {"id": "-99", "name": "", "permissions": "65536", "color": "", "highlighted": False}
    return _merge(base, kw)


def muted_account(**kw: Any) -> dict[str, Any]:
    return _merge(account(mute_expires_at="2024-03-01T12:00:00.000Z"), kw)


def profile(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "116222600881276277",
            "display_name": "Documentation user",
            "note": "I'm only here as an example for documentation",
            "fields": [{"name": "pronouns", "value": "it/its", "verified_at": None}],
            "avatar": None,
            "avatar_static": None,
            "avatar_description": "",
            "header": None,
            "header_static": None,
            "header_description": "",
            "locked": False,
            "bot": False,
            "hide_collections": None,
            "discoverable": True,
            "indexable": True,
            "show_media": True,
            "show_media_replies": True,
            "show_featured": True,
            "attribution_domains": ["articles.example.com"],
            "featured_tags": [
                {
                    "id": "1",
                    "name": "foo",
                    "url": "https://example.com/@darrel_metz0/tagged/foo",
                    "statuses_count": "0",
                    "last_status_at": None,
                },
            ],
        },
        kw,
    )


def familiar_followers(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "accounts": [
                account(id="1087990", username="moss", acct="moss@goblin.camp"),
                account(id="1092723", username="vivianrose", acct="vivianrose"),
            ],
        },
        kw,
    )


def featured_tag(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "627",
            "name": "nowplaying",
            "url": "https://mastodon.social/@trwnh/tagged/nowplaying",
            "statuses_count": "70",
            "last_status_at": "2022-08-29",
        },
        kw,
    )


def user_list(**kw: Any) -> dict[str, Any]:
    return _merge({"id": "12249", "title": "Friends", "replies_policy": "list", "exclusive": False}, kw)


def suggestion(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "source": "staff",
            "sources": ["featured"],
            "account": account(id="109031732217496096", username="alice", acct="alice"),
        },
        kw,
    )
