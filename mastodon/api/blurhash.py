"""Blurhash decoding: turn the short placeholder strings on media into pixels.

Decoding uses the ``blurhash`` package (the ``blurhash`` extra), imported on
first use so that the package works without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._core import RequestCore
from ..errors import MastodonIllegalArgumentError, MastodonMissingDependencyError

__all__ = ["BlurhashMixin"]

# The base83 digits of the blurhash format, in value order.
_BASE83 = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~")


def _blurhash_module() -> Any:
    try:
        import blurhash  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MastodonMissingDependencyError(
            f"decoding blurhashes needs the 'blurhash' extra, which is not installed ({exc}); run: pip install 'pytooter[blurhash]'"
        ) from None
    return blurhash


def _hash_of(media_dict: Any) -> str:
    """The blurhash string of a media dict (or the string itself), checked for form."""
    if isinstance(media_dict, Mapping):
        if "blurhash" not in media_dict:
            raise MastodonIllegalArgumentError("media_dict has no 'blurhash' key")
        value = media_dict["blurhash"]
        if value is None:
            raise MastodonIllegalArgumentError("media_dict has no blurhash (the server sent null)")
    else:
        value = media_dict
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"media_dict must be a media dict or a blurhash string, not {type(value).__name__}")
    bad = sorted(set(value) - _BASE83)
    if bad:
        raise MastodonIllegalArgumentError(f"invalid blurhash {value!r}: unexpected characters {''.join(bad)!r}")
    if len(value) < 6:
        raise MastodonIllegalArgumentError(f"invalid blurhash {value!r}: shorter than 6 characters")
    return value


def _check_size(out_size: Any) -> tuple[int, int]:
    if (
        not isinstance(out_size, Sequence)
        or isinstance(out_size, str)
        or len(out_size) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in out_size)
    ):
        raise MastodonIllegalArgumentError(f"out_size must be (width, height), two positive ints, not {out_size!r}")
    return out_size[0], out_size[1]


class BlurhashMixin(RequestCore):
    """Blurhash decoding."""

    def decode_blurhash(
        self,
        media_dict: Mapping[str, Any] | str,
        out_size: tuple[int, int] = (16, 16),
        size_per_component: bool = True,
        return_linear: bool = True,
    ) -> list[list[list[float]]]:
        """Render a media attachment's blurhash as a small image (no request is sent).

        :param media_dict: a media attachment (or preview card) dict, whose
            ``blurhash`` is used, or a blurhash string.
        :param out_size: ``(width, height)`` of the result, in pixels.
        :param size_per_component: multiply ``out_size`` by the number of
            horizontal and vertical components the hash encodes, so that the
            default gives 16 pixels per component.
        :param return_linear: return linear-light RGB floats (about 0.0 to 1.0);
            ``False`` returns sRGB integers from 0 to 255.
        :returns: the image as rows of pixels, ``image[y][x] == [r, g, b]``,
            ready for ``numpy.array`` or similar.
        :raises MastodonIllegalArgumentError: for a missing or malformed blurhash
            or a bad ``out_size``.
        :raises MastodonMissingDependencyError: without the ``blurhash`` extra.
        """
        value = _hash_of(media_dict)
        width, height = _check_size(out_size)
        blurhash = _blurhash_module()
        try:
            components_x, components_y = blurhash.components(value)
            if len(value) != 4 + 2 * components_x * components_y:
                raise ValueError(
                    f"{components_x}x{components_y} components need {4 + 2 * components_x * components_y} characters, it has {len(value)}"
                )
            if size_per_component:
                width, height = width * components_x, height * components_y
            pixels: list[list[list[float]]] = blurhash.decode(value, width, height, linear=return_linear)
        except (ValueError, KeyError, IndexError) as exc:
            raise MastodonIllegalArgumentError(f"invalid blurhash {value!r}: {exc}") from None
        return pixels
