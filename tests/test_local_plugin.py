"""The pytest plugin: its fixtures, and that it costs nothing until used."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import textwrap

import pytest

from mastodon import Mastodon
from mastodon.testing import LocalInstance

from .helpers import wait_until

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_fixtures_give_an_instance_and_a_logged_in_client(mastodon_instance: LocalInstance, mastodon_client: Mastodon) -> None:
    assert mastodon_client.api_base_url == mastodon_instance.url
    assert mastodon_client.me().username == "alice"
    posted = mastodon_client.toot("written in a test")
    bob = mastodon_instance.create_user("bob")
    assert bob.status(posted).content == "<p>written in a test</p>"


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_a_fresh_instance(mastodon_client: Mastodon, run: int) -> None:
    assert mastodon_client.timeline_public() == []
    mastodon_client.toot(f"run {run}")


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    code = (
        "import sys, mastodon\n"
        "print('mastodon.testing' in sys.modules)\n"
        "import mastodon.testing.pytest_plugin\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('werkzeug', 'websockets')))\n"
        "print(sorted(m for m in sys.modules if m.startswith('mastodon.testing.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    after_import, heavy, loaded = result.stdout.splitlines()
    assert after_import == "False"  # import mastodon loads nothing of mastodon.testing
    assert heavy == "[]"
    assert loaded == "['mastodon.testing._deps', 'mastodon.testing.pytest_plugin']"


def test_without_the_extra_only_the_tests_using_a_fixture_fail(tmp_path: pathlib.Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # a project of its own, wherever the temporary directory is
    (tmp_path / "conftest.py").write_text("import sys\nsys.modules['werkzeug'] = None  # as if the extra were not installed\n")
    (tmp_path / "test_bot.py").write_text(
        textwrap.dedent(
            """
            def test_uses_the_fixture(mastodon_client):
                pass

            def test_does_not():
                pass
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "1 passed, 1 error" in result.stdout, result.stdout
    assert "Traceback" not in result.stdout
    assert "the mastodon_instance fixture needs the optional 'testing' extra" in result.stdout
    assert "pip install 'pytooter[testing]'" in result.stdout


def test_request_logs_mask_tokens(mastodon_instance: LocalInstance, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    import requests

    mastodon_instance.create_user("carol")
    token = mastodon_instance.user("carol").access_token
    with caplog.at_level(logging.DEBUG, logger="mastodon.testing"):
        answer = requests.get(mastodon_instance.url + "/api/v1/timelines/home", params={"access_token": token, "limit": 1}, timeout=10)
        assert answer.status_code == 200
        # The server logs from its own thread, maybe after answering.
        wait_until(lambda: any("timelines/home" in r.getMessage() for r in caplog.records), timeout=5, what="the request's log line")
    logged = [r.getMessage() for r in caplog.records if "timelines/home" in r.getMessage()]
    assert logged and "access_token=***" in logged[0] and token not in "".join(logged)
    assert token not in repr(mastodon_instance.user("carol")) and "carol" in repr(mastodon_instance.user("carol"))
    assert "users" in repr(mastodon_instance)
