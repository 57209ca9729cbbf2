"""Every public method is documented in docs/, and every documented one exists."""

from __future__ import annotations

import importlib.util
import inspect
import pathlib
import re
from typing import Any

import pytest

from mastodon import CallbackStreamListener, Mastodon, StreamListener
from mastodon.api.pagination import PAGE_PARAMS_DOC

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


def _docs_conf() -> Any:
    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGINATED = sorted(
    name
    for name in public_methods(Mastodon)
    if {"max_id", "min_id", "since_id"} & set(inspect.signature(getattr(Mastodon, name)).parameters)
)


def test_pagination_bounds_are_described_once() -> None:
    assert len(PAGINATED) >= 30  # the check below must look at every paginated method
    for name in PAGINATED:
        doc = getattr(Mastodon, name).__doc__ or ""
        for bound in ("max_id", "min_id", "since_id"):
            assert f":param {bound}:" not in doc, f"{name} describes {bound} itself; the docs add PAGE_PARAMS_DOC"


@pytest.mark.parametrize("name", ["timeline_home", "status_quotes", "search_v2", "admin_accounts_v2"])
def test_the_docs_add_the_bounds_among_the_parameters(name: str) -> None:
    method = getattr(Mastodon, name)
    lines = inspect.getdoc(method).splitlines()
    _docs_conf()._page_params(None, "method", f"mastodon.Mastodon.{name}", method, None, lines)
    params = [line.split(":")[1].split()[1] for line in lines if line.startswith(":param ")]
    order = list(inspect.signature(method).parameters)
    bounds = [p for p in ("max_id", "min_id", "since_id") if p in order]
    assert set(bounds) <= set(params)
    assert params == sorted(params, key=order.index), "parameters out of signature order"
    for bound in bounds:
        assert f":param {bound}: {PAGE_PARAMS_DOC[bound]}" in lines
    assert [i for i, line in enumerate(lines) if line.startswith(":returns:")] > [
        i for i, line in enumerate(lines) if line.startswith(":param ")
    ]


def test_the_docs_leave_other_methods_alone() -> None:
    lines = inspect.getdoc(Mastodon.status).splitlines()
    before = list(lines)
    _docs_conf()._page_params(None, "method", "mastodon.Mastodon.status", Mastodon.status, None, lines)
    assert lines == before
