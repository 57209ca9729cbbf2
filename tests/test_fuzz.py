"""Property-based tests: hostile and almost-valid input never breaks a parser.

Issue 6, point 5. Each parser is fed arbitrary and near-valid input (hypothesis;
2,000 examples per property under the "ci" profile, 200 under "dev") and must
return a valid result or raise a ``MastodonError`` subclass, never anything else:

* the response decoder: ``decode_json`` (only ``ValueError``), its public wrapper
  ``AttribAccessDict.from_json`` and the request core's ``_result`` (only
  ``MastodonError``); valid JSON decodes to what ``json.loads`` gives plus the
  documented conversions (ids, dates, counts);
* the ``Link`` header handling: ``attach_pagination`` / ``pagination_info``;
* the version parser: ``parse_version``;
* the SSE reader ``read_sse`` and the listener dispatch behind
  ``StreamListener.handle_stream``; a valid stream gives the same events however
  it is split into chunks;
* the push decryptor: ``push_subscription_decrypt_push``.

Inputs are kept small so each property takes a few seconds. The bugs these
properties found are pinned by the regression tests at the end.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import http_ece
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from dateutil.parser import isoparse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mastodon import Mastodon, MastodonAPIError, MastodonError, MastodonIllegalArgumentError, MastodonMalformedEventError
from mastodon._results import attach_pagination
from mastodon._server import parse_version
from mastodon._transport import Reply
from mastodon.streaming import StreamListener, decode_event, read_sse
from mastodon.types import COUNT_KEYS, DATE_KEYS, AttribAccessDict, AttribAccessList, decode_json

BASE = "https://mastodon.example"
CLIENT = Mastodon(access_token="fuzz-token", api_base_url=BASE, mastodon_version="4.6.0")
UTC = timezone.utc

# The push property does elliptic-curve work per example: fewer, still hundreds.
PUSH_EXAMPLES = min(300, settings.default.max_examples)


def fake_response(link: str | None = None, method: str = "GET") -> requests.Response:
    """A response's status and headers as the request core sees them, without any network."""
    response = requests.Response()
    response.status_code = 200
    if link is not None:
        response.headers["Link"] = link
    response.request = requests.Request(method, BASE + "/api/v1/timelines/home").prepare()
    response.url = BASE + "/api/v1/timelines/home"
    return response


def mutations(doc: bytes) -> st.SearchStrategy[bytes]:
    """``doc`` with one byte changed, removed or inserted, or cut short."""
    if not doc:
        return st.binary(max_size=4)
    index = st.integers(0, len(doc) - 1)
    return st.one_of(
        st.tuples(index, st.integers(1, 255)).map(lambda p: doc[: p[0]] + bytes([doc[p[0]] ^ p[1]]) + doc[p[0] + 1 :]),
        index.map(lambda i: doc[:i] + doc[i + 1 :]),
        st.tuples(index, st.binary(min_size=1, max_size=2)).map(lambda p: doc[: p[0]] + p[1] + doc[p[0] :]),
        index.map(lambda i: doc[:i]),
    )


# -- JSON values shaped like API answers ------------------------------------------------------

ID_KEYS = ["id", "account_id", "status_id", "in_reply_to_id", "in_reply_to_account_id", "notification_id", "_id"]
SOME_DATE_KEYS = ["created_at", "edited_at", "expires_at", "week", "day", "date", "last_status_at", "scheduled_at"]
SOME_COUNT_KEYS = ["uses", "statuses_count", "accounts", "logins", "registrations", "statuses"]
OTHER_KEYS = ["content", "url", "account", "media_attachments", "history", "type", "name"]
keys = st.one_of(st.sampled_from(ID_KEYS + SOME_DATE_KEYS + SOME_COUNT_KEYS + OTHER_KEYS), st.text(max_size=8))

# The whole datetime range: at its ends an offset overflows, and the string is kept
# (see test_dates_at_the_edge_of_the_range).
_FIRST = datetime(1, 1, 1)
_SPAN = int((datetime(9999, 12, 30) - _FIRST).total_seconds())


def _date_text(seconds: int, micros: int, offset: int, style: str) -> str:
    moment = _FIRST + timedelta(seconds=seconds, microseconds=micros)
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset)))
    return {
        "iso": aware.isoformat(),
        "ms": aware.isoformat(timespec="milliseconds"),
        "naive": moment.isoformat(),
        "Z": moment.isoformat() + "Z",
        "date": moment.date().isoformat(),
        "epoch": str(seconds % 10**11),  # epoch seconds (instance activity's "week")
    }[style]


