"""The six figures of issue 5 (plus 1b), each measured against its raw baseline.

Each function returns a :class:`~tootbench.timing.Figure`. The library side is
optional: when it is missing or fails, the figure still carries the raw
baseline and an ``error`` saying why the library's value is "n/a".
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .clients import HOME, LibraryClient, RawClient, module_inside
from .timing import BenchError, Figure, Settings, describe, held_memory, paired_timing

FIGURES = ("decode", "decode_stdlib", "timeline", "remaining", "import", "memory", "stream")


@dataclass(frozen=True)
class Context:
    """What every figure needs: the server, the clients and the settings."""

    base_url: str
    info: dict[str, Any]
    settings: Settings
    raw: RawClient
    library: LibraryClient | None
    library_problem: str | None
    import_python: Path  # the interpreter figure 4 imports with
    import_home: Path | None  # for pytooter: the environment `mastodon` must be installed in
    import_problem: str | None  # why pytooter could not be installed for figure 4, if it could not
    repo: Path | None  # for pytooter: the checkout the other figures import `mastodon` from
    memory_statuses: int
    stream_events: int

    def url(self, path: str) -> str:
        return self.base_url + path

    def tail(self, statuses: int) -> tuple[str, int]:
        """The ``max_id`` that leaves the last ``statuses`` statuses of the timeline, and their count."""
        page_max_ids: list[str] = self.info["page_max_ids"]
        pages = max(1, min(len(page_max_ids), statuses // self.info["page_size"]))
        return page_max_ids[-pages], min(self.info["statuses"], pages * self.info["page_size"])


def _expect(count: int, expected: int, what: str) -> None:
    if count != expected:
        raise BenchError(f"got {count} {what}, expected {expected}")


Operation = Callable[[], object]


def _library_part(ctx: Context, build: Callable[[LibraryClient], Operation]) -> tuple[Operation | None, str | None]:
    """The library's operation for a figure, or why there is none."""
    if ctx.library is None:
        return None, ctx.library_problem
    try:
        return build(ctx.library), None
    except Exception as error:  # noqa: BLE001 - a missing API becomes "n/a (reason)"
        return None, describe(error)


def decode(ctx: Context) -> Figure:
    """(1) body -> return value for one 40-status page, against ``json.loads(body)``.

    The library decodes as it does by default: pytooter with orjson when it is installed.
    """
    return _decode(ctx, stdlib=False)


def decode_stdlib(ctx: Context) -> Figure:
    """(1b) as (1), but pytooter decodes with the standard library's ``json`` even when
    orjson is installed, so both of its backends are measured in one run."""
    return _decode(ctx, stdlib=True)


def _decode(ctx: Context, *, stdlib: bool) -> Figure:
    body = ctx.raw.session.get(ctx.url(HOME), params={"limit": 40}).content

    def build(library: LibraryClient) -> Operation:
        decoder = library.decoder(stdlib=stdlib)

        def run() -> object:
            value = decoder(body)
            _expect(len(value), 40, "statuses")
            return value

        return run

    impl, problem = _library_part(ctx, build)
    figure = paired_timing(lambda: json.loads(body), impl, ctx.settings, impl_problem=problem)
    figure.notes["body_bytes"] = len(body)
    if ctx.library is not None:
        figure.notes["backend"] = ctx.library.json_backend(stdlib=stdlib)
    return figure


def timeline(ctx: Context) -> Figure:
    """(2) ``timeline_home(limit=40)`` over the socket, against requests + ``.json()``."""

    def build(library: LibraryClient) -> Operation:
        def run() -> object:
            page = library.timeline_home()
            _expect(len(page), 40, "statuses")
            return page

        return run

    impl, problem = _library_part(ctx, build)
    figure = paired_timing(ctx.raw.timeline_home, impl, ctx.settings, impl_problem=problem)
    if ctx.library is not None and figure.error is None:
        figure.notes["shape"] = check_shape(ctx.library.timeline_home()[0])
    return figure


def check_shape(status: Any) -> str:
    """ "ok" if a returned status is a dict with attribute access and aware datetimes."""
    if not isinstance(status, dict):
        return f"a {type(status).__name__}, not a dict"
    problems = []
    entity: Any = status
    try:
        if entity.account.acct != status["account"]["acct"]:
            problems.append("attribute and item access disagree")
    except (AttributeError, KeyError, TypeError):
        problems.append("no attribute access")
    created = status.get("created_at")
    if not isinstance(created, datetime) or created.utcoffset() is None:
        problems.append(f"created_at is {type(created).__name__}, not an aware datetime")
    return "; ".join(problems) or "ok"


