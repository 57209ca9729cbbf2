"""Stream listeners: the interface a stream's events are delivered to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from ..errors import MastodonError, MastodonNetworkError
from ..types import (
    Announcement,
    AttribAccessDict,
    Conversation,
    IdType,
    Notification,
    Status,
)
from ._events import decode_event, event_name, parse_websocket_message
from ._sse import chunk_reader, read_sse

# event name -> (listener method, whether it takes the payload)
_HANDLERS: dict[str, tuple[str, bool]] = {
    "update": ("on_update", True),
    "delete": ("on_delete", True),
    "notification": ("on_notification", True),
    "filters_changed": ("on_filters_changed", False),
    "conversation": ("on_conversation", True),
    "announcement": ("on_announcement", True),
    "announcement.reaction": ("on_announcement_reaction", True),
    "announcement.delete": ("on_announcement_delete", True),
    "status.update": ("on_status_update", True),
    "encrypted_message": ("on_encrypted_message", True),
    "notifications_merged": ("on_notifications_merged", False),
}


# -- listeners --------------------------------------------------------------------------


class StreamListener:
    """Receives streaming events; subclass it and override the ``on_*`` methods you need.

    Every method does nothing by default. Events this library does not know go
    to :meth:`on_unknown_event`; every event also goes to :meth:`on_any_event`
    first. In the background (``run_async=True``) an exception raised by one of
    your methods is logged on the ``mastodon`` logger and the stream goes on;
    in blocking mode it propagates to the caller of the ``stream_*`` method.
    """

    def on_update(self, status: Status) -> None:
        """A new status appeared in the stream (``update`` event)."""

    def on_delete(self, status_id: IdType) -> None:
        """A status was deleted (``delete`` event); ``status_id`` is its id."""

    def on_notification(self, notification: Notification) -> None:
        """A new notification arrived (``notification`` event; user streams)."""

    def on_filters_changed(self) -> None:
        """The user's keyword filters changed (``filters_changed``): re-fetch them if you use them."""

    def on_conversation(self, conversation: Conversation) -> None:
        """A direct conversation was updated (``conversation`` event; direct stream)."""

    def on_announcement(self, annoucement: Announcement) -> None:
        """An announcement was published (``announcement`` event).

        The parameter name keeps the spelling scripts already use.
        """

    def on_announcement_reaction(self, reaction: AttribAccessDict) -> None:
        """An announcement got an emoji reaction (``announcement.reaction``): a dict
        with ``name``, ``count`` and ``announcement_id``."""

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """An announcement was deleted (``announcement.delete``); its id is given."""

    def on_status_update(self, status: Status) -> None:
        """A status was edited (``status.update`` event); the new version is given."""

    def on_encrypted_message(self, unclear: Any) -> None:
        """An ``encrypted_message`` event (no longer documented by Mastodon); the
        payload is given decoded when it is JSON, else as text."""

    def on_notifications_merged(self) -> None:
        """Accepted notification requests finished merging (``notifications_merged``):
        re-fetch the notifications list."""

    def on_websocket_error(self, error: Any, for_stream: str | None = None) -> None:
        """The WebSocket server reported an error (e.g. an unknown stream name).

        :param error: the error message the server sent.
        :param for_stream: the stream it concerns, when known.
        """

    def on_abort(self, err: Exception) -> None:
        """The connection failed: a network error, a read timeout, a server error
        or a malformed event.

        In blocking mode ``err`` is the exception about to be raised to the caller;
        in the background it is called for each failure, before any reconnect.
        """

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """An event type this library does not know arrived.

        :param name: the event name.
        :param unknown_event: the payload, decoded as JSON when it is JSON, else text.
        """

    def on_any_event(self, name: str, data: Any | None = None, for_stream: str | None = None) -> None:
        """Called for every event, before its own method.

        :param name: the event name (``update``, ``delete``, ...).
        :param data: the decoded payload (``None`` for events without one).
        :param for_stream: the stream the event came from, when known (WebSocket).
        """

    def handle_heartbeat(self) -> None:
        """The server sent a heartbeat (an SSE comment line or a WebSocket ping)."""

    def handle_stream(self, response: requests.Response) -> None:
        """Read a server-sent event stream from ``response`` and dispatch its events.

        Returns only by raising: :class:`MastodonNetworkError` when the
        connection ends or breaks, :class:`MastodonReadTimeout` when it stays
        silent beyond its read timeout, :class:`MastodonMalformedEventError`
        for an unusable event. :meth:`on_abort` is called with the error first.
        """
        try:
            read_sse(chunk_reader(response), self._sse_event, self.handle_heartbeat)
            raise MastodonNetworkError("the server closed the stream")
        except MastodonError as err:
            self.on_abort(err)
            raise

    def handle_websocket_message(self, message: str | bytes) -> None:
        """Dispatch one WebSocket text message (``{"stream": [...], "event": ..., "payload": ...}``).

        :raises MastodonMalformedEventError: when the message is not such an object.
        """
        parsed = parse_websocket_message(message)
        if parsed.error is not None:
            self.on_websocket_error(parsed.error, parsed.stream_name)
        elif parsed.event is not None:
            self._deliver(parsed.event, decode_event(parsed.event, parsed.payload), parsed.stream_name)

    # -- dispatch -------------------------------------------------------------------------

    def _sse_event(self, name: bytes, data: bytes | None) -> None:
        text = event_name(name)
        self._deliver(text, decode_event(text, data), None)

    def _deliver(self, name: str, payload: Any, for_stream: str | None) -> None:
        """Pass a decoded event to :meth:`on_any_event` and its own method."""
        self.on_any_event(name, payload, for_stream)
        handler = _HANDLERS.get(name)
        if handler is None:
            self.on_unknown_event(name, payload)
        elif handler[1]:
            getattr(self, handler[0])(payload)
        else:
            getattr(self, handler[0])()


