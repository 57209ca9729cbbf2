"""Measure one client library against the raw baselines; write the numbers as JSON.

``run.py`` starts this script once with the current interpreter for pytooter
and, with ``--compare``, once with each comparison venv's interpreter for
Mastodon.py. It needs only the standard library, ``requests`` and the library
under test, and it talks only to the benchmark server given by ``--base-url``.

    python benchmarks/worker.py --impl pytooter --repo . --base-url http://127.0.0.1:PORT --out result.json
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import sys
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import requests
from tootbench.clients import HOME, LibraryClient, RawClient, module_inside
from tootbench.figures import FIGURES, MEASURE, Context
from tootbench.timing import Settings, describe, grow_heap

log = logging.getLogger("tootbench")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--impl", choices=("pytooter", "mastodonpy"), required=True)
    parser.add_argument("--base-url", required=True, help="the benchmark server, http://127.0.0.1:PORT")
    parser.add_argument("--mode", choices=("quick", "full"), default="full")
    parser.add_argument("--repo", type=Path, help="pytooter checkout to import `mastodon` from")
    parser.add_argument("--figures", default=",".join(FIGURES), help="comma-separated subset of " + ",".join(FIGURES))
    parser.add_argument("--memory-statuses", type=int, default=10_000, help="statuses held for figure 5")
    parser.add_argument("--stream-events", type=int, default=10_000, help="update events per stream for figure 6")
    parser.add_argument("--out", type=Path, required=True, help="JSON file, rewritten after every figure")
    parser.add_argument(
        "--import-python", type=Path, help="for pytooter: the interpreter of the environment it was installed into (figure 4)"
    )
    parser.add_argument("--import-problem", help="for pytooter: why it could not be installed for figure 4")
    return parser.parse_args(argv)


def _open_library(impl: str, base_url: str, token: str, repo: Path | None) -> tuple[LibraryClient | None, str | None]:
    try:
        library = LibraryClient(impl, base_url, token)
    except Exception as error:  # noqa: BLE001 - an unfinished library is reported, not fatal
        return None, describe(error)
    if impl == "pytooter" and repo is not None and not module_inside(library.location, repo):
        return None, f"`import mastodon` found {library.location}, not pytooter in {repo}"
    return library, None


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, format=f"  [{args.impl}] %(message)s", stream=sys.stderr)
    repo: Path | None = args.repo.resolve() if args.impl == "pytooter" and args.repo else None
    if repo is not None:
        sys.path.insert(0, str(repo))

    info: dict[str, Any] = requests.get(args.base_url + "/bench/info", timeout=30).json()
    raw = RawClient(args.base_url, token=info["token"])
    library, problem = _open_library(args.impl, args.base_url, info["token"], repo)

    report: dict[str, Any] = {
        "impl": args.impl,
        "version": library.version if library else None,
        "module": library.location if library else None,
        "problem": problem,
        "python": platform.python_version(),
        "requests": requests.__version__,
        # Whether the library decodes with orjson (figure 1's stricter target applies):
        # pytooter says so itself (it may be told not to: PYTOOTER_NO_ORJSON).
        "orjson": (
            library.json_backend() == "orjson" if library is not None and args.impl == "pytooter" else find_spec("orjson") is not None
        ),
        "mode": args.mode,
        "figures": {},
    }
    ctx = Context(
        base_url=args.base_url,
        info=info,
        settings=Settings.for_mode(args.mode),
        raw=raw,
        library=library,
        library_problem=problem,
        import_python=args.import_python or Path(sys.executable),
        import_home=args.import_python.parent.parent if args.import_python is not None else None,
        import_problem=args.import_problem or (None if args.import_python or repo is None else "no installed pytooter to import"),
        repo=repo,
        memory_statuses=args.memory_statuses,
        stream_events=args.stream_events,
    )
    grow_heap(raw.session.get(args.base_url + HOME, params={"limit": 40}).content)
    for name in args.figures.split(","):
        started = time.perf_counter()
        figure = MEASURE[name](ctx)
        report["figures"][name] = figure.to_json()
        args.out.write_text(json.dumps(report, indent=2))
        ratio = f"{figure.ratio:.2f}x" if figure.ratio is not None else f"n/a ({figure.error})"
        log.info("%-13s %s  [%.1f s]", name, ratio, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
