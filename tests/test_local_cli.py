"""``python -m mastodon serve`` and ``python -m mastodon demo``, run as a user would."""

from __future__ import annotations

import io
import os
import pathlib
import shlex
import socket
import subprocess
import sys
import threading

import pytest
import requests

from mastodon.__main__ import env_line, main
from mastodon.testing import LocalInstance

from .helpers import ROOT, read_env_file, start_serve, stop_serve, wait_until

WITHOUT_EXTRA = "import sys; sys.modules['werkzeug'] = None; from mastodon.__main__ import main; sys.exit(main({argv!r}))"


def test_serve_runs_until_ctrl_c_and_writes_the_env_file(tmp_path: pathlib.Path) -> None:
    env_file = tmp_path / "local.env"
    process, lines = start_serve("--users", "alice,bob", "--env-file", str(env_file))
    try:
        base = lines[0].split(" at ")[1]
        alice_line = next(line for line in lines if line.startswith("user alice:"))
        token = alice_line.split("token ")[1].split(",")[0]
        headers = {"Authorization": f"Bearer {token}"}
        assert requests.get(base + "/api/v1/accounts/verify_credentials", headers=headers, timeout=10).json()["username"] == "alice"
        posted = requests.post(base + "/api/v1/statuses", data={"status": "from another client"}, headers=headers, timeout=10)
        assert posted.status_code == 200

        values = read_env_file(env_file)
        assert values["BASE_URL"] == base and values["ALICE_TOKEN"] == token
        assert set(values) >= {"STREAMING_URL", "CLIENT_ID", "CLIENT_SECRET", "BOB_TOKEN", "BOB_ID", "BOB_PASSWORD", "BOB_EMAIL"}
        assert values["ALICE_EMAIL"] == "alice@localhost" and values["ALICE_ID"].isdigit()
        assert os.stat(env_file).st_mode & 0o777 == 0o600
        login = {
            "grant_type": "password",
            "client_id": values["CLIENT_ID"],
            "client_secret": values["CLIENT_SECRET"],
            "username": values["BOB_EMAIL"],
            "password": values["BOB_PASSWORD"],
        }
        assert requests.post(base + "/oauth/token", data=login, timeout=10).status_code == 200
    finally:
        out, err = stop_serve(process)
    assert process.returncode == 0, err
    assert "stopping" in out and "Traceback" not in err
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/api/v1/instance", timeout=2)


def test_serve_in_process_stops_on_request(tmp_path: pathlib.Path) -> None:
    out = io.StringIO()
    stop = threading.Event()
    status: list[int] = []
    runner = threading.Thread(target=lambda: status.append(main(["serve", "--users", "carol", "--version", "4.3.0+glitch"], out, stop)))
    runner.start()
    wait_until(lambda: "Press Ctrl-C" in out.getvalue(), what="the server to start")
    base = out.getvalue().split(" at ")[1].split("\n")[0]
    assert requests.get(base + "/api/v1/instance", timeout=10).json()["version"] == "4.3.0+glitch"
    stop.set()
    runner.join(10)
    assert status == [0] and "user carol:" in out.getvalue()


def test_serve_reports_a_busy_port_and_a_bad_user_name(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["serve", "--port", str(busy.getsockname()[1])], io.StringIO(), threading.Event()) == 1
        assert "cannot listen" in capsys.readouterr().err
        with pytest.raises(OSError):
            LocalInstance(streaming_port=busy.getsockname()[1])
    assert main(["serve", "--users", "not valid!"], io.StringIO(), threading.Event()) == 1
    assert "cannot create user 'not valid!'" in capsys.readouterr().err


def test_env_lines_quote_any_value() -> None:
    line = env_line("X", "it's $HOME")
    assert shlex.split(line) == ["X=it's $HOME"]


def test_demo_tours_the_api_on_a_local_instance() -> None:
    out = io.StringIO()
    assert main(["demo"], out) == 0
    text = out.getvalue()
    for expected in (
        "Registered the app",
        "Signed up @alice and @bob, and logged bob in",
        "Bob followed Alice",
        "Bob replied: @alice Welcome, Alice!",
        "Alice favourited the reply and Bob boosted her post",
        "page by page: 20 + 20 + 8 statuses",
        "uploaded an image (16x16)",
        "Bob voted: tea 1, coffee 0",
        "notification: favourite from @alice",
        "update: @bob boosted @alice",
    ):
        assert expected in text, expected
    assert "Traceback" not in text


def test_demo_reads_from_a_real_instance_read_only() -> None:
    with LocalInstance() as inst:
        reader = inst.create_user("reader")
        writer = inst.create_user("writer")
        reader.account_follow(writer.me())
        for number in range(7):
            inst.post("writer", f"note {number}")
        writer.toot("@reader ping")
        served = inst.requests_served
        out = io.StringIO()
        assert main(["demo", "--api-base-url", inst.url, "--access-token", inst.user("reader").access_token], out) == 0
        text = out.getvalue()
        assert "version 4.4.0" in text and "Logged in as @reader" in text
        assert "Home timeline, page 2:" in text and "@writer: note 0" in text
        assert "mention from @writer" in text
        assert len(inst.state.statuses) == 8  # nothing was posted
        assert inst.requests_served > served
        anonymous = io.StringIO()
        assert main(["demo", "--api-base-url", inst.url], anonymous) == 0
        assert "Logged in" not in anonymous.getvalue() and "@writer: @reader ping" in anonymous.getvalue()
        failed = io.StringIO()
        assert main(["demo", "--api-base-url", inst.url, "--access-token", "wrong"], failed) == 1
        last = failed.getvalue().splitlines()[-1]
        assert last.startswith("The demo stopped: ") and "401" in last and "wrong" not in last
        dashed = io.StringIO()  # a token may start with "-": it is still the option's value
        assert main(["demo", "--api-base-url", inst.url, "--access-token", "-starts-with-a-dash"], dashed) == 1
        assert "401" in dashed.getvalue().splitlines()[-1]
    assert main(["demo", "--api-base-url", "http://127.0.0.1:9", "--access-token", ""]) == 2


@pytest.mark.parametrize("argv", [["serve"], ["demo"]])
def test_without_the_testing_extra_the_commands_name_it(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA.format(argv=argv)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert "'testing' extra" in result.stderr and "pip install 'pytooter[testing]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_the_testing_extra_local_instance_names_it() -> None:
    code = (
        "import sys; sys.modules['websockets'] = None\n"
        "from mastodon import MastodonMissingDependencyError\n"
        "try:\n    from mastodon.testing import LocalInstance\n"
        "except MastodonMissingDependencyError as e:\n    print('refused:', e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.startswith("refused: mastodon.testing.LocalInstance needs the optional 'testing' extra (missing: websockets)")
