"""Timelines and pagination: a page keeps its item type through every page that follows."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import Account, MutedAccount, PaginatableList, PaginationInfo, PreviewCard, Status


def timelines(api: Mastodon) -> None:
    home = api.timeline_home()
    assert_type(home, PaginatableList[Status])
    assert_type(home[0].created_at, datetime)
    assert_type(home[0].account.acct, str)
    assert_type(api.timeline_public(local=True)[0].url, str | None)
    assert_type(api.timeline_hashtag("python")[0].tags[0].url, str)
    assert_type(api.timeline_list(1)[0].visibility, str)
    assert_type(api.timeline_link("https://example.com/")[0].card, PreviewCard | None)
    assert_type(api.account_statuses(1, only_media=True)[0].media_attachments[0].type, str)
    assert_type(api.bookmarks()[0].bookmarked, bool | None)
    assert_type(api.favourites()[0].favourited, bool | None)
    assert_type(api.trending_statuses()[0].reblogs_count, int)


def following_pages(api: Mastodon) -> None:
    statuses = api.timeline_home()
    assert_type(api.fetch_next(statuses), PaginatableList[Status] | None)
    assert_type(api.fetch_previous(statuses), PaginatableList[Status] | None)
    assert_type(api.fetch_remaining(statuses), PaginatableList[Status])
    followers = api.account_followers(1)
    assert_type(api.fetch_next(followers), PaginatableList[Account] | None)
    assert_type(api.fetch_remaining(api.mutes()), PaginatableList[MutedAccount])
    page: PaginatableList[Status] | None = statuses
    while page:
        assert_type(page[0].id, int | str)
        page = api.fetch_next(page)


def iterating(api: Mastodon) -> None:
    for status in api.pagination_iterator(api.timeline_home()):
        assert_type(status, Status)
    for account, info in api.pagination_iterator(api.account_following(1), return_pagination_info=True):
        assert_type(account, Account)
        assert_type(info, PaginationInfo | None)
    for page in api.pagination_page_iterator(api.favourites(), "previous"):
        assert_type(page, list[Status])
    info = api.get_pagination_info(api.timeline_local(), "next")
    assert_type(info, PaginationInfo | None)
    if info is not None:
        assert_type(info._pagination_url, str)
        assert_type(info.max_id, int | str | None)
