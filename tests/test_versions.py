"""Version strings from real servers, the version decorator and its modes."""

from __future__ import annotations

import logging

import pytest

from mastodon import Mastodon, MastodonVersionError
from mastodon._server import SUPPORTED_VERSION, api_version, parse_version
from tests.data import entities as data
from tests.helpers import make_api


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.3.0", (4, 3, 0)),
        ("4.2.10+glitch", (4, 2, 10)),
        ("4.4.0-nightly.2025-05-01", (4, 4, 0)),
        ("2.7.2 (compatible; Pleroma 2.0.50-2547-g5c2b8c6a)", (2, 7, 2)),
        ("3.5.3+0.20.0-rc1-8-g57cb4fe74", (3, 5, 3)),
        ("3.0.0 (compatible; Akkoma 3.10.4)", (3, 0, 0)),
        ("4.1", (4, 1, 0)),
        ("v4.0.2", (4, 0, 2)),
    ],
)
def test_real_version_strings(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_version(text) == expected


@pytest.mark.parametrize("text", ["", "unknown", "Mastodon", None, "🦣"])
def test_unreadable_version_is_newest_supported_with_warning(text: str | None, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        assert parse_version(text) == parse_version(SUPPORTED_VERSION)
    assert "assuming" in caplog.text


class Probe(Mastodon):
    @api_version("3.1.0", "4.2.0")
    def probe(self) -> str:
        """A method added in 3.1.0 and changed in 4.2.0."""
        return "ran"


def test_decorator_records_versions() -> None:
    assert Probe.probe._mastodon_version_created == "3.1.0"  # type: ignore[attr-defined]
    assert Probe.probe._mastodon_version_changed == "4.2.0"  # type: ignore[attr-defined]
    assert Probe.probe.__doc__ == "A method added in 3.1.0 and changed in 4.2.0."


@pytest.mark.parametrize(
    ("mode", "server", "allowed"),
    [
        ("created", "3.0.0", False),
        ("created", "3.1.0", True),
        ("created", "4.0.0", True),
        ("changed", "4.0.0", False),
        ("changed", "4.2.0", True),
        ("none", "1.0.0", True),
    ],
)
def test_version_check_modes(mode: str, server: str, allowed: bool) -> None:
    api = Probe(mastodon_version=server, version_check_mode=mode, api_base_url="https://x.example")
    if allowed:
        assert api.probe() == "ran"
    else:
        with pytest.raises(MastodonVersionError) as info:
            api.probe()
        message = str(info.value)
        assert "probe()" in message and "3.1.0" in message and "4.2.0" in message and server in message


def test_version_is_read_from_the_instance_on_construction(base_url: str, expect) -> None:
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.4.0-nightly.2025-05-01"))
    api = Mastodon(api_base_url=base_url)
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 4, 0)
    assert api.mastodon_api_version == 7


def test_old_servers_fall_back_to_v1_instance(base_url: str, expect) -> None:
    expect("GET", "/api/v2/instance", {"error": "Not Found"}, status=404)
    expect("GET", "/api/v1/instance", data.instance_v1(version="2.7.2 (compatible; Pleroma 2.0.50)"))
    api = Mastodon(api_base_url=base_url)
    assert api.verify_minimum_version("2.7.0", cached=True)
    assert not api.verify_minimum_version("2.8.0", cached=True)


def test_no_version_request_when_given_or_mode_none(base_url: str, expect) -> None:
    Mastodon(api_base_url=base_url, mastodon_version="4.0.0")
    Mastodon(api_base_url=base_url, version_check_mode="none")  # the fixture fails on any request


def test_retrieve_and_verify(base_url: str, expect) -> None:
    api = make_api(base_url, mastodon_version="3.0.0")
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.3.0"))
    assert api.retrieve_mastodon_version() == "4.3.0"
    assert api.verify_minimum_version("4.3.0", cached=True)
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.5.1"))
    assert api.verify_minimum_version("4.5.0")
    assert Mastodon.get_supported_version() == SUPPORTED_VERSION


def test_unreachable_server_during_retrieve(base_url: str, expect) -> None:
    api = make_api(base_url, mastodon_version="3.0.0", max_retries=0)
    expect("GET", "/api/v2/instance", raw=b"<html>oops</html>", status=500)
    assert api.retrieve_mastodon_version() == SUPPORTED_VERSION
    expect("GET", "/api/v2/instance", raw=b"<html>oops</html>", status=500)
    with pytest.raises(Exception) as info:
        api.retrieve_mastodon_version(fail_hard=True)
    assert info.type.__name__ == "MastodonInternalServerError"
