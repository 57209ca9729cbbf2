"""Media attachments and polls."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    MediaAttachment,
    MediaAttachmentAudioMetadata,
    MediaAttachmentFocusPoint,
    MediaAttachmentImageMetadata,
    MediaAttachmentMetadataContainer,
    MediaAttachmentVideoMetadata,
    Poll,
)


def media(api: Mastodon, picture: bytes) -> None:
    attachment = api.media_post(picture, "image/png", description="A picture", focus=(0.0, 0.5))
    assert_type(attachment, MediaAttachment)
    assert_type(attachment.url, str | None)
    assert_type(attachment.meta, MediaAttachmentMetadataContainer | None)
    if attachment.meta is not None:
        assert_type(attachment.meta.focus, MediaAttachmentFocusPoint | None)
        assert_type(
            attachment.meta.original,
            MediaAttachmentImageMetadata | MediaAttachmentVideoMetadata | MediaAttachmentAudioMetadata | None,
        )
        if attachment.meta.small is not None:
            assert_type(attachment.meta.small.size, str)
            assert_type(attachment.meta.small.aspect, float)
    assert_type(api.media_update(attachment, description="Better").description, str | None)
    assert_type(api.media(attachment).blurhash, str | None)
    assert_type(api.status_post("With a picture", media_ids=[attachment]).media_attachments[0].id, int | str)


def polls(api: Mastodon) -> None:
    poll = api.poll(1)
    assert_type(poll, Poll)
    assert_type(poll.options[0].votes_count, int | None)
    assert_type(poll.options[0].title, str)
    assert_type(poll.voters_count, int | None)
    assert_type(poll.expires_at, datetime | None)
    voted = api.poll_vote(poll, [0, 1])
    assert_type(voted.own_votes, list[int] | None)
    assert_type(voted.emojis[0].static_url, str)
