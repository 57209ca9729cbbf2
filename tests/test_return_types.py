"""``mastodon.return_types``: the 2.x import path, plain dicts at run time, real classes to mypy."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from mastodon import AttribAccessDict, AttribAccessList, Mastodon
from tests.conftest import Recorded
from tests.data import entities as data

ROOT = Path(__file__).resolve().parent.parent

# The names Mastodon.py 2.x exports from mastodon.return_types, less the two that
# are not part of the current API (IdentityProof, removed in Mastodon 3.5, and
# InstanceAnnualReportCampaign: the docs type InstanceV2.wrapstodon as a string).
MASTODONPY_NAMES = (
    "Account AccountField Role CredentialAccountSource Status Quote ShallowQuote QuoteApproval StatusEdit "
    "FilterResult StatusMention ScheduledStatus ScheduledStatusParams Poll PollOption Conversation Tag TagHistory "
    "CustomEmoji Application Relationship Filter FilterV2 Notification Context UserList MediaAttachment "
    "MediaAttachmentMetadataContainer MediaAttachmentImageMetadata MediaAttachmentVideoMetadata "
    "MediaAttachmentAudioMetadata MediaAttachmentFocusPoint MediaAttachmentColors PreviewCard TrendingLinkHistory "
    "PreviewCardAuthor Search SearchV2 Collection CollectionItem Instance InstanceConfiguration InstanceURLs "
    "InstanceV2 InstanceIcon InstanceConfigurationV2 InstanceVapidKey InstanceURLsV2 InstanceThumbnail "
    "InstanceThumbnailVersions InstanceStatistics InstanceUsage InstanceUsageUsers RuleTranslation Rule "
    "InstanceRegistrations InstanceContact InstanceAccountConfiguration InstanceStatusConfiguration "
    "InstanceTranslationConfiguration InstanceMediaConfiguration InstancePollConfiguration "
    "InstanceTimelinesAccessConfiguration InstanceTimelinesAccessFeedConfiguration Nodeinfo NodeinfoSoftware "
    "NodeinfoServices NodeinfoUsage NodeinfoUsageUsers NodeinfoMetadata Activity Report AdminReport "
    "WebPushSubscription WebPushSubscriptionAlerts PushNotification Preferences FeaturedTag Marker Announcement "
    "Reaction StreamReaction FamiliarFollowers AdminAccount AdminIp AdminMeasure AdminMeasureData AdminDimension "
    "AdminDimensionData AdminRetention AdminCohort AdminDomainBlock AdminCanonicalEmailBlock AdminDomainAllow "
    "AdminEmailDomainBlock AdminEmailDomainBlockHistory AdminIpBlock DomainBlock ExtendedDescription FilterKeyword "
    "FilterStatus StatusSource Suggestion Translation AccountCreationError AccountCreationErrorDetails "
    "AccountCreationErrorDetailsField NotificationPolicy NotificationPolicySummary RelationshipSeveranceEvent "
    "GroupedNotificationsResults PartialAccountWithAvatar NotificationGroup AccountWarning "
    "UnreadNotificationsCount Appeal NotificationRequest SupportedLocale OAuthServerInfo OAuthUserInfo "
    "TermsOfService AsyncRefresh"
).split()


def test_the_mastodonpy_names_import_and_are_plain_classes_at_run_time() -> None:
    from mastodon import return_types

    assert len(MASTODONPY_NAMES) == 122
    for name in MASTODONPY_NAMES:
        assert getattr(return_types, name) is AttribAccessDict, name
    assert set(MASTODONPY_NAMES) <= set(return_types.__all__)
    assert return_types.PaginatableList is return_types.NonPaginatableList is AttribAccessList
    assert return_types.IdType == int | str


def test_from_import_works() -> None:
    from mastodon.return_types import Account, MediaAttachment, Notification, Status

    assert Status is Account is Notification is MediaAttachment is AttribAccessDict


def test_results_are_dicts(api: Mastodon, expect: Callable[..., Recorded]) -> None:
    from mastodon.return_types import Account, Status

    expect("GET", "/api/v1/statuses/103270115826048975", data.status())
    expect("GET", "/api/v1/timelines/home", [data.status(id="2"), data.status(id="1")])
    status = api.status(103270115826048975)
    timeline = api.timeline_home()
    assert isinstance(status, dict) and type(status) is AttribAccessDict
    assert isinstance(status, Status) and isinstance(status.account, Account)
    assert isinstance(status.account, dict) and isinstance(status.media_attachments[0], dict)
    assert isinstance(timeline, list) and all(type(item) is AttribAccessDict for item in timeline)
    assert [item.id for item in timeline] == [2, 1]


# One mypy run over a small typed program: what it must accept, and the two
# mistakes it must catch (a misspelt field, a str where a datetime belongs).
TYPED_PROGRAM = """\
from datetime import datetime
from typing import Any

from typing_extensions import assert_type  # typing.assert_type needs Python 3.11

from mastodon import Mastodon
from mastodon.return_types import Account, IdType, MediaAttachment, Notification, Poll, Status


def check(api: Mastodon, status: Status, notification: Notification, poll: Poll) -> None:
    assert_type(api.status(1).account.acct, str)
    assert_type(status.account, Account)
    assert_type(status.id, IdType)
    assert_type(status.created_at, datetime)
    assert_type(status.reblog, Status | None)
    assert_type(status.media_attachments, list[MediaAttachment])
    assert_type(status.media_attachments[0].description, str | None)
    assert_type(notification.status, Status | None)
    assert_type(poll.options[0].votes_count, int | None)
    assert_type(status["anything"], Any)  # item access stays open
    status.acount  # misspelt: ERROR attr-defined
    when: datetime = status.content  # a str is not a datetime: ERROR assignment
"""


def test_mypy_sees_the_entity_classes(tmp_path: Path) -> None:
    path = tmp_path / "typed_usage.py"
    path.write_text(TYPED_PROGRAM, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = TYPED_PROGRAM.splitlines()
    expected = {(number, match.group(1)) for number, line in enumerate(lines, 1) if (match := re.search(r"ERROR ([\w-]+)", line))}
    found = set()
    for line in run.stdout.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+): error: .*\[([\w-]+)\]$", line)
        assert match, f"unexpected mypy output: {line}"
        found.add((int(match.group(1)), match.group(2)))
    assert found == expected, run.stdout + run.stderr
    assert run.returncode == 1
