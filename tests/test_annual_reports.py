"""Annual reports (Wrapstodon)."""

from __future__ import annotations

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError
from tests.data import filters as data


def test_annual_reports(api, expect):
    call = expect(
        "GET", "/api/v1/annual_reports", data.wrapped_annual_reports(data.annual_report(), data.annual_report(year=2026, share_url=None))
    )
    result = api.annual_reports()
    assert call.query == []
    assert [r.year for r in result.annual_reports] == [2025, 2026]
    first = result.annual_reports[0]
    assert first.account_id == 55911 and first.schema_version == 2
    assert first.data.archetype == "oracle" and first.data.top_hashtags[0].name == "Mastodon"
    assert result.accounts[0].id == 55911
    assert result.statuses[0].created_at.tzinfo is not None


def test_annual_report(api, expect):
    expect("GET", "/api/v1/annual_reports/2025", data.wrapped_annual_reports())
    result = api.annual_report(2025)
    assert result.annual_reports[0].share_url.endswith("/2025/7fa0231c0f206390")


def test_annual_report_missing(api, expect):
    expect("GET", "/api/v1/annual_reports/2019", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.annual_report(2019)


def test_annual_report_state(api, expect):
    expect("GET", "/api/v1/annual_reports/2025/state", {"state": "eligible"})
    assert api.annual_report_state(2025).state == "eligible"


def test_annual_report_generate(api, expect):
    call = expect("POST", "/api/v1/annual_reports/2025/generate", raw=b"", status=202)
    assert api.annual_report_generate(2025) is None
    assert call.form == []


def test_annual_report_read(api, expect):
    call = expect("POST", "/api/v1/annual_reports/2025/read", raw=b"")
    assert api.annual_report_read(2025) is None
    assert call.method == "POST"


def test_annual_report_year_as_text(api, expect):
    call = expect("GET", "/api/v1/annual_reports/2025/state", {"state": "eligible"})
    assert api.annual_report_state("2025").state == "eligible"
    assert call.path == "/api/v1/annual_reports/2025/state"


@pytest.mark.parametrize("method", ["annual_report", "annual_report_state", "annual_report_generate", "annual_report_read"])
@pytest.mark.parametrize("year", ["twenty", True, None, 2025.5, "2025/../x"])
def test_annual_report_calls_reject_bad_year(api, method, year):
    with pytest.raises(MastodonIllegalArgumentError, match="year"):
        getattr(api, method)(year)
