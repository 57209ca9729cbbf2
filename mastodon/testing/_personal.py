"""What an account keeps for itself: lists, filters, followed and featured hashtags,
markers, and the reports it files."""

from __future__ import annotations

from typing import Any

from ._errors import ApiError, forbidden, invalid, not_found
from ._paging import Bounds, Page, paginate
from ._records import Account, FeaturedTag, FilterRecord, Keyword, ListRecord, Marker, Report
from ._store import Store
from ._text import hashtag_name

FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
FILTER_ACTIONS = ("warn", "hide", "blur")
REPLIES_POLICIES = ("followed", "list", "none")
REPORT_CATEGORIES = ("spam", "legal", "violation", "other")
MAX_FEATURED_TAGS = 10


def _own(records: dict[int, Any], viewer: Account, record_id: Any) -> Any:
    """A record of ``records`` that belongs to the viewer; any other id is not found."""
    record = records.get(int(record_id)) if str(record_id).isdigit() else None
    if record is None or record.account_id != viewer.id:
        raise not_found()
    return record


def _require_text(value: str | None, message: str) -> None:
    if not (value or "").strip():
        raise invalid(message)


class PersonalRules(Store):
    """Lists, filters, hashtags followed and featured, markers and reports: what an account owns."""

    # -- lists ---------------------------------------------------------------------------

    def own_list(self, viewer: Account, list_id: Any) -> ListRecord:
        record: ListRecord = _own(self.lists, viewer, list_id)
        return record

    def save_list(
        self, viewer: Account, record: ListRecord | None, title: str | None, replies_policy: str | None, exclusive: bool | None
    ) -> ListRecord:
        """Create a list (``record`` is ``None``) or change one; ``None`` leaves a value as it is."""
        if record is None or title is not None:
            _require_text(title, "Title can't be blank")
        if replies_policy is not None and replies_policy not in REPLIES_POLICIES:
            raise invalid("Replies policy is not included in the list")
        if record is None:
            record = ListRecord(self.ids.next(), viewer.id, "")
            self.lists[record.id] = record
        record.title = title if title is not None else record.title
        record.replies_policy = replies_policy or record.replies_policy
        record.exclusive = exclusive if exclusive is not None else record.exclusive
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
        record: FilterRecord = _own(self.filters, viewer, filter_id)
        return record

    def save_filter(self, viewer: Account, record: FilterRecord | None, changes: dict[str, Any]) -> FilterRecord:
        """Create a filter (``record`` is ``None``) or change one, keywords included:
        ``changes`` holds what the request gave (``keywords`` as Rails' nested
        attributes, each with an ``id`` to change an existing one)."""
        _check_filter(record, changes)
        if record is None:
            record = FilterRecord(self.ids.next(), viewer.id, "", [], "warn", None)
            self.filters[record.id] = record
        if changes.get("title") is not None:
            record.title = changes["title"]
        if changes.get("context") is not None:
            record.context = list(dict.fromkeys(changes["context"]))
        record.action = changes.get("filter_action") or record.action
        if "expires_in" in changes:
            expires = changes["expires_in"]
            record.expires_at = self.now() + expires if expires else None
        for spec in changes.get("keywords", []):
            self._keyword_attributes(record, spec)
        self.events.filters_changed(viewer.id)
        return record

    def _keyword_attributes(self, record: FilterRecord, spec: dict[str, Any]) -> None:
        existing = None
        if spec.get("id"):
            existing = next((k for k in record.keywords if str(k.id) == str(spec["id"])), None)
            if existing is None:
                raise not_found()
        self._apply_keyword(record, existing, spec)

    def delete_filter(self, viewer: Account, record: FilterRecord) -> None:
        del self.filters[record.id]
        self.events.filters_changed(viewer.id)

    def save_keyword(self, record: FilterRecord, existing: Keyword | None, text: str | None, whole_word: bool | None) -> Keyword:
        """Add a keyword to a filter (``existing`` is ``None``) or change one."""
        keyword = self._apply_keyword(record, existing, {"keyword": text, "whole_word": whole_word})
        self.events.filters_changed(record.account_id)
        return keyword

    def remove_keyword(self, viewer: Account, keyword_id: Any) -> None:
        record, keyword = self.find_keyword(viewer, keyword_id)
        record.keywords.remove(keyword)
        self.events.filters_changed(viewer.id)

    def _apply_keyword(self, record: FilterRecord, existing: Keyword | None, spec: dict[str, Any]) -> Keyword:
        if spec.get("_destroy"):
            if existing is not None:
                record.keywords.remove(existing)
            return existing or Keyword(0, "", False)
        text = spec.get("keyword")
        if existing is None or text is not None:
            _require_text(text, "Keyword can't be blank")
        if existing is None:
            existing = Keyword(self.ids.next(), "", True)
            record.keywords.append(existing)
        existing.keyword = text if text is not None else existing.keyword
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

    def add_filter_status(self, viewer: Account, record: FilterRecord, status_id: Any) -> tuple[int, int]:
        status = self.status_record(status_id)
        if not self.can_see(viewer, status):
            raise not_found()
        if any(sid == status.id for _, sid in record.statuses):
            raise invalid("Status has already been taken")
        entry = (self.ids.next(), status.id)
        record.statuses.append(entry)
        self.events.filters_changed(viewer.id)
        return entry

    def find_filter_status(self, viewer: Account, entry_id: Any) -> tuple[FilterRecord, tuple[int, int]]:
        for record in self.filters.values():
            if record.account_id == viewer.id:
                for entry in record.statuses:
                    if str(entry[0]) == str(entry_id):
                        return record, entry
        raise not_found()

    def remove_filter_status(self, viewer: Account, entry_id: Any) -> None:
        record, entry = self.find_filter_status(viewer, entry_id)
        record.statuses.remove(entry)
        self.events.filters_changed(viewer.id)

    # -- filters, as the deprecated v1 API sees them --------------------------------------
    # Since Mastodon 4.0 a v1 filter is one keyword of a filter: its id is the
    # keyword's, ``phrase`` the keyword, ``irreversible`` the filter's "hide".

    def v1_filters(self, viewer: Account) -> list[tuple[FilterRecord, Keyword]]:
        return [(record, keyword) for record in self.filters.values() if record.account_id == viewer.id for keyword in record.keywords]

    def create_v1_filter(self, viewer: Account, phrase: str | None, changes: dict[str, Any]) -> tuple[FilterRecord, Keyword]:
        """A filter titled ``phrase`` with ``phrase`` as its one keyword; ``changes``
        holds ``context``, ``irreversible``, ``expires_in`` and ``whole_word`` when given."""
        _require_text(phrase, "Phrase can't be blank")
        _check_v1_context(changes.get("context"))
        keyword = {"keyword": phrase, "whole_word": bool(changes.get("whole_word"))}
        record = self.save_filter(viewer, None, {"title": phrase, **_v1_filter_attributes(changes), "keywords": [keyword]})
        return record, record.keywords[0]

    def update_v1_filter(
        self, viewer: Account, keyword_id: Any, phrase: str | None, changes: dict[str, Any]
    ) -> tuple[FilterRecord, Keyword]:
        """Change a v1 filter: the keyword always; the filter's context, action and
        expiry only when no other keyword shares the filter (as Mastodon refuses)."""
        record, keyword = self.find_keyword(viewer, keyword_id)
        if phrase is not None:
            _require_text(phrase, "Phrase can't be blank")
        if "context" in changes:
            _check_v1_context(changes["context"])
        attributes = _v1_filter_attributes(changes)
        if self._v1_changes_filter(record, attributes) and len(record.keywords) > 1:
            raise ApiError(
                422,
                "These parameters cannot be changed from this application because they apply to more than one filter keyword. "
                "Use a more recent application or the web interface.",
            )
        self._apply_keyword(record, keyword, {"keyword": phrase, "whole_word": changes.get("whole_word")})
        self.save_filter(viewer, record, attributes)
        return record, keyword

    @staticmethod
    def _v1_changes_filter(record: FilterRecord, attributes: dict[str, Any]) -> bool:
        if "expires_in" in attributes:
            return True  # a new expiry is always a change: it counts from now
        if attributes.get("context") is not None and list(dict.fromkeys(attributes["context"])) != record.context:
            return True
        return attributes.get("filter_action") not in (None, record.action)

    # -- followed and featured hashtags ----------------------------------------------------

    def known_tag(self, text: str) -> str:
        """The name of a hashtag the server has seen (used, followed or featured)."""
        name = hashtag_name(text)
        if name is None or name not in self.tags:
            raise not_found()
        return name

    def follow_tag(self, viewer: Account, text: str) -> str:
        """Follow a hashtag (again: no change); its public statuses then reach the home feed."""
        name = hashtag_name(text)
        if name is None:
            raise not_found()
        self.tag_id(name)
        viewer.followed_tags.setdefault(name, self.ids.next())
        return name

    def unfollow_tag(self, viewer: Account, text: str) -> str:
        name = self.known_tag(text)
        viewer.followed_tags.pop(name, None)
        return name

    def followed_tags_page(self, viewer: Account, bounds: Bounds) -> Page[str]:
        by_record = {record: name for name, record in viewer.followed_tags.items()}
        return paginate(sorted(by_record), by_record.get, bounds)

    def featured_tags_of(self, account: Account) -> list[FeaturedTag]:
        return [record for record in self.featured_tags.values() if record.account_id == account.id]

    def own_featured_tag(self, viewer: Account, featured_id: Any) -> FeaturedTag:
        record: FeaturedTag = _own(self.featured_tags, viewer, featured_id)
        return record

    def feature_tag(self, viewer: Account, text: str) -> FeaturedTag:
        """Feature a hashtag on the viewer's profile, with Mastodon's validations."""
        name = hashtag_name(text)
        if name is None:
            raise invalid("Tag is invalid")
        mine = self.featured_tags_of(viewer)
        if any(record.name == name for record in mine):
            raise invalid("Name has already been taken")
        if len(mine) >= MAX_FEATURED_TAGS:
            raise invalid("You have already featured the maximum number of hashtags")
        self.tag_id(name)
        record = FeaturedTag(self.ids.next(), viewer.id, name)
        self.featured_tags[record.id] = record
        return record

    def unfeature_tag(self, viewer: Account, name: str) -> None:
        for record in self.featured_tags_of(viewer):
            if record.name == name:
                del self.featured_tags[record.id]

    def featured_tag_suggestions(self, viewer: Account) -> list[str]:
        """The hashtags the viewer uses most and has not featured yet (ten at the most)."""
        featured = {record.name for record in self.featured_tags_of(viewer)}
        uses: dict[str, int] = {}
        for status_id in self.by_account.get(viewer.id, []):
            for name in self.statuses[status_id].tags:
                if name not in featured:
                    uses[name] = uses.get(name, 0) + 1
        return sorted(uses, key=lambda name: (-uses[name], name))[:MAX_FEATURED_TAGS]

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


