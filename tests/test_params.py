"""Argument checks shared by the endpoint mixins, and the values scripts written
for the classic client pass: text and numbers where the API wants ints or flags,
choices in any case, naive datetimes, tag names."""

import os
import time
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest

from mastodon import StreamListener
from mastodon._checks import (
    as_bool,
    as_choice,
    as_datetime,
    as_int,
    check_choice,
    check_int,
    check_optional_text,
    check_strings,
    check_text,
    focus_string,
    poll_params,
    profile_fields,
    tag_name,
)
from mastodon._encoding import encode_json, encode_params
from mastodon.api.pagination import page_bound, page_params
from mastodon.errors import MastodonIllegalArgumentError
from tests.data import admin as admin_data
from tests.data import statuses as status_data

AWARE = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)

# -- integers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0, 0), (40, 40), (-1, -1), ("20", 20), (" 20 ", 20), ("+3", 3), ("-7", -7), (20.0, 20)],
)
def test_as_int_accepts(value, expected):
    result = as_int(value, "limit")
    assert result == expected and (result is None or type(result) is int)


@pytest.mark.parametrize("value", [True, False, "", "20 items", "2.5", "1_000", "٣", 2.5, float("nan"), Fraction(1, 2), [3], {}])
def test_as_int_refuses(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"^limit must be an integer, not "):
        as_int(value, "limit")


def test_as_int_required():
    with pytest.raises(MastodonIllegalArgumentError, match=r"^expires_in must be an integer, not None$"):
        as_int(None, "expires_in", required=True)
    assert as_int("0", "expires_in", required=True) == 0


# -- flags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        ("true", True),
        ("True", True),
        (" TRUE ", True),
        ("false", False),
        ("False", False),
        ("1", True),
        ("0", False),
    ],
)
def test_as_bool_accepts(value, expected):
    assert as_bool(value, "flag") is expected


@pytest.mark.parametrize("value", ["yes", "no", "", "t", 2, -1, 0.0, [True], "None"])
def test_as_bool_refuses(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"^flag must be True or False, not "):
        as_bool(value, "flag")


# -- documented choices ---------------------------------------------------------------------


def test_as_choice_any_case_gives_the_documented_spelling():
    choices = ("public", "unlisted", "private", "direct")
    assert as_choice("Public", "visibility", choices) == "public"
    assert as_choice(" DIRECT ", "visibility", choices) == "direct"
    assert as_choice(None, "visibility", choices) is None
    assert as_choice("", "visibility", choices) is None
    assert as_choice("private", "visibility", frozenset(choices)) == "private"


@pytest.mark.parametrize("value", ["everyone", "local", 1, ["public"], b"public"])
def test_as_choice_refuses(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"^visibility must be one of public, private, not "):
        as_choice(value, "visibility", ("public", "private"))


def test_as_choice_required():
    with pytest.raises(MastodonIllegalArgumentError, match="frequency"):
        as_choice(None, "frequency", ("day", "month"), required=True)
    with pytest.raises(MastodonIllegalArgumentError, match="frequency"):
        as_choice("", "frequency", ("day", "month"), required=True)


# -- text, lists, tag names -------------------------------------------------------------------


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
    assert check_strings(["en", ""], "languages") == ["en", ""]
    assert check_strings(iter(["en"]), "languages") == ["en"]
    with pytest.raises(MastodonIllegalArgumentError, match=r"^languages must be a list"):
        check_strings("en", "languages")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^languages must be a list"):
        check_strings({"en": True}, "languages")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^languages\[1\] must be a string"):
        check_strings(["en", None], "languages")


