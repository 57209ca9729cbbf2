"""Direct conversations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ._core import RequestCore
from .errors import MastodonIllegalArgumentError
from .types import Conversation, EntityOrId, PaginatableList
from .versions import api_version

__all__ = ["ConversationsMixin"]

PageBound = EntityOrId | datetime | None


def _limit(value: Any, name: str = "limit") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MastodonIllegalArgumentError(f"{name} must be a positive integer, not {value!r}")
    return value


class ConversationsMixin(RequestCore):
    """Direct conversations."""

    @api_version("2.6.0", "2.6.0")
    def conversations(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Conversation]:
        """Read the user's direct conversations, most recently active first.

        Conversation ids are not the ids the server pages by, so page through the
        results with :meth:`fetch_next` and :meth:`fetch_previous` rather than
        by passing ids.

        :param max_id: the server's paging cursor for older conversations.
        :param min_id: the server's paging cursor for the conversations just newer.
        :param since_id: the server's paging cursor for newer conversations.
        :param limit: how many to return at most (the server caps it, usually at 40).
        :returns: a page of :class:`Conversation`.
        """
        params = {
            "max_id": self._page_id(max_id, "max_id"),
            "min_id": self._page_id(min_id, "min_id"),
            "since_id": self._page_id(since_id, "since_id"),
            "limit": _limit(limit),
        }
        return self._get("/api/v1/conversations", params, cast=PaginatableList[Conversation])

    @api_version("2.6.0", "2.6.0")
    def conversations_read(self, id: EntityOrId) -> Conversation:
        """Mark a conversation as read.

        :param id: the conversation, or its id.
        :returns: the updated :class:`Conversation`.
        """
        return self._post(f"/api/v1/conversations/{self._id(id)}/read", cast=Conversation)

    @api_version("2.6.0", "2.6.0")
    def conversations_delete(self, id: EntityOrId) -> None:
        """Remove a conversation from the user's list; its statuses are not deleted.

        :param id: the conversation, or its id.
        """
        self._delete(f"/api/v1/conversations/{self._id(id)}")
