"""Statuses, media, polls and scheduled statuses: the rules that change them."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from ._errors import ApiError, forbidden, invalid, not_found
from ._records import Account, Conversation, Media, Poll, Scheduled, Status, Version
from ._store import VISIBILITIES, Store
from ._text import find_mentions_and_tags, format_html

MAX_CHARACTERS = 500
MAX_MEDIA = 4
MAX_PINNED = 5
POLL_OPTIONS = 4
POLL_OPTION_CHARACTERS = 50
POLL_MIN_EXPIRATION = 300
POLL_MAX_EXPIRATION = 2629746
SCHEDULE_MIN_AHEAD = 300
IDEMPOTENCY_SECONDS = 3600
MEDIA_KINDS = {"image": "image", "video": "video", "audio": "audio"}


@dataclass
class Draft:
    """What a new (or edited) status says, already read from the request."""

    text: str = ""
    visibility: str | None = None
    sensitive: bool | None = None
    spoiler_text: str = ""
    language: str | None = None
    in_reply_to_id: Any = None
    media_ids: list[Any] = field(default_factory=list)
    poll: dict[str, Any] | None = None
    scheduled_at: float | None = None


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG, read from its header."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        index = 2
        while index + 9 < len(data) and data[index] == 0xFF:
            marker, length = data[index + 1], struct.unpack(">H", data[index + 2 : index + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + int(length)
    return None


class PostingRules(Store):
    """Creating, changing and removing statuses and what hangs off them."""

    # -- creating ------------------------------------------------------------------------

    def post(self, author: Account, draft: Draft, app_id: int | None, idempotency_key: str | None = None) -> Status | Scheduled:
        """Publish (or schedule) a status, as ``POST /api/v1/statuses`` does."""
        if idempotency_key:
            seen = self.idempotency.get((author.id, idempotency_key))
            if seen is not None and seen[0] > self.now() - IDEMPOTENCY_SECONDS:
                earlier = self.statuses.get(seen[1]) or self.scheduled.get(seen[1])
                if earlier is not None:
                    return earlier
        media = self._check_draft(author, draft)
        if draft.scheduled_at is not None:
            if draft.scheduled_at < self.now() + SCHEDULE_MIN_AHEAD:
                raise invalid("Scheduled at The scheduled date must be in the future")
            record = Scheduled(
                self.ids.next(), author.id, draft.scheduled_at, self._draft_params(draft, app_id), [m.id for m in media], app_id
            )
            self.scheduled[record.id] = record
            for item in media:
                item.status_id = record.id
            result: Status | Scheduled = record
        else:
            result = self._publish(author, draft, media, app_id)
        if idempotency_key:
            self.idempotency[(author.id, idempotency_key)] = (self.now(), result.id)
        return result

    def _draft_params(self, draft: Draft, app_id: int | None) -> dict[str, Any]:
        return {
            "text": draft.text,
            "poll": draft.poll,
            "media_ids": [str(m) for m in draft.media_ids] or None,
            "sensitive": draft.sensitive,
            "spoiler_text": draft.spoiler_text or None,
            "visibility": draft.visibility,
            "in_reply_to_id": str(draft.in_reply_to_id) if draft.in_reply_to_id is not None else None,
            "language": draft.language,
            "application_id": str(app_id) if app_id is not None else None,
            "scheduled_at": None,
            "idempotency": None,
            "with_rate_limit": False,
        }

    def _check_draft(self, author: Account, draft: Draft, editing: Status | None = None) -> list[Media]:
        if draft.visibility is not None and draft.visibility not in VISIBILITIES:
            raise invalid("Visibility is not included in the list")
        media = []
        for raw in draft.media_ids:
            item = self.media.get(int(raw)) if str(raw).isdigit() else None
            if item is None or item.account_id != author.id:
                raise invalid("Media attachments are invalid")
            in_use = item.status_id is not None and (editing is None or item.status_id != editing.id)
            if in_use:
                raise invalid("Media attachments are already attached to another status")
            media.append(item)
        if len(media) > MAX_MEDIA:
            raise invalid(f"Media attachments can't be more than {MAX_MEDIA}")
        if media and draft.poll:
            raise invalid("Poll can't be combined with media attachments")
        if not draft.text.strip() and not media and not draft.poll:
            raise invalid("Text can't be blank")
        if len(draft.text) + len(draft.spoiler_text) > MAX_CHARACTERS:
            raise invalid(f"Text character limit of {MAX_CHARACTERS} exceeded")
        if draft.poll is not None:
            self._check_poll(draft.poll)
        return media

    @staticmethod
    def _check_poll(poll: dict[str, Any]) -> None:
        options = poll.get("options") or []
        if len(options) < 2:
            raise invalid("Poll options must have at least 2 items")
        if len(options) > POLL_OPTIONS:
            raise invalid(f"Poll options can't have more than {POLL_OPTIONS} items")
        if any(not str(o).strip() or len(str(o)) > POLL_OPTION_CHARACTERS for o in options):
            raise invalid(f"Poll options must be 1 to {POLL_OPTION_CHARACTERS} characters")
        if len(set(options)) != len(options):
            raise invalid("Poll options must be unique")
        expires = poll.get("expires_in")
        if not isinstance(expires, int) or not POLL_MIN_EXPIRATION <= expires <= POLL_MAX_EXPIRATION:
            raise invalid(f"Poll expires in must be between {POLL_MIN_EXPIRATION} and {POLL_MAX_EXPIRATION} seconds")

    def _publish(self, author: Account, draft: Draft, media: list[Media], app_id: int | None) -> Status:
        parent = None
        if draft.in_reply_to_id is not None:
            parent = self.statuses.get(int(draft.in_reply_to_id)) if str(draft.in_reply_to_id).isdigit() else None
            if parent is None or not self.can_see(author, parent) or parent.reblog_of is not None:
                raise not_found()
        visibility = draft.visibility or author.default_visibility
        if parent is not None and draft.visibility is None and parent.visibility in ("private", "direct"):
            visibility = parent.visibility
        now = self.now()
        status = Status(
            self.ids.next(),
            author.id,
            now,
            text=draft.text,
            visibility=visibility,
            sensitive=bool(draft.sensitive if draft.sensitive is not None else author.default_sensitive) or bool(draft.spoiler_text),
            spoiler_text=draft.spoiler_text,
            language=draft.language or author.default_language or "en",
            app_id=app_id,
        )
        self._apply_text(status, draft.text)
        if parent is not None:
            status.in_reply_to_id = parent.id
            status.in_reply_to_account_id = parent.account_id
            parent_author = self.accounts[parent.account_id]
            if parent_author.id != author.id and parent_author.id not in status.mentions:
                status.mentions.insert(0, parent_author.id)
            parent.replies.append(status.id)
        self._attach(status, media)
        if draft.poll is not None:
            status.poll_id = self._make_poll(status, draft.poll)
        status.conversation = self._thread_of(status, parent)
        self.index_status(status)
        author.last_status_at = now
        self._after_publish(status)
        return status

    def _apply_text(self, status: Status, text: str) -> None:
        mentioned, tags = find_mentions_and_tags(text)
        status.content = format_html(text, self.base_url, lambda name, domain: self.local_user(name, domain) is not None)
        status.tags = tags
        status.mentions = []
        for name, domain in mentioned:
            account = self.local_user(name, domain)
            if account is not None and account.id not in status.mentions and account.id != status.account_id:
                status.mentions.append(account.id)

    def _make_poll(self, status: Status, spec: dict[str, Any]) -> int:
        poll = Poll(
            self.ids.next(),
            status.id,
            [str(o) for o in spec["options"]],
            bool(spec.get("multiple")),
            bool(spec.get("hide_totals")),
            self.now() + int(spec["expires_in"]),
        )
        self.polls[poll.id] = poll
        return poll.id

    def _thread_of(self, status: Status, parent: Status | None) -> int:
        return parent.conversation if parent is not None else status.id

    def _after_publish(self, status: Status) -> None:
        author = self.accounts[status.account_id]
        for mentioned in status.mentions:
            account = self.accounts[mentioned]
            if self.can_see(account, status):
                self.notify(account, "mention", author, status)
        if status.visibility == "direct":
            self._update_conversations(status)
        self.events.status(status, "update")

    def _update_conversations(self, status: Status) -> None:
        people = [status.account_id, *status.mentions]
        for person in people:
            views = self.conversations.setdefault(person, {})
            view = views.get(status.conversation)
            others = [p for p in people if p != person]
            if view is None:
                view = Conversation(self.ids.next(), person, status.conversation, others, status.id, person != status.account_id)
                views[status.conversation] = view
            else:
                view.participants = list(dict.fromkeys(view.participants + others))
                view.last_status_id = status.id
                view.unread = view.unread or person != status.account_id
            self.events.conversation(view)

    # -- changing ------------------------------------------------------------------------

    def edit(self, viewer: Account, status: Status, draft: Draft) -> Status:
        if status.account_id != viewer.id or status.reblog_of is not None:
            raise forbidden()
        media = self._check_draft(viewer, draft, editing=status)
        if not status.history:
            status.history.append(self.snapshot(status, status.created_at))
        kept = {m.id for m in media}
        self.release_media([old for old in status.media_ids if old not in kept])
        self._attach(status, media)
        status.text = draft.text
        status.spoiler_text = draft.spoiler_text
        status.sensitive = bool(draft.sensitive) or bool(draft.spoiler_text)
        status.language = draft.language or status.language
        self._apply_text(status, draft.text)
        self._edit_poll(status, draft.poll)
        status.edited_at = self.now()
        status.history.append(self.snapshot(status, status.edited_at))
        author = self.accounts[status.account_id]
        for account_id in status.reblogged_by:
            self.notify(self.accounts[account_id], "update", author, status)
        self.events.status(status, "status.update")
        return status

    @staticmethod
    def _attach(status: Status, media: list[Media]) -> None:
        status.media_ids = [m.id for m in media]
        for item in media:
            item.status_id = status.id

    def _edit_poll(self, status: Status, spec: dict[str, Any] | None) -> None:
        """An edit keeps the poll (and its votes) unless its options change."""
        if spec is None:
            status.poll_id = None
            return
        old_poll = self.polls.get(status.poll_id) if status.poll_id is not None else None
        if old_poll is None or old_poll.options != [str(o) for o in spec["options"]]:
            status.poll_id = self._make_poll(status, spec)

    def snapshot(self, status: Status, moment: float) -> Version:
        poll = self.polls.get(status.poll_id) if status.poll_id is not None else None
        return Version(
            status.text,
            status.content,
            status.spoiler_text,
            status.sensitive,
            list(status.media_ids),
            list(poll.options) if poll else None,
            moment,
        )

    def delete(self, viewer: Account, status: Status, delete_media: bool = False) -> None:
        """Delete a status; its media are freed for another status, or deleted too."""
        if status.account_id != viewer.id:
            raise forbidden()
        self._remove(status)
        if delete_media:
            for media_id in status.media_ids:
                self.media.pop(media_id, None)
        else:
            self.release_media(status.media_ids)

    def _remove(self, status: Status) -> None:
        for reblog_id in list(status.reblogged_by.values()):
            reblog = self.statuses.get(reblog_id)
            if reblog is not None:
                self._remove(reblog)
        self._unlink(status)
        for account_id in status.favourited_by:
            account = self.accounts[account_id]
            account.favourites = [f for f in account.favourites if f[1] != status.id]
        for account_id in status.bookmarked_by:
            account = self.accounts[account_id]
            account.bookmarks = [b for b in account.bookmarks if b[1] != status.id]
        for notes in self.notifications.values():
            notes[:] = [n for n in notes if n.status_id != status.id]
        self.events.deleted(status)
        self.unindex_status(status)

    def _unlink(self, status: Status) -> None:
        """Take a status out of the boost, thread and pin it belongs to."""
        original = self.statuses.get(status.reblog_of) if status.reblog_of is not None else None
        if original is not None:
            original.reblogged_by.pop(status.account_id, None)
        parent = self.statuses.get(status.in_reply_to_id) if status.in_reply_to_id is not None else None
        if parent is not None and status.id in parent.replies:
            parent.replies.remove(status.id)
        author = self.accounts[status.account_id]
        if status.id in author.pinned:
            author.pinned.remove(status.id)

    # -- interactions --------------------------------------------------------------------

    def visible(self, viewer: Account | None, status_id: Any) -> Status:
        status = self.status_record(status_id)
        if not self.can_see(viewer, status):
            raise not_found()
        return status

    def favourite(self, viewer: Account, status: Status) -> Status:
        target = self.original(status)
        if viewer.id not in target.favourited_by:
            record = self.ids.next()
            target.favourited_by[viewer.id] = record
            viewer.favourites.append((record, target.id))
            self.notify(self.accounts[target.account_id], "favourite", viewer, target)
        return target

    def unfavourite(self, viewer: Account, status: Status) -> Status:
        target = self.original(status)
        if target.favourited_by.pop(viewer.id, None) is not None:
            viewer.favourites = [f for f in viewer.favourites if f[1] != target.id]
        return target

    def reblog(self, viewer: Account, status: Status, visibility: str | None) -> Status:
        target = self.original(status)
        if target.visibility in ("private", "direct") and target.account_id != viewer.id:
            raise forbidden()
        if target.visibility == "direct":
            raise forbidden()
        if visibility is not None and visibility not in ("public", "unlisted", "private"):
            raise invalid("Visibility is not included in the list")
        existing = target.reblogged_by.get(viewer.id)
        if existing is not None and existing in self.statuses:
            return self.statuses[existing]
        reblog = Status(self.ids.next(), viewer.id, self.now(), visibility=visibility or "public", reblog_of=target.id)
        reblog.conversation = reblog.id
        target.reblogged_by[viewer.id] = reblog.id
        self.index_status(reblog)
        self.notify(self.accounts[target.account_id], "reblog", viewer, target)
        self.events.status(reblog, "update")
        return reblog

    def unreblog(self, viewer: Account, status: Status) -> Status:
        target = self.original(status)
        existing = target.reblogged_by.get(viewer.id)
        if existing is not None and existing in self.statuses:
            self._remove(self.statuses[existing])
        return target

    def bookmark(self, viewer: Account, status: Status, on: bool) -> Status:
        target = self.original(status)
        if on and viewer.id not in target.bookmarked_by:
            target.bookmarked_by.add(viewer.id)
            viewer.bookmarks.append((self.ids.next(), target.id))
        elif not on and viewer.id in target.bookmarked_by:
            target.bookmarked_by.discard(viewer.id)
            viewer.bookmarks = [b for b in viewer.bookmarks if b[1] != target.id]
        return target

    def pin(self, viewer: Account, status: Status, on: bool) -> Status:
        if status.account_id != viewer.id or status.reblog_of is not None:
            raise invalid("Status is not yours") if on else forbidden()
        if on:
            if status.visibility not in ("public", "unlisted", "private"):
                raise invalid("Visibility of this status does not allow pinning")
            if status.id not in viewer.pinned:
                if len(viewer.pinned) >= MAX_PINNED:
                    raise invalid("You have already pinned the maximum number of posts")
                viewer.pinned.append(status.id)
        elif status.id in viewer.pinned:
            viewer.pinned.remove(status.id)
        return status

    def mute_thread(self, viewer: Account, status: Status, on: bool) -> Status:
        if on:
            status.muted_by.add(viewer.id)
        else:
            status.muted_by.discard(viewer.id)
        return status

    # -- media ---------------------------------------------------------------------------

    def upload(self, owner: Account, data: bytes, mime: str, filename: str, description: str | None, focus: Any, delay: float) -> Media:
        major = mime.split("/")[0]
        kind = "gifv" if mime == "image/gif" else MEDIA_KINDS.get(major)
        if kind is None:
            raise invalid("File content type is invalid")
        if not data:
            raise invalid("File file size must be greater than 0 bytes")
        if description is not None and len(description) > 1500:
            raise invalid("Description is too long (maximum is 1500 characters)")
        now = self.now()
        media = Media(self.ids.next(), owner.id, kind, mime, filename, data, now, now + delay, description, focus)
        size = image_size(data) if major == "image" else None
        if size:
            media.width, media.height = size
        self.media[media.id] = media
        return media

    def own_media(self, viewer: Account, media_id: Any) -> Media:
        media = self.media.get(int(media_id)) if str(media_id).isdigit() else None
        if media is None or media.account_id != viewer.id:
            raise not_found()
        return media

    # -- polls ---------------------------------------------------------------------------

    def vote(self, viewer: Account, poll: Poll, choices: list[int]) -> Poll:
        status = self.statuses[poll.status_id]
        if poll.expires_at is not None and poll.expires_at <= self.now():
            raise invalid("The poll has already ended")
        if viewer.id in poll.votes:
            raise invalid("You have already voted on this poll")
        if status.account_id == viewer.id:
            raise invalid("You cannot vote in your own poll")
        if not choices or any(c < 0 or c >= len(poll.options) for c in choices) or len(set(choices)) != len(choices):
            raise invalid("Choices are invalid")
        if len(choices) > 1 and not poll.multiple:
            raise invalid("You can only choose one option in this poll")
        poll.votes[viewer.id] = sorted(choices)
        return poll

    # -- time passing --------------------------------------------------------------------

    def run_due(self) -> None:
        """Publish scheduled statuses whose time has come and close ended polls."""
        now = self.now()
        for record in sorted(self.scheduled.values(), key=lambda r: r.scheduled_at):
            if record.scheduled_at <= now:
                self._publish_scheduled(record)
        for poll in list(self.polls.values()):
            if poll.expires_at is not None and poll.expires_at <= now and not poll.ended_notified:
                poll.ended_notified = True
                status = self.statuses.get(poll.status_id)
                if status is None:
                    continue
                author = self.accounts[status.account_id]
                for voter in [author.id, *poll.votes]:
                    self.notify(self.accounts[voter], "poll", author, status)

    def _publish_scheduled(self, record: Scheduled) -> None:
        self.cancel_scheduled(record)
        params = record.params
        draft = Draft(
            text=params["text"] or "",
            visibility=params["visibility"],
            sensitive=params["sensitive"],
            spoiler_text=params["spoiler_text"] or "",
            language=params["language"],
            in_reply_to_id=params["in_reply_to_id"],
            media_ids=list(record.media_ids),
            poll=params["poll"],
        )
        author = self.accounts[record.account_id]
        try:
            media = self._check_draft(author, draft)
            self._publish(author, draft, media, record.app_id)
        except ApiError:
            pass  # what was valid when scheduled may not be any more (reply deleted): Mastodon drops it too

    def update_scheduled(self, record: Scheduled, scheduled_at: float) -> Scheduled:
        if scheduled_at < self.now() + SCHEDULE_MIN_AHEAD:
            raise invalid("Scheduled at The scheduled date must be in the future")
        record.scheduled_at = scheduled_at
        return record

    def cancel_scheduled(self, record: Scheduled) -> None:
        del self.scheduled[record.id]
        self.release_media(record.media_ids)
