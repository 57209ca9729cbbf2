"""Admin API: trends moderation, measures, dimensions and retention."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import admin as data
from tests.data.entities import status

START = datetime(2022, 9, 14, tzinfo=timezone.utc)
END = datetime(2022, 9, 21, 12, 30, tzinfo=timezone(timedelta(hours=2)))
PERIOD = [("start_at", "2022-09-14T00:00:00.000Z"), ("end_at", "2022-09-21T10:30:00.000Z")]

# -- trends ---------------------------------------------------------------------------


def test_admin_trending_tags(api, expect):
    call = expect("GET", "/api/v1/admin/trends/tags", [data.admin_tag()])
    result = api.admin_trending_tags(limit=5)
    assert call.query == [("limit", "5")]
    assert result[0].id == 802 and result[0].requires_review is False
    assert result[0].history[0].accounts == 53


def test_admin_trending_tags_limit_as_text(api, expect):
    call = expect("GET", "/api/v1/admin/trends/tags", [])
    api.admin_trending_tags(limit="5")
    assert call.query == [("limit", "5")]


def test_admin_trending_tags_bad_limit(api):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.admin_trending_tags(limit="five")


def test_admin_trending_statuses(api, expect):
    call = expect("GET", "/api/v1/admin/trends/statuses", [status(id="109415512969053017")])
    result = api.admin_trending_statuses()
    assert call.query == []
    assert result[0].id == 109415512969053017 and result[0].created_at.tzinfo is not None


def test_admin_trending_links(api, expect):
    expect("GET", "/api/v1/admin/trends/links", [data.trending_link()])
    result = api.admin_trending_links()
    assert result[0].provider_name == "Twitter"
    assert result[0].history[0].uses == 9


@pytest.mark.parametrize(
    ("name", "path", "body"),
    [
        ("admin_approve_trending_link", "/api/v1/admin/trends/links/7/approve", data.trending_link()),
        ("admin_reject_trending_link", "/api/v1/admin/trends/links/7/reject", data.trending_link()),
        ("admin_approve_trending_status", "/api/v1/admin/trends/statuses/7/approve", status(id="7")),
        ("admin_reject_trending_status", "/api/v1/admin/trends/statuses/7/reject", status(id="7")),
        ("admin_approve_trending_tag", "/api/v1/admin/trends/tags/7/approve", data.admin_tag(id="7")),
        ("admin_reject_trending_tag", "/api/v1/admin/trends/tags/7/reject", data.admin_tag(id="7")),
    ],
)
def test_admin_trend_review(api, expect, name, path, body):
    call = expect("POST", path, body)
    result = getattr(api, name)({"id": "7"})
    assert call.form == []
    assert result.url == body["url"]
    assert result.get("id", 7) == 7


def test_admin_trend_review_needs_an_id(api):
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.admin_approve_trending_tag(None)


# -- measures -------------------------------------------------------------------------


def test_admin_measures_simple_keys(api, expect):
    call = expect("POST", "/api/v1/admin/measures", [data.measure(), data.measure(key="new_users")])
    result = api.admin_measures(START, END, active_users=True, new_users=True)
    assert call.form == [*PERIOD, ("keys[]", "active_users"), ("keys[]", "new_users")]
    assert [m.key for m in result] == ["active_users", "new_users"]
    assert result[0].data[0].date == datetime(2022, 9, 14, tzinfo=timezone.utc)
    assert result[0].data[1].date == datetime(2022, 9, 15, tzinfo=timezone.utc)


def test_admin_measures_keyed_arguments(api, expect):
    call = expect("POST", "/api/v1/admin/measures", [data.measure(key="tag_accounts")])
    api.admin_measures(
        START,
        END,
        interactions=True,
        tag_accounts={"id": "802"},
        tag_servers=803,
        instance_statuses="example.org",
        instance_followers="example.net",
    )
    assert sorted(call.form) == sorted(
        [
            *PERIOD,
            ("tag_accounts[id]", "802"),
            ("tag_servers[id]", "803"),
            ("instance_statuses[domain]", "example.org"),
            ("instance_followers[domain]", "example.net"),
            ("keys[]", "interactions"),
            ("keys[]", "tag_accounts"),
            ("keys[]", "tag_servers"),
            ("keys[]", "instance_statuses"),
            ("keys[]", "instance_followers"),
        ]
    )


def test_admin_measures_accepts_dates(api, expect):
    call = expect("POST", "/api/v1/admin/measures", [data.measure()])
    api.admin_measures(date(2022, 9, 14), date(2022, 9, 21), opened_reports=True)
    assert call.form == [("start_at", "2022-09-14"), ("end_at", "2022-09-21"), ("keys[]", "opened_reports")]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((START, END), {}, "at least one"),
        ((START, END), {"active_users": False, "new_users": "0"}, "at least one"),
        (("2022-09-14", END), {"active_users": True}, "start_at"),
        ((START, "2022-09-21"), {"active_users": True}, "end_at"),
        ((START, END), {"instance_reports": 5}, "instance_reports"),
        ((START, END), {"tag_uses": 2.5}, "tag_uses"),
        ((START, END), {"new_users": "yes"}, "new_users"),
    ],
)
def test_admin_measures_bad_input(api, args, kwargs, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.admin_measures(*args, **kwargs)


def test_admin_measures_domain_given_as_a_url(api, expect):
    call = expect("POST", "/api/v1/admin/measures", [])
    api.admin_measures(START, END, instance_accounts="https://example.org/about", instance_reports="example.net")
    assert call.form == [
        *PERIOD,
        ("instance_accounts[domain]", "example.org"),
        ("instance_reports[domain]", "example.net"),
        ("keys[]", "instance_accounts"),
        ("keys[]", "instance_reports"),
    ]


def test_admin_measures_period_order_is_the_servers_to_judge(api, expect):
    call = expect("POST", "/api/v1/admin/measures", [])
    api.admin_measures(END, START, active_users="true", new_users=1)
    assert call.form == [("start_at", PERIOD[1][1]), ("end_at", PERIOD[0][1]), ("keys[]", "active_users"), ("keys[]", "new_users")]


# -- dimensions -----------------------------------------------------------------------


def test_admin_dimensions(api, expect):
    call = expect("POST", "/api/v1/admin/dimensions", [data.dimension(), data.space_usage_dimension()])
    result = api.admin_dimensions(
        START,
        END,
        limit=3,
        languages=True,
        space_usage=True,
        tag_languages={"id": "802"},
        instance_accounts="example.org",
    )
    assert sorted(call.form) == sorted(
        [
            *PERIOD,
            ("limit", "3"),
            ("tag_languages[id]", "802"),
            ("instance_accounts[domain]", "example.org"),
            ("keys[]", "languages"),
            ("keys[]", "space_usage"),
            ("keys[]", "tag_languages"),
            ("keys[]", "instance_accounts"),
        ]
    )
    assert result[0].data[0].human_key == "English"
    assert result[1].data[0].unit == "bytes"


@pytest.mark.parametrize("kwargs", [{}, {"languages": True, "limit": "all"}])
def test_admin_dimensions_bad_input(api, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.admin_dimensions(START, END, **kwargs)


# -- retention ------------------------------------------------------------------------


def test_admin_retention(api, expect):
    call = expect("POST", "/api/v1/admin/retention", [data.cohort()])
    result = api.admin_retention(START, END, frequency="month")
    assert call.form == [*PERIOD, ("frequency", "month")]
    assert result[0].period == datetime(2022, 9, 1, tzinfo=timezone.utc)
    assert result[0].data[0].rate == 1.0


def test_admin_retention_default_frequency(api, expect):
    call = expect("POST", "/api/v1/admin/retention", [])
    assert api.admin_retention(START, END) == []
    assert ("frequency", "day") in call.form


def test_admin_retention_frequency_in_any_case(api, expect):
    call = expect("POST", "/api/v1/admin/retention", [])
    api.admin_retention(START, END, frequency="Month")
    assert call.form == [*PERIOD, ("frequency", "month")]


@pytest.mark.parametrize("frequency", ["week", "", None])
def test_admin_retention_bad_frequency(api, frequency):
    with pytest.raises(MastodonIllegalArgumentError, match="frequency"):
        api.admin_retention(START, END, frequency=frequency)
