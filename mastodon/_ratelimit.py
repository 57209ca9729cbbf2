"""Client-side rate limiting, shared safely between threads.

One :class:`RateLimiter` belongs to each client. Every request holds a slot
while it is sent (``with limiter.slot() as slot:``): taking it waits until the
request may go, and the response's ``X-RateLimit-*`` headers, set on the slot,
are taken in when it is given back. All state sits behind one lock; sleeping
happens outside it, through the client's :class:`~mastodon._clock.Clock`.
"""

from __future__ import annotations

import email.utils
import logging
import threading
from collections.abc import Mapping
from datetime import datetime, timezone
from types import TracebackType

from ._clock import SYSTEM_CLOCK, Clock

__all__ = ["RATELIMIT_METHODS", "WAIT_WARNING_SECONDS", "RateLimiter", "Slot"]

log = logging.getLogger("mastodon")

RATELIMIT_METHODS = ("throw", "wait", "pace")

#: Waits for the rate limit longer than this many seconds are logged at WARNING,
#: with their length, before they start: a program that stops for minutes should say why.
WAIT_WARNING_SECONDS = 5.0

# Mastodon's documented default: 300 requests per 5 minutes.
_DEFAULT_LIMIT = 300
# The Date header has a resolution of one second: smaller differences between the
# server's clock and ours are noise, not skew, and are ignored.
_SKEW_THRESHOLD = 2.0
# Added to every wait for a reset so the request lands after it, not just before.
_RESET_MARGIN = 0.02
# Reset times closer than this belong to the same window.
_SAME_WINDOW = 0.01
# Mastodon's windows are 5 minutes long (a day for a few endpoints); a reset further
# ahead than this is a broken header, not a reason to park the caller.
_MAX_RESET_AHEAD = 86400.0 + 60.0
# A waiting thread re-checks at least this often (the reset may move earlier).
_MAX_SINGLE_WAIT = 5.0


