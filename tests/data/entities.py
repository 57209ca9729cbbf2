"""Response bodies shaped like the examples in the official API docs.

Each builder returns a fresh JSON-ready dict; keyword arguments override fields.
Ids are strings, as the server sends them.
"""

from __future__ import annotations

import copy
from typing import Any


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(base)
    result.update(overrides)
    return result


def emoji(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "shortcode": "blobaww",
            "url": "https://files.mastodon.social/custom_emojis/images/000/011/739/original/blobaww.png",
            "static_url": "https://files.mastodon.social/custom_emojis/images/000/011/739/static/blobaww.png",
            "visible_in_picker": True,
            "category": "Blobs",
        },
        kw,
    )


def account(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "23634",
            "username": "noiob",
            "acct": "noiob@awoo.space",
            "display_name": "ikea shark fan account",
            "locked": False,
            "bot": False,
            "discoverable": True,
            "indexable": False,
            "group": False,
            "created_at": "2017-02-08T02:00:53.274Z",
            "note": "<p>:ms_rainbow_flag:​ :ms_bisexual_flagweb:​</p>",
            "url": "https://awoo.space/@noiob",
            "uri": "https://awoo.space/users/noiob",
            "avatar": "https://files.mastodon.social/accounts/avatars/000/023/634/original/6ca8804dc46800ad.png",
            "avatar_static": "https://files.mastodon.social/accounts/avatars/000/023/634/original/6ca8804dc46800ad.png",
            "header": "https://files.mastodon.social/accounts/headers/000/023/634/original/256eb8d7ac40f49a.png",
            "header_static": "https://files.mastodon.social/accounts/headers/000/023/634/original/256eb8d7ac40f49a.png",
            "followers_count": 547,
            "following_count": 404,
            "statuses_count": 28468,
            "last_status_at": "2019-11-17",
            "hide_collections": None,
            "noindex": False,
            "emojis": [emoji(shortcode="ms_rainbow_flag")],
            "roles": [],
            "fields": [
                {"name": "Pronouns", "value": "they/them", "verified_at": None},
                {
                    "name": "Website",
                    "value": '<a href="https://example.com">example.com</a>',
                    "verified_at": "2019-11-10T10:31:10.744+00:00",
                },
            ],
        },
        kw,
    )


def media_attachment(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "22345792",
            "type": "image",
            "url": "https://files.mastodon.social/media_attachments/files/022/345/792/original/57859aede991da25.jpeg",
            "preview_url": "https://files.mastodon.social/media_attachments/files/022/345/792/small/57859aede991da25.jpeg",
            "remote_url": None,
            "text_url": "https://mastodon.social/media/2N4uvkuUtPVrkZGysms",
            "meta": {
                "original": {"width": 640, "height": 480, "size": "640x480", "aspect": 1.3333333333333333},
                "small": {"width": 461, "height": 346, "size": "461x346", "aspect": 1.3323699421965318},
                "focus": {"x": -0.27, "y": 0.51},
            },
            "description": "test media description",
            "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
        },
        kw,
    )


def poll(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "34830",
            "expires_at": "2019-12-05T04:05:08.302Z",
            "expired": True,
            "multiple": False,
            "votes_count": 10,
            "voters_count": None,
            "voted": True,
            "own_votes": [1],
            "options": [
                {"title": "accept", "votes_count": 6},
                {"title": "deny", "votes_count": 4},
            ],
            "emojis": [],
        },
        kw,
    )


def card(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "url": "https://www.youtube.com/watch?v=OMv_EPMED8Y",
            "title": "♪ Brand New Friend (Christmas Song!)",
            "description": "",
            "type": "video",
            "author_name": "YOGSCAST Lewis & Simon",
            "author_url": "https://www.youtube.com/user/BlueXephos",
            "provider_name": "YouTube",
            "provider_url": "https://www.youtube.com/",
            "html": '<iframe width="480" height="270" src="https://www.youtube.com/embed/OMv_EPMED8Y"></iframe>',
            "width": 480,
            "height": 270,
            "image": "https://files.mastodon.social/preview_cards/images/014/179/145/original/9cf4b7cf5567b569.jpeg",
            "embed_url": "",
            "blurhash": "UvK0HNkV,:s9xBR%njog0fo2W=WBS5ozofV@",
            "published_at": None,
        },
        kw,
    )


