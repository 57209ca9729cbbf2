"""Web Push cryptography (RFC 8291): key generation and message decryption.

A subscriber owns a P-256 key pair and a 16-byte authentication secret; the
server encrypts each push message for them. Keys and secrets are accepted as
bytes or as base64url text (the form a browser's ``PushSubscription.toJSON()``
produces).

Everything here needs the ``webpush`` extra (``cryptography`` and ``http_ece``),
imported on first use so that the package imports without it.
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from .errors import MastodonIllegalArgumentError, MastodonMissingDependencyError

__all__ = ["decrypt_message", "decrypt_webpush", "generate_keys", "subscription_keys"]

AUTH_LENGTH = 16
PUBKEY_LENGTH = 65
PRIVKEY_LENGTH = 32


# -- optional dependencies -----------------------------------------------------------------


def _webpush_modules() -> tuple[ModuleType, ModuleType, ModuleType]:
    """``(http_ece, ec, serialization)``, imported on first use."""
    try:
        import http_ece  # type: ignore[import-untyped]
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec
    except ImportError as exc:
        raise MastodonMissingDependencyError(
            f"web push encryption needs the 'webpush' extra (cryptography and http_ece), "
            f"which is not installed ({exc}); run: pip install 'pytooter[webpush]'"
        ) from None
    return http_ece, ec, serialization


# -- encodings ------------------------------------------------------------------------------


def b64url_encode(raw: bytes) -> str:
    """base64url without padding (RFC 7515 style, as browsers send subscription keys)."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64_decode(text: str, name: str) -> bytes:
    """Decode base64url or standard base64, padded or not."""
    cleaned = "".join(text.split()).rstrip("=")
    cleaned = cleaned.replace("+", "-").replace("/", "_")
    try:
        return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError):
        raise MastodonIllegalArgumentError(f"{name} is not valid base64: {text!r}") from None


def key_bytes(value: Any, name: str, length: int) -> bytes:
    """Bytes of an exact length, given as bytes or base64 text."""
    if isinstance(value, str):
        raw = _b64_decode(value, name)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
    else:
        raise MastodonIllegalArgumentError(f"{name} must be bytes or base64url text, not {type(value).__name__}")
    if len(raw) != length:
        raise MastodonIllegalArgumentError(f"{name} must be {length} bytes long, got {len(raw)}")
    return raw


def key_param(params: Any, key: str, what: str) -> Any:
    """``params[key]``, after checking that ``params`` is a dict holding ``key`` and ``auth``."""
    if not isinstance(params, Mapping):
        raise MastodonIllegalArgumentError(
            f"{what} must be a dict with {key!r} and 'auth' (see push_subscription_generate_keys), not {type(params).__name__}"
        )
    if key not in params or "auth" not in params:
        raise MastodonIllegalArgumentError(f"{what} must have the keys {key!r} and 'auth'")
    return params[key]


def public_key_bytes(value: Any) -> bytes:
    """A subscription's public key: a 65-byte uncompressed P-256 point, as bytes or base64 text."""
    raw = key_bytes(value, "encrypt_params['pubkey']", PUBKEY_LENGTH)
    if raw[0] != 0x04:
        raise MastodonIllegalArgumentError("encrypt_params['pubkey'] must be an uncompressed P-256 point (65 bytes starting with 0x04)")
    return raw


def _header_params(header: str) -> dict[str, str]:
    """``name=value`` pairs of an ``Encryption`` or ``Crypto-Key`` header.

    Entries are separated by ``,`` and their parameters by ``;``; the first value
    of each name wins (a push carries one record).
    """
    found: dict[str, str] = {}
    for entry in header.split(","):
        for part in entry.split(";"):
            name, sep, value = part.partition("=")
            if sep:
                found.setdefault(name.strip().lower(), value.strip().strip('"'))
    return found


# -- decryption -----------------------------------------------------------------------------


def _private_key(value: Any, ec: ModuleType) -> Any:
    """A ``cryptography`` P-256 private key from an int, 32 bytes or a key object."""
    if isinstance(value, ec.EllipticCurvePrivateKey):
        if not isinstance(value.curve, ec.SECP256R1):
            raise MastodonIllegalArgumentError("decrypt_params['privkey'] must be a P-256 (SECP256R1) key")
        return value
    if isinstance(value, (bytes, bytearray, memoryview)) and len(value) == PRIVKEY_LENGTH:
        value = int.from_bytes(bytes(value), "big")
    if isinstance(value, bool) or not isinstance(value, int):
        raise MastodonIllegalArgumentError(
            "decrypt_params['privkey'] must be the private scalar as an int (as "
            "push_subscription_generate_keys returns it) or as 32 big-endian bytes"
        )
    try:
        return ec.derive_private_key(value, ec.SECP256R1())
    except ValueError:
        raise MastodonIllegalArgumentError("decrypt_params['privkey'] is not a valid P-256 private key") from None


