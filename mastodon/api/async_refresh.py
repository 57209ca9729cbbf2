"""Asynchronous refreshes the server runs in the background (experimental API).

Some answers (a thread's context, searches, timelines being rebuilt) can come
back incomplete while the server fetches more in the background. It then adds a
header to the answer::

    Mastodon-Async-Refresh: id="<refresh id>", retry=<seconds>, result_count=<n>

The refresh can be polled by its id until it is ``finished``, and the original
request repeated to get the fuller answer.

The request core records the header on the result it came with (see
:mod:`mastodon._results`), in the result's ``_async_refresh`` attribute: a
mapping with ``id``, ``retry``, ``result_count`` and, to repeat the request,
``method`` and ``url``. The methods here also accept the header's raw value.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from .._core import RequestCore
from .._results import ASYNC_REFRESH_HEADER, DEFAULT_RETRY, parse_async_refresh_header, refresh_seconds
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import AsyncRefresh, AttribAccessDict

__all__ = ["ASYNC_REFRESH_HEADER", "DEFAULT_RETRY", "AsyncRefreshMixin", "parse_async_refresh_header"]

log = logging.getLogger("mastodon")

_T = TypeVar("_T")

# The longest wait between polls accepted from the server's hint (a broken server
# should not park the caller).
MAX_RETRY = 300


def _details(result: Any) -> AttribAccessDict | None:
    """Everything known about the refresh behind ``result``, or ``None``."""
    raw = result if isinstance(result, str) else getattr(result, "_async_refresh", None)
    if raw is None:
        return None
    if isinstance(raw, str):
        return parse_async_refresh_header(raw)
    if isinstance(raw, Mapping) and raw.get("id"):
        info = AttribAccessDict(id=str(raw["id"]), retry=refresh_seconds(raw.get("retry")))
        for key in ("result_count", "method", "url"):
            if raw.get(key) is not None:
                info[key] = raw[key]
        return info
    raise MastodonIllegalArgumentError("the result's async refresh information has no 'id'")


class AsyncRefreshMixin(RequestCore):
    """Asynchronous refreshes the server runs in the background."""

    def get_async_refresh_info(self, result: Any) -> tuple[AsyncRefresh, int] | None:
        """Tell whether a result came with a background refresh, without asking the server.

        :param result: a result returned by another call, or the value of a
            ``Mastodon-Async-Refresh`` header as a string.
        :returns: ``(refresh, retry)``: an :class:`AsyncRefresh` (``id``,
            ``status`` ``"running"`` and, when known, ``result_count``) and the
            seconds the server asks to wait before checking again; ``None`` when
            there is no refresh.
        """
        info = _details(result)
        if info is None:
            return None
        refresh = AsyncRefresh(id=info["id"], status="running")
        if "result_count" in info:
            refresh["result_count"] = info["result_count"]
        return refresh, int(info["retry"])

    @api_version("4.4.0", "4.4.0")
    def get_async_refresh_status(self, result_or_id: Any) -> AsyncRefresh:
        """Ask the server how a background refresh is going.

        :param result_or_id: the refresh's id, an :class:`AsyncRefresh`, or a
            result that came with a refresh (see :meth:`get_async_refresh_info`).
        :returns: the :class:`AsyncRefresh`: ``status`` is ``"running"`` or
            ``"finished"``, and ``result_count`` (when present) counts what it
            has fetched so far.
        :raises MastodonNotFoundError: when the server knows no such refresh
            (they expire soon after finishing).
        """
        if isinstance(result_or_id, (str, int)) and not isinstance(result_or_id, bool):
            refresh_id: Any = result_or_id
        else:
            info = _details(result_or_id)
            refresh_id = info["id"] if info is not None else self._unpack_id(result_or_id, "result_or_id")
        answer = self._get(f"/api/v1_alpha/async_refreshes/{self._id(refresh_id, 'result_or_id')}", returns=AttribAccessDict)
        inner = answer.get("async_refresh") if isinstance(answer, Mapping) else None
        return cast(AsyncRefresh, inner if isinstance(inner, AttribAccessDict) else answer)

    @api_version("4.4.0", "4.4.0")
    def await_async_refresh(
        self,
        result: _T,
        timeout: float = 0.0,
        max_attempts: int = -1,
        *,
        poll_interval: float | None = None,
    ) -> _T | None:
        """Wait for a result's background refresh to finish, then fetch the result again.

        The refresh is polled with :meth:`get_async_refresh_status`, waiting
        between polls as long as the server asks (its ``retry`` hint) unless
        ``poll_interval`` says otherwise. Once it is finished the request that
        produced ``result`` is sent again (only GET requests are repeated) and
        its answer returned.

        :param result: a result that came with a refresh. Results without one
            are returned unchanged, at once.
        :param timeout: give up after this many seconds; ``0`` waits as long as
            it takes.
        :param max_attempts: give up after polling this many times; zero or
            negative for no limit.
        :param poll_interval: seconds between polls instead of the server's hint
            (it must be positive).
        :returns: the fresh result; ``result`` itself when there was no refresh,
            when the refresh found nothing new (``result_count`` 0) or when the
            request was not a GET; ``None`` when the timeout or the attempts ran
            out first.
        :raises MastodonIllegalArgumentError: on bad arguments, or when the
            refresh information does not say which request to repeat.
        """
        _check_waiting(timeout, max_attempts, poll_interval)
        if isinstance(result, str):
            raise MastodonIllegalArgumentError("result must be a result returned by the API, not a string")
        info = _details(result)
        if info is None:
            return result
        if "url" not in info or "method" not in info:
            raise MastodonIllegalArgumentError(
                "result's async refresh information does not say which request to repeat (needs 'method' and 'url')"
            )
        wait = float(poll_interval) if poll_interval is not None else float(min(info["retry"], MAX_RETRY))
        status = self._poll_refresh(str(info["id"]), wait, timeout, max_attempts)
        if status is None:
            return None
        if status.get("result_count") == 0 or str(info["method"]).upper() != "GET":
            return result
        return self._get(str(info["url"]), returns=type(result))  # the same request, so the same type

    def _poll_refresh(self, refresh_id: str, wait: float, timeout: float, max_attempts: int) -> AsyncRefresh | None:
        """Poll a refresh every ``wait`` seconds until it is finished; ``None`` when
        ``timeout`` (if positive) or ``max_attempts`` (if positive) runs out first."""
        deadline = self._clock.monotonic() + timeout if timeout > 0 else None
        attempts = 0
        while True:
            pause = wait
            if deadline is not None:
                remaining = deadline - self._clock.monotonic()
                if remaining <= 0:
                    log.info("async refresh %s still running after %.1f s; giving up", refresh_id, timeout)
                    return None
                pause = min(pause, remaining)
            self._clock.sleep(pause)
            status = self.get_async_refresh_status(refresh_id)
            attempts += 1
            if status.get("status") == "finished":
                return status
            if 0 < max_attempts <= attempts:
                log.info("async refresh %s still running after %d polls; giving up", refresh_id, attempts)
                return None


def _check_waiting(timeout: Any, max_attempts: Any, poll_interval: Any) -> None:
    """Refuse the waiting arguments of :meth:`AsyncRefreshMixin.await_async_refresh` that make no sense."""
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0:
        raise MastodonIllegalArgumentError(f"timeout must be a number of seconds, 0 or more, not {timeout!r}")
    if isinstance(max_attempts, bool) or not isinstance(max_attempts, int):
        raise MastodonIllegalArgumentError(f"max_attempts must be an integer, not {max_attempts!r}")
    if poll_interval is not None and (isinstance(poll_interval, bool) or not isinstance(poll_interval, (int, float)) or poll_interval <= 0):
        raise MastodonIllegalArgumentError(f"poll_interval must be a positive number of seconds, not {poll_interval!r}")
