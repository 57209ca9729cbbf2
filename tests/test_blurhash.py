"""Blurhash decoding (no requests: the api fixture proves nothing is sent)."""

from __future__ import annotations

import sys

import blurhash
import pytest

from mastodon import AttribAccessDict, MastodonError, MastodonIllegalArgumentError
from mastodon.errors import MastodonMissingDependencyError
from tests.data import entities as data

HASH = "LEHV6nWB2yk8pyo0adR*.7kCMdnj"  # 4 x 3 components ('L' = 21 = (3 - 1) * 9 + (4 - 1))
BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~"


def shape(image: list[list[list[float]]]) -> tuple[int, int, int]:
    assert all(len(row) == len(image[0]) for row in image)
    assert all(len(pixel) == 3 for row in image for pixel in row)
    return len(image), len(image[0]), 3


def test_decode_at_4x3(api):
    image = api.decode_blurhash(HASH, out_size=(4, 3), size_per_component=False)
    assert shape(image) == (3, 4, 3)  # rows = height, columns = width
    assert image == blurhash.decode(HASH, 4, 3, linear=True)
    assert all(isinstance(v, float) for row in image for pixel in row for v in pixel)


def test_size_per_component(api):
    image = api.decode_blurhash(HASH, out_size=(2, 5))
    assert shape(image) == (15, 8, 3)  # (5 * 3 rows, 2 * 4 columns)
    assert image == blurhash.decode(HASH, 8, 15, linear=True)
    assert shape(api.decode_blurhash(HASH)) == (48, 64, 3)


def test_srgb_output(api):
    image = api.decode_blurhash(HASH, out_size=(4, 3), size_per_component=False, return_linear=False)
    assert image == blurhash.decode(HASH, 4, 3, linear=False)
    assert all(isinstance(v, int) and 0 <= v <= 255 for row in image for pixel in row for v in pixel)


def test_media_dict_input(api):
    media = data.media_attachment()
    assert isinstance(media["blurhash"], str)
    from_dict = api.decode_blurhash(media, out_size=(1, 1))
    assert from_dict == api.decode_blurhash(media["blurhash"], out_size=(1, 1))
    assert api.decode_blurhash(AttribAccessDict(blurhash=HASH), (1, 1)) == blurhash.decode(HASH, 4, 3, linear=True)


def test_average_colour_is_the_dc_component(api):
    # Characters 2-5 hold the average colour as 24-bit sRGB; decoded by hand here.
    value = 0
    for char in HASH[2:6]:
        value = value * 83 + BASE83.index(char)
    srgb = (value >> 16, (value >> 8) & 255, value & 255)
    assert srgb == (151, 150, 149)
    linear = [((c / 255 + 0.055) / 1.055) ** 2.4 for c in srgb]
    image = api.decode_blurhash(HASH)  # 64 x 48: the AC terms almost cancel out
    pixels = [pixel for row in image for pixel in row]
    for channel in range(3):
        average = sum(p[channel] for p in pixels) / len(pixels)
        assert average == pytest.approx(linear[channel], abs=0.005)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("LEHV6", "shorter than 6"),
        ("LEHV6nWB2yk8pyo0adR*.7kCMdn", "characters"),  # one short for 4 x 3
        ("LEHV6nWB2yk8pyo0adR*.7kCMdnjX", "characters"),
        ("LEHV6nWB2yk8pyo0adR*.7kCMdn\u00e9", "unexpected characters"),
        ("LEHV6nWB2yk8pyo0 dR*.7kCMdnj", "unexpected characters"),
        (None, "media_dict"),
        (42, "media_dict"),
        ({"url": "https://files.example/a.png"}, "no 'blurhash'"),
        ({"blurhash": None}, "null"),
    ],
)
def test_invalid_blurhash(api, value, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.decode_blurhash(value)


@pytest.mark.parametrize("size", [(0, 4), (4, -1), (4,), (1, 2, 3), (True, 2), (1.5, 2), "44", None])
def test_invalid_out_size(api, size):
    with pytest.raises(MastodonIllegalArgumentError, match="out_size"):
        api.decode_blurhash(HASH, out_size=size)


def test_missing_blurhash_extra(api, monkeypatch):
    for name in [n for n in sys.modules if n == "blurhash" or n.startswith("blurhash.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MastodonMissingDependencyError, match=r"pytooter\[blurhash\]") as info:
        api.decode_blurhash(HASH)
    assert isinstance(info.value, MastodonError) and isinstance(info.value, ImportError)
