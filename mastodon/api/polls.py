"""Polls: reading, voting, building the ``poll`` argument of a new status."""

from __future__ import annotations

from .._checks import check_int
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
            indexes for a poll that allows several choices.
        :returns: the :class:`Poll` with your vote counted.
        :raises MastodonIllegalArgumentError: when ``choices`` is empty or holds
            something other than non-negative integers.
        """
        chosen = [choices] if isinstance(choices, int) else choices
        if not isinstance(chosen, (list, tuple)) or not chosen:
            raise MastodonIllegalArgumentError("choices must be an option index or a non-empty list of them")
        for choice in chosen:
            if isinstance(choice, bool) or not isinstance(choice, int) or choice < 0:
                raise MastodonIllegalArgumentError(f"choices must be option indexes (integers from 0), got {choice!r}")
        return self._post(f"/api/v1/polls/{self._id(id)}/votes", {"choices": list(chosen)}, returns=Poll)

    @api_version("2.8.0", "2.8.0")
    def make_poll(self, options: list[str], expires_in: int, multiple: bool = False, hide_totals: bool = False) -> ScheduledStatusPoll:
        """Build the ``poll`` argument of :meth:`status_post` and :meth:`status_update`.

        Nothing is sent; the poll is created together with its status.

        :param options: the answers to choose from: at least two non-empty strings
            (servers allow four by default).
        :param expires_in: how long the poll stays open, in seconds (servers require
            at least five minutes).
        :param multiple: allow choosing more than one answer.
        :param hide_totals: keep vote counts hidden until the poll closes.
        :returns: a :class:`ScheduledStatusPoll` (the poll parameters, as a scheduled
            status keeps them) to pass as ``poll``.
        :raises MastodonIllegalArgumentError: on fewer than two options, an empty or
            non-string option, or an ``expires_in`` that is not a positive integer.
        """
        if isinstance(options, str) or not isinstance(options, (list, tuple)) or len(options) < 2:
            raise MastodonIllegalArgumentError("options must be a list of at least two answers")
        for option in options:
            if not isinstance(option, str) or not option.strip():
                raise MastodonIllegalArgumentError(f"options must be non-empty strings, got {option!r}")
        check_int(expires_in, "expires_in", 1, required=True)
        return ScheduledStatusPoll(options=list(options), expires_in=expires_in, multiple=bool(multiple), hide_totals=bool(hide_totals))