date_strings = st.builds(
    _date_text,
    st.integers(0, _SPAN),
    st.sampled_from([0, 120000, 123456]),
    st.integers(-(23 * 60 + 59), 23 * 60 + 59),
    st.sampled_from(["iso", "ms", "naive", "Z", "date", "epoch"]),
) | st.text(alphabet="0123456789-:.TtZz+ W", max_size=25)  # things that almost look like dates
# At most 25 digits: longer digit strings hit Python's int conversion limit
# (see test_very_long_digit_strings).
id_strings = st.one_of(
    st.integers(0, 10**25).map(str),
    st.integers(0, 10**6).map(lambda n: f"0{n}"),
    st.text(alphabet="0123456789abcdefXYZ_-", min_size=1, max_size=16),  # Pleroma / GoToSocial style
    st.sampled_from(["", "0", "00", " 1", "1 ", "\u0661\u0662\u0663", "\u00b2", "+1", "-1", "1e5", "1.0"]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    date_strings,
    id_strings,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=6,
)


def _iso_or_none(text: str) -> datetime | None:
    """What the standard library makes of an ISO 8601 text, or None."""
    try:
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def check_converted(got: Any, want: Any, key: str | None = None, top: bool = True) -> None:
    """``got`` is ``want`` (what json.loads gave) with exactly the documented conversions."""
    if isinstance(want, dict):
        assert type(got) is AttribAccessDict
        assert list(got) == list(want)
        for name, value in want.items():
            check_converted(got[name], value, name, top=False)
    elif isinstance(want, list):
        assert type(got) is (AttribAccessList if top else list)
        assert len(got) == len(want)
        for item, value in zip(got, want, strict=True):
            check_converted(item, value, None, top=False)
    elif isinstance(want, str):
        check_converted_text(got, want, key)
    elif isinstance(want, float) and want != want:
        assert type(got) is float and got != got  # NaN
    else:
        assert type(got) is type(want) and got == want


def check_converted_text(got: Any, want: str, key: str | None) -> None:
    """``got`` is the string ``want`` found under ``key``, converted only as documented."""
    if want and key is not None and (key == "id" or key.endswith("_id")):
        # ids: int only for plain ASCII digits without a leading zero
        if want.isascii() and want.isdigit() and (want[0] != "0" or want == "0"):
            assert type(got) is int and got == int(want)
        else:
            assert type(got) is str and got == want
    elif want and key in DATE_KEYS:
        # dates: an aware UTC datetime, or the string unchanged when it is no date
        if isinstance(got, datetime):
            assert got.tzinfo is not None and got.utcoffset() == timedelta(0)
            if want.isascii() and want.isdigit():  # epoch seconds
                assert got == datetime.fromtimestamp(int(want), UTC)
            elif not want.isdigit() and (expected := _iso_or_none(want)) is not None:
                assert got == expected
        else:
            assert type(got) is str
            assert got == want
            if not want.isdigit() and (iso := _iso_or_none(want)) is not None:
                with pytest.raises(OverflowError):  # only a date that has no UTC equivalent stays text
                    iso.astimezone(UTC)
    elif key in COUNT_KEYS and want.isascii() and want.isdigit():
        assert type(got) is int and got == int(want)
    else:
        assert type(got) is str and got == want


_REFUSED = object()


def decode_everywhere(body: bytes) -> Any:
    """Decode ``body`` through all three entry points; check each fails only as documented
    and all agree. Returns the decoded value, or ``_REFUSED``."""
    try:
        direct = decode_json(body)
    except ValueError:  # JSONDecodeError or UnicodeDecodeError, as documented
        direct = _REFUSED
    try:
        public = AttribAccessDict.from_json(body)
    except MastodonIllegalArgumentError:
        public = _REFUSED
    assert (public is _REFUSED) == (direct is _REFUSED)
    try:
        core = CLIENT._result(Reply(fake_response(), body))
    except MastodonAPIError as exc:
        assert "not valid JSON" in str(exc)
        core = _REFUSED
    if not body.strip():
        assert core is None
    else:
        assert (core is _REFUSED) == (direct is _REFUSED)
    if direct is not _REFUSED:
        check_converted(direct, json.loads(body.decode("utf-8")))
        same = [json.dumps(v, default=repr, sort_keys=False) for v in (direct, public, core)]
        assert same[0] == same[1] == same[2]
    return direct


@given(st.binary(max_size=300))
@example(b"")
@example(b"\xef\xbb\xbf{}")
@example(b'{"id": "\xff"}')
@example(b"NaN")
def test_decoder_arbitrary_bytes(body: bytes) -> None:
    decode_everywhere(body)


@given(st.text(alphabet='{}[]",:0123456789.eE+-tfnrulase \\/ud', max_size=80))
def test_decoder_json_alphabet_soup(text: str) -> None:
    decode_everywhere(text.encode())


@given(json_values, st.booleans(), st.data())
@example({"id": "007", "account_id": "0", "x_id": "\u0661", "created_at": "2024-02-30T00:00:00"}, True, None)
@example({"week": "1700000000", "uses": "12", "statuses_count": "x", "day": ""}, False, None)
@example([{"created_at": "2019-12-05T08:00:00.1234+02:00", "edited_at": "2019-12-05"}], True, None)
def test_decoder_valid_and_near_valid_documents(value: Any, ascii_only: bool, data: st.DataObject | None) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert decode_everywhere(body) is not _REFUSED  # valid: decodes, converted only as documented
    if data is not None:
        decode_everywhere(data.draw(mutations(body)))  # one byte off: decodes or is refused cleanly


# -- Link headers -----------------------------------------------------------------------------


def check_pagination(result: Any, header: str) -> None:
    """attach_pagination never raises; what it stores is well formed."""
    attach_pagination(result, fake_response(link=header))
    for attr, index in (("_pagination_next", -1), ("_pagination_prev", 0)):
        info = getattr(result, attr, None)
        if info is None:
            continue
        assert type(info) is AttribAccessDict
        assert isinstance(info["_pagination_url"], str) and info["_pagination_url"]
        assert info["_pagination_method"] == "GET"
        if isinstance(result, list) and result and isinstance(result[index], AttribAccessDict):
            assert getattr(result[index], attr) is info


page_shapes = st.sampled_from(["empty", "items", "dict", "plain"]).map(
    lambda shape: {
        "empty": lambda: AttribAccessList([]),
        "items": lambda: AttribAccessList([AttribAccessDict(id=3), AttribAccessDict(id=2)]),
        "dict": lambda: AttribAccessDict(accounts=[], notification_groups=[]),
        "plain": lambda: [AttribAccessDict(id=1)],
    }[shape]
)

# Brackets and characters that change under NFKC normalisation make urlsplit
# refuse a URL: such links are ignored (see test_link_header_urls_urlsplit_rejects_are_ignored).
LINK_SOUP = "<>;=,\"' \t?&/:.#%@!relnxtpvmaidsc_0129-[]\uff03"


@given(st.text(max_size=120) | st.text(alphabet=LINK_SOUP, max_size=120), page_shapes)
@example('<https://mastodon.example/api/v1/timelines/home?max_id=1>; rel="next"', lambda: AttribAccessList([]))
@example('<>; rel="next", <>; rel=prev', lambda: AttribAccessList([]))
@example('<https://x/?max_id=>; rel="next"; rel="prev"', lambda: AttribAccessList([]))
def test_link_header_arbitrary_text(header: str, make_page: Callable[[], Any]) -> None:
    check_pagination(make_page(), header)


url_text = st.text(alphabet="abcxyzAB0129-._~!$*()+%/:@", max_size=8)
query_values = (
    st.sampled_from(["", "1", "0", "007", "9Xz_AbC", "%20", "%zz", "+1", "1e5", "\u0661", "true", "a/b:c@d"])
    | st.integers(0, 10**20).map(str)
    | url_text
)
query_keys = st.sampled_from(["max_id", "min_id", "since_id", "limit", "local", "offset", "id", "x_id"]) | url_text
queries = st.lists(st.tuples(query_keys, query_values), max_size=2)
hosts = st.sampled_from(["mastodon.example", "127.0.0.1:8080", "localhost", "xn--n3h.example", "a.b.c", ""])
urls = st.builds(
    lambda scheme, host, path, query, fragment: (
        f"{scheme}://{host}{path}" + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "") + fragment
    ),
    st.sampled_from(["https", "http", "ftp", "HTTPS"]),
    hosts,
    st.sampled_from(["", "/", "/api/v1/timelines/home", "/api/v1/accounts/1/statuses"]) | url_text.map(lambda p: "/" + p),
    queries,
    st.sampled_from(["", "#frag"]),
)
rels = st.sampled_from(["next", "prev", "last", "first", "self", "nxt", ""])


