"""pytooter's performance benchmark (issue 5): ratios to raw ``requests``/``json``.

    python benchmarks/run.py [--quick] [--compare] [--json FILE] [--check]

Starts a Mastodon look-alike on 127.0.0.1 (seeded data, see tootbench/data.py),
measures pytooter against hand-written raw baselines in a worker process and,
with ``--compare``, Mastodon.py 1.4.6 and 2.3.3 the same way from their own
virtual environments (created once under benchmarks/.venv-compare). Prints one
row per figure of issue 5. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tootbench.data import build_dataset
from tootbench.figures import FIGURES
from tootbench.report import ROWS, render, target_for, verdict
from tootbench.server import BenchServer
from tootbench.venvs import COMPARE_VERSIONS, ensure_env, install_checkout

log = logging.getLogger("tootbench")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKER = HERE / "worker.py"


@dataclass(frozen=True)
class Workload:
    """Sizes per mode. Mastodon.py gets smaller memory/stream loads (its per-event
    cost is ~10 ms); those figures are per status / per event, so ratios compare."""

    statuses: int
    stream_events: int
    compare_memory_statuses: int
    compare_stream_events: int
    worker_timeout: float


WORKLOADS = {
    "quick": Workload(statuses=2_000, stream_events=1_000, compare_memory_statuses=400, compare_stream_events=200, worker_timeout=300),
    "full": Workload(
        statuses=10_000, stream_events=10_000, compare_memory_statuses=2_000, compare_stream_events=1_000, worker_timeout=3_600
    ),
}


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few repeats, smaller loads (CI; well under a minute)")
    parser.add_argument(
        "--compare", action="store_true", help="also measure Mastodon.py from PyPI, in venvs under benchmarks/.venv-compare"
    )
    parser.add_argument("--versions", default=",".join(COMPARE_VERSIONS), help="Mastodon.py versions for --compare (default: %(default)s)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every number to FILE")
    parser.add_argument("--figures", default=",".join(FIGURES), help="subset of " + ",".join(FIGURES))
    parser.add_argument("--check", action="store_true", help="exit with status 1 unless every pytooter figure meets its target")
    return parser.parse_args(argv)


def _run_worker(
    python: Path | str,
    label: str,
    impl: str,
    server: BenchServer,
    mode: str,
    figures: str,
    memory_statuses: int,
    stream_events: int,
    timeout: float,
    extra: list[str] | None = None,
) -> dict[str, Any]:
    """Run worker.py under ``python`` (with ``extra`` arguments); its JSON, or a stub saying why there is none."""
    with tempfile.TemporaryDirectory(prefix="tootbench-") as scratch:
        out = Path(scratch) / "result.json"
        command = [
            str(python),
            str(WORKER),
            "--impl",
            impl,
            "--base-url",
            server.base_url,
            "--mode",
            mode,
            "--figures",
            figures,
            "--out",
            str(out),
            "--memory-statuses",
            str(memory_statuses),
            "--stream-events",
            str(stream_events),
        ]
        if impl == "pytooter":
            command += ["--repo", str(REPO)]
        command += extra or []
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        problem = None
        log.info("measuring %s ...", label)
        try:
            result = subprocess.run(command, env=env, cwd=HERE, timeout=timeout, check=False)
            if result.returncode != 0:
                problem = f"worker exited with status {result.returncode} (see its messages above)"
        except subprocess.TimeoutExpired:
            problem = f"worker timed out after {timeout:.0f} s"
        report: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {"figures": {}}
    report["worker_problem"] = problem
    report["memory_statuses"] = memory_statuses
    report["stream_events"] = stream_events
    return report


def _summary(results: dict[str, dict[str, Any]], args: argparse.Namespace, mode: str) -> dict[str, Any]:
    main = results.get("pytooter", {})
    orjson = bool(main.get("orjson"))
    rows = {}
    for name in args.figures.split(","):
        target = target_for(name, orjson)
        figure = main.get("figures", {}).get(name)
        rows[name] = {
            "label": ROWS[name].label,
            "target": target,
            "verdict": verdict(figure, target),
            "ratios": {label: (report.get("figures", {}).get(name) or {}).get("ratio") for label, report in results.items()},
        }
    return {"mode": mode, "python": platform.python_version(), "cpus": os.cpu_count(), "rows": rows, "workers": results}


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    mode = "quick" if args.quick else "full"
    workload = WORKLOADS[mode]
    started = time.perf_counter()

    dataset = build_dataset(workload.statuses)
    server = BenchServer(dataset, stream_events=workload.stream_events)
    server.start()
    log.info("serving %d statuses on %s", workload.statuses, server.base_url)
    results: dict[str, dict[str, Any]] = {}
    compare_labels: list[str] = []
    skipped: list[str] = []
    try:
        install: list[str] = []
        if "import" in args.figures.split(","):
            installed = install_checkout(REPO)
            install = ["--import-python", str(installed.python)] if installed.python else ["--import-problem", str(installed.problem)]
        results["pytooter"] = _run_worker(
            sys.executable,
            "pytooter",
            "pytooter",
            server,
            mode,
            args.figures,
            workload.statuses,
            workload.stream_events,
            workload.worker_timeout,
            install,
        )
        if args.compare:
            for version in filter(None, args.versions.split(",")):
                env = ensure_env(version)
                if env.python is None:
                    skipped.append(f"Mastodon.py {version} skipped: {env.problem}")
                    log.info(skipped[-1])
                    continue
                label = f"Mastodon.py {version}"
                compare_labels.append(label)
                results[label] = _run_worker(
                    env.python,
                    label,
                    "mastodonpy",
                    server,
                    mode,
                    args.figures,
                    workload.compare_memory_statuses,
                    workload.compare_stream_events,
                    workload.worker_timeout,
                )
    finally:
        server.stop()

    main_report = results["pytooter"]
    first_page_kb = len(dataset.page_body(0, 40)) / 1000
    print()
    print(
        f"pytooter benchmark, {mode} mode: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"decode_json backend {'orjson' if main_report.get('orjson') else 'json (standard library)'}"
    )
    where = main_report.get("module") or main_report.get("problem") or "not importable"
    print(f"pytooter: {main_report.get('version') or '?'} ({where})")
    print(
        f"data: {workload.statuses:,} statuses, first page {first_page_kb:.1f} KB; figure 3 follows 50 pages "
        f"(2,000 statuses); figure 5 holds {workload.statuses:,} statuses, figure 6 streams "
        f"{workload.stream_events:,} events"
        + (
            f" (Mastodon.py: {workload.compare_memory_statuses:,} statuses, {workload.compare_stream_events:,} events)"
            if compare_labels
            else ""
        )
    )
    print("ratios = library / raw baseline, medians over repeats, same process, same run; lower is better")
    print()
    print(render(results, compare_labels, args.figures.split(",")))
    for line in skipped:
        print(line)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")

    summary = _summary(results, args, mode)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    if args.check:
        return 0 if all(row["verdict"] == "PASS" for row in summary["rows"].values()) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
