"""The README's code compiles, and it gives the exact test command CI runs."""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.rst"
CI_SCRIPT = ROOT / ".ci" / "run"

CODE_BLOCK = re.compile(r"^\.\. code-block:: python\n((?:\n|[ \t]+.*\n)+)", re.MULTILINE)


def python_blocks(text: str) -> list[str]:
    """The bodies of the ``.. code-block:: python`` directives, dedented."""
    blocks = []
    for match in CODE_BLOCK.finditer(text):
        lines = match.group(1).splitlines()
        indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        blocks.append("\n".join(line[cut:] for line in lines).strip() + "\n")
    return blocks


def test_readme_python_blocks_compile() -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3, "the quick start (create_app, log in, toot) should be there"
    joined = "\n".join(blocks)
    for call in ("create_app(", "log_in(", "toot("):
        assert call in joined, f"the quick start should show {call}...)"
    for number, block in enumerate(blocks, 1):
        compile(block, f"README.rst python block {number}", "exec")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = README.read_text(encoding="utf-8")
    command = 'pip install -e ".[test]" && pytest'
    assert re.search(rf"^    {re.escape(command)}$", readme, re.MULTILINE), "README.rst should show the test command"
    lines = [line.strip() for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()]
    assert command in lines, ".ci/run should run the README's test command as it is written"


TEST_REFERENCE = re.compile(r"``(tests/test_\w+\.py)::(test_\w+)``")


def test_tests_named_in_the_readme_exist() -> None:
    references = TEST_REFERENCE.findall(README.read_text(encoding="utf-8"))
    assert references, "the guarantees section should name its tests"
    missing = []
    for path, name in references:
        source = ROOT / path
        if not source.exists() or not re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert not missing, f"README.rst names tests that do not exist: {missing}"
