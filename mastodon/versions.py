"""Old home of the version helpers; they live in :mod:`mastodon._server` now."""

from ._server import SUPPORTED_VERSION, Version, api_version, parse_version

__all__ = ["SUPPORTED_VERSION", "Version", "api_version", "parse_version"]
