"""Reports filed by the user."""

from __future__ import annotations

from typing import Any

from .._checks import REPORT_CATEGORIES, as_bool, as_choice, check_optional_text, check_strings
from .._core import RequestCore
from .._server import api_version
from ..types import EntityOrId, NonPaginatableList, Report

__all__ = ["ReportsMixin", "REPORT_CATEGORIES"]

#: Why an account is reported (``legal`` needs Mastodon 4.2).


class ReportsMixin(RequestCore):
    """Reports filed by the user."""

    @api_version("1.1.0", "1.1.0")
    def reports(self) -> NonPaginatableList[Report]:
        """Fetch the reports the user has filed.

        Only servers older than Mastodon 2.5 offer this; newer ones answer with
        an error.

        :returns: a list of :class:`Report`.
        """
        return self._get("/api/v1/reports", returns=NonPaginatableList[Report])

    @api_version("1.1.0", "4.6.0")
    def report(
        self,
        account_id: EntityOrId,
        status_ids: Any = None,
        comment: str | None = None,
        forward: bool = False,
        category: str | None = None,
        rule_ids: Any = None,
        forward_to_domains: list[str] | None = None,
        collection_ids: Any = None,
    ) -> Report:
        """Report an account to the server's moderators.

        :param account_id: the account to report, or its id.
        :param status_ids: statuses of that account to attach as evidence: one
            status or id, or a list of them.
        :param comment: the reason, in the user's words (servers accept up to
            1000 characters by default).
        :param forward: for a remote account, also send an anonymised copy of the
            report to its server's moderators.
        :param category: ``"spam"``, ``"legal"`` (illegal content, Mastodon 4.2
            and newer), ``"violation"`` (breaks the server rules given in
            ``rule_ids``) or ``"other"`` (the server's default).
        :param rule_ids: the server rules broken, as rules or their ids (see the
            instance's rules). Only for ``category="violation"``, which is sent
            when ``category`` is left at ``None`` (the server refuses them with
            another category).
        :param forward_to_domains: with ``forward``, the remote servers to send
            the report to (for instance those of accounts the reported statuses
            reply to).
        :param collection_ids: collections of that account to attach: one
            collection or id, or a list of them (Mastodon 4.6 and newer).
        :returns: the filed :class:`Report`.
        :raises MastodonIllegalArgumentError: on an unknown category.
        """
        category = as_choice(category, "category", REPORT_CATEGORIES)
        if rule_ids is not None and category is None:
            category = "violation"
        params = {
            "account_id": self._unpack_id(account_id, "account_id"),
            "status_ids": None if status_ids is None else self._unpack_ids(status_ids, "status_ids"),
            "collection_ids": None if collection_ids is None else self._unpack_ids(collection_ids, "collection_ids"),
            "comment": check_optional_text(comment, "comment"),
            "forward": as_bool(forward, "forward", required=True),
            "category": category,
            "rule_ids": None if rule_ids is None else self._unpack_ids(rule_ids, "rule_ids"),
            "forward_to_domains": check_strings(forward_to_domains, "forward_to_domains"),
        }
        return self._post("/api/v1/reports", params, returns=Report)
