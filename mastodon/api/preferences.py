"""User preferences."""

from __future__ import annotations

from .._core import RequestCore
from .._server import api_version
from ..types import Preferences

__all__ = ["PreferencesMixin"]


class PreferencesMixin(RequestCore):
    """User preferences."""

    @api_version("2.8.0", "2.8.0")
    def preferences(self) -> Preferences:
        """Read the preferences the user set in their account settings.

        Keys are namespaced strings such as ``"posting:default:visibility"`` or
        ``"reading:expand:spoilers"``; read them with item access.

        :returns: the :class:`Preferences` dict.
        """
        return self._get("/api/v1/preferences", returns=Preferences)
