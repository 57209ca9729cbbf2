"""Scheduled statuses."""

from __future__ import annotations

from datetime import datetime

from .._checks import as_datetime
from .._core import RequestCore
from .._server import api_version
from ..types import EntityOrId, PageBound, PaginatableList, ScheduledStatus
from .pagination import page_params

__all__ = ["ScheduledStatusesMixin"]


class ScheduledStatusesMixin(RequestCore):
    """Scheduled statuses."""

    @api_version("2.7.0", "2.7.0")
    def scheduled_statuses(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[ScheduledStatus]:
        """List your statuses that are waiting to be published.

        :param limit: how many to return at most (server default 20, maximum 40).
        :returns: a page of :class:`ScheduledStatus`, continued with :meth:`fetch_next`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/scheduled_statuses", params, returns=PaginatableList)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status(self, id: EntityOrId) -> ScheduledStatus:
        """Fetch one of your scheduled statuses.

        :param id: the scheduled status, or its id.
        :returns: the :class:`ScheduledStatus`, whose ``params`` hold what will be posted.
        """
        return self._get(f"/api/v1/scheduled_statuses/{self._id(id)}", returns=ScheduledStatus)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status_update(self, id: EntityOrId, scheduled_at: datetime) -> ScheduledStatus:
        """Move a scheduled status to another publishing time.

        :param id: the scheduled status, or its id.
        :param scheduled_at: the new time, a datetime at least five minutes in the
            future (the server checks this); a naive datetime is local time.
        :returns: the updated :class:`ScheduledStatus`.
        :raises MastodonIllegalArgumentError: when ``scheduled_at`` is not a datetime.
        """
        params = {"scheduled_at": as_datetime(scheduled_at, "scheduled_at", required=True)}
        return self._put(f"/api/v1/scheduled_statuses/{self._id(id)}", params, returns=ScheduledStatus)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status_delete(self, id: EntityOrId) -> None:
        """Cancel a scheduled status; it will not be published.

        :param id: the scheduled status, or its id.
        """
        self._delete(f"/api/v1/scheduled_statuses/{self._id(id)}")
