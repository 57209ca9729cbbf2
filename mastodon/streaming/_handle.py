"""The background stream handle: one thread, one reconnect-with-backoff loop.

:class:`StreamHandle` owns the thread and the loop; a transport (server-sent
events in ``_sse.py``, WebSocket in ``_websocket.py``) subclasses it and fills
in four steps: connect, catch up after connecting, read until the connection
fails, and drop the connection.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import Any

from ..errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServerError,
)

log = logging.getLogger("mastodon")


class Backoff:
    """Exponential backoff with full jitter, for reconnecting.

    The n-th wait after consecutive failures is a uniform random time between 0
    and ``min(cap, initial * 2**n)``; :meth:`reset` starts over (called once a
    connection delivered data).

    :param initial: the first wait's upper bound in seconds (``reconnect_async_wait_sec``).
    :param cap: the largest wait in seconds.
    :param rng: the random source (tests pass a seeded one).
    """

    def __init__(self, initial: float, cap: float = 60.0, rng: random.Random | None = None) -> None:
        if initial < 0 or cap < 0:
            raise ValueError("backoff waits must not be negative")
        self.initial = float(initial)
        self.cap = max(float(cap), self.initial)
        self.failures = 0
        self._rng = rng or random.Random()
        self._lock = threading.Lock()

    def next_delay(self) -> float:
        """The next wait, in seconds; each call doubles the bound up to the cap."""
        with self._lock:
            bound = min(self.cap, self.initial * (2 ** min(self.failures, 62)))
            self.failures += 1
            return self._rng.uniform(0.0, bound)

    def reset(self) -> None:
        """Forget past failures."""
        with self._lock:
            self.failures = 0


def is_fatal(err: BaseException) -> bool:
    """Errors a reconnect cannot fix: the server refused the request itself (4xx)."""
    return (
        isinstance(err, MastodonAPIError)
        and not isinstance(err, (MastodonServerError, MastodonRatelimitError))
        and getattr(err, "status_code", None) not in (408, 425, 429)
    )


def safe_call(what: str, func: Callable[..., Any], *args: Any) -> None:
    """Call a listener method from a streaming thread; log what it raises."""
    try:
        func(*args)
    except Exception:
        log.exception("stream listener %s raised; the stream goes on", what)


class StreamHandle:
    """A stream running in a background thread.

    ``close()`` stops it (within a second), ``is_alive()`` tells whether the
    thread still runs, ``is_receiving()`` whether it is connected and reading
    right now (not waiting to reconnect), ``join()`` waits for it to end.
    """

    #: What the log and error messages call this kind of connection.
    _kind = "stream"

    def __init__(self, reconnect: bool = False, backoff: Backoff | None = None) -> None:
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connected = False
        self._thread: threading.Thread | None = None
        self._got_data = False
        self.reconnect_async = reconnect  #: reconnect after failures (4xx answers excepted)
        self.backoff = backoff or Backoff(0.0)
        self.reconnects = 0  #: how many times the connection was re-opened
        self.last_receive: float | None = None  #: monotonic time data last arrived

    def close(self) -> None:
        """Stop the stream: disconnect and let the thread end (waits up to a second)."""
        self._closed.set()
        self._interrupt()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread() and thread.is_alive():
            thread.join(1.0)

    def is_alive(self) -> bool:
        """True while the background thread runs (also while it waits to reconnect)."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def is_receiving(self) -> bool:
        """True while connected to the server and reading events."""
        return self.is_alive() and self._connected and not self._closed.is_set()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the background thread ends (or ``timeout`` seconds pass)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._closed.is_set()

    # -- the loop ---------------------------------------------------------------------------

    def _start(self, name: str, daemon: bool) -> None:
        def run() -> None:
            try:
                self._run()
            except BaseException:  # nothing may escape a streaming thread
                log.exception("streaming thread %s failed", name)
            finally:
                self._connected = False

        self._thread = threading.Thread(target=run, name=name, daemon=daemon)
        self._thread.start()

    def _run(self) -> None:
        """Connect, read, and on failure report it and reconnect after a backoff wait."""
        first = True
        while not self._closed.is_set():
            self._got_data = False
            try:
                if not self._connect():
                    return  # closed while connecting
                self._after_connect(first)
                first = False
                self._read()
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none escapes
                if self._closed.is_set():
                    return
                err = exc if isinstance(exc, MastodonError) else MastodonNetworkError(f"{self._kind} failed: {exc!r}")
                log.info("%s aborted: %s", self._kind, err)
                self._abort(err)
                if not self.reconnect_async or is_fatal(err):
                    return
            finally:
                self._disconnect()
            if self._got_data:
                self.backoff.reset()
            if self._closed.wait(self.backoff.next_delay()):
                return
            self.reconnects += 1

    # -- what a transport provides ------------------------------------------------------

    def _connect(self) -> bool:
        """Open a connection unless one is open; False if the handle was closed meanwhile."""
        raise NotImplementedError

    def _after_connect(self, first: bool) -> None:
        """Catch up on what was missed, once connected."""

    def _read(self) -> None:
        """Read and dispatch until the connection fails (by raising)."""
        raise NotImplementedError

    def _abort(self, err: MastodonError) -> None:
        """Tell the listeners about a failure."""

    def _disconnect(self) -> None:
        """Drop the connection, if any."""

    def _interrupt(self) -> None:
        """Wake the thread from a blocking read."""