_quotes = st.sampled_from(['"', ""])
_link_extras = st.sampled_from(["", '; title="page"', "; type=text/html"])
_link_separators = st.sampled_from([", ", ",", ",  "])


@st.composite
def link_headers(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    links = draw(st.lists(st.tuples(urls, rels), min_size=1, max_size=3))
    parts = []
    for url, rel in links:
        quote = draw(_quotes)
        parts.append(f"<{url}>; rel={quote}{rel}{quote}{draw(_link_extras)}")
    return draw(_link_separators).join(parts), links


@given(link_headers(), page_shapes)
@example(
    (
        '<https://m.example/api/v1/timelines/home?max_id=9Xz_AbC&local=true>; rel="next"',
        [("https://m.example/api/v1/timelines/home?max_id=9Xz_AbC&local=true", "next")],
    ),
    lambda: AttribAccessList([]),
)
@example(
    (
        '<https://m.example/?max_id=007&max_id=12>; rel="next", <https://m.example/?min_id=5>; rel="prev"',
        [("https://m.example/?max_id=007&max_id=12", "next"), ("https://m.example/?min_id=5", "prev")],
    ),
    lambda: AttribAccessList([AttribAccessDict(id=1)]),
)
def test_link_header_near_valid_keeps_the_exact_url(header_links: tuple[str, list[tuple[str, str]]], make_page: Callable[[], Any]) -> None:
    header, links = header_links
    page = make_page()
    check_pagination(page, header)
    if not isinstance(page, (AttribAccessList, AttribAccessDict)):
        assert getattr(page[-1], "_pagination_next", None) is None  # only result types carry pagination
        return
    for rel, attr in (("next", "_pagination_next"), ("prev", "_pagination_prev")):
        wanted = [url for url, link_rel in links if link_rel == rel]
        info = getattr(page, attr)
        if not wanted:
            assert info is None
            continue
        url = wanted[-1]  # the last link of a relation wins, as in requests' Response.links
        assert info["_pagination_url"] == url
        assert info["_pagination_endpoint"] == urlsplit(url).path
        params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        for key, value in params.items():
            if key.startswith("_pagination_"):
                continue
            numeric = key.endswith("_id") and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0")
            assert info[key] == (int(value) if numeric else value)


# -- the version parser -----------------------------------------------------------------------


# At most 100 characters: a run of more than 4,300 digits is a known bug
# (test_very_long_digit_strings).
@given(st.none() | st.text(max_size=100) | st.text(alphabet="0123456789.v +-rcglith()\u0661", max_size=40))
@example("")
@example("v")
@example("4.3.0-nightly.2024-06-01")
@example("2.7.2 (compatible; Pleroma 2.0.50)")
@example("\u0664.\u0662.\u0661")
def test_parse_version_never_raises(text: str | None) -> None:
    version = parse_version(text)
    assert type(version) is tuple and len(version) == 3
    assert all(type(part) is int and part >= 0 for part in version)


@given(
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.sampled_from(["", " ", "v", "  v", "\t"]),
    st.text(max_size=20).map(lambda rest: "+" + rest if rest[:1].isdecimal() else rest),
)
@example(4, 2, 10, "", "+glitch")
@example(3, 5, 3, "", "+0.20.0-rc1")
@example(2, 7, 2, "", " (compatible; Pleroma 2.0.50)")
@example(4, 0, 0, "v", "rc1.5")
def test_parse_version_reads_the_leading_triple(major: int, minor: int, patch: int, prefix: str, rest: str) -> None:
    assert parse_version(f"{prefix}{major}.{minor}.{patch}{rest}") == (major, minor, patch)


# -- the SSE reader and the listener dispatch -------------------------------------------------

# Every event the library knows: its listener method and whether it gets the payload.
KNOWN_EVENTS = {
    "update": ("on_update", True),
    "delete": ("on_delete", True),
    "notification": ("on_notification", True),
    "filters_changed": ("on_filters_changed", False),
    "conversation": ("on_conversation", True),
    "announcement": ("on_announcement", True),
    "announcement.reaction": ("on_announcement_reaction", True),
    "announcement.delete": ("on_announcement_delete", True),
    "status.update": ("on_status_update", True),
    "encrypted_message": ("on_encrypted_message", True),
    "notifications_merged": ("on_notifications_merged", False),
}


class Recorder(StreamListener):
    """Writes down every listener call, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def on_any_event(self, name: str, data: Any | None = None, for_stream: str | None = None) -> None:
        self.calls.append(("any", name, data))

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        self.calls.append(("on_unknown_event", name, unknown_event))

    def handle_heartbeat(self) -> None:
        self.calls.append(("heartbeat",))

    def on_abort(self, err: Exception) -> None:
        self.calls.append(("abort", err))


def _recording(method: str, takes_payload: bool) -> Callable[..., None]:
    if takes_payload:

        def record(self: Recorder, payload: Any) -> None:
            self.calls.append((method, payload))
    else:

        def record(self: Recorder) -> None:
            self.calls.append((method,))

    return record


for _method, _takes in KNOWN_EVENTS.values():
    setattr(Recorder, _method, _recording(_method, _takes))


class _ChunkedRaw:
    """Enough of urllib3's response for the stream reader: ``read1`` hands out the chunks."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = iter(chunks)

    def read1(self, amt: int = -1, decode_content: bool = True) -> bytes:
        return next(self._chunks, b"")


def run_listener(chunks: list[bytes]) -> tuple[Recorder, MastodonError | None]:
    """Run ``StreamListener.handle_stream`` over ``chunks`` (no empty chunk: that means the end)."""
    listener = Recorder()
    try:
        listener.handle_stream(SimpleNamespace(raw=_ChunkedRaw(chunks)))  # type: ignore[arg-type]
    except MastodonError as err:
        return listener, err
    return listener, None  # the stream ended cleanly


def check_dispatch(listener: Recorder, err: MastodonError | None) -> None:
    """The calls form a well-formed sequence: heartbeats, events each followed by the
    method named for them (``on_`` + the name with dots as underscores; others by
    on_unknown_event), and, if the stream failed, at the end on_abort with the error."""
    calls = listener.calls
    if err is not None:  # reading from memory, only an unusable event can fail
        assert isinstance(err, MastodonMalformedEventError)
        assert calls and calls[-1] == ("abort", err)
        calls = calls[:-1]
    methods = dict(KNOWN_EVENTS.values())
    i = 0
    while i < len(calls):
        call = calls[i]
        if call[0] == "heartbeat":
            i += 1
            continue
        assert call[0] == "any", call
        _, name, payload = call
        follow = calls[i + 1]
        method = "on_" + name.replace(".", "_")
        if method in methods:
            assert follow == ((method, payload) if methods[method] else (method,))
        else:
            assert follow == ("on_unknown_event", name, payload)
        i += 2


def split_at(stream: bytes, cuts: list[int]) -> list[bytes]:
    """``stream`` cut at the given offsets into non-empty chunks."""
    points = sorted({c for c in cuts if 0 < c < len(stream)})
    return [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True) if a < b]


