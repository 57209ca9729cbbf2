"""Mutes, blocks, domain blocks and follow requests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import accounts as data


def test_mutes(api, expect):
    call = expect("GET", "/api/v1/mutes", [data.muted_account()])
    result = api.mutes(limit=10)
    assert call.query == [("limit", "10")]
    assert result[0].id == 23634
    assert result[0].mute_expires_at == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)


def test_blocks_follows_link_header(api, expect, base_url):
    first = expect(
        "GET", "/api/v1/blocks", [data.account(id="9")], headers={"Link": f'<{base_url}/api/v1/blocks?max_id=77&limit=1>; rel="next"'}
    )
    second = expect("GET", "/api/v1/blocks", [data.account(id="8")], query={"max_id": "77", "limit": "1"})
    page = api.blocks(limit=1)
    assert first.query == [("limit", "1")]
    later = api.fetch_next(page)
    assert second.query == [("max_id", "77"), ("limit", "1")]
    assert [page[0].id, later[0].id] == [9, 8]


def test_domain_blocks(api, expect, base_url):
    call = expect(
        "GET",
        "/api/v1/domain_blocks",
        ["nsfw.social", "artalley.social"],
        headers={"Link": f'<{base_url}/api/v1/domain_blocks?max_id=2>; rel="next"'},
    )
    result = api.domain_blocks(max_id=10, since_id=1)
    assert call.query == [("max_id", "10"), ("since_id", "1")]
    assert list(result) == ["nsfw.social", "artalley.social"]
    assert result._pagination_next.max_id == 2


def test_domain_block_and_unblock(api, expect):
    block = expect("POST", "/api/v1/domain_blocks", {})
    unblock = expect("DELETE", "/api/v1/domain_blocks", {})
    assert api.domain_block("nsfw.social") is None
    assert api.domain_unblock(domain="nsfw.social") is None
    assert block.form == [("domain", "nsfw.social")]
    assert unblock.query == [("domain", "nsfw.social")]


def test_domain_block_leaves_the_form_of_the_domain_to_the_server(api, expect):
    call = expect("POST", "/api/v1/domain_blocks", {})
    api.domain_block("https://nsfw.social/")
    assert call.form == [("domain", "https://nsfw.social/")]


@pytest.mark.parametrize("domain", [None, 42, ["nsfw.social"]])
def test_domain_block_bad_domain(api, domain):
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        api.domain_block(domain)
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        api.domain_unblock(domain)


def test_follow_requests(api, expect):
    call = expect("GET", "/api/v1/follow_requests", [data.account(locked=False)])
    result = api.follow_requests(min_id={"id": "100"})
    assert call.query == [("min_id", "100")]
    assert result[0].acct == "noiob@awoo.space"


def test_follow_request_authorize_and_reject(api, expect):
    yes = expect("POST", "/api/v1/follow_requests/23634/authorize", data.relationship(id="23634", followed_by=True))
    no = expect("POST", "/api/v1/follow_requests/5/reject", data.relationship(id="5", followed_by=False))
    assert api.follow_request_authorize(data.account()).followed_by is True
    assert api.follow_request_reject(5).followed_by is False
    assert yes.form == [] and no.form == []


def test_follow_requests_bad_limit(api):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.follow_requests(limit="all")
