"""What the client knows about its server, and the version gate on every method.

One :class:`ServerInfo` belongs to each client (``client._server``). It learns
about the server when something first needs it, never in the constructor, and
keeps what it learned: the instance entity, what the instance's version string
says (:class:`VersionReading`), the software the server runs (nodeinfo,
:class:`ServerSoftware`) and the OAuth server metadata. Every API area reaches
it through the request core (``verify_minimum_version``, ``_instance_info``,
``@api_version``); nothing else fetches the instance for version purposes.

How a version string is read (:func:`read_version_string`):

* Mastodon, and forks that keep Mastodon's numbers: ``4.3.0``,
  ``4.2.10+glitch``, ``4.5.0-nightly.2025-10-01``, ``4.4.0-alpha.3+hometown-1.1.0``.
  Version checks apply to them.
* Software that names itself: ``2.7.2 (compatible; Akkoma 3.13.2)``,
  ``4.2.1 (compatible; Iceshrimp.NET/2024.1)``, ``4.0.0 (not true; really
  snac/2.52)``, ``takahe/0.11.0``; GoToSocial's own ``0.20.0+git`` or
  ``v0.20.0-rc1-8-g57cb4fe74`` (a major version of 0, which Mastodon never
  reported) and its Mastodon-style ``3.5.3+0.20.0-rc1``. No method is refused
  for their version number: the server answers.
* Anything else (an empty string, a number, garbage) cannot be read: one
  warning per client, and no method is refused.

A method is refused only when the string reads as Mastodon, is older than the
method, and the server's nodeinfo (asked once, at that moment) does not name
other software.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar
from urllib.parse import urlsplit

from .errors import MastodonError, MastodonNetworkError, MastodonServerError, MastodonVersionError

__all__ = [
    "MASTODON_FAMILY",
    "SUPPORTED_VERSION",
    "VERSION_CHECK_MODES",
    "ServerInfo",
    "ServerSoftware",
    "Version",
    "VersionReading",
    "api_version",
    "format_version",
    "parse_version",
    "read_version_string",
]

log = logging.getLogger("mastodon")

Version = tuple[int, int, int]

#: The newest Mastodon version whose API this package implements.
SUPPORTED_VERSION = "4.6.0"

#: What ``version_check_mode`` may be: check the version a method was added in,
#: the version it last changed in, or nothing.
VERSION_CHECK_MODES = ("created", "changed", "none")

#: Software names (nodeinfo's ``software.name``, lower case) of Mastodon and of
#: the forks that keep Mastodon's version numbers: version checks apply to them.
MASTODON_FAMILY = frozenset({"mastodon", "glitch-soc", "glitchsoc", "hometown", "fedibird", "chuckya"})

# At most 30 ASCII digits a part: more than any release needs, and int() stays
# cheap and safe. Compiled on first use (through re's own cache), not at import.
_VERSION = r"\s*v?([0-9]{1,30})(?![0-9])(?:\.([0-9]{1,30})(?![0-9]))?(?:\.([0-9]{1,30})(?![0-9]))?"
# "(compatible; Akkoma 3.13.2)", "(compatible; Iceshrimp.NET/2024.1)", "(not true; really snac/2.52)"
_NAMED_IN_PARENS = r"\((?:compatible|not true);\s*(?:really\s+)?([A-Za-z][\w.\-]{0,60})(?:[\s/]+([^\s;()]{0,80}))?"
# "takahe/0.11.0"
_NAME_SLASH_VERSION = r"\s*([A-Za-z][\w.\-]{0,60})/(\S{1,80})"
# GoToSocial's Mastodon-style string puts its own version after the "+": "3.5.3+0.20.0-rc1"
_GOTOSOCIAL_AFTER_PLUS = r"\+v?0\.[0-9]"
# The nodeinfo 2.x schemas, newest first.
_NODEINFO_SCHEMAS = (
    "http://nodeinfo.diaspora.software/ns/schema/2.2",
    "http://nodeinfo.diaspora.software/ns/schema/2.1",
    "http://nodeinfo.diaspora.software/ns/schema/2.0",
)

F = TypeVar("F", bound=Callable[..., Any])


class ServerSoftware(NamedTuple):
    """Which software a server runs, as :meth:`Mastodon.server_software` reports it."""

    #: The software's name in lower case, as the server gives it in nodeinfo
    #: (``"mastodon"``, ``"gotosocial"``, ``"akkoma"``...); ``"unknown"`` when
    #: the server does not say.
    name: str
    #: The software's own version (``"4.4.0"``, ``"0.20.0"``, ``"3.13.2"``),
    #: without build details after a ``+``; ``""`` when unknown.
    version: str


class VersionReading:
    """What an instance's version string says (see :func:`read_version_string`).

    A plain class rather than a named tuple: building one of those costs every
    program that imports the package a few hundred microseconds.
    """

    __slots__ = ("checked", "mastodon", "readable", "software")

    def __init__(self, software: ServerSoftware, mastodon: Version | None, checked: bool, readable: bool) -> None:
        #: The software the string names, or ``mastodon`` for Mastodon's own numbers.
        self.software = software
        #: The Mastodon version the string claims (``(2, 7, 2)`` for Pleroma's
        #: ``2.7.2 (compatible; Pleroma 2.5.0)``), or ``None`` when it claims none.
        self.mastodon = mastodon
        #: Whether ``@api_version`` checks apply: Mastodon and forks with its numbers.
        self.checked = checked
        #: False when no version could be read from the string at all.
        self.readable = readable

    def __repr__(self) -> str:
        return f"VersionReading({self.software!r}, {self.mastodon!r}, checked={self.checked}, readable={self.readable})"


UNREADABLE = VersionReading(ServerSoftware("unknown", ""), None, False, False)


def parse_version(text: object) -> Version:
    """Read the leading ``major.minor.patch`` of a version string.

    Forks append their own details; only the leading triple counts. A value
    with no version in it (not a string, empty, garbage) gives the newest
    supported version, so that nothing is refused because of an odd server.
    Never raises.
    """
    match = re.match(_VERSION, text) if isinstance(text, str) else None
    if match is None:
        return _parsed(SUPPORTED_VERSION)
    major, minor, patch = (int(part) if part else 0 for part in match.groups())
    return (major, minor, patch)


def format_version(version: Version) -> str:
    """``(4, 2, 0)`` -> ``"4.2.0"``."""
    return ".".join(str(part) for part in version)


def _release(text: str) -> str:
    """A software version as people write it: no leading ``v``, nothing after a
    space, no build details after a ``+`` (``"v0.20.0+git"`` -> ``"0.20.0"``)."""
    words = text.strip().split(maxsplit=1)
    version = words[0] if words else ""
    if version[:1] in ("v", "V") and version[1:2].isdigit():
        version = version[1:]
    return version.partition("+")[0]


def read_version_string(text: object) -> VersionReading:
    """Read an instance's ``version`` field: which software, which Mastodon
    version it claims, and whether version checks apply (see the module's
    description). Never raises."""
    if not isinstance(text, str):
        return UNREADABLE
    named = re.search(_NAMED_IN_PARENS, text) or re.match(_NAME_SLASH_VERSION, text)
    lead = re.match(_VERSION, text)
    claimed = parse_version(text) if lead else None
    if named:
        name = named.group(1).lower()
        checked = name in MASTODON_FAMILY and claimed is not None
        return VersionReading(ServerSoftware(name, _release(named.group(2) or "")), claimed, checked, True)
    if claimed is None or lead is None:
        return UNREADABLE
    rest = text[lead.end() :]
    if re.match(_GOTOSOCIAL_AFTER_PLUS, rest):
        return VersionReading(ServerSoftware("gotosocial", _release(rest[1:])), claimed, False, True)
    if claimed[0] == 0:
        return VersionReading(ServerSoftware("gotosocial", _release(text)), None, False, True)
    return VersionReading(ServerSoftware("mastodon", _release(text)), claimed, True, True)


def _software_version(text: object) -> str:
    """The software's own version from nodeinfo's ``software.version``, read
    like an instance's version string: servers that copy their Mastodon-style
    string there (``3.5.3+0.20.0``, ``(compatible; Akkoma 3.13.2)``) give their
    own version inside it."""
    if not isinstance(text, str):
        return ""
    reading = read_version_string(text)
    return reading.software.version if reading.readable and reading.software.name != "mastodon" else _release(text)


def _transient(exc: MastodonError) -> bool:
    """A failure worth trying again later: the network, or a 5xx answer."""
    return isinstance(exc, (MastodonNetworkError, MastodonServerError))


class ServerInfo:
    """What one client knows about its server, learned on first need and kept.

    Learning is thread-safe: however many threads need the same fact at once,
    the server is asked once. A failure on the network or a 5xx answer while
    learning is raised to the caller and nothing is kept, so the next call asks
    again; an answer that says "not here" (a 404, a page that is not JSON) is
    remembered.

    :param get: ``get(path, use_auth)`` fetches a path of the API (or an
        absolute URL) and returns the decoded answer; the request core passes
        its own GET, so these requests are rate limited, retried and mapped to
        errors like any other.
    """

    def __init__(self, get: Callable[[str, bool], Any]) -> None:
        self._get = get
        self._lock = threading.RLock()
        self._instance: Any = None
        self._reading: VersionReading | None = None
        self._given = False
        self._software: ServerSoftware | None = None
        self._oauth: dict[str, Any] | None = None
        self._warned = False
        #: The ``api_versions.mastodon`` number the instance reports (4.3+), if any.
        self.api_version: int | None = None

    # -- the instance -----------------------------------------------------------------

    def instance(self) -> Any:
        """The instance entity, v2 when the server has it, else v1 (fetched once)."""
        with self._lock:
            if self._instance is None:
                try:
                    info = self._get("/api/v2/instance", True)
                except MastodonError as exc:
                    if getattr(exc, "status_code", None) not in (404, 410):
                        raise
                    info = self._get("/api/v1/instance", True)
                self._instance = info
            return self._instance

    def clear(self) -> None:
        """Forget everything learned: it is asked for again when needed."""
        with self._lock:
            self._instance = None
            self._reading = None
            self._given = False
            self._software = None
            self._oauth = None

    # -- the version ------------------------------------------------------------------

    def reading(self) -> VersionReading:
        """What the server's version string says; asks the server the first time.

        :raises MastodonNetworkError: (or a 5xx error) when the server could not
            be asked; nothing is kept, the next call asks again.
        """
        reading = self._reading
        if reading is None:
            with self._lock:
                reading = self._reading
                if reading is None:
                    reading = self._reading = self._read_server()
        return reading

    def version(self) -> Version:
        """The Mastodon version the server claims, or the newest supported one
        when it claims none; asks the server the first time."""
        return _assumed(self.reading())

    def set_version(self, text: object) -> None:
        """Take ``text`` as the server's version string without asking it (the
        constructor's ``mastodon_version``): trusted, never checked against nodeinfo."""
        with self._lock:
            self._reading = self._note(read_version_string(text), text)
            self._given = True

    def refresh_version(self, fail_hard: bool = False) -> Version:
        """Ask the server for its version again and keep it.

        :param fail_hard: raise when the server cannot be asked; otherwise a
            warning is logged and the version known before is returned, or, when
            none is, the newest supported version, which is not kept (the next
            call that needs the version asks again).
        """
        with self._lock:
            self._instance = None
            try:
                reading = self._read_server()
            except MastodonError as exc:
                if fail_hard:
                    raise
                known = self._reading
                log.warning("could not read the server's version (%s); going on with %s", exc, "the one known" if known else "the newest")
                return _assumed(known) if known is not None else _parsed(SUPPORTED_VERSION)
            self._reading = reading
            self._given = False
            return _assumed(reading)

    def at_least(self, version: str, cached: bool = False) -> bool:
        """Whether the server claims Mastodon ``version`` or newer.

        :param cached: use the version already known, if any, instead of asking again.
        """
        have = self.version() if cached and self._reading is not None else self.refresh_version()
        return have >= parse_version(version)

    def _read_server(self) -> VersionReading:
        try:
            info = self.instance()
        except MastodonError as exc:
            if _transient(exc):
                raise
            if not self._warned:
                self._warned = True
                log.warning("the server did not describe itself (%s); no method is refused for its version", exc)
            return UNREADABLE
        text = info.get("version") if isinstance(info, dict) else None
        api_versions = info.get("api_versions") if isinstance(info, dict) else None
        if isinstance(api_versions, dict) and isinstance(api_versions.get("mastodon"), int):
            self.api_version = api_versions["mastodon"]
        return self._note(read_version_string(text), text)

    def _note(self, reading: VersionReading, text: object) -> VersionReading:
        """Warn, once per client, about a version string that cannot be read."""
        if not reading.readable and not self._warned:
            self._warned = True
            log.warning("cannot read a version from %.80r; no method is refused for its version", text)
        return reading

    # -- the software -------------------------------------------------------------------

    def software(self) -> ServerSoftware:
        """Which software the server runs: nodeinfo's ``software``, else what the
        instance's version string says (asked once, then kept)."""
        with self._lock:
            if self._software is None:
                self._software = self._nodeinfo_software() or self.reading().software
            return self._software

    def _nodeinfo_software(self) -> ServerSoftware | None:
        try:
            listing = self._get("/.well-known/nodeinfo", False)
            href = _nodeinfo_href(listing)
            document = self._get(href, False) if href else None
        except MastodonError as exc:
            if _transient(exc):
                raise
            log.debug("no nodeinfo (%s); reading the software from the instance's version", exc)
            return None
        software = document.get("software") if isinstance(document, dict) else None
        if not isinstance(software, dict) or not isinstance(software.get("name"), str) or not software["name"].strip():
            return None
        return ServerSoftware(software["name"].strip().lower(), _software_version(software.get("version")))

    # -- OAuth server metadata ----------------------------------------------------------

    def oauth_metadata(self) -> dict[str, Any]:
        """The server's ``/.well-known/oauth-authorization-server`` document
        (RFC 8414), or ``{}`` when it publishes none (fetched once)."""
        with self._lock:
            if self._oauth is None:
                try:
                    document = self._get("/.well-known/oauth-authorization-server", False)
                except MastodonError as exc:
                    if _transient(exc):
                        raise
                    log.debug("no OAuth server metadata (%s); using the default endpoints", exc)
                    document = None
                self._oauth = document if isinstance(document, dict) else {}
            return self._oauth

    # -- the gate ---------------------------------------------------------------------

    def check(self, method: str, mode: str, created: str, changed: str) -> None:
        """Refuse a call the server is too old for, by ``mode`` (see :data:`VERSION_CHECK_MODES`).

        Only servers whose version string reads as Mastodon are checked; before
        refusing, a server-reported version is confirmed with nodeinfo, and a
        server whose nodeinfo names other software is not checked again.

        :raises MastodonVersionError: naming the method, both of its versions and the server's.
        """
        if mode == "none":
            return
        reading = self.reading()
        if not reading.checked or reading.mastodon is None:
            return
        needed = _parsed(changed if mode == "changed" else created)
        if reading.mastodon >= needed or not self._is_mastodon():
            return
        raise MastodonVersionError(
            f"{method}() needs Mastodon {format_version(needed)} "
            f"(added in {created}, last changed in {changed}); "
            f"the server runs {format_version(reading.mastodon)}"
        )

    def _is_mastodon(self) -> bool:
        """Whether a server whose version reads as Mastodon's really is Mastodon
        (or a fork with its numbers). A version the user gave is taken as said."""
        if self._given:
            return True
        software = self.software()
        if software.name in MASTODON_FAMILY or software.name == "unknown":
            return True
        with self._lock:
            reading = self._reading
            if reading is not None:
                self._reading = VersionReading(reading.software, reading.mastodon, False, reading.readable)
        log.info("the server runs %s %s: no method is refused for its version", software.name, software.version)
        return False


