"""Unit tests of the argument checks shared by the endpoint mixins."""

from datetime import datetime, timedelta, timezone

import pytest

from mastodon._checks import (
    check_aware_datetime,
    check_bool,
    check_choice,
    check_int,
    check_limit,
    check_optional_text,
    check_strings,
    check_text,
    profile_fields,
)
from mastodon.api.pagination import page_params
from mastodon.errors import MastodonIllegalArgumentError

AWARE = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [None, 1, 40, 10_000])
def test_check_limit_accepts(value):
    assert check_limit(value) == value


@pytest.mark.parametrize("value", [0, -1, True, False, "5", 2.0, [3]])
def test_check_limit_refuses(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"^limit must be a positive integer"):
        check_limit(value)


def test_check_int_minimum_and_messages():
    assert check_int(0, "offset") == 0
    assert check_int(None, "offset") is None
    assert check_int(5, "maxwidth", 5) == 5
    with pytest.raises(MastodonIllegalArgumentError, match=r"^offset must be a non-negative integer, not -1"):
        check_int(-1, "offset")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^maxwidth must be a positive integer"):
        check_int(0, "maxwidth", 1)
    with pytest.raises(MastodonIllegalArgumentError, match=r"^year must be an integer of at least 3"):
        check_int(2, "year", 3)
    with pytest.raises(MastodonIllegalArgumentError, match="duration"):
        check_int(True, "duration")


@pytest.mark.parametrize("value", [None, True, False])
def test_check_bool_accepts(value):
    assert check_bool(value, "flag") is value


@pytest.mark.parametrize("value", ["false", 0, 1, "true"])
def test_check_bool_refuses(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"^flag must be True or False"):
        check_bool(value, "flag")


def test_check_choice():
    choices = ("public", "private")
    assert check_choice("public", "visibility", choices) == "public"
    assert check_choice(None, "visibility", choices) is None
    assert check_choice("private", "visibility", frozenset(choices)) == "private"
    with pytest.raises(MastodonIllegalArgumentError, match=r"^visibility must be one of public, private, not 'x'"):
        check_choice("x", "visibility", choices)
    with pytest.raises(MastodonIllegalArgumentError, match="severity"):
        check_choice(None, "severity", choices, required=True)
    with pytest.raises(MastodonIllegalArgumentError, match="visibility"):
        check_choice(["public"], "visibility", frozenset(choices))  # unhashable: no TypeError


def test_check_text():
    assert check_text("hello", "q") == "hello"
    assert check_text("", "comment", allow_empty=True) == ""
    with pytest.raises(MastodonIllegalArgumentError, match=r"^q must not be empty"):
        check_text("  ", "q")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^q must be a string, not NoneType"):
        check_text(None, "q")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^q must be a string, not int"):
        check_text(3, "q")


def test_check_optional_text():
    assert check_optional_text(None, "note") is None
    assert check_optional_text("", "note") == ""
    with pytest.raises(MastodonIllegalArgumentError, match="note"):
        check_optional_text(b"bytes", "note")


def test_check_strings():
    assert check_strings(None, "languages") is None
    assert check_strings(("en", "de"), "languages") == ["en", "de"]
    with pytest.raises(MastodonIllegalArgumentError, match=r"^languages must be a list"):
        check_strings("en", "languages")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^languages\[1\] must not be empty"):
        check_strings(["en", ""], "languages")


def test_check_aware_datetime():
    assert check_aware_datetime(None, "scheduled_at") is None
    assert check_aware_datetime(AWARE, "scheduled_at") is AWARE
    with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
        check_aware_datetime(AWARE.replace(tzinfo=None), "scheduled_at")
    with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
        check_aware_datetime("2024-01-02", "scheduled_at")


def test_page_params():
    params = page_params({"id": "7"}, None, 3, 20)
    assert params == {"max_id": "7", "min_id": None, "since_id": 3, "limit": 20}
    assert list(params) == ["max_id", "min_id", "since_id", "limit"]
    assert page_params(None, AWARE, None, None)["min_id"] == int(AWARE.timestamp() * 1000) << 16


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((None, None, None, 0), "limit"),
        ((AWARE.replace(tzinfo=None), None, None, None), "max_id"),
        ((None, AWARE - timedelta(hours=1), datetime(2024, 1, 1), None), "since_id"),
    ],
)
def test_page_params_refuses(args, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        page_params(*args)


def test_profile_fields():
    assert profile_fields(None) is None
    assert profile_fields([("a", "b")]) == {"0": {"name": "a", "value": "b"}}
    with pytest.raises(MastodonIllegalArgumentError, match=r"fields\[0\]"):
        profile_fields([("a", 1)])


@pytest.mark.parametrize(
    ("check", "name"),
    [
        (lambda: check_int(None, "max_retries", required=True), "max_retries"),
        (lambda: check_bool(None, "forward", required=True), "forward"),
        (lambda: check_choice(None, "ratelimit_method", ("wait",), required=True), "ratelimit_method"),
    ],
)
def test_required_refuses_none(check, name):
    with pytest.raises(MastodonIllegalArgumentError, match=rf"^{name} must be .*, not None$"):
        check()


def test_required_accepts_values():
    assert check_int(0, "max_retries", required=True) == 0
    assert check_bool(False, "forward", required=True) is False
    assert check_choice("wait", "ratelimit_method", ("wait",), required=True) == "wait"
