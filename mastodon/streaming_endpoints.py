"""Moved to :mod:`mastodon.api.streaming`; this name stays until ``Mastodon.py`` imports from there."""

from .api.streaming import StreamingEndpointsMixin as StreamingEndpointsMixin