def decrypt_webpush(
    data: bytes,
    privkey: Any,
    auth: Any,
    encryption_header: str | None = None,
    crypto_key_header: str | None = None,
) -> bytes:
    """Decrypt one Web Push message body and return the plaintext bytes.

    With no headers the body is RFC 8291 ``aes128gcm`` (salt, record size and the
    sender's key are in the body). With the ``Encryption`` (``salt=...``) and
    ``Crypto-Key`` (``dh=...``) headers it is the legacy ``aesgcm`` scheme that
    Mastodon uses for subscriptions that are not ``standard``.

    :raises MastodonIllegalArgumentError: on malformed keys, headers or data, or
        when the message does not decrypt with these keys.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise MastodonIllegalArgumentError(f"data must be the raw message body as bytes, not {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise MastodonIllegalArgumentError("data is empty")
    auth_secret = key_bytes(auth, "decrypt_params['auth']", AUTH_LENGTH)
    kwargs = _scheme(encryption_header, crypto_key_header)
    http_ece, ec, _ = _webpush_modules()
    private_key = _private_key(privkey, ec)
    try:
        plaintext = http_ece.decrypt(data, private_key=private_key, auth_secret=auth_secret, **kwargs)
    except (http_ece.ECEException, ValueError, TypeError, struct.error, IndexError) as exc:
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if "InvalidTag" in detail:
            detail = "authentication failed (not encrypted for these keys, or altered in transit)"
        raise MastodonIllegalArgumentError(f"could not decrypt the {kwargs['version']} push message: {detail}") from None
    return bytes(plaintext)


def _scheme(encryption_header: str | None, crypto_key_header: str | None) -> dict[str, Any]:
    """The ``http_ece`` arguments for a message: RFC 8291 ``aes128gcm`` without
    headers, the legacy ``aesgcm`` with the salt, key and record size the headers give."""
    for name, header in (("encryption_header", encryption_header), ("crypto_key_header", crypto_key_header)):
        if header is not None and not isinstance(header, str):
            raise MastodonIllegalArgumentError(f"{name} must be a str or None, not {type(header).__name__}")
    if not encryption_header and not crypto_key_header:
        return {"version": "aes128gcm"}
    if not encryption_header or not crypto_key_header:
        raise MastodonIllegalArgumentError(
            "give both encryption_header and crypto_key_header (legacy aesgcm push), or neither (RFC 8291 aes128gcm push)"
        )
    encryption = _header_params(encryption_header)
    if "salt" not in encryption:
        raise MastodonIllegalArgumentError(f"encryption_header has no salt=...: {encryption_header!r}")
    crypto_key = _header_params(crypto_key_header)
    if "dh" not in crypto_key:
        raise MastodonIllegalArgumentError(f"crypto_key_header has no dh=...: {crypto_key_header!r}")
    kwargs: dict[str, Any] = {
        "version": "aesgcm",
        "salt": key_bytes(encryption["salt"], "the salt in encryption_header", 16),
        "dh": key_bytes(crypto_key["dh"], "the dh key in crypto_key_header", PUBKEY_LENGTH),
    }
    if "rs" in encryption:
        try:
            kwargs["rs"] = int(encryption["rs"])
        except ValueError:
            raise MastodonIllegalArgumentError(f"the rs in encryption_header is not a number: {encryption['rs']!r}") from None
    return kwargs


# -- key generation -------------------------------------------------------------------------


def generate_keys() -> tuple[int, bytes, bytes]:
    """A new P-256 key pair and authentication secret.

    :returns: ``(private scalar, 65-byte uncompressed public point, 16-byte secret)``.
    :raises MastodonMissingDependencyError: without the ``webpush`` extra.
    """
    _, ec, serialization = _webpush_modules()
    key = ec.generate_private_key(ec.SECP256R1())
    import secrets  # here, not at the top: it adds to every program's import time

    auth = secrets.token_bytes(AUTH_LENGTH)
    pubkey = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return key.private_numbers().private_value, pubkey, auth


# -- what the push methods call -------------------------------------------------------------


def subscription_keys(encrypt_params: Any) -> dict[str, str]:
    """The ``keys`` of a subscription request (``p256dh`` and ``auth``, base64url)
    from the public parameters ``{"pubkey": ..., "auth": ...}``."""
    pubkey = public_key_bytes(key_param(encrypt_params, "pubkey", "encrypt_params"))
    auth = key_bytes(encrypt_params["auth"], "encrypt_params['auth']", AUTH_LENGTH)
    return {"p256dh": b64url_encode(pubkey), "auth": b64url_encode(auth)}


def decrypt_message(data: bytes, decrypt_params: Any, encryption_header: str | None, crypto_key_header: str | None) -> bytes:
    """Decrypt a push message with the private parameters ``{"privkey": ..., "auth": ...}``."""
    privkey = key_param(decrypt_params, "privkey", "decrypt_params")
    return decrypt_webpush(data, privkey, decrypt_params["auth"], encryption_header, crypto_key_header)
