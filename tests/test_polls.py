"""Polls: reading, voting, building poll parameters."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import statuses as data


def test_poll(api, expect):
    call = expect("GET", "/api/v1/polls/34830", data.poll())
    result = api.poll(34830)
    assert call.query == []
    assert result.id == 34830
    assert result.expires_at == datetime(2019, 12, 5, 4, 5, 8, 302000, tzinfo=timezone.utc)
    assert result.options[1].title == "deny" and result.own_votes == [1]


def test_poll_from_status_poll_dict(api, expect):
    expect("GET", "/api/v1/polls/34830", data.poll())
    status_poll = api.poll({"id": 34830, "options": []})
    assert status_poll.votes_count == 10


def test_poll_vote_several(api, expect):
    call = expect("POST", "/api/v1/polls/34873/votes", data.poll(id="34873", multiple=True, own_votes=[0, 2]))
    result = api.poll_vote({"id": "34873"}, [0, 2])
    assert call.form == [("choices[]", "0"), ("choices[]", "2")]
    assert result.own_votes == [0, 2] and result.multiple is True


def test_poll_vote_single_int(api, expect):
    call = expect("POST", "/api/v1/polls/34873/votes", data.poll(id="34873"))
    api.poll_vote(34873, 1)
    assert call.form == [("choices[]", "1")]


def test_poll_vote_choices_as_text(api, expect):
    single = expect("POST", "/api/v1/polls/34873/votes", data.poll(id="34873"))
    several = expect("POST", "/api/v1/polls/34873/votes", data.poll(id="34873"))
    api.poll_vote(34873, "0")
    api.poll_vote(34873, [0, "2"])
    assert single.form == [("choices[]", "0")]
    assert several.form == [("choices[]", "0"), ("choices[]", "2")]


@pytest.mark.parametrize("choices", [[True], "first", None, [0.5], {"0": True}])
def test_poll_vote_bad_choices_sends_nothing(api, choices):
    with pytest.raises(MastodonIllegalArgumentError, match="choices"):
        api.poll_vote(34873, choices)


def test_make_poll(api):
    poll = api.make_poll(["accept", "deny"], 300)
    assert poll == {"options": ["accept", "deny"], "expires_in": 300, "multiple": False, "hide_totals": False}
    assert poll.expires_in == 300


def test_make_poll_flags(api):
    poll = api.make_poll(("a", "b", "c"), 86400, multiple=True, hide_totals=True)
    assert poll.options == ["a", "b", "c"] and poll.multiple is True and poll.hide_totals is True


@pytest.mark.parametrize(
    "options, expires_in, word",
    [
        ("ab", 300, "options"),
        (None, 300, "options"),
        (["a", 2], 300, "options"),
        (["a", "b"], 1.5, "expires_in"),
        (["a", "b"], "five minutes", "expires_in"),
        (["a", "b"], True, "expires_in"),
        (["a", "b"], None, "expires_in"),
    ],
)
def test_make_poll_bad_input(api, options, expires_in, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.make_poll(options, expires_in)


def test_make_poll_takes_what_the_classic_client_took(api):
    poll = api.make_poll(["only one"], "3600", multiple="false", hide_totals=1)
    assert poll == {"options": ["only one"], "expires_in": 3600, "multiple": False, "hide_totals": True}
