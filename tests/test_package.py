"""Packaging, the import paths scripts rely on, and how the package is layered."""

from __future__ import annotations

import ast
import importlib
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser

import pytest

import mastodon
from mastodon import Mastodon, errors
from mastodon._core import RequestCore

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mastodon"

# Import paths the classic client's documentation promised (besides the ones
# our own docs name, which are read from the docs below).
CLASSIC_PATHS = [
    ("mastodon", "Mastodon"),
    ("mastodon", "StreamListener"),
    ("mastodon", "CallbackStreamListener"),
    ("mastodon.Mastodon", "Mastodon"),
    ("mastodon.streaming", "StreamListener"),
]

_FROM_IMPORT = re.compile(r"from (mastodon[\w.]*) import ([\w, ]+)")
_AUTODOC = re.compile(r"^\.\. auto(?:function|class|data|module):: (mastodon\.[\w.]+)", re.MULTILINE)


def documented_paths() -> list[tuple[str, str]]:
    """Every ``from mastodon... import name`` and autodoc target in the README and docs."""
    found = set(CLASSIC_PATHS)
    for path in [ROOT / "README.rst", *sorted((ROOT / "docs").rglob("*.rst"))]:
        text = path.read_text(encoding="utf-8")
        for module, names in _FROM_IMPORT.findall(text):
            found.update((module, name.strip()) for name in names.split(",") if name.strip())
        for target in _AUTODOC.findall(text):
            module, _, name = target.rpartition(".")
            found.add((module, name))
    return sorted(found)


@pytest.mark.parametrize(("module", "name"), documented_paths())
def test_documented_import_paths_work(module: str, name: str) -> None:
    assert getattr(importlib.import_module(module), name) is not None


def test_documented_paths_include_the_moved_ones() -> None:
    paths = documented_paths()
    assert ("mastodon.api.async_refresh", "parse_async_refresh_header") in paths
    assert len(paths) >= 10


def test_old_import_paths_give_the_same_objects() -> None:
    from mastodon.async_refresh import parse_async_refresh_header as old
    from mastodon.Mastodon import AttribAccessDict, Mastodon
    from mastodon.streaming import CallbackStreamListener, StreamListener
    from mastodon.types import decode_json

    assert Mastodon is mastodon.Mastodon and AttribAccessDict is mastodon.AttribAccessDict
    assert StreamListener is mastodon.StreamListener and CallbackStreamListener is mastodon.CallbackStreamListener
    assert old is importlib.import_module("mastodon.api.async_refresh").parse_async_refresh_header
    assert decode_json('{"id": "7"}') == {"id": 7}
    compat = sys.modules["mastodon.Mastodon"]
    for name in errors.__all__:
        if name.startswith("Mastodon"):
            assert getattr(compat, name) is getattr(mastodon, name), name


def test_streaming_loads_on_first_use_not_at_import() -> None:
    code = (
        "import sys, mastodon\n"
        "lazy = ('mastodon.streaming', 'mastodon.streaming._sse', 'mastodon.streaming._catchup', 'mastodon.streaming._websocket')\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "mastodon.StreamListener\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    before, after = result.stdout.splitlines()
    assert before == "[]"
    assert "'mastodon.streaming'" in after and "'mastodon.streaming._sse'" in after


# -- the built package -------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel ``pip`` builds from a copy of the checkout (a build writes into
    the tree it builds, and CI runs several suites at once)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("setup.py", "README.rst", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "mastodon", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("pytooter-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_ships_every_module_and_the_type_marker(wheel: zipfile.ZipFile) -> None:
    shipped = set(wheel.namelist())
    sources = {path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*.py")}
    assert sources <= shipped, sorted(sources - shipped)
    assert "mastodon/py.typed" in shipped
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith(".dist-info/LICENSE") for name in shipped)


def test_the_wheel_has_the_package_version_and_extras(wheel: zipfile.ZipFile) -> None:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    metadata = Parser().parsestr(wheel.read(name).decode("utf-8"))
    assert metadata["Version"] == mastodon.__version__
    assert metadata["License"] == "MIT" or "MIT" in (metadata.get("License-Expression") or "")
    assert {"webpush", "blurhash", "websocket", "fast", "test", "docs"} <= set(metadata.get_all("Provides-Extra") or [])


# -- layering ----------------------------------------------------------------------------


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package, and the modules of the package it imports anywhere
    in its text: at the top, inside functions, or for type checkers only."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join([*base, node.module] if node.module else base)
                for alias in node.names:
                    found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in paths else target)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[module] = {name for name in found if name in paths and name != module}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules along it, or ``None``."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        trail.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = 2
        trail.pop()
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycle_anywhere_in_the_package() -> None:
    assert _cycle(_imports()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_core_depends_on_nothing_above_it() -> None:
    graph = _imports()
    # Internal modules start with "_"; "__main__" (the command line) is not one of them.
    low = [m for m in graph if (m.startswith("mastodon._") and m != "mastodon.__main__") or m in ("mastodon.types", "mastodon.errors")]
    assert "mastodon._core" in low and "mastodon._results" in low
    for module in low:
        above = sorted(t for t in graph[module] if not (t.startswith("mastodon._") or t in ("mastodon.types", "mastodon.errors")))
        assert not above, f"{module} imports {above}"


def test_result_handling_imports_only_the_result_types() -> None:
    assert _imports()["mastodon._results"] == {"mastodon.types"}


def test_every_area_is_one_mixin_under_mastodon_api() -> None:
    areas = [base for base in Mastodon.__bases__ if "streaming" not in base.__module__]
    assert len(areas) >= 29
    modules = [base.__module__ for base in areas]
    assert len(set(modules)) == len(modules), "two mixins share a module"
    for base in areas:
        assert base.__module__.startswith("mastodon.api.") and issubclass(base, RequestCore), base
    on_disk = {f"mastodon.api.{path.stem}" for path in (PACKAGE / "api").glob("*.py") if path.stem != "__init__"}
    assert on_disk - {"mastodon.api.streaming"} == set(modules)