Handler = Callable[..., Any] | None


class CallbackStreamListener(StreamListener):
    """A listener built from plain functions instead of a subclass.

    Each handler is called with what the matching :class:`StreamListener`
    method receives; handlers left ``None`` ignore their event.

    :param update_handler: new statuses.
    :param local_update_handler: new statuses by local accounts only (no ``@`` in ``acct``).
    :param delete_handler: deleted status ids.
    :param notification_handler: notifications.
    :param conversation_handler: conversations.
    :param unknown_event_handler: ``(name, payload)`` of events this library does not know.
    :param status_update_handler: edited statuses.
    :param filters_changed_handler: called without arguments when filters changed.
    :param announcement_handler: announcements.
    :param announcement_reaction_handler: announcement reactions.
    :param announcement_delete_handler: deleted announcement ids.
    :param encryted_message_handler: ``encrypted_message`` payloads (name spelt as scripts use it).
    :param notifications_merged_handler: called without arguments after notification requests merged.
    :param stream_error_handler: errors: what :meth:`~StreamListener.on_abort` and
        :meth:`~StreamListener.on_websocket_error` receive.
    """

    def __init__(
        self,
        update_handler: Handler = None,
        local_update_handler: Handler = None,
        delete_handler: Handler = None,
        notification_handler: Handler = None,
        conversation_handler: Handler = None,
        unknown_event_handler: Handler = None,
        status_update_handler: Handler = None,
        filters_changed_handler: Handler = None,
        announcement_handler: Handler = None,
        announcement_reaction_handler: Handler = None,
        announcement_delete_handler: Handler = None,
        encryted_message_handler: Handler = None,
        notifications_merged_handler: Handler = None,
        stream_error_handler: Handler = None,
    ) -> None:
        super().__init__()
        self.update_handler = update_handler
        self.local_update_handler = local_update_handler
        self.delete_handler = delete_handler
        self.notification_handler = notification_handler
        self.conversation_handler = conversation_handler
        self.unknown_event_handler = unknown_event_handler
        self.status_update_handler = status_update_handler
        self.filters_changed_handler = filters_changed_handler
        self.announcement_handler = announcement_handler
        self.announcement_reaction_handler = announcement_reaction_handler
        self.announcement_delete_handler = announcement_delete_handler
        self.encryted_message_handler = encryted_message_handler
        self.notifications_merged_handler = notifications_merged_handler
        self.stream_error_handler = stream_error_handler

    def on_update(self, status: Status) -> None:
        """Calls ``update_handler``, and ``local_update_handler`` for local statuses."""
        if self.update_handler is not None:
            self.update_handler(status)
        if self.local_update_handler is not None:
            account = status.get("account") if isinstance(status, dict) else None
            acct = account.get("acct") if isinstance(account, dict) else None
            if isinstance(acct, str) and "@" not in acct:
                self.local_update_handler(status)

    def on_delete(self, deleted_id: IdType) -> None:
        """Calls ``delete_handler``."""
        if self.delete_handler is not None:
            self.delete_handler(deleted_id)

    def on_notification(self, notification: Notification) -> None:
        """Calls ``notification_handler``."""
        if self.notification_handler is not None:
            self.notification_handler(notification)

    def on_filters_changed(self) -> None:
        """Calls ``filters_changed_handler``."""
        if self.filters_changed_handler is not None:
            self.filters_changed_handler()

    def on_conversation(self, conversation: Conversation) -> None:
        """Calls ``conversation_handler``."""
        if self.conversation_handler is not None:
            self.conversation_handler(conversation)

    def on_announcement(self, annoucement: Announcement) -> None:
        """Calls ``announcement_handler``."""
        if self.announcement_handler is not None:
            self.announcement_handler(annoucement)

    def on_announcement_reaction(self, reaction: AttribAccessDict) -> None:
        """Calls ``announcement_reaction_handler``."""
        if self.announcement_reaction_handler is not None:
            self.announcement_reaction_handler(reaction)

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """Calls ``announcement_delete_handler``."""
        if self.announcement_delete_handler is not None:
            self.announcement_delete_handler(annoucement_id)

    def on_status_update(self, status: Status) -> None:
        """Calls ``status_update_handler``."""
        if self.status_update_handler is not None:
            self.status_update_handler(status)

    def on_encrypted_message(self, unclear: Any) -> None:
        """Calls ``encryted_message_handler``."""
        if self.encryted_message_handler is not None:
            self.encryted_message_handler(unclear)

    def on_notifications_merged(self) -> None:
        """Calls ``notifications_merged_handler``."""
        if self.notifications_merged_handler is not None:
            self.notifications_merged_handler()

    def on_websocket_error(self, error: Any, for_stream: str | None = None) -> None:
        """Calls ``stream_error_handler`` with the error."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(error)

    def on_abort(self, err: Exception) -> None:
        """Calls ``stream_error_handler`` with the error."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(err)

    def on_unknown_event(self, name: str, unknown_event: Any | None = None) -> None:
        """Calls ``unknown_event_handler`` with the name and payload."""
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)
