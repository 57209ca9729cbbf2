"""Keyword filters: v1 and v2 endpoints, and client-side filtering."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mastodon import Mastodon, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.types import AttribAccessDict, AttribAccessList
from tests.data import entities
from tests.data import filters as data

# -- v1 endpoints -------------------------------------------------------------------------


def test_filters(api, expect):
    call = expect("GET", "/api/v1/filters", [data.filter_v1(), data.filter_v1(id="5580", expires_at=None)])
    result = api.filters()
    assert call.query == []
    assert [f.id for f in result] == [8449, 5580]
    assert result[0].expires_at == datetime(2019, 11, 26, 9, 8, 6, 254000, tzinfo=timezone.utc)
    assert result[1].expires_at is None


def test_filter(api, expect):
    expect("GET", "/api/v1/filters/8449", data.filter_v1())
    result = api.filter({"id": "8449"})
    assert result.phrase == "test" and result.irreversible is True


def test_filter_create_sends_context_list(api, expect):
    call = expect("POST", "/api/v1/filters", data.filter_v1(phrase="spoilers", context=["home"]))
    result = api.filter_create("spoilers", "home")
    assert call.form == [
        ("phrase", "spoilers"),
        ("context[]", "home"),
        ("irreversible", "false"),
        ("whole_word", "true"),
    ]
    assert result.id == 8449 and result.context == ["home"]


def test_filter_create_all_parameters(api, expect):
    call = expect("POST", "/api/v1/filters", data.filter_v1())
    api.filter_create("test", ["home", "account"], irreversible=True, whole_word=False, expires_in=3600)
    assert call.form == [
        ("phrase", "test"),
        ("context[]", "home"),
        ("context[]", "account"),
        ("irreversible", "true"),
        ("whole_word", "false"),
        ("expires_in", "3600"),
    ]


def test_filter_update_sends_only_given_fields(api, expect):
    call = expect("PUT", "/api/v1/filters/8449", data.filter_v1(phrase="new", expires_at=None))
    result = api.filter_update(8449, phrase="new", whole_word=True)
    assert call.form == [("phrase", "new"), ("whole_word", "true")]
    assert result.phrase == "new"


def test_filter_delete(api, expect):
    call = expect("DELETE", "/api/v1/filters/8449", {})
    assert api.filter_delete(8449) is None
    assert call.method == "DELETE"


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"phrase": "x", "context": "timeline"}, "context"),
        ({"phrase": "x", "context": {"home": True}}, "context"),
        ({"phrase": "x", "context": ["home", "everywhere"]}, "context"),
        ({"phrase": None, "context": "home"}, "phrase"),
        ({"phrase": "x", "context": "home", "expires_in": "never"}, "expires_in"),
        ({"phrase": "x", "context": "home", "expires_in": True}, "expires_in"),
        ({"phrase": "x", "context": "home", "irreversible": "yes"}, "irreversible"),
    ],
)
def test_filter_create_rejects_bad_input(api, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.filter_create(**kwargs)


def test_filter_create_takes_what_the_classic_client_took(api, expect):
    call = expect("POST", "/api/v1/filters", data.filter_v1())
    api.filter_create("", ["Home", "THREAD"], irreversible="true", whole_word=0, expires_in="3600")
    assert call.form == [
        ("phrase", ""),
        ("context[]", "home"),
        ("context[]", "thread"),
        ("irreversible", "true"),
        ("whole_word", "false"),
        ("expires_in", "3600"),
    ]


def test_filter_update_rejects_bad_context(api):
    with pytest.raises(MastodonIllegalArgumentError, match="context"):
        api.filter_update(1, context="nowhere")


def test_filter_not_found_maps_to_error(api, expect):
    expect("GET", "/api/v1/filters/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError, match="Record not found"):
        api.filter(1)


# -- v2 endpoints -------------------------------------------------------------------------


def test_filters_v2(api, expect):
    expect("GET", "/api/v2/filters", [data.filter_v2()])
    result = api.filters_v2()
    assert result[0].id == 20060
    assert [k.id for k in result[0].keywords] == [1311, 1324, 1325]
    assert result[0].keywords[1].whole_word is False


def test_filter_v2(api, expect):
    expect("GET", "/api/v2/filters/20060", data.filter_v2())
    assert api.filter_v2(20060).filter_action == "hide"


def test_create_filter_v2_with_keywords(api, expect):
    body = data.filter_v2(
        id="25933",
        title="test",
        filter_action="warn",
        keywords=[
            data.filter_keyword(id="34978", keyword="foo", whole_word=False),
            data.filter_keyword(id="34979", keyword="bar", whole_word=True),
        ],
    )
    call = expect("POST", "/api/v2/filters", body)
    result = api.create_filter_v2(
        "test",
        ["public"],
        "warn",
        keywords_attributes=[{"keyword": "foo", "whole_word": False}, ("bar", True), "baz"],
    )
    # Rails groups "[]" fields into entries by their order on the wire: check that order.
    assert parse_qsl(call.body.decode()) == [
        ("title", "test"),
        ("context[]", "public"),
        ("filter_action", "warn"),
        ("keywords_attributes[][keyword]", "foo"),
        ("keywords_attributes[][whole_word]", "false"),
        ("keywords_attributes[][keyword]", "bar"),
        ("keywords_attributes[][whole_word]", "true"),
        ("keywords_attributes[][keyword]", "baz"),
    ]
    assert result.id == 25933 and result.keywords[1].keyword == "bar"


def test_create_filter_v2_minimal(api, expect):
    call = expect("POST", "/api/v2/filters", data.filter_v2(filter_action="blur"))
    api.create_filter_v2("No spiders", "home", "blur", expires_in=86400)
    assert call.form == [
        ("title", "No spiders"),
        ("context[]", "home"),
        ("filter_action", "blur"),
        ("expires_in", "86400"),
    ]


def test_update_filter_v2_keyword_changes(api, expect):
    body = data.filter_v2(id="25933", keywords=[data.filter_keyword(id="34979", keyword="baz")])
    call = expect("PUT", "/api/v2/filters/25933", body)
    result = api.update_filter_v2(
        25933,
        title="renamed",
        keywords_attributes=[
            {"id": "34978", "_destroy": True},
            {"id": 34979, "keyword": "baz"},
            ("new", False),
        ],
    )
    assert call.form == [
        ("title", "renamed"),
        ("keywords_attributes[0][id]", "34978"),
        ("keywords_attributes[0][_destroy]", "true"),
        ("keywords_attributes[1][id]", "34979"),
        ("keywords_attributes[1][keyword]", "baz"),
        ("keywords_attributes[2][keyword]", "new"),
        ("keywords_attributes[2][whole_word]", "false"),
    ]
    assert [k.id for k in result.keywords] == [34979]


def test_update_filter_v2_accepts_keyword_entity(api, expect):
    keyword = AttribAccessDict(id=1311, keyword="from birdsite", whole_word=True)
    call = expect("PUT", "/api/v2/filters/20060", data.filter_v2())
    api.update_filter_v2({"id": "20060"}, context=["public", "thread"], filter_action="hide", keywords_attributes=[keyword])
    assert call.form == [
        ("context[]", "public"),
        ("context[]", "thread"),
        ("filter_action", "hide"),
        ("keywords_attributes[0][id]", "1311"),
        ("keywords_attributes[0][keyword]", "from birdsite"),
        ("keywords_attributes[0][whole_word]", "true"),
    ]


def test_delete_filter_v2(api, expect):
    expect("DELETE", "/api/v2/filters/20060", {})
    assert api.delete_filter_v2(20060) is None


@pytest.mark.parametrize(
    "args, kwargs, word",
    [
        (("t", "home", "remove"), {}, "filter_action"),
        (("t", "home", None), {}, "filter_action"),
        ((None, "home", "warn"), {}, "title"),
        (("t", "inbox", "warn"), {}, "context"),
        (("t", "home", "warn"), {"keywords_attributes": "spiders"}, "keywords_attributes"),
        (("t", "home", "warn"), {"keywords_attributes": [{"id": 5, "keyword": "x"}]}, "unexpected keys"),
        (("t", "home", "warn"), {"keywords_attributes": [{"whole_word": True}]}, "keyword"),
        (("t", "home", "warn"), {"keywords_attributes": [("a", True, 3)]}, "tuple"),
        (("t", "home", "warn"), {"keywords_attributes": [("a", "yes")]}, "whole_word"),
        (("t", "home", "warn"), {"keywords_attributes": [42]}, r"keywords_attributes\[0\]"),
    ],
)
def test_create_filter_v2_rejects_bad_input(api, args, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.create_filter_v2(*args, **kwargs)


@pytest.mark.parametrize(
    "entry, word",
    [
        ({"_destroy": True, "keyword": "x"}, "_destroy"),
        ({"id": None, "keyword": "x"}, "id"),
        ({"id": 1, "keyword": 5}, "keyword"),
        ({"id": 1, "colour": "red"}, "unexpected keys"),
    ],
)
def test_update_filter_v2_rejects_bad_keywords(api, entry, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.update_filter_v2(1, keywords_attributes=[entry])


def test_update_filter_v2_rejects_bad_action(api):
    with pytest.raises(MastodonIllegalArgumentError, match="filter_action"):
        api.update_filter_v2(1, filter_action="mute")


# -- v2 keywords and statuses ---------------------------------------------------------------


def test_filter_keywords_v2(api, expect):
    expect("GET", "/api/v2/filters/20060/keywords", [data.filter_keyword()])
    result = api.filter_keywords_v2(20060)
    assert result[0].id == 34979 and result[0].whole_word is True


def test_add_filter_keyword_v2(api, expect):
    call = expect("POST", "/api/v2/filters/20060/keywords", data.filter_keyword(id="35583", keyword="some", whole_word=False))
    result = api.add_filter_keyword_v2({"id": 20060}, "some")
    assert call.form == [("keyword", "some"), ("whole_word", "false")]
    assert result.id == 35583


def test_filter_keyword_v2(api, expect):
    expect("GET", "/api/v2/filters/keywords/34979", data.filter_keyword())
    assert api.filter_keyword_v2(34979).keyword == "baz"


def test_update_filter_keyword_v2(api, expect):
    call = expect("PUT", "/api/v2/filters/keywords/35583", data.filter_keyword(id="35583", keyword="other", whole_word=False))
    result = api.update_filter_keyword_v2(35583, keyword="other")
    assert call.form == [("keyword", "other")]
    assert result.keyword == "other"


def test_delete_filter_keyword_v2(api, expect):
    expect("DELETE", "/api/v2/filters/keywords/35583", {})
    assert api.delete_filter_keyword_v2(35583) is None


def test_keyword_calls_reject_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="keyword"):
        api.add_filter_keyword_v2(1, ["spiders"])
    with pytest.raises(MastodonIllegalArgumentError, match="whole_word"):
        api.update_filter_keyword_v2(1, whole_word=2)
    with pytest.raises(MastodonIllegalArgumentError, match="keyword_id"):
        api.filter_keyword_v2(None)


def test_filter_statuses_v2(api, expect):
    expect("GET", "/api/v2/filters/20060/statuses", [data.filter_status()])
    result = api.filter_statuses_v2(20060)
    assert result[0].status_id == 109416512469928632


def test_add_filter_status_v2(api, expect):
    call = expect("POST", "/api/v2/filters/20060/statuses", data.filter_status())
    result = api.add_filter_status_v2(20060, entities.status(id="109416512469928632"))
    assert call.form == [("status_id", "109416512469928632")]
    assert result.id == 897


def test_filter_status_v2(api, expect):
    expect("GET", "/api/v2/filters/statuses/897", data.filter_status())
    assert api.filter_status_v2(897).id == 897


def test_delete_filter_status_v2(api, expect):
    expect("DELETE", "/api/v2/filters/statuses/897", {})
    assert api.delete_filter_status_v2(897) is None


# -- client-side filtering --------------------------------------------------------------------


def _status(content: str, **kw):
    return AttribAccessDict.from_json(json.dumps(entities.status(content=content, **kw)))


def _filter(phrase: str, context=("home",), whole_word=False, expires_at=None):
    return AttribAccessDict(id=1, phrase=phrase, context=list(context), whole_word=whole_word, expires_at=expires_at, irreversible=False)


def test_filters_apply_removes_matches_in_order(api):
    statuses = [_status("<p>cats</p>"), _status("<p>I like DOGS</p>"), _status("<p>birds</p>"), _status("<p>hotdogs</p>")]
    kept = api.filters_apply(statuses, [_filter("dogs")], "home")
    assert [s.content for s in kept] == ["<p>cats</p>", "<p>birds</p>"]
    assert isinstance(kept, AttribAccessList)


def test_filters_apply_only_uses_filters_for_the_context(api):
    statuses = [_status("<p>dogs</p>")]
    assert api.filters_apply(statuses, [_filter("dogs", context=["public"])], "home") == statuses
    assert api.filters_apply(statuses, [_filter("dogs", context=["public", "home"])], "home") == []


def test_filters_apply_whole_word(api):
    statuses = [_status("<p>hotdogs</p>"), _status("<p>hot dogs!</p>"), _status("<p>dogs_and_cats</p>")]
    kept = api.filters_apply(statuses, [_filter("dogs", whole_word=True)], "home")
    assert [s.content for s in kept] == ["<p>hotdogs</p>", "<p>dogs_and_cats</p>"]


def test_filters_apply_whole_word_boundary_only_at_word_ends(api):
    # The phrase starts with "@": no boundary is needed before it, so "x@twitter.com"
    # matches; it ends with "m", so "@twitter.community" does not.
    statuses = [_status("<p>me x@twitter.com</p>"), _status("<p>@twitter.community</p>")]
    kept = api.filters_apply(statuses, [_filter("@twitter.com", whole_word=True)], "home")
    assert [s.content for s in kept] == ["<p>@twitter.community</p>"]


def test_filters_apply_escapes_regex_characters(api):
    statuses = [_status("<p>I write C++ daily</p>"), _status("<p>I write C daily</p>"), _status("<p>a.b</p>"), _status("<p>axb</p>")]
    kept = api.filters_apply(statuses, [_filter("c++"), _filter("a.b")], "home")
    assert [s.content for s in kept] == ["<p>I write C daily</p>", "<p>axb</p>"]


def test_filters_apply_matches_text_not_html(api):
    in_markup_only = _status('<p><a href="https://example.com/spoon">link</a></p>')
    across_paragraphs = _status("<p>tea</p><p>spoon</p>")
    across_line_break = _status("<p>tea<br>spoon</p>")
    with_entities = _status("<p>&quot;spoon&quot; <span>fed</span></p>")
    statuses = [in_markup_only, across_paragraphs, across_line_break, with_entities]
    assert api.filters_apply(statuses, [_filter("teaspoon")], "home") == statuses
    assert api.filters_apply(statuses, [_filter("tea spoon")], "home") == statuses
    assert api.filters_apply(statuses, [_filter('"spoon" fed', whole_word=True)], "home") == statuses[:3]
    assert api.filters_apply(statuses, [_filter("example.com")], "home") == statuses


def test_filters_apply_checks_spoiler_poll_media_and_reblog(api):
    by_spoiler = _status("<p>fine</p>", spoiler_text="Election talk")
    by_poll = _status("<p>vote</p>", poll=entities.poll(options=[{"title": "election", "votes_count": 1}]))
    by_media = _status("<p>pic</p>", media_attachments=[entities.media_attachment(description="an election poster")])
    boost = _status("", reblog=entities.status(content="<p>the election</p>"))
    clean = _status("<p>nothing here</p>")
    statuses = [by_spoiler, by_poll, by_media, boost, clean]
    kept = api.filters_apply(statuses, [_filter("election", context=["public"])], "public")
    assert kept == [clean]


def test_filters_apply_ignores_expired_filters(api):
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    future = datetime.now(timezone.utc) + timedelta(days=1)
    statuses = [_status("<p>dogs</p>")]
    assert api.filters_apply(statuses, [_filter("dogs", expires_at=past)], "home") == statuses
    assert api.filters_apply(statuses, [_filter("dogs", expires_at=past.isoformat())], "home") == statuses
    assert api.filters_apply(statuses, [_filter("dogs", expires_at=future)], "home") == []


def test_filters_apply_notifications(api):
    mention = AttribAccessDict.from_json(json.dumps(entities.notification(status=entities.status(content="<p>spoilers ahead</p>"))))
    follow = AttribAccessDict.from_json(json.dumps(entities.notification(type="follow", status=None)))
    other = AttribAccessDict.from_json(json.dumps(entities.notification()))
    kept = api.filters_apply([mention, follow, other], [_filter("spoilers", context=["notifications"])], "notifications")
    assert kept == [follow, other]


def test_filters_apply_v2_filters(api):
    filters = AttribAccessDict.from_json(json.dumps([data.filter_v2()]))
    statuses = [_status("<p>posted from birdsite</p>"), _status("<p>see https://t.co/xyz</p>"), _status("<p>hello</p>")]
    assert [s.content for s in api.filters_apply(statuses, filters, "public")] == ["<p>hello</p>"]
    assert api.filters_apply(statuses, filters, "home") == statuses


def test_filters_apply_v2_filter_statuses(api):
    filters = AttribAccessDict.from_json(
        json.dumps([data.filter_v2(keywords=[], statuses=[data.filter_status(status_id="111"), {"id": "898"}], context=["home"])])
    )
    listed, boosting_listed, other = _status("<p>a</p>", id="111"), _status("", reblog=entities.status(id="111")), _status("<p>b</p>")
    no_id = AttribAccessDict(content="<p>c</p>")
    assert api.filters_apply([listed, boosting_listed, other, no_id], filters, "home") == [other, no_id]


def test_filters_apply_keeps_pagination(api):
    page = AttribAccessList([_status("<p>dogs</p>"), _status("<p>cats</p>")])
    page._pagination_next = AttribAccessDict(max_id=5)
    kept = api.filters_apply(page, [_filter("dogs")], "home")
    assert kept._pagination_next == {"max_id": 5}
    assert kept is not page and len(page) == 2


@pytest.mark.parametrize(
    "args, word",
    [
        (([], [], "timeline"), "context"),
        (([], [], None), "context"),
        (("statuses", [], "home"), "objects"),
        (([], {"phrase": "x"}, "home"), "filters"),
        (([], ["x"], "home"), "filters"),
        ((["x"], [], "home"), "objects"),
    ],
)
def test_filters_apply_rejects_bad_input(api, args, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.filters_apply(*args)


# The client for property tests sends nothing, so it needs no server.
_offline = Mastodon(access_token="unused", api_base_url="http://127.0.0.1:9", mastodon_version="4.6.0")

_words = st.sampled_from(["cat", "dog", "hotdog", "Dog", "c++", "a.b", "x", "dogma", "@dog"])
_statuses = st.lists(
    st.lists(_words, max_size=5).map(lambda ws: {"id": 0, "content": "<p>" + " ".join(ws) + "</p>", "spoiler_text": ""}), max_size=12
)
_filters = st.lists(st.builds(_filter, _words, st.sampled_from([("home",), ("public",), ("home", "thread")]), st.booleans()), max_size=4)


@given(statuses=_statuses, filters=_filters)
def test_filters_apply_result_is_an_ordered_sublist(statuses, filters):
    for index, status in enumerate(statuses):
        status["id"] = index
    kept = _offline.filters_apply(statuses, filters, "home")
    ids = [s["id"] for s in kept]
    assert ids == sorted(ids) and set(ids) <= set(range(len(statuses)))
    active = [f for f in filters if "home" in f["context"]]
    for status in statuses:
        text = status["content"][3:-4].lower()
        # Anything not containing an active phrase (even as a substring) is kept;
        # anything kept contains no active phrase as a whole word.
        if not any(f["phrase"].lower() in text for f in active):
            assert status in kept
        if status in kept:
            assert not any(f["phrase"].lower() in text.split() for f in active)
