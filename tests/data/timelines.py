"""Response bodies for timelines, notifications, conversations, search, trends,
preferences and markers, shaped like the examples in the official API docs.

Each builder returns a fresh JSON-ready dict (or list); keyword arguments
override fields. Ids are strings, as the server sends them.
"""

from __future__ import annotations

from typing import Any

from tests.data.entities import _merge, account, card, notification, status


def home_page() -> list[dict[str, Any]]:
    """Two statuses, as GET /api/v1/timelines/home answers with limit=2."""
    return [
        status(id="103206791453397862", created_at="2019-11-26T23:24:13.113Z"),
        status(id="103206804086086361", created_at="2019-11-26T23:27:32.000Z"),
    ]


def tag_page() -> list[dict[str, Any]]:
    return [
        status(
            id="103206185588894565",
            created_at="2019-11-26T20:50:15.866Z",
            content='<p><a href="https://mastodon.social/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a></p>',
            tags=[{"name": "cats", "url": "https://mastodon.social/tags/cats"}],
        )
    ]


def tag(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "201",
            "name": "hola",
            "url": "https://mastodon.social/tags/hola",
            "history": [
                {"day": "1574726400", "uses": "13", "accounts": "10"},
                {"day": "1574640000", "uses": "5", "accounts": "4"},
            ],
        },
        kw,
    )


def trending_link(**kw: Any) -> dict[str, Any]:
    base = card(
        url="https://www.nbcnews.com/specials/plan-your-vote-2022-elections/index.html",
        title="Plan Your Vote: 2022 Elections",
        description="Everything you need to know about the voting rules where you live.",
        type="link",
        author_name="NBC News",
        author_url="",
        provider_name="NBC News",
        provider_url="",
        html="",
        width=400,
        height=225,
        blurhash="UcQmF#ay~qofj[WBj[j[~qof9Fayofofayay",
    )
    base["history"] = [
        {"day": "1661817600", "accounts": "7", "uses": "7"},
        {"day": "1661731200", "accounts": "23", "uses": "23"},
    ]
    return _merge(base, kw)


def conversation(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "418450",
            "unread": True,
            "accounts": [account(id="482403", username="amic", acct="amic@nulled.red")],
            "last_status": status(
                id="103196583826321184",
                created_at="2019-11-25T04:08:24.000Z",
                in_reply_to_id="103196540587943467",
                in_reply_to_account_id="14715",
                visibility="direct",
            ),
        },
        kw,
    )


def favourite_notification(**kw: Any) -> dict[str, Any]:
    return notification(
        **{
            "id": "34975535",
            "type": "favourite",
            "group_key": "favourite-103186046267791694-479000",
            "created_at": "2019-11-23T07:29:18.903Z",
            "account": account(id="297420", username="haskal", acct="haskal@cybre.space"),
            "status": status(id="103186046267791694", created_at="2019-11-23T07:28:34.210Z"),
            **kw,
        }
    )


def notification_policy(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "for_not_following": "accept",
            "for_not_followers": "accept",
            "for_new_accounts": "accept",
            "for_private_mentions": "drop",
            "for_limited_accounts": "filter",
            "summary": {"pending_requests_count": 0, "pending_notifications_count": 0},
        },
        kw,
    )


def notification_request(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "112456967201894256",
            "created_at": "2024-05-17T14:45:41.171Z",
            "updated_at": "2024-05-17T14:45:41.171Z",
            "notifications_count": "1",
            "account": account(id="971724", username="zsc", acct="zsc"),
            "last_status": status(
                id="103186126728896492",
                in_reply_to_id="103186038209478945",
                in_reply_to_account_id="14715",
                content=(
                    '<p><span class="h-card"><a href="https://mastodon.social/@trwnh" '
                    'class="u-url mention">@<span>trwnh</span></a></span> sup!</p>'
                ),
            ),
        },
        kw,
    )


def notification_group(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "group_key": "favourite-113010503322889311-479000",
            "notifications_count": 2,
            "type": "favourite",
            "most_recent_notification_id": 196014,
            "page_min_id": "196013",
            "page_max_id": "196014",
            "latest_page_notification_at": "2024-08-23T08:59:56.743Z",
            "sample_account_ids": ["16", "3547"],
            "status_id": "113010503322889311",
        },
        kw,
    )


def grouped_notifications(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "accounts": [
                account(id="16", username="eve", acct="eve"),
                account(id="3547", username="alice", acct="alice"),
            ],
            "partial_accounts": [],
            "statuses": [status(id="113010503322889311", created_at="2024-08-23T08:57:12.057Z")],
            "notification_groups": [notification_group()],
        },
        kw,
    )


def search_v2(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "accounts": [account(id="180744", username="catstodon", acct="catstodon")],
            "statuses": [
                status(id="103085519055545958", created_at="2019-11-05T13:23:09.000Z", content="<p>cats<br>cats never change</p>"),
            ],
            "hashtags": [
                tag(
                    id="205",
                    name="cats",
                    url="https://mastodon.social/tags/cats",
                    history=[{"day": "1574553600", "uses": "10", "accounts": "9"}],
                ),
            ],
        },
        kw,
    )


def search_v1(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "accounts": [account(id="180744", username="catstodon", acct="catstodon")],
            "statuses": [],
            "hashtags": ["cats", "catsofmastodon"],
        },
        kw,
    )


def preferences(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "posting:default:visibility": "public",
            "posting:default:sensitive": False,
            "posting:default:language": None,
            "posting:default:quote_policy": "followers",
            "reading:expand:media": "default",
            "reading:expand:spoilers": False,
        },
        kw,
    )


def marker(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "last_read_id": "103206604258487607",
            "version": 468,
            "updated_at": "2019-11-26T22:37:25.235Z",
        },
        kw,
    )


def markers() -> dict[str, Any]:
    return {
        "notifications": marker(last_read_id="35098814", version=361, updated_at="2019-11-26T22:37:25.239Z"),
        "home": marker(),
    }
