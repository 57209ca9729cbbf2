"""Media uploads, updates, processing waits."""

from __future__ import annotations

import io
import re

import pytest

from mastodon import (
    MastodonAPIError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonInternalServerError,
)
from tests.data import statuses as data
from tests.helpers import make_api

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 24
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 24


def test_media(api, expect):
    call = expect("GET", "/api/v1/media/22348641", data.media_attachment(id="22348641"))
    result = api.media(22348641)
    assert call.query == []
    assert result.id == 22348641 and result.meta.focus.x == -0.27


def test_media_post_path(api, expect, tmp_path):
    image = tmp_path / "cat.png"
    image.write_bytes(PNG)
    call = expect("POST", "/api/v2/media", data.media_attachment(id="22348641"))
    result = api.media_post(str(image), description="a cat", focus=(-0.27, 0.51))
    assert call.form == [("description", "a cat"), ("focus", "-0.27,0.51")]
    name, body, mime = call.files["file"]
    assert (body, mime) == (PNG, "image/png") and list(call.files) == ["file"]
    assert re.fullmatch(r"[0-9a-f]{32}\.png", name)  # a random name: the real one is not sent
    assert call.headers["Content-Type"].startswith("multipart/form-data")
    assert result.id == 22348641 and result.url.endswith(".jpeg")


@pytest.mark.parametrize(
    ("file_name", "mime_type", "extension"),
    [
        ("Jane Doe passport.jpeg", None, ".jpeg"),  # its own extension, when it says the type
        ("scan.JPG", None, ".JPG"),
        ("clip.bin", "video/mp4", ".mp4"),  # an extension that says something else: the type's
        ("no-extension", "image/png", ".png"),
    ],
)
def test_uploads_get_a_random_name_with_the_types_extension(api, expect, tmp_path, file_name, mime_type, extension):
    path = tmp_path / "home" / "jane" / file_name
    path.parent.mkdir(parents=True)
    path.write_bytes(JPEG)
    call = expect("POST", "/api/v2/media", data.media_attachment())
    api.media_post(str(path), mime_type=mime_type)
    name, body, _ = call.files["file"]
    assert body == JPEG and name.endswith(extension)
    assert re.fullmatch(r"[0-9a-f]{32}" + re.escape(extension), name)
    again = expect("POST", "/api/v2/media", data.media_attachment())
    with open(path, "rb") as handle:  # an open file names itself too: not sent either
        api.media_post(handle, mime_type=mime_type)
    assert again.files["file"][0] != name and "jane" not in again.files["file"][0].lower()


def test_a_chosen_file_name_is_sent(api, expect):
    call = expect("POST", "/api/v2/media", data.media_attachment())
    api.media_post(JPEG, file_name="sunset.jpg")
    assert call.files["file"][0] == "sunset.jpg"


def test_media_post_bytes_and_file_object_with_thumbnail(api, expect):
    call = expect("POST", "/api/v2/media", data.processing_media(type="video"), status=202)
    result = api.media_post(
        b"\x1a\x45\xdf\xa3" + b"\0" * 20, file_name="clip.webm", thumbnail=io.BytesIO(JPEG), thumbnail_mime_type="image/jpeg"
    )
    assert call.form == []
    assert call.files["file"] == ("clip.webm", b"\x1a\x45\xdf\xa3" + b"\0" * 20, "video/webm")
    name, body, mime = call.files["thumbnail"]
    assert body == JPEG and mime == "image/jpeg" and name
    assert result.url is None and result.type == "video"


def test_media_post_guesses_mime_from_content(api, expect):
    call = expect("POST", "/api/v2/media", data.media_attachment())
    api.media_post(JPEG)
    name, body, mime = call.files["file"]
    assert mime == "image/jpeg" and name.endswith((".jpg", ".jpeg", ".jpe")) and body == JPEG


def test_media_post_old_server_uses_v1(base_url, expect):
    old = make_api(base_url, mastodon_version="3.0.0")
    call = expect("POST", "/api/v1/media", data.media_attachment())
    old.media_post(PNG, mime_type="image/png")
    assert call.files["file"][1:] == (PNG, "image/png")


def test_media_post_synchronous_polls_until_ready(api, expect, clock):
    expect("POST", "/api/v2/media", data.processing_media(), status=202)
    first = expect("GET", "/api/v1/media/22348641", data.processing_media(), status=206)
    expect("GET", "/api/v1/media/22348641", status=206, raw=b"")
    expect("GET", "/api/v1/media/22348641", data.media_attachment(id="22348641"))
    result = api.media_post(PNG, synchronous=True)
    assert first.query == []
    assert result.url.startswith("https://")
    assert clock.sleeps == [0.1, 0.2, 0.4]


def test_media_post_synchronous_backoff_is_capped(api, expect, clock):
    expect("POST", "/api/v2/media", data.processing_media(), status=202)
    for _ in range(7):
        expect("GET", "/api/v1/media/22348641", data.processing_media(), status=206)
    expect("GET", "/api/v1/media/22348641", data.media_attachment(id="22348641"))
    api.media_post(PNG, synchronous=True)
    assert clock.sleeps == [0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 2.0]


