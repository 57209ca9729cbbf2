"""The :class:`Mastodon` client, composed from one mixin per API area.

This module is also the import path older scripts use
(``from mastodon.Mastodon import Mastodon, AttribAccessDict, MastodonError``),
so it re-exports the result types and every exception.
"""

from __future__ import annotations

from .accounts import AccountsMixin
from .admin import AdminMixin
from .annual_reports import AnnualReportsMixin
from .async_refresh import AsyncRefreshMixin
from .authentication import AuthenticationMixin
from .blurhash import BlurhashMixin
from .collections import CollectionsMixin
from .conversations import ConversationsMixin
from .errors import *  # noqa: F403 - re-exported for ``from mastodon.Mastodon import ...``
from .errors import __all__ as _error_names
from .favourites import FavouritesMixin
from .filters import FiltersMixin
from .hashtags import HashtagsMixin
from .instance import InstanceMixin
from .lists import ListsMixin
from .media import MediaMixin
from .notifications import NotificationsMixin
from .polls import PollsMixin
from .preferences import PreferencesMixin
from .profile import ProfileMixin
from .push import PushMixin
from .relationships import RelationshipsMixin
from .reports import ReportsMixin
from .scheduled_statuses import ScheduledStatusesMixin
from .search import SearchMixin
from .statuses import StatusesMixin
from .streaming_endpoints import StreamingEndpointsMixin
from .suggestions import SuggestionsMixin
from .timelines import TimelinesMixin
from .trends import TrendsMixin
from .types import AttribAccessDict, AttribAccessList
from .utility import UtilityMixin

__all__ = ["Mastodon", "AttribAccessDict", "AttribAccessList", *_error_names]


class Mastodon(
    AuthenticationMixin,
    UtilityMixin,
    AccountsMixin,
    ProfileMixin,
    RelationshipsMixin,
    ListsMixin,
    FavouritesMixin,
    SuggestionsMixin,
    StatusesMixin,
    ScheduledStatusesMixin,
    PollsMixin,
    MediaMixin,
    TimelinesMixin,
    NotificationsMixin,
    ConversationsMixin,
    SearchMixin,
    TrendsMixin,
    InstanceMixin,
    PreferencesMixin,
    FiltersMixin,
    HashtagsMixin,
    ReportsMixin,
    AnnualReportsMixin,
    AsyncRefreshMixin,
    CollectionsMixin,
    AdminMixin,
    PushMixin,
    BlurhashMixin,
    StreamingEndpointsMixin,
):
    """A client for one Mastodon instance: every API method, one object.

    See :meth:`__init__` for how to connect, :meth:`create_app` and
    :meth:`log_in` for getting credentials.
    """