def status(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "103270115826048975",
            "created_at": "2019-12-08T03:48:33.901Z",
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": "public",
            "language": "en",
            "uri": "https://mastodon.social/users/Gargron/statuses/103270115826048975",
            "url": "https://mastodon.social/@Gargron/103270115826048975",
            "replies_count": 5,
            "reblogs_count": 6,
            "favourites_count": 11,
            "quotes_count": 0,
            "edited_at": None,
            "favourited": False,
            "reblogged": False,
            "muted": False,
            "bookmarked": False,
            "pinned": False,
            "content": "<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p>",
            "filtered": [],
            "reblog": None,
            "application": {"name": "Web", "website": None},
            "account": account(id="1", username="Gargron", acct="Gargron", display_name="Eugen"),
            "media_attachments": [media_attachment()],
            "mentions": [{"id": "23634", "username": "noiob", "url": "https://awoo.space/@noiob", "acct": "noiob@awoo.space"}],
            "tags": [{"name": "mastodon", "url": "https://mastodon.social/tags/mastodon"}],
            "emojis": [emoji()],
            "card": card(),
            "poll": None,
            "quote": None,
        },
        kw,
    )


def relationship(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "1",
            "following": True,
            "showing_reblogs": True,
            "notifying": False,
            "languages": None,
            "followed_by": True,
            "blocking": False,
            "blocked_by": False,
            "muting": False,
            "muting_notifications": False,
            "muting_expires_at": None,
            "requested": False,
            "requested_by": False,
            "domain_blocking": False,
            "endorsed": False,
            "note": "",
        },
        kw,
    )


def notification(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "34975861",
            "type": "mention",
            "group_key": "ungrouped-34975861",
            "created_at": "2019-11-23T07:49:02.064Z",
            "account": account(id="971724", username="zsc", acct="zsc"),
            "status": status(id="103186126728896492"),
        },
        kw,
    )


def instance_v2(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "domain": "mastodon.social",
            "title": "Mastodon",
            "version": "4.6.0",
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "The original server operated by the Mastodon gGmbH non-profit",
            "usage": {"users": {"active_month": 123122}},
            "thumbnail": {"url": "https://files.mastodon.social/site_uploads/files/000/000/001/@1x/57c12f441d083cde.png"},
            "languages": ["en"],
            "configuration": {
                "urls": {"streaming": "wss://mastodon.social"},
                "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
            },
            "registrations": {"enabled": False, "approval_required": False, "message": None},
            "api_versions": {"mastodon": 7},
            "contact": {"email": "staff@mastodon.social", "account": account(id="1", username="Gargron", acct="Gargron")},
            "rules": [{"id": "1", "text": "Sexually explicit or violent media must be marked as sensitive", "hint": ""}],
        },
        kw,
    )


def instance_v1(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "uri": "mastodon.social",
            "title": "Mastodon",
            "short_description": "The original server operated by the Mastodon gGmbH non-profit",
            "description": "",
            "email": "staff@mastodon.social",
            "version": "3.5.3",
            "urls": {"streaming_api": "wss://mastodon.social"},
            "stats": {"user_count": 812303, "status_count": 38151616, "domain_count": 25255},
            "thumbnail": "https://files.mastodon.social/site_uploads/files/000/000/001/original/vlcsnap-2018-08-27-16h43m11s127.png",
            "languages": ["en"],
            "registrations": False,
            "approval_required": False,
            "invites_enabled": True,
            "contact_account": account(id="1", username="Gargron", acct="Gargron"),
            "rules": [],
        },
        kw,
    )
