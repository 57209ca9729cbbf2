"""Statuses: reading, posting, editing, interacting."""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest

from mastodon import MastodonAPIError, MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.types import decode_json
from tests.data import statuses as data
from tests.helpers import make_api

SID = "103270115826048975"


# -- reading ------------------------------------------------------------------------------


def test_status(api, expect):
    call = expect("GET", f"/api/v1/statuses/{SID}", data.status())
    result = api.status(int(SID))
    assert call.query == []
    assert call.headers["Authorization"] == "Bearer test-token-9f8e7d6c5b4a"
    assert result.id == int(SID)
    assert result.account.acct == "Gargron"
    assert result.created_at == datetime(2019, 12, 8, 3, 48, 33, 901000, tzinfo=timezone.utc)
    assert result.media_attachments[0].id == 22345792


def test_status_accepts_dict_and_keeps_non_numeric_ids(api, expect):
    expect("GET", "/api/v1/statuses/AbCpRhUtbC5dLd9Q5w", data.status(id="AbCpRhUtbC5dLd9Q5w"))
    result = api.status({"id": "AbCpRhUtbC5dLd9Q5w"})
    assert result.id == "AbCpRhUtbC5dLd9Q5w"


def test_status_not_found(api, expect):
    expect("GET", "/api/v1/statuses/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError, match="Record not found"):
        api.status(1)


def test_statuses(api, expect):
    call = expect("GET", "/api/v1/statuses", [data.status(id="1")])
    result = api.statuses([1, {"id": "2"}])
    assert call.query == [("id[]", "1"), ("id[]", "2")]
    assert [s.id for s in result] == [1]


def test_statuses_bad_ids(api):
    with pytest.raises(MastodonIllegalArgumentError, match="ids"):
        api.statuses([None])


def test_status_context(api, expect):
    expect("GET", f"/api/v1/statuses/{SID}/context", data.context())
    result = api.status_context(SID)
    assert [s.id for s in result.ancestors] == [103188938570975982, 103188971072973252]
    assert result.descendants[0].in_reply_to_id == 103189005915505698


def test_status_reblogged_by_and_fetch_next(api, expect, base_url):
    link = f'<{base_url}/api/v1/statuses/{SID}/reblogged_by?limit=2&max_id=109406336446186031>; rel="next"'
    expect("GET", f"/api/v1/statuses/{SID}/reblogged_by", [data.account(id="711345")], headers={"Link": link})
    second = expect("GET", f"/api/v1/statuses/{SID}/reblogged_by", [data.account(id="2")])
    page = api.status_reblogged_by(SID)
    assert page[0].id == 711345
    nxt = api.fetch_next(page)
    assert second.query == [("limit", "2"), ("max_id", "109406336446186031")]
    assert nxt[0].id == 2


def test_status_favourited_by(api, expect):
    expect("GET", f"/api/v1/statuses/{SID}/favourited_by", [data.account()])
    result = api.status_favourited_by(SID)
    assert result[0].acct == "noiob@awoo.space"


def test_status_card_from_status(api, expect):
    expect("GET", f"/api/v1/statuses/{SID}", data.status())
    card = api.status_card(SID)
    assert card.provider_name == "YouTube"


def test_status_card_none(api, expect):
    expect("GET", f"/api/v1/statuses/{SID}", data.status(card=None))
    assert api.status_card(SID) is None


def test_status_card_legacy_endpoint(base_url, expect):
    old = make_api(base_url, mastodon_version="2.9.0")
    expect("GET", f"/api/v1/statuses/{SID}/card", data.status()["card"])
    card = old.status_card(SID)
    assert card.type == "video" and card.width == 480


def test_status_history(api, expect):
    expect("GET", f"/api/v1/statuses/{SID}/history", [data.status_edit(), data.status_edit(spoiler_text="cw")])
    result = api.status_history(SID)
    assert len(result) == 2
    assert result[0].created_at.tzinfo is not None
    assert result[0].account.id == 14715


def test_status_source(api, expect):
    expect("GET", "/api/v1/statuses/108942703571991143/source", data.status_source())
    result = api.status_source(108942703571991143)
    assert result.id == 108942703571991143 and result.text == "this is a status that will be edited"


def test_status_translate(api, expect):
    call = expect("POST", f"/api/v1/statuses/{SID}/translate", data.translation())
    result = api.status_translate(SID, lang="en")
    assert call.form == [("lang", "en")]
    assert result.detected_source_language == "es"
    assert result.media_attachments[0].id == 22345792


def test_status_translate_default_language(api, expect):
    call = expect("POST", f"/api/v1/statuses/{SID}/translate", data.translation())
    api.status_translate(SID)
    assert call.form == []


def test_status_quotes_paginates(api, expect, base_url):
    link = f'<{base_url}/api/v1/statuses/{SID}/quotes?limit=2&max_id=109406336446186031>; rel="next"'
    first = expect("GET", f"/api/v1/statuses/{SID}/quotes", [data.status(id="5")], headers={"Link": link})
    second = expect("GET", f"/api/v1/statuses/{SID}/quotes", [data.status(id="4")])
    page = api.status_quotes(SID, max_id=10, limit=2)
    assert first.query == [("max_id", "10"), ("limit", "2")]
    nxt = api.fetch_next(page)
    assert second.query == [("limit", "2"), ("max_id", "109406336446186031")]
    assert nxt[0].id == 4


def test_status_quotes_datetime_bound(api, expect):
    call = expect("GET", f"/api/v1/statuses/{SID}/quotes", [])
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    api.status_quotes(SID, since_id=when)
    assert call.query == [("since_id", str(int(when.timestamp() * 1000) << 16))]


# -- posting -------------------------------------------------------------------------------


def test_status_post_minimal_sends_idempotency_key(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status(id="103254962155278888", content="<p>test content</p>"))
    result = api.status_post("hi")
    assert call.form == [("status", "hi")]
    key = call.headers["Idempotency-Key"]
    assert len(key) == 32 and set(key) <= set("0123456789abcdef")
    assert result.id == 103254962155278888


def test_status_post_retry_after_429_reuses_idempotency_key(api, expect, clock):
    limited = expect("POST", "/api/v1/statuses", {"error": "Too many requests"}, status=429, headers={"Retry-After": "0"})
    posted = expect("POST", "/api/v1/statuses", data.status())
    result = api.status_post("only once")
    assert limited.headers["Idempotency-Key"] == posted.headers["Idempotency-Key"]
    assert posted.form == [("status", "only once")]
    assert result.id == int(SID)


def test_status_post_generates_distinct_keys(api, expect):
    first = expect("POST", "/api/v1/statuses", data.status())
    second = expect("POST", "/api/v1/statuses", data.status())
    api.status_post("a")
    api.status_post("a")
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]


