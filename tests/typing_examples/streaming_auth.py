"""Streaming listeners, and the authentication calls."""

from __future__ import annotations

from typing_extensions import assert_type

from mastodon import CallbackStreamListener, Mastodon, StreamListener
from mastodon.return_types import (
    AccountCreationError,
    AccountCreationErrorDetailsField,
    Announcement,
    Application,
    Conversation,
    IdType,
    Notification,
    Status,
    StreamReaction,
)


class Printer(StreamListener):
    """A listener whose methods take what the events carry."""

    def on_update(self, status: Status) -> None:
        assert_type(status.account.acct, str)

    def on_notification(self, notification: Notification) -> None:
        assert_type(notification.status, Status | None)

    def on_delete(self, status_id: IdType) -> None:
        assert_type(status_id, int | str)

    def on_conversation(self, conversation: Conversation) -> None:
        assert_type(conversation.last_status, Status | None)

    def on_announcement(self, annoucement: Announcement) -> None:
        assert_type(annoucement.all_day, bool)

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
        assert_type(reaction.announcement_id, int | str)

    def on_status_update(self, status: Status) -> None:
        assert_type(status.edited_at is None, bool)


def listen(api: Mastodon) -> None:
    def show(status: Status) -> None:
        print(status.account.acct, status.content)

    listener = CallbackStreamListener(
        update_handler=show,
        notification_handler=lambda notification: print(assert_type(notification, Notification).type),
        delete_handler=lambda status_id: print(assert_type(status_id, IdType)),
        announcement_reaction_handler=lambda reaction: print(assert_type(reaction, StreamReaction).count),
        filters_changed_handler=lambda: print("filters changed"),
    )
    api.stream_user(Printer(), run_async=True)
    api.stream_hashtag("python", listener, run_async=True)


def authentication(api: Mastodon) -> None:
    assert_type(api.create_account("alice", "secret", "alice@example.com", agreement=True), str)
    token, errors = api.create_account("alice", "secret", "alice@example.com", return_detailed_error=True)
    assert_type(token, str | None)
    assert_type(errors, AccountCreationError)
    assert_type(errors.details.username, list[AccountCreationErrorDetailsField] | None)
    assert_type(api.app_verify_credentials(), Application)
    assert_type(api.app_verify_credentials().scopes, list[str])
    assert_type(api.oauth_authorization_server_info().scopes_supported, list[str])
    assert_type(api.oauth_userinfo().preferred_username, str)
    assert_type(api.log_in("alice@example.com", "secret"), str)
