"""The whole in-memory state of one :class:`~mastodon.testing.LocalInstance`."""

from __future__ import annotations

from ._announcements import AnnouncementRules
from ._feeds import FeedRules
from ._notifications import NotificationRules
from ._personal import PersonalRules
from ._posting import PostingRules
from ._render import Renderer
from ._social import SocialRules


class State(SocialRules, PostingRules, FeedRules, NotificationRules, PersonalRules, AnnouncementRules, Renderer):
    """Records, the rules that change them, and their rendering as API entities.

    Callers hold :attr:`lock` while they read or change anything. Changes are
    reported to :attr:`events` (the instance connects its streaming hub there).
    """