def test_status_post_all_parameters(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post(
        "hi",
        in_reply_to_id={"id": "7"},
        media_ids=[1, {"id": "2"}],
        sensitive=True,
        visibility="unlisted",
        spoiler_text="cw",
        language="en",
        idempotency_key="my-key",
        quoted_status_id=9,
        quote_approval_policy="followers",
    )
    assert call.form == [
        ("status", "hi"),
        ("in_reply_to_id", "7"),
        ("media_ids[]", "1"),
        ("media_ids[]", "2"),
        ("sensitive", "true"),
        ("visibility", "unlisted"),
        ("spoiler_text", "cw"),
        ("language", "en"),
        ("quoted_status_id", "9"),
        ("quote_approval_policy", "followers"),
    ]
    assert call.headers["Idempotency-Key"] == "my-key"


def test_status_post_empty_visibility_means_default(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post("hi", visibility="", media_ids=[])
    assert call.form == [("status", "hi")]


def test_status_post_with_poll(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status(poll=data.poll(expired=False)))
    poll = api.make_poll(["yes", "no"], 3600, multiple=True)
    result = api.status_post("vote!", poll=poll)
    assert call.form == [
        ("status", "vote!"),
        ("poll[options][]", "yes"),
        ("poll[options][]", "no"),
        ("poll[expires_in]", "3600"),
        ("poll[multiple]", "true"),
        ("poll[hide_totals]", "false"),
    ]
    assert result.poll.id == 34830


def test_status_post_scheduled(api, expect):
    call = expect("POST", "/api/v1/statuses", data.scheduled_status())
    when = datetime(2030, 1, 2, 4, 5, 6, tzinfo=timezone(timedelta(hours=1)))
    result = api.status_post("later", scheduled_at=when)
    assert call.form == [("status", "later"), ("scheduled_at", "2030-01-02T03:05:06.000Z")]
    assert result.id == 3221
    assert result.scheduled_at == datetime(2019, 12, 5, 12, 33, 1, tzinfo=timezone.utc)
    assert result.params.text == "test content"


def test_status_post_content_type(base_url, expect):
    pleroma = make_api(base_url, feature_set="pleroma")
    call = expect("POST", "/api/v1/statuses", data.status())
    pleroma.status_post("*hi*", content_type="text/markdown")
    assert call.form == [("status", "*hi*"), ("content_type", "text/markdown")]


@pytest.mark.parametrize("feature_set", ["mainline", "fedibird", "pleroma"])
def test_status_post_sends_content_type_whatever_the_feature_set(base_url, expect, feature_set):
    # glitch-soc runs as "mainline" and reads it; Mastodon ignores it.
    api = make_api(base_url, feature_set=feature_set)
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post("*hi*", content_type="text/markdown")
    assert call.form == [("status", "*hi*"), ("content_type", "text/markdown")]


def test_strict_content_type_refuses_what_is_not_known_to_work(base_url, expect):
    mainline = make_api(base_url)
    with pytest.raises(MastodonIllegalArgumentError, match="pleroma"):
        mainline.status_post("*hi*", content_type="text/markdown", strict_content_type=True)
    pleroma = make_api(base_url, feature_set="pleroma")
    with pytest.raises(MastodonIllegalArgumentError, match="content_type"):
        pleroma.status_post("*hi*", content_type="text/x-rst", strict_content_type=True)
    call = expect("POST", "/api/v1/statuses", data.status())
    pleroma.status_post("[b]hi[/b]", content_type="text/bbcode", strict_content_type=True)
    assert call.form == [("status", "[b]hi[/b]"), ("content_type", "text/bbcode")]


def test_status_post_quote_id(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post("look", quote_id=data.status(id="12"))
    assert call.form == [("status", "look"), ("quote_id", "12")]


def test_toot(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status())
    result = api.toot("Tooting from Python!")
    assert call.form == [("status", "Tooting from Python!")]
    assert "Idempotency-Key" in call.headers
    assert result.visibility == "public"


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"visibility": "everyone"}, "visibility"),
        ({"visibility": "local"}, "visibility"),
        ({"quote_approval_policy": "anyone"}, "quote_approval_policy"),
        ({"scheduled_at": "2030-01-01"}, "scheduled_at"),
        ({"poll": {"expires_in": 60}}, "options"),
        ({"poll": {"options": ["a", "b"], "expires_in": "an hour"}}, "expires_in"),
        ({"poll": {"options": ["a", "b"], "expires_in": 60, "multiple": "maybe"}}, "multiple"),
        ({"idempotency_key": ""}, "idempotency_key"),
        ({"in_reply_to_id": 1.5}, "in_reply_to_id"),
        ({"sensitive": "very"}, "sensitive"),
    ],
)
def test_status_post_bad_input_sends_nothing(api, kwargs, word):
    with pytest.raises(MastodonIllegalArgumentError, match=word):
        api.status_post("hi", **kwargs)