SSE_SOUP = [
    b"data:",
    b"data: ",
    b"data",
    b"event:",
    b"event: ",
    b":",
    b" ",
    b"\r",
    b"\n",
    b"\r\n",
    b"update",
    b"delete",
    b"notification",
    b"filters_changed",
    b"announcement.delete",
    b"status.update",
    b"x.y",
    b"{",
    b"}",
    b"[",
    b'"',
    b'"id"',
    b"1",
    b"0",
    b"-",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\xa9",
    b"id:",
    b"retry:",
    b"null",
]


@given(
    st.lists(st.binary(min_size=1, max_size=40), max_size=8)
    | st.lists(st.sampled_from(SSE_SOUP), max_size=40).map(lambda parts: [b"".join(parts)] if parts else []),
    st.lists(st.integers(0, 200), max_size=6),
)
@example([b'event: update\ndata: {"id": "1"}\n\n'], [])
@example([b"event: update\ndata: [1]\n\n"], [])
@example([b"event: delete\ndata: \n\n"], [])
@example([b"event: \xff\xfe\ndata: x\n\n"], [])
@example([b"data: \xff\n\n"], [])
def test_sse_arbitrary_bytes_give_events_or_clean_errors(chunks: list[bytes], cuts: list[int]) -> None:
    stream = b"".join(chunks)
    if cuts:
        chunks = split_at(stream, cuts)
    listener, err = run_listener(chunks)
    check_dispatch(listener, err)


