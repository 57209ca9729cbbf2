"""The :class:`Mastodon` client, composed from one mixin per API area.

Each area lives in :mod:`mastodon.api` (``mastodon/api/<area>.py``); every mixin
is a :class:`~mastodon._core.RequestCore`, which holds the client's state and
sends its requests.

This module is also the import path older scripts use
(``from mastodon.Mastodon import Mastodon, AttribAccessDict, MastodonError``),
so it re-exports the result types and every exception.
"""

from __future__ import annotations

from .api.accounts import AccountsMixin
from .api.admin import AdminMixin
from .api.admin_blocks import AdminBlocksMixin
from .api.admin_stats import AdminStatsMixin
from .api.annual_reports import AnnualReportsMixin
from .api.async_refresh import AsyncRefreshMixin
from .api.authentication import AuthenticationMixin
from .api.blurhash import BlurhashMixin
from .api.collections import CollectionsMixin
from .api.conversations import ConversationsMixin
from .api.favourites import FavouritesMixin
from .api.filters import FiltersMixin
from .api.hashtags import HashtagsMixin
from .api.instance import InstanceMixin
from .api.lists import ListsMixin
from .api.markers import MarkersMixin
from .api.media import MediaMixin
from .api.notifications import NotificationsMixin
from .api.pagination import PaginationMixin
from .api.polls import PollsMixin
from .api.preferences import PreferencesMixin
from .api.profile import ProfileMixin
from .api.push import PushMixin
from .api.relationships import RelationshipsMixin
from .api.reports import ReportsMixin
from .api.scheduled_statuses import ScheduledStatusesMixin
from .api.search import SearchMixin
from .api.statuses import StatusesMixin
from .api.streaming import StreamingEndpointsMixin
from .api.suggestions import SuggestionsMixin
from .api.timelines import TimelinesMixin
from .api.trends import TrendsMixin
from .errors import *  # noqa: F403 - re-exported for ``from mastodon.Mastodon import ...``
from .errors import __all__ as _error_names
from .types import AttribAccessDict, AttribAccessList

__all__ = ["Mastodon", "AttribAccessDict", "AttribAccessList", *_error_names]


class Mastodon(
    AuthenticationMixin,
    PaginationMixin,
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
    MarkersMixin,
    FiltersMixin,
    HashtagsMixin,
    ReportsMixin,
    AnnualReportsMixin,
    AsyncRefreshMixin,
    CollectionsMixin,
    AdminMixin,
    AdminBlocksMixin,
    AdminStatsMixin,
    PushMixin,
    BlurhashMixin,
    StreamingEndpointsMixin,
):
    """A client for one Mastodon instance: every API method, one object.

    See :meth:`__init__` for how to connect, :meth:`create_app` and
    :meth:`log_in` for getting credentials.
    """
