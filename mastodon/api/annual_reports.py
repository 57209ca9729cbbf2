"""Annual reports ("Wrapstodon"): a yearly summary of the user's activity.

Servers whose administrators enable the feature offer it in December to users
with enough activity in the year.
"""

from __future__ import annotations

from typing import Any

from .._checks import as_int
from .._core import RequestCore
from .._server import api_version
from ..types import AnnualReportState, WrappedAnnualReports

__all__ = ["AnnualReportsMixin"]


def _year(value: Any) -> int:
    """The year in the path: an int, or text holding one (``"2025"``)."""
    return as_int(value, "year", required=True)


class AnnualReportsMixin(RequestCore):
    """Annual reports (Wrapstodon)."""

    @api_version("4.3.0", "4.3.0")
    def annual_reports(self) -> WrappedAnnualReports:
        """Fetch every annual report generated for the user.

        :returns: a :class:`WrappedAnnualReports`: the reports in
            ``annual_reports``, with the accounts and statuses they mention in
            ``accounts`` and ``statuses``.
        """
        return self._get("/api/v1/annual_reports", returns=WrappedAnnualReports)

    @api_version("4.4.0", "4.4.0")
    def annual_report(self, year: int) -> WrappedAnnualReports:
        """Fetch the user's annual report for one year.

        :param year: the year, such as ``2025``.
        :returns: a :class:`WrappedAnnualReports` holding that one report.
        :raises MastodonNotFoundError: when no report was generated for that year.
        """
        return self._get(f"/api/v1/annual_reports/{self._id(_year(year), 'year')}", returns=WrappedAnnualReports)

    @api_version("4.6.0", "4.6.0")
    def annual_report_state(self, year: int) -> AnnualReportState:
        """Ask where the user's annual report for a year stands.

        :param year: the year, such as ``2025``.
        :returns: an :class:`AnnualReportState` whose ``state`` is ``"available"`` (generated),
            ``"generating"``, ``"eligible"`` (can be generated with
            :meth:`annual_report_generate`) or ``"ineligible"``.
        """
        return self._get(f"/api/v1/annual_reports/{self._id(_year(year), 'year')}/state", returns=AnnualReportState)

    @api_version("4.6.0", "4.6.0")
    def annual_report_generate(self, year: int) -> None:
        """Ask the server to generate the user's annual report for a year.

        Generation runs in the background; poll :meth:`annual_report_state` until
        it says ``"available"``. Asking again for a report already generated, or
        one the user is not eligible for, does nothing.

        :param year: the year, such as ``2025``.
        """
        self._post(f"/api/v1/annual_reports/{self._id(_year(year), 'year')}/generate")

    @api_version("4.3.0", "4.3.0")
    def annual_report_read(self, year: int) -> None:
        """Mark the user's annual report for a year as read.

        :param year: the year, such as ``2025``.
        :raises MastodonNotFoundError: when no report was generated for that year.
        """
        self._post(f"/api/v1/annual_reports/{self._id(_year(year), 'year')}/read")
