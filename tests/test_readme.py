"""The README leads with the two commands CI runs and a bot that works; the
guarantees it points to name tests that exist; the "Testing your bot" page's
examples run."""

from __future__ import annotations

import pathlib
import re
from typing import Any

import pytest

from mastodon import Mastodon
from mastodon.testing import LocalInstance

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.rst"
GUARANTEES = ROOT / "docs" / "guarantees.rst"
TESTING_PAGE = ROOT / "docs" / "testing.rst"
CI_SCRIPT = ROOT / ".ci" / "run"

CODE_BLOCK = re.compile(r"^\.\. code-block:: python\n((?:\n|[ \t]+.*\n)+)", re.MULTILINE)
LITERAL_COMMAND = re.compile(r"::\n\n    (.+)\n")
DEMO_COMMAND = 'pip install -e ".[testing]" && python -m mastodon demo'
TEST_COMMAND = 'pip install -e ".[test]" && pytest'


def python_blocks(text: str) -> list[str]:
    """The bodies of the ``.. code-block:: python`` directives, dedented."""
    blocks = []
    for match in CODE_BLOCK.finditer(text):
        lines = match.group(1).splitlines()
        indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        blocks.append("\n".join(line[cut:] for line in lines).strip() + "\n")
    return blocks


def test_readme_leads_with_the_two_commands_and_a_five_line_bot() -> None:
    text = README.read_text(encoding="utf-8")
    commands = LITERAL_COMMAND.findall(text)
    assert commands[:2] == [DEMO_COMMAND, TEST_COMMAND]
    first_section = text.index("\n---")
    assert text.index(DEMO_COMMAND) < text.index(TEST_COMMAND) < text.index(".. code-block:: python") < first_section
    bot = python_blocks(text)[0]
    assert len([line for line in bot.splitlines() if line.strip()]) <= 5


def test_readme_python_blocks_compile() -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    joined = "\n".join(blocks)
    for call in ("create_app(", "log_in(", "toot("):
        assert call in joined, f"the README should still show {call}...)"
    for number, block in enumerate(blocks, 1):
        compile(block, f"README.rst python block {number}", "exec")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = README.read_text(encoding="utf-8")
    command = 'pip install -e ".[test]" && pytest'
    assert re.search(rf"^    {re.escape(command)}$", readme, re.MULTILINE), "README.rst should show the test command"
    lines = [line.strip() for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()]
    assert command in lines, ".ci/run should run the README's test command as it is written"


def test_ci_runs_the_readme_demo() -> None:
    lines = [line.strip() for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()]
    assert "python -m mastodon demo" in lines, ".ci/run should run the README's demo"


TEST_REFERENCE = re.compile(r"``(tests/test_\w+\.py)::(test_\w+)``")


def test_tests_named_in_the_docs_exist() -> None:
    references = TEST_REFERENCE.findall(README.read_text(encoding="utf-8") + GUARANTEES.read_text(encoding="utf-8"))
    assert len(references) >= 80, "the guarantees page should name its tests"
    missing = []
    for path, name in references:
        source = ROOT / path
        if not source.exists() or not re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert not missing, f"the docs name tests that do not exist: {missing}"


def _token_file(inst: LocalInstance, username: str, path: pathlib.Path) -> None:
    client_id, client_secret = inst.client_credentials
    user = inst.user(username)
    Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=inst.url).log_in(user.email, user.password, to_file=path)


def test_the_readme_bot_answers_mentions(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = python_blocks(README.read_text(encoding="utf-8"))[0]
    with LocalInstance() as inst:
        inst.create_user("mybot")
        fan = inst.create_user("fan")
        question = fan.toot("@mybot hello!")
        fan.toot("not for the bot")
        _token_file(inst, "mybot", tmp_path / "my-bot_usercred.secret")
        monkeypatch.chdir(tmp_path)
        exec(compile(bot, "README.rst bot", "exec"), {})
        replies = fan.status_context(question).descendants
        assert [r.account.acct for r in replies] == ["mybot"]
        assert replies[0].content.endswith("</span> Thanks for the mention!</p>")
        assert [m.acct for m in replies[0].mentions] == ["fan"]


def test_the_testing_page_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks(TESTING_PAGE.read_text(encoding="utf-8"))
    bot_module, bot_test, standalone = blocks[0], blocks[1], blocks[2]
    namespace: dict[str, Any] = {}
    exec(compile(bot_module, "testing.rst bot.py", "exec"), namespace)
    test_code = bot_test.replace("from bot import answer_mentions\n", "")
    exec(compile(test_code, "testing.rst test_bot.py", "exec"), namespace)
    with LocalInstance() as inst:
        namespace["test_the_bot_thanks_whoever_mentions_it"](inst, inst.create_user("alice"))
    exec(compile(standalone, "testing.rst standalone", "exec"), {})
    assert capsys.readouterr().out == "<p>Only my followers see this</p>\n"