def _check_filter(record: FilterRecord | None, changes: dict[str, Any]) -> None:
    context = changes.get("context")
    if record is None and not context:
        raise invalid("Context can't be blank")
    if context is not None and (not context or any(c not in FILTER_CONTEXTS for c in context)):
        raise invalid("Context is not included in the list")
    action = changes.get("filter_action")
    if action is not None and action not in FILTER_ACTIONS:
        raise invalid("Filter action is not included in the list")
    if record is None or changes.get("title") is not None:
        _require_text(changes.get("title"), "Title can't be blank")


def _check_v1_context(context: list[str] | None) -> None:
    if not context:
        raise invalid("Context can't be blank, Context None or invalid context supplied")
    if any(c not in FILTER_CONTEXTS for c in context):
        raise invalid("Context None or invalid context supplied")


def _v1_filter_attributes(changes: dict[str, Any]) -> dict[str, Any]:
    """A v1 filter's parameters as the attributes of the (v2) filter that holds it."""
    attributes: dict[str, Any] = {}
    if changes.get("context") is not None:
        attributes["context"] = changes["context"]
    if changes.get("irreversible") is not None:
        attributes["filter_action"] = "hide" if changes["irreversible"] else "warn"
    if "expires_in" in changes:
        attributes["expires_in"] = changes["expires_in"]
    return attributes