def test_media_post_synchronous_ready_at_once_does_not_poll(api, expect, clock):
    expect("POST", "/api/v2/media", data.media_attachment(id="22348641"))
    result = api.media_post(PNG, synchronous=True)
    assert result.url is not None and clock.sleeps == []


def test_media_post_synchronous_timeout(api, expect, clock):
    expect("POST", "/api/v2/media", data.processing_media(), status=202)
    expect("GET", "/api/v1/media/22348641", data.processing_media(), status=206)
    expect("GET", "/api/v1/media/22348641", data.processing_media(), status=206)
    with pytest.raises(MastodonAPIError, match=r"still being processed after 0\.25 s"):
        api.media_post(PNG, synchronous=True, synchronous_timeout=0.25)
    assert clock.sleeps == [0.1, pytest.approx(0.15)]


def test_media_post_synchronous_processing_failed(api, expect, clock):
    expect("POST", "/api/v2/media", data.processing_media(), status=202)
    expect("GET", "/api/v1/media/22348641", {"error": "Validation failed: File content type is invalid, File is invalid"}, status=422)
    with pytest.raises(MastodonAPIError, match=r"22348641 could not be processed.*content type is invalid") as info:
        api.media_post(PNG, synchronous=True)
    assert info.value.status_code == 422


def test_media_post_synchronous_server_error_keeps_class(api, expect, clock):
    expect("POST", "/api/v2/media", data.processing_media(), status=202)
    expect("GET", "/api/v1/media/22348641", {"error": "Error processing thumbnail for uploaded media"}, status=500)
    with pytest.raises(MastodonInternalServerError, match="could not be processed"):
        api.media_post(PNG, synchronous=True)


def test_media_post_missing_file_sends_nothing(api, tmp_path):
    with pytest.raises(MastodonFileNotFoundError, match="media_file"):
        api.media_post(str(tmp_path / "nope.png"))
    with pytest.raises(MastodonFileNotFoundError, match="thumbnail"):
        api.media_post(PNG, thumbnail=str(tmp_path / "nope.jpg"))


@pytest.mark.parametrize("focus", [(0,), (0, 0, 0), ("0", "0"), (True, 0), 0.5, "0,0"])
def test_media_post_bad_focus_sends_nothing(api, focus):
    with pytest.raises(MastodonIllegalArgumentError, match="focus"):
        api.media_post(PNG, focus=focus)


def test_media_post_bad_input_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError, match="MIME"):
        api.media_post(b"not a known format")
    with pytest.raises(MastodonIllegalArgumentError, match="synchronous_timeout"):
        api.media_post(PNG, synchronous=True, synchronous_timeout=0)
    with pytest.raises(MastodonIllegalArgumentError, match="media_file"):
        api.media_post(12345)


def test_media_update(api, expect):
    call = expect("PUT", "/api/v1/media/22348641", data.media_attachment(id="22348641", description="test uploaded via api, but updated"))
    result = api.media_update({"id": "22348641"}, description="test uploaded via api, but updated", focus=(1, -1))
    assert call.form == [("description", "test uploaded via api, but updated"), ("focus", "1,-1")]
    assert call.files == {}
    assert result.description == "test uploaded via api, but updated"


def test_media_update_thumbnail(api, expect):
    call = expect("PUT", "/api/v1/media/22348641", data.media_attachment(id="22348641"))
    api.media_update(22348641, thumbnail=PNG)
    assert call.form == []
    assert call.files["thumbnail"][1:] == (PNG, "image/png")


def test_media_update_bad_focus_sends_nothing(api):
    with pytest.raises(MastodonIllegalArgumentError, match="focus"):
        api.media_update(1, focus=(0, None))


def test_media_focus_range_is_the_servers_to_judge(api, expect):
    call = expect("PUT", "/api/v1/media/1", data.media_attachment(id="1"))
    api.media_update(1, focus=(0, 2))
    assert call.form == [("focus", "0,2")]


def test_media_delete(api, expect):
    call = expect("DELETE", "/api/v1/media/22348641", {})
    assert api.media_delete(22348641) is None
    assert call.query == []


def test_file_errors_keep_the_os_error_as_their_cause(api, tmp_path):
    missing = tmp_path / "nope.png"
    with pytest.raises(MastodonFileNotFoundError) as not_found:
        api.media_post(str(missing))
    with pytest.raises(MastodonFileNotFoundError) as unreadable:
        api.media_update(1, thumbnail=tmp_path)  # a directory
    with pytest.raises(MastodonFileNotFoundError) as avatar:
        api.account_update_credentials(avatar=missing)
    assert isinstance(not_found.value.__cause__, FileNotFoundError)
    assert not_found.value.__cause__.filename == str(missing)
    assert isinstance(unreadable.value.__cause__, OSError) and unreadable.value.__cause__.filename == str(tmp_path)
    assert isinstance(avatar.value.__cause__, FileNotFoundError)
