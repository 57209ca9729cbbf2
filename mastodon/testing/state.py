"""The whole in-memory state of one :class:`~mastodon.testing.LocalInstance`."""

from __future__ import annotations

from .ops_feeds import FeedsMixin
from .ops_posting import PostingMixin
from .ops_social import SocialMixin
from .streaming import Hub


class State(SocialMixin, PostingMixin, FeedsMixin):
    """Records, the rules that change them, and the streaming hub they report to.

    Callers hold :attr:`lock` while they read or change anything.
    """

    def __init__(self, domain: str) -> None:
        super().__init__(domain)
        self.hub = Hub(self)
