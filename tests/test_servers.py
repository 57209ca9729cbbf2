"""Every server: a local instance reporting the version string and nodeinfo of
each software the library meets runs everyday calls with default settings, and
the client says which software it talks to."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from mastodon import Mastodon, MastodonVersionError, ServerSoftware
from mastodon.testing import LocalInstance

GIF = (  # one transparent pixel
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)

# (the instance's version string, nodeinfo's software name, what server_software() says)
SERVERS = [
    ("4.4.0", "mastodon", ("mastodon", "4.4.0")),
    ("4.3.0+glitch", "mastodon", ("mastodon", "4.3.0")),
    ("4.5.0-nightly.2025-10-01", "mastodon", ("mastodon", "4.5.0-nightly.2025-10-01")),
    ("4.4.0-alpha.3+hometown-1.1.0", "hometown", ("hometown", "4.4.0-alpha.3")),
    ("v0.20.0-rc1-8-g57cb4fe74", "gotosocial", ("gotosocial", "0.20.0-rc1-8-g57cb4fe74")),
    ("0.20.0+git", "gotosocial", ("gotosocial", "0.20.0")),
    ("3.5.3+0.20.0-rc1", "gotosocial", ("gotosocial", "0.20.0-rc1")),
    ("2.7.2 (compatible; Pleroma 2.5.0)", "pleroma", ("pleroma", "2.5.0")),
    ("3.0.0 (compatible; Akkoma 3.13.2)", "akkoma", ("akkoma", "3.13.2")),
    ("4.2.1 (compatible; Iceshrimp.NET/2024.1)", "Iceshrimp.NET", ("iceshrimp.net", "2024.1")),
    ("3.0.0 (compatible; Sharkey 2024.3.3; like Akkoma)", "sharkey", ("sharkey", "2024.3.3")),
    ("3.0.0 (compatible; Firefish 20240504)", "firefish", ("firefish", "20240504")),
    ("2.8.0 (compatible; Friendica 2024.03)", "friendica", ("friendica", "2024.03")),
    ("4.0.0 (compatible; Mitra 2.18.0)", "mitra", ("mitra", "2.18.0")),
    ("4.0.0 (not true; really snac/2.52)", "snac", ("snac", "2.52")),
    ("takahe/0.11.0", "takahe", ("takahe", "0.11.0")),
    # a version string that says Mastodon, from a server whose nodeinfo says otherwise
    ("2.7.2", "pleroma", ("pleroma", "2.7.2")),
    # unreadable strings: one warning, nothing refused
    ("", "mastodon", ("mastodon", "")),
    ("unknown", "bookwyrm", ("bookwyrm", "unknown")),
    (4, "mastodon", ("mastodon", "")),
]


@pytest.fixture(scope="module")
def inst() -> Iterator[LocalInstance]:
    with LocalInstance() as instance:
        instance.create_user("friend")
        yield instance


def everyday_calls(api: Mastodon, friend_id: str) -> list[Any]:
    """What a bot does every day: post, read, upload, search, look someone up."""
    media = api.media_post(GIF, mime_type="image/gif", description="one pixel")
    posted = api.status_post("Hello, fediverse", media_ids=[media])
    return [
        posted,
        api.timeline_home(),
        api.notifications(),
        api.search("friend"),
        api.account_lookup("friend"),
        api.account_statuses(friend_id),
        api.status(posted),
    ]


@pytest.mark.parametrize(("version", "software", "detected"), SERVERS, ids=[str(s[0]) or "empty" for s in SERVERS])
def test_everyday_calls_work_on_every_server_with_default_settings(
    inst: LocalInstance, version: Any, software: str, detected: tuple[str, str], caplog
) -> None:
    inst.version, inst.software = version, software
    name = f"u{abs(hash((str(version), software))) % 10**8}"
    api = inst.create_user(name)  # default settings: version_check_mode="created", no mastodon_version
    assert api.version_check_mode == "created"
    posted, home, notifications, found, friend, statuses, again = everyday_calls(api, inst.user("friend").id)
    assert posted.content == "<p>Hello, fediverse</p>" and posted.media_attachments[0].type == "gifv"  # as Mastodon files a GIF
    assert [s.id for s in home] == [posted.id] and notifications == []
    assert [a.acct for a in found.accounts] == ["friend"] and friend.acct == "friend" and statuses == []
    assert again.id == posted.id
    assert api.server_software() == ServerSoftware(*detected)
    warnings = [r.getMessage() for r in caplog.records if r.name == "mastodon" and r.levelname == "WARNING"]
    assert len(warnings) <= 1


def test_an_old_mastodon_still_refuses_what_it_cannot_have(inst: LocalInstance) -> None:
    inst.version, inst.software = "3.3.0", "mastodon"
    api = inst.create_user("oldtimer")
    assert api.timeline_home() == []  # 1.0.0
    with pytest.raises(MastodonVersionError, match=r"account_lookup\(\) needs Mastodon 3\.4\.0"):
        api.account_lookup("friend")


def test_server_software_is_asked_once_and_kept(inst: LocalInstance) -> None:
    inst.version, inst.software = "0.20.0+git", "gotosocial"
    api = inst.create_user("detective")
    before = inst.requests_served
    assert api.server_software() == ("gotosocial", "0.20.0")
    assert inst.requests_served - before == 2  # the nodeinfo listing and document
    assert api.server_software() == ("gotosocial", "0.20.0")
    assert inst.requests_served - before == 2
    api.clear_caches()
    inst.version = "0.21.0+git"
    assert api.server_software() == ("gotosocial", "0.21.0")


def test_server_software_falls_back_to_the_instance(base_url: str, expect) -> None:
    api = Mastodon(access_token="t", api_base_url=base_url)
    expect("GET", "/.well-known/nodeinfo", {"error": "Not Found"}, status=404)
    expect("GET", "/api/v2/instance", {"version": "3.0.0 (compatible; Akkoma 3.13.2)"})
    assert api.server_software() == ("akkoma", "3.13.2")
    assert api.server_software().name == "akkoma"


def test_nodeinfo_that_names_no_software_falls_back_to_the_instance(base_url: str, expect) -> None:
    api = Mastodon(access_token="t", api_base_url=base_url, mastodon_version="4.4.0")
    expect("GET", "/.well-known/nodeinfo", {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": "/nodeinfo/2.0"}]})
    expect("GET", "/nodeinfo/2.0", {"version": "2.0", "software": {"name": ""}})
    assert api.server_software() == ("mastodon", "4.4.0")  # the version the client was given


def test_the_constructor_sends_no_request_whatever_the_settings(inst: LocalInstance, tmp_path) -> None:
    user = inst.user("friend")
    token_file = tmp_path / "friend.secret"
    token_file.write_text(f"{user.access_token}\n{inst.url}\n")
    before = inst.requests_served
    for kwargs in (
        {"access_token": user.access_token, "api_base_url": inst.url},
        {"access_token": user.access_token, "api_base_url": inst.url, "version_check_mode": "changed"},
        {"access_token": str(token_file)},
        {"client_id": inst.client_credentials[0], "client_secret": inst.client_credentials[1], "api_base_url": inst.url},
    ):
        Mastodon(**kwargs)  # type: ignore[arg-type]
    assert inst.requests_served == before


def test_a_client_for_an_unreachable_server_can_be_made() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = Mastodon(access_token="t", api_base_url=f"http://127.0.0.1:{port}")  # nothing listens there
    assert api.api_base_url == f"http://127.0.0.1:{port}"
