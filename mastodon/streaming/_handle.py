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
    The attributes scripts for the classic client read are here too:
    ``closed``, ``running``, ``connection`` and ``reconnecting``; ``error``
    holds what stopped the stream for good.
    """

    #: What the log and error messages call this kind of connection.
    _kind = "stream"

    def __init__(self, reconnect: bool = False, backoff: Backoff | None = None) -> None:
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connected = False
        self._thread: threading.Thread | None = None
        self._got_data = False
        self.backoff = backoff or Backoff(0.0)
        self.reconnect_async = reconnect  #: reconnect when the connection ends or fails (4xx answers excepted)
        self.reconnects = 0  #: how many times the connection was re-opened
        self.reconnecting = False  #: True from a failure until the next connection is open
        self.error: MastodonError | None = None  #: the failure that stopped the stream for good, if one did
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

    @property
    def running(self) -> bool:
        """True while the background thread runs: the same as :meth:`is_alive`."""
        return self.is_alive()

    @property
    def connection(self) -> Any:
        """The open connection (transport-specific), or ``None`` between connections."""
        return None

    # -- the loop ---------------------------------------------------------------------------

    def _start(self, name: str, daemon: bool) -> None:
        def run() -> None:
            try:
                self._run()
            except BaseException:  # nothing may escape a streaming thread
                log.exception("streaming thread %s failed", name)
            finally:
                self._connected = False
                self.reconnecting = False

        self._thread = threading.Thread(target=run, name=name, daemon=daemon)
        self._thread.start()

    def _run(self) -> None:
        """Connect and read; when the connection ends or fails, report it and reconnect
        after a backoff wait, or stop for good."""
        first = True
        while not self._closed.is_set():
            self._got_data = False
            failure: MastodonError | None = None
            reading = False
            try:
                if not self._connect():
                    return  # closed while connecting
                self.reconnecting = False
                self._after_connect(first)
                first = False
                reading = True
                self._read()
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none escapes
                if self._closed.is_set():
                    return
                failure = self._report(exc, reading)
            finally:
                self._disconnect()
            if not self._wait_to_reconnect(failure):
                return
            self.reconnects += 1

    def _report(self, exc: Exception, reading: bool) -> MastodonError:
        """Log a failure and tell the listeners (unless the reader already did); return it
        as a :class:`MastodonError`."""
        failure = exc if isinstance(exc, MastodonError) else MastodonNetworkError(f"{self._kind} failed: {exc!r}")
        log.info("%s aborted: %s", self._kind, failure)
        if not (reading and self._reports_own_failures()):
            self._abort(failure)
        return failure

    def _wait_to_reconnect(self, failure: MastodonError | None) -> bool:
        """After a connection ended (``failure`` is ``None`` when the server ended it):
        wait the backoff and return True to reconnect, or return False to stop the
        thread (closed, reconnecting is off, or the failure is one reconnecting cannot fix)."""
        if self._closed.is_set():
            return False
        if failure is None:
            log.info("the server ended the %s", self._kind)
        if not self.reconnect_async or (failure is not None and is_fatal(failure)):
            self._stop(failure)
            return False
        self.reconnecting = True
        if self._got_data:
            self.backoff.reset()
        return not self._closed.wait(self.backoff.next_delay())

    def _stop(self, failure: MastodonError | None) -> None:
        """The stream ends for good, not by close(): keep the error and say so where it is seen."""
        self.error = failure
        if failure is None:
            log.warning("the server ended the %s and reconnect_async is off: the %s has stopped", self._kind, self._kind)
        elif self.reconnect_async:
            log.warning("the %s has stopped for good, as reconnecting cannot help: %s", self._kind, failure)
        else:
            log.warning("the %s has stopped (reconnect_async is off): %s", self._kind, failure)

    # -- what a transport provides ------------------------------------------------------

    def _connect(self) -> bool:
        """Open a connection unless one is open; False if the handle was closed meanwhile."""
        raise NotImplementedError

    def _after_connect(self, first: bool) -> None:
        """Catch up on what was missed, once connected."""

    def _read(self) -> None:
        """Read and dispatch until the server ends the connection (return) or it fails (raise)."""
        raise NotImplementedError

    def _reports_own_failures(self) -> bool:
        """True if failures raised by :meth:`_read` already reached the listeners."""
        return False

    def _abort(self, err: MastodonError) -> None:
        """Tell the listeners about a failure."""

    def _disconnect(self) -> None:
        """Drop the connection, if any."""

    def _interrupt(self) -> None:
        """Wake the thread from a blocking read."""