no_newlines = st.text(max_size=12).filter(lambda t: "\r" not in t and "\n" not in t)
event_names = st.sampled_from(list(KNOWN_EVENTS)) | no_newlines.filter(lambda n: n and not n.startswith(" "))
_json_objects = st.dictionaries(keys, scalars, max_size=4).map(lambda d: json.dumps(d, ensure_ascii=False))
_id_payloads = st.none() | id_strings.map(lambda v: v.strip() or "1") | id_strings.map(json.dumps)
_other_payloads = st.none() | _json_objects | st.text(max_size=20) | scalars.map(json.dumps)


@st.composite
def sse_events(draw: st.DrawFn) -> tuple[str, str | None]:
    name = draw(event_names)
    return name, draw(_id_payloads if name in ("delete", "announcement.delete") else _other_payloads)


_heartbeats = st.lists(st.sampled_from([":", ": thump", ":\u2764"]), max_size=2)
_id_lines = st.sampled_from(["", "id: 1", "id: 109", "id: x-7"])


_endings = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def sse_streams(draw: st.DrawFn, mutate: bool = False) -> bytes:
    """A stream of events as Mastodon sends them (with heartbeats, ids and stray fields)."""
    ending = draw(_endings)
    lines: list[str] = []
    for name, payload in draw(st.lists(sse_events(), max_size=3)):
        lines.extend(draw(_heartbeats))
        if id_line := draw(_id_lines):
            lines.append(id_line)
        lines.append(f"event: {name}")
        if payload is not None:
            lines.extend(f"data: {part}" for part in payload.replace("\r", "\n").split("\n"))
        lines.append("")
    raw = "".join(line + ending for line in lines).encode()
    if mutate and raw and draw(st.booleans()):
        raw = draw(mutations(raw))
    return raw


