"""``mastodon.return_types``: the 2.x import path, plain dicts at run time, real classes to mypy."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mastodon import AttribAccessDict, AttribAccessList, CallbackStreamListener, Mastodon, StreamListener
from mastodon._entities import ENTITY_NAMES
from tests.conftest import Recorded
from tests.data import entities as data
from tests.test_docs import _docs_conf
from tests.test_entities import gen

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


# One mypy run, in a fresh cache, over the typed usage examples (which must pass)
# and the mistakes it must catch: every line of tests/typing_mistakes.py marked
# "# E: <code>" is an error of that code, and there is no other error anywhere.
EXAMPLES = Path("tests") / "typing_examples"
MISTAKES = Path("tests") / "typing_mistakes.py"
ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[\w-]+)\]$")


def expected_errors() -> set[tuple[str, int, str]]:
    lines = (ROOT / MISTAKES).read_text(encoding="utf-8").splitlines()
    return {
        (MISTAKES.as_posix(), number, match.group(1))
        for number, line in enumerate(lines, 1)
        if (match := re.search(r"# E: ([\w-]+)$", line))
    }


def test_mypy_accepts_the_examples_and_catches_the_mistakes(tmp_path: Path) -> None:
    expected = expected_errors()
    assert len(expected) >= 20  # the markers were read
    assert len(list((ROOT / EXAMPLES).glob("*.py"))) >= 8
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--no-pretty",
            "--cache-dir",
            str(tmp_path),
            str(EXAMPLES),
            str(MISTAKES),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = set()
    for line in run.stdout.splitlines():
        if ": note: " in line:
            continue
        match = ERROR.match(line)
        assert match, f"unexpected mypy output: {line}"
        found.add((Path(match["path"]).as_posix(), int(match["line"]), match["code"]))
    assert found == expected, f"missing: {sorted(expected - found)}, unexpected: {sorted(found - expected)}\n{run.stderr}"
    assert run.returncode == 1


# -- what the signatures say -------------------------------------------------------------

# Methods whose result has the type of what they are given: overloads type them by
# the page or result passed in (tests/typing_examples/timelines.py), the plain
# signature says Any.
FOLLOWS_ITS_ARGUMENT = {"fetch_next", "fetch_previous", "fetch_remaining", "pagination_iterator", "pagination_page_iterator"}


def public_methods() -> dict[str, Callable[..., Any]]:
    return {name: inspect.unwrap(value) for name, value in inspect.getmembers(Mastodon, callable) if not name.startswith("_")}


def test_every_method_says_what_it_returns() -> None:
    methods = public_methods()
    assert len(methods) >= 290
    for name, function in methods.items():
        returned = function.__annotations__.get("return")
        assert isinstance(returned, str), f"{name} has no return annotation"
        if name in FOLLOWS_ITS_ARGUMENT:
            continue
        assert returned != "Any" and "AttribAccessDict" not in returned and "[Any]" not in returned, f"{name} -> {returned}"


def test_every_name_in_a_return_annotation_is_an_entity_or_a_documented_type() -> None:
    known = set(ENTITY_NAMES) | set(gen.SIGNATURE_TYPES) | {"None", "Any", "Iterator", "datetime", "tuple", "list", "dict"}
    known |= {"str", "int", "bool", "float", "bytes", "_T", "SSEStreamHandle", "WebSocketStreamHandle", "WebSocketSubscription"}
    for name, function in public_methods().items():
        words = set(re.findall(r"[A-Za-z_]\w*", function.__annotations__["return"]))
        assert words <= known, f"{name} returns {sorted(words - known)}, which the docs do not describe"


@pytest.mark.parametrize(
    ("name", "rtype", "param"),
    [
        ("status", "Status", ":type id: EntityOrId"),
        ("status_post", "Status | ScheduledStatus", ":type scheduled_at: ~datetime.datetime | None"),
        ("timeline_home", "PaginatableList[Status]", ":type max_id: PageBound"),
        ("notifications", "PaginatableList[Notification] | Notification", ":type types: list[str] | None"),
        ("admin_retention", "NonPaginatableList[AdminRetention]", ":type start_at: ~datetime.datetime | ~datetime.date"),
        ("instance_nodeinfo", "Nodeinfo", ":type schema: str"),
    ],
)
def test_the_docs_give_each_method_its_types_as_written(name: str, rtype: str, param: str) -> None:
    conf = _docs_conf()
    method = getattr(Mastodon, name)
    lines = inspect.cleandoc(method.__doc__ or "").splitlines()
    conf._page_params(None, "method", name, method, {}, lines)
    conf._typehints(None, "method", name, method, {}, lines)
    assert f":rtype: {rtype}" in lines
    assert param in lines
    # the types join the docstring's one field list: from its first field to the
    # return type, every line is a field or a field's indented body
    first, last = lines.index(next(line for line in lines if line.startswith(":"))), lines.index(f":rtype: {rtype}")
    assert all(line.startswith(":") or line[:1].isspace() or not line for line in lines[first:last])


def test_the_docs_types_go_into_the_field_list_not_into_a_paragraph_that_starts_with_a_role() -> None:
    # handle_stream's docstring has a paragraph after its fields, with lines that
    # begin with :class:`...`; the types belong with the fields.
    lines = inspect.cleandoc(StreamListener.handle_stream.__doc__ or "").splitlines()
    _docs_conf()._typehints(None, "method", "handle_stream", StreamListener.handle_stream, {}, lines)
    typed = lines.index(":type response: ~requests.models.Response | ChunkSource")
    assert lines[typed - 1].strip().endswith("read through that.") and not lines[typed + 1].strip()


# What each streaming event hands to its listener method (the payloads of the
# streaming API's events).
LISTENER_ARGUMENTS = {
    "on_update": "Status",
    "on_status_update": "Status",
    "on_delete": "IdType",
    "on_notification": "Notification",
    "on_conversation": "Conversation",
    "on_announcement": "Announcement",
    "on_announcement_reaction": "StreamReaction",
    "on_announcement_delete": "IdType",
}


@pytest.mark.parametrize("listener", [StreamListener, CallbackStreamListener])
def test_listener_methods_are_typed_with_the_event_payload(listener: type[StreamListener]) -> None:
    for method, payload in LISTENER_ARGUMENTS.items():
        annotations = getattr(listener, method).__annotations__
        assert [value for key, value in annotations.items() if key != "return"] == [payload], method


# -- entities the client builds --------------------------------------------------------------


CLIENT_ENTITY = """\
[Keys]
api = "keys"
source = "methods/push.md#create"
client = {client}
doc = "Key material."

[Keys.fields]
secret = {{type = "bytes", since = ""}}
"""


def test_entities_built_by_the_client_have_no_versions(tmp_path: Path) -> None:
    path = tmp_path / "table.toml"
    path.write_text(CLIENT_ENTITY.format(client="true"), encoding="utf-8")
    entities = gen.load(path)
    assert "    secret: bytes\n" in gen.render_stub(entities)
    docs = gen.render_docs(entities)
    assert "Built by pytooter, not sent by the server" in docs and "Version not documented" not in docs
    path.write_text(CLIENT_ENTITY.format(client='"yes"'), encoding="utf-8")
    with pytest.raises(gen.TableError, match="'client' must be true or false"):
        gen.load(path)


def test_the_entities_the_client_builds() -> None:
    client = {entity.name for entity in gen.load() if entity.client}
    assert client == {"PaginationInfo", "WebpushCryptoParamsPrivkey", "WebpushCryptoParamsPubkey"}
