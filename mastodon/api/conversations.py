"""Direct conversations."""

from __future__ import annotations

from .._core import RequestCore
from .._server import api_version
from ..types import Conversation, EntityOrId, PageBound, PaginatableList
from .pagination import page_params

__all__ = ["ConversationsMixin"]


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

        :param limit: how many to return at most (the server caps it, usually at 40).
        :returns: a page of :class:`Conversation`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/conversations", params, returns=PaginatableList[Conversation])

    @api_version("2.6.0", "2.6.0")
    def conversations_read(self, id: EntityOrId) -> Conversation:
        """Mark a conversation as read.

        :param id: the conversation, or its id.
        :returns: the updated :class:`Conversation`.
        """
        return self._post(f"/api/v1/conversations/{self._id(id)}/read", returns=Conversation)

    @api_version("2.6.0", "2.6.0")
    def conversations_delete(self, id: EntityOrId) -> None:
        """Remove a conversation from the user's list; its statuses are not deleted.

        :param id: the conversation, or its id.
        """
        self._delete(f"/api/v1/conversations/{self._id(id)}")
