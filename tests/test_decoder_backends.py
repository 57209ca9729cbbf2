"""The two JSON backends of ``decode_json`` give identical results.

``decode_json`` uses orjson when it is installed and the standard library's
``json`` otherwise (or when ``PYTOOTER_NO_ORJSON`` is set). Both must build the
same values: same types (``AttribAccessDict``, plain nested lists, a top-level
``AttribAccessList``, ``int``, ``datetime``...), same values, same key order, and
both must refuse the same bodies with a ``ValueError``. The orjson half of each
test is skipped when orjson is not installed.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mastodon import AttribAccessDict, AttribAccessList
from mastodon import types as result_types
from mastodon.types import decode_json
from tests.data import entities as data

REPO = Path(__file__).resolve().parent.parent

try:
    import orjson  # noqa: F401 - only whether it is there
except ImportError:
    HAVE_ORJSON = False
else:
    HAVE_ORJSON = True

needs_orjson = pytest.mark.skipif(not HAVE_ORJSON, reason="orjson is not installed")

Decoder = Callable[[Any], Any]


def stdlib(body: Any) -> Any:
    return result_types._decode_stdlib(body)


def with_orjson(body: Any) -> Any:
    result_types._choose_decoder()  # loads orjson.loads into the module
    return result_types._decode_orjson(body)


def assert_identical(got: Any, want: Any, where: str = "$") -> None:
    """Same classes all the way down, same key order, same values."""
    assert type(got) is type(want), f"{where}: {type(got).__name__} != {type(want).__name__}"
    if isinstance(want, dict):
        assert list(got) == list(want), f"{where}: keys differ"
        for key in want:
            assert_identical(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert len(got) == len(want), f"{where}: lengths differ"
        for index, (item, expected) in enumerate(zip(got, want, strict=True)):
            assert_identical(item, expected, f"{where}[{index}]")
    elif isinstance(want, float) and math.isnan(want):
        assert math.isnan(got)
    elif isinstance(want, datetime):
        assert got == want and got.tzinfo is want.tzinfo and got.fold == want.fold, where
    else:
        assert got == want and repr(got) == repr(want), f"{where}: {got!r} != {want!r}"


def outcome(decoder: Decoder, body: Any) -> Any:
    """The decoded value, or which error refused the body.

    RecursionError (a body nested too deeply) is a known bug, pinned down in
    test_fuzz.py; here both backends only have to agree on it.
    """
    try:
        return decoder(body)
    except ValueError as exc:
        return ("refused", ValueError if isinstance(exc, json.JSONDecodeError) else type(exc))
    except RecursionError:
        return ("refused", RecursionError)


def check_same(body: Any) -> Any:
    """Decode with both backends (orjson only when installed); assert identical results."""
    want = outcome(stdlib, body)
    if HAVE_ORJSON:
        assert_identical(outcome(with_orjson, body), want)
    assert_identical(outcome(decode_json, body), want)
    return want


# -- realistic bodies ------------------------------------------------------------------


def _benchmark_page() -> bytes:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from tootbench.data import build_dataset
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    dataset = build_dataset(80)
    return dataset.page_body(0, 40)


REALISTIC = {
    "status": data.status(),
    "statuses": [data.status(), data.status(id="2", reblog=data.status(id="3"))],
    "account": data.account(),
    "notification": data.notification(),
    "relationship": data.relationship(),
    "instance_v1": data.instance_v1(),
    "instance_v2": data.instance_v2(),
    "poll": data.poll(),
    "card": data.card(),
    "media": data.media_attachment(),
}


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_realistic_entities(name: str) -> None:
    body = json.dumps(REALISTIC[name])
    value = check_same(body.encode("utf-8"))
    check_same(body)  # str bodies too (streaming hands over text)
    assert isinstance(value, (AttribAccessDict, AttribAccessList))


def test_benchmark_timeline_page() -> None:
    body = _benchmark_page()
    page = check_same(body)
    assert isinstance(page, AttribAccessList) and len(page) == 40
    status = page[0]
    assert isinstance(status, AttribAccessDict) and isinstance(status.id, int)
    assert status.created_at.tzinfo is timezone.utc
    assert type(status.media_attachments) is list  # nested lists stay plain lists


@needs_orjson
def test_repeated_decodes_do_not_share_objects() -> None:
    body = json.dumps([data.status(), data.status()]).encode()
    for decoder in (stdlib, with_orjson):
        first, second = decoder(body), decoder(body)
        assert first == second
        assert first[0] is not second[0] and first[0].account is not second[0].account
        first[0]["content"] = "changed"
        assert second[0]["content"] != "changed"


# -- edge cases --------------------------------------------------------------------------

EDGE_BODIES = [
    # non-ASCII, escapes, emoji, surrogate pairs written as escapes
    '{"content": "Grüße, 東京, 🐘 \\u00e9\\ud83d\\udc18 \\n\\t\\"/"}',
    '{"display_name": "\\u0000 nul and \\u007f"}',
    # integers: small, 64-bit edges, beyond 64 bits (orjson reads those as floats)
    '{"n": [0, -0, 1, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615]}',
    '{"big": 123456789012345678901234567890, "neg": -9223372036854775809}',
    "18446744073709551616",
    "[99999999999999999999999]",
    # floats
    '{"f": [0.1, -0.0, 1e-7, 1.5e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3.0]}',
    '{"f": 9.3e18, "g": -9.2e18, "h": 9.1e18}',
    '{"aspect": 1.7777777777777777, "x": -0.42, "y": 0.5}',
    "1e400",  # the standard library reads infinity
    '{"nan": NaN, "inf": Infinity, "ninf": -Infinity}',
    # nesting, empties
    '[[[], [[]], {}], {}, [{}], {"a": [{"b": [{"id": "5"}]}]}]',
    "{}",
    "[]",
    '""',
    "null",
    "true",
    "12",
    '  \n [ 1 , {"id" : "2"} ] \r\n',
    # duplicate keys: the last value wins, at the first key's place
    '{"id": "1", "x": 1, "id": "2"}',
    # ids: numeric, leading zeros, "0", non-ASCII digits, Pleroma style, empty, numbers
    '{"id": "103270115826048975", "account_id": "007", "status_id": "0", "in_reply_to_id": "00",'
    ' "list_id": "\\u0661\\u0662", "tag_id": "AbC9x", "x_id": "", "y_id": 12, "other": "42", "_id": "9"}',
    '{"id": " 1", "a_id": "1 ", "b_id": "+1", "c_id": "-1", "d_id": "1e5", "e_id": "\\u00b2"}',
    # counts
    '{"statuses": "37125", "logins": "14239", "registrations": "0542", "uses": "x", "accounts": 31}',
    # dates of every format
    '{"created_at": "2019-12-08T03:48:33.901Z", "edited_at": "2019-12-08T03:48:33Z",'
    ' "updated_at": "2019-12-08T05:48:33+02:00", "ends_at": "2019-12-08T03:48:33.12345Z",'
    ' "last_status_at": "2019-12-08", "week": "1574553600", "day": "1574553600",'
    ' "expires_at": "2019-12-08T03:48:33.901+00:00", "starts_at": "2019-12-08T03:48:33",'
    ' "published_at": "2019-12-08T03:48:33.901-05:30", "scheduled_at": "2019-12-08 03:48:33Z",'
    ' "used_at": "2019-12-08T03:48:33.901z", "verified_at": "2019-W49-7", "date": "20191208",'
    ' "period": "2019-12-08T03", "effective_date": "2019-12-08T03:48:33,901Z"}',
    '{"created_at": "not a date", "edited_at": "", "updated_at": null, "ends_at": "2024-02-30T00:00:00Z",'
    ' "week": "99999999999999999999", "day": "garbageZ", "date": 12}',
    '{"created_at": "0001-01-01T00:00:00Z", "ends_at": "9999-12-31T23:59:59.999999Z", "week": "0"}',
]


@pytest.mark.parametrize("body", EDGE_BODIES)
def test_edge_cases(body: str) -> None:
    check_same(body.encode("utf-8"))
    check_same(body)


def test_edge_case_values() -> None:
    """Spot checks that the shared result is the documented one."""
    big = check_same(b'{"big": 123456789012345678901234567890, "id": "007", "n": -9223372036854775809}')
    assert big.big == 123456789012345678901234567890 and big.id == "007" and big.n == -(2**63) - 1
    dates = check_same(EDGE_BODIES[-3].encode())
    utc = timezone.utc
    assert dates.created_at == datetime(2019, 12, 8, 3, 48, 33, 901000, tzinfo=utc)
    assert dates.updated_at == datetime(2019, 12, 8, 3, 48, 33, tzinfo=utc)
    assert dates.last_status_at == datetime(2019, 12, 8, tzinfo=utc)
    assert dates.week == datetime(2019, 11, 24, tzinfo=utc)
    assert dates.starts_at == datetime(2019, 12, 8, 3, 48, 33, tzinfo=utc)
    for value in dates.values():
        if isinstance(value, datetime):
            assert value.utcoffset() == timedelta(0)
    inf = check_same(b"1e400")
    assert inf == math.inf


BAD_BODIES = [
    b"",
    b" ",
    b"{",
    b"[1,]",
    b'{"a" 1}',
    b"[1]x",
    b"01",
    b".5",
    b"-",
    b"\xef\xbb\xbf{}",
    b'"\xff"',
    b'{"a": "\xc3"}',
    b'"a\tb"',
    b"[" * 5000 + b"]" * 5000 + b"]",
    b"nul",
    '"\ud800"'.encode("utf-8", "surrogatepass"),
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_bad_bodies_are_refused_alike(body: bytes) -> None:
    result = check_same(body)
    assert isinstance(result, tuple) and result[0] == "refused"


def test_lone_surrogate_escapes_decode_alike() -> None:
    # json reads "\ud800" into a lone surrogate; orjson refuses it; the fallback agrees.
    assert check_same(b'{"content": "\\ud800"}').content == "\ud800"
    assert check_same('{"content": "\ud800"}').content == "\ud800"


def test_other_input_types() -> None:
    check_same(bytearray(b'{"id": "1"}'))
    with pytest.raises(TypeError):
        stdlib(memoryview(b"{}"))
    if HAVE_ORJSON:
        with pytest.raises(TypeError):
            with_orjson(memoryview(b"{}"))


# -- generated documents -----------------------------------------------------------------

KEYS = [
    "id",
    "account_id",
    "status_id",
    "_id",
    "created_at",
    "edited_at",
    "week",
    "last_status_at",
    "statuses",
    "uses",
    "statuses_count",
    "content",
    "url",
    "name",
    "meta",
]
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=6))
datelike = st.one_of(
    st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.none() | st.just(timezone.utc) | st.just(timezone(timedelta(hours=-3))),
    ).map(lambda d: d.isoformat()),
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)).map(lambda d: d.isoformat(timespec="milliseconds") + "Z"),
    st.dates().map(lambda d: d.isoformat()),
    st.text(alphabet="0123456789-:.TZz+ W", max_size=26),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    datelike,
    st.from_regex(r"\A0?[0-9]{1,22}\Z"),
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)


@given(documents)
def test_generated_documents(value: Any) -> None:
    check_same(json.dumps(value).encode("utf-8"))


@given(documents, st.data())
def test_generated_near_json(value: Any, draw: st.DataObject) -> None:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    if body:
        index = draw.draw(st.integers(0, len(body) - 1))
        body = body[:index] + draw.draw(st.binary(min_size=0, max_size=2)) + body[index + 1 :]
    check_same(body)


# -- choosing the backend ----------------------------------------------------------------


def _backend_in_subprocess(**env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "PYTOOTER_NO_ORJSON"}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "from mastodon import types; print(types._json_backend())"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_backend_choice() -> None:
    expected = "orjson" if HAVE_ORJSON else "json"
    assert _backend_in_subprocess() == expected
    assert _backend_in_subprocess(PYTOOTER_NO_ORJSON="0") == expected
    assert _backend_in_subprocess(PYTOOTER_NO_ORJSON="1") == "json"


def test_orjson_is_not_imported_with_the_package() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, mastodon; print('orjson' in sys.modules)"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
