"""Admin API: accounts and reports."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError, MastodonVersionError
from tests.data import admin as data
from tests.helpers import make_api

# -- account listings -----------------------------------------------------------------


def test_admin_accounts_defaults_to_active_accounts(api, expect):
    call = expect("GET", "/api/v1/admin/accounts", [data.admin_account()])
    result = api.admin_accounts()
    assert call.query == [("active", "true")]
    assert result[0].id == 108965278956942133
    assert result[0].account.acct == "admin"
    assert result[0].ips[0].used_at == datetime(2022, 9, 15, 1, 38, 58, 851000, tzinfo=timezone.utc)


def test_admin_accounts_v1_sends_flags_and_filters(api, expect):
    call = expect("GET", "/api/v1/admin/accounts", [])
    api.admin_accounts_v1(
        remote=True,
        by_domain="example.org",
        status="suspended",
        username="bob",
        staff_only=True,
        max_id={"id": "900"},
        since_id=12,
        limit=40,
    )
    assert call.query == [
        ("remote", "true"),
        ("suspended", "true"),
        ("staff", "true"),
        ("by_domain", "example.org"),
        ("username", "bob"),
        ("max_id", "900"),
        ("since_id", "12"),
        ("limit", "40"),
    ]


def test_admin_accounts_delegates_to_v1(api, expect):
    call = expect("GET", "/api/v1/admin/accounts", [])
    api.admin_accounts(status="pending", email="x@example.org", limit=5)
    assert call.query == [("pending", "true"), ("email", "x@example.org"), ("limit", "5")]


def test_admin_accounts_v2_sends_filters(api, expect):
    call = expect("GET", "/api/v2/admin/accounts", [data.admin_account(id="7")])
    result = api.admin_accounts_v2(
        origin="local",
        status="pending",
        permissions="staff",
        invited_by={"id": "55"},
        role_ids=[3, {"id": "4"}],
        ip="192.0.2.1",
    )
    assert call.query == [
        ("origin", "local"),
        ("status", "pending"),
        ("ip", "192.0.2.1"),
        ("permissions", "staff"),
        ("invited_by", "55"),
        ("role_ids[]", "3"),
        ("role_ids[]", "4"),
    ]
    assert result[0].id == 7


def test_admin_accounts_fetch_next_follows_link(api, expect, base_url):
    next_url = f"{base_url}/api/v2/admin/accounts?limit=1&max_id=7"
    expect("GET", "/api/v2/admin/accounts", [data.admin_account(id="8")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v2/admin/accounts", [data.admin_account(id="7")])
    first = api.admin_accounts_v2(limit=1)
    page = api.fetch_next(first)
    assert second.query == [("limit", "1"), ("max_id", "7")]
    assert [a.id for a in page] == [7]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda api: api.admin_accounts(status="banned"), "status"),
        (lambda api: api.admin_accounts_v1(limit="many"), "limit"),
        (lambda api: api.admin_accounts_v1(staff_only="staff"), "staff_only"),
        (lambda api: api.admin_accounts_v2(origin="elsewhere"), "origin"),
        (lambda api: api.admin_accounts_v2(status="gone"), "status"),
        (lambda api: api.admin_accounts_v2(permissions="admin"), "permissions"),
        (lambda api: api.admin_accounts_v2(max_id=1.5), "max_id"),
    ],
)
def test_admin_accounts_bad_input_sends_nothing(api, call, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        call(api)


def test_admin_accounts_choices_in_any_case_and_flags_as_text(api, expect):
    v1 = expect("GET", "/api/v1/admin/accounts", [])
    v2 = expect("GET", "/api/v2/admin/accounts", [])
    api.admin_accounts_v1(remote="true", status="Pending", staff_only=0, limit="0")
    api.admin_accounts_v2(origin="LOCAL", status="Silenced", permissions="Staff")
    assert v1.query == [("remote", "true"), ("pending", "true"), ("limit", "0")]
    assert v2.query == [("origin", "local"), ("status", "silenced"), ("permissions", "staff")]


def test_admin_accounts_v2_needs_3_5(base_url):
    old = make_api(base_url, mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError):
        old.admin_accounts_v2()


# -- single accounts ------------------------------------------------------------------


def test_admin_account(api, expect):
    call = expect("GET", "/api/v1/admin/accounts/108965278956942133", data.admin_account())
    result = api.admin_account({"id": "108965278956942133"})
    assert call.query == []
    assert result.email == "admin@mastodon.local"
    assert result.role.name == "Owner"
    assert result.created_at == datetime(2022, 9, 8, 23, 3, 26, 762000, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("name", "verb", "suffix"),
    [
        ("admin_account_approve", "POST", "/approve"),
        ("admin_account_reject", "POST", "/reject"),
        ("admin_account_enable", "POST", "/enable"),
        ("admin_account_unsilence", "POST", "/unsilence"),
        ("admin_account_unsuspend", "POST", "/unsuspend"),
        ("admin_account_unsensitive", "POST", "/unsensitive"),
        ("admin_account_delete", "DELETE", ""),
    ],
)
def test_admin_account_state_changes(api, expect, name, verb, suffix):
    call = expect(verb, f"/api/v1/admin/accounts/42{suffix}", data.admin_account(id="42", silenced=False))
    result = getattr(api, name)(42)
    assert call.method == verb and call.form == []
    assert result.id == 42 and result.silenced is False


def test_admin_account_moderate_defaults_to_warning(api, expect):
    call = expect("POST", "/api/v1/admin/accounts/42/action", {})
    assert api.admin_account_moderate(42) is None
    assert call.form == [("type", "none"), ("send_email_notification", "true")]


def test_admin_account_moderate_full(api, expect):
    call = expect("POST", "/api/v1/admin/accounts/42/action", {})
    api.admin_account_moderate(
        {"id": "42"},
        "Suspend",
        report_id={"id": "3"},
        warning_preset_id=9,
        text="Spam",
        send_email_notification=False,
    )
    assert call.form == [
        ("type", "suspend"),
        ("report_id", "3"),
        ("warning_preset_id", "9"),
        ("text", "Spam"),
        ("send_email_notification", "false"),
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"action": "ban"},
        {"send_email_notification": "no"},
        {"report_id": 1.5},
        {"text": 42},
    ],
)
def test_admin_account_moderate_bad_input(api, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.admin_account_moderate(42, **kwargs)


# -- reports --------------------------------------------------------------------------


def test_admin_reports_default_sends_no_filter(api, expect):
    call = expect("GET", "/api/v1/admin/reports", [data.admin_report()])
    result = api.admin_reports()
    assert call.query == []
    report = result[0]
    assert report.id == 1 and report.action_taken_at is None
    assert report.target_account.account.acct == "goody"
    assert report.created_at.tzinfo is not None


def test_admin_reports_filters(api, expect):
    call = expect("GET", "/api/v1/admin/reports", [])
    api.admin_reports(resolved=True, account_id={"id": "5"}, target_account_id=6, min_id="10", limit=2)
    assert call.query == [
        ("resolved", "true"),
        ("account_id", "5"),
        ("target_account_id", "6"),
        ("min_id", "10"),
        ("limit", "2"),
    ]


def test_admin_reports_both_states(api, expect):
    call = expect("GET", "/api/v1/admin/reports", [])
    api.admin_reports(resolved=True, unresolved=True)
    assert call.query == [("resolved", "true"), ("unresolved", "true")]


def test_admin_reports_fetch_next_follows_link(api, expect, base_url):
    next_url = f"{base_url}/api/v1/admin/reports?limit=1&max_id=2"
    expect("GET", "/api/v1/admin/reports", [data.admin_report(id="3")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/admin/reports", [data.admin_report(id="2")])
    page = api.fetch_next(api.admin_reports(limit=1))
    assert second.query == [("limit", "1"), ("max_id", "2")]
    assert page[0].id == 2


def test_admin_reports_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="resolved"):
        api.admin_reports(resolved="yes")


def test_admin_report(api, expect):
    expect("GET", "/api/v1/admin/reports/2", data.admin_report(id="2", action_taken=True, action_taken_at="2022-09-09T21:38:54.679Z"))
    result = api.admin_report(2)
    assert result.action_taken is True
    assert result.action_taken_at == datetime(2022, 9, 9, 21, 38, 54, 679000, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("admin_report_assign", "assign_to_self"),
        ("admin_report_unassign", "unassign"),
        ("admin_report_resolve", "resolve"),
        ("admin_report_reopen", "reopen"),
    ],
)
def test_admin_report_actions(api, expect, name, suffix):
    call = expect("POST", f"/api/v1/admin/reports/3/{suffix}", data.admin_report(id="3"))
    result = getattr(api, name)({"id": 3})
    assert call.form == []
    assert result.id == 3


def test_admin_update_report(api, expect):
    call = expect("PUT", "/api/v1/admin/reports/3", data.admin_report(id="3", category="violation"))
    result = api.admin_update_report(3, category="violation", rule_ids=[1, {"id": "2"}])
    assert call.form == [("category", "violation"), ("rule_ids[]", "1"), ("rule_ids[]", "2")]
    assert result.category == "violation"


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({}, "category"),
        ({"category": "rude"}, "category"),
        ({"rule_ids": [1.5]}, "rule_ids"),
    ],
)
def test_admin_update_report_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.admin_update_report(3, **kwargs)


def test_admin_update_report_leaves_rules_of_other_categories_to_the_server(api, expect):
    call = expect("PUT", "/api/v1/admin/reports/3", {"error": "Validation failed: Rules is invalid"}, status=422)
    with pytest.raises(MastodonAPIError) as err:
        api.admin_update_report(3, category="Spam", rule_ids=[1])
    assert call.form == [("category", "spam"), ("rule_ids[]", "1")]
    assert err.value.status_code == 422
