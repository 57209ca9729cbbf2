"""Response bodies for statuses, scheduled statuses, polls and media, shaped like
the examples in the official API docs (methods/statuses.md, scheduled_statuses.md,
polls.md, media.md and the entity pages)."""

from __future__ import annotations

from typing import Any

from .entities import _merge, account, media_attachment, poll, status

__all__ = [
    "account",
    "media_attachment",
    "poll",
    "status",
    "scheduled_status",
    "context",
    "status_edit",
    "status_source",
    "translation",
    "deleted_status",
    "processing_media",
]


def scheduled_status(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "3221",
            "scheduled_at": "2019-12-05T12:33:01.000Z",
            "params": {
                "poll": None,
                "text": "test content",
                "media_ids": None,
                "sensitive": None,
                "visibility": None,
                "idempotency": None,
                "scheduled_at": None,
                "spoiler_text": None,
                "application_id": 596551,
                "in_reply_to_id": None,
            },
            "media_attachments": [],
        },
        kw,
    )


def context(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "ancestors": [
                status(id="103188938570975982", created_at="2019-11-23T19:44:00.124Z"),
                status(
                    id="103188971072973252",
                    created_at="2019-11-23T19:52:23.398Z",
                    in_reply_to_id="103188938570975982",
                    in_reply_to_account_id="634458",
                ),
            ],
            "descendants": [
                status(
                    id="103189026958574542",
                    created_at="2019-11-23T20:06:36.011Z",
                    in_reply_to_id="103189005915505698",
                    in_reply_to_account_id="634458",
                ),
            ],
        },
        kw,
    )


def status_edit(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "content": "<p>this is a status that has been edited three times. this time a poll has been added.</p>",
            "spoiler_text": "",
            "sensitive": False,
            "created_at": "2022-09-05T00:03:32.480Z",
            "poll": {"options": [{"title": "cool"}, {"title": "uncool"}, {"title": "spiderman (this option has been changed)"}]},
            "account": account(id="14715", username="trwnh", acct="trwnh", display_name="infinite love ⴳ"),
            "media_attachments": [],
            "emojis": [],
        },
        kw,
    )


def status_source(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "id": "108942703571991143",
            "text": "this is a status that will be edited",
            "spoiler_text": "",
        },
        kw,
    )


def translation(**kw: Any) -> dict[str, Any]:
    return _merge(
        {
            "content": "<p>Hello world</p>",
            "spoiler_text": "Greatings ahead",
            "language": "en",
            "media_attachments": [{"id": "22345792", "description": "Status author waving at the camera"}],
            "poll": None,
            "detected_source_language": "es",
            "provider": "DeepL.com",
        },
        kw,
    )


def deleted_status(**kw: Any) -> dict[str, Any]:
    """What DELETE /api/v1/statuses/:id answers: the status with its source ``text``."""
    body = status(
        id="103254193998341330",
        created_at="2019-12-05T08:19:26.052Z",
        uri="https://mastodon.social/users/trwnh/statuses/103254193998341330",
        url="https://mastodon.social/@trwnh/103254193998341330",
        replies_count=0,
        reblogs_count=0,
        favourites_count=0,
        text="test",
        account=account(id="14715", username="trwnh", acct="trwnh", display_name="infinite love ⴳ"),
        mentions=[],
        tags=[],
        emojis=[],
        card=None,
    )
    del body["content"]
    return _merge(body, kw)


def processing_media(**kw: Any) -> dict[str, Any]:
    """A v2 upload answered with 202: the full-size file is not ready, ``url`` is null."""
    return media_attachment(
        id="22348641",
        url=None,
        preview_url="https://files.mastodon.social/media_attachments/files/022/348/641/small/cebc6d51be03e509.jpeg",
        text_url="https://mastodon.social/media/4Zj6ewxzzzDi0g8JnZQ",
        description="test uploaded via api",
        **kw,
    )
