"""Reports filed by the user."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError
from tests.data import entities
from tests.data import filters as data


def test_report_minimal(api, expect):
    call = expect("POST", "/api/v1/reports", data.report(category="other", comment="", status_ids=None))
    result = api.report("108366849347798387")
    assert call.form == [("account_id", "108366849347798387"), ("forward", "false")]
    assert result.id == 48914 and result.target_account.id == 108366849347798387


def test_report_spam_with_statuses(api, expect):
    call = expect("POST", "/api/v1/reports", data.report())
    result = api.report(
        entities.account(id="108366849347798387"),
        status_ids=entities.status(id="108882889550545820"),
        comment="Spam account",
        category="spam",
    )
    assert call.form == [
        ("account_id", "108366849347798387"),
        ("status_ids[]", "108882889550545820"),
        ("comment", "Spam account"),
        ("forward", "false"),
        ("category", "spam"),
    ]
    assert result.category == "spam"
    assert result.status_ids == ["108882889550545820"]
    assert result.created_at == datetime(2022, 8, 25, 9, 56, 16, 763000, tzinfo=timezone.utc)
    assert result.action_taken_at is None


def test_report_violation_forwarded(api, expect):
    call = expect("POST", "/api/v1/reports", data.report(category="violation", rule_ids=["1", "3"], forwarded=True))
    result = api.report(
        5,
        status_ids=[1, "2"],
        forward=True,
        rule_ids=[{"id": "1"}, 3],
        forward_to_domains=["remote.example"],
        collection_ids=["116131056935959117"],
    )
    assert call.form == [
        ("account_id", "5"),
        ("status_ids[]", "1"),
        ("status_ids[]", "2"),
        ("collection_ids[]", "116131056935959117"),
        ("forward", "true"),
        ("category", "violation"),
        ("rule_ids[]", "1"),
        ("rule_ids[]", "3"),
        ("forward_to_domains[]", "remote.example"),
    ]
    assert result.forwarded is True and result.rule_ids == ["1", "3"]


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"category": "rude"}, "category"),
        ({"rule_ids": [1.5]}, "rule_ids"),
        ({"forward": "yes"}, "forward"),
        ({"forward": None}, "forward"),
        ({"comment": 5}, "comment"),
        ({"status_ids": [None]}, "status_ids"),
        ({"forward_to_domains": "remote.example"}, "forward_to_domains"),
        ({"forward_to_domains": [None]}, "forward_to_domains"),
    ],
)
def test_report_rejects_bad_input(api, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.report(1, **kwargs)


def test_report_leaves_rules_of_other_categories_to_the_server(api, expect):
    call = expect("POST", "/api/v1/reports", {"error": "Validation failed: Rules is invalid"}, status=422)
    with pytest.raises(MastodonAPIError, match="Rules is invalid"):
        api.report(1, category="Spam", rule_ids=[1], forward="true", forward_to_domains={"remote.example"})
    assert call.form == [
        ("account_id", "1"),
        ("forward", "true"),
        ("category", "spam"),
        ("rule_ids[]", "1"),
        ("forward_to_domains[]", "remote.example"),
    ]


def test_report_rejects_missing_account(api):
    with pytest.raises(MastodonIllegalArgumentError, match="account_id"):
        api.report({"username": "nobody"})


def test_report_validation_error_from_server(api, expect):
    expect("POST", "/api/v1/reports", {"error": "Validation failed: Rule ids does not reference valid rules"}, status=422)
    with pytest.raises(MastodonAPIError, match="Rule ids") as info:
        api.report(1, rule_ids=[99])
    assert info.value.status_code == 422


def test_reports(api, expect):
    call = expect("GET", "/api/v1/reports", [data.report(), data.report(id="48915")])
    result = api.reports()
    assert call.query == []
    assert [r.id for r in result] == [48914, 48915]
