"""Response bodies for the instance, announcements, custom emojis, the directory
and the discovery documents, shaped like the examples in the official docs.

Each builder returns a fresh JSON-ready value; keyword arguments override fields.
"""

from __future__ import annotations

from typing import Any

from tests.data.entities import _merge, account, emoji


def activity() -> list[dict[str, str]]:
    return [
        {"week": "1574640000", "statuses": "37125", "logins": "14239", "registrations": "542"},
        {"week": "1574035200", "statuses": "244447", "logins": "28820", "registrations": "4425"},
    ]


def peers() -> list[str]:
    return ["tilde.zone", "mspsocial.net", "conf.tube"]


def rules() -> list[dict[str, str]]:
    return [
        {"id": "1", "text": "Sexually explicit or violent media must be marked as sensitive when posting", "hint": ""},
        {"id": "2", "text": "No racism, sexism, homophobia, transphobia, xenophobia, or casteism", "hint": ""},
    ]


def domain_blocks() -> list[dict[str, str]]:
    return [
        {
            "domain": "birb.elfenban.de",
            "digest": "5d2c6e02a0cced8fb05f32626437e3d23096480b47efbba659b6d9e80c85d280",
            "severity": "suspend",
            "comment": "Third-party bots",
        },
        {
            "domain": "birdbots.leptonics.com",
            "digest": "ce019d8d32cce8e369ac4367f4dc232103e6f489fbdd247fb99f9c8a646078a4",
            "severity": "suspend",
            "comment": "Third-party bots",
        },
    ]


def extended_description(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "updated_at": "2022-11-03T04:09:07Z",
            "content": "<p>For inquiries not related specifically to the operation of this server, "
            'please contact <a href="mailto:press@joinmastodon.org">press@joinmastodon.org</a>.</p>',
        },
        kw,
    )


def privacy_policy(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "updated_at": "2022-10-07T00:00:00+00:00",
            "content": "<p>This privacy policy describes how example.com collects, protects and uses "
            "the personally identifiable information you may provide.</p>",
        },
        kw,
    )


def terms_of_service(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "effective_date": "2025-04-15",
            "effective": True,
            "content": "<p>Foo bar newer</p>\n",
            "succeeded_by": None,
        },
        kw,
    )


def languages() -> list[dict[str, str]]:
    return [{"code": "en", "name": "English"}, {"code": "de", "name": "German"}]


def translation_languages() -> dict[str, list[str]]:
    return {"en": ["de", "es"], "und": ["en-GB", "de", "es"]}


def announcement(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "8",
            "content": "<p>Looks like there was an issue processing audio attachments without embedded art "
            "since yesterday due to an experimental new feature. That issue has now been fixed.</p>",
            "starts_at": None,
            "ends_at": None,
            "all_day": False,
            "published_at": "2020-07-03T01:27:38.726Z",
            "updated_at": "2020-07-03T01:27:38.752Z",
            "read": True,
            "mentions": [],
            "statuses": [],
            "tags": [],
            "emojis": [],
            "reactions": [
                {
                    "name": "bongoCat",
                    "count": 9,
                    "me": False,
                    "url": "https://files.mastodon.social/custom_emojis/images/000/067/715/original/fdba57dff7576d53.png",
                    "static_url": "https://files.mastodon.social/custom_emojis/images/000/067/715/static/fdba57dff7576d53.png",
                },
                {"name": "🤔", "count": 1, "me": True},
            ],
        },
        kw,
    )


def custom_emojis() -> list[dict[str, Any]]:
    return [
        {
            "shortcode": "aaaa",
            "url": "https://files.mastodon.social/custom_emojis/images/000/007/118/original/aaaa.png",
            "static_url": "https://files.mastodon.social/custom_emojis/images/000/007/118/static/aaaa.png",
            "visible_in_picker": True,
        },
        emoji(),
    ]


def directory() -> list[dict[str, Any]]:
    return [
        account(id="796927", username="eternalNo3", acct="eternalNo3@best-friends.chat"),
        account(id="787648", username="ariel", acct="ariel@best-friends.chat"),
    ]


def nodeinfo_links(base_url: str) -> dict[str, Any]:
    return {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": f"{base_url}/nodeinfo/2.0"}]}


def nodeinfo(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "version": "2.0",
            "software": {"name": "mastodon", "version": "4.6.0"},
            "protocols": ["activitypub"],
            "services": {"outbound": [], "inbound": []},
            "usage": {"users": {"total": 2833213, "activeMonth": 279347, "activeHalfyear": 601183}, "localPosts": 150000000},
            "openRegistrations": True,
            "metadata": {"nodeName": "Mastodon", "nodeDescription": "The original server operated by the Mastodon gGmbH non-profit"},
        },
        kw,
    )


def oembed(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "type": "rich",
            "version": "1.0",
            "title": "New status by trwnh",
            "author_name": "infinite love ⴳ",
            "author_url": "https://mastodon.social/@trwnh",
            "provider_name": "mastodon.social",
            "provider_url": "https://mastodon.social/",
            "cache_age": 86400,
            "html": '<iframe src="https://mastodon.social/@trwnh/99664077509711321/embed" class="mastodon-embed" '
            'style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen"></iframe>',
            "width": 400,
            "height": None,
        },
        kw,
    )


def webfinger(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "subject": "acct:Gargron@mastodon.social",
            "aliases": ["https://mastodon.social/@Gargron", "https://mastodon.social/users/Gargron"],
            "links": [
                {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": "https://mastodon.social/@Gargron"},
                {"rel": "self", "type": "application/activity+json", "href": "https://mastodon.social/users/Gargron"},
                {"rel": "http://ostatus.org/schema/1.0/subscribe", "template": "https://mastodon.social/authorize_interaction?uri={uri}"},
            ],
        },
        kw,
    )


HOST_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
    b'  <Link rel="lrdd" template="https://mastodon.social/.well-known/webfinger?resource={uri}"/>\n'
    b"</XRD>\n"
)