def remaining(ctx: Context) -> Figure:
    """(3) ``fetch_remaining`` over 50 pages, against a requests loop following ``Link``."""
    max_id, expected = ctx.tail(50 * ctx.info["page_size"])
    pages = expected // ctx.info["page_size"]
    first_url = ctx.url(f"{HOME}?limit=40&max_id={max_id}")
    reuse: dict[str, bool] = {}

    def raw() -> object:
        statuses, requests_made = ctx.raw.follow_next(first_url)
        _expect(len(statuses), expected, "statuses")
        _expect(requests_made, pages, "requests")
        return statuses

    def build(library: LibraryClient) -> Operation:
        def run() -> object:
            first = library.timeline_home(max_id=max_id)
            statuses = library.fetch_remaining(first)
            _expect(len(statuses), expected, "statuses")
            reuse["first_page_items_reused"] = statuses[0] is first[0]
            return statuses

        return run

    impl, problem = _library_part(ctx, build)
    figure = paired_timing(raw, impl, ctx.settings, impl_problem=problem)
    figure.notes.update(reuse, pages=pages, statuses=expected)
    return figure


def import_time(ctx: Context) -> Figure:
    """(4) ``python -c "import mastodon"`` against ``python -c "import requests"``, wall time.

    Both run with ``ctx.import_python``, the interpreter of an environment the
    library was installed into the way a user installs it (for pytooter: a wheel
    of the checkout, see ``venvs.install_checkout``), so both import compiled
    bytecode from site-packages, from an empty working directory.
    """
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
    with tempfile.TemporaryDirectory(prefix="tootbench-import-") as cwd:

        def run(statement: str, *, output: bool = False) -> Any:
            start = time.perf_counter()
            result = subprocess.run(
                [str(ctx.import_python), "-c", statement], cwd=cwd, env=env, capture_output=True, text=True, check=False
            )
            elapsed = time.perf_counter() - start
            if result.returncode != 0:
                last = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
                raise BenchError(f"{statement!r} failed: {last}")
            return result.stdout.strip() if output else elapsed

        figure = Figure(unit="s")
        raw_times: list[float] = []
        impl_times: list[float] = []
        run("import requests")  # warm-up: the files are in the page cache for both sides
        figure.error = ctx.import_problem
        if figure.error is None:
            try:
                location = run("import mastodon; print(mastodon.__file__)", output=True)
                figure.notes["module"] = location
                if ctx.import_home is not None and not module_inside(location, ctx.import_home):
                    figure.error = f"`import mastodon` found {location}, not the pytooter installed in {ctx.import_home}"
            except BenchError as error:
                figure.error = describe(error)
        for _ in range(ctx.settings.import_runs):
            raw_times.append(run("import requests"))
            if figure.error is None:
                impl_times.append(run("import mastodon"))
    figure.raw, figure.raw_samples = statistics.median(raw_times), len(raw_times)
    if impl_times:
        figure.impl, figure.impl_samples = statistics.median(impl_times), len(impl_times)
    return figure


def memory(ctx: Context) -> Figure:
    """(5) memory held by ``ctx.memory_statuses`` returned statuses, against ``json.loads`` dicts."""
    max_id, expected = ctx.tail(ctx.memory_statuses)
    first_url = ctx.url(f"{HOME}?limit=40&max_id={max_id}")
    figure = Figure(unit="bytes", notes={"statuses": expected})
    ctx.raw.timeline_home()  # the keep-alive connection exists before tracing starts

    held, result = held_memory(lambda: ctx.raw.follow_next(first_url)[0])
    _expect(len(result), expected, "statuses")
    figure.raw, figure.raw_samples = float(held), 1
    del result

    if ctx.library is None:
        figure.error = ctx.library_problem
        return figure
    library = ctx.library
    try:
        library.timeline_home()  # connection, lazy imports and caches, outside the trace
        held, returned = held_memory(lambda: library.fetch_remaining(library.timeline_home(max_id=max_id)))
        _expect(len(returned), expected, "statuses")
        figure.impl, figure.impl_samples = float(held), 1
    except Exception as error:  # noqa: BLE001 - library failure becomes "n/a (reason)"
        figure.error = describe(error)
    return figure


def stream(ctx: Context) -> Figure:
    """(6) cost per ``update`` event of ``stream_user``, against a hand-written SSE reader."""
    answer = ctx.raw.session.get(ctx.url("/bench/stream-events"), params={"count": ctx.stream_events})
    expected = int(answer.json()["stream_events"])

    def raw() -> object:
        updates = ctx.raw.stream()
        _expect(updates, expected, "update events")
        return updates

    def build(library: LibraryClient) -> Operation:
        def run() -> object:
            updates = library.stream(expected)
            _expect(updates, expected, "update events")
            return updates

        return run

    impl, problem = _library_part(ctx, build)
    figure = paired_timing(raw, impl, ctx.settings, impl_problem=problem)
    # Report per event rather than per stream.
    figure.raw = None if figure.raw is None else figure.raw / expected
    figure.impl = None if figure.impl is None else figure.impl / expected
    figure.notes["events"] = expected
    return figure


MEASURE: dict[str, Callable[[Context], Figure]] = {
    "decode": decode,
    "decode_stdlib": decode_stdlib,
    "timeline": timeline,
    "remaining": remaining,
    "import": import_time,
    "memory": memory,
    "stream": stream,
}