class RateLimiter:
    """Tracks the server's rate limit and decides how long a request must wait."""

    def __init__(
        self,
        method: str = "wait",
        pacefactor: float = 1.1,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.method = method
        self.pacefactor = pacefactor
        #: Where the limiter reads the time and sleeps (the client's clock).
        self.clock = clock
        self._lock = threading.Lock()
        now = clock.time()
        self.remaining = _DEFAULT_LIMIT
        self.limit = _DEFAULT_LIMIT
        self.reset = now
        self.lastcall = now
        self._next_slot = now
        self._in_flight = 0
        # Each claim gets the next ticket; _window_ticket is that of the answer
        # whose headers set the current window (see update).
        self._tickets = 0
        self._window_ticket = 0

    # -- around a request ---------------------------------------------------------

    def slot(self) -> Slot:
        """Wait until a request may be sent and claim its place.

        Use it as a context manager around sending; set the slot's ``headers``
        to the response's once they arrive, and they are taken in on leaving::

            with limiter.slot() as slot:
                response = session.request(...)
                slot.headers = response.headers
        """
        return Slot(self, self.acquire())

    def acquire(self) -> int:
        """Wait until a request may be sent without exceeding the limit, and claim it.

        Every claim must be followed by one :meth:`done` call (:meth:`slot` does both).

        :returns: the claim's ticket, for :meth:`done`: tickets count up in the
            order requests are sent.
        """
        if self.method == "throw":
            with self._lock:
                self._in_flight += 1
                self._tickets += 1
                return self._tickets
        announced = False
        while True:
            with self._lock:
                now = self.clock.time()
                if self.remaining <= 0 and self.reset + _RESET_MARGIN <= now:
                    # The window we knew of is over and no newer headers arrived
                    # yet: assume a fresh window rather than waiting on a stale reset.
                    self.remaining = self.limit
                if self.remaining > 0:
                    start = now
                    if self.method == "pace" and self.reset > now:
                        interval = (self.reset - now) / self.remaining / self.pacefactor
                        start = max(now, self._next_slot)
                        self._next_slot = start + interval
                    self.remaining -= 1
                    self._in_flight += 1
                    self._tickets += 1
                    ticket = self._tickets
                    break
                wake = self.reset + _RESET_MARGIN
            if not announced:
                announced = True
                _announce(wake - now, "the rate limit is used up: waiting %.1f s for it to reset")
            self.clock.sleep(min(wake - now, _MAX_SINGLE_WAIT))
        if start > now:
            _announce(start - now, "pacing requests to the rate limit: waiting %.1f s")
            self.clock.sleep(start - now)
        return ticket

    # -- after a response ---------------------------------------------------------

    def done(self, headers: Mapping[str, str] | None, ticket: int | None = None) -> None:
        """Release a claim; take in the response's ``X-RateLimit-*`` headers if any.

        :param ticket: the claim's ticket, from :meth:`acquire`.
        """
        with self._lock:
            self._in_flight = max(0, self._in_flight - 1)
        if headers is not None:
            self.update(headers, ticket)

    def update(self, headers: Mapping[str, str], ticket: int | None = None) -> None:
        """Take in the ``X-RateLimit-*`` headers of a response (all optional).

        A reset earlier than the current one is a new, shorter window when the
        request was sent after the one whose answer set the current window (the
        server changed its limits, or the endpoint has a window of its own), and
        a late answer from an earlier window otherwise, which is ignored.

        :param ticket: the ticket of the request the response answers (see
            :meth:`acquire`); ``None`` counts as the latest.
        """
        remaining = _int_header(headers.get("X-RateLimit-Remaining"))
        limit = _int_header(headers.get("X-RateLimit-Limit"))
        reset = _time_header(headers.get("X-RateLimit-Reset"))
        if remaining is None and limit is None and reset is None:
            return
        now = self.clock.time()
        if reset is not None:
            reset -= _clock_skew(headers.get("Date"), now)
            if reset - now > _MAX_RESET_AHEAD:
                log.warning("ignoring X-RateLimit-Reset %.0f s ahead: no server window is that long", reset - now)
                reset = None
        with self._lock:
            self.lastcall = now
            if limit is not None and limit > 0:
                self.limit = limit
            if remaining is None:
                if reset is not None and reset > self.reset:
                    self.reset = reset
                return
            # Requests still on their way may not be counted in this header yet:
            # count them as used, so that concurrent threads never overshoot.
            available = remaining - self._in_flight
            ticket = self._tickets if ticket is None else ticket
            if reset is None:
                self.remaining = available
            elif reset > self.reset + _SAME_WINDOW or (reset < self.reset - _SAME_WINDOW and ticket > self._window_ticket):
                self.reset = reset
                self.remaining = available
                self._next_slot = now
                self._window_ticket = ticket
            elif reset >= self.reset - _SAME_WINDOW:
                self.remaining = min(self.remaining, available)
                self._window_ticket = max(self._window_ticket, ticket)
            # else: an answer from an earlier window that arrived late; ignore it.

    def set_state(
        self, *, remaining: int | None = None, limit: int | None = None, reset: float | None = None, lastcall: float | None = None
    ) -> None:
        """Set the tracked values by hand (the client's ``ratelimit_*`` attributes);
        the next answer's headers replace them."""
        with self._lock:
            if remaining is not None:
                self.remaining = remaining
            if limit is not None:
                self.limit = limit
            if reset is not None:
                self.reset = reset
                self._next_slot = min(self._next_slot, reset)
            if lastcall is not None:
                self.lastcall = lastcall

    def wait_after_429(self, headers: Mapping[str, str], attempt: int) -> float:
        """How long to sleep after a 429 before trying again.

        Uses ``Retry-After`` when sent, else the reset time, else a short backoff;
        never more than what the server asked for plus a small margin.
        """
        now = self.clock.time()
        retry_after = _retry_after(headers.get("Retry-After"), now)
        with self._lock:
            self.remaining = 0
            if retry_after is not None:
                self.reset = max(now + retry_after, self.reset if self.reset > now else 0.0)
                return retry_after + _RESET_MARGIN
            if self.reset > now:
                return self.reset - now + _RESET_MARGIN
        return float(min(2**attempt, 30))


class Slot:
    """One request's claim on the rate limit (see :meth:`RateLimiter.slot`)."""

    __slots__ = ("_limiter", "_ticket", "headers")

    def __init__(self, limiter: RateLimiter, ticket: int | None = None) -> None:
        self._limiter = limiter
        self._ticket = ticket
        #: The response's headers, once it has arrived; ``None`` if it never did.
        self.headers: Mapping[str, str] | None = None

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._limiter.done(self.headers, self._ticket)


def _announce(seconds: float, message: str) -> None:
    """Log a wait before it starts: at WARNING when it is long, else at DEBUG."""
    log.log(logging.WARNING if seconds > WAIT_WARNING_SECONDS else logging.DEBUG, message, seconds)


def _int_header(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _time_header(value: str | None) -> float | None:
    """X-RateLimit-Reset: ISO 8601 (Mastodon), or epoch seconds (some forks)."""
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            log.debug("ignoring unreadable X-RateLimit-Reset %r", value)
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def _clock_skew(date_header: str | None, now: float) -> float:
    if not date_header:
        return 0.0
    try:
        server_now = email.utils.parsedate_to_datetime(date_header).timestamp()
    except (TypeError, ValueError):
        return 0.0
    skew = server_now - now
    return skew if abs(skew) >= _SKEW_THRESHOLD else 0.0


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None
