"""Statuses: reading, posting, scheduling, replying, editing."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type  # typing.assert_type needs Python 3.11

from mastodon import Mastodon
from mastodon.return_types import (
    Account,
    Context,
    FilterKeyword,
    IdType,
    MediaAttachment,
    PaginatableList,
    Poll,
    PreviewCard,
    Quote,
    ScheduledStatus,
    ScheduledStatusPoll,
    ShallowQuote,
    Status,
    StatusEdit,
)


def reading(api: Mastodon) -> None:
    status = api.status(1)
    assert_type(status, Status)
    assert_type(status.id, IdType)
    assert_type(status.account, Account)
    assert_type(status.account.acct, str)
    assert_type(status.account.created_at, datetime)
    assert_type(status.account.last_status_at, datetime | None)
    assert_type(status.account.fields[0].verified_at, datetime | None)
    assert_type(status.account.emojis[0].shortcode, str)
    assert_type(status.created_at, datetime)
    assert_type(status.edited_at, datetime | None)
    assert_type(status.in_reply_to_id, IdType | None)
    assert_type(status.reblog, Status | None)
    assert_type(status.media_attachments, list[MediaAttachment])
    assert_type(status.media_attachments[0].description, str | None)
    assert_type(status.mentions[0].acct, str)
    assert_type(status.tags[0].name, str)
    assert_type(status.card, PreviewCard | None)
    assert_type(status.poll, Poll | None)
    assert_type(status.quote, Quote | ShallowQuote | None)
    assert_type(status.favourited, bool | None)
    assert_type(status.replies_count, int)
    if status.reblog is not None:
        assert_type(status.reblog.account.display_name, str)
    if status.poll is not None:
        assert_type(status.poll.options[0].votes_count, int | None)
        assert_type(status.poll.expires_at, datetime | None)
        assert_type(status.poll.own_votes, list[int] | None)
    if status.filtered:
        assert_type(status.filtered[0].filter.keywords, list[FilterKeyword] | None)


def threads_and_history(api: Mastodon) -> None:
    context = api.status_context(1)
    assert_type(context, Context)
    assert_type(context.descendants[0].in_reply_to_account_id, IdType | None)
    assert_type(api.status_history(1)[0], StatusEdit)
    assert_type(api.status_history(1)[0].created_at, datetime)
    assert_type(api.status_source(1).text, str)
    assert_type(api.status_translate(1).detected_source_language, str)
    assert_type(api.status_reblogged_by(1), PaginatableList[Account])
    assert_type(api.status_quotes(1)[0].quote, Quote | ShallowQuote | None)
    assert_type(api.statuses([1, 2])[0].uri, str)


def posting(api: Mastodon, when: datetime, maybe_when: datetime | None) -> None:
    assert_type(api.toot("Hello"), Status)
    assert_type(api.status_post("Hello").content, str)
    posted = api.status_post("Hello", visibility="unlisted", spoiler_text="cw", language="en")
    assert_type(posted, Status)
    scheduled = api.status_post("Later", scheduled_at=when)
    assert_type(scheduled, ScheduledStatus)
    assert_type(scheduled.scheduled_at, datetime)
    assert_type(scheduled.params.text, str)
    assert_type(scheduled.params.poll, ScheduledStatusPoll | None)
    # When the presence of a time is only known at run time, either can come back.
    assert_type(api.status_post("Maybe later", scheduled_at=maybe_when), Status | ScheduledStatus)
    poll = api.make_poll(["tea", "coffee"], expires_in=3600)
    assert_type(poll, ScheduledStatusPoll)
    assert_type(api.status_post("Tea or coffee?", poll=poll).poll, Poll | None)
    assert_type(api.status_reply(posted, "Welcome!"), Status)
    assert_type(api.status_reply(posted, "Welcome tomorrow!", scheduled_at=when), ScheduledStatus)


def interacting(api: Mastodon) -> None:
    assert_type(api.status_favourite(1).favourites_count, int)
    assert_type(api.status_reblog(1).reblog, Status | None)
    assert_type(api.status_bookmark(1).bookmarked, bool | None)
    assert_type(api.status_update(1, "Edited").edited_at, datetime | None)
    assert_type(api.status_delete(1).text, str | None)
    assert_type(api.scheduled_statuses()[0].params.visibility, str | None)
    assert_type(api.scheduled_status_update(1, datetime(2030, 1, 1)).scheduled_at, datetime)