def test_status_post_takes_what_the_classic_client_took(api, expect):
    call = expect("POST", "/api/v1/statuses", data.status())
    api.status_post(
        "poll",
        sensitive="true",
        visibility="Unlisted",
        poll={"options": ["a", "b"], "expires_in": "3600", "multiple": "False", "hide_totals": 1},
        quote_approval_policy="Followers",
    )
    assert call.form == [
        ("status", "poll"),
        ("sensitive", "true"),
        ("visibility", "unlisted"),
        ("poll[options][]", "a"),
        ("poll[options][]", "b"),
        ("poll[expires_in]", "3600"),
        ("poll[multiple]", "false"),
        ("poll[hide_totals]", "true"),
        ("quote_approval_policy", "followers"),
    ]


def test_status_post_without_text_and_a_poll_with_media_go_to_the_server(api, expect):
    media_only = expect("POST", "/api/v1/statuses", data.status())
    both = expect("POST", "/api/v1/statuses", {"error": "Validation failed: Media attachments can't be combined with a poll"}, status=422)
    api.status_post(None, media_ids=[7])
    with pytest.raises(MastodonAPIError, match="combined with a poll") as err:
        api.status_post("hi", media_ids=[7], poll=api.make_poll(["a", "b"], 300))
    assert media_only.form == [("media_ids[]", "7")]
    assert ("media_ids[]", "7") in both.form and ("poll[expires_in]", "300") in both.form
    assert err.value.status_code == 422


