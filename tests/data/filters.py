"""Response bodies for filters, hashtags, reports, annual reports, async refreshes
and collections, shaped like the examples in the official API docs.

Each builder returns a fresh JSON-ready dict; keyword arguments override fields.
"""

from __future__ import annotations

from typing import Any

from tests.data.entities import _merge, account, status


def filter_v1(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "8449",
            "phrase": "test",
            "context": ["home", "notifications", "public", "thread"],
            "whole_word": False,
            "expires_at": "2019-11-26T09:08:06.254Z",
            "irreversible": True,
        },
        kw,
    )


def filter_keyword(**kw: Any) -> dict[str, Any]:
    return _merge({"id": "34979", "keyword": "baz", "whole_word": True}, kw)


def filter_status(**kw: Any) -> dict[str, Any]:
    return _merge({"id": "897", "status_id": "109416512469928632"}, kw)


def filter_v2(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "20060",
            "title": "Remove Twitter crossposts from public timeline",
            "context": ["public"],
            "expires_at": None,
            "filter_action": "hide",
            "keywords": [
                filter_keyword(id="1311", keyword="from birdsite", whole_word=True),
                filter_keyword(id="1324", keyword="@twitter.com", whole_word=False),
                filter_keyword(id="1325", keyword="https://t.co/", whole_word=False),
            ],
            "statuses": [],
        },
        kw,
    )


def tag_history() -> list[dict[str, str]]:
    days = ["1668556800", "1668470400", "1668384000", "1668297600", "1668211200", "1668124800", "1668038400"]
    return [{"day": day, "accounts": "1" if i == 3 else "0", "uses": "1" if i == 3 else "0"} for i, day in enumerate(days)]


def tag(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "802",
            "name": "Caturday",
            "url": "http://mastodon.example/tags/caturday",
            "history": tag_history(),
            "following": False,
            "featured": False,
        },
        kw,
    )


def featured_tag(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "627",
            "name": "nowplaying",
            "url": "https://mastodon.social/@trwnh/tagged/nowplaying",
            "statuses_count": 70,
            "last_status_at": "2022-08-29T12:03:35.061Z",
        },
        kw,
    )


def report(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "48914",
            "action_taken": False,
            "action_taken_at": None,
            "category": "spam",
            "comment": "Spam account",
            "forwarded": False,
            "created_at": "2022-08-25T09:56:16.763Z",
            "status_ids": ["108882889550545820"],
            "collection_ids": [],
            "rule_ids": None,
            "target_account": account(
                id="108366849347798387",
                username="Baluke",
                acct="Baluke",
                display_name="Baluke Dental Studios",
                created_at="2022-05-26T00:00:00.000Z",
                last_status_at="2022-08-25",
            ),
        },
        kw,
    )


def annual_report(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "year": 2025,
            "data": {
                "archetype": "oracle",
                "time_series": [{"month": 12, "statuses": 7123, "followers": 48}],
                "top_hashtags": [{"name": "Mastodon", "count": 12}],
                "top_statuses": {"by_reblogs": "114348347829110933", "by_replies": None, "by_favourites": None},
            },
            "schema_version": 2,
            "share_url": "https://example.com/@Foobar/wrapstodon/2025/7fa0231c0f206390",
            "account_id": "55911",
        },
        kw,
    )


def wrapped_annual_reports(*reports: dict[str, Any]) -> dict[str, Any]:
    return {
        "annual_reports": list(reports) or [annual_report()],
        "accounts": [account(id="55911", username="Foobar", acct="Foobar")],
        "statuses": [status(id="114348347829110933")],
    }


def async_refresh(**kw: Any) -> dict[str, Any]:
    return {
        "async_refresh": _merge(
            {
                "id": "ImNvbnRleHQ6MTEzNjQwNTczMzAzNzg1MTc4OnJlZnJlc2gi--c526259eb4a1f3ef0d4b91cf8c99bf501330a815",
                "status": "running",
                "result_count": 2,
            },
            kw,
        )
    }


def collection_item(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "116151066915353115",
            "account_id": "112658193342215767",
            "state": "accepted",
            "created_at": "2026-02-25T11:35:01.394Z",
        },
        kw,
    )


def collection(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "116131056935959117",
            "account_id": "113668893442515793",
            "uri": "https://example.com/ap/113668893442515793/collections/116131056935959117",
            "url": "https://example.com/collections/116131056935959117",
            "name": "Nice accounts",
            "description": "These accounts are very nice",
            "language": "en",
            "local": True,
            "sensitive": False,
            "discoverable": True,
            "tag": {"name": "accounts", "url": "https://example.com/tags/accounts"},
            "item_count": 2,
            "items": [collection_item(), collection_item(id="116151066915353116", account_id="117628196343117789")],
            "created_at": "2026-02-25T11:35:01.394Z",
            "updated_at": "2026-02-25T11:35:01.394Z",
        },
        kw,
    )