@given(sse_streams(mutate=True), st.lists(st.integers(0, 400), max_size=8))
def test_sse_valid_and_near_valid_streams_dispatch_cleanly(stream: bytes, cuts: list[int]) -> None:
    listener, err = run_listener(split_at(stream, cuts))
    check_dispatch(listener, err)


def parse_all(chunks: list[bytes]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    pending = iter(chunks)
    read_sse(lambda: next(pending, b""), lambda name, data: out.append((name, data)), lambda: out.append(("beat",)))
    return out


_model_names = st.none() | no_newlines.filter(lambda n: n and not n.startswith(" "))
_model_data = st.none() | st.lists(no_newlines, min_size=1, max_size=3)
_model_kinds = st.sampled_from(["event", "comment", "noise"])
_model_noise = st.sampled_from(["id: 4", "retry: 100", "x-field: y", "garbage", "dat", "even"])


@st.composite
def model_streams(draw: st.DrawFn) -> tuple[bytes, list[tuple[Any, ...]]]:
    """A valid SSE stream (one line ending throughout) and the calls it must produce."""
    ending = draw(_endings).encode()
    raw = b""
    expected: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(_model_kinds)
        if kind == "comment":
            raw += b":" + draw(no_newlines).encode() + ending
            expected.append(("beat",))
        elif kind == "noise":  # id:, retry:, unknown fields and garbage lines are ignored
            noise = draw(_model_noise)
            raw += noise.encode() + ending
        else:
            name = draw(_model_names)
            data = draw(_model_data)
            if name is None and data is None:
                continue
            if name is not None:
                raw += draw(st.sampled_from([b"event: ", b"event:"])) + name.encode() + ending
            for part in data or ():
                space = b"data: " if part.startswith(" ") else draw(st.sampled_from([b"data: ", b"data:"]))
                raw += b"data" + ending if not part and draw(st.booleans()) else space + part.encode() + ending
            raw += ending
            name_bytes = name.encode() if name is not None else b"message"
            expected.append((name_bytes, b"\n".join(p.encode() for p in data) if data is not None else None))
    return raw, expected


@given(model_streams(), st.lists(st.integers(0, 300), max_size=10))
@example(
    (b'event: update\r\ndata: {"a": "\xc3\xa9\xf0\x9f\x90\x98"}\r\n\r\n', [(b"update", b'{"a": "\xc3\xa9\xf0\x9f\x90\x98"}')]),
    [13, 14, 15, 30, 31, 32, 33],
)
def test_sse_valid_stream_gives_the_same_events_however_it_is_split(
    stream_events: tuple[bytes, list[tuple[Any, ...]]], cuts: list[int]
) -> None:
    stream, expected = stream_events
    whole = parse_all([stream] if stream else [])
    assert whole == expected
    assert parse_all(split_at(stream, cuts)) == expected
    # Also cut right between every \r and \n and inside every multi-byte character.
    tricky = [i for i in range(1, len(stream)) if stream[i - 1 : i + 1] == b"\r\n" or 0x80 <= stream[i] < 0xC0]
    assert parse_all(split_at(stream, tricky)) == expected
    assert parse_all([stream[i : i + 1] for i in range(len(stream))]) == expected


@given(
    st.sampled_from([*KNOWN_EVENTS, "unknown.event"]),
    st.none()
    | st.binary(max_size=60)
    | st.dictionaries(keys, scalars, max_size=4).map(lambda v: json.dumps(v).encode())
    | scalars.map(lambda v: json.dumps(v).encode()),
)
def test_decode_event_returns_or_raises_malformed_event(name: str, data: bytes | None) -> None:
    try:
        decode_event(name, data)
    except MastodonMalformedEventError:
        assert name in KNOWN_EVENTS


# -- the push decryptor -----------------------------------------------------------------------


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


PUSH_KEY = ec.generate_private_key(ec.SECP256R1())
PUSH_AUTH = os.urandom(16)
PUSH_PRIVATE = {"privkey": PUSH_KEY.private_numbers().private_value, "auth": PUSH_AUTH}
NOTIFICATION = {
    "access_token": "a1b2c3",
    "preferred_locale": "en",
    "notification_id": "104",
    "notification_type": "mention",
    "icon": "https://files.example/missing.png",
    "title": "You were mentioned by Alice",
    "body": "@bob hello there",
}


def _encrypt(version: str) -> tuple[bytes, str | None, str | None]:
    """Encrypt NOTIFICATION as a Mastodon server would."""
    server_key = ec.generate_private_key(ec.SECP256R1())
    payload = json.dumps(NOTIFICATION).encode()
    if version == "aes128gcm":
        body = http_ece.encrypt(payload, private_key=server_key, dh=_point(PUSH_KEY), auth_secret=PUSH_AUTH, version="aes128gcm", rs=64)
        return body, None, None
    salt = os.urandom(16)
    body = http_ece.encrypt(payload, salt=salt, private_key=server_key, dh=_point(PUSH_KEY), auth_secret=PUSH_AUTH, version="aesgcm", rs=64)
    vapid = _point(ec.generate_private_key(ec.SECP256R1()))
    return body, f"salt={_b64url(salt)};rs=64", f"dh={_b64url(_point(server_key))};p256ecdsa={_b64url(vapid)}"


MESSAGES = {version: _encrypt(version) for version in ("aes128gcm", "aesgcm")}


def decrypt_or_refuse(data: Any, params: Any, encryption: Any, crypto_key: Any) -> Any:
    try:
        result = CLIENT.push_subscription_decrypt_push(data, params, encryption, crypto_key)
    except MastodonError:
        return None
    assert type(result) is AttribAccessDict
    return result


def test_push_messages_decrypt_untouched() -> None:
    for body, encryption, crypto_key in MESSAGES.values():
        result = decrypt_or_refuse(body, PUSH_PRIVATE, encryption, crypto_key)
        assert result is not None and result.title == NOTIFICATION["title"] and result.notification_id == 104


b64_of = st.binary(max_size=70).map(_b64url)
header_values = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=40),
    st.builds(lambda s, rs: f"salt={s}" + rs, b64_of, st.sampled_from(["", ";rs=4096", ";rs=0", ";rs=-1", ";rs=x", ";rs=1"])),
    st.builds(lambda d, v: f"dh={d};p256ecdsa={v}", b64_of, b64_of),
)
private_params = st.one_of(
    st.just(PUSH_PRIVATE),
    st.fixed_dictionaries(
        {
            "privkey": st.integers() | st.binary(min_size=32, max_size=32) | st.text(max_size=5),
            "auth": st.binary(max_size=20) | st.text(max_size=24),
        }
    ),
    st.dictionaries(st.sampled_from(["privkey", "auth", "x"]), st.integers() | st.binary(max_size=4)),
    st.none() | st.integers(),
)


