"""Packaging and import paths that scripts rely on, and the interface contract."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

import mastodon
from mastodon import errors

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECK_API = ROOT.parent / "shared" / "tools" / "check_api.py"


def test_old_import_paths_keep_working() -> None:
    from mastodon.Mastodon import AttribAccessDict, Mastodon
    from mastodon.streaming import CallbackStreamListener, StreamListener

    assert Mastodon is mastodon.Mastodon and AttribAccessDict is mastodon.AttribAccessDict
    assert StreamListener is mastodon.StreamListener and CallbackStreamListener is mastodon.CallbackStreamListener
    compat = sys.modules["mastodon.Mastodon"]
    for name in errors.__all__:
        if name.startswith("Mastodon"):
            assert getattr(compat, name) is getattr(mastodon, name), name


def test_typed_package_and_extras_are_declared() -> None:
    assert (ROOT / "mastodon" / "py.typed").exists()
    setup = (ROOT / "setup.py").read_text()
    for extra in ('"webpush"', '"blurhash"', '"test"', '"docs"'):
        assert extra in setup


@pytest.mark.skipif(not CHECK_API.exists(), reason="the shared interface tables are not beside this checkout")
def test_interface_contract_has_no_problems() -> None:
    result = subprocess.run([sys.executable, str(CHECK_API)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


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
