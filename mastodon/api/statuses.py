"""Reading, posting and interacting with statuses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, overload

from .._checks import (
    QUOTE_POLICIES,
    REBLOG_VISIBILITIES,
    STATUS_VISIBILITIES,
    as_bool,
    as_choice,
    as_datetime,
    check_optional_text,
    focus_string,
    poll_params,
)
from .._core import RequestCore
from .._encoding import MediaInput, Upload, read_media
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import (
    Account,
    Context,
    EntityOrId,
    NonPaginatableList,
    PageBound,
    PaginatableList,
    PreviewCard,
    ScheduledStatus,
    Status,
    StatusEdit,
    StatusSource,
    Translation,
)
from .pagination import page_params

__all__ = ["CONTENT_TYPES", "StatusesMixin"]

#: The markups Pleroma and Akkoma accept as a status's ``content_type``.
CONTENT_TYPES = ("text/plain", "text/markdown", "text/html", "text/bbcode")


class StatusesMixin(RequestCore):
    """Reading, posting and interacting with statuses."""

    # -- reading --------------------------------------------------------------------------

    @api_version("1.0.0", "2.0.0")
    def status(self, id: EntityOrId) -> Status:
        """Fetch a single status.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}", returns=Status)

    @api_version("4.3.0", "4.3.0")
    def statuses(self, ids: list[EntityOrId]) -> NonPaginatableList[Status]:
        """Fetch several statuses in one request.

        Statuses that do not exist or are not visible to the caller are left out of
        the result, so it may be shorter than ``ids``.

        :param ids: the statuses, or their ids (at least one).
        :returns: a list of :class:`Status`.
        """
        return self._get("/api/v1/statuses", {"id": self._unpack_ids(ids, "ids")}, returns=NonPaginatableList)

    @api_version("1.0.0", "1.0.0")
    def status_context(self, id: EntityOrId) -> Context:
        """Fetch the thread around a status.

        :param id: the status, or its id.
        :returns: a :class:`Context` with ``ancestors`` (statuses it replies to, oldest
            first) and ``descendants`` (replies to it).
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}/context", returns=Context)

    @api_version("1.0.0", "2.1.0")
    def status_reblogged_by(self, id: EntityOrId) -> PaginatableList[Account]:
        """List the accounts that boosted a status.

        :param id: the status, or its id.
        :returns: a list of :class:`Account`; further pages, if any, can be fetched
            with :meth:`fetch_next`.
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}/reblogged_by", returns=PaginatableList)

    @api_version("1.0.0", "2.1.0")
    def status_favourited_by(self, id: EntityOrId) -> PaginatableList[Account]:
        """List the accounts that favourited a status.

        :param id: the status, or its id.
        :returns: a list of :class:`Account`; further pages, if any, can be fetched
            with :meth:`fetch_next`.
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}/favourited_by", returns=PaginatableList)

    @api_version("1.0.0", "3.0.0")
    def status_card(self, id: EntityOrId) -> PreviewCard | None:
        """Fetch the link preview card of a status.

        Servers from 3.0.0 on carry the card inside the status itself, so the status
        is fetched and its ``card`` returned; older servers are asked for the card
        through the separate endpoint they had for it.

        :param id: the status, or its id.
        :returns: the :class:`PreviewCard`, or ``None`` when the status has none.
        """
        if self._server.version() >= (3, 0, 0):
            card: PreviewCard | None = self.status(id).get("card")
            return card
        return self._get(f"/api/v1/statuses/{self._id(id)}/card", returns=PreviewCard)

    @api_version("3.5.0", "3.5.0")
    def status_history(self, id: EntityOrId) -> NonPaginatableList[StatusEdit]:
        """Fetch every known version of a status, the original and the current included.

        :param id: the status, or its id.
        :returns: a list of :class:`StatusEdit`, oldest first.
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}/history", returns=NonPaginatableList)

    @api_version("3.5.0", "3.5.0")
    def status_source(self, id: EntityOrId) -> StatusSource:
        """Fetch the plain-text source of one of your statuses, for editing it.

        :param id: the status, or its id.
        :returns: a :class:`StatusSource` with ``text`` and ``spoiler_text``.
        """
        return self._get(f"/api/v1/statuses/{self._id(id)}/source", returns=StatusSource)

    @api_version("4.0.0", "4.0.0")
    def status_translate(self, id: EntityOrId, lang: str | None = None) -> Translation:
        """Have the server translate a public or unlisted status.

        :param id: the status, or its id.
        :param lang: the ISO 639-1 code of the language to translate into; the
            user's interface language when not given.
        :returns: a :class:`Translation`.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/translate", {"lang": lang}, returns=Translation)

    @api_version("4.5.0", "4.5.0")
    def status_quotes(
        self,
        id: EntityOrId,
        max_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """List the statuses that quote a status.

        :param id: the quoted status, or its id.
        :param limit: how many to return at most (server default 20, maximum 40).
        :returns: a page of :class:`Status`, continued with :meth:`fetch_next`.
        """
        params = page_params(max_id, None, since_id, limit)
        return self._get(f"/api/v1/statuses/{self._id(id)}/quotes", params, returns=PaginatableList)

    # -- posting ----------------------------------------------------------------------------

    # A Status, or a ScheduledStatus when scheduled_at is given (a datetime of
    # unknown presence gives either).
    @overload
    def status_post(
        self,
        status: str | None,
        in_reply_to_id: EntityOrId | None = None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status: ...
    @overload
    def status_post(
        self,
        status: str | None,
        in_reply_to_id: EntityOrId | None = None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        *,
        scheduled_at: datetime,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> ScheduledStatus: ...
    @overload
    def status_post(
        self,
        status: str | None,
        in_reply_to_id: EntityOrId | None = None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus: ...
    @api_version("1.0.0", "4.6.0")
    def status_post(
        self,
        status: str | None,
        in_reply_to_id: EntityOrId | None = None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus:
        """Publish a new status, or schedule one.

        Every call sends an ``Idempotency-Key`` header (``idempotency_key``, or a
        fresh random one), so a request that is retried after a lost answer does not
        post the status twice.

        :param status: the text of the status. May be empty or ``None`` (not sent)
            when media is attached.
        :param in_reply_to_id: the status this replies to, or its id.
        :param media_ids: media attachments (or their ids) from :meth:`media_post`.
            Mastodon refuses them together with ``poll``; other servers may not.
        :param sensitive: mark the status and its media as sensitive.
        :param visibility: ``"public"``, ``"unlisted"``, ``"private"`` or
            ``"direct"``, in any case; the account's default when not given.
        :param spoiler_text: a content warning shown in place of the text.
        :param language: the ISO 639-1 code of the status's language.
        :param idempotency_key: a key of your choosing that identifies this post;
            the server ignores repeats with the same key for an hour.
        :param content_type: the markup of ``status`` (e.g. ``"text/markdown"``) on
            servers that read it (Pleroma, Akkoma, glitch-soc); sent whenever given,
            whatever the feature set. Mainline Mastodon ignores it.
        :param scheduled_at: a datetime at least five minutes ahead to publish the
            status at (a naive one is local time); a :class:`ScheduledStatus` is
            returned instead.
        :param poll: poll parameters made by :meth:`make_poll`.
        :param quote_id: a status to quote, as the ``quote_id`` parameter that
            Fedibird and some other forks read. Mastodon uses ``quoted_status_id``.
        :param strict_content_type: refuse a ``content_type`` that is not known to
            work: one outside ``text/plain``, ``text/markdown``, ``text/html`` and
            ``text/bbcode``, or any with a feature set other than ``"pleroma"``.
        :param quoted_status_id: a status to quote (Mastodon 4.5 and later).
        :param quote_approval_policy: who may quote this status: ``"public"``,
            ``"followers"`` or ``"nobody"``.
        :returns: the new :class:`Status`, or a :class:`ScheduledStatus` when
            ``scheduled_at`` was given.
        :raises MastodonIllegalArgumentError: on an unknown visibility or quote policy,
            an argument of the wrong type, or, with ``strict_content_type``, a
            ``content_type`` not known to work.
        """
        if idempotency_key is not None and (not isinstance(idempotency_key, str) or not idempotency_key):
            raise MastodonIllegalArgumentError("idempotency_key must be a non-empty string")
        if content_type is not None and strict_content_type:
            self._check_content_type(content_type)
        params = {
            "status": check_optional_text(status, "status"),
            "in_reply_to_id": self._unpack_id(in_reply_to_id, "in_reply_to_id") if in_reply_to_id is not None else None,
            "media_ids": self._unpack_ids(media_ids, "media_ids") if media_ids is not None else None,
            "sensitive": True if as_bool(sensitive, "sensitive") else None,
            "visibility": as_choice(visibility, "visibility", STATUS_VISIBILITIES),
            "spoiler_text": spoiler_text,
            "language": language,
            "content_type": content_type,
            "scheduled_at": as_datetime(scheduled_at, "scheduled_at"),
            "poll": poll_params(poll),
            "quote_id": self._unpack_id(quote_id, "quote_id") if quote_id is not None else None,
            "quoted_status_id": (self._unpack_id(quoted_status_id, "quoted_status_id") if quoted_status_id is not None else None),
            "quote_approval_policy": as_choice(quote_approval_policy, "quote_approval_policy", QUOTE_POLICIES),
        }
        import uuid  # here, not at the top: it adds to every program's import time

        headers = {"Idempotency-Key": idempotency_key or uuid.uuid4().hex}
        return self._post("/api/v1/statuses", params, returns=Status, headers=headers)

    def _check_content_type(self, content_type: Any) -> None:
        """What ``strict_content_type`` asks: a markup known to work on this server."""
        if self.feature_set != "pleroma":
            raise MastodonIllegalArgumentError(
                f"content_type is only known to work with the 'pleroma' feature set, not {self.feature_set!r}"
            )
        if content_type not in CONTENT_TYPES:
            raise MastodonIllegalArgumentError(f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}")

    @api_version("1.0.0", "2.8.0")
    def toot(self, status: str) -> Status:
        """Publish a status with just text and the account's default settings.

        :param status: the text to post.
        :returns: the new :class:`Status`.
        """
        return self.status_post(status)

    # A Status, or a ScheduledStatus when scheduled_at is given (a datetime of
    # unknown presence gives either).
    @overload
    def status_reply(
        self,
        to_status: EntityOrId,
        status: str | None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        untag: bool = False,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status: ...
    @overload
    def status_reply(
        self,
        to_status: EntityOrId,
        status: str | None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        *,
        scheduled_at: datetime,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        untag: bool = False,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> ScheduledStatus: ...
    @overload
    def status_reply(
        self,
        to_status: EntityOrId,
        status: str | None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        untag: bool = False,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus: ...
    @api_version("1.0.0", "4.5.0")
    def status_reply(
        self,
        to_status: EntityOrId,
        status: str | None,
        media_ids: list[EntityOrId] | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: dict[str, Any] | None = None,
        quote_id: EntityOrId | None = None,
        untag: bool = False,
        strict_content_type: bool = False,
        quoted_status_id: EntityOrId | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus:
        """Reply to a status, mentioning the people in the conversation.

        The reply starts with a mention of the replied status's author and of every
        account it mentions, except your own account (looked up once per client
        and token, with one extra request). Visibility and content warning are
        taken over from the replied status unless given. ``media_ids``, ``sensitive``, ``language``,
        ``idempotency_key``, ``content_type``, ``scheduled_at``, ``poll``, ``quote_id``,
        ``strict_content_type``, ``quoted_status_id`` and ``quote_approval_policy``
        are passed on to :meth:`status_post` unchanged; see there.

        :param to_status: the status to reply to; when only an id is given the status
            is fetched first.
        :param status: the text of the reply (mentions are put in front of it);
            ``None`` for just the mentions.
        :param untag: mention only the author of ``to_status``, not the other
            accounts it mentions.
        :param visibility: as in :meth:`status_post`; the replied status's by default.
        :param spoiler_text: as in :meth:`status_post`; the replied status's by default.

        :returns: the new :class:`Status` (a :class:`ScheduledStatus` when scheduled).
        """
        # Check what can be checked before the lookups; status_post checks the rest.
        text = check_optional_text(status, "status") or ""
        visibility = as_choice(visibility, "visibility", STATUS_VISIBILITIES)
        poll_params(poll)
        as_datetime(scheduled_at, "scheduled_at")
        untag = as_bool(untag, "untag", required=True)
        if not isinstance(to_status, Mapping) or "account" not in to_status:
            to_status = self.status(to_status)
        author = to_status.get("account")
        if not isinstance(author, Mapping) or "acct" not in author:
            raise MastodonIllegalArgumentError("to_status must be a status with an 'account'")
        mentioned: dict[Any, str] = {author.get("id"): author["acct"]}
        if not untag:
            for mention in to_status.get("mentions") or []:
                mentioned.setdefault(mention.get("id"), mention["acct"])
        mentioned.pop(self._own_account_id(), None)
        if mentioned:
            text = " ".join(f"@{acct}" for acct in mentioned.values()) + " " + text
        if visibility is None:
            visibility = to_status.get("visibility")
        if spoiler_text is None:
            spoiler_text = to_status.get("spoiler_text") or None
        return self.status_post(
            text,
            in_reply_to_id=to_status,
            media_ids=media_ids,
            sensitive=sensitive,
            visibility=visibility,
            spoiler_text=spoiler_text,
            language=language,
            idempotency_key=idempotency_key,
            content_type=content_type,
            scheduled_at=scheduled_at,
            poll=poll,
            quote_id=quote_id,
            strict_content_type=strict_content_type,
            quoted_status_id=quoted_status_id,
            quote_approval_policy=quote_approval_policy,
        )

    # -- editing ----------------------------------------------------------------------------

    @api_version("3.5.0", "3.5.0")
    def generate_media_edit_attributes(
        self,
        id: EntityOrId,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        thumbnail: MediaInput | None = None,
        thumb_mimetype: str | None = None,
    ) -> dict[str, Any]:
        """Build one entry of ``media_attributes`` for :meth:`status_update`.

        Nothing is sent; the entry describes how an attachment of the edited status
        should change.

        :param id: the media attachment, or its id.
        :param description: the new alt text.
        :param focus: the new focal point, an ``(x, y)`` pair with both from -1.0 to 1.0.
        :param thumbnail: a new thumbnail image: a path, bytes or a binary file.
        :param thumb_mimetype: the thumbnail's MIME type, guessed when not given.
        :returns: a dict with ``id`` and the attributes given.
        :raises MastodonFileNotFoundError: when ``thumbnail`` names a missing file.
        """
        attributes: dict[str, Any] = {"id": self._unpack_id(id)}
        if description is not None:
            attributes["description"] = description
        focus_text = focus_string(focus)
        if focus_text is not None:
            attributes["focus"] = focus_text
        if thumbnail is not None:
            attributes["thumbnail"] = read_media(thumbnail, thumb_mimetype, None, "thumbnail")
        return attributes

    @api_version("3.5.0", "4.1.0")
    def status_update(
        self,
        id: EntityOrId,
        status: str | None,
        spoiler_text: str | None = None,
        sensitive: bool | None = None,
        media_ids: list[EntityOrId] | None = None,
        poll: dict[str, Any] | None = None,
        media_attributes: list[dict[str, Any]] | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status:
        """Edit one of your statuses.

        Parameters left at ``None`` are not sent. Note that Mastodon treats an edit as
        a new version of the whole status: media not listed in ``media_ids`` is
        removed, and changing a poll's options resets its votes.

        :param id: the status, or its id.
        :param status: the new text; ``None`` leaves it out of the request.
        :param spoiler_text: the new content warning.
        :param sensitive: whether the status and its media are sensitive.
        :param media_ids: the attachments the status should have (or their ids);
            Mastodon refuses them together with ``poll``.
        :param poll: new poll parameters made by :meth:`make_poll`.
        :param media_attributes: changes to attachments, each entry made by
            :meth:`generate_media_edit_attributes` (or a dict with ``id`` and any of
            ``description``, ``focus`` and ``thumbnail``). A ``thumbnail`` may be
            a path, bytes or a binary file; with one, the edit is sent as a
            multipart form with each thumbnail among its entry's fields.
        :param quote_approval_policy: ``"public"``, ``"followers"`` or ``"nobody"``.
        :returns: the edited :class:`Status`.
        :raises MastodonIllegalArgumentError: on a malformed poll, an unknown quote
            policy or media attributes without an id.
        :raises MastodonFileNotFoundError: when a thumbnail names a missing file.
        """
        text = check_optional_text(status, "status")
        quote_approval_policy = as_choice(quote_approval_policy, "quote_approval_policy", QUOTE_POLICIES)
        poll_fields = poll_params(poll)
        media = self._unpack_ids(media_ids, "media_ids") if media_ids is not None else None
        attributes = self._media_attributes(media_attributes) if media_attributes is not None else None
        body = {
            "status": text,
            "spoiler_text": spoiler_text,
            "sensitive": as_bool(sensitive, "sensitive"),
            "media_ids": [str(m) for m in media] if media is not None else None,
            "poll": {k: v for k, v in poll_fields.items() if v is not None} if poll_fields else None,
            "media_attributes": attributes,
            "quote_approval_policy": quote_approval_policy,
        }
        path = f"/api/v1/statuses/{self._id(id)}"
        if attributes and any(isinstance(entry.get("thumbnail"), Upload) for entry in attributes):
            # A file cannot go in JSON: a multipart form, each thumbnail in its entry.
            return self._put(path, body, returns=Status)
        return self._put(path, json=body, returns=Status)

    def _media_attributes(self, entries: Any) -> list[dict[str, Any]]:
        """``media_attributes`` as sent: string ids, thumbnails read into uploads.

        A thumbnail given as a ``data:`` URI (what Mastodon.py 2.x's
        ``generate_media_edit_attributes`` makes) is sent as the text it is.
        """
        if isinstance(entries, (str, bytes, Mapping)) or not isinstance(entries, Iterable):
            raise MastodonIllegalArgumentError("media_attributes must be a list of dicts with an 'id'")
        attributes = []
        for entry in entries:
            if not isinstance(entry, Mapping) or "id" not in entry:
                raise MastodonIllegalArgumentError("media_attributes entries must be dicts with an 'id'")
            attribute = {**entry, "id": str(self._unpack_id(entry, "media_attributes"))}
            thumbnail = entry.get("thumbnail")
            if thumbnail is not None and not isinstance(thumbnail, Upload):
                if not (isinstance(thumbnail, str) and thumbnail.startswith("data:")):
                    attribute["thumbnail"] = read_media(thumbnail, None, None, "media_attributes thumbnail")
            attributes.append(attribute)
        return attributes

    @api_version("4.5.0", "4.5.0")
    def status_update_quote_approval_policy(self, id: EntityOrId, quote_approval_policy: str) -> Status:
        """Change who may quote one of your statuses.

        Quotes made before the change stay in place.

        :param id: the status, or its id.
        :param quote_approval_policy: ``"public"``, ``"followers"`` or ``"nobody"``.
        :returns: the updated :class:`Status`.
        """
        policy = as_choice(quote_approval_policy, "quote_approval_policy", QUOTE_POLICIES, required=True)
        return self._put(f"/api/v1/statuses/{self._id(id)}/interaction_policy", {"quote_approval_policy": policy}, returns=Status)

    @api_version("4.5.0", "4.5.0")
    def status_quote_revoke(self, id: EntityOrId, quoting_status_id: EntityOrId) -> Status:
        """Withdraw the permission for another status to quote one of yours.

        :param id: your quoted status, or its id.
        :param quoting_status_id: the status quoting it, or its id.
        :returns: the quoting :class:`Status`, with its quote now revoked.
        """
        return self._post(
            f"/api/v1/statuses/{self._id(id)}/quotes/{self._id(quoting_status_id, 'quoting_status_id')}/revoke",
            returns=Status,
        )

    @api_version("1.0.0", "1.0.0")
    def status_delete(self, id: EntityOrId, delete_media: bool | None = None) -> Status:
        """Delete one of your statuses.

        :param id: the status, or its id.
        :param delete_media: delete its media attachments right away instead of
            keeping them for about a day to be reused (Mastodon 4.4 and later).
        :returns: the deleted :class:`Status`, with its source ``text`` (plus ``poll``
            or ``media_attachments``) so it can be posted again ("delete and redraft").
        """
        params = {"delete_media": True if as_bool(delete_media, "delete_media") else None}
        return self._delete(f"/api/v1/statuses/{self._id(id)}", params, returns=Status)

    # -- interactions -------------------------------------------------------------------------

    @api_version("1.0.0", "2.0.0")
    def status_reblog(self, id: EntityOrId, visibility: str | None = None) -> Status:
        """Boost a status.

        :param id: the status, or its id.
        :param visibility: ``"public"``, ``"unlisted"`` or ``"private"``, in any case
            (public when not given).
        :returns: the boost: a new :class:`Status` whose ``reblog`` is the boosted one.
        """
        visibility = as_choice(visibility, "visibility", REBLOG_VISIBILITIES)
        return self._post(f"/api/v1/statuses/{self._id(id)}/reblog", {"visibility": visibility}, returns=Status)

    @api_version("1.0.0", "2.0.0")
    def status_unreblog(self, id: EntityOrId) -> Status:
        """Undo your boost of a status.

        :param id: the boosted status (not the boost), or its id.
        :returns: the :class:`Status` that was boosted.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/unreblog", returns=Status)

    @api_version("1.0.0", "2.0.0")
    def status_favourite(self, id: EntityOrId) -> Status:
        """Favourite a status.

        :param id: the status, or its id.
        :returns: the :class:`Status`, now with ``favourited`` set.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/favourite", returns=Status)

    @api_version("1.0.0", "2.0.0")
    def status_unfavourite(self, id: EntityOrId) -> Status:
        """Remove a status from your favourites.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/unfavourite", returns=Status)

    @api_version("1.4.0", "2.0.0")
    def status_mute(self, id: EntityOrId) -> Status:
        """Stop notifications about the conversation a status belongs to.

        :param id: a status of a conversation you take part in, or its id.
        :returns: the :class:`Status`, now with ``muted`` set.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/mute", returns=Status)

    @api_version("1.4.0", "2.0.0")
    def status_unmute(self, id: EntityOrId) -> Status:
        """Get notifications about a muted conversation again.

        :param id: a status of the conversation, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/unmute", returns=Status)

    @api_version("2.1.0", "2.1.0")
    def status_pin(self, id: EntityOrId) -> Status:
        """Feature one of your statuses at the top of your profile.

        :param id: the status, or its id.
        :returns: the :class:`Status`, now with ``pinned`` set.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/pin", returns=Status)

    @api_version("2.1.0", "2.1.0")
    def status_unpin(self, id: EntityOrId) -> Status:
        """Stop featuring a status on your profile.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/unpin", returns=Status)

    @api_version("3.1.0", "3.1.0")
    def status_bookmark(self, id: EntityOrId) -> Status:
        """Add a status to your private bookmarks.

        :param id: the status, or its id.
        :returns: the :class:`Status`, now with ``bookmarked`` set.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/bookmark", returns=Status)

    @api_version("3.1.0", "3.1.0")
    def status_unbookmark(self, id: EntityOrId) -> Status:
        """Remove a status from your bookmarks.

        :param id: the status, or its id.
        :returns: the :class:`Status`.
        """
        return self._post(f"/api/v1/statuses/{self._id(id)}/unbookmark", returns=Status)

    # -- counting -------------------------------------------------------------------------

    @staticmethod
    def get_status_length(text: str, spoiler_text: str | None = "") -> int:
        """Count a status the way the server counts it against its character limit.

        Nothing is sent: this tells, before posting, whether the server will accept
        the length of a status with this text and content warning (the limit is the
        ``configuration.statuses.max_characters`` of :meth:`Mastodon.instance`).

        The count is that of Mastodon's own check:

        * characters are user-perceived characters (extended grapheme clusters): an
          emoji sequence such as a family, a flag or a skin tone, a letter with its
          combining accents, a Hangul syllable, each count as one;
        * every link the server recognises counts as 23 characters, however long;
        * every mention counts as ``@`` and its local part: ``@alice@example.social``
          counts as ``@alice``;
        * the content warning counts too, in full, together with the text;
        * leading and trailing whitespace is not counted, and a text of nothing but
          whitespace counts as nothing. When the text is blank and a content warning
          is given, the server posts the content warning as the text, and it is
          counted so here (unless the status quotes another: then the server keeps
          it as a content warning, and this count can be too low).

        Only what the server would turn into a link counts as 23: it needs a
        scheme (``https://``, ``http://``, or ``dat``, ``dweb``, ``ipfs``, ``ipns``,
        ``ssb``, ``gopher``, ``gemini``) and a host that ends in a top-level domain
        from the server's list. These count in full: a link without a scheme
        (``example.com``), a host that is an IP address or ``localhost``, a link
        with a user name (``https://user@example.com``), and a link longer than
        4096 characters. Punctuation right after a link (``.``, ``,``, ``!``, a
        closing parenthesis that was not opened inside the link...) is not part of
        the link and counts as text.

        Grapheme clusters follow the Unicode version of the installed ``regex``
        package; a server running an older Ruby can split a few rare sequences
        (Indic conjuncts) differently.

        :param text: the status text.
        :param spoiler_text: the content warning; ``None`` or ``""`` for none.
        :returns: the number of characters the server counts.
        :raises MastodonMissingDependencyError: without the ``status-length`` extra
            (``pip install 'pytooter[status-length]'``), which brings the ``regex``
            package.
        :raises MastodonIllegalArgumentError: when ``text`` is not a string, or
            ``spoiler_text`` neither a string nor ``None``.
        """
        from .._status_length import status_length  # on first use: it loads the regex package

        return status_length(text, spoiler_text)
