"""Records to API entities, shaped as the official entity documentation says.

Every method answers for one viewer (the logged-in account, or ``None``), since
``favourited``, ``relationship`` and friends depend on who asks.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from . import _policy as policy
from ._records import (
    Account,
    Announcement,
    App,
    Conversation,
    FeaturedTag,
    FilterRecord,
    Keyword,
    ListRecord,
    Marker,
    Media,
    Notification,
    NotificationRequest,
    Poll,
    Report,
    Scheduled,
    Status,
    Token,
    Version,
    day,
    iso,
)
from ._store import Store
from ._text import plain_note

JSON = dict[str, Any]

# Mastodon's placeholder pictures for accounts without an avatar or header.
MISSING_AVATAR = "/avatars/original/missing.png"
MISSING_HEADER = "/headers/original/missing.png"


class Renderer(Store):
    """The ``render_*`` methods of the state."""

    # -- accounts ------------------------------------------------------------------------

    def render_account(self, account: Account) -> JSON:
        base = self.base_url
        avatar = self.media_url(self.media[account.avatar_media]) if account.avatar_media in self.media else base + MISSING_AVATAR
        header = self.media_url(self.media[account.header_media]) if account.header_media in self.media else base + MISSING_HEADER
        statuses = self.by_account.get(account.id, [])
        return {
            "id": str(account.id),
            "username": account.username,
            "acct": account.username,
            "url": f"{base}/@{account.username}",
            "uri": f"{base}/users/{account.username}",
            "display_name": account.display_name,
            "note": plain_note(account.note),
            "avatar": avatar,
            "avatar_static": avatar,
            "avatar_description": "",
            "header": header,
            "header_static": header,
            "header_description": "",
            "locked": account.locked,
            "fields": [{"name": name, "value": value, "verified_at": None} for name, value in account.fields],
            "emojis": [],
            "bot": account.bot,
            "group": False,
            "discoverable": account.discoverable,
            "indexable": account.indexable,
            "noindex": not account.indexable,
            "hide_collections": False,
            "moved": None,
            "memorial": False,
            "suspended": False,
            "limited": False,
            "created_at": iso(account.created_at - account.created_at % 86400),  # Mastodon rounds to the day
            "last_status_at": day(account.last_status_at) if account.last_status_at else None,
            "statuses_count": len(statuses),
            "followers_count": len(account.followers),
            "following_count": len(account.following),
            "roles": [],
        }

    def render_credential_account(self, account: Account) -> JSON:
        entity = self.render_account(account)
        entity["source"] = {
            "note": account.note,
            "fields": [{"name": name, "value": value, "verified_at": None} for name, value in account.fields],
            "privacy": account.default_visibility,
            "sensitive": account.default_sensitive,
            "language": account.default_language,
            "follow_requests_count": len(account.requested_by),
            "hide_collections": False,
            "discoverable": account.discoverable,
            "indexable": account.indexable,
            "attribution_domains": [],
        }
        entity["role"] = {"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": False}
        return entity

    def render_relationship(self, viewer: Account, other: Account) -> JSON:
        mute = viewer.muting.get(other.id) if self.is_muted(viewer, other.id) else None
        return {
            "id": str(other.id),
            "following": other.id in viewer.following,
            "showing_reblogs": viewer.show_reblogs.get(other.id, False) if other.id in viewer.following else False,
            "notifying": viewer.notify.get(other.id, False) if other.id in viewer.following else False,
            "languages": None,
            "followed_by": viewer.id in other.following,
            "blocking": other.id in viewer.blocking,
            "blocked_by": viewer.id in other.blocking,
            "muting": mute is not None,
            "muting_notifications": bool(mute and mute[1]),
            "muting_expires_at": iso(mute[2]) if mute else None,
            "requested": other.id in viewer.requested,
            "requested_by": other.id in viewer.requested_by,
            "domain_blocking": False,
            "endorsed": False,
            "note": viewer.notes.get(other.id, ""),
        }

    # -- statuses ------------------------------------------------------------------------

    def media_url(self, media: Media) -> str:
        extension = mimetypes.guess_extension(media.mime) or ".bin"
        return f"{self.base_url}/system/media_attachments/files/{media.id}/original{extension}"

    def render_media(self, media: Media) -> JSON:
        ready = media.ready_at <= self.now()
        meta: JSON = {}
        if media.width and media.height:
            size = {"width": media.width, "height": media.height, "size": f"{media.width}x{media.height}"}
            size["aspect"] = round(media.width / media.height, 6)
            meta = {"original": size, "small": dict(size)}
        if media.focus is not None:
            meta["focus"] = {"x": media.focus[0], "y": media.focus[1]}
        url = self.media_url(media) if ready else None
        return {
            "id": str(media.id),
            "type": media.kind,
            "url": url,
            "preview_url": url,
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": meta,
            "description": media.description,
            "blurhash": None,
        }

    def render_poll(self, poll: Poll, viewer: Account | None) -> JSON:
        expired = poll.expires_at is not None and poll.expires_at <= self.now()
        status = self.statuses.get(poll.status_id)
        owner = status is not None and viewer is not None and viewer.id == status.account_id
        counts = [0] * len(poll.options)
        for choices in poll.votes.values():
            for index in choices:
                counts[index] += 1
        show = not poll.hide_totals or expired or owner
        own = poll.votes.get(viewer.id) if viewer is not None else None
        entity: JSON = {
            "id": str(poll.id),
            "expires_at": iso(poll.expires_at),
            "expired": expired,
            "multiple": poll.multiple,
            "votes_count": sum(counts),
            "voters_count": len(poll.votes) if poll.multiple else None,
            "options": [{"title": title, "votes_count": counts[i] if show else None} for i, title in enumerate(poll.options)],
            "emojis": [],
        }
        if viewer is not None:
            entity["voted"] = own is not None or owner
            entity["own_votes"] = list(own or [])
        return entity

    def render_status(self, status: Status, viewer: Account | None, context: str | None = None) -> JSON:
        if status.reblog_of is not None:
            original = self.statuses[status.reblog_of]
            entity = self._status_fields(status, viewer, None)
            entity["reblog"] = self._status_fields(original, viewer, context)
            entity.update(content="", spoiler_text="", media_attachments=[], mentions=[], tags=[], poll=None, card=None)
            entity["filtered"] = entity["reblog"].get("filtered", [])
            return entity
        return self._status_fields(status, viewer, context)

    def _status_fields(self, status: Status, viewer: Account | None, context: str | None) -> JSON:
        base = self.base_url
        author = self.accounts[status.account_id]
        app = self.apps.get(status.app_id) if status.app_id is not None else None
        entity: JSON = {
            "id": str(status.id),
            "uri": f"{base}/users/{author.username}/statuses/{status.id}",
            "url": f"{base}/@{author.username}/{status.id}",
            "created_at": iso(status.created_at),
            "account": self.render_account(author),
            "content": status.content,
            "visibility": status.visibility,
            "sensitive": status.sensitive,
            "spoiler_text": status.spoiler_text,
            "media_attachments": [self.render_media(self.media[m]) for m in status.media_ids if m in self.media],
            "application": {"name": app.name, "website": app.website} if app is not None else None,
            "mentions": [self._mention(self.accounts[m]) for m in status.mentions if m in self.accounts],
            "tags": [{"name": tag, "url": f"{base}/tags/{tag}"} for tag in status.tags],
            "emojis": [],
            "reblogs_count": len(status.reblogged_by),
            "favourites_count": len(status.favourited_by),
            "replies_count": len(status.replies),
            "quotes_count": 0,
            "in_reply_to_id": str(status.in_reply_to_id) if status.in_reply_to_id is not None else None,
            "in_reply_to_account_id": str(status.in_reply_to_account_id) if status.in_reply_to_account_id is not None else None,
            "reblog": None,
            "poll": self.render_poll(self.polls[status.poll_id], viewer) if status.poll_id in self.polls else None,
            "card": None,
            "language": status.language,
            "text": None,
            "edited_at": iso(status.edited_at),
            "quote": None,
        }
        if viewer is not None:
            entity["favourited"] = viewer.id in status.favourited_by
            entity["reblogged"] = viewer.id in status.reblogged_by
            entity["muted"] = viewer.id in status.muted_by
            entity["bookmarked"] = viewer.id in status.bookmarked_by
            if status.account_id == viewer.id:
                entity["pinned"] = status.id in author.pinned
            entity["filtered"] = self.filter_results(viewer, status, context) if context else []
        return entity

    def _mention(self, account: Account) -> JSON:
        return {
            "id": str(account.id),
            "username": account.username,
            "url": f"{self.base_url}/@{account.username}",
            "acct": account.username,
        }

    def render_source(self, status: Status) -> JSON:
        return {"id": str(status.id), "text": status.text, "spoiler_text": status.spoiler_text}

    def render_version(self, status: Status, version: Version, viewer: Account | None) -> JSON:
        entity: JSON = {
            "content": version.content,
            "spoiler_text": version.spoiler_text,
            "sensitive": version.sensitive,
            "created_at": iso(version.created_at),
            "account": self.render_account(self.accounts[status.account_id]),
            "media_attachments": [self.render_media(self.media[m]) for m in version.media_ids if m in self.media],
            "emojis": [],
        }
        if version.poll_options is not None:
            entity["poll"] = {"options": [{"title": title} for title in version.poll_options]}
        return entity

    def render_scheduled(self, scheduled: Scheduled) -> JSON:
        return {
            "id": str(scheduled.id),
            "scheduled_at": iso(scheduled.scheduled_at),
            "params": dict(scheduled.params, scheduled_at=None),
            "media_attachments": [self.render_media(self.media[m]) for m in scheduled.media_ids if m in self.media],
        }

    # -- filters -------------------------------------------------------------------------

    def render_keyword(self, keyword: Keyword) -> JSON:
        return {"id": str(keyword.id), "keyword": keyword.keyword, "whole_word": keyword.whole_word}

    def render_filter(self, record: FilterRecord, with_children: bool = True) -> JSON:
        entity: JSON = {
            "id": str(record.id),
            "title": record.title,
            "context": list(record.context),
            "expires_at": iso(record.expires_at),
            "filter_action": record.action,
        }
        if with_children:
            entity["keywords"] = [self.render_keyword(k) for k in record.keywords]
            entity["statuses"] = [self.render_filter_status(entry) for entry in record.statuses]
        return entity

    @staticmethod
    def render_v1_filter(record: FilterRecord, keyword: Keyword) -> JSON:
        return {
            "id": str(keyword.id),
            "phrase": keyword.keyword,
            "context": list(record.context),
            "whole_word": keyword.whole_word,
            "expires_at": iso(record.expires_at),
            "irreversible": record.action == "hide",
        }

    @staticmethod
    def render_filter_status(entry: tuple[int, int]) -> JSON:
        return {"id": str(entry[0]), "status_id": str(entry[1])}

    def filter_results(self, viewer: Account, status: Status, context: str) -> list[JSON]:
        """Mastodon's ``filtered`` attribute: which of the viewer's filters match."""
        return [
            {
                "filter": self.render_filter(record, with_children=False),
                "keyword_matches": words or None,
                "status_matches": by_status or None,
            }
            for record, words, by_status in self.filter_matches(viewer, status, context)
        ]

    # -- the rest ------------------------------------------------------------------------

    def render_notification(self, note: Notification, viewer: Account) -> JSON:
        status = self.statuses.get(note.status_id) if note.status_id is not None else None
        return {
            "id": str(note.id),
            "type": note.type,
            "group_key": note.group_key,
            "created_at": iso(note.created_at),
            "account": self.render_account(self.accounts[note.from_id]),
            "status": self.render_status(status, viewer, "notifications") if status is not None else None,
        }

    def render_groups(
        self, groups: list[tuple[str, list[Notification]]], viewer: Account, partial: bool = False, paged: bool = True
    ) -> JSON:
        """A ``GroupedNotificationsResults``: the groups, and the sample accounts and the
        statuses they name. ``partial`` (``expand_accounts=partial_avatars``) renders only
        the latest account of each group in full, the others as partial accounts;
        ``paged`` adds the bounds of each group within the page."""
        samples = [_sample_accounts(members) for _, members in groups]
        full = list(dict.fromkeys(ids[0] for ids in samples)) if partial else list(dict.fromkeys(a for ids in samples for a in ids))
        status_ids = list(dict.fromkeys(m.status_id for _, members in groups for m in members if m.status_id is not None))
        body: JSON = {
            "accounts": [self.render_account(self.accounts[a]) for a in full],
            "statuses": [self.render_status(self.statuses[s], viewer, "notifications") for s in status_ids if s in self.statuses],
            "notification_groups": [self._render_group(key, members, paged) for key, members in groups],
        }
        if partial:
            others = dict.fromkeys(a for ids in samples for a in ids if a not in full)
            body["partial_accounts"] = [self.render_partial_account(self.accounts[a]) for a in others]
        return body

    def render_partial_account(self, account: Account) -> JSON:
        """A ``PartialAccountWithAvatar``: what a client needs to draw an avatar."""
        entity = self.render_account(account)
        return {name: entity[name] for name in ("id", "acct", "url", "avatar", "avatar_static", "avatar_description", "locked", "bot")}

    @staticmethod
    def _render_group(key: str, members: list[Notification], paged: bool) -> JSON:
        latest = members[0]
        group: JSON = {
            "group_key": key,
            "notifications_count": len(members),
            "type": latest.type,
            "most_recent_notification_id": str(latest.id),
        }
        if paged:
            group["page_min_id"] = str(members[-1].id)
            group["page_max_id"] = str(latest.id)
            group["latest_page_notification_at"] = iso(latest.created_at)
        group["sample_account_ids"] = [str(a) for a in _sample_accounts(members)]
        group["status_id"] = str(latest.status_id) if latest.status_id is not None else None
        return group

    def render_notification_policy(self, viewer: Account, pending: list[NotificationRequest], held: int) -> JSON:
        entity: JSON = {name: policy.setting(viewer, name) for name in policy.DEFAULTS}
        entity["summary"] = {"pending_requests_count": len(pending), "pending_notifications_count": held}
        return entity

    def render_notification_request(self, request: NotificationRequest, held: int, last_status: Status | None, viewer: Account) -> JSON:
        return {
            "id": str(request.id),
            "created_at": iso(request.created_at),
            "updated_at": iso(request.updated_at),
            "notifications_count": str(held),
            "account": self.render_account(self.accounts[request.from_id]),
            "last_status": self.render_status(last_status, viewer, "notifications") if last_status is not None else None,
        }

    def render_conversation(self, conversation: Conversation, viewer: Account) -> JSON:
        last = self.statuses.get(conversation.last_status_id)
        return {
            "id": str(conversation.id),
            "unread": conversation.unread,
            "accounts": [self.render_account(self.accounts[a]) for a in conversation.participants if a in self.accounts],
            "last_status": self.render_status(last, viewer) if last is not None else None,
        }

    @staticmethod
    def render_list(record: ListRecord) -> JSON:
        return {"id": str(record.id), "title": record.title, "replies_policy": record.replies_policy, "exclusive": record.exclusive}

    def render_announcement(self, record: Announcement, viewer: Account) -> JSON:
        return {
            "id": str(record.id),
            "content": record.content,
            "starts_at": iso(record.starts_at),
            "ends_at": iso(record.ends_at),
            "all_day": record.all_day,
            "published_at": iso(record.published_at),
            "updated_at": iso(record.published_at),
            "read": viewer.id in record.read_by,
            "mentions": [self._mention(self.accounts[a]) for a in record.mentions if a in self.accounts],
            "statuses": [],
            "tags": [{"name": tag, "url": f"{self.base_url}/tags/{tag}"} for tag in record.tags],
            "emojis": [],
            "reactions": [{"name": name, "count": len(ids), "me": viewer.id in ids} for name, ids in record.reactions.items()],
        }

    def render_report(self, report: Report) -> JSON:
        return {
            "id": str(report.id),
            "action_taken": False,
            "action_taken_at": None,
            "category": report.category,
            "comment": report.comment,
            "forwarded": report.forward,
            "created_at": iso(report.created_at),
            "status_ids": [str(s) for s in report.status_ids] or None,
            "rule_ids": list(report.rule_ids) or None,
            "target_account": self.render_account(self.accounts[report.target_id]),
        }

    def render_tag(self, name: str, viewer: Account | None = None) -> JSON:
        statuses = [self.statuses[s] for s in self.by_tag.get(name, []) if s in self.statuses]
        today = self.now() // 86400 * 86400  # one reading of the clock (two made days start a second early)
        history = []
        for back in range(7):
            start = today - back * 86400
            used = [s for s in statuses if start <= s.created_at < start + 86400]
            history.append({"day": str(int(start)), "uses": str(len(used)), "accounts": str(len({s.account_id for s in used}))})
        entity: JSON = {"id": str(self.tag_id(name)), "name": name, "url": f"{self.base_url}/tags/{name}", "history": history}
        if viewer is not None:
            entity["following"] = name in viewer.followed_tags
            entity["featuring"] = any(r.account_id == viewer.id and r.name == name for r in self.featured_tags.values())
        return entity

    def render_featured_tag(self, record: FeaturedTag) -> JSON:
        account = self.accounts[record.account_id]
        shown = [
            status
            for status in (self.statuses[key] for key in self.by_tag.get(record.name, []))
            if status.account_id == account.id and status.visibility in ("public", "unlisted") and status.reblog_of is None
        ]
        return {
            "id": str(record.id),
            "name": record.name,
            "url": f"{self.base_url}/@{account.username}/tagged/{record.name}",
            "statuses_count": str(len(shown)),
            "last_status_at": day(shown[-1].created_at) if shown else None,
        }

    @staticmethod
    def render_token(token: Token) -> JSON:
        return {"access_token": token.value, "token_type": "Bearer", "scope": " ".join(token.scopes), "created_at": int(token.created_at)}

    @staticmethod
    def render_marker(marker: Marker) -> JSON:
        return {"last_read_id": marker.last_read_id, "version": marker.version, "updated_at": iso(marker.updated_at)}

    @staticmethod
    def render_app(app: App, with_secret: bool) -> JSON:
        entity: JSON = {
            "id": str(app.id),
            "name": app.name,
            "website": app.website,
            "scopes": list(app.scopes),
            "redirect_uri": "\n".join(app.redirect_uris),
            "redirect_uris": list(app.redirect_uris),
            "vapid_key": VAPID_KEY,
        }
        if with_secret:
            entity.update(client_id=app.client_id, client_secret=app.client_secret, client_secret_expires_at=0)
        return entity


def _sample_accounts(members: list[Notification]) -> list[int]:
    """The accounts a notification group shows: its latest eight senders, newest first."""
    return list(dict.fromkeys(note.from_id for note in members))[:8]


# A well-formed P-256 public key (the curve's generator point, uncompressed):
# push messages are never sent, but clients read the key from apps and the instance.
VAPID_KEY = "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU="
