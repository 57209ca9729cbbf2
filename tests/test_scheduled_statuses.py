"""Scheduled statuses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError
from tests.data import statuses as data


def test_scheduled_statuses(api, expect):
    call = expect("GET", "/api/v1/scheduled_statuses", [data.scheduled_status()])
    result = api.scheduled_statuses()
    assert call.query == []
    assert result[0].id == 3221
    assert result[0].scheduled_at == datetime(2019, 12, 5, 12, 33, 1, tzinfo=timezone.utc)
    assert result[0].params.application_id == 596551


def test_scheduled_statuses_page_parameters(api, expect):
    call = expect("GET", "/api/v1/scheduled_statuses", [])
    api.scheduled_statuses(max_id={"id": "3300"}, min_id=3000, since_id="2999", limit=40)
    assert call.query == [("max_id", "3300"), ("min_id", "3000"), ("since_id", "2999"), ("limit", "40")]


def test_scheduled_statuses_fetch_next(api, expect, base_url):
    link = f'<{base_url}/api/v1/scheduled_statuses?max_id=3221>; rel="next"'
    expect("GET", "/api/v1/scheduled_statuses", [data.scheduled_status(id="3300")], headers={"Link": link})
    second = expect("GET", "/api/v1/scheduled_statuses", [data.scheduled_status()])
    page = api.scheduled_statuses()
    nxt = api.fetch_next(page)
    assert second.query == [("max_id", "3221")]
    assert nxt[0].id == 3221


def test_scheduled_status(api, expect):
    expect("GET", "/api/v1/scheduled_statuses/3221", data.scheduled_status())
    result = api.scheduled_status("3221")
    assert result.params.text == "test content"
    assert result.media_attachments == []


def test_scheduled_status_update(api, expect):
    call = expect("PUT", "/api/v1/scheduled_statuses/3221", data.scheduled_status(scheduled_at="2019-12-05T13:33:01.000Z"))
    when = datetime(2019, 12, 5, 14, 33, 1, tzinfo=timezone(timedelta(hours=1)))
    result = api.scheduled_status_update({"id": 3221}, when)
    assert call.form == [("scheduled_at", "2019-12-05T13:33:01.000Z")]
    assert result.scheduled_at == when


@pytest.mark.parametrize("when", ["2030-01-01T00:00:00Z", None, 1893456000])
def test_scheduled_status_update_bad_time_sends_nothing(api, when):
    with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
        api.scheduled_status_update(3221, when)


def test_scheduled_status_delete(api, expect):
    call = expect("DELETE", "/api/v1/scheduled_statuses/3221", {})
    assert api.scheduled_status_delete(3221) is None
    assert call.query == []


def test_scheduled_status_delete_missing(api, expect):
    expect("DELETE", "/api/v1/scheduled_statuses/1", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.scheduled_status_delete(1)
