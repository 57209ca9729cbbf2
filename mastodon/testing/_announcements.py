"""Announcements from the instance's staff: publishing them, reading and reacting."""

from __future__ import annotations

from typing import Any

from ._errors import invalid, not_found
from ._records import Account, Announcement
from ._store import Store
from ._text import find_mentions_and_tags, format_html, is_emoji


class AnnouncementRules(Store):
    """Announcements: published by the instance, read, dismissed and reacted to by accounts."""

    def announce(self, text: str, starts_at: float | None, ends_at: float | None, all_day: bool) -> Announcement:
        """Publish an announcement to every account (and every ``user`` stream)."""
        if not text.strip():
            raise invalid("Text can't be blank")
        mentioned, tags = find_mentions_and_tags(text)
        content = format_html(text, self.base_url, lambda name, domain: self.local_user(name, domain) is not None)
        record = Announcement(self.ids.next(), text, content, self.now(), starts_at, ends_at, all_day, tags=tags)
        for name, domain in mentioned:
            account = self.local_user(name, domain)
            if account is not None and account.id not in record.mentions:
                record.mentions.append(account.id)
        self.announcements[record.id] = record
        self.events.announcement(record, "announcement")
        return record

    def withdraw_announcement(self, record: Announcement) -> None:
        del self.announcements[record.id]
        self.events.announcement(record, "announcement.delete")

    def active_announcements(self) -> list[Announcement]:
        """Published and not ended, oldest first (Mastodon unpublishes ended ones)."""
        now = self.now()
        return [a for a in self.announcements.values() if a.ends_at is None or a.ends_at > now]

    def announcement(self, announcement_id: Any) -> Announcement:
        found = next((a for a in self.active_announcements() if str(a.id) == str(announcement_id)), None)
        if found is None:
            raise not_found()
        return found

    def dismiss_announcement(self, viewer: Account, record: Announcement) -> None:
        record.read_by.add(viewer.id)

    def react(self, viewer: Account, record: Announcement, name: str, on: bool) -> None:
        """Add (again: no change) or remove the viewer's reaction ``name``."""
        if not is_emoji(name):
            raise invalid("Name is not a recognized emoji")
        reacted = record.reactions.get(name, [])
        if on == (viewer.id in reacted):
            return
        if on:
            record.reactions[name] = [*reacted, viewer.id]
        else:
            reacted.remove(viewer.id)
            if not reacted:
                del record.reactions[name]
        self.events.announcement(record, "announcement.reaction", name)
