"""Web push subscriptions and push message decryption.

Mastodon delivers notifications to a Web Push endpoint (RFC 8030) encrypted for
the subscriber (RFC 8291). The subscriber owns a P-256 key pair and a 16-byte
authentication secret: :meth:`PushMixin.push_subscription_generate_keys` makes
them, :meth:`PushMixin.push_subscription_set` registers the public half with the
server, and :meth:`PushMixin.push_subscription_decrypt_push` opens the messages
that arrive at the endpoint.

The key material is exchanged as two plain dicts:

* the *private* parameters ``{"privkey": int, "auth": bytes}``, kept by the
  receiver (``privkey`` is the private scalar; 32 big-endian bytes or a
  ``cryptography`` private key object are accepted too);
* the *public* parameters ``{"pubkey": bytes, "auth": bytes}``, sent to the server
  (``pubkey`` is the 65-byte uncompressed curve point).

``auth`` and ``pubkey`` may also be given as base64url text, the form a browser's
``PushSubscription.toJSON()`` produces.

Decryption needs the ``webpush`` extra (``cryptography`` and ``http_ece``); the
package itself imports without it.
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Mapping
from types import ModuleType
from typing import Any, cast
from urllib.parse import urlsplit

from ._core import RequestCore
from ._params import check_bool, check_choice
from .errors import MastodonIllegalArgumentError, MastodonMissingDependencyError
from .types import AttribAccessDict, PushNotification, WebPushSubscription, decode_json
from .versions import api_version

__all__ = [
    "PushMixin",
    "WebpushCryptoParamsPrivkey",
    "WebpushCryptoParamsPubkey",
]

#: ``{"privkey": int, "auth": bytes}``: what the receiver keeps to decrypt pushes.
WebpushCryptoParamsPrivkey = AttribAccessDict
#: ``{"pubkey": bytes, "auth": bytes}``: what :meth:`PushMixin.push_subscription_set` sends.
WebpushCryptoParamsPubkey = AttribAccessDict

PUSH_POLICIES = ("all", "followed", "follower", "none")

_AUTH_LENGTH = 16
_PUBKEY_LENGTH = 65
_PRIVKEY_LENGTH = 32


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


def _b64url_encode(raw: bytes) -> str:
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


def _key_bytes(value: Any, name: str, length: int) -> bytes:
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


def _param(params: Any, key: str, what: str) -> Any:
    if not isinstance(params, Mapping):
        raise MastodonIllegalArgumentError(
            f"{what} must be a dict with {key!r} and 'auth' (see push_subscription_generate_keys), not {type(params).__name__}"
        )
    if key not in params or "auth" not in params:
        raise MastodonIllegalArgumentError(f"{what} must have the keys {key!r} and 'auth'")
    return params[key]


def _public_key_bytes(value: Any) -> bytes:
    raw = _key_bytes(value, "encrypt_params['pubkey']", _PUBKEY_LENGTH)
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
    if isinstance(value, (bytes, bytearray, memoryview)) and len(value) == _PRIVKEY_LENGTH:
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


def _decrypt_webpush(
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
    auth_secret = _key_bytes(auth, "decrypt_params['auth']", _AUTH_LENGTH)
    for name, header in (("encryption_header", encryption_header), ("crypto_key_header", crypto_key_header)):
        if header is not None and not isinstance(header, str):
            raise MastodonIllegalArgumentError(f"{name} must be a str or None, not {type(header).__name__}")
    legacy = bool(encryption_header) or bool(crypto_key_header)
    kwargs: dict[str, Any] = {"version": "aes128gcm"}
    if legacy:
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
        kwargs = {
            "version": "aesgcm",
            "salt": _key_bytes(encryption["salt"], "the salt in encryption_header", 16),
            "dh": _key_bytes(crypto_key["dh"], "the dh key in crypto_key_header", _PUBKEY_LENGTH),
        }
        if "rs" in encryption:
            try:
                kwargs["rs"] = int(encryption["rs"])
            except ValueError:
                raise MastodonIllegalArgumentError(f"the rs in encryption_header is not a number: {encryption['rs']!r}") from None

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


# -- the mixin ------------------------------------------------------------------------------


class PushMixin(RequestCore):
    """Web push subscriptions and push message decryption."""

    @api_version("2.4.0", "2.4.0")
    def push_subscription(self) -> WebPushSubscription:
        """Fetch the Web Push subscription tied to this access token.

        :returns: the :class:`WebPushSubscription` (endpoint, alerts, the server's
            VAPID key in ``server_key``).
        :raises MastodonNotFoundError: when this token has no subscription.
        """
        return self._get("/api/v1/push/subscription", cast=WebPushSubscription)

    @api_version("2.4.0", "4.5.0")
    def push_subscription_set(
        self,
        endpoint: str,
        encrypt_params: WebpushCryptoParamsPubkey | Mapping[str, Any],
        follow_events: bool | None = None,
        favourite_events: bool | None = None,
        reblog_events: bool | None = None,
        mention_events: bool | None = None,
        poll_events: bool | None = None,
        follow_request_events: bool | None = None,
        status_events: bool | None = None,
        policy: str = "all",
        update_events: bool | None = None,
        admin_sign_up_events: bool | None = None,
        admin_report_events: bool | None = None,
        quote_events: bool | None = None,
        quoted_update_events: bool | None = None,
        standard: bool | None = None,
    ) -> WebPushSubscription:
        """Subscribe this access token to Web Push notifications.

        A token holds at most one subscription; creating one replaces the old one.
        Alerts left at ``None`` are not sent, and the server treats them as off.

        :param endpoint: the ``https://`` URL the server will POST the encrypted
            notifications to.
        :param encrypt_params: the public half of the key material,
            ``{"pubkey": ..., "auth": ...}`` (the second item returned by
            :meth:`push_subscription_generate_keys`): a 65-byte uncompressed P-256
            point and a 16-byte secret, as bytes or base64url text. They are sent
            base64url-encoded.
        :param follow_events: notify about new followers.
        :param favourite_events: notify when a post of yours is favourited.
        :param reblog_events: notify when a post of yours is boosted.
        :param mention_events: notify about mentions.
        :param poll_events: notify when a poll you voted in or made has ended.
        :param follow_request_events: notify about follow requests.
        :param status_events: notify about posts of accounts you asked to be told about.
        :param policy: whose actions notify you: ``"all"``, ``"followed"`` (accounts
            you follow), ``"follower"`` (your followers) or ``"none"``.
        :param update_events: notify when a post you interacted with is edited.
        :param admin_sign_up_events: notify about sign-ups (moderators only).
        :param admin_report_events: notify about new reports (moderators only).
        :param quote_events: notify when a post of yours is quoted (4.5.0+).
        :param quoted_update_events: notify when a post you quoted is edited (4.5.0+).
        :param standard: ``True`` for standard Web Push (RFC 8291 ``aes128gcm``
            bodies, 4.4.0+); otherwise the server uses the legacy ``aesgcm`` draft.
            Both are understood by :meth:`push_subscription_decrypt_push`.
        :returns: the new :class:`WebPushSubscription`.
        :raises MastodonIllegalArgumentError: for a non-https endpoint, malformed
            keys, an unknown policy or non-boolean flags.
        """
        if not isinstance(endpoint, str):
            raise MastodonIllegalArgumentError(f"endpoint must be a str URL, not {type(endpoint).__name__}")
        parts = urlsplit(endpoint.strip())
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise MastodonIllegalArgumentError(f"endpoint must be an https:// URL, got {endpoint!r}")
        pubkey = _public_key_bytes(_param(encrypt_params, "pubkey", "encrypt_params"))
        auth = _key_bytes(encrypt_params["auth"], "encrypt_params['auth']", _AUTH_LENGTH)
        check_bool(standard, "standard")
        params: dict[str, Any] = {
            "subscription": {
                "endpoint": endpoint.strip(),
                "keys": {"p256dh": _b64url_encode(pubkey), "auth": _b64url_encode(auth)},
                "standard": standard,
            },
            "data": _data_params(
                policy,
                (
                    follow_events,
                    favourite_events,
                    reblog_events,
                    mention_events,
                    poll_events,
                    follow_request_events,
                    status_events,
                    update_events,
                    admin_sign_up_events,
                    admin_report_events,
                    quote_events,
                    quoted_update_events,
                ),
            ),
        }
        return self._post("/api/v1/push/subscription", params, cast=WebPushSubscription)

    @api_version("2.4.0", "2.4.0")
    def push_subscription_update(
        self,
        follow_events: bool | None = None,
        favourite_events: bool | None = None,
        reblog_events: bool | None = None,
        mention_events: bool | None = None,
        poll_events: bool | None = None,
        follow_request_events: bool | None = None,
        status_events: bool | None = None,
        policy: str | None = "all",
        update_events: bool | None = None,
        admin_sign_up_events: bool | None = None,
        admin_report_events: bool | None = None,
        quote_events: bool | None = None,
        quoted_update_events: bool | None = None,
    ) -> WebPushSubscription:
        """Change which alerts the current subscription delivers.

        Endpoint and keys cannot change; make a new subscription with
        :meth:`push_subscription_set` for that. The server replaces the whole
        alert set, so alerts left at ``None`` end up off.

        :param follow_events: notify about new followers.
        :param favourite_events: notify when a post of yours is favourited.
        :param reblog_events: notify when a post of yours is boosted.
        :param mention_events: notify about mentions.
        :param poll_events: notify when a poll you voted in or made has ended.
        :param follow_request_events: notify about follow requests.
        :param status_events: notify about posts of accounts you asked to be told about.
        :param policy: ``"all"``, ``"followed"``, ``"follower"`` or ``"none"``
            (see :meth:`push_subscription_set`); ``None`` sends no policy.
        :param update_events: notify when a post you interacted with is edited.
        :param admin_sign_up_events: notify about sign-ups (moderators only).
        :param admin_report_events: notify about new reports (moderators only).
        :param quote_events: notify when a post of yours is quoted (4.5.0+).
        :param quoted_update_events: notify when a post you quoted is edited (4.5.0+).
        :returns: the updated :class:`WebPushSubscription`.
        :raises MastodonNotFoundError: when this token has no subscription.
        """
        # The policy goes in data[policy]: that is where the server's controller
        # reads it for both create and update.
        params = {
            "data": _data_params(
                policy,
                (
                    follow_events,
                    favourite_events,
                    reblog_events,
                    mention_events,
                    poll_events,
                    follow_request_events,
                    status_events,
                    update_events,
                    admin_sign_up_events,
                    admin_report_events,
                    quote_events,
                    quoted_update_events,
                ),
            ),
        }
        return self._put("/api/v1/push/subscription", params, cast=WebPushSubscription)

    @api_version("2.4.0", "2.4.0")
    def push_subscription_delete(self) -> None:
        """Remove this access token's Web Push subscription (no error if there is none)."""
        self._delete("/api/v1/push/subscription")

    def push_subscription_generate_keys(self) -> tuple[WebpushCryptoParamsPrivkey, WebpushCryptoParamsPubkey]:
        """Make fresh key material for a Web Push subscription (no request is sent).

        A new P-256 key pair and a random 16-byte authentication secret are
        generated. Store the private dict safely: every message sent to the
        subscription can be read with it.

        :returns: ``(private, public)``: ``private`` is ``{"privkey": int, "auth":
            bytes}`` for :meth:`push_subscription_decrypt_push`; ``public`` is
            ``{"pubkey": bytes, "auth": bytes}`` (65-byte uncompressed point, same
            secret) for :meth:`push_subscription_set`.
        :raises MastodonMissingDependencyError: without the ``webpush`` extra.
        """
        _, ec, serialization = _webpush_modules()
        key = ec.generate_private_key(ec.SECP256R1())
        import secrets  # here, not at the top: it adds to every program's import time

        auth = secrets.token_bytes(_AUTH_LENGTH)
        pubkey = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        private = WebpushCryptoParamsPrivkey(privkey=key.private_numbers().private_value, auth=auth)
        public = WebpushCryptoParamsPubkey(pubkey=pubkey, auth=auth)
        return private, public

    def push_subscription_decrypt_push(
        self,
        data: bytes,
        decrypt_params: WebpushCryptoParamsPrivkey | Mapping[str, Any],
        encryption_header: str | None,
        crypto_key_header: str | None,
    ) -> PushNotification:
        """Decrypt a push message that arrived at the subscription's endpoint.

        Both encodings Mastodon sends are handled: the legacy ``aesgcm`` one
        (pass the request's ``Encryption`` and ``Crypto-Key`` header values) and
        RFC 8291 ``aes128gcm`` for ``standard`` subscriptions (pass ``None`` or
        ``""`` for both headers; everything needed is in the body).

        :param data: the raw request body, as bytes.
        :param decrypt_params: the private key material,
            ``{"privkey": ..., "auth": ...}`` (the first item returned by
            :meth:`push_subscription_generate_keys`).
        :param encryption_header: the ``Encryption`` header (``salt=...``), or ``None``.
        :param crypto_key_header: the ``Crypto-Key`` header (``dh=...;p256ecdsa=...``),
            or ``None``.
        :returns: the :class:`PushNotification` (``notification_id``,
            ``notification_type``, ``title``, ``body``, ``icon``,
            ``preferred_locale``, ``access_token``).
        :raises MastodonIllegalArgumentError: when the keys, headers or body are
            malformed, the message does not decrypt with these keys, or the
            plaintext is not a JSON object.
        :raises MastodonMissingDependencyError: without the ``webpush`` extra.
        """
        privkey = _param(decrypt_params, "privkey", "decrypt_params")
        plaintext = _decrypt_webpush(data, privkey, decrypt_params["auth"], encryption_header, crypto_key_header)
        try:
            result = decode_json(plaintext)
        except ValueError:
            raise MastodonIllegalArgumentError(
                f"the push message decrypted, but its content ({len(plaintext)} bytes) is not JSON"
            ) from None
        if not isinstance(result, AttribAccessDict):
            raise MastodonIllegalArgumentError("the push message decrypted, but its content is not a JSON object")
        return cast(PushNotification, result)


# -- parameter helpers ----------------------------------------------------------------------

# The alerts, in the order the subscription methods take their ``<alert>_events``
# flags, with the names the server uses (two contain a dot).
_ALERTS = (
    "follow",
    "favourite",
    "reblog",
    "mention",
    "poll",
    "follow_request",
    "status",
    "update",
    "admin.sign_up",
    "admin.report",
    "quote",
    "quoted_update",
)


def _data_params(policy: str | None, flags: tuple[bool | None, ...]) -> dict[str, Any]:
    """The ``data`` part of a subscription: ``alerts[...]`` flags and ``policy``.

    ``flags`` holds one value per entry of :data:`_ALERTS`, in that order.
    """
    check_choice(policy, "policy", PUSH_POLICIES)
    sent: dict[str, bool] = {}
    for alert, value in zip(_ALERTS, flags, strict=True):
        checked = check_bool(value, f"{alert.replace('.', '_')}_events")
        if checked is not None:
            sent[alert] = checked
    return {"alerts": sent, "policy": policy}
