"""Stream listeners: what a stream's events are delivered to.

Which method is called for what, and with which arguments, is in ``_dispatch.py``;
``docs/api/streaming.rst`` states it for users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import requests

from ..types import (
    Announcement,
    Conversation,
    IdType,
    Notification,
    Status,
    StreamReaction,
)
from ._dispatch import Dispatcher, library_reader
from ._events import decode_event, parse_websocket_message
from ._sse import read_stream


class ChunkSource(Protocol):
    """What :meth:`StreamListener.handle_stream` can read besides a ``requests`` response:
    any object with ``iter_content(chunk_size)`` giving the body in pieces."""

    def iter_content(self, chunk_size: int) -> Iterable[bytes]: ...


class StreamListener:
    """Receives streaming events; subclass it and override the ``on_*`` methods you need.

    Every method does nothing by default. An event ``a.b`` goes to the method
    ``on_a_b``, looked up by name, so you can add methods for events this
    library does not know (a fork's ``foo`` event reaches your ``on_foo``);
    events without a method go to :meth:`on_unknown_event`. Every event also
    goes to :meth:`on_any_event` first. A method is given ``for_stream`` only
    when it declares a parameter of that name. In the background
    (``run_async=True``) an exception raised by one of your methods is logged
    on the ``mastodon`` logger and the stream goes on; in blocking mode it
    propagates to the caller of the ``stream_*`` method.

    Subclassing is optional: any object with some of these methods can be
    passed as a listener.
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

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
        """An announcement got an emoji reaction (``announcement.reaction``): a
        :class:`StreamReaction` with ``name``, ``count`` and ``announcement_id``."""

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
        """The connection failed: a network error, a read timeout, an error answer
        or a malformed event (not when the server ends the stream cleanly).

        In blocking mode ``err`` is the exception about to be raised to the caller;
        in the background it is called for each failure, before any reconnect,
        and also for a failure that stops the stream for good (such as a 401 for
        a revoked token), which the handle keeps as ``handle.error``.
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

    @library_reader
    def handle_stream(self, response: requests.Response | ChunkSource) -> None:
        """Read a server-sent event stream from ``response`` and dispatch its events.

        :param response: a streaming ``requests.Response``, read straight from
            its socket; or any object with ``iter_content(chunk_size)`` (a
            recorded or mock response), read through that.

        Returns when the server ends the stream cleanly. Raises
        :class:`MastodonNetworkError` when the connection breaks,
        :class:`MastodonReadTimeout` when it stays silent beyond its read
        timeout, :class:`MastodonMalformedEventError` for an unusable event;
        :meth:`on_abort` is called with the error first. Override it to read
        streams yourself: the ``stream_*`` methods call your version, in the
        background too.
        """
        read_stream(response, Dispatcher(self))

    def handle_websocket_message(self, message: str | bytes) -> None:
        """Dispatch one WebSocket text message (``{"stream": [...], "event": ..., "payload": ...}``).

        :raises MastodonMalformedEventError: when the message is not such an object.
        """
        parsed = parse_websocket_message(message)
        dispatcher = Dispatcher(self)
        if parsed.error is not None:
            dispatcher.websocket_error(parsed.error, parsed.stream_name)
        elif parsed.event is not None:
            dispatcher.event(parsed.event, decode_event(parsed.event, parsed.payload), parsed.stream_name)


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
    :param stream_error_handler: called with ``(error, for_stream)``: for an error
        the WebSocket server sent, as Mastodon.py 2.x calls it, and also (with
        ``for_stream`` ``None``) for the connection failures
        :meth:`~StreamListener.on_abort` receives.
    """

    def __init__(
        self,
        update_handler: Callable[[Status], object] | None = None,
        local_update_handler: Callable[[Status], object] | None = None,
        delete_handler: Callable[[IdType], object] | None = None,
        notification_handler: Callable[[Notification], object] | None = None,
        conversation_handler: Callable[[Conversation], object] | None = None,
        unknown_event_handler: Callable[[str, Any], object] | None = None,
        status_update_handler: Callable[[Status], object] | None = None,
        filters_changed_handler: Callable[[], object] | None = None,
        announcement_handler: Callable[[Announcement], object] | None = None,
        announcement_reaction_handler: Callable[[StreamReaction], object] | None = None,
        announcement_delete_handler: Callable[[IdType], object] | None = None,
        encryted_message_handler: Callable[[Any], object] | None = None,
        notifications_merged_handler: Callable[[], object] | None = None,
        stream_error_handler: Callable[[Any, str | None], object] | None = None,
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

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
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
        """Calls ``stream_error_handler`` with the error and the stream it concerns."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(error, for_stream)

    def on_abort(self, err: Exception) -> None:
        """Calls ``stream_error_handler`` with the error and ``None``."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(err, None)

    def on_unknown_event(self, name: str, unknown_event: Any | None = None) -> None:
        """Calls ``unknown_event_handler`` with the name and payload."""
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)
