"""Reading lists of things: timelines, threads, accounts, conversations, trends and search."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ._errors import not_found
from ._paging import Bounds, Page, paginate
from ._records import Account, Conversation, ListRecord, Status
from ._store import Store
from ._text import without_tags

TREND_SECONDS = 7 * 86400  # what counts towards trends: the last week


class FeedRules(Store):
    """Everything that reads lists of things, as the viewer may see them."""

    # -- timelines -----------------------------------------------------------------------

    def feed(self, keys: list[int], keep: Callable[[Status], bool], bounds: Bounds) -> Page[Status]:
        def item(key: int) -> Status | None:
            status = self.statuses.get(key)
            return status if status is not None and keep(status) else None

        return paginate(keys, item, bounds)

    def in_home(self, viewer: Account, status: Status) -> bool:
        """Whether a status lands in the viewer's home feed (Mastodon's fan-out rules)."""
        author = status.account_id
        if author != viewer.id and author not in viewer.following:
            # Mentions by strangers arrive as notifications, not in the feed; public
            # statuses with a followed hashtag do come in.
            return self._has_followed_tag(viewer, status) and self.shown_in(viewer, status, "home")
        if status.reblog_of is not None:
            if author != viewer.id and not viewer.show_reblogs.get(author, True):
                return False
            if self.statuses[status.reblog_of].account_id == viewer.id:
                return False
        elif status.in_reply_to_account_id is not None and author != viewer.id:
            replied_to = status.in_reply_to_account_id
            if replied_to != author and replied_to != viewer.id and replied_to not in viewer.following:
                return False
        return self.shown_in(viewer, status, "home")

    @staticmethod
    def _has_followed_tag(viewer: Account, status: Status) -> bool:
        if status.visibility != "public" or status.reblog_of is not None:
            return False
        # Only statuses posted after the follow: Mastodon delivers them as they are
        # posted, and does not fill the feed with older ones (ids grow with time).
        return any(viewer.followed_tags.get(tag, status.id) < status.id for tag in status.tags)

    def home(self, viewer: Account, bounds: Bounds) -> Page[Status]:
        return self.feed(self.status_ids, lambda s: self.in_home(viewer, s), bounds)

    def direct(self, viewer: Account, bounds: Bounds) -> Page[Status]:
        """The direct messages the viewer wrote or was mentioned in."""
        return self.feed(
            self.status_ids, lambda s: s.visibility == "direct" and (s.account_id == viewer.id or viewer.id in s.mentions), bounds
        )

    def in_public(self, viewer: Account | None, status: Status, local: bool, remote: bool, only_media: bool) -> bool:
        if status.visibility != "public" or status.reblog_of is not None or remote:
            return False
        if status.in_reply_to_account_id is not None and status.in_reply_to_account_id != status.account_id:
            return False
        if only_media and not status.media_ids:
            return False
        return self.shown_in(viewer, status, "public")

    def public(self, viewer: Account | None, bounds: Bounds, local: bool, remote: bool, only_media: bool) -> Page[Status]:
        return self.feed(self.status_ids, lambda s: self.in_public(viewer, s, local, remote, only_media), bounds)

    def tag_timeline(
        self,
        viewer: Account | None,
        tag: str,
        any_tags: list[str],
        all_tags: list[str],
        none_tags: list[str],
        bounds: Bounds,
        **flags: bool,
    ) -> Page[Status]:
        wanted = [tag.lower(), *(t.lower() for t in any_tags)]
        keys = sorted({key for name in wanted for key in self.by_tag.get(name, [])})

        def keep(status: Status) -> bool:
            if any(t.lower() not in status.tags for t in all_tags) or any(t.lower() in status.tags for t in none_tags):
                return False
            if status.visibility != "public" or status.reblog_of is not None or flags.get("remote"):
                return False
            if flags.get("only_media") and not status.media_ids:
                return False
            return self.shown_in(viewer, status, "public")

        return self.feed(keys, keep, bounds)

    def in_list(self, record: ListRecord, status: Status) -> bool:
        owner = self.accounts[record.account_id]
        if status.account_id not in record.members:
            return False
        if status.in_reply_to_account_id is not None and status.reblog_of is None:
            replied_to = status.in_reply_to_account_id
            if record.replies_policy == "none" and replied_to != status.account_id:
                return False
            if record.replies_policy == "list" and replied_to not in record.members and replied_to not in (owner.id, status.account_id):
                return False
            if record.replies_policy == "followed" and replied_to not in owner.following and replied_to != owner.id:
                return False
        return self.shown_in(owner, status, "home")

    def list_timeline(self, viewer: Account, record: ListRecord, bounds: Bounds) -> Page[Status]:
        return self.feed(self.status_ids, lambda s: self.in_list(record, s), bounds)

    def account_statuses(self, viewer: Account | None, author: Account, bounds: Bounds, **flags: Any) -> Page[Status]:
        if (viewer is not None and author.id in viewer.blocking) or (viewer is not None and viewer.id in author.blocking):
            return Page()
        keys = sorted(author.pinned) if flags.get("pinned") else self.by_account.get(author.id, [])

        def keep(status: Status) -> bool:
            if flags.get("exclude_replies") and status.in_reply_to_id is not None and status.in_reply_to_account_id != author.id:
                return False
            if flags.get("exclude_reblogs") and status.reblog_of is not None:
                return False
            original = self.original(status)
            if flags.get("only_media") and not original.media_ids:
                return False
            tagged = flags.get("tagged")
            if tagged and tagged.lower() not in original.tags:
                return False
            return self.can_see(viewer, status) and not self.hidden_by_filter(viewer, status, "account")

        return self.feed(keys, keep, bounds)

    def context(self, viewer: Account | None, status: Status) -> tuple[list[Status], list[Status]]:
        ancestors: list[Status] = []
        parent_id = status.in_reply_to_id
        while parent_id is not None and parent_id in self.statuses:
            parent = self.statuses[parent_id]
            if self.shown_in(viewer, parent, "thread"):
                ancestors.append(parent)
            parent_id = parent.in_reply_to_id
        ancestors.reverse()
        descendants: list[Status] = []
        stack = list(reversed(status.replies))
        while stack:
            child = self.statuses.get(stack.pop())
            if child is None:
                continue
            if self.shown_in(viewer, child, "thread"):
                descendants.append(child)
            stack.extend(reversed(child.replies))
        return ancestors, descendants

    # -- lists of accounts ---------------------------------------------------------------

    def account_page(self, records: dict[int, Any], bounds: Bounds, keep: Callable[[Account], bool] | None = None) -> Page[Account]:
        """Accounts keyed by relation record id (follows, blocks...), paged by that id."""
        by_record: dict[int, int] = {}
        for account_id, record in records.items():
            by_record[record[0] if isinstance(record, tuple) else record] = account_id
        keys = sorted(by_record)

        def item(key: int) -> Account | None:
            account = self.accounts.get(by_record[key])
            return account if account is not None and (keep is None or keep(account)) else None

        return paginate(keys, item, bounds)

    def saved_page(self, viewer: Account, saved: list[tuple[int, int]], bounds: Bounds) -> Page[Status]:
        index = dict(saved)
        keys = sorted(index)

        def item(key: int) -> Status | None:
            status = self.statuses.get(index[key])
            return status if status is not None and self.can_see(viewer, status) else None

        return paginate(keys, item, bounds)

    # -- conversations -------------------------------------------------------------------

    def conversation_page(self, viewer: Account, bounds: Bounds) -> Page[Conversation]:
        views = {v.last_status_id: v for v in self.conversations.get(viewer.id, {}).values()}
        keys = sorted(views)
        return paginate(keys, views.get, bounds)

    def own_conversation(self, viewer: Account, conversation_id: Any) -> Conversation:
        for view in self.conversations.get(viewer.id, {}).values():
            if str(view.id) == str(conversation_id):
                return view
        raise not_found()

    # -- trends ----------------------------------------------------------------------------
    # Mastodon ranks by scores that decay, and shows what its moderators approved;
    # this server ranks the last week's public statuses plainly, with no review.

    def _recent_public(self) -> list[Status]:
        since = self.now() - TREND_SECONDS
        recent = (self.statuses[key] for key in reversed(self.status_ids))
        return [s for s in recent if s.visibility == "public" and s.reblog_of is None and s.created_at >= since]

    def trending_tags(self) -> list[str]:
        """Hashtags of the last week, used by the most accounts first (then the most uses)."""
        users: dict[str, set[int]] = {}
        uses: dict[str, int] = {}
        for status in self._recent_public():
            for name in status.tags:
                users.setdefault(name, set()).add(status.account_id)
                uses[name] = uses.get(name, 0) + 1
        return sorted(users, key=lambda name: (-len(users[name]), -uses[name], name))

    def trending_statuses(self, viewer: Account | None) -> list[Status]:
        """The last week's public statuses that were favourited or boosted, most first."""
        liked = [s for s in self._recent_public() if (s.favourited_by or s.reblogged_by) and self.shows_in_feeds(viewer, s)]
        return sorted(liked, key=lambda s: -(len(s.favourited_by) + len(s.reblogged_by)))

    # -- search --------------------------------------------------------------------------

    def search(
        self, viewer: Account | None, q: str, kind: str | None, following: bool, account_id: int | None, limit: int, offset: int
    ) -> tuple[list[Account], list[Status], list[str]]:
        """Accounts, statuses and hashtag names matching ``q`` (``kind`` narrows it
        to one of them); a local account's or status's URL finds just that."""
        text = q.strip()
        by_url = self._lookup_url(viewer, text)
        if isinstance(by_url, Status):
            return [], [by_url], []
        if by_url is not None:
            return [by_url], [], []
        accounts = self._search_accounts(viewer, text, following) if kind in (None, "accounts") else []
        tags = self._search_tags(text) if kind in (None, "hashtags") else []
        statuses = self._search_statuses(viewer, text, account_id) if kind in (None, "statuses") and viewer is not None else []
        window = slice(offset, offset + limit)
        return accounts[window], statuses[window], tags[window]

    def _search_accounts(self, viewer: Account | None, text: str, following: bool) -> list[Account]:
        wanted = text.lstrip("@").split("@")[0].lower()
        if not wanted:
            return []
        found = []
        for account in self.accounts.values():
            if viewer is not None and self.blocked_between(viewer, account):
                continue
            if following and (viewer is None or account.id not in viewer.following):
                continue
            if account.username.lower().startswith(wanted) or wanted in account.display_name.lower():
                found.append(account)
        found.sort(key=lambda a: (a.username.lower() != wanted, a.username.lower()))
        return found

    def _search_tags(self, text: str) -> list[str]:
        wanted = text.lstrip("#").lower()
        return sorted(name for name, keys in self.by_tag.items() if keys and wanted and name.startswith(wanted))

    def _search_statuses(self, viewer: Account, text: str, account_id: int | None) -> list[Status]:
        words = [w.lower() for w in text.split() if w]
        found: list[Status] = []
        if not words:
            return found
        for key in reversed(self.status_ids):
            status = self.statuses[key]
            if status.reblog_of is not None or (account_id is not None and status.account_id != account_id):
                continue
            plain = without_tags(status.content).lower() + " " + status.spoiler_text.lower()
            if all(w in plain for w in words) and self.shows_in_feeds(viewer, status):
                found.append(status)
        return found

    def _lookup_url(self, viewer: Account | None, text: str) -> Account | Status | None:
        if not text.startswith(self.base_url + "/"):
            return None
        path = text[len(self.base_url) :]
        match = re.fullmatch(r"/(?:@([A-Za-z0-9_]+)|users/([A-Za-z0-9_]+))(?:/(?:statuses/)?(\d+))?/?", path)
        if match is None:
            return None
        account = self.by_username.get((match.group(1) or match.group(2)).lower())
        if account is None:
            return None
        if match.group(3) is None:
            return account
        status = self.statuses.get(int(match.group(3)))
        if status is None or status.account_id != account.id or not self.can_see(viewer, status):
            return None
        return status
