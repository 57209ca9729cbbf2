"""The two kinds of client the worker drives: raw baselines and a library.

Raw baselines are what a user would write by hand with ``requests``,
``json`` and a socket. :class:`LibraryClient` drives whichever package is
importable as ``mastodon`` (pytooter, or Mastodon.py inside a comparison
venv) through its public API only; the single exception is the body-to-value
decoder of figure 1 (and, for pytooter, its standard-library decoder for
figure 1b), which no public API exposes on its own.
"""

from __future__ import annotations

import importlib
import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from .timing import BenchError

HOME = "/api/v1/timelines/home"
STREAM = "/api/v1/streaming/user"
READ_SIZE = 64 * 1024


# raw baselines ---------------------------------------------------------------


class RawClient:
    """``requests`` and ``json`` used directly, one keep-alive session."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def timeline_home(self) -> list[Any]:
        result: list[Any] = self.session.get(self.base_url + HOME, params={"limit": 40}).json()
        return result

    def follow_next(self, first_url: str) -> tuple[list[Any], int]:
        """Every status from ``first_url`` on, following ``Link: rel="next"``; also the request count."""
        statuses: list[Any] = []
        url: str | None = first_url
        requests_made = 0
        while url:
            response = self.session.get(url)
            statuses.extend(response.json())
            requests_made += 1
            url = response.links.get("next", {}).get("url")
        return statuses, requests_made

    def stream(self) -> int:
        """Read the SSE stream in 64 KiB chunks, split lines, ``json.loads`` each update."""
        address = urlsplit(self.base_url)
        host, port = address.hostname or "127.0.0.1", address.port or 80
        request = f"GET {STREAM} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {self.token}\r\nAccept: text/event-stream\r\n\r\n"
        updates = 0
        with socket.create_connection((host, port)) as connection:
            connection.sendall(request.encode("ascii"))
            pending = _read_head(connection)
            event = b""
            data: list[bytes] = []
            while True:
                lines = pending.split(b"\n")
                pending = lines.pop()
                for line in lines:
                    if not line:
                        if event == b"update" and data:
                            json.loads(b"\n".join(data))
                            updates += 1
                        event, data = b"", []
                    elif line.startswith(b"data: "):
                        data.append(line[6:])
                    elif line.startswith(b"event: "):
                        event = line[7:]
                chunk = connection.recv(READ_SIZE)
                if not chunk:
                    break
                pending += chunk
        return updates


# library clients --------------------------------------------------------------


class LibraryClient:
    """pytooter or Mastodon.py, whichever ``import mastodon`` finds."""

    def __init__(self, kind: str, base_url: str, token: str) -> None:
        self.kind = kind
        self.module = importlib.import_module("mastodon")
        self.version = _library_version(kind, self.module)
        self.major = int(self.version.split(".")[0]) if self.version[:1].isdigit() else 0
        self.api = self._connect(base_url, token)

    def _connect(self, base_url: str, token: str) -> Any:
        mastodon_class = self.module.Mastodon
        if self.kind == "pytooter":
            return mastodon_class(access_token=token, api_base_url=base_url, mastodon_version="4.5.0")
        version = "3.0.0" if self.major < 2 else "4.5.0"
        return mastodon_class(access_token=token, api_base_url=base_url, mastodon_version=version, version_check_mode="none")

    @property
    def location(self) -> str:
        return str(getattr(self.module, "__file__", "?"))

    def decoder(self, stdlib: bool = False) -> Callable[[bytes], Any]:
        """The library's own body-to-return-value path for a timeline page.

        ``stdlib``: pytooter's standard-library decoder even when orjson is installed
        (Mastodon.py has only one decoder).
        """
        if self.kind == "pytooter":
            types_module = importlib.import_module("mastodon.types")
            decode: Callable[[bytes], Any] = types_module._decode_stdlib if stdlib else types_module.decode_json
            return decode
        if self.major < 2:
            # Mastodon.py 1.x: __api_request calls response.json(object_hook=self.__json_hooks).
            hooks = self.module.Mastodon._Mastodon__json_hooks
            return lambda body: json.loads(body, object_hook=hooks)
        # Mastodon.py 2.x: response.json(), then try_cast_recurse to the caller's
        # return annotation, which for timeline_home is PaginatableList[Status].
        return_types = importlib.import_module("mastodon.return_types")
        cast = return_types.try_cast_recurse
        page_type = return_types.PaginatableList[return_types.Status]
        return lambda body: cast(page_type, json.loads(body))

    def json_backend(self, stdlib: bool = False) -> str:
        """The JSON library :meth:`decoder` ends up using: "orjson" or "json"."""
        if self.kind == "pytooter" and not stdlib:
            which = getattr(importlib.import_module("mastodon.types"), "_json_backend", None)
            return str(which()) if which is not None else "json"
        return "json"

    def timeline_home(self, max_id: str | None = None) -> Any:
        if max_id is None:
            return self.api.timeline_home(limit=40)
        return self.api.timeline_home(limit=40, max_id=max_id)

    def fetch_remaining(self, first_page: Any) -> Any:
        return self.api.fetch_remaining(first_page)

    def stream(self, expected: int) -> int:
        """Run ``stream_user`` until the server closes; return the updates seen."""
        module = self.module
        counter = _make_counting_listener(module.StreamListener, expected)
        try:
            self.api.stream_user(counter)
        except module.MastodonError:
            pass  # how some versions report the end of the stream
        except _StreamOverrunError:
            raise BenchError("stream_user kept reading after the server closed the stream") from None
        updates: int = counter.count
        return updates


def module_inside(location: str, repo: Path) -> bool:
    """Whether a module file lies inside the ``repo`` checkout."""
    return repo.resolve() in Path(location).resolve().parents


class _StreamOverrunError(Exception):
    """Raised from the listener if the library reconnected after the stream ended."""


def _make_counting_listener(base: type, expected: int) -> Any:
    class CountingListener(base):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def on_update(self, status: Any) -> None:
            self.count += 1
            if self.count > expected:
                raise _StreamOverrunError

    return CountingListener()


def _library_version(kind: str, module: Any) -> str:
    from importlib import metadata

    if kind == "mastodonpy":
        try:
            return metadata.version("Mastodon.py")
        except metadata.PackageNotFoundError:
            pass
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    try:
        return metadata.version("pytooter")
    except metadata.PackageNotFoundError:
        return "unknown"


def _read_head(connection: socket.socket) -> bytes:
    """Read up to the end of a 200 response's headers; return what came after them."""
    pending = b""
    while b"\r\n\r\n" not in pending:
        chunk = connection.recv(READ_SIZE)
        if not chunk:
            raise BenchError("stream closed before the response headers")
        pending += chunk
    head, pending = pending.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 200"):
        raise BenchError(f"stream answered {head.splitlines()[0]!r}")
    return pending
