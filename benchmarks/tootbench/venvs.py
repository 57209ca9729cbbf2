"""Virtual environments holding Mastodon.py from PyPI, for ``run.py --compare``.

Each version gets its own environment under ``benchmarks/.venv-compare/`` (git
ignores it). An environment is created once and reused: a marker file written
after a successful install says it is ready. Nothing here touches the
interpreter that runs pytooter.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("tootbench")

COMPARE_ROOT = Path(__file__).resolve().parent.parent / ".venv-compare"
_READY_MARKER = "tootbench-ready"


@dataclass(frozen=True)
class CompareEnv:
    """Where one Mastodon.py version lives, or why it could not be installed."""

    version: str
    python: Path | None
    problem: str | None = None


def _python_in(env_dir: Path) -> Path:
    scripts = "Scripts" if sys.platform == "win32" else "bin"
    name = "python.exe" if sys.platform == "win32" else "python"
    return env_dir / scripts / name


def ensure_env(version: str, *, root: Path = COMPARE_ROOT) -> CompareEnv:
    """Create (once) a venv with ``Mastodon.py==version``; report a problem instead of raising."""
    env_dir = root / f"mastodonpy-{version}"
    python = _python_in(env_dir)
    marker = env_dir / _READY_MARKER
    if marker.exists() and python.exists():
        return CompareEnv(version, python)
    if env_dir.exists():
        shutil.rmtree(env_dir)
    log.info("creating %s (pip install Mastodon.py==%s)", env_dir, version)
    problem = _create(env_dir, python, version)
    if problem is not None:
        shutil.rmtree(env_dir, ignore_errors=True)
        return CompareEnv(version, None, problem)
    marker.write_text(f"Mastodon.py=={version}\n")
    return CompareEnv(version, python)


def _create(env_dir: Path, python: Path, version: str) -> str | None:
    """Build the venv and install Mastodon.py into it; what went wrong, if anything."""
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    except (OSError, subprocess.CalledProcessError) as error:
        return f"could not create a virtual environment: {error}"
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"Mastodon.py=={version}"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return "pip install timed out"
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"pip install failed: {last_line}"
    return None
