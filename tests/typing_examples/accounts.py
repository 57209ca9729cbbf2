"""Accounts, relationships and the user's own profile."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from mastodon import Mastodon
from mastodon.return_types import (
    Account,
    AccountField,
    AccountRole,
    CredentialAccount,
    FeaturedTag,
    MutedAccount,
    NonPaginatableList,
    PaginatableList,
    Relationship,
    Role,
)


def own_account(api: Mastodon) -> None:
    me = api.me()
    assert_type(me, CredentialAccount)
    assert_type(me.acct, str)
    assert_type(me.source.privacy, str)
    assert_type(me.source.fields, list[AccountField])
    assert_type(me.source.follow_requests_count, int)
    assert_type(me.role, Role)
    assert_type(api.account_verify_credentials().followers_count, int)
    assert_type(api.account_update_credentials(display_name="Me").display_name, str)
    assert_type(api.profile().note, str)


def other_accounts(api: Mastodon) -> None:
    account = api.account(1)
    assert_type(account, Account)
    assert_type(account.moved, Account | None)
    if account.moved is not None:
        assert_type(account.moved.acct, str)
    assert_type(account.fields[0].value, str)
    assert_type(account.bot, bool)
    assert_type(account.roles, list[AccountRole] | None)
    assert_type(api.account_lookup("alice").url, str | None)
    assert_type(api.accounts([1, 2]), NonPaginatableList[Account])
    assert_type(api.account_search("alice")[0].display_name, str)
    assert_type(api.account_featured_tags(1), NonPaginatableList[FeaturedTag])
    assert_type(api.account_featured_tags(1)[0].last_status_at, datetime | None)
    assert_type(api.account_familiar_followers(1)[0].accounts[0].username, str)
    assert_type(api.account_lists(1)[0].title, str)
    assert_type(api.directory(local=True), PaginatableList[Account])
    assert_type(api.suggestions_v2()[0].account.note, str)


def relationships(api: Mastodon) -> None:
    relationship = api.account_follow(1)
    assert_type(relationship, Relationship)
    assert_type(relationship.following, bool)
    assert_type(relationship.muting_expires_at, datetime | None)
    assert_type(api.account_relationships([1, 2])[0].followed_by, bool)
    assert_type(api.account_mute(1, duration=3600).muting, bool)
    assert_type(api.mutes(), PaginatableList[MutedAccount])
    assert_type(api.mutes()[0].mute_expires_at, datetime | None)
    assert_type(api.blocks()[0].acct, str)
    assert_type(api.follow_requests()[0].locked, bool)
    assert_type(api.follows("alice@example.com").requested, bool)
    assert_type(api.domain_blocks(), PaginatableList[str])
    assert_type(api.endorsements()[0].id, int | str)
