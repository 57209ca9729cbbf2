"""Hashtags: looking them up, following them, featuring them on the profile."""

from __future__ import annotations

from .._checks import tag_name
from .._core import RequestCore
from .._server import api_version
from ..types import EntityOrId, FeaturedTag, NonPaginatableList, PageBound, PaginatableList, Tag
from .pagination import page_params

__all__ = ["HashtagsMixin"]


class HashtagsMixin(RequestCore):
    """Hashtags: looking them up, following them, featuring them on the profile."""

    # -- single hashtags ----------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def tag(self, hashtag: Tag | str) -> Tag:
        """Fetch a hashtag with its recent usage and whether the user follows it.

        :param hashtag: the hashtag's name without ``#`` (case does not matter),
            or a :class:`Tag`.
        :returns: the :class:`Tag`.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._get(f"/api/v1/tags/{self._id(tag_name(hashtag, 'hashtag'), 'hashtag')}", returns=Tag)

    @api_version("4.0.0", "4.0.0")
    def tag_follow(self, hashtag: Tag | str) -> Tag:
        """Follow a hashtag: statuses using it then appear in the home timeline.

        Following a hashtag already followed is not an error (Mastodon 4.1 and newer).

        :param hashtag: the hashtag's name without ``#``, or a :class:`Tag`.
        :returns: the :class:`Tag`, with ``following`` now true.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._post(f"/api/v1/tags/{self._id(tag_name(hashtag, 'hashtag'), 'hashtag')}/follow", returns=Tag)

    @api_version("4.0.0", "4.0.0")
    def tag_unfollow(self, hashtag: Tag | str) -> Tag:
        """Stop following a hashtag.

        :param hashtag: the hashtag's name without ``#``, or a :class:`Tag`.
        :returns: the :class:`Tag`, with ``following`` now false.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._post(f"/api/v1/tags/{self._id(tag_name(hashtag, 'hashtag'), 'hashtag')}/unfollow", returns=Tag)

    @api_version("4.4.0", "4.4.0")
    def tag_feature(self, name: Tag | str) -> Tag:
        """Feature a hashtag on the user's profile.

        :param name: the hashtag's name without ``#``, or a :class:`Tag`.
        :returns: the :class:`Tag`, with ``featured`` now true.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._post(f"/api/v1/tags/{self._id(tag_name(name, 'name'), 'name')}/feature", returns=Tag)

    @api_version("4.4.0", "4.4.0")
    def tag_unfeature(self, name: Tag | str) -> Tag:
        """Stop featuring a hashtag on the user's profile.

        :param name: the hashtag's name without ``#``, or a :class:`Tag`.
        :returns: the :class:`Tag`, with ``featured`` now false.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._post(f"/api/v1/tags/{self._id(tag_name(name, 'name'), 'name')}/unfeature", returns=Tag)

    # -- followed hashtags ----------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def followed_tags(
        self,
        max_id: PageBound = None,
        min_id: PageBound = None,
        since_id: PageBound = None,
        limit: int | None = None,
    ) -> PaginatableList[Tag]:
        """Fetch the hashtags the user follows, a page at a time.

        Continue with :meth:`fetch_next`; the ids paginated over belong to the
        follow relationships, not to the tags, so use the pages' links rather
        than tag ids.

        :param limit: how many to return (the server's default is 100, at most 200).
        :returns: a page of :class:`Tag`.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._get("/api/v1/followed_tags", params, returns=PaginatableList[Tag])

    # -- featured hashtags ----------------------------------------------------------------

    @api_version("3.0.0", "3.0.0")
    def featured_tags(self) -> NonPaginatableList[FeaturedTag]:
        """Fetch the hashtags featured on the user's profile.

        :returns: a list of :class:`FeaturedTag`. Their ``id`` is that of the
            featuring, which :meth:`featured_tag_delete` takes, not that of the tag.
        """
        return self._get("/api/v1/featured_tags", returns=NonPaginatableList[FeaturedTag])

    @api_version("3.0.0", "3.0.0")
    def featured_tag_create(self, name: str) -> FeaturedTag:
        """Feature a hashtag on the user's profile.

        :param name: the hashtag's name without ``#``.
        :returns: the new :class:`FeaturedTag`.
        :raises MastodonIllegalArgumentError: when the name starts with ``#``.
        """
        return self._post("/api/v1/featured_tags", {"name": tag_name(name, "name", in_path=False)}, returns=FeaturedTag)

    @api_version("3.0.0", "3.0.0")
    def featured_tag_delete(self, id: EntityOrId) -> None:
        """Stop featuring a hashtag on the user's profile.

        :param id: the :class:`FeaturedTag` (as :meth:`featured_tags` returns
            it), or its id.
        """
        self._delete(f"/api/v1/featured_tags/{self._id(id)}")

    @api_version("3.0.0", "3.0.0")
    def featured_tag_suggestions(self) -> NonPaginatableList[Tag]:
        """Fetch up to ten hashtags the user used recently, as ideas to feature.

        :returns: a list of :class:`Tag` (not featured tags: they have usage
            history rather than a status count).
        """
        return self._get("/api/v1/featured_tags/suggestions", returns=NonPaginatableList[Tag])
