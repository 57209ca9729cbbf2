"""The Mastodon 4.6 profile API."""

from __future__ import annotations

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from tests.data import accounts as data
from tests.helpers import make_api

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def test_profile(api, expect):
    call = expect("GET", "/api/v1/profile", data.profile())
    result = api.profile()
    assert call.query == []
    assert result.id == 116222600881276277
    assert result.fields[0].name == "pronouns" and result.show_featured is True
    assert result.featured_tags[0].id == 1 and result.featured_tags[0].last_status_at is None


def test_profile_needs_4_6(base_url, expect):
    old = make_api(base_url, mastodon_version="4.5.0")
    with pytest.raises(MastodonVersionError):
        old.profile()


def test_profile_update_form(api, expect):
    call = expect("PATCH", "/api/v1/profile", data.profile(display_name="Doc", show_media=False))
    result = api.profile_update(
        display_name="Doc",
        bot=True,
        show_media=False,
        show_featured=True,
        attribution_domains=["a.example", "b.example"],
        fields=[("pronouns", "it/its")],
        header_description="",
    )
    assert call.files == {}
    assert call.form == [
        ("display_name", "Doc"),
        ("bot", "true"),
        ("show_media", "false"),
        ("show_featured", "true"),
        ("attribution_domains[]", "a.example"),
        ("attribution_domains[]", "b.example"),
        ("fields_attributes[0][name]", "pronouns"),
        ("fields_attributes[0][value]", "it/its"),
        ("header_description", ""),
    ]
    assert result.display_name == "Doc" and result.show_media is False


def test_profile_update_avatar_upload(api, expect):
    call = expect("PATCH", "/api/v1/profile", data.profile())
    api.profile_update(avatar=JPEG, avatar_description="me, smiling")
    assert call.headers["Content-Type"].startswith("multipart/form-data")
    assert call.form == [("avatar_description", "me, smiling")]
    name, content, mime = call.files["avatar"]
    assert content == JPEG and mime == "image/jpeg" and name.endswith((".jpg", ".jpeg", ".jpe"))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"fields": [("a", "b", "c")]}, "fields"),
        ({"show_media_replies": 2}, "show_media_replies"),
        ({"note": 5}, "note"),
        ({"avatar": b"not an image"}, "avatar"),
        ({"attribution_domains": ["ok.example", None]}, "attribution_domains"),
        ({"fields": [("name", "value"), "name=value"]}, "fields"),
    ],
)
def test_profile_update_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.profile_update(**kwargs)
