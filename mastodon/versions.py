"""Server version parsing and the decorator that states each method's versions."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import MastodonVersionError

if TYPE_CHECKING:
    from ._core import RequestCore

__all__ = ["parse_version", "api_version", "SUPPORTED_VERSION", "Version"]

log = logging.getLogger("mastodon")

Version = tuple[int, int, int]

#: The newest Mastodon version whose API this package implements.
SUPPORTED_VERSION = "4.6.0"

# At most 30 digits a part: more than any release needs, and int() stays cheap and safe.
_VERSION_RE = re.compile(r"\s*v?(\d{1,30})(?!\d)(?:\.(\d{1,30})(?!\d))?(?:\.(\d{1,30})(?!\d))?")

F = TypeVar("F", bound=Callable[..., Any])


def parse_version(text: str | None) -> Version:
    """Read ``major.minor.patch`` from a server's version string.

    Forks append their own details (``4.2.10+glitch``, ``2.7.2 (compatible;
    Pleroma 2.0.50)``, ``3.5.3+0.20.0-rc1`` for GoToSocial); only the leading
    Mastodon-compatible triple counts. A string with no version in it is taken as
    the newest supported version, with a warning logged, so that calls are not
    refused because of an odd server.
    """
    match = _VERSION_RE.match(text or "")
    if match is None:
        log.warning("cannot read a version from %r; assuming Mastodon %s", (text or "")[:80], SUPPORTED_VERSION)
        return parse_version(SUPPORTED_VERSION)
    major, minor, patch = (int(part) if part else 0 for part in match.groups())
    return (major, minor, patch)


def format_version(version: Version) -> str:
    """``(4, 2, 0)`` -> ``"4.2.0"``."""
    return ".".join(str(part) for part in version)


# The few version strings the decorators name, parsed once each: some 300 methods
# are decorated while `import mastodon` runs.
_PARSED: dict[str, Version] = {}


def _parsed(text: str) -> Version:
    version = _PARSED.get(text)
    if version is None:
        version = _PARSED[text] = parse_version(text)
    return version


def api_version(created: str, last_changed: str | None = None) -> Callable[[F], F]:
    """Declare the Mastodon version a method appeared in and last changed in.

    The versions are kept on the function as ``_mastodon_version_created`` and
    ``_mastodon_version_changed`` (the docs render them). Each call checks them
    against the server according to the client's ``version_check_mode``:
    ``"created"`` needs the first, ``"changed"`` the second, ``"none"`` checks nothing.
    """
    changed = last_changed or created
    created_t = _parsed(created)
    changed_t = _parsed(changed)

    def decorate(func: F) -> F:
        def wrapper(self: RequestCore, *args: Any, **kwargs: Any) -> Any:
            mode = self.version_check_mode
            if mode != "none":
                needed = changed_t if mode == "changed" else created_t
                have = self._server_version()
                if have < needed:
                    raise MastodonVersionError(
                        f"{func.__name__}() needs Mastodon {format_version(needed)} "
                        f"(added in {created}, last changed in {changed}); "
                        f"the server runs {format_version(have)}"
                    )
            return func(self, *args, **kwargs)

        # What functools.wraps does, written out: this runs for some 300 methods at
        # import time, and the plain assignments take a fraction of update_wrapper's time.
        wrapper.__module__ = func.__module__
        wrapper.__name__ = func.__name__
        wrapper.__qualname__ = func.__qualname__
        wrapper.__doc__ = func.__doc__
        wrapper.__annotations__ = func.__annotations__
        wrapper.__wrapped__ = func  # type: ignore[attr-defined]
        wrapper._mastodon_version_created = created  # type: ignore[attr-defined]
        wrapper._mastodon_version_changed = changed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
