"""Account endpoints: reading, following, blocking, muting, credentials."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from tests.data import accounts as data
from tests.helpers import make_api

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_account(api, expect):
    call = expect("GET", "/api/v1/accounts/23634", data.account())
    result = api.account({"id": 23634, "acct": "noiob@awoo.space"})
    assert call.query == []
    assert result.id == 23634 and result.acct == "noiob@awoo.space"
    assert result.created_at == datetime(2017, 2, 8, 2, 0, 53, 274000, tzinfo=timezone.utc)


def test_accounts(api, expect):
    call = expect("GET", "/api/v1/accounts", [data.account(id="1"), data.account(id="3")])
    result = api.accounts([1, {"id": "2"}, "3"])
    assert call.query == [("id[]", "1"), ("id[]", "2"), ("id[]", "3")]
    assert [a.id for a in result] == [1, 3]


def test_accounts_empty_list_is_the_servers_to_judge(api, expect):
    call = expect("GET", "/api/v1/accounts", [])
    assert api.accounts([]) == []
    assert call.query == []


def test_accounts_refuses_a_non_id(api):
    with pytest.raises(MastodonIllegalArgumentError, match="ids"):
        api.accounts([1.5])


def test_verify_credentials_and_me(api, expect):
    expect("GET", "/api/v1/accounts/verify_credentials", data.credential_account())
    expect("GET", "/api/v1/accounts/verify_credentials", data.credential_account())
    first = api.account_verify_credentials()
    second = api.me()
    assert first == second
    assert first.id == 14715 and first.source.privacy == "public"
    assert first.source.fields[0].verified_at.tzinfo is not None
    assert first.role.id == "-99"


def test_account_statuses_sends_only_true_flags(api, expect):
    call = expect("GET", "/api/v1/accounts/1/statuses", [data.status()])
    result = api.account_statuses(
        1, only_media=True, exclude_reblogs=True, tagged="cats", max_id=103270115826048975, limit=5, exclude_direct=True
    )
    assert call.query == [
        ("only_media", "true"),
        ("exclude_reblogs", "true"),
        ("exclude_direct", "true"),
        ("tagged", "cats"),
        ("max_id", "103270115826048975"),
        ("limit", "5"),
    ]
    assert result[0].id == 103270115826048975 and result[0].account.id == 1


def test_account_statuses_defaults_send_nothing(api, expect):
    call = expect("GET", "/api/v1/accounts/1/statuses", [])
    assert api.account_statuses(1) == []
    assert call.query == []


def test_account_statuses_datetime_bound(api, expect):
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    call = expect("GET", "/api/v1/accounts/1/statuses", [])
    api.account_statuses(1, since_id=when)
    assert call.query == [("since_id", str(int(when.timestamp() * 1000) << 16))]


def test_account_statuses_takes_what_the_classic_client_took(api, expect):
    call = expect("GET", "/api/v1/accounts/1/statuses", [])
    api.account_statuses(1, only_media=1, pinned="False", exclude_replies="TRUE", limit="20", tagged={"name": "cats"})
    assert call.query == [("only_media", "true"), ("exclude_replies", "true"), ("tagged", "cats"), ("limit", "20")]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"limit": "twenty"}, "limit"),
        ({"limit": True}, "limit"),
        ({"pinned": "yes"}, "pinned"),
        ({"tagged": 5}, "tagged"),
        ({"max_id": [1]}, "max_id"),
    ],
)
def test_account_statuses_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.account_statuses(1, **kwargs)


def test_account_followers_follows_link_header(api, expect, base_url):
    next_url = f"{base_url}/api/v1/accounts/1/followers?max_id=555"
    first = expect("GET", "/api/v1/accounts/1/followers", [data.account(id="600")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/accounts/1/followers", [data.account(id="500")], query={"max_id": "555", "limit": "1"})
    page = api.account_followers(1, limit=1)
    assert first.query == [("limit", "1")]
    assert page[0].id == 600
    following_page = api.fetch_next(page)
    assert second.query == [("max_id", "555"), ("limit", "1")]  # the limit the link left out is kept
    assert following_page[0].id == 500


def test_account_following(api, expect):
    call = expect("GET", "/api/v1/accounts/1/following", [data.account()])
    result = api.account_following(1, min_id="10", since_id={"id": 5})
    assert call.query == [("min_id", "10"), ("since_id", "5")]
    assert result[0].username == "noiob"


def test_account_relationships_single_and_many(api, expect):
    one = expect("GET", "/api/v1/accounts/relationships", [data.relationship()])
    many = expect("GET", "/api/v1/accounts/relationships", [data.relationship(), data.relationship(id="2", following=False)])
    assert api.account_relationships(1)[0].following is True
    result = api.account_relationships([1, {"id": 2}], with_suspended=True)
    assert one.query == [("id[]", "1")]
    assert many.query == [("id[]", "1"), ("id[]", "2"), ("with_suspended", "true")]
    assert result[1].id == 2 and result[1].following is False


def test_account_relationships_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.account_relationships([[1]])
    with pytest.raises(MastodonIllegalArgumentError, match="with_suspended"):
        api.account_relationships(1, with_suspended="no")


def test_account_search(api, expect):
    call = expect("GET", "/api/v1/accounts/search", [data.account()])
    result = api.account_search("noiob", limit=3, resolve=True, offset=2)
    assert call.query == [("q", "noiob"), ("limit", "3"), ("offset", "2"), ("resolve", "true")]
    assert result[0].acct == "noiob@awoo.space"


def test_account_search_leaves_an_empty_query_to_the_server(api, expect):
    call = expect("GET", "/api/v1/accounts/search", [])
    assert api.account_search("", limit="3", resolve="false") == []
    assert call.query == [("q", ""), ("limit", "3")]


def test_account_search_refuses_a_query_that_is_not_text(api):
    with pytest.raises(MastodonIllegalArgumentError, match="q"):
        api.account_search(None)


def test_account_lookup(api, expect):
    call = expect("GET", "/api/v1/accounts/lookup", data.account())
    assert api.account_lookup("noiob@awoo.space").id == 23634
    assert call.query == [("acct", "noiob@awoo.space")]


def test_account_lookup_not_found(api, expect):
    expect("GET", "/api/v1/accounts/lookup", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.account_lookup("nobody")


def test_account_lists(api, expect):
    expect("GET", "/api/v1/accounts/1/lists", [data.user_list()])
    result = api.account_lists(1)
    assert result[0].id == 12249 and result[0].title == "Friends"


def test_account_familiar_followers(api, expect):
    call = expect("GET", "/api/v1/accounts/familiar_followers", [data.familiar_followers(), data.familiar_followers(id="2", accounts=[])])
    result = api.account_familiar_followers([1, 2])
    assert call.query == [("id[]", "1"), ("id[]", "2")]
    assert result[0].accounts[0].id == 1087990 and result[1].accounts == []


def test_account_featured_tags(api, expect):
    expect("GET", "/api/v1/accounts/1/featured_tags", [data.featured_tag()])
    tag = api.account_featured_tags(1)[0]
    assert tag.name == "nowplaying" and int(tag.statuses_count) == 70
    assert tag.last_status_at == datetime(2022, 8, 29, tzinfo=timezone.utc)


# -- following --------------------------------------------------------------------------


def test_account_follow(api, expect):
    call = expect("POST", "/api/v1/accounts/1/follow", data.relationship(notifying=True))
    result = api.account_follow(1, reblogs=False, notify=True, languages=["en", "de"])
    assert call.form == [("reblogs", "false"), ("notify", "true"), ("languages[]", "en"), ("languages[]", "de")]
    assert result.notifying is True


def test_account_follow_defaults(api, expect):
    call = expect("POST", "/api/v1/accounts/1/follow", data.relationship())
    api.account_follow(1)
    assert call.form == [("reblogs", "true"), ("notify", "false")]


def test_account_follow_rejects_bare_language_string(api):
    with pytest.raises(MastodonIllegalArgumentError, match="languages"):
        api.account_follow(1, languages="en")


def test_follows_resolves_exact_match(api, expect):
    search = expect(
        "GET",
        "/api/v1/accounts/search",
        [
            data.account(id="7", acct="noiob2@awoo.space"),
            data.account(id="23634", acct="noiob@awoo.space"),
        ],
    )
    follow = expect("POST", "/api/v1/accounts/23634/follow", data.relationship(id="23634"))
    result = api.follows("@noiob@awoo.space")
    assert search.query == [("q", "@noiob@awoo.space"), ("resolve", "true")]
    assert follow.form == [("reblogs", "true"), ("notify", "false")]
    assert result.id == 23634


def test_follows_local_account(api, expect, base_url):
    host = urlsplit(base_url).hostname
    expect("GET", "/api/v1/accounts/search", [data.account(id="3", acct="local")])
    expect("POST", "/api/v1/accounts/3/follow", data.relationship(id="3"))
    assert api.follows(f"local@{host}").id == 3


def test_follows_without_match(api, expect):
    expect("GET", "/api/v1/accounts/search", [data.account(acct="other@awoo.space")])
    with pytest.raises(MastodonNotFoundError, match=r"noiob@awoo\.space"):
        api.follows("noiob@awoo.space")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("account_unfollow", "unfollow"),
        ("account_remove_from_followers", "remove_from_followers"),
        ("account_block", "block"),
        ("account_unblock", "unblock"),
        ("account_unmute", "unmute"),
        ("account_pin", "pin"),
        ("account_unpin", "unpin"),
        ("account_endorse", "endorse"),
        ("account_unendorse", "unendorse"),
    ],
)
def test_simple_relationship_actions(api, expect, method, path):
    call = expect("POST", f"/api/v1/accounts/42/{path}", data.relationship(id="42"))
    result = getattr(api, method)({"id": "42"})
    assert call.form == [] and call.method == "POST"
    assert result.id == 42


def test_account_mute(api, expect):
    call = expect("POST", "/api/v1/accounts/1/mute", data.relationship(muting=True, muting_expires_at="2024-03-01T12:00:00.000Z"))
    result = api.account_mute(1, notifications=False, duration=3600)
    assert call.form == [("notifications", "false"), ("duration", "3600")]
    assert result.muting is True
    assert result.muting_expires_at == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)


def test_account_mute_duration_as_text(api, expect):
    call = expect("POST", "/api/v1/accounts/1/mute", data.relationship(muting=True))
    api.account_mute(1, notifications=0, duration="60")
    assert call.form == [("notifications", "false"), ("duration", "60")]


@pytest.mark.parametrize("duration", [1.5, "an hour", True, [60]])
def test_account_mute_bad_duration(api, duration):
    with pytest.raises(MastodonIllegalArgumentError, match="duration"):
        api.account_mute(1, duration=duration)


def test_account_note_set(api, expect):
    call = expect("POST", "/api/v1/accounts/1/note", data.relationship(note="met at the conf"))
    assert api.account_note_set(1, "met at the conf").note == "met at the conf"
    assert call.form == [("comment", "met at the conf")]


def test_account_note_set_requires_text(api):
    with pytest.raises(MastodonIllegalArgumentError, match="comment"):
        api.account_note_set(1, None)


def test_bad_account_id_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.account_block({"acct": "x"})


# -- own account ------------------------------------------------------------------------


def test_update_credentials_form(api, expect):
    call = expect("PATCH", "/api/v1/accounts/update_credentials", data.credential_account(display_name="New"))
    result = api.account_update_credentials(
        display_name="New",
        locked=True,
        fields=[("Website", "https://x.example"), ("Pronouns", "they")],
        attribution_domains=["x.example"],
        default_privacy="unlisted",
        default_sensitive=False,
        default_language="en",
        default_quote_policy="followers",
    )
    assert call.files == {}
    assert call.form == [
        ("display_name", "New"),
        ("locked", "true"),
        ("attribution_domains[]", "x.example"),
        ("fields_attributes[0][name]", "Website"),
        ("fields_attributes[0][value]", "https://x.example"),
        ("fields_attributes[1][name]", "Pronouns"),
        ("fields_attributes[1][value]", "they"),
        ("source[privacy]", "unlisted"),
        ("source[sensitive]", "false"),
        ("source[language]", "en"),
        ("source[quote_policy]", "followers"),
    ]
    assert result.display_name == "New"


def test_update_credentials_multipart(api, expect, tmp_path):
    avatar = tmp_path / "me.png"
    avatar.write_bytes(PNG)
    call = expect("PATCH", "/api/v1/accounts/update_credentials", data.credential_account())
    api.account_update_credentials(
        note="bio", avatar=str(avatar), header=io.BytesIO(PNG), header_mime_type="image/jpeg", avatar_description="a cat"
    )
    assert call.headers["Content-Type"].startswith("multipart/form-data")
    assert call.form == [("note", "bio"), ("avatar_description", "a cat")]
    assert call.files["avatar"][1:] == (PNG, "image/png") and "me" not in call.files["avatar"][0]
    assert call.files["header"][1:] == (PNG, "image/jpeg")


def test_update_credentials_takes_what_the_classic_client_took(api, expect):
    call = expect("PATCH", "/api/v1/accounts/update_credentials", data.credential_account())
    api.account_update_credentials(
        locked="false",
        bot=1,
        fields=[("Born", 1990), ("Verified", True), ("Empty", None)],
        default_privacy="Unlisted",
        default_language="",
        default_quote_policy="NOBODY",
    )
    assert call.form == [
        ("locked", "false"),
        ("bot", "true"),
        ("fields_attributes[0][name]", "Born"),
        ("fields_attributes[0][value]", "1990"),
        ("fields_attributes[1][name]", "Verified"),
        ("fields_attributes[1][value]", "True"),
        ("fields_attributes[2][name]", "Empty"),
        ("source[privacy]", "unlisted"),
        ("source[language]", ""),
        ("source[quote_policy]", "nobody"),
    ]


def test_update_credentials_more_than_four_fields_allowed(api, expect):
    call = expect("PATCH", "/api/v1/accounts/update_credentials", data.credential_account())
    api.account_update_credentials(fields=[(f"n{i}", f"v{i}") for i in range(6)])
    assert ("fields_attributes[5][value]", "v5") in call.form


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"fields": [("only name",)]}, "fields"),
        ({"fields": ["ab"]}, "fields"),
        ({"fields": "a=b"}, "fields"),
        ({"default_privacy": "direct"}, "default_privacy"),
        ({"default_quote_policy": "anyone"}, "default_quote_policy"),
        ({"locked": "maybe"}, "locked"),
        ({"default_language": 1}, "default_language"),
        ({"attribution_domains": "x.example"}, "attribution_domains"),
        ({"avatar": 12}, "avatar"),
    ],
)
def test_update_credentials_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.account_update_credentials(**kwargs)


def test_delete_avatar_and_header(api, expect):
    expect("DELETE", "/api/v1/profile/avatar", data.credential_account(avatar="https://x.example/missing.png"))
    expect("DELETE", "/api/v1/profile/header", data.credential_account())
    assert api.account_delete_avatar().avatar == "https://x.example/missing.png"
    assert api.account_delete_header().id == 14715


def test_email_resend_confirmation(api, expect):
    plain = expect("POST", "/api/v1/emails/confirmations", {})
    changed = expect("POST", "/api/v1/emails/confirmations", {})
    assert api.email_resend_confirmation() is None
    api.email_resend_confirmation(email="new@example.com")
    assert plain.form == []
    assert changed.form == [("email", "new@example.com")]


def test_email_resend_confirmation_leaves_the_address_to_the_server(api, expect):
    call = expect("POST", "/api/v1/emails/confirmations", {})
    api.email_resend_confirmation(email="not an address")
    assert call.form == [("email", "not an address")]


def test_email_resend_confirmation_bad_email(api):
    with pytest.raises(MastodonIllegalArgumentError, match="email"):
        api.email_resend_confirmation(email=["new@example.com"])


def test_version_too_old_is_refused(base_url, expect):
    old = make_api(base_url, mastodon_version="4.2.0")
    with pytest.raises(MastodonVersionError, match=r"4\.4\.0"):
        old.account_endorse(1)
