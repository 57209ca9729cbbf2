"""The admin API: accounts, reports, blocks, trends and statistics."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    AdminAccount,
    AdminDomainBlock,
    AdminRetention,
    AdminTag,
    NonPaginatableList,
    PaginatableList,
    TrendingLink,
)


def accounts_and_reports(api: Mastodon) -> None:
    account = api.admin_account(1)
    assert_type(account, AdminAccount)
    assert_type(account.account.acct, str)
    assert_type(account.ips[0].used_at, datetime)
    assert_type(account.invite_request, str | None)
    assert_type(api.admin_accounts_v2(origin="local")[0].email, str)
    report = api.admin_report(1)
    assert_type(report.target_account.account.display_name, str)
    assert_type(report.assigned_account, AdminAccount | None)
    assert_type(report.statuses[0].content, str)
    assert_type(api.admin_reports()[0].action_taken_at, datetime | None)


def blocks(api: Mastodon) -> None:
    assert_type(api.admin_domain_blocks(), PaginatableList[AdminDomainBlock])
    assert_type(api.admin_domain_blocks(1), AdminDomainBlock)
    assert_type(api.admin_domain_blocks(id=1).severity, str)
    assert_type(api.admin_create_domain_block("example.com", severity="silence").public_comment, str | None)
    assert_type(api.admin_ip_blocks()[0].expires_at, datetime | None)
    assert_type(api.admin_email_domain_blocks()[0].history[0].accounts, int)
    assert_type(api.admin_canonical_email_blocks()[0].canonical_email_hash, str)


def trends_and_statistics(api: Mastodon, start: datetime, end: datetime) -> None:
    assert_type(api.admin_trending_tags(), NonPaginatableList[AdminTag])
    assert_type(api.admin_trending_tags()[0].requires_review, bool)
    assert_type(api.admin_trending_links(), NonPaginatableList[TrendingLink])
    assert_type(api.admin_approve_trending_link(1).history[0].accounts, int)
    assert_type(api.admin_reject_trending_tag(1).trendable, bool)
    retention = api.admin_retention(start, end)
    assert_type(retention, NonPaginatableList[AdminRetention])
    assert_type(retention[0].period, datetime)
    assert_type(retention[0].data[0].rate, float)
    measure = api.admin_measures(start, end, active_users=True)[0]
    assert_type(measure.total, str)  # an integer, sent and kept as a string
    assert_type(measure.data[0].date, datetime)
    assert_type(api.admin_dimensions(start, end, languages=True)[0].data[0].key, str)
