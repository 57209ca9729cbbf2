"""What the client knows about its server, and the version gate on every method.

One :class:`ServerInfo` belongs to each client (``client._server``). It fetches
the instance entity once and keeps it, reads the server's version from it, and
decides whether a method may be called on that server. Every API area reaches
it through the request core (``verify_minimum_version``, ``_instance_info``,
``@api_version``); nothing else fetches the instance for version purposes.

Version strings of forks are read as far as they follow Mastodon's:
``4.2.10+glitch``, ``2.7.2 (compatible; Pleroma 2.0.50)``, ``3.5.3+0.20.0-rc1``
(GoToSocial). Only the leading ``major.minor.patch`` counts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from .errors import MastodonError, MastodonNotFoundError, MastodonVersionError

__all__ = [
    "SUPPORTED_VERSION",
    "VERSION_CHECK_MODES",
    "ServerInfo",
    "Version",
    "api_version",
    "format_version",
    "parse_version",
]

log = logging.getLogger("mastodon")

Version = tuple[int, int, int]

#: The newest Mastodon version whose API this package implements.
SUPPORTED_VERSION = "4.6.0"

#: What ``version_check_mode`` may be: check the version a method was added in,
#: the version it last changed in, or nothing.
VERSION_CHECK_MODES = ("created", "changed", "none")

# At most 30 digits a part: more than any release needs, and int() stays cheap and
# safe. Compiled on first use (through re's own cache), not at import.
_VERSION = r"\s*v?(\d{1,30})(?!\d)(?:\.(\d{1,30})(?!\d))?(?:\.(\d{1,30})(?!\d))?"

F = TypeVar("F", bound=Callable[..., Any])


def parse_version(text: str | None) -> Version:
    """Read ``major.minor.patch`` from a server's version string.

    Forks append their own details; only the leading Mastodon-compatible triple
    counts. A string with no version in it is taken as the newest supported
    version, with a warning logged, so that calls are not refused because of an
    odd server.
    """
    match = re.match(_VERSION, text or "")
    if match is None:
        log.warning("cannot read a version from %r; assuming Mastodon %s", (text or "")[:80], SUPPORTED_VERSION)
        return parse_version(SUPPORTED_VERSION)
    major, minor, patch = (int(part) if part else 0 for part in match.groups())
    return (major, minor, patch)


def format_version(version: Version) -> str:
    """``(4, 2, 0)`` -> ``"4.2.0"``."""
    return ".".join(str(part) for part in version)


class ServerInfo:
    """The instance entity and version of one server, fetched on first need and kept.

    :param get: fetches a path of the API and returns the decoded answer; the
        request core passes its own GET, so these requests are rate limited,
        retried and mapped to errors like any other.
    """

    def __init__(self, get: Callable[[str], Any]) -> None:
        self._get = get
        self._instance: Any = None
        self._version: Version | None = None
        #: The ``api_versions.mastodon`` number the instance reports (4.3+), if any.
        self.api_version: int | None = None

    # -- the instance -----------------------------------------------------------------

    def instance(self) -> Any:
        """The instance entity, v2 when the server has it, else v1 (fetched once)."""
        if self._instance is not None:
            return self._instance
        try:
            info = self._get("/api/v2/instance")
        except MastodonNotFoundError:
            info = self._get("/api/v1/instance")
        except MastodonError as exc:
            if getattr(exc, "status_code", None) not in (404, 410):
                raise
            info = self._get("/api/v1/instance")
        self._instance = info
        return info

    def clear(self) -> None:
        """Forget the instance entity and the version: both are fetched again when needed."""
        self._instance = None
        self._version = None

    # -- the version ------------------------------------------------------------------

    @property
    def known_version(self) -> Version | None:
        """The version, if it is known without asking the server."""
        return self._version

    def version(self) -> Version:
        """The server's version; asks the server the first time (errors propagate)."""
        if self._version is None:
            self._version = parse_version(self._version_string())
        return self._version

    def set_version(self, version: Version) -> None:
        """Take ``version`` as the server's, without asking it."""
        self._version = version

    def refresh_version(self, fail_hard: bool = False) -> Version:
        """Ask the server for its version again and keep it.

        :param fail_hard: raise when the server cannot be asked; otherwise the
            newest supported version is assumed and a warning logged.
        """
        self._instance = None
        try:
            text = self._version_string()
        except MastodonError:
            if fail_hard:
                raise
            log.warning("could not read the server version; assuming %s", SUPPORTED_VERSION)
            text = SUPPORTED_VERSION
        self._version = parse_version(text)
        return self._version

    def at_least(self, version: str, cached: bool = False) -> bool:
        """Whether the server runs ``version`` or newer.

        :param cached: use the version already known, if any, instead of asking again.
        """
        if not cached or self._version is None:
            self.refresh_version()
        return self.version() >= parse_version(version)

    def _version_string(self) -> str | None:
        info = self.instance()
        if not isinstance(info, dict):
            return None
        api_versions = info.get("api_versions")
        if isinstance(api_versions, dict) and isinstance(api_versions.get("mastodon"), int):
            self.api_version = api_versions["mastodon"]
        version = info.get("version")
        return version if isinstance(version, str) else None

    # -- the gate ---------------------------------------------------------------------

    def check(self, method: str, mode: str, created: str, changed: str) -> None:
        """Refuse a call the server is too old for, by ``mode`` (see :data:`VERSION_CHECK_MODES`).

        :raises MastodonVersionError: naming the method, both of its versions and the server's.
        """
        if mode == "none":
            return
        needed = _parsed(changed if mode == "changed" else created)
        have = self.version()
        if have < needed:
            raise MastodonVersionError(
                f"{method}() needs Mastodon {format_version(needed)} "
                f"(added in {created}, last changed in {changed}); "
                f"the server runs {format_version(have)}"
            )


# The few version strings the decorators name, each parsed the first time a check
# needs it: some 300 methods are decorated while `import mastodon` runs, and most
# programs never check a version.
_PARSED: dict[str, Version] = {}


def _parsed(text: str) -> Version:
    version = _PARSED.get(text)
    if version is None:
        version = _PARSED[text] = parse_version(text)
    return version


class _Gated(Protocol):
    """What the version gate needs from the client it runs on."""

    version_check_mode: str
    _server: ServerInfo


def api_version(created: str, last_changed: str | None = None) -> Callable[[F], F]:
    """Declare the Mastodon version a method appeared in and last changed in.

    The versions are kept on the function as ``_mastodon_version_created`` and
    ``_mastodon_version_changed`` (the docs render them). Each call asks the
    client's :class:`ServerInfo` whether the server is new enough, according to
    the client's ``version_check_mode``.
    """
    changed = last_changed or created

    def decorate(func: F) -> F:
        name = func.__name__

        def wrapper(self: _Gated, *args: Any, **kwargs: Any) -> Any:
            mode = self.version_check_mode
            if mode != "none":
                self._server.check(name, mode, created, changed)
            return func(self, *args, **kwargs)

        # What functools.wraps does, written out: this runs for some 300 methods at
        # import time, and plain assignments (the attributes in one dict) take a
        # fraction of update_wrapper's time.
        wrapper.__module__ = func.__module__
        wrapper.__name__ = name
        wrapper.__qualname__ = func.__qualname__
        wrapper.__doc__ = func.__doc__
        wrapper.__annotations__ = func.__annotations__
        wrapper.__dict__ = {"__wrapped__": func, "_mastodon_version_created": created, "_mastodon_version_changed": changed}
        return wrapper  # type: ignore[return-value]

    return decorate