def test_tag_name():
    assert tag_name("cats", "hashtag") == "cats"
    assert tag_name(" Cats ", "hashtag") == "Cats"
    assert tag_name({"name": "cats", "id": 3}, "hashtag") == "cats"
    assert tag_name("", "tagged", in_path=False) == ""
    assert tag_name("c#ts", "hashtag") == "c#ts"  # only a leading '#' is the documented mistake


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("#cats", r"^hashtag: give the hashtag's name without its leading '#' \('cats', not '#cats'\)$"),
        (" #cats", "without its leading '#'"),
        ({"name": "#cats"}, "without its leading '#'"),
        ("", r"^hashtag must not be empty$"),
        ("   ", r"^hashtag must not be empty$"),
        (None, r"^hashtag must be a hashtag name or a Tag, not NoneType$"),
        ({"id": 5}, r"^hashtag must be a hashtag name or a Tag, not NoneType$"),
        (5, r"^hashtag must be a hashtag name or a Tag, not int$"),
    ],
)
def test_tag_name_refuses(value, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        tag_name(value, "hashtag")


def _listener() -> StreamListener:
    return StreamListener()


# Every method that takes a hashtag's name, with "#cats" where the name goes.
TAG_CALLS = [
    ("timeline_hashtag", lambda api: api.timeline_hashtag("#cats")),
    ("timeline", lambda api: api.timeline("tag/#cats")),
    ("timeline_is_available", lambda api: api.timeline_is_available("tag/#cats")),
    ("tag", lambda api: api.tag("#cats")),
    ("tag_follow", lambda api: api.tag_follow("#cats")),
    ("tag_unfollow", lambda api: api.tag_unfollow("#cats")),
    ("tag_feature", lambda api: api.tag_feature("#cats")),
    ("tag_unfeature", lambda api: api.tag_unfeature({"name": "#cats"})),
    ("featured_tag_create", lambda api: api.featured_tag_create("#cats")),
    ("stream_hashtag", lambda api: api.stream_hashtag("#cats", _listener())),
    ("stream_hashtag_async", lambda api: api.stream_hashtag("#cats", _listener(), run_async=True, reconnect_async=True)),
]


@pytest.mark.parametrize(("name", "call"), TAG_CALLS, ids=[name for name, _ in TAG_CALLS])
def test_every_method_taking_a_tag_name_refuses_a_leading_hash(api, name, call):
    # The expect fixture fails the test if anything reaches the server.
    with pytest.raises(MastodonIllegalArgumentError, match="without its leading '#'"):
        call(api)


def test_the_same_calls_work_without_the_hash(api, expect):
    tag = expect("GET", "/api/v1/tags/cats", {"name": "cats", "url": "https://x.example/tags/cats", "history": []})
    feed = expect("GET", "/api/v1/timelines/tag/cats", [])
    own = expect("GET", "/api/v1/accounts/1/statuses", [])
    featured = expect("POST", "/api/v1/featured_tags", {"id": "1", "name": "cats", "statuses_count": 0})
    assert api.tag("cats").name == "cats"
    assert api.timeline("tag/cats") == []
    api.account_statuses(1, tagged="cats")
    api.featured_tag_create("cats")
    assert tag.received and feed.received
    assert own.query == [("tagged", "cats")]
    assert featured.form == [("name", "cats")]


def test_account_statuses_sends_a_tagged_hash_as_given(api, expect):
    # Both classic clients send it, and Mastodon drops the '#' when it looks the tag up.
    own = expect("GET", "/api/v1/accounts/1/statuses", [])
    api.account_statuses(1, tagged="#cats")
    assert own.query == [("tagged", "#cats")]


# -- datetimes --------------------------------------------------------------------------------


@pytest.fixture
def india_time():
    """The process runs at UTC+05:30 (no daylight saving time) for the test, then as before."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset() is needed to change the local time zone")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "IST-05:30"
    time.tzset()
    try:
        yield timezone(timedelta(hours=5, minutes=30))
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


NAIVE = datetime(2030, 1, 2, 12, 0, 0)  # 12:00 in India is 06:30 UTC
NAIVE_UTC = "2030-01-02T06:30:00.000Z"


def test_as_datetime(india_time):
    assert as_datetime(None, "scheduled_at") is None
    assert as_datetime(AWARE, "scheduled_at") is AWARE
    local = as_datetime(NAIVE, "scheduled_at")
    assert local.utcoffset() == timedelta(hours=5, minutes=30)
    assert local == NAIVE.replace(tzinfo=india_time)
    for bad in ("2030-01-02", date(2030, 1, 2), 1893456000):
        with pytest.raises(MastodonIllegalArgumentError, match=r"^scheduled_at must be a datetime"):
            as_datetime(bad, "scheduled_at")
    with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
        as_datetime(None, "scheduled_at", required=True)


def test_encoding_reads_naive_datetimes_as_local_time(india_time):
    assert encode_params({"t": NAIVE}) == [("t", NAIVE_UTC)]
    assert encode_json({"t": [NAIVE]}) == {"t": [NAIVE_UTC]}
    assert encode_params({"t": NAIVE.replace(tzinfo=timezone.utc)}) == [("t", "2030-01-02T12:00:00.000Z")]


def test_page_bounds_read_naive_datetimes_as_local_time(india_time):
    instant = NAIVE.replace(tzinfo=india_time)
    expected = int(instant.timestamp() * 1000) << 16
    assert page_bound(NAIVE, "max_id") == expected
    assert page_bound(instant, "max_id") == expected
    assert page_bound(instant.astimezone(timezone.utc), "max_id") == expected
    assert page_params(None, NAIVE, None, "20") == {"max_id": None, "min_id": expected, "since_id": None, "limit": 20}


def test_naive_datetimes_on_the_wire(api, expect, india_time):
    bound = int(NAIVE.replace(tzinfo=india_time).timestamp() * 1000) << 16
    posted = expect("POST", "/api/v1/statuses", status_data.scheduled_status())
    moved = expect("PUT", "/api/v1/scheduled_statuses/3221", status_data.scheduled_status())
    paged = expect("GET", "/api/v1/timelines/home", [])
    searched = expect("GET", "/api/v2/search", {"accounts": [], "statuses": [], "hashtags": []})
    measured = expect("POST", "/api/v1/admin/measures", [admin_data.measure()])
    kept = expect("POST", "/api/v1/admin/retention", [])
    api.status_post("later", scheduled_at=NAIVE)
    api.scheduled_status_update(3221, NAIVE + timedelta(hours=1))
    api.timeline_home(max_id=NAIVE, since_id=NAIVE.replace(tzinfo=india_time))
    api.search_v2("cats", min_id=NAIVE)
    api.admin_measures(NAIVE, NAIVE + timedelta(days=1), new_users=True)
    api.admin_retention(NAIVE.replace(tzinfo=india_time), date(2030, 1, 3))
    assert ("scheduled_at", NAIVE_UTC) in posted.form
    assert moved.form == [("scheduled_at", "2030-01-02T07:30:00.000Z")]
    assert paged.query == [("max_id", str(bound)), ("since_id", str(bound))]
    assert ("min_id", str(bound)) in searched.query
    assert measured.form == [("start_at", NAIVE_UTC), ("end_at", "2030-01-03T06:30:00.000Z"), ("keys[]", "new_users")]
    assert kept.form == [("start_at", NAIVE_UTC), ("end_at", "2030-01-03"), ("frequency", "day")]


def test_aware_datetimes_do_not_depend_on_the_local_time_zone(api, expect, india_time):
    posted = expect("POST", "/api/v1/statuses", status_data.scheduled_status())
    api.status_post("later", scheduled_at=datetime(2030, 1, 2, 12, tzinfo=timezone(timedelta(hours=-5))))
    assert ("scheduled_at", "2030-01-02T17:00:00.000Z") in posted.form


# -- arguments built in several places ----------------------------------------------------------


def test_profile_fields():
    assert profile_fields(None) is None
    assert profile_fields([("a", "b")]) == {"0": {"name": "a", "value": "b"}}
    assert profile_fields([("Born", 1990), ["Bot", True], (3, None)]) == {
        "0": {"name": "Born", "value": "1990"},
        "1": {"name": "Bot", "value": "True"},
        "2": {"name": "3", "value": None},
    }
    for bad in (["ab"], [("a",)], [("a", "b", "c")], [None], "a=b", {"a": "b"}):
        with pytest.raises(MastodonIllegalArgumentError, match="fields"):
            profile_fields(bad)


def test_poll_params():
    assert poll_params(None) is None
    assert poll_params({"options": ("a",), "expires_in": "3600", "multiple": "false", "hide_totals": 1}) == {
        "options": ["a"],
        "expires_in": 3600,
        "multiple": False,
        "hide_totals": True,
    }
    assert poll_params({"options": []}) == {"options": [], "expires_in": None, "multiple": None, "hide_totals": None}
    for bad, name in (([("a", "b")], "poll"), ({"options": "ab"}, "options"), ({"options": ["a"], "expires_in": "soon"}, "expires_in")):
        with pytest.raises(MastodonIllegalArgumentError, match=name):
            poll_params(bad)


def test_focus_string():
    assert focus_string(None) is None
    assert focus_string((0.5, -1)) == "0.5,-1"
    assert focus_string([2, -3.5]) == "2,-3.5"  # out of the documented range: the server judges
    for bad in ((0,), (0, 0, 0), ("0", "0"), (True, 0), "0,0", 0.5):
        with pytest.raises(MastodonIllegalArgumentError, match="focus"):
            focus_string(bad)


# -- the strict checks for the client's own settings ---------------------------------------------


def test_check_int_is_strict():
    assert check_int(0, "max_retries") == 0
    assert check_int(None, "max_retries") is None
    assert check_int(5, "maxwidth", 5) == 5
    with pytest.raises(MastodonIllegalArgumentError, match=r"^max_retries must be a non-negative integer, not -1"):
        check_int(-1, "max_retries")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^max_retries must be a non-negative integer, not '3'"):
        check_int("3", "max_retries")
    with pytest.raises(MastodonIllegalArgumentError, match=r"^maxwidth must be a positive integer"):
        check_int(0, "maxwidth", 1)
    with pytest.raises(MastodonIllegalArgumentError, match=r"^year must be an integer of at least 3"):
        check_int(2, "year", 3)
    with pytest.raises(MastodonIllegalArgumentError, match=r"^max_retries must be .*, not None$"):
        check_int(None, "max_retries", required=True)


def test_check_choice_is_strict():
    assert check_choice("wait", "ratelimit_method", ("wait", "throw")) == "wait"
    assert check_choice(None, "ratelimit_method", ("wait",)) is None
    for bad in ("Wait", "", ["wait"]):
        with pytest.raises(MastodonIllegalArgumentError, match=r"^ratelimit_method must be one of wait, not "):
            check_choice(bad, "ratelimit_method", ("wait",))
    with pytest.raises(MastodonIllegalArgumentError, match=r"^ratelimit_method must be .*, not None$"):
        check_choice(None, "ratelimit_method", ("wait",), required=True)


# -- a script written for the classic client ---------------------------------------------------


def test_a_classic_script_runs_unchanged(api, expect):
    """Values scripts for Mastodon.py pass, on the wire as the API wants them."""
    timeline = expect("GET", "/api/v1/timelines/home", [])
    posted = expect("POST", "/api/v1/statuses", status_data.status())
    voted = expect("POST", "/api/v1/polls/34873/votes", status_data.poll(id="34873"))
    profile = expect("PATCH", "/api/v1/accounts/update_credentials", {"id": "1", "username": "bot", "acct": "bot"})
    api.timeline_home(limit="20", only_media=0)
    poll = api.make_poll(["yes", "no"], expires_in="3600", multiple="false")
    api.status_post("Vote!", poll=poll, visibility="Public", sensitive="False")
    api.poll_vote(34873, "0")
    api.account_update_credentials(bot=1, locked="false", fields=[("Since", 2017), ("Posts", 1.5)])
    assert timeline.query == [("limit", "20")]
    assert posted.form == [
        ("status", "Vote!"),
        ("visibility", "public"),
        ("poll[options][]", "yes"),
        ("poll[options][]", "no"),
        ("poll[expires_in]", "3600"),
        ("poll[multiple]", "false"),
        ("poll[hide_totals]", "false"),
    ]
    assert voted.form == [("choices[]", "0")]
    assert profile.form == [
        ("locked", "false"),
        ("bot", "true"),
        ("fields_attributes[0][name]", "Since"),
        ("fields_attributes[0][value]", "2017"),
        ("fields_attributes[1][name]", "Posts"),
        ("fields_attributes[1][value]", "1.5"),
    ]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda api: api.timeline_home(limit=[20]), "limit"),
        (lambda api: api.status_post("x", visibility="loud"), "visibility"),
        (lambda api: api.status_post("x", sensitive="maybe"), "sensitive"),
        (lambda api: api.status_post({"text": "x"}), "status"),
        (lambda api: api.status_post("x", in_reply_to_id={"acct": "x"}), "in_reply_to_id"),
        (lambda api: api.account_follow(1, reblogs=[True]), "reblogs"),
        (lambda api: api.make_poll(["a", "b"], expires_in="1h"), "expires_in"),
        (lambda api: api.poll_vote(1, [{"id": 0}]), "choices"),
    ],
)
def test_values_of_the_wrong_type_still_raise_naming_the_parameter(api, call, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        call(api)


def test_a_classic_bot_against_the_local_instance(mastodon_instance, mastodon_client, india_time):
    """A bot written for Mastodon.py, run unchanged against LocalInstance."""
    alice = mastodon_client
    bob = mastodon_instance.create_user("bob")
    question = alice.status_post(
        "Tea or coffee? #drinks",
        visibility="Public",
        poll=alice.make_poll(["tea", "coffee"], expires_in="3600", multiple="False"),
    )
    assert question.visibility == "public" and question.poll.multiple is False
    voted = bob.poll_vote(question.poll, "1")
    assert voted.own_votes == [1]
    assert [s.id for s in bob.timeline_hashtag("drinks", limit="5")] == [question.id]
    with pytest.raises(MastodonIllegalArgumentError, match="leading '#'"):
        bob.timeline_hashtag("#drinks")
    later = alice.status_post("Later", scheduled_at=datetime.now() + timedelta(hours=2))
    assert abs(later.scheduled_at - (datetime.now(timezone.utc) + timedelta(hours=2))) < timedelta(minutes=1)
