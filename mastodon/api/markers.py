"""Read markers: how far the user has read in the home timeline and the notifications.

Markers are saved on the server so that several clients can share the position.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .._checks import as_choice
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import AttribAccessDict, EntityOrId, Marker

__all__ = ["MarkersMixin"]

#: Timelines that can carry a read marker.
MARKER_TIMELINES = ("home", "notifications")


def _marker_timelines(values: Any, name: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be 'home', 'notifications' or a list of them")
    names = [as_choice(value, name, MARKER_TIMELINES, required=True) for value in values]
    if len(set(names)) != len(names):
        raise MastodonIllegalArgumentError(f"{name} names a timeline twice")
    return names


class MarkersMixin(RequestCore):
    """Read markers of the home timeline and the notifications."""

    @api_version("3.0.0", "3.0.0")
    def markers_get(self, timeline: str | Sequence[str] = ("home",)) -> dict[str, Marker]:
        """Read the saved reading positions of the user's timelines.

        :param timeline: ``"home"``, ``"notifications"`` or a list of both.
        :returns: a dict from timeline name to its :class:`Marker` (the
            ``last_read_id``, a ``version`` counter and ``updated_at``). Timelines
            without a saved position are missing from it.
        """
        params = {"timeline": _marker_timelines(timeline, "timeline")}
        return self._get("/api/v1/markers", params, returns=AttribAccessDict)

    @api_version("3.0.0", "3.0.0")
    def markers_set(self, timelines: str | Sequence[str], last_read_ids: EntityOrId | list[EntityOrId]) -> dict[str, Marker]:
        """Save the user's reading position in one or more timelines.

        :param timelines: ``"home"``, ``"notifications"`` or a list of them.
        :param last_read_ids: the last status (home) or notification read, or
            its id; a list matching ``timelines`` position by position.
        :returns: a dict from timeline name to its new :class:`Marker`.
        :raises MastodonIllegalArgumentError: for unknown timelines or when the
            two lists differ in length.
        """
        names = _marker_timelines(timelines, "timelines")
        ids = self._unpack_ids(last_read_ids, "last_read_ids")
        if not names or len(names) != len(ids):
            raise MastodonIllegalArgumentError(
                f"timelines and last_read_ids must have the same, non-zero length ({len(names)} != {len(ids)})"
            )
        params = {name: {"last_read_id": read_id} for name, read_id in zip(names, ids, strict=True)}
        return self._post("/api/v1/markers", params, returns=AttribAccessDict)