@settings(max_examples=PUSH_EXAMPLES)
@given(st.binary(max_size=200) | st.text(max_size=10) | st.none(), private_params, header_values, header_values)
def test_push_decrypt_arbitrary_input(data: Any, params: Any, encryption: Any, crypto_key: Any) -> None:
    decrypt_or_refuse(data, params, encryption, crypto_key)


@st.composite
def tampered_messages(draw: st.DrawFn) -> tuple[bytes, str | None, str | None]:
    body, encryption, crypto_key = MESSAGES[draw(st.sampled_from(sorted(MESSAGES)))]
    what = draw(st.sampled_from(["body", "body", "body", "encryption", "crypto_key", "swap"]))
    if what == "body":
        body = draw(mutations(body))
    elif what == "encryption" and encryption:
        encryption = draw(mutations(encryption.encode())).decode("utf-8", "replace")
    elif what == "crypto_key" and crypto_key:
        crypto_key = draw(mutations(crypto_key.encode())).decode("utf-8", "replace")
    elif what == "swap":  # a legacy body without headers, or a standard one with them
        other = MESSAGES["aesgcm" if encryption is None else "aes128gcm"]
        encryption, crypto_key = other[1], other[2]
    return body, encryption, crypto_key


@settings(max_examples=PUSH_EXAMPLES)
@given(tampered_messages())
def test_push_decrypt_tampered_messages(message: tuple[bytes, str | None, str | None]) -> None:
    body, encryption, crypto_key = message
    result = decrypt_or_refuse(body, PUSH_PRIVATE, encryption, crypto_key)
    if result is not None:  # a change that did not matter (a header detail): the real message
        assert result.title == NOTIFICATION["title"]


