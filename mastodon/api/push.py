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

The cryptography lives in :mod:`mastodon._webpush`. Key generation and
decryption need the ``webpush`` extra (``cryptography`` and ``http_ece``); the
package itself imports without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from .._checks import as_bool, as_choice, check_text
from .._core import RequestCore
from .._server import api_version
from ..errors import MastodonIllegalArgumentError
from ..types import (
    AttribAccessDict,
    PushNotification,
    WebpushCryptoParamsPrivkey,
    WebpushCryptoParamsPubkey,
    WebPushSubscription,
    decode_json,
)

__all__ = [
    "PushMixin",
    "WebpushCryptoParamsPrivkey",
    "WebpushCryptoParamsPubkey",
]

PUSH_POLICIES = ("all", "followed", "follower", "none")


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
        return self._get("/api/v1/push/subscription", returns=WebPushSubscription)

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
            notifications to. Without a scheme, ``https://`` is put in front (as
            the classic client did); anything else is the server's to judge.
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
        :raises MastodonIllegalArgumentError: for an endpoint that is not a string,
            malformed keys, an unknown policy or flags that are not booleans.
        """
        url = check_text(endpoint, "endpoint", allow_empty=True).strip()
        if url and "://" not in url:
            url = "https://" + url
        from .._webpush import subscription_keys  # on first use: most programs never use Web Push

        params: dict[str, Any] = {
            "subscription": {
                "endpoint": url,
                "keys": subscription_keys(encrypt_params),
                "standard": as_bool(standard, "standard"),
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
        return self._post("/api/v1/push/subscription", params, returns=WebPushSubscription)

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
        return self._put("/api/v1/push/subscription", params, returns=WebPushSubscription)

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
        from .._webpush import generate_keys

        privkey, pubkey, auth = generate_keys()
        private = WebpushCryptoParamsPrivkey(privkey=privkey, auth=auth)
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
        from .._webpush import decrypt_message

        plaintext = decrypt_message(data, decrypt_params, encryption_header, crypto_key_header)
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
    sent: dict[str, bool] = {}
    for alert, value in zip(_ALERTS, flags, strict=True):
        checked = as_bool(value, f"{alert.replace('.', '_')}_events")
        if checked is not None:
            sent[alert] = checked
    return {"alerts": sent, "policy": as_choice(policy, "policy", PUSH_POLICIES)}