# -- replying ----------------------------------------------------------------------------


def _thread_status(**kw):
    fields = {
        "id": "100",
        "visibility": "unlisted",
        "spoiler_text": "spoilers",
        "account": data.account(id="1", acct="Gargron"),
        "mentions": [
            {"id": "23634", "username": "noiob", "url": "https://awoo.space/@noiob", "acct": "noiob@awoo.space"},
            {"id": "42", "username": "me", "url": "https://example.com/@me", "acct": "me"},
        ],
    }
    fields.update(kw)
    return data.status(**fields)


def test_status_reply_mentions_thread_but_not_self(api, expect):
    me = expect("GET", "/api/v1/accounts/verify_credentials", data.account(id="42", acct="me"))
    post = expect("POST", "/api/v1/statuses", data.status(id="101"))
    to = _decoded(_thread_status())
    result = api.status_reply(to, "hello")
    assert me.received
    assert post.form == [
        ("status", "@Gargron @noiob@awoo.space hello"),
        ("in_reply_to_id", "100"),
        ("visibility", "unlisted"),
        ("spoiler_text", "spoilers"),
    ]
    assert result.id == 101


def test_status_reply_untag_and_overrides(api, expect):
    expect("GET", "/api/v1/accounts/verify_credentials", data.account(id="42", acct="me"))
    post = expect("POST", "/api/v1/statuses", data.status())
    api.status_reply(_decoded(_thread_status()), "hi", untag=True, visibility="direct", spoiler_text="other", idempotency_key="k1")
    assert post.form == [
        ("status", "@Gargron hi"),
        ("in_reply_to_id", "100"),
        ("visibility", "direct"),
        ("spoiler_text", "other"),
    ]
    assert post.headers["Idempotency-Key"] == "k1"


def test_status_reply_to_own_status_by_id(api, expect):
    expect("GET", "/api/v1/statuses/100", _thread_status(account=data.account(id="42", acct="me"), mentions=[]))
    expect("GET", "/api/v1/accounts/verify_credentials", data.account(id="42", acct="me"))
    post = expect("POST", "/api/v1/statuses", data.status())
    api.status_reply(100, "continuing the thread")
    assert post.form == [
        ("status", "continuing the thread"),
        ("in_reply_to_id", "100"),
        ("visibility", "unlisted"),
        ("spoiler_text", "spoilers"),
    ]


def test_status_reply_asks_for_your_account_once_per_client(api, expect):
    expect("GET", "/api/v1/accounts/verify_credentials", data.account(id="42", acct="me"))
    posts = [expect("POST", "/api/v1/statuses", data.status()) for _ in range(8)]
    to = _decoded(_thread_status())
    # Eight threads replying at once share one lookup.
    threads = [threading.Thread(target=api.status_reply, args=(to, f"reply {n}")) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert all(post.received for post in posts)
    assert all(dict(post.form)["status"].startswith("@Gargron @noiob@awoo.space reply") for post in posts)
    # Another token is another account: asked again, once.
    api.access_token = "another-token"
    me = expect("GET", "/api/v1/accounts/verify_credentials", data.account(id="23634", acct="noiob@awoo.space"))
    first, second = expect("POST", "/api/v1/statuses", data.status()), expect("POST", "/api/v1/statuses", data.status())
    api.status_reply(to, "as noiob")
    api.status_reply(to, "again")
    assert me.headers["Authorization"] == "Bearer another-token"
    assert dict(first.form)["status"] == "@Gargron @me as noiob" and dict(second.form)["status"] == "@Gargron @me again"


def test_status_reply_bad_input_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError, match="visibility"):
        api.status_reply(100, "hi", visibility="loud")
    with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
        api.status_reply(100, "hi", scheduled_at="2030-01-01")
    with pytest.raises(MastodonIllegalArgumentError, match="untag"):
        api.status_reply(100, "hi", untag="all")


