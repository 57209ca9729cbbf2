"""Virtual environments: Mastodon.py from PyPI for ``run.py --compare``, and
pytooter installed from a wheel of the checkout for the import figure.

Each Mastodon.py version gets its own environment under
``benchmarks/.venv-compare/`` (git ignores it). An environment is created once
and reused: a marker file written after a successful install says it is ready.

Figure 4 imports pytooter the way a user gets it: :func:`install_checkout`
builds a wheel of the checkout and installs it, with its dependencies and its
bytecode compiled, into ``benchmarks/.venv-import/`` (created once; the wheel
is installed afresh on every run). Nothing here touches the interpreter that
runs the benchmark.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

log = logging.getLogger("tootbench")

COMPARE_VERSIONS = ("1.4.6", "2.3.3")  # the Mastodon.py releases --compare measures by default
COMPARE_ROOT = Path(__file__).resolve().parent.parent / ".venv-compare"
IMPORT_ROOT = Path(__file__).resolve().parent.parent / ".venv-import"
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
    return _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"Mastodon.py=={version}"])


@dataclass(frozen=True)
class InstallEnv:
    """The interpreter of the environment pytooter was installed into, or why it could not be."""

    python: Path | None
    problem: str | None = None


def install_checkout(repo: Path, *, root: Path = IMPORT_ROOT) -> InstallEnv:
    """Build a wheel of ``repo`` and install it into the environment at ``root``;
    report a problem instead of raising."""
    python = _python_in(root)
    if not python.exists():
        shutil.rmtree(root, ignore_errors=True)
        log.info("creating %s (for figure 4: pytooter installed from a wheel)", root)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(root)
        except (OSError, subprocess.CalledProcessError) as error:
            return InstallEnv(None, f"could not create a virtual environment: {error}")
    with tempfile.TemporaryDirectory(prefix="tootbench-wheel-") as out:
        # Without build isolation when this interpreter can build (no download);
        # pip fetches setuptools into an isolated build otherwise.
        isolation = [] if find_spec("setuptools") is None else ["--no-build-isolation"]
        problem = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "--wheel-dir", out, str(repo)])
        wheels = sorted(Path(out).glob("pytooter-*.whl"))
        if problem is not None or not wheels:
            return InstallEnv(None, problem or "pip wheel built no pytooter wheel")
        _run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "pytooter"])  # not there the first time
        # --compile: the bytecode is written at install time, as pip does by
        # default; dependencies are downloaded only when missing (the first time).
        problem = _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--compile", str(wheels[-1])])
        if problem is not None:
            return InstallEnv(None, problem)
    return InstallEnv(python)


def _run(command: list[str]) -> str | None:
    """Run one pip command; what went wrong, if anything."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return f"{' '.join(command[2:4])} timed out"
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"{' '.join(command[2:4])} failed: {last_line}"
    return None
