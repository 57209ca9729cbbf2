"""Search, filters, lists, markers, conversations, preferences and annual reports."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    Context,
    FilterKeyword,
    FilterStatus,
    Marker,
    PaginatableList,
    Search,
    SearchV2,
    Status,
    Tag,
)


def searching(api: Mastodon) -> None:
    results = api.search_v2("python", result_type="hashtags")
    assert_type(results, SearchV2)
    assert_type(results.hashtags, list[Tag])
    assert_type(results.hashtags[0].history[0].day, datetime)
    assert_type(results.accounts[0].acct, str)
    assert_type(api.search_v1("python").hashtags, list[str])
    either = api.search("python")
    assert_type(either, Search | SearchV2)
    assert_type(either.statuses, list[Status])
    assert_type(api.followed_tags()[0].following, bool | None)
    assert_type(api.tag("python").history[0].accounts, int)


def filtering(api: Mastodon) -> None:
    filters = api.filters_v2()
    assert_type(filters[0].keywords, list[FilterKeyword] | None)
    assert_type(filters[0].expires_at, datetime | None)
    assert_type(api.filter_v2(1).filter_action, str)
    assert_type(api.add_filter_keyword_v2(1, "spoiler").whole_word, bool)
    assert_type(api.filter_statuses_v2(1)[0], FilterStatus)
    assert_type(api.filters()[0].phrase, str)
    timeline = api.timeline_home()
    kept = api.filters_apply(timeline, api.filters(), "home")
    assert_type(kept, PaginatableList[Status])
    assert_type(kept[0].content, str)


def lists_markers_conversations(api: Mastodon) -> None:
    assert_type(api.lists()[0].replies_policy, str)
    assert_type(api.list_create("Friends").exclusive, bool)
    assert_type(api.list_accounts(1)[0].acct, str)
    markers = api.markers_get(["home"])
    assert_type(markers, dict[str, Marker])
    assert_type(markers["home"].last_read_id, int | str)
    assert_type(markers["home"].updated_at, datetime)
    conversation = api.conversations()[0]
    assert_type(conversation.last_status, Status | None)
    assert_type(conversation.accounts[0].acct, str)
    assert_type(api.conversations_read(conversation).unread, bool)


def preferences_reports_and_more(api: Mastodon) -> None:
    preferences = api.preferences()
    visibility = preferences["posting:default:visibility"]  # not an identifier: item access only
    assert_type(api.report(1, status_ids=[2], comment="spam").category, str)
    assert_type(api.annual_report_state(2025).state, str)
    assert_type(api.annual_reports().annual_reports[0].year, int)
    assert_type(api.featured_tag_create("python").statuses_count, int)
    assert_type(api.push_subscription().alerts.mention, bool)
    private, public = api.push_subscription_generate_keys()
    assert_type(private.privkey, int)
    assert_type(public.pubkey, bytes)
    assert_type(api.push_subscription_set("https://example.com/push", public).server_key, str)
    context = api.status_context(1)
    assert_type(api.await_async_refresh(context), Context | None)
    refresh = api.get_async_refresh_info(context)
    if refresh is not None:
        assert_type(refresh[0].status, str)
    assert_type(api.collection(1).accounts[0].acct, str)
    del visibility
