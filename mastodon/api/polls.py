"""Polls: reading, voting, building the ``poll`` argument of a new status."""

from __future__ import annotations

from .._checks import as_bool, as_int
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import EntityOrId, Poll, ScheduledStatusPoll

__all__ = ["PollsMixin"]


class PollsMixin(RequestCore):
    """Polls: reading, voting, building the ``poll`` argument of a new status."""

    @api_version("2.8.0", "2.8.0")
    def poll(self, id: EntityOrId) -> Poll:
        """Fetch the current state of a poll.

        :param id: the poll, or its id (a status's ``poll.id``, not the status id).
        :returns: the :class:`Poll`.
        """
        return self._get(f"/api/v1/polls/{self._id(id)}", returns=Poll)

    @api_version("2.8.0", "2.8.0")
    def poll_vote(self, id: EntityOrId, choices: int | list[int]) -> Poll:
        """Vote in a poll.

        :param id: the poll, or its id.
        :param choices: the index of the chosen option (counting from 0), or a list of
            indexes for a poll that allows several choices. An index may also be
            given as text (``"0"``).
        :returns: the :class:`Poll` with your vote counted.
        :raises MastodonIllegalArgumentError: when ``choices`` holds something that
            is not an index.
        """
        chosen = choices if isinstance(choices, (list, tuple)) else [choices]
        indexes = [as_int(choice, "choices", required=True) for choice in chosen]
        return self._post(f"/api/v1/polls/{self._id(id)}/votes", {"choices": indexes}, returns=Poll)

    @api_version("2.8.0", "2.8.0")
    def make_poll(self, options: list[str], expires_in: int, multiple: bool = False, hide_totals: bool = False) -> ScheduledStatusPoll:
        """Build the ``poll`` argument of :meth:`status_post` and :meth:`status_update`.

        Nothing is sent; the poll is created together with its status, and the
        server judges the options and the duration then.

        :param options: the answers to choose from (servers allow two to four by
            default).
        :param expires_in: how long the poll stays open, in seconds (servers require
            at least five minutes); ``"3600"`` is read as 3600.
        :param multiple: allow choosing more than one answer.
        :param hide_totals: keep vote counts hidden until the poll closes.
        :returns: a :class:`ScheduledStatusPoll` (the poll parameters, as a scheduled
            status keeps them) to pass as ``poll``.
        :raises MastodonIllegalArgumentError: when ``options`` is not a list of
            strings, or ``expires_in`` not a whole number of seconds.
        """
        if isinstance(options, str) or not isinstance(options, (list, tuple)):
            raise MastodonIllegalArgumentError(f"options must be a list of answers, not {options!r}")
        for option in options:
            if not isinstance(option, str):
                raise MastodonIllegalArgumentError(f"options must be strings, got {option!r}")
        return ScheduledStatusPoll(
            options=list(options),
            expires_in=as_int(expires_in, "expires_in", required=True),
            multiple=as_bool(multiple, "multiple", required=True),
            hide_totals=as_bool(hide_totals, "hide_totals", required=True),
        )
