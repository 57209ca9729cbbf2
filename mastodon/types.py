"""Result types and the JSON decoder that builds them.

Every JSON object the server returns becomes an :class:`AttribAccessDict`: a real
``dict`` (so ``json.dumps``, ``==`` and ``isinstance(x, dict)`` all behave) whose
values can also be read as attributes. Lists become :class:`AttribAccessList`, which
can carry pagination information for empty pages too.

Decoding happens in one pass inside :func:`json.loads` through an ``object_hook``:
dates become timezone-aware UTC datetimes and numeric id strings become ints while
each object is built, so no second walk over the result is needed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from .errors import MastodonIllegalArgumentError

ENTITY_NAMES = [
    "Account",
    "AccountRole",
    "AccountWarning",
    "AdminAccount",
    "AdminCanonicalEmailBlock",
    "AdminCohort",
    "AdminDimension",
    "AdminDomainAllow",
    "AdminDomainBlock",
    "AdminEmailDomainBlock",
    "AdminIp",
    "AdminIpBlock",
    "AdminMeasure",
    "AdminReport",
    "AdminTag",
    "Announcement",
    "AnnualReport",
    "Appeal",
    "Application",
    "AsyncRefresh",
    "Collection",
    "CollectionItem",
    "CollectionWithAccounts",
    "Collections",
    "Context",
    "Conversation",
    "CredentialAccount",
    "CredentialApplication",
    "CustomEmoji",
    "DomainBlock",
    "ExtendedDescription",
    "FamiliarFollowers",
    "FeaturedTag",
    "Filter",
    "FilterV2",
    "FilterKeyword",
    "FilterResult",
    "FilterStatus",
    "GroupedNotificationsResults",
    "Instance",
    "InstanceV2",
    "Marker",
    "MediaAttachment",
    "Notification",
    "NotificationGroup",
    "NotificationPolicy",
    "NotificationRequest",
    "Poll",
    "Preferences",
    "PreviewCard",
    "PrivacyPolicy",
    "Profile",
    "PushNotification",
    "Quote",
    "Reaction",
    "Relationship",
    "Report",
    "Rule",
    "ScheduledStatus",
    "Search",
    "SearchV2",
    "Status",
    "StatusEdit",
    "StatusSource",
    "Suggestion",
    "Tag",
    "TermsOfService",
    "Translation",
    "TrendingLink",
    "UnreadNotificationsCount",
    "UserList",
    "WebPushSubscription",
    "WrappedAnnualReports",
    "WrappedCollection",
    "WrappedCollectionItem",
    "OAuthServerInfo",
    "MutedAccount",
    "Nodeinfo",
    "AnnualReportState",
    "AdminRetention",
    "Activity",
]

__all__ = [
    "AttribAccessDict",
    "AttribAccessList",
    "decode_json",
    "parse_datetime",
    "IdType",
    "EntityOrId",
    "PaginatableList",
    "NonPaginatableList",
    *ENTITY_NAMES,
]

IdType = int | str
"""An entity id as the server sends it: an int when numeric, else a string."""

EntityOrId = Any
"""An id, or a dict (such as a returned entity) holding an ``id`` key."""


# Attributes a result can carry beside its data: pagination targets and, for
# answers the server is still refreshing, the Mastodon-Async-Refresh details.
_RESULT_SLOTS = frozenset({"_pagination_next", "_pagination_prev", "_async_refresh"})


class AttribAccessDict(dict[str, Any]):
    """A ``dict`` whose items can also be read as attributes.

    ``status.account.acct`` is ``status["account"]["acct"]``. Attribute access is
    read-only for keys; a missing key raises :class:`AttributeError`. Pagination
    information (``_pagination_next`` / ``_pagination_prev``) lives in attributes,
    not in the mapping, so it never shows up in ``dict(...)`` or JSON output.
    """

    __slots__ = ("_async_refresh", "_pagination_next", "_pagination_prev")

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            if name in _RESULT_SLOTS:
                return None
            raise AttributeError(f"no attribute or key {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self:
            raise AttributeError(f"attribute-style access is read-only; set {name!r} with item access")
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {k for k in self if k.isidentifier()})

    def to_json(self, pretty: bool = True) -> str:
        """Serialise to a JSON string; datetimes are written in ISO 8601 form.

        :param pretty: indent the output for reading.
        :returns: the JSON text, which :meth:`from_json` reads back.
        """
        return json.dumps(self, default=_json_default, indent=2 if pretty else None)

    @staticmethod
    def from_json(json_str: str | bytes) -> Any:
        """Build a result from JSON text, exactly as a server response is decoded.

        :param json_str: JSON text, for instance from :meth:`to_json`.
        :returns: an :class:`AttribAccessDict`, :class:`AttribAccessList` or plain value.
        :raises MastodonIllegalArgumentError: when the text is not valid JSON.
        """
        try:
            return decode_json(json_str)
        except ValueError as exc:
            raise MastodonIllegalArgumentError(f"not valid JSON: {exc}") from None


_T = TypeVar("_T")


class AttribAccessList(list[_T]):
    """A ``list`` that can carry pagination information as attributes."""

    __slots__ = ("_async_refresh", "_pagination_next", "_pagination_prev")

    def __getattr__(self, name: str) -> Any:
        if name in _RESULT_SLOTS:
            return None
        raise AttributeError(f"list has no attribute {name!r}")


# -- names for return types ----------------------------------------------------------
# Every entity is an AttribAccessDict at run time; these aliases say in signatures
# and docs which entity a method returns. Lists are AttribAccessList.

PaginatableList = AttribAccessList
"""A page of results that :meth:`Mastodon.fetch_next` and friends can continue."""

NonPaginatableList = AttribAccessList
"""A complete list of results."""

Account = AttribAccessDict
AccountRole = AttribAccessDict
AccountWarning = AttribAccessDict
AdminAccount = AttribAccessDict
AdminCanonicalEmailBlock = AttribAccessDict
AdminCohort = AttribAccessDict
AdminDimension = AttribAccessDict
AdminDomainAllow = AttribAccessDict
AdminDomainBlock = AttribAccessDict
AdminEmailDomainBlock = AttribAccessDict
AdminIp = AttribAccessDict
AdminIpBlock = AttribAccessDict
AdminMeasure = AttribAccessDict
AdminReport = AttribAccessDict
AdminTag = AttribAccessDict
Announcement = AttribAccessDict
AnnualReport = AttribAccessDict
Appeal = AttribAccessDict
Application = AttribAccessDict
AsyncRefresh = AttribAccessDict
Collection = AttribAccessDict
CollectionItem = AttribAccessDict
CollectionWithAccounts = AttribAccessDict
Collections = AttribAccessDict
Context = AttribAccessDict
Conversation = AttribAccessDict
CredentialAccount = AttribAccessDict
CredentialApplication = AttribAccessDict
CustomEmoji = AttribAccessDict
DomainBlock = AttribAccessDict
ExtendedDescription = AttribAccessDict
FamiliarFollowers = AttribAccessDict
FeaturedTag = AttribAccessDict
Filter = AttribAccessDict
FilterV2 = AttribAccessDict
FilterKeyword = AttribAccessDict
FilterResult = AttribAccessDict
FilterStatus = AttribAccessDict
GroupedNotificationsResults = AttribAccessDict
Instance = AttribAccessDict
InstanceV2 = AttribAccessDict
Marker = AttribAccessDict
MediaAttachment = AttribAccessDict
Notification = AttribAccessDict
NotificationGroup = AttribAccessDict
NotificationPolicy = AttribAccessDict
NotificationRequest = AttribAccessDict
Poll = AttribAccessDict
Preferences = AttribAccessDict
PreviewCard = AttribAccessDict
PrivacyPolicy = AttribAccessDict
Profile = AttribAccessDict
PushNotification = AttribAccessDict
Quote = AttribAccessDict
Reaction = AttribAccessDict
Relationship = AttribAccessDict
Report = AttribAccessDict
Rule = AttribAccessDict
ScheduledStatus = AttribAccessDict
Search = AttribAccessDict
SearchV2 = AttribAccessDict
Status = AttribAccessDict
StatusEdit = AttribAccessDict
StatusSource = AttribAccessDict
Suggestion = AttribAccessDict
Tag = AttribAccessDict
TermsOfService = AttribAccessDict
Translation = AttribAccessDict
TrendingLink = AttribAccessDict
UnreadNotificationsCount = AttribAccessDict
UserList = AttribAccessDict
WebPushSubscription = AttribAccessDict
WrappedAnnualReports = AttribAccessDict
WrappedCollection = AttribAccessDict
WrappedCollectionItem = AttribAccessDict
OAuthServerInfo = AttribAccessDict
MutedAccount = AttribAccessDict
Nodeinfo = AttribAccessDict
AnnualReportState = AttribAccessDict
AdminRetention = AttribAccessDict
Activity = AttribAccessDict


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


# Keys whose string values are dates. Taken from the entity tables of the API docs
# (every attribute typed Datetime or Date), plus the epoch-valued week/day fields
# of instance activity and hashtag history.
DATE_KEYS = frozenset({
    "action_taken_at", "created_at", "date", "day", "edited_at", "effective_date",
    "ends_at", "expires_at", "last_status_at", "latest_page_notification_at",
    "mute_expires_at", "muting_expires_at", "period", "published_at", "scheduled_at",
    "starts_at", "updated_at", "used_at", "verified_at", "week",
})

# Keys holding counts that the API sends as strings (instance activity, tag
# history, featured tags).
COUNT_KEYS = frozenset({"logins", "registrations", "statuses", "uses", "accounts", "statuses_count", "notifications_count"})

_UTC = timezone.utc
_fromisoformat = datetime.fromisoformat
_fromtimestamp = datetime.fromtimestamp


def parse_datetime(value: str) -> datetime | str:
    """Parse an API date string into an aware UTC datetime.

    Accepts ISO 8601 with or without fractional seconds, with ``Z`` or an offset,
    date-only strings, and integer epoch seconds. Anything unparseable is returned
    unchanged, so an odd server never breaks decoding.
    """
    try:
        if value.isdigit():
            return _fromtimestamp(int(value), _UTC)
        if value[-1:] in ("Z", "z"):
            value = value[:-1] + "+00:00"
        parsed = _fromisoformat(value)
    except (ValueError, OverflowError, OSError):
        return _parse_datetime_slow(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=_UTC)
    if parsed.utcoffset():
        return parsed.astimezone(_UTC)
    return parsed.replace(tzinfo=_UTC) if parsed.tzinfo is not _UTC else parsed


def _parse_datetime_slow(value: str) -> datetime | str:
    # fromisoformat on Python 3.10 rejects some valid ISO 8601 forms (e.g. 2 or 5
    # fractional digits); dateutil reads them. Imported here: rarely needed.
    from dateutil.parser import isoparse

    try:
        parsed = isoparse(value)
    except (ValueError, OverflowError):
        return value
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=_UTC)
    return parsed.astimezone(_UTC)


def _to_int_id(value: str) -> int | str:
    # Snowflake ids are plain ASCII digits with no leading zero; anything else
    # (Pleroma/GoToSocial ids, "007") stays a string so it round-trips exactly.
    if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
        return int(value)
    return value


def _object_hook(obj: dict[str, Any]) -> AttribAccessDict:
    result = AttribAccessDict(obj)
    for key in obj:
        if key == "id" or key.endswith("_id"):
            value = obj[key]
            if value.__class__ is str and value:
                result[key] = _to_int_id(value)
        elif key in DATE_KEYS:
            value = obj[key]
            if value.__class__ is str and value:
                result[key] = parse_datetime(value)
        elif key in COUNT_KEYS:
            value = obj[key]
            if value.__class__ is str and value.isascii() and value.isdigit():
                result[key] = int(value)
    return result


_decoder = json.JSONDecoder(object_hook=_object_hook)
_decode: Callable[[str], Any] = _decoder.decode


def decode_json(body: str | bytes) -> Any:
    """Decode a response body into result types (dicts, lists, datetimes, ids).

    :raises ValueError: (``json.JSONDecodeError`` or ``UnicodeDecodeError``) on bad input;
        the request core turns these into :class:`~mastodon.MastodonAPIError`.
    """
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8")
    value = _decode(body)
    if value.__class__ is list:
        return AttribAccessList(value)
    return value
