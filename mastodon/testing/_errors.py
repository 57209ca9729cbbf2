"""The error answers of a :class:`~mastodon.testing.LocalInstance`, in Mastodon's words."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer: the HTTP status and Mastodon's ``{"error": ...}`` body.

    ``extra`` holds further fields of the body (``error_description`` for OAuth
    errors, ``details`` for registration errors).
    """

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def not_found() -> ApiError:
    return ApiError(404, "Record not found")


def forbidden() -> ApiError:
    return ApiError(403, "This action is not allowed")


def invalid(message: str, **extra: Any) -> ApiError:
    """A 422 with Mastodon's wording: ``Validation failed: <message>``."""
    return ApiError(422, f"Validation failed: {message}", **extra)


def parse_id(value: Any) -> int:
    """A record id from a URL or parameter; unknown shapes are simply not found."""
    text = str(value)
    if not text.isdigit() or len(text) > 20:
        raise not_found()
    return int(text)
