"""The logged-in user's profile (Mastodon 4.6 profile API)."""

from __future__ import annotations

from .._checks import as_bool, check_optional_text, check_strings, profile_fields, profile_images
from .._core import RequestCore
from .._encoding import MediaInput
from .._server import api_version
from ..types import Profile

__all__ = ["ProfileMixin"]


class ProfileMixin(RequestCore):
    """The logged-in user's profile (Mastodon 4.6 profile API)."""

    @api_version("4.6.0", "4.6.0")
    def profile(self) -> Profile:
        """Fetch the logged-in user's editable profile.

        Unlike :meth:`account_verify_credentials`, the bio and fields come back
        as the user typed them, together with the profile's display settings.

        :returns: the :class:`Profile`.
        """
        return self._get("/api/v1/profile", returns=Profile)

    @api_version("4.6.0", "4.6.0")
    def profile_update(
        self,
        display_name: str | None = None,
        note: str | None = None,
        avatar: MediaInput | None = None,
        avatar_mime_type: str | None = None,
        header: MediaInput | None = None,
        header_mime_type: str | None = None,
        locked: bool | None = None,
        bot: bool | None = None,
        discoverable: bool | None = None,
        hide_collections: bool | None = None,
        indexable: bool | None = None,
        show_media: bool | None = None,
        show_media_replies: bool | None = None,
        show_featured: bool | None = None,
        attribution_domains: list[str] | None = None,
        fields: list[tuple[str, str]] | None = None,
        avatar_description: str | None = None,
        header_description: str | None = None,
    ) -> Profile:
        """Change the logged-in user's profile.

        Only the values given are changed. With an avatar or header the request is
        sent as ``multipart/form-data``.

        :param display_name: the name shown on the profile.
        :param note: the bio, as plain text.
        :param avatar: a new avatar image: a path, bytes or a binary file object.
        :param avatar_mime_type: the avatar's MIME type; guessed when not given.
        :param header: a new header image: a path, bytes or a binary file object.
        :param header_mime_type: the header's MIME type; guessed when not given.
        :param locked: require approval of follow requests.
        :param bot: mark the account as automated.
        :param discoverable: show the account in the directory and other discovery
            features.
        :param hide_collections: hide who the account follows and is followed by.
        :param indexable: let anyone search the account's public posts.
        :param show_media: show a "Media" tab on the profile.
        :param show_media_replies: include media from replies in that tab.
        :param show_featured: show a "Featured" tab on the profile.
        :param attribution_domains: websites allowed to credit the account as author.
        :param fields: the profile's name/value fields as ``(name, value)`` tuples,
            replacing the current ones; values that are not strings are sent as
            ``str(value)``. The server sets the maximum count (4 by default).
        :param avatar_description: alternative text for the avatar.
        :param header_description: alternative text for the header.
        :returns: the updated :class:`Profile`.
        """
        params = {
            "display_name": check_optional_text(display_name, "display_name"),
            "note": check_optional_text(note, "note"),
            "locked": as_bool(locked, "locked"),
            "bot": as_bool(bot, "bot"),
            "discoverable": as_bool(discoverable, "discoverable"),
            "hide_collections": as_bool(hide_collections, "hide_collections"),
            "indexable": as_bool(indexable, "indexable"),
            "show_media": as_bool(show_media, "show_media"),
            "show_media_replies": as_bool(show_media_replies, "show_media_replies"),
            "show_featured": as_bool(show_featured, "show_featured"),
            "attribution_domains": check_strings(attribution_domains, "attribution_domains"),
            "fields_attributes": profile_fields(fields),
            "avatar_description": check_optional_text(avatar_description, "avatar_description"),
            "header_description": check_optional_text(header_description, "header_description"),
        }
        files = profile_images(avatar, avatar_mime_type, header, header_mime_type)
        return self._patch("/api/v1/profile", params, files=files, returns=Profile)
