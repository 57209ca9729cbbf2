"""Decoded results: dict subclass with attribute access, aware dates, ids."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

from mastodon import AttribAccessDict, AttribAccessList, MastodonIllegalArgumentError
from mastodon.types import decode_json, parse_datetime
from tests.data import entities as data


def test_attribute_access_is_dict_access() -> None:
    status = decode_json(json.dumps(data.status()))
    assert isinstance(status, dict) and isinstance(status, AttribAccessDict)
    assert status.account.acct == status["account"]["acct"] == "Gargron"
    assert status.media_attachments[0].meta.original.width == 640
    with pytest.raises(AttributeError):
        status.no_such_field  # noqa: B018
    status["content"] = "changed via item"
    assert status.content == "changed via item"
    assert "account" in dir(status)


def test_setting_an_attribute_sets_the_key() -> None:
    # As Mastodon.py 2.x does for its fields; new names too, so what a script
    # adds is data like the rest: compared, copied, pickled and written.
    status = decode_json(json.dumps(data.status()))
    status.content = "changed"
    status.seen_by_bot = True
    assert status["content"] == "changed" and status["seen_by_bot"] is True
    assert status.seen_by_bot is True and "seen_by_bot" in dir(status)
    assert status == {**data_status_decoded(), "content": "changed", "seen_by_bot": True}
    assert pickle.loads(pickle.dumps(status)).seen_by_bot is True
    del status.seen_by_bot
    assert "seen_by_bot" not in status
    with pytest.raises(AttributeError):
        del status.seen_by_bot
    with pytest.raises(AttributeError, match="method"):
        status.items = []  # a dict method: item assignment only
    status["items"] = []
    assert callable(status.items) and status["items"] == []
    # Pagination stays out of the data.
    status._pagination_next = {"_pagination_url": "https://x/"}
    assert "_pagination_next" not in status and status._pagination_next == {"_pagination_url": "https://x/"}


def data_status_decoded() -> dict[str, object]:
    return dict(decode_json(json.dumps(data.status())))


def test_documented_fields_the_server_left_out_read_as_none() -> None:
    follow = decode_json(json.dumps({k: v for k, v in data.notification(type="follow").items() if k != "status"}))
    assert "status" not in follow
    assert follow.status is None and not follow.status  # `if n.status:` works
    assert follow.get("status") is None
    with pytest.raises(KeyError):
        follow["status"]  # item access is a plain dict's
    status = decode_json(json.dumps({k: v for k, v in data.status().items() if k not in ("edited_at", "poll", "card")}))
    assert (status.edited_at, status.poll, status.card) == (None, None, None)
    assert getattr(status, "quote", "absent") is None  # documented (4.5), absent: None
    for name in ("no_such_field", "statuss", "__html__", "_repr_html_"):
        assert not hasattr(status, name)
    assert "edited_at" not in status and "edited_at" not in dir(status)  # reading adds nothing


def test_lists_take_attributes() -> None:
    page = decode_json(json.dumps([data.status()]))
    page.fetched_at = "now"
    assert page.fetched_at == "now" and page == decode_json(json.dumps([data.status()]))
    assert page._pagination_next is None
    with pytest.raises(AttributeError):
        page.status  # noqa: B018 - a list has no fields


def test_to_json_writes_what_mastodon_py_2_writes() -> None:
    page = decode_json(json.dumps([data.status(id="2"), data.status(id="1")]))
    info = AttribAccessDict(max_id=1, _pagination_method="GET", _pagination_endpoint="/api/v1/timelines/home")
    info["_pagination_url"] = "https://mastodon.example/api/v1/timelines/home?max_id=1"
    page._pagination_next = page[-1]._pagination_next = info
    written = json.loads(page.to_json())
    assert set(written) == {"_mastopy_version", "_mastopy_type", "_mastopy_data", "_mastopy_extra_data"}
    assert written["_mastopy_type"] == "PaginatableList[AttribAccessDict]"
    assert written["_mastopy_data"][0]["created_at"] == "2019-12-08T03:48:33.901000+00:00"
    assert written["_mastopy_extra_data"] == {"_pagination_next": dict(info)}
    again = AttribAccessList.from_json(page.to_json(pretty=False))
    assert isinstance(again, AttribAccessList) and again == page
    assert again._pagination_next == info and again[-1]._pagination_next == info
    status = page[0]
    assert json.loads(status.to_json())["_mastopy_type"] == "AttribAccessDict"
    assert AttribAccessDict.from_json(status.to_json()) == status
    status["odd"] = {1, 2}
    with pytest.raises(MastodonIllegalArgumentError, match="JSON"):
        status.to_json()


# What Mastodon.py 2.x's to_json wrote for a page of a home timeline: its typed
# entities carry every documented field (None when absent), ids are strings and
# datetimes isoformat(); pagination info is the first request's parameters plus
# _pagination_method/_pagination_endpoint/_mastopy_type and the new bound.
MASTOPY_2_PAGE = """{
    "_mastopy_version": "2.0.1",
    "_mastopy_type": "PaginatableList[Status]",
    "_mastopy_data": [
        {"id": "103270115826048975", "created_at": "2019-12-08T03:48:33.901000+00:00",
         "edited_at": null, "content": "<p>hi</p>", "reblog": null,
         "account": {"id": "1", "acct": "Gargron", "created_at": "2016-03-16T00:00:00+00:00"}}
    ],
    "_mastopy_extra_data": {
        "_pagination_next": {"limit": 1, "_pagination_method": "GET",
                             "_pagination_endpoint": "/api/v1/timelines/home",
                             "_mastopy_type": "PaginatableList[Status]", "max_id": "103270115826048975"}
    }
}"""


def test_from_json_reads_what_mastodon_py_2_wrote() -> None:
    page = AttribAccessDict.from_json(MASTOPY_2_PAGE)
    assert isinstance(page, AttribAccessList) and len(page) == 1
    status = page[0]
    assert status.id == 103270115826048975 and status.account.id == 1
    assert status.created_at == datetime(2019, 12, 8, 3, 48, 33, 901000, tzinfo=timezone.utc)
    assert status.edited_at is None and status.reblog is None
    assert page._pagination_next["_pagination_endpoint"] == "/api/v1/timelines/home"
    assert page._pagination_next.max_id == 103270115826048975
    assert status._pagination_next is page._pagination_next  # on the last item, as on a fresh page
    single = AttribAccessDict.from_json(
        '{"_mastopy_version": "2.0.1", "_mastopy_type": "Account", "_mastopy_data": {"id": "7", "acct": "a"}, "_mastopy_extra_data": {}}'
    )
    assert single == {"id": 7, "acct": "a"} and single._pagination_next is None


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
