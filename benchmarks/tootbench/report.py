"""The table ``run.py`` prints: one row per figure, ratios to the raw baseline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """How to label and judge one figure."""

    label: str
    baseline: str
    target: float
    target_with_orjson: float | None = None


ROWS: dict[str, Row] = {
    "decode": Row("1 body -> value, 40 statuses", "json.loads(body)", 1.5, 1.0),
    "decode_stdlib": Row("1b the same, stdlib json decoder", "json.loads(body)", 1.5),
    "timeline": Row("2 timeline_home(limit=40)", "requests .get().json()", 1.3),
    "remaining": Row("3 fetch_remaining, 50 pages", "requests loop on Link", 1.3),
    "import": Row('4 python -c "import mastodon"', "import requests", 1.1),
    "memory": Row("5 memory held by statuses", "json.loads dicts", 1.15),
    "stream": Row("6 streaming, per update event", "64 KiB reads+json", 2.0),
}


def target_for(name: str, orjson: bool) -> float:
    row = ROWS[name]
    if orjson and row.target_with_orjson is not None:
        return row.target_with_orjson
    return row.target


def format_target(name: str, target: float) -> str:
    number = f"{target:.2f}".rstrip("0")
    if number.endswith("."):
        number += "0"
    suffix = " (orjson)" if target == ROWS[name].target_with_orjson else ""
    return f"<= {number}x{suffix}"


def verdict(figure: dict[str, Any] | None, target: float) -> str:
    ratio = None if figure is None else figure.get("ratio")
    if ratio is None:
        return "n/a"
    return "PASS" if ratio <= target else "FAIL"


def format_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "n/a"
    if ratio < 10:
        return f"{ratio:.2f}x"
    if ratio < 100:
        return f"{ratio:.1f}x"
    return f"{ratio:.0f}x"


def format_amount(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "bytes":
        return f"{value / 1e6:.1f} MB"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3g} ms"
    return f"{value * 1e6:.3g} µs"


class _Footnotes:
    """Numbers the reasons behind "n/a" cells, each distinct reason once."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def mark(self, reason: str | None) -> str:
        text = reason or "no result"
        if text not in self.reasons:
            self.reasons.append(text)
        return f"[{self.reasons.index(text) + 1}]"


def _cell(figure: dict[str, Any] | None, worker_problem: str | None, notes: _Footnotes) -> str:
    if figure is None:
        return "n/a " + notes.mark(worker_problem or "not measured")
    if figure.get("ratio") is None:
        return "n/a " + notes.mark(figure.get("error"))
    return format_ratio(figure["ratio"])


def render(results: dict[str, dict[str, Any]], compare_labels: list[str], figures: list[str]) -> str:
    """The table for the pytooter worker's results and each comparison worker's."""
    main = results.get("pytooter", {})
    main_figures: dict[str, Any] = main.get("figures", {})
    orjson = bool(main.get("orjson"))
    notes = _Footnotes()
    header = ["figure", "raw baseline", "absolute", "pytooter", "target", "result", *compare_labels]
    lines: list[list[str]] = []
    for name in figures:
        row = ROWS[name]
        figure = main_figures.get(name)
        raw = None if figure is None else figure.get("raw")
        target = target_for(name, orjson)
        unit = "bytes" if name == "memory" else "s"
        cells = [
            row.label,
            row.baseline,
            format_amount(raw, unit),
            _cell(figure, main.get("worker_problem"), notes),
            format_target(name, target),
            verdict(figure, target),
        ]
        for label in compare_labels:
            other = results.get(label, {})
            cells.append(_cell(other.get("figures", {}).get(name), other.get("worker_problem"), notes))
        lines.append(cells)
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    text = [_join(header, widths), _join(["-" * width for width in widths], widths)]
    text.extend(_join(cells, widths) for cells in lines)
    text.append("")
    labels = ["pytooter", *compare_labels]
    checks = [
        (
            "returned statuses are dicts with attribute access and aware datetimes",
            _note_per_label(results, labels, "timeline", "shape", str),
        ),
        (
            "fetch_remaining keeps the first page's objects (no copy)",
            _note_per_label(results, labels, "remaining", "first_page_items_reused", lambda reused: "yes" if reused else "no"),
        ),
    ]
    for title, answers in checks:
        if answers:
            text.append(f"{title}: {answers}")
    if notes.reasons:
        text.extend(f"[{number}] {reason}" for number, reason in enumerate(notes.reasons, 1))
    return "\n".join(text)


def _join(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _note_per_label(results: dict[str, dict[str, Any]], labels: list[str], figure_name: str, note: str, show: Callable[[Any], str]) -> str:
    answers = []
    for label in labels:
        figure = results.get(label, {}).get("figures", {}).get(figure_name) or {}
        value = figure.get("notes", {}).get(note)
        if value is not None:
            answers.append(f"{label} {show(value)}")
    return ", ".join(answers)
