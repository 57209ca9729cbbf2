"""Decoded results: dict subclass with attribute access, aware dates, ids."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

from mastodon import AttribAccessDict, AttribAccessList, MastodonIllegalArgumentError
from mastodon.types import decode_json, parse_datetime
from tests.data import entities as data


def test_attribute_access_is_read_only_dict_access() -> None:
    status = decode_json(json.dumps(data.status()))
    assert isinstance(status, dict) and isinstance(status, AttribAccessDict)
    assert status.account.acct == status["account"]["acct"] == "Gargron"
    assert status.media_attachments[0].meta.original.width == 640
    with pytest.raises(AttributeError):
        status.no_such_field  # noqa: B018
    with pytest.raises(AttributeError, match="read-only"):
        status.content = "changed"
    status["content"] = "changed via item"
    assert status.content == "changed via item"
    assert "account" in dir(status)


def test_dates_are_aware_utc() -> None:
    status = decode_json(json.dumps(data.status()))
    assert status.created_at == datetime(2019, 12, 8, 3, 48, 33, 901000, tzinfo=timezone.utc)
    assert status.account.last_status_at == datetime(2019, 11, 17, tzinfo=timezone.utc)
    assert status.account.fields[1].verified_at.tzinfo is not None
    assert status.edited_at is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-12-08T03:48:33.901Z", datetime(2019, 12, 8, 3, 48, 33, 901000, tzinfo=timezone.utc)),
        ("2019-12-08T03:48:33Z", datetime(2019, 12, 8, 3, 48, 33, tzinfo=timezone.utc)),
        ("2019-12-08T05:48:33+02:00", datetime(2019, 12, 8, 3, 48, 33, tzinfo=timezone.utc)),
        ("2019-12-08T03:48:33.12345Z", datetime(2019, 12, 8, 3, 48, 33, 123450, tzinfo=timezone.utc)),
        ("2019-12-08", datetime(2019, 12, 8, tzinfo=timezone.utc)),
        ("1574553600", datetime(2019, 11, 24, tzinfo=timezone.utc)),
    ],
)
def test_date_formats(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert isinstance(parsed, datetime) and parsed.utcoffset() == timedelta(0)


def test_unparseable_dates_are_kept() -> None:
    assert parse_datetime("yesterday") == "yesterday"
    assert decode_json('{"created_at": "not a date"}').created_at == "not a date"


def test_ids() -> None:
    value = decode_json(
        '{"id": "103270115826048975", "in_reply_to_id": "9", "account_id": "AbC9x", '
        '"status_id": "007", "other": "42", "media": [{"id": "1"}]}'
    )
    assert value.id == 103270115826048975
    assert value.in_reply_to_id == 9
    assert value.account_id == "AbC9x"  # Pleroma/GoToSocial ids stay strings
    assert value.status_id == "007"  # a leading zero would not round-trip
    assert value.other == "42"  # only id fields are converted
    assert value.media[0].id == 1


def test_activity_and_history_counts() -> None:
    week = decode_json('[{"week": "1574553600", "statuses": "37125", "logins": "14239", "registrations": "542"}]')[0]
    assert week.week == datetime(2019, 11, 24, tzinfo=timezone.utc)
    assert (week.statuses, week.logins, week.registrations) == (37125, 14239, 542)
    history = decode_json('{"history": [{"day": "1574553600", "uses": "200", "accounts": "31"}]}').history[0]
    assert (history.uses, history.accounts) == (200, 31)


def test_unknown_fields_are_kept_untouched() -> None:
    raw = data.status(future_field={"nested": [1, "two", None]}, another=3.5)
    value = decode_json(json.dumps(raw))
    assert value.future_field == {"nested": [1, "two", None]}
    assert value.another == 3.5


def test_lists_and_round_trips() -> None:
    page = decode_json(json.dumps([data.status(), data.status(id="2")]))
    assert isinstance(page, AttribAccessList) and len(page) == 2
    status = page[0]
    again = AttribAccessDict.from_json(status.to_json())
    assert again == status
    assert pickle.loads(pickle.dumps(status)) == status
    with pytest.raises(MastodonIllegalArgumentError):
        AttribAccessDict.from_json("{not json")