def _nodeinfo_href(listing: Any) -> str | None:
    """Where the newest nodeinfo 2.x document a ``/.well-known/nodeinfo`` listing
    names is: an absolute http(s) URL, or a path on the instance."""
    links = listing.get("links") if isinstance(listing, dict) else None
    found = {
        link["rel"]: link["href"]
        for link in (links if isinstance(links, list) else [])
        if isinstance(link, dict) and isinstance(link.get("rel"), str) and isinstance(link.get("href"), str)
    }
    for schema in _NODEINFO_SCHEMAS:
        if schema in found:
            href = str(found[schema])
            if href.startswith("/") and not href.startswith("//"):
                return href
            return href if urlsplit(href).scheme in ("http", "https") else None
    return None


def _assumed(reading: VersionReading) -> Version:
    """The Mastodon version a reading claims, or the newest supported one."""
    return reading.mastodon if reading.mastodon is not None else _parsed(SUPPORTED_VERSION)


# The few version strings the decorators name, each parsed the first time a check
# needs it: some 300 methods are decorated while `import mastodon` runs, and most
# programs never check a version.
_PARSED: dict[str, Version] = {}


def _parsed(text: str) -> Version:
    version = _PARSED.get(text)
    if version is None:
        version = _PARSED[text] = parse_version(text)
    return version


if TYPE_CHECKING:  # for the type checker only: a Protocol class costs import time

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
