"""Every public method is documented in docs/, and every documented one exists."""

from __future__ import annotations

import inspect
import pathlib
import re

from mastodon import CallbackStreamListener, Mastodon, StreamListener

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
AUTOMETHOD = re.compile(r"^\.\. automethod:: (\w+)\.(\w+)", re.MULTILINE)


def documented() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in DOCS.rglob("*.rst"):
        found.update(AUTOMETHOD.findall(path.read_text(encoding="utf-8")))
    return found


def public_methods(cls: type) -> set[str]:
    return {
        name for name, value in inspect.getmembers(cls) if not name.startswith("_") and callable(value) and not isinstance(value, type)
    } | ({"__init__"} if cls is Mastodon else set())


def test_every_public_method_is_documented() -> None:
    docs = documented()
    for cls in (Mastodon, StreamListener, CallbackStreamListener):
        missing = sorted(
            n
            for n in public_methods(cls)
            if (cls.__name__, n) not in docs and not (cls is CallbackStreamListener and ("StreamListener", n) in docs)
        )
        assert not missing, f"{cls.__name__} methods missing from docs/: {missing}"


def test_every_documented_method_exists() -> None:
    classes = {"Mastodon": Mastodon, "StreamListener": StreamListener, "CallbackStreamListener": CallbackStreamListener}
    ghosts = sorted(f"{c}.{n}" for c, n in documented() if c in classes and not hasattr(classes[c], n))
    assert not ghosts, f"documented but missing: {ghosts}"


def test_every_public_method_has_a_docstring() -> None:
    for cls in (Mastodon, StreamListener, CallbackStreamListener):
        bare = sorted(n for n in public_methods(cls) if not (getattr(cls, n).__doc__ or "").strip())
        assert not bare, f"{cls.__name__} methods without docstrings: {bare}"
