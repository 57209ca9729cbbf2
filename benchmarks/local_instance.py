"""How fast LocalInstance starts and serves (issue 11), and whether Mastodon.py
can use it.

    python benchmarks/local_instance.py [--quick] [--check] [--compare [--versions 1.4.6,2.3.3]]

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

``--compare`` also runs a user story with Mastodon.py itself, once per version
(1.4.6 and 2.3.3, or those ``--versions`` names), each in its own venv under
``benchmarks/.venv-compare/`` (made by ``tootbench/venvs.py``, the same venvs as
``run.py --compare``; it needs PyPI the first time). For each version it starts
``python -m mastodon serve --users alice,bob --env-file F`` and runs
``tootbench/mastodonpy_story.py`` with that venv's interpreter: log in with the
env file's tokens, post, reply, favourite, boost, follow, page the home timeline
with ``fetch_next``, upload an image, vote in a poll, read notifications and
receive events with ``stream_user`` in a thread. One line per version says
"story ran: yes" and the story's wall time, or the step that failed and its
error. With ``--check``, a story that fails makes the exit status 1 as well.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's pytooter first

import requests
from tootbench.venvs import COMPARE_VERSIONS, ensure_env

from mastodon import __version__
from mastodon.testing import LocalInstance

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "benchmarks" / "tootbench" / "mastodonpy_story.py"
STORY_TIMEOUT = 120.0


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


class Serve:
    """``python -m mastodon serve --users alice,bob --env-file F`` of this checkout, in a
    subprocess; ``env_file`` is ready once the context is entered."""

    def __init__(self, folder: Path) -> None:
        self.env_file = folder / "local.env"

    def __enter__(self) -> Serve:
        command = [sys.executable, "-m", "mastodon", "serve", "--users", "alice,bob", "--env-file", str(self.env_file)]
        self.process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        for line in self.process.stdout:  # the env file is written before this line is printed
            if line.startswith("Press Ctrl-C"):
                return self
        _, err = self.process.communicate(timeout=10)
        last = (err.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"python -m mastodon serve exited with status {self.process.returncode}: {last}")

    def __exit__(self, *exc_info: object) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()


def mastodonpy_story(version: str) -> tuple[bool, str]:
    """Run the user story with one Mastodon.py version: whether it ran, and the line that says so."""
    env = ensure_env(version)
    if env.python is None:
        return False, f"Mastodon.py {version}: story ran: no, not installed ({env.problem})"
    with tempfile.TemporaryDirectory(prefix="tootbench-story-") as folder:
        try:
            with Serve(Path(folder)) as server:
                started = time.perf_counter()
                # -I: the venv's interpreter gets neither tootbench/ on sys.path nor PYTHON* variables.
                command = [str(env.python), "-I", str(STORY), str(server.env_file)]
                result = subprocess.run(command, capture_output=True, text=True, timeout=STORY_TIMEOUT, check=False)
                process_seconds = time.perf_counter() - started
        except RuntimeError as error:
            return False, f"Mastodon.py {version}: story ran: no, {error}"
        except subprocess.TimeoutExpired:
            return False, f"Mastodon.py {version}: story ran: no, it did not finish within {STORY_TIMEOUT:.0f} s"
    ran, outcome = story_outcome(result, process_seconds)
    return ran, f"Mastodon.py {version}: {outcome}"


def story_outcome(result: subprocess.CompletedProcess[str], process_seconds: float) -> tuple[bool, str]:
    """Whether the story ran, and what the story script's last line says, in words."""
    lines = result.stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, ValueError):
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return False, f"story ran: no, the script stopped with status {result.returncode}: {last}"
    if report["ok"]:
        return True, f"story ran: yes, {report['seconds']:.2f} s (with interpreter start and imports: {process_seconds:.2f} s)"
    return False, f"story ran: no, step {report['step']!r} failed: {report['error']}"


def compare(versions: list[str]) -> bool:
    """Print one line per Mastodon.py version; whether every story ran."""
    print()
    print("Mastodon.py against python -m mastodon serve (a user story per version)", flush=True)
    every_one_ran = True
    for version in versions:
        ran, line = mastodonpy_story(version)
        print(line, flush=True)
        every_one_ran = every_one_ran and ran
    return every_one_ran


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every figure with a target passes")
    parser.add_argument(
        "--compare", action="store_true", help="also run a user story with Mastodon.py (venvs under benchmarks/.venv-compare)"
    )
    parser.add_argument("--versions", default=",".join(COMPARE_VERSIONS), help="Mastodon.py versions for --compare (default: %(default)s)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
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
    if args.compare:
        versions = [version.strip() for version in args.versions.split(",") if version.strip()]
        failed = not compare(versions) or failed
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
