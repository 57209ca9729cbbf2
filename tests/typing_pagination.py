"""Type checks of pagination, read by mypy (CI runs ``mypy --strict mastodon
tests/typing_pagination.py``), never run: following a page gives back the list
type of the page it started from.
"""

from __future__ import annotations

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.types import Account, PaginatableList, Status


def follow_pages(api: Mastodon) -> None:
    statuses = api.timeline_home()
    assert_type(statuses, PaginatableList[Status])
    assert_type(api.fetch_next(statuses), PaginatableList[Status] | None)
    assert_type(api.fetch_previous(statuses), PaginatableList[Status] | None)
    assert_type(api.fetch_remaining(statuses), PaginatableList[Status])
    followers = api.account_followers(1)
    assert_type(api.fetch_next(followers), PaginatableList[Account] | None)
