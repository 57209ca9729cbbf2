"""Version strings from real servers, the version gate and how it decides, and
learning the version lazily: once per client, thread-safely, nothing kept on failure."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mastodon import Mastodon, MastodonNetworkError, MastodonServiceUnavailableError, MastodonVersionError
from mastodon._server import SUPPORTED_VERSION, ServerSoftware, api_version, parse_version, read_version_string
from mastodon.testing import LocalInstance
from tests.data import entities as data
from tests.helpers import TOKEN, make_api

NEWEST = parse_version(SUPPORTED_VERSION)


@pytest.mark.parametrize(
    ("text", "software", "mastodon", "checked"),
    [
        # Mastodon and the forks that keep its numbers: checked
        ("4.3.0", ("mastodon", "4.3.0"), (4, 3, 0), True),
        ("4.3.0+glitch", ("mastodon", "4.3.0"), (4, 3, 0), True),
        ("4.3.0+nightly.2024-03-01+glitch", ("mastodon", "4.3.0"), (4, 3, 0), True),
        ("4.5.0-nightly.2025-10-01", ("mastodon", "4.5.0-nightly.2025-10-01"), (4, 5, 0), True),
        ("4.4.0-alpha.3+hometown-1.1.0", ("mastodon", "4.4.0-alpha.3"), (4, 4, 0), True),
        ("4.4.0-beta.2", ("mastodon", "4.4.0-beta.2"), (4, 4, 0), True),
        ("4.4.0-rc.1", ("mastodon", "4.4.0-rc.1"), (4, 4, 0), True),
        ("4.1", ("mastodon", "4.1"), (4, 1, 0), True),
        ("v4.0.2", ("mastodon", "4.0.2"), (4, 0, 2), True),
        # other software: never checked, whatever number it carries
        ("2.7.2 (compatible; Pleroma 2.5.0)", ("pleroma", "2.5.0"), (2, 7, 2), False),
        ("2.7.2 (compatible; Pleroma 2.0.50-2547-g5c2b8c6a)", ("pleroma", "2.0.50-2547-g5c2b8c6a"), (2, 7, 2), False),
        ("3.0.0 (compatible; Akkoma 3.13.2)", ("akkoma", "3.13.2"), (3, 0, 0), False),
        ("3.0.0 (compatible; Sharkey 2024.3.3; like Akkoma)", ("sharkey", "2024.3.3"), (3, 0, 0), False),
        ("3.0.0 (compatible; Firefish 20240504)", ("firefish", "20240504"), (3, 0, 0), False),
        ("4.2.1 (compatible; Iceshrimp 2023.12.7)", ("iceshrimp", "2023.12.7"), (4, 2, 1), False),
        (
            "4.2.1 (compatible; Iceshrimp.NET/2024.1-beta2.security3+e1d25a9231)",
            ("iceshrimp.net", "2024.1-beta2.security3"),
            (4, 2, 1),
            False,
        ),
        ("2.8.0 (compatible; Friendica 2024.03)", ("friendica", "2024.03"), (2, 8, 0), False),
        ("4.0.0 (compatible; Mitra 2.18.0)", ("mitra", "2.18.0"), (4, 0, 0), False),
        ("3.5.3 (compatible; Pixelfed 0.11.13)", ("pixelfed", "0.11.13"), (3, 5, 3), False),
        ("4.0.0 (not true; really snac/2.52)", ("snac", "2.52"), (4, 0, 0), False),
        ("2.7.2 (compatible; Pleroma)", ("pleroma", ""), (2, 7, 2), False),
        ("takahe/0.11.0", ("takahe", "0.11.0"), None, False),
        ("v0.20.0-rc1-8-g57cb4fe74", ("gotosocial", "0.20.0-rc1-8-g57cb4fe74"), None, False),
        ("0.20.0+git", ("gotosocial", "0.20.0"), None, False),
        ("0.20.0-rc1 git-6b1c8a1", ("gotosocial", "0.20.0-rc1"), None, False),
        ("0.5.0 abc1234 2022-09-01T10:00:00Z [go1.19]", ("gotosocial", "0.5.0"), None, False),
        ("3.5.3+0.20.0-rc1-8-g57cb4fe74", ("gotosocial", "0.20.0-rc1-8-g57cb4fe74"), (3, 5, 3), False),
        ("3.5.3+v0.15.0", ("gotosocial", "0.15.0"), (3, 5, 3), False),
    ],
)
def test_version_strings_of_real_servers(text: str, software: tuple[str, str], mastodon: Any, checked: bool) -> None:
    reading = read_version_string(text)
    assert reading.software == ServerSoftware(*software)
    assert (reading.mastodon, reading.checked, reading.readable) == (mastodon, checked, True)


@pytest.mark.parametrize("text", ["", "   ", "unknown", "Mastodon", None, 4, 4.2, True, [], {}, "🦣", "\u0664.\u0662"])
def test_unreadable_versions_are_never_checked(text: Any) -> None:
    reading = read_version_string(text)
    assert reading.software == ServerSoftware("unknown", "")
    assert (reading.mastodon, reading.checked, reading.readable) == (None, False, False)
    assert parse_version(text) == NEWEST


@given(st.none() | st.integers() | st.text(max_size=120) | st.text(alphabet="0123456789.v +-()/;rcgitcompatbleAkoma", max_size=60))
@example("4.0.0 (compatible;")
@example("(not true; really ")
@example("3.5.3+")
def test_any_version_string_gives_a_usable_reading(text: Any) -> None:
    reading = read_version_string(text)
    assert isinstance(reading.software.name, str) and reading.software.name == reading.software.name.lower()
    assert isinstance(reading.software.version, str) and "+" not in reading.software.version
    assert reading.mastodon is None or all(type(part) is int and part >= 0 for part in reading.mastodon)
    assert not reading.checked or reading.mastodon is not None  # only a claimed version is checked


class Probe(Mastodon):
    @api_version("3.1.0", "4.2.0")
    def probe(self) -> str:
        """A method added in 3.1.0 and changed in 4.2.0."""
        return "ran"


def probe_client(base_url: str, **kwargs: Any) -> Probe:
    kwargs.setdefault("max_retries", 0)
    return Probe(access_token=TOKEN, api_base_url=base_url, **kwargs)


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
        ("created", "2.7.2 (compatible; Akkoma 3.13.2)", True),
        ("changed", "0.20.0+git", True),
        ("changed", "garbage", True),
    ],
)
def test_version_check_modes_with_a_given_version(mode: str, server: str, allowed: bool) -> None:
    api = Probe(mastodon_version=server, version_check_mode=mode, api_base_url="https://x.example")
    if allowed:
        assert api.probe() == "ran"
    else:
        with pytest.raises(MastodonVersionError) as info:
            api.probe()
        message = str(info.value)
        assert "probe()" in message and "3.1.0" in message and "4.2.0" in message and server in message


def test_the_constructor_sends_nothing(base_url: str, expect) -> None:
    # The expect fixture fails the test on any request: none may arrive.
    Mastodon(access_token=TOKEN, api_base_url=base_url)
    Mastodon(access_token=TOKEN, api_base_url=base_url, version_check_mode="changed")
    Mastodon(api_base_url=base_url, mastodon_version="4.0.0")
    Mastodon(api_base_url=base_url, version_check_mode="none")


def test_the_version_is_learned_by_the_first_call_that_needs_it(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.4.0-nightly.2025-05-01"))
    assert api.probe() == "ran"
    assert api.probe() == "ran"  # kept: asked once
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 4, 0)
    assert api.mastodon_api_version == 7


def test_the_version_attributes_ask_the_server_when_read_first(base_url: str, expect) -> None:
    api = probe_client(base_url)
    call = expect("GET", "/api/v2/instance", data.instance_v2(version="4.2.10+glitch"))
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 2, 10)
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"


def test_old_servers_fall_back_to_v1_instance(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", {"error": "Not Found"}, status=404)
    expect("GET", "/api/v1/instance", data.instance_v1(version="2.7.2 (compatible; Pleroma 2.0.50)"))
    assert api.verify_minimum_version("2.7.0", cached=True)
    assert not api.verify_minimum_version("2.8.0", cached=True)
    assert api.probe() == "ran"  # Pleroma: never refused for its version


def test_an_old_mastodon_is_refused_after_nodeinfo_confirms_it(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", data.instance_v2(version="3.0.0"))
    listing = expect(
        "GET",
        "/.well-known/nodeinfo",
        {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": base_url + "/nodeinfo/2.0"}]},
    )
    document = expect("GET", "/nodeinfo/2.0", {"version": "2.0", "software": {"name": "mastodon", "version": "3.0.0"}})
    with pytest.raises(MastodonVersionError, match=r"probe\(\) needs Mastodon 3\.1\.0.*the server runs 3\.0\.0"):
        api.probe()
    with pytest.raises(MastodonVersionError):
        api.probe()  # decided: nothing more is asked
    assert "Authorization" not in listing.headers and "Authorization" not in document.headers


def test_a_mastodon_looking_string_from_other_software_is_not_refused(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", data.instance_v2(version="2.7.2"))
    expect("GET", "/.well-known/nodeinfo", {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": "/nodeinfo/2.1"}]})
    expect("GET", "/nodeinfo/2.1", {"version": "2.1", "software": {"name": "Akkoma", "version": "3.13.2"}})
    assert api.probe() == "ran"
    assert api.probe() == "ran"  # not checked again
    assert api.server_software() == ("akkoma", "3.13.2")


def test_a_server_without_nodeinfo_is_taken_at_its_word(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", data.instance_v2(version="3.0.0"))
    expect("GET", "/.well-known/nodeinfo", raw=b"<html>not here</html>", status=404)
    with pytest.raises(MastodonVersionError):
        api.probe()


def test_a_given_version_is_never_checked_against_nodeinfo(base_url: str, expect) -> None:
    api = probe_client(base_url, mastodon_version="3.0.0")
    with pytest.raises(MastodonVersionError):
        api.probe()  # no request at all


def test_an_unreadable_version_warns_once_per_client_and_refuses_nothing(base_url: str, expect, caplog) -> None:
    for text in ("", 4, "garbage"):
        api = probe_client(base_url)
        expect("GET", "/api/v2/instance", data.instance_v2(version=text))
        with caplog.at_level(logging.WARNING, logger="mastodon"):
            caplog.clear()
            for _ in range(3):
                assert api.probe() == "ran"
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "cannot read a version" in warnings[0].getMessage()
        assert api.verify_minimum_version(SUPPORTED_VERSION, cached=True)


def test_a_server_that_does_not_describe_itself_is_not_checked(base_url: str, expect, caplog) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", {"error": "Not Found"}, status=404)
    expect("GET", "/api/v1/instance", raw=b"<html>Welcome to nginx</html>", status=404)
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        assert api.probe() == "ran"
        assert api.probe() == "ran"
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_a_5xx_while_learning_is_raised_and_nothing_is_kept(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", {"error": "down"}, status=503)
    with pytest.raises(MastodonServiceUnavailableError):
        api.probe()
    expect("GET", "/api/v2/instance", data.instance_v2(version="3.0.0"))
    expect("GET", "/.well-known/nodeinfo", {"error": "Not Found"}, status=404)
    with pytest.raises(MastodonVersionError):
        api.probe()


def test_a_network_failure_while_learning_is_raised_and_the_next_call_tries_again() -> None:
    with LocalInstance() as inst:
        api = inst.create_user("alice", max_retries=0)
        inst.drop_next(path="/api/v2/instance")
        with pytest.raises(MastodonNetworkError):
            api.timeline_home()
        before = inst.requests_served
        assert api.timeline_home() == []  # learned now: one instance request, then the timeline
        assert inst.requests_served - before == 2
        assert api.mastodon_major == 4


def test_eight_threads_learn_the_version_with_one_request() -> None:
    with LocalInstance() as inst:
        api = inst.create_user("alice")
        inst.latency(0.3, path="/api/v2/instance")  # every thread arrives while the first is asking
        start = threading.Barrier(8)
        results: list[Any] = []

        def call() -> None:
            start.wait()
            results.append(api.timeline_home())

        before = inst.requests_served
        threads = [threading.Thread(target=call) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert results == [[]] * 8
        assert inst.requests_served - before == 9  # eight timelines, one instance


def test_retrieve_and_verify(base_url: str, expect) -> None:
    api = make_api(base_url, mastodon_version="3.0.0")
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.3.0"))
    assert api.retrieve_mastodon_version() == "4.3.0"
    assert api.verify_minimum_version("4.3.0", cached=True)
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.5.1"))
    assert api.verify_minimum_version("4.5.0")
    assert Mastodon.get_supported_version() == SUPPORTED_VERSION


def test_retrieve_for_software_that_claims_no_mastodon_version(base_url: str, expect) -> None:
    api = make_api(base_url, mastodon_version=None)
    expect("GET", "/api/v2/instance", data.instance_v2(version="0.20.0+git"))
    assert api.retrieve_mastodon_version() == SUPPORTED_VERSION
    assert api.verify_minimum_version("4.0.0", cached=True)


def test_unreachable_server_during_retrieve(base_url: str, expect, caplog) -> None:
    api = make_api(base_url, mastodon_version=None, max_retries=0)
    expect("GET", "/api/v2/instance", raw=b"<html>oops</html>", status=500)
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        assert api.retrieve_mastodon_version() == SUPPORTED_VERSION  # a guess, not kept
    assert "could not read the server's version" in caplog.text
    expect("GET", "/api/v2/instance", raw=b"<html>oops</html>", status=500)
    with pytest.raises(Exception) as info:
        api.retrieve_mastodon_version(fail_hard=True)
    assert info.type.__name__ == "MastodonInternalServerError"
    expect("GET", "/api/v2/instance", data.instance_v2(version="3.0.0"))
    assert (api.mastodon_major, api.mastodon_minor) == (3, 0)  # asked again
    expect("GET", "/api/v2/instance", raw=b"<html>oops</html>", status=500)
    assert api.retrieve_mastodon_version() == "3.0.0"  # what was known stays


def test_clear_caches_forgets_what_was_learned(base_url: str, expect) -> None:
    api = probe_client(base_url)
    expect("GET", "/api/v2/instance", data.instance_v2(version="3.0.0"))
    assert api.mastodon_major == 3
    api.clear_caches()
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.5.0"))
    assert api.probe() == "ran"
