"""Media uploads and updates."""

from __future__ import annotations

import logging

from .._checks import as_bool, focus_string
from .._core import RequestCore
from .._encoding import MediaInput, read_media
from .._server import api_version
from ..errors import MastodonAPIError, MastodonIllegalArgumentError
from ..types import EntityOrId, MediaAttachment

__all__ = ["MediaMixin"]

log = logging.getLogger("mastodon")

# Waiting for media processing (media_post(synchronous=True)): the first pause
# between checks and the longest pause.
POLL_INITIAL_DELAY = 0.1
POLL_MAX_DELAY = 2.0


class MediaMixin(RequestCore):
    """Media uploads and updates."""

    @api_version("3.1.4", "3.1.4")
    def media(self, id: EntityOrId) -> MediaAttachment:
        """Fetch one of your media attachments that is not yet attached to a status.

        Useful to see whether the server has finished processing an upload: its
        ``url`` is ``None`` until then.

        :param id: the media attachment, or its id.
        :returns: the :class:`MediaAttachment`.
        """
        return self._get(f"/api/v1/media/{self._id(id)}", returns=MediaAttachment)

    @api_version("1.0.0", "3.2.0")
    def media_post(
        self,
        media_file: MediaInput,
        mime_type: str | None = None,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        file_name: str | None = None,
        thumbnail: MediaInput | None = None,
        thumbnail_mime_type: str | None = None,
        synchronous: bool = False,
        *,
        synchronous_timeout: float = 60.0,
    ) -> MediaAttachment:
        """Upload an image, video or audio file to attach to a status.

        Servers from 3.1.4 on may answer before the file is processed (``url`` is then
        ``None``); the attachment can be used in :meth:`status_post` right away, or
        pass ``synchronous=True`` to wait until processing is done.

        :param media_file: a file path, the file's bytes, or a file object opened in
            binary mode.
        :param mime_type: the file's MIME type (e.g. ``"image/png"``); guessed from the
            file name or content when not given.
        :param description: alt text describing the media for people who cannot see it.
        :param focus: the focal point used when cropping previews: an ``(x, y)`` pair,
            both from -1.0 to 1.0.
        :param file_name: the file name sent to the server; taken from the path or file
            object, else made up.
        :param thumbnail: a custom preview image (for video and audio), in any of the
            forms ``media_file`` accepts.
        :param thumbnail_mime_type: the thumbnail's MIME type, guessed when not given.
        :param synchronous: wait until the server has processed the file, checking
            with growing pauses (up to 2 s apart).
        :param synchronous_timeout: in synchronous mode, the seconds to wait at most.
        :returns: the new :class:`MediaAttachment`.
        :raises MastodonFileNotFoundError: when a path names a missing file.
        :raises MastodonIllegalArgumentError: on a focus that is not a pair of numbers,
            or a MIME type that cannot be told.
        :raises MastodonAPIError: when processing fails on the server, or has not
            finished within ``synchronous_timeout``.
        """
        focus_text = focus_string(focus)
        synchronous = as_bool(synchronous, "synchronous", required=True)
        if synchronous and (
            isinstance(synchronous_timeout, bool) or not isinstance(synchronous_timeout, (int, float)) or synchronous_timeout <= 0
        ):
            raise MastodonIllegalArgumentError("synchronous_timeout must be a positive number of seconds")
        files = {"file": read_media(media_file, mime_type, file_name, "media_file")}
        if thumbnail is not None:
            files["thumbnail"] = read_media(thumbnail, thumbnail_mime_type, None, "thumbnail")
        path = "/api/v2/media" if self._server.version() >= (3, 1, 4) else "/api/v1/media"
        attachment = self._post(path, {"description": description, "focus": focus_text}, files=files, returns=MediaAttachment)
        if synchronous:
            attachment = self._wait_for_media(attachment, synchronous_timeout)
        return attachment

    def _wait_for_media(self, attachment: MediaAttachment, timeout: float) -> MediaAttachment:
        """Check an uploaded attachment with growing pauses until it has a ``url``."""
        deadline = self._clock.monotonic() + timeout
        delay = POLL_INITIAL_DELAY
        media_id = attachment.get("id")
        while attachment.get("url") is None:
            remaining = deadline - self._clock.monotonic()
            if remaining <= 0:
                raise MastodonAPIError(
                    f"media attachment {media_id} was still being processed after {timeout:g} s; "
                    "it can still be used, or checked later with media()"
                )
            self._clock.sleep(min(delay, remaining))
            delay = min(delay * 2, POLL_MAX_DELAY)
            try:
                polled = self._get(f"/api/v1/media/{self._id(media_id)}", returns=MediaAttachment)
            except MastodonAPIError as exc:
                raise type(exc)(
                    f"media attachment {media_id} could not be processed: {exc.message}",
                    exc.status_code,
                    exc.reason,
                    exc.error,
                    exc.error_description,
                ) from exc
            log.debug("media %s: url %s", media_id, "ready" if polled and polled.get("url") else "pending")
            if polled:
                attachment = polled
        return attachment

    @api_version("2.3.0", "3.2.0")
    def media_update(
        self,
        id: EntityOrId,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        thumbnail: MediaInput | None = None,
        thumbnail_mime_type: str | None = None,
    ) -> MediaAttachment:
        """Change an uploaded attachment before it is attached to a status.

        Only the values given are changed.

        :param id: the media attachment, or its id.
        :param description: new alt text.
        :param focus: a new focal point, an ``(x, y)`` pair with both from -1.0 to 1.0.
        :param thumbnail: a new custom preview image: a path, bytes or binary file.
        :param thumbnail_mime_type: the thumbnail's MIME type, guessed when not given.
        :returns: the updated :class:`MediaAttachment`.
        :raises MastodonFileNotFoundError: when ``thumbnail`` names a missing file.
        """
        focus_text = focus_string(focus)
        files = None
        if thumbnail is not None:
            files = {"thumbnail": read_media(thumbnail, thumbnail_mime_type, None, "thumbnail")}
        return self._put(
            f"/api/v1/media/{self._id(id)}",
            {"description": description, "focus": focus_text},
            files=files,
            returns=MediaAttachment,
        )

    @api_version("4.4.0", "4.4.0")
    def media_delete(self, id: EntityOrId) -> None:
        """Delete an uploaded attachment that is not attached to any status.

        :param id: the media attachment, or its id.
        """
        self._delete(f"/api/v1/media/{self._id(id)}")