def _decoded(body):
    return decode_json(json.dumps(body))


# -- editing --------------------------------------------------------------------------------


def test_status_update(api, expect):
    call = expect("PUT", "/api/v1/statuses/108942703571991143", data.status(id="108942703571991143", edited_at="2022-09-05T00:33:20.309Z"))
    attrs = api.generate_media_edit_attributes(22345792, description="a cat", focus=(0.5, -0.25))
    result = api.status_update(
        108942703571991143,
        "edited",
        spoiler_text="cw",
        sensitive=False,
        media_ids=[22345792],
        media_attributes=[attrs],
        quote_approval_policy="nobody",
    )
    assert call.json == {
        "status": "edited",
        "spoiler_text": "cw",
        "sensitive": False,
        "media_ids": ["22345792"],
        "media_attributes": [{"id": "22345792", "description": "a cat", "focus": "0.5,-0.25"}],
        "quote_approval_policy": "nobody",
    }
    assert result.edited_at == datetime(2022, 9, 5, 0, 33, 20, 309000, tzinfo=timezone.utc)


def test_status_update_with_poll(api, expect):
    call = expect("PUT", f"/api/v1/statuses/{SID}", data.status())
    api.status_update(SID, "new question", poll=api.make_poll(["a", "b", "c"], 600, hide_totals=True))
    assert call.json == {
        "status": "new question",
        "poll": {"options": ["a", "b", "c"], "expires_in": 600, "multiple": False, "hide_totals": True},
    }


