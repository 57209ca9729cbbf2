"""Direct conversations."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError
from tests.data import timelines as data


def test_conversations(api, expect):
    call = expect("GET", "/api/v1/conversations", [data.conversation(), data.conversation(id="418374", unread=False)])
    result = api.conversations(limit=2)
    assert call.query == [("limit", "2")]
    assert [c.id for c in result] == [418450, 418374]
    first = result[0]
    assert first.unread is True
    assert first.accounts[0].id == 482403
    assert first.last_status.in_reply_to_id == 103196540587943467
    assert first.last_status.created_at == datetime(2019, 11, 25, 4, 8, 24, tzinfo=timezone.utc)


def test_conversations_fetch_next_follows_link_header(api, expect, base_url):
    # Paging cursors are not conversation ids: only the Link header knows them.
    link = (
        f'<{base_url}/api/v1/conversations?limit=2&max_id=108835003356700379>; rel="next", '
        f'<{base_url}/api/v1/conversations?limit=2&min_id=108888782724768580>; rel="prev"'
    )
    expect("GET", "/api/v1/conversations", [data.conversation()], headers={"Link": link})
    older = expect("GET", "/api/v1/conversations", [data.conversation(id="1")])
    newer = expect("GET", "/api/v1/conversations", [])
    page = api.conversations(limit=2)
    assert api.fetch_next(page)[0].id == 1
    assert api.fetch_previous(page) == []
    assert older.query == [("limit", "2"), ("max_id", "108835003356700379")]
    assert newer.query == [("limit", "2"), ("min_id", "108888782724768580")]


def test_conversations_rejects_bad_limit(api):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.conversations(limit="all")


def test_conversations_read(api, expect):
    call = expect("POST", "/api/v1/conversations/418450/read", data.conversation(unread=False))
    result = api.conversations_read(data.conversation())
    assert call.form == []
    assert result.unread is False and result.id == 418450


def test_conversations_delete(api, expect):
    call = expect("DELETE", "/api/v1/conversations/418450", {})
    assert api.conversations_delete("418450") is None
    assert call.query == []


def test_conversations_delete_not_found(api, expect):
    expect("DELETE", "/api/v1/conversations/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError, match="Record not found"):
        api.conversations_delete(1)


def test_conversations_read_rejects_missing_id(api):
    with pytest.raises(MastodonIllegalArgumentError):
        api.conversations_read(None)
