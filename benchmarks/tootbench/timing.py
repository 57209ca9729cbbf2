"""Paired measurements: the raw baseline and the library, interleaved, medians.

Every figure is measured as pairs of samples, raw then library, in the same
process, so that drift (CPU frequency, other load) hits both sides alike. A
sample runs the operation enough times to last about ``sample_seconds``; the
reported value is the median time per operation over the samples.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class BenchError(Exception):
    """An operation ran but gave the wrong result (e.g. too few statuses)."""


@dataclass(frozen=True)
class Settings:
    """How hard to try; ``quick`` for CI, ``full`` for numbers worth quoting."""

    samples: int
    sample_seconds: float
    budget_seconds: float
    import_runs: int

    @classmethod
    def for_mode(cls, mode: str) -> Settings:
        if mode == "quick":
            return cls(samples=5, sample_seconds=0.05, budget_seconds=3.0, import_runs=10)
        return cls(samples=21, sample_seconds=0.25, budget_seconds=45.0, import_runs=41)


@dataclass
class Figure:
    """One row of the table, as measured by one worker."""

    unit: str  # "s" (seconds per operation) or "bytes"
    raw: float | None = None
    impl: float | None = None
    raw_samples: int = 0
    impl_samples: int = 0
    error: str | None = None  # why the library's value is missing
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.raw is None or self.impl is None or self.raw <= 0:
            return None
        return self.impl / self.raw

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def describe(error: BaseException) -> str:
    """A one-line reason for a table footnote."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    name = type(error).__name__
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{name}: {text}" if text else name


def grow_heap(body: bytes, copies: int = 64) -> None:
    """Decode ``body`` ``copies`` times, hold every result, then let them all go.

    The speed of ``json.loads`` on a 185 KB page depends on what the process did
    before: on a heap that never held more than a few pages, each call pays for
    fresh memory from the operating system (about 1.8 ms a page here); once the
    process has held a few tens of megabytes, as any long-running program has,
    the same call takes about 1.25 ms. Libraries' decoders are affected less
    than the baseline, so without this step a ratio depended on the figures that
    ran before it. The worker calls this once, before any figure, so that every
    figure runs in the state of a program that has been working for a while.
    """
    held = [json.loads(body) for _ in range(copies)]
    del held
    gc.collect()


def _run(operation: Callable[[], object], calls: int) -> float:
    """Seconds per call over ``calls`` calls, after collecting leftover garbage."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(calls):
        operation()
    return (time.perf_counter() - start) / calls


class _Side:
    """One side of a pair: its operation, calls per sample and collected samples."""

    def __init__(self, operation: Callable[[], object], settings: Settings) -> None:
        self.operation = operation
        self.samples: list[float] = []
        first = _run(operation, 1)  # warm-up: first connection, lazy imports, caches
        if first >= settings.sample_seconds:
            # Slow enough that cold-start effects are noise; keep it as a sample.
            self.calls = 1
            self.samples.append(first)
        else:
            self.calls = max(1, int(settings.sample_seconds / max(first, 1e-7)))

    def wants_sample(self, settings: Settings, deadline: float) -> bool:
        """At least one sample; more until ``settings.samples`` or the deadline."""
        if not self.samples:
            return True
        return len(self.samples) < settings.samples and time.monotonic() < deadline

    def sample(self) -> None:
        self.samples.append(_run(self.operation, self.calls))


def paired_timing(
    raw: Callable[[], object],
    impl: Callable[[], object] | None,
    settings: Settings,
    *,
    impl_problem: str | None = None,
) -> Figure:
    """Median seconds per call for ``raw`` and ``impl``, sampled alternately.

    ``impl`` may be ``None`` (library call unavailable, ``impl_problem`` says
    why); if it raises, the error is recorded and the raw side still completes.
    """
    figure = Figure(unit="s", error=impl_problem)
    deadline = time.monotonic() + settings.budget_seconds
    raw_side = _Side(raw, settings)
    impl_side: _Side | None = None
    if impl is not None:
        try:
            impl_side = _Side(impl, settings)
        except Exception as error:  # noqa: BLE001 - any library failure becomes "n/a (reason)"
            figure.error = describe(error)
    while True:
        progressed = False
        if raw_side.wants_sample(settings, deadline):
            raw_side.sample()
            progressed = True
        if impl_side is not None and impl_side.wants_sample(settings, deadline):
            try:
                impl_side.sample()
                progressed = True
            except Exception as error:  # noqa: BLE001
                figure.error = describe(error)
                impl_side = None
        if not progressed:
            break
    figure.raw = statistics.median(raw_side.samples)
    figure.raw_samples = len(raw_side.samples)
    if impl_side is not None and figure.error is None:
        figure.impl = statistics.median(impl_side.samples)
        figure.impl_samples = len(impl_side.samples)
    return figure


def held_memory(produce: Callable[[], T]) -> tuple[int, T]:
    """Bytes still allocated after ``produce()`` returns, while its result is kept.

    Measured with :mod:`tracemalloc`, which only sees allocations made while it
    runs: memory freed during the call (response bodies, pages already copied
    out) does not count; everything the result keeps alive does.
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = produce()
        gc.collect()
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return held, result