def _multipart(call) -> list[tuple[str, str | None, bytes]]:
    """The parts of a recorded multipart body, in order: (name, file name, content)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + call.headers["Content-Type"].encode() + b"\r\n\r\n" + call.body
    )
    return [
        (part.get_param("name", header="content-disposition"), part.get_filename(), part.get_payload(decode=True))
        for part in message.iter_parts()
    ]


def test_status_update_sends_thumbnails_in_their_entries(api, expect, tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 8
    thumb = tmp_path / "holiday-photo-of-me.png"
    thumb.write_bytes(png)
    call = expect("PUT", f"/api/v1/statuses/{SID}", data.status())
    api.status_update(
        SID,
        "edited",
        media_ids=[1, 2, 3],
        media_attributes=[
            api.generate_media_edit_attributes(1, description="first", thumbnail=str(thumb)),
            {"id": 2, "focus": "0.0,0.5"},
            {"id": "3", "thumbnail": b"GIF89a...."},
        ],
    )
    assert call.headers["Content-Type"].startswith("multipart/form-data")
    parts = _multipart(call)
    assert [(name, content) for name, _, content in parts] == [
        ("status", b"edited"),
        ("media_ids[]", b"1"),
        ("media_ids[]", b"2"),
        ("media_ids[]", b"3"),
        # Rails starts a new entry at each repeated id: each thumbnail stays with its own.
        ("media_attributes[][id]", b"1"),
        ("media_attributes[][description]", b"first"),
        ("media_attributes[][thumbnail]", png),
        ("media_attributes[][id]", b"2"),
        ("media_attributes[][focus]", b"0.0,0.5"),
        ("media_attributes[][id]", b"3"),
        ("media_attributes[][thumbnail]", b"GIF89a...."),
    ]
    files = [file_name for _, file_name, _ in parts if file_name]
    assert len(files) == 2 and files[0].endswith(".png") and files[1].endswith(".gif")
    assert "holiday" not in files[0]  # the real name is not sent


def test_status_update_takes_the_data_uri_thumbnails_mastodon_py_2_made(api, expect):
    call = expect("PUT", f"/api/v1/statuses/{SID}", data.status())
    api.status_update(SID, "edited", media_attributes=[{"id": 1, "thumbnail": "data:image/png;base64,iVBORw0KGgo="}])
    assert call.json == {"status": "edited", "media_attributes": [{"id": "1", "thumbnail": "data:image/png;base64,iVBORw0KGgo="}]}


def test_generate_media_edit_attributes_thumbnail(api, tmp_path):
    thumb = tmp_path / "thumb.png"
    thumb.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    attrs = api.generate_media_edit_attributes({"id": "5"}, thumbnail=str(thumb))
    assert attrs["id"] == "5"
    name, body, mime = attrs["thumbnail"]
    assert (body, mime) == (b"\x89PNG\r\n\x1a\n" + b"\0" * 8, "image/png") and name.endswith(".png")


def test_generate_media_edit_attributes_bad_input(api, tmp_path):
    with pytest.raises(MastodonIllegalArgumentError, match="focus"):
        api.generate_media_edit_attributes(1, focus=(2,))
    with pytest.raises(MastodonFileNotFoundError, match="thumbnail"):
        api.generate_media_edit_attributes(1, thumbnail=str(tmp_path / "missing.png"))


def test_status_update_bad_input_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError, match="media_attributes"):
        api.status_update(SID, "x", media_attributes=[{"description": "no id"}])
    with pytest.raises(MastodonIllegalArgumentError, match="thumbnail"):
        api.status_update(SID, "x", media_attributes=[{"id": 1, "thumbnail": ("t.png", b"x", "image/png")}])
    with pytest.raises(MastodonIllegalArgumentError, match="quote_approval_policy"):
        api.status_update(SID, "x", quote_approval_policy="all")


def test_status_update_quote_approval_policy(api, expect):
    call = expect("PUT", f"/api/v1/statuses/{SID}/interaction_policy", data.status())
    result = api.status_update_quote_approval_policy(SID, "followers")
    assert call.form == [("quote_approval_policy", "followers")]
    assert result.id == int(SID)


def test_status_update_quote_approval_policy_required(api):
    with pytest.raises(MastodonIllegalArgumentError, match="quote_approval_policy"):
        api.status_update_quote_approval_policy(SID, None)


def test_status_quote_revoke(api, expect):
    call = expect(
        "POST",
        f"/api/v1/statuses/{SID}/quotes/115107232286434584/revoke",
        data.status(id="115107232286434584", quote={"state": "revoked", "quoted_status": None}),
    )
    result = api.status_quote_revoke(SID, {"id": "115107232286434584"})
    assert call.form == []
    assert result.quote.state == "revoked"


def test_status_delete(api, expect):
    call = expect("DELETE", "/api/v1/statuses/103254193998341330", data.deleted_status())
    result = api.status_delete(103254193998341330)
    assert call.query == []
    assert result.text == "test"
    assert result.media_attachments[0].id == 22345792


def test_status_delete_media(api, expect):
    call = expect("DELETE", "/api/v1/statuses/103254193998341330", data.deleted_status())
    api.status_delete(103254193998341330, delete_media=True)
    assert call.query == [("delete_media", "true")]


# -- interactions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, action, field",
    [
        ("status_unreblog", "unreblog", "reblogged"),
        ("status_favourite", "favourite", "favourited"),
        ("status_unfavourite", "unfavourite", "favourited"),
        ("status_mute", "mute", "muted"),
        ("status_unmute", "unmute", "muted"),
        ("status_pin", "pin", "pinned"),
        ("status_unpin", "unpin", "pinned"),
        ("status_bookmark", "bookmark", "bookmarked"),
        ("status_unbookmark", "unbookmark", "bookmarked"),
    ],
)
def test_status_actions(api, expect, method, action, field):
    state = not action.startswith("un")
    call = expect(
        "POST",
        f"/api/v1/statuses/99734435964706331/{action}",
        data.status(id="99734435964706331", created_at="2018-03-23T17:38:40.700Z", **{field: state}),
    )
    result = getattr(api, method)({"id": 99734435964706331})
    assert call.form == []
    assert result.id == 99734435964706331 and result[field] is state


def test_status_reblog(api, expect):
    call = expect("POST", f"/api/v1/statuses/{SID}/reblog", data.status(id="103254401326800919", reblogged=True, reblog=data.status()))
    result = api.status_reblog(SID, visibility="private")
    assert call.form == [("visibility", "private")]
    assert result.id == 103254401326800919 and result.reblog.id == int(SID)


def test_status_reblog_bad_visibility(api):
    with pytest.raises(MastodonIllegalArgumentError, match="visibility"):
        api.status_reblog(SID, visibility="direct")


def test_bad_id_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_favourite({"no": "id"})
    with pytest.raises(MastodonIllegalArgumentError):
        api.status("")
