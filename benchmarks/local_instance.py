"""How fast LocalInstance starts and serves (issue 11).

    python benchmarks/local_instance.py [--quick] [--check]

Figures, each a median over repeats, measured in this process after the modules
are imported (importing werkzeug is paid once per test session, not per
instance):

1. ``LocalInstance()`` to the first answered request (``GET /api/v1/instance``
   over a new connection): target under 50 ms.
2. A 1,000-status home timeline read 40 at a time with pytooter
   (``fetch_remaining(timeline_home(limit=40))``, 25 requests): target under 0.5 s.
3. For information: the ``mastodon_client`` fixture's work (an instance plus a
   logged-in client), and stopping an instance.

``--quick`` (CI) repeats less; ``--check`` exits with status 1 unless figures 1
and 2 pass.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's pytooter first

import requests

from mastodon import __version__
from mastodon.testing import LocalInstance


def median_of(repeats: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeats))


def start_to_first_answer() -> float:
    session = requests.Session()
    started = time.perf_counter()
    inst = LocalInstance()
    answer = session.get(inst.url + "/api/v1/instance", timeout=10)
    elapsed = time.perf_counter() - started
    assert answer.status_code == 200
    inst.stop()
    return elapsed


def paging(inst: LocalInstance, reader_name: str, followed: str) -> Callable[[], float]:
    reader = inst.create_user(reader_name)
    reader.account_follow(inst.user(followed).id)

    def measure() -> float:
        started = time.perf_counter()
        statuses = reader.fetch_remaining(reader.timeline_home(limit=40))
        elapsed = time.perf_counter() - started
        assert len(statuses) == 1000, len(statuses)
        return elapsed

    return measure


def fixture_work() -> float:
    started = time.perf_counter()
    inst = LocalInstance()
    inst.create_user("alice")
    elapsed = time.perf_counter() - started
    inst.stop()
    return elapsed


def stopping() -> float:
    inst = LocalInstance()
    requests.get(inst.url + "/api/v1/instance", timeout=10)
    started = time.perf_counter()
    inst.stop()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every figure with a target passes")
    args = parser.parse_args(argv)
    repeats = 5 if args.quick else 41

    start_to_first_answer()  # warm up: first connections, lazily built parts
    rows: list[tuple[str, float, float | None]] = []
    rows.append(("1 LocalInstance() to first answer", median_of(repeats, start_to_first_answer), 0.050))
    with LocalInstance() as inst:
        inst.create_user("writer")
        for number in range(1000):
            inst.post("writer", f"status number {number}")
        measure = paging(inst, "reader", "writer")
        measure()  # warm up
        rows.append(("2 1,000 statuses, 40 a page", median_of(3 if args.quick else 11, measure), 0.5))
    rows.append(("3a instance + logged-in client", median_of(repeats, fixture_work), None))
    rows.append(("3b stop()", median_of(repeats, stopping), None))

    mode = "quick" if args.quick else "full"
    print(f"LocalInstance benchmark, {mode} mode: Python {platform.python_version()}, {os.cpu_count()} CPUs, pytooter {__version__}")
    print(f"{'figure':<36}  {'median':>9}  {'target':>8}  result")
    print(f"{'-' * 36}  {'-' * 9}  {'-' * 8}  ------")
    failed = False
    for name, value, target in rows:
        result = "" if target is None else ("PASS" if value < target else "FAIL")
        failed = failed or result == "FAIL"
        shown_target = "" if target is None else f"< {target * 1000:.0f} ms"
        print(f"{name:<36}  {value * 1000:>6.1f} ms  {shown_target:>8}  {result}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
