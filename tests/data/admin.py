"""Admin API response bodies, shaped like the examples in the official API docs.

Each builder returns a fresh JSON-ready dict; keyword arguments override fields.
"""

from __future__ import annotations

from typing import Any

from tests.data.entities import _merge, account


def admin_account(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "108965278956942133",
            "username": "admin",
            "domain": None,
            "created_at": "2022-09-08T23:03:26.762Z",
            "email": "admin@mastodon.local",
            "ip": "192.168.42.1",
            "role": {
                "id": 3,
                "name": "Owner",
                "color": "",
                "position": 1000,
                "permissions": 1,
                "highlighted": True,
                "created_at": "2022-09-08T22:48:07.983Z",
                "updated_at": "2022-09-08T22:48:07.983Z",
            },
            "confirmed": True,
            "suspended": False,
            "silenced": False,
            "sensitized": True,
            "disabled": False,
            "approved": True,
            "locale": None,
            "invite_request": None,
            "ips": [{"ip": "192.168.42.1", "used_at": "2022-09-15T01:38:58.851Z"}],
            "account": account(id="108965278956942133", username="admin", acct="admin"),
        },
        kw,
    )


def admin_report(**kw: Any) -> dict[str, Any]:
    reporter = admin_account(id="108965218747268792", username="admin", created_at="2022-09-08T22:48:07.985Z")
    target = admin_account(
        id="108965430868193066",
        username="goody",
        email="goody@mastodon.local",
        created_at="2022-09-08T23:42:04.731Z",
        account=account(id="108965430868193066", username="goody", acct="goody"),
    )
    return _merge(
        {
            "id": "1",
            "action_taken": False,
            "action_taken_at": None,
            "category": "spam",
            "comment": "",
            "forwarded": False,
            "created_at": "2022-09-09T21:19:23.085Z",
            "updated_at": "2022-09-09T21:19:23.085Z",
            "account": reporter,
            "target_account": target,
            "assigned_account": None,
            "action_taken_by_account": None,
            "statuses": [],
            "rules": [],
        },
        kw,
    )


def domain_block(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "domain": "example.com",
            "digest": "a379a6f6eeafb9a55e378c118034e2751e682fab9f2d30ab13d2125586ce1947",
            "created_at": "2022-11-16T08:15:34.238Z",
            "severity": "noop",
            "reject_media": False,
            "reject_reports": False,
            "private_comment": None,
            "public_comment": None,
            "obfuscate": False,
        },
        kw,
    )


def domain_allow(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "domain": "mastodon.social",
            "created_at": "2022-09-14T21:23:02.755Z",
        },
        kw,
    )


def email_domain_block(**kw: Any) -> dict[str, Any]:
    days = ["1668556800", "1668470400", "1668384000", "1668297600", "1668211200", "1668124800", "1668038400"]
    return _merge(
        {
            "id": "1",
            "domain": "foo",
            "created_at": "2022-11-16T06:09:36.176Z",
            "history": [{"day": day, "accounts": "0", "uses": "0"} for day in days],
        },
        kw,
    )


def ip_block(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "ip": "8.8.8.8/32",
            "severity": "no_access",
            "comment": "",
            "created_at": "2022-11-16T07:22:00.501Z",
            "expires_at": None,
        },
        kw,
    )


def canonical_email_block(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "canonical_email_hash": "b344e55d11b3fc25d0d53194e0475838bf17e9be67ce3e6469956222d9a34f9c",
        },
        kw,
    )


def measure(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "key": "active_users",
            "unit": None,
            "total": "2",
            "previous_total": "0",
            "data": [
                {"date": "2022-09-14T00:00:00Z", "value": "0"},
                {"date": "2022-09-15T00:00:00.000+00:00", "value": "1"},
            ],
        },
        kw,
    )


def dimension(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "key": "languages",
            "data": [
                {"key": "en", "human_key": "English", "value": "10"},
                {"key": "es", "human_key": "Spanish", "value": "1"},
            ],
        },
        kw,
    )


def space_usage_dimension() -> dict[str, Any]:
    return dimension(
        key="space_usage",
        data=[
            {"key": "postgresql", "human_key": "PostgreSQL", "value": "49581359907", "unit": "bytes", "human_value": "46.2 GB"},
            {"key": "media", "human_key": "Media storage", "value": "837837315424", "unit": "bytes", "human_value": "780 GB"},
        ],
    )


def cohort(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "period": "2022-09-01T00:00:00+00:00",
            "frequency": "month",
            "data": [{"date": "2022-09-01T00:00:00+00:00", "rate": 1.0, "value": "2"}],
        },
        kw,
    )


def trending_link(**kw: Any) -> dict[str, Any]:
    days = ["1669507200", "1669420800", "1669334400"]
    return _merge(
        {
            "url": "https://twitter.com/arufa_faru/status/1594262272007753728",
            "title": "ARuFa on Twitter",
            "description": "",
            "type": "link",
            "author_name": "",
            "author_url": "",
            "provider_name": "Twitter",
            "provider_url": "",
            "html": "",
            "width": 400,
            "height": 225,
            "image": "https://media.chitter.xyz/cache/preview_cards/images/002/162/720/original/b5360261e8ce17fc.jpeg",
            "embed_url": "",
            "blurhash": "UNFiDM~o-oD%x[xtaxM|xaNHRkjsoft7ofWB",
            "history": [{"day": days[0], "accounts": "9", "uses": "9"}] + [{"day": day, "accounts": "0", "uses": "0"} for day in days[1:]],
        },
        kw,
    )


def admin_tag(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "802",
            "name": "caturday",
            "url": "https://mastodon.example/tags/caturday",
            "history": [
                {"day": "1669507200", "accounts": "53", "uses": "56"},
                {"day": "1669420800", "accounts": "142", "uses": "171"},
            ],
            "trendable": True,
            "usable": True,
            "requires_review": False,
        },
        kw,
    )
