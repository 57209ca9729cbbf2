"""Timelines, notifications, conversations, lists, filters, search, markers, reports."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Account, FilterRecord, Keyword, ListRecord, Marker, Notification, Report, Status, forbidden, invalid, not_found
from .render import RenderMixin
from .store import Page, paginate

FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
FILTER_ACTIONS = ("warn", "hide", "blur")
NOTIFICATION_TYPES = ("mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update")
GROUPED_TYPES = ("favourite", "follow", "reblog")
REPORT_CATEGORIES = ("spam", "legal", "violation", "other")


@dataclass
class Bounds:
    """A request's paging parameters, already read."""

    max_id: int | None = None
    since_id: int | None = None
    min_id: int | None = None
    limit: int = 20


class FeedsMixin(RenderMixin):
    """Everything that reads lists of things, and the small records around them."""

    # -- timelines -----------------------------------------------------------------------

    def feed(self, keys: list[int], keep: Callable[[Status], bool], bounds: Bounds) -> Page[Status]:
        def item(key: int) -> Status | None:
            status = self.statuses.get(key)
            return status if status is not None and keep(status) else None

        return paginate(keys, item, bounds.max_id, bounds.since_id, bounds.min_id, bounds.limit)

    def in_home(self, viewer: Account, status: Status) -> bool:
        """Whether a status lands in the viewer's home feed (Mastodon's fan-out rules)."""
        author = status.account_id
        if author != viewer.id and author not in viewer.following:
            return False  # mentions by strangers arrive as notifications, not in the feed
        if status.reblog_of is not None:
            if author != viewer.id and not viewer.show_reblogs.get(author, True):
                return False
            if self.statuses[status.reblog_of].account_id == viewer.id:
                return False
        elif status.in_reply_to_account_id is not None and author != viewer.id:
            replied_to = status.in_reply_to_account_id
            if replied_to != author and replied_to != viewer.id and replied_to not in viewer.following:
                return False
        return self.shows_in_feeds(viewer, status) and not self.hidden_by_filter(viewer, status, "home")

    def home(self, viewer: Account, bounds: Bounds) -> Page[Status]:
        return self.feed(self.status_ids, lambda s: self.in_home(viewer, s), bounds)

    def in_public(self, viewer: Account | None, status: Status, local: bool, remote: bool, only_media: bool) -> bool:
        if status.visibility != "public" or status.reblog_of is not None or remote:
            return False
        if status.in_reply_to_account_id is not None and status.in_reply_to_account_id != status.account_id:
            return False
        if only_media and not status.media_ids:
            return False
        return self.shows_in_feeds(viewer, status) and not self.hidden_by_filter(viewer, status, "public")

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
            return self.shows_in_feeds(viewer, status) and not self.hidden_by_filter(viewer, status, "public")

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
        return self.shows_in_feeds(owner, status) and not self.hidden_by_filter(owner, status, "home")

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
            if self.shows_in_feeds(viewer, parent) and not self.hidden_by_filter(viewer, parent, "thread"):
                ancestors.append(parent)
            parent_id = parent.in_reply_to_id
        ancestors.reverse()
        descendants: list[Status] = []
        stack = list(reversed(status.replies))
        while stack:
            child = self.statuses.get(stack.pop())
            if child is None:
                continue
            if self.shows_in_feeds(viewer, child) and not self.hidden_by_filter(viewer, child, "thread"):
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

        return paginate(keys, item, bounds.max_id, bounds.since_id, bounds.min_id, bounds.limit)

    def saved_page(self, viewer: Account, saved: list[tuple[int, int]], bounds: Bounds) -> Page[Status]:
        index = dict(saved)
        keys = sorted(index)

        def item(key: int) -> Status | None:
            status = self.statuses.get(index[key])
            return status if status is not None and self.can_see(viewer, status) else None

        return paginate(keys, item, bounds.max_id, bounds.since_id, bounds.min_id, bounds.limit)

    # -- notifications -------------------------------------------------------------------

    def notification_page(
        self, viewer: Account, bounds: Bounds, types: list[str], exclude: list[str], from_account: int | None
    ) -> Page[Notification]:
        notes = {n.id: n for n in self.notifications.get(viewer.id, [])}
        keys = sorted(notes)

        def item(key: int) -> Notification | None:
            note = notes[key]
            if (types and note.type not in types) or note.type in exclude:
                return None
            if from_account is not None and note.from_id != from_account:
                return None
            if not self._notification_visible(viewer, note):
                return None
            return note

        return paginate(keys, item, bounds.max_id, bounds.since_id, bounds.min_id, bounds.limit)

    def _notification_visible(self, viewer: Account, note: Notification) -> bool:
        sender = self.accounts.get(note.from_id)
        if sender is None or (note.type != "poll" and self.is_muted(viewer, sender.id, True)):
            return False
        if note.status_id is not None:
            status = self.statuses.get(note.status_id)
            if status is None or not self.can_see(viewer, status):
                return False
            if viewer.id in status.muted_by and note.type == "mention":
                return False
            if self.hidden_by_filter(viewer, status, "notifications"):
                return False
        return True

    def notification(self, viewer: Account, note_id: Any) -> Notification:
        for note in self.notifications.get(viewer.id, []):
            if str(note.id) == str(note_id) and self._notification_visible(viewer, note):
                return note
        raise not_found()

    def dismiss(self, viewer: Account, note_id: Any) -> None:
        note = self.notification(viewer, note_id)
        self.notifications[viewer.id].remove(note)

    def grouped(
        self, viewer: Account, bounds: Bounds, types: list[str], exclude: list[str], grouped_types: list[str] | None
    ) -> tuple[list[dict[str, Any]], list[Notification], Page[Notification]]:
        """Mastodon's grouped notifications: one group per ``group_key`` among a page of
        notifications. Returns the groups (without rendering), all notifications in
        them, and the underlying page for the ``Link`` header."""
        page = self.notification_page(viewer, bounds, types, exclude, None)
        allowed = GROUPED_TYPES if grouped_types is None else [t for t in grouped_types if t in GROUPED_TYPES]
        groups: dict[str, dict[str, Any]] = {}
        for note in page:
            key = note.group_key if note.type in allowed else f"ungrouped-{note.id}"
            group = groups.get(key)
            if group is None:
                groups[key] = group = {"key": key, "notes": []}
            group["notes"].append(note)
        return list(groups.values()), list(page), page

    # -- conversations -------------------------------------------------------------------

    def conversation_page(self, viewer: Account, bounds: Bounds) -> Page[Any]:
        views = {v.last_status_id: v for v in self.conversations.get(viewer.id, {}).values()}
        keys = sorted(views)
        return paginate(keys, lambda key: views[key], bounds.max_id, bounds.since_id, bounds.min_id, bounds.limit)

    def own_conversation(self, viewer: Account, conversation_id: Any) -> Any:
        for view in self.conversations.get(viewer.id, {}).values():
            if str(view.id) == str(conversation_id):
                return view
        raise not_found()

    # -- lists ---------------------------------------------------------------------------

    def own_list(self, viewer: Account, list_id: Any) -> ListRecord:
        record = self.lists.get(int(list_id)) if str(list_id).isdigit() else None
        if record is None or record.account_id != viewer.id:
            raise not_found()
        return record

    def save_list(
        self, viewer: Account, record: ListRecord | None, title: str | None, replies_policy: str | None, exclusive: bool | None
    ) -> ListRecord:
        if record is None and not (title or "").strip():
            raise invalid("Title can't be blank")
        if replies_policy is not None and replies_policy not in ("followed", "list", "none"):
            raise invalid("Replies policy is not included in the list")
        if record is None:
            record = ListRecord(self.ids.next(), viewer.id, "")
            self.lists[record.id] = record
        if title is not None:
            if not title.strip():
                raise invalid("Title can't be blank")
            record.title = title
        if replies_policy is not None:
            record.replies_policy = replies_policy
        if exclusive is not None:
            record.exclusive = exclusive
        return record

    def add_to_list(self, viewer: Account, record: ListRecord, account_ids: list[Any]) -> None:
        accounts = [self.account(a) for a in account_ids]
        for account in accounts:
            if account.id not in viewer.following:
                raise invalid("Account has not been followed", details=None)
        for account in accounts:
            record.members.setdefault(account.id, self.ids.next())

    # -- filters -------------------------------------------------------------------------

    def own_filter(self, viewer: Account, filter_id: Any) -> FilterRecord:
        record = self.filters.get(int(filter_id)) if str(filter_id).isdigit() else None
        if record is None or record.account_id != viewer.id:
            raise not_found()
        return record

    def save_filter(self, viewer: Account, record: FilterRecord | None, changes: dict[str, Any]) -> FilterRecord:
        context = changes.get("context")
        if record is None and not context:
            raise invalid("Context can't be blank")
        if context is not None and (not context or any(c not in FILTER_CONTEXTS for c in context)):
            raise invalid("Context is not included in the list")
        action = changes.get("filter_action")
        if action is not None and action not in FILTER_ACTIONS:
            raise invalid("Filter action is not included in the list")
        title = changes.get("title")
        if (record is None or title is not None) and not (title or "").strip():
            raise invalid("Title can't be blank")
        if record is None:
            record = FilterRecord(self.ids.next(), viewer.id, "", [], "warn", None)
            self.filters[record.id] = record
        if title is not None:
            record.title = title
        if context is not None:
            record.context = list(dict.fromkeys(context))
        if action is not None:
            record.action = action
        if "expires_in" in changes:
            expires = changes["expires_in"]
            record.expires_at = self.now() + expires if expires else None
        for keyword in changes.get("keywords", []):
            self.keyword(record, None, keyword)
        self.hub.filters_changed(viewer.id)
        return record

    def keyword(self, record: FilterRecord, existing: Keyword | None, spec: dict[str, Any]) -> Keyword:
        if spec.get("_destroy"):
            if existing is not None:
                record.keywords.remove(existing)
            return existing or Keyword(0, "", False)
        text = spec.get("keyword")
        if existing is None and not (text or "").strip():
            raise invalid("Keyword can't be blank")
        if existing is None:
            existing = Keyword(self.ids.next(), "", True)
            record.keywords.append(existing)
        if text is not None:
            if not text.strip():
                raise invalid("Keyword can't be blank")
            existing.keyword = text
        if spec.get("whole_word") is not None:
            existing.whole_word = bool(spec["whole_word"])
        return existing

    def find_keyword(self, viewer: Account, keyword_id: Any) -> tuple[FilterRecord, Keyword]:
        for record in self.filters.values():
            if record.account_id == viewer.id:
                for keyword in record.keywords:
                    if str(keyword.id) == str(keyword_id):
                        return record, keyword
        raise not_found()

    def find_filter_status(self, viewer: Account, entry_id: Any) -> tuple[FilterRecord, tuple[int, int]]:
        for record in self.filters.values():
            if record.account_id == viewer.id:
                for entry in record.statuses:
                    if str(entry[0]) == str(entry_id):
                        return record, entry
        raise not_found()

    # -- search --------------------------------------------------------------------------

    def search(
        self, viewer: Account | None, q: str, kind: str | None, following: bool, account_id: int | None, limit: int, offset: int
    ) -> tuple[list[Account], list[Status], list[str]]:
        text = q.strip()
        accounts: list[Account] = []
        statuses: list[Status] = []
        tags: list[str] = []
        by_url = self._lookup_url(viewer, text)
        if by_url is not None:
            if isinstance(by_url, Status):
                statuses = [by_url]
            else:
                accounts = [by_url]
            return accounts, statuses, tags
        if kind in (None, "accounts"):
            wanted = text.lstrip("@").split("@")[0].lower()
            for account in self.accounts.values():
                if viewer is not None and self.blocked_between(viewer, account):
                    continue
                if following and (viewer is None or account.id not in viewer.following):
                    continue
                if wanted and (account.username.lower().startswith(wanted) or wanted in account.display_name.lower()):
                    accounts.append(account)
            accounts.sort(key=lambda a: (a.username.lower() != wanted, a.username.lower()))
        if kind in (None, "hashtags"):
            wanted = text.lstrip("#").lower()
            tags = sorted(name for name, keys in self.by_tag.items() if keys and wanted and name.startswith(wanted))
        if kind in (None, "statuses") and viewer is not None:
            words = [w.lower() for w in text.split() if w]
            for key in reversed(self.status_ids):
                status = self.statuses[key]
                if status.reblog_of is not None or (account_id is not None and status.account_id != account_id):
                    continue
                plain = re.sub(r"<[^>]+>", " ", status.content).lower() + " " + status.spoiler_text.lower()
                if words and all(w in plain for w in words) and self.shows_in_feeds(viewer, status):
                    statuses.append(status)
        return accounts[offset : offset + limit], statuses[offset : offset + limit], tags[offset : offset + limit]

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

    # -- markers and reports -------------------------------------------------------------

    def save_marker(self, viewer: Account, timeline: str, last_read_id: str) -> Marker:
        markers = self.markers.setdefault(viewer.id, {})
        current = markers.get(timeline)
        marker = Marker(str(last_read_id), (current.version + 1) if current else 0, self.now())
        markers[timeline] = marker
        return marker

    def report(
        self,
        viewer: Account,
        target: Account,
        status_ids: list[Any],
        comment: str,
        forward: bool,
        category: str | None,
        rule_ids: list[str],
    ) -> Report:
        if target.id == viewer.id:
            raise forbidden()
        if len(comment) > 1000:
            raise invalid("Comment is too long (maximum is 1000 characters)")
        category = category or ("violation" if rule_ids else "other")
        if category not in REPORT_CATEGORIES:
            raise invalid("Category is not included in the list")
        known_rules = {rule[0] for rule in self.rules}
        if category == "violation" and (not rule_ids or any(r not in known_rules for r in rule_ids)):
            raise invalid("Rule ids are invalid")
        statuses = []
        for raw in status_ids:
            status = self.statuses.get(int(raw)) if str(raw).isdigit() else None
            if status is None or status.account_id != target.id:
                raise invalid("Status ids are invalid")
            statuses.append(status.id)
        record = Report(self.ids.next(), viewer.id, target.id, statuses, comment, forward, category, rule_ids, self.now())
        self.reports[record.id] = record
        return record