# -- regressions: inputs that once broke the library ---------------------------------------------


@pytest.mark.parametrize("where", ["decode_json", "from_json", "_result", "decode_event"])
def test_deeply_nested_json(where: str) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    if where == "decode_json":
        with pytest.raises(ValueError):
            decode_json(body)
    elif where == "from_json":
        with pytest.raises(MastodonIllegalArgumentError):
            AttribAccessDict.from_json(body)
    elif where == "_result":
        with pytest.raises(MastodonAPIError):
            CLIENT._result(Reply(fake_response(), body))
    else:
        with pytest.raises(MastodonMalformedEventError):
            decode_event("update", body)


EDGE_DATES = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0001-01-01T00:30:00.5+05:00"]


@pytest.mark.parametrize("text", EDGE_DATES)
def test_dates_at_the_edge_of_the_range(text: str) -> None:
    body = json.dumps({"id": "1", "created_at": text}).encode()
    assert decode_json(body)["created_at"] in (text, isoparse(text))  # isoparse: Python 3.10's fromisoformat reads no ".5"
    assert CLIENT._result(Reply(fake_response(), body)) is not None


LONG = "1" * 5000


@pytest.mark.parametrize("where", ["id", "uses", "delete_event", "link_max_id", "version"])
def test_very_long_digit_strings(where: str) -> None:
    if where in ("id", "uses"):
        # valid JSON, which json.loads reads: must decode (keeping the string) rather than fail
        assert decode_json(json.dumps({where: LONG}).encode())[where] == LONG  # kept as the string it is
    elif where == "delete_event":
        assert decode_event("delete", LONG.encode()) == LONG  # kept as the string it is
    elif where == "link_max_id":
        page = AttribAccessList([])
        attach_pagination(page, fake_response(link=f'<{BASE}/api/v1/timelines/home?max_id={LONG}>; rel="next"'))
        assert page._pagination_next["_pagination_url"].endswith(LONG)
    else:
        assert parse_version(LONG) == parse_version("not a version")  # unreadable: the newest supported


@pytest.mark.parametrize("url", ["http://[abc/?max_id=1", "http://[::1/?max_id=1", "http://exa\uff03mple/?max_id=1"])
def test_link_header_urls_urlsplit_rejects_are_ignored(url: str) -> None:
    page = AttribAccessList([])
    attach_pagination(page, fake_response(link=f'<{url}>; rel="next"'))
    assert page._pagination_next is None and page._pagination_prev is None


@pytest.mark.parametrize("cut", [1, 2])
def test_sse_bom_split_across_first_chunks(cut: int) -> None:
    stream = b"\xef\xbb\xbfevent: update\ndata: {}\n\n"
    assert parse_all([stream]) == [(b"update", b"{}")]
    assert parse_all(split_at(stream, [cut])) == [(b"update", b"{}")]


@pytest.mark.parametrize("text", ["2024-02-30T00:00:00Z", "soon", "never z", "Z"])
def test_unparseable_dates_ending_in_z_are_kept_unchanged(text: str) -> None:
    text = text if text[-1:] in "Zz" else text + "Z"
    assert decode_json(json.dumps({"created_at": text}).encode())["created_at"] == text
