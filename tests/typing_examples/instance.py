"""The server: instance information, discovery documents, announcements, emojis."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    Account,
    Instance,
    InstanceThumbnailVersions,
    InstanceV2,
    NonPaginatableList,
    Reaction,
    Rule,
    SupportedLocale,
)


def instance_information(api: Mastodon) -> None:
    info = api.instance_v2()
    assert_type(info, InstanceV2)
    assert_type(info.configuration.statuses.max_characters, int)
    assert_type(info.configuration.polls.max_options, int)
    assert_type(info.usage.users.active_month, int)
    assert_type(info.contact.account, Account | None)
    assert_type(info.rules, list[Rule])
    assert_type(info.thumbnail.versions, InstanceThumbnailVersions | None)
    assert_type(api.instance_v1().stats.user_count, int)
    either = api.instance()
    assert_type(either, InstanceV2 | Instance)
    assert_type(either.version, str)
    assert_type(api.instance_rules()[0].text, str)
    assert_type(api.instance_languages(), NonPaginatableList[SupportedLocale])
    assert_type(api.instance_languages()[0].code, str)
    assert_type(api.instance_activity()[0].statuses, int)
    assert_type(api.instance_activity()[0].week, datetime)
    assert_type(api.instance_domain_blocks()[0].severity, str)
    assert_type(api.instance_extended_description().updated_at, datetime)
    assert_type(api.instance_terms_of_service().effective_date, datetime)
    assert_type(api.instance_peers(), NonPaginatableList[str])
    assert_type(api.instance_health(), bool)


def discovery_documents(api: Mastodon) -> None:
    nodeinfo = api.instance_nodeinfo()
    assert_type(nodeinfo.software.name, str)
    assert_type(nodeinfo.openRegistrations, bool)
    assert_type(nodeinfo.usage.users.activeMonth, int | None)
    finger = api.webfinger("alice@example.com")
    assert_type(finger.subject, str)
    assert_type(finger.aliases, list[str] | None)
    assert_type(finger.links[0].href, str | None)
    embed = api.oembed("https://example.com/@alice/1")
    assert_type(embed.html, str)
    assert_type(embed.height, int | None)
    assert_type(api.host_meta(), str)


def announcements_and_emojis(api: Mastodon) -> None:
    announcement = api.announcements()[0]
    assert_type(announcement.starts_at, datetime | None)
    assert_type(announcement.reactions, list[Reaction])
    assert_type(announcement.reactions[0].me, bool | None)
    assert_type(announcement.mentions[0].acct, str)
    assert_type(api.custom_emojis()[0].category, str | None)
    assert_type(api.trending_tags()[0].history[0].uses, int)
    assert_type(api.trending_links()[0].history[0].day, datetime)
    assert_type(api.trending_links()[0].provider_name, str)
