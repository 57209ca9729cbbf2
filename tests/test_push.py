"""Web push: subscription endpoints, key generation and message decryption."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from mastodon import MastodonAPIError, MastodonError, MastodonIllegalArgumentError, MastodonVersionError
from mastodon._webpush import decrypt_webpush
from mastodon.errors import MastodonMissingDependencyError
from tests.helpers import make_api


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


# RFC 8291, Appendix A: the user agent's keys and the message sent to it.
RFC_UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
RFC_UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
RFC_AUTH = "BTBZMqHH6r4Tts7J_aSIgg"
RFC_MESSAGE = (
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_"
    "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"
)
RFC_PLAINTEXT = b"When I grow up, I want to be a watermelon"

# The docs' example answer (methods/push.md).
SUBSCRIPTION = {
    "id": 328183,
    "endpoint": "https://yourdomain.example/listener",
    "standard": True,
    "alerts": {"follow": True, "favourite": True, "reblog": True, "mention": True, "poll": True},
    "server_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
}

NOTIFICATION = {
    "access_token": "a1b2c3",
    "preferred_locale": "en",
    "notification_id": "104",
    "notification_type": "mention",
    "icon": "https://files.example/avatars/original/missing.png",
    "title": "You were mentioned by Alice",
    "body": "@bob hello there",
}


def rfc_private_params() -> dict[str, object]:
    return {"privkey": int.from_bytes(unb64url(RFC_UA_PRIVATE), "big"), "auth": unb64url(RFC_AUTH)}


def rfc_public_params() -> dict[str, object]:
    return {"pubkey": unb64url(RFC_UA_PUBLIC), "auth": unb64url(RFC_AUTH)}


# -- endpoints ---------------------------------------------------------------------------


def test_push_subscription(api, expect):
    call = expect("GET", "/api/v1/push/subscription", SUBSCRIPTION)
    result = api.push_subscription()
    assert call.method == "GET" and call.query == []
    assert result.id == 328183
    assert result.alerts.mention is True
    assert result.server_key.startswith("BCk-")


def test_push_subscription_set(api, expect):
    call = expect("POST", "/api/v1/push/subscription", SUBSCRIPTION)
    result = api.push_subscription_set(
        "https://yourdomain.example/listener",
        rfc_public_params(),
        follow_events=True,
        mention_events=False,
        policy="followed",
        admin_sign_up_events=True,
        admin_report_events=False,
        quote_events=True,
        standard=True,
    )
    assert call.method == "POST" and call.query == []
    assert call.form == [
        ("subscription[endpoint]", "https://yourdomain.example/listener"),
        ("subscription[keys][p256dh]", RFC_UA_PUBLIC),
        ("subscription[keys][auth]", RFC_AUTH),
        ("subscription[standard]", "true"),
        ("data[alerts][follow]", "true"),
        ("data[alerts][mention]", "false"),
        ("data[alerts][admin.sign_up]", "true"),
        ("data[alerts][admin.report]", "false"),
        ("data[alerts][quote]", "true"),
        ("data[policy]", "followed"),
    ]
    assert result.id == 328183 and result.endpoint == "https://yourdomain.example/listener"


def test_push_subscription_set_takes_what_the_classic_client_took(api, expect):
    schemeless = expect("POST", "/api/v1/push/subscription", SUBSCRIPTION)
    plain_http = expect("POST", "/api/v1/push/subscription", {"error": "Validation failed: Endpoint is invalid"}, status=422)
    api.push_subscription_set(
        "push.example/x", rfc_public_params(), follow_events=1, reblog_events="False", policy="Follower", standard="true"
    )
    with pytest.raises(MastodonAPIError, match="Endpoint is invalid"):
        api.push_subscription_set("http://push.example/x", rfc_public_params())
    assert schemeless.form == [
        ("subscription[endpoint]", "https://push.example/x"),
        ("subscription[keys][p256dh]", RFC_UA_PUBLIC),
        ("subscription[keys][auth]", RFC_AUTH),
        ("subscription[standard]", "true"),
        ("data[alerts][follow]", "true"),
        ("data[alerts][reblog]", "false"),
        ("data[policy]", "follower"),
    ]
    assert ("subscription[endpoint]", "http://push.example/x") in plain_http.form


def test_push_subscription_set_defaults_and_text_keys(api, expect):
    # Keys given as base64 text (as a browser hands them over), padded standard base64 included.
    call = expect("POST", "/api/v1/push/subscription", SUBSCRIPTION)
    padded = base64.b64encode(unb64url(RFC_UA_PUBLIC)).decode()
    api.push_subscription_set("https://push.example/x", {"pubkey": padded, "auth": RFC_AUTH})
    assert call.form == [
        ("subscription[endpoint]", "https://push.example/x"),
        ("subscription[keys][p256dh]", RFC_UA_PUBLIC),
        ("subscription[keys][auth]", RFC_AUTH),
        ("data[policy]", "all"),
    ]


def test_push_subscription_set_with_generated_keys(api, expect):
    private, public = api.push_subscription_generate_keys()
    call = expect("POST", "/api/v1/push/subscription", SUBSCRIPTION)
    api.push_subscription_set("https://push.example/x", public, poll_events=True)
    form = dict(call.form)
    assert unb64url(form["subscription[keys][p256dh]"]) == public["pubkey"]
    assert unb64url(form["subscription[keys][auth]"]) == private["auth"]
    assert form["data[alerts][poll]"] == "true"


@pytest.mark.parametrize(
    ("args", "kwargs", "named"),
    [
        ((None, None), {}, "endpoint"),
        ((b"https://push.example/x", None), {}, "endpoint"),
        (("https://push.example/x", None), {"policy": "everyone"}, "policy"),
        (("https://push.example/x", None), {"follow_events": "yes"}, "follow_events"),
        (("https://push.example/x", None), {"admin_report_events": 2}, "admin_report_events"),
        (("https://push.example/x", None), {"standard": "sure"}, "standard"),
        (("https://push.example/x", {"pubkey": b"\x04" * 64, "auth": b"a" * 16}), {}, "pubkey"),
        (("https://push.example/x", {"pubkey": b"\x02" * 65, "auth": b"a" * 16}), {}, "pubkey"),
        (("https://push.example/x", {"pubkey": b"\x04" * 65, "auth": b"a" * 15}), {}, "auth"),
        (("https://push.example/x", {"pubkey": b"\x04" * 65, "auth": 12}), {}, "auth"),
        (("https://push.example/x", {"pubkey": b"\x04" * 65}), {}, "encrypt_params"),
        (("https://push.example/x", "key"), {}, "encrypt_params"),
    ],
)
def test_push_subscription_set_rejects_bad_input(api, args, kwargs, named):
    endpoint, params = args
    if params is None:
        params = rfc_public_params()
    with pytest.raises(MastodonIllegalArgumentError, match=named):
        api.push_subscription_set(endpoint, params, **kwargs)


def test_push_subscription_set_needs_new_enough_server(base_url, expect):
    old = make_api(base_url, mastodon_version="2.3.0")
    with pytest.raises(MastodonVersionError):
        old.push_subscription_set("https://push.example/x", rfc_public_params())


def test_push_subscription_update(api, expect):
    call = expect("PUT", "/api/v1/push/subscription", SUBSCRIPTION)
    result = api.push_subscription_update(
        reblog_events=True, status_events=False, policy="none", update_events=True, quoted_update_events=False
    )
    assert call.method == "PUT" and call.query == []
    assert call.form == [
        ("data[alerts][reblog]", "true"),
        ("data[alerts][status]", "false"),
        ("data[alerts][update]", "true"),
        ("data[alerts][quoted_update]", "false"),
        ("data[policy]", "none"),
    ]
    assert result.alerts.follow is True


def test_push_subscription_update_without_policy(api, expect):
    call = expect("PUT", "/api/v1/push/subscription", SUBSCRIPTION)
    api.push_subscription_update(favourite_events=True, follow_request_events=True, policy=None)
    assert call.form == [("data[alerts][favourite]", "true"), ("data[alerts][follow_request]", "true")]


@pytest.mark.parametrize("kwargs", [{"policy": "friends"}, {"poll_events": "no"}])
def test_push_subscription_update_rejects_bad_input(api, kwargs):
    with pytest.raises(MastodonIllegalArgumentError, match=next(iter(kwargs))):
        api.push_subscription_update(**kwargs)


def test_push_subscription_delete(api, expect):
    call = expect("DELETE", "/api/v1/push/subscription", {})
    assert api.push_subscription_delete() is None
    assert call.method == "DELETE" and call.query == [] and call.body == b""


# -- keys ------------------------------------------------------------------------------------


def test_generate_keys(api):
    private, public = api.push_subscription_generate_keys()
    assert set(private) == {"privkey", "auth"} and set(public) == {"pubkey", "auth"}
    assert isinstance(private.privkey, int) and not isinstance(private.privkey, bool)
    assert isinstance(public.pubkey, bytes) and len(public.pubkey) == 65 and public.pubkey[0] == 4
    assert isinstance(private.auth, bytes) and len(private.auth) == 16 and public.auth == private.auth
    # The public point belongs to the private scalar.
    assert point(ec.derive_private_key(private.privkey, ec.SECP256R1())) == public.pubkey
    again_private, again_public = api.push_subscription_generate_keys()
    assert again_private.privkey != private.privkey and again_public.auth != public.auth


# -- decryption ------------------------------------------------------------------------------


def test_rfc8291_appendix_a_vector():
    key = ec.derive_private_key(int.from_bytes(unb64url(RFC_UA_PRIVATE), "big"), ec.SECP256R1())
    assert b64url(point(key)) == RFC_UA_PUBLIC
    params = rfc_private_params()
    body = unb64url(RFC_MESSAGE)
    assert decrypt_webpush(body, params["privkey"], params["auth"]) == RFC_PLAINTEXT
    # The private key as 32 raw bytes and the secret as text work the same.
    assert decrypt_webpush(body, unb64url(RFC_UA_PRIVATE), RFC_AUTH, "", "") == RFC_PLAINTEXT
    assert decrypt_webpush(body, key, params["auth"], None, None) == RFC_PLAINTEXT


def test_rfc8291_vector_through_public_method_is_not_json(api):
    # The RFC's plaintext is not a notification: the method decrypts it, then says so.
    with pytest.raises(MastodonIllegalArgumentError, match="not JSON"):
        api.push_subscription_decrypt_push(unb64url(RFC_MESSAGE), rfc_private_params(), None, None)


def server_encrypt(public: dict[str, bytes], payload: bytes, version: str) -> tuple[bytes, str | None, str | None]:
    """Encrypt as a Mastodon server would: a fresh ECDH key per message."""
    server_key = ec.generate_private_key(ec.SECP256R1())
    vapid_key = ec.generate_private_key(ec.SECP256R1())
    if version == "aes128gcm":
        body = http_ece.encrypt(payload, private_key=server_key, dh=public["pubkey"], auth_secret=public["auth"], version="aes128gcm")
        return body, None, None
    salt = os.urandom(16)
    body = http_ece.encrypt(payload, salt=salt, private_key=server_key, dh=public["pubkey"], auth_secret=public["auth"], version="aesgcm")
    return body, f"salt={b64url(salt)}", f"dh={b64url(point(server_key))};p256ecdsa={b64url(point(vapid_key))}"


@pytest.mark.parametrize("version", ["aesgcm", "aes128gcm"])
def test_decrypt_push_notification(api, version):
    private, public = api.push_subscription_generate_keys()
    body, encryption, crypto_key = server_encrypt(public, json.dumps(NOTIFICATION).encode(), version)
    result = api.push_subscription_decrypt_push(body, private, encryption, crypto_key)
    assert result.notification_id == 104
    assert result.notification_type == "mention"
    assert result.title == "You were mentioned by Alice" and result.body == "@bob hello there"
    assert result.access_token == "a1b2c3" and result.preferred_locale == "en"
    assert result.icon == NOTIFICATION["icon"]


def test_decrypt_push_long_payload_spans_records(api):
    private, public = api.push_subscription_generate_keys()
    payload = dict(NOTIFICATION, body="x" * 9000)
    body, encryption, crypto_key = server_encrypt(public, json.dumps(payload).encode(), "aesgcm")
    assert api.push_subscription_decrypt_push(body, private, encryption, crypto_key).body == "x" * 9000


@pytest.mark.parametrize("version", ["aesgcm", "aes128gcm"])
def test_decrypt_push_wrong_keys_or_tampered(api, version):
    private, public = api.push_subscription_generate_keys()
    other, _ = api.push_subscription_generate_keys()
    body, encryption, crypto_key = server_encrypt(public, json.dumps(NOTIFICATION).encode(), version)
    with pytest.raises(MastodonIllegalArgumentError, match="could not decrypt"):
        api.push_subscription_decrypt_push(body, other, encryption, crypto_key)
    with pytest.raises(MastodonIllegalArgumentError, match="could not decrypt"):
        api.push_subscription_decrypt_push(body, {"privkey": private["privkey"], "auth": other["auth"]}, encryption, crypto_key)
    tampered = body[:-1] + bytes([body[-1] ^ 1])
    with pytest.raises(MastodonIllegalArgumentError, match="could not decrypt"):
        api.push_subscription_decrypt_push(tampered, private, encryption, crypto_key)
    with pytest.raises(MastodonIllegalArgumentError, match="could not decrypt"):
        api.push_subscription_decrypt_push(body[:30], private, encryption, crypto_key)


def test_decrypt_push_legacy_message_without_headers_fails_cleanly(api):
    private, public = api.push_subscription_generate_keys()
    body, _, _ = server_encrypt(public, b"{}", "aesgcm")
    with pytest.raises(MastodonIllegalArgumentError, match="could not decrypt the aes128gcm"):
        api.push_subscription_decrypt_push(body, private, None, None)


@pytest.mark.parametrize(
    ("data", "params", "encryption", "crypto_key", "named"),
    [
        ("text body", None, None, None, "data"),
        (b"", None, None, None, "data"),
        (b"x" * 100, {"auth": b"a" * 16}, None, None, "decrypt_params"),
        (b"x" * 100, "secret", None, None, "decrypt_params"),
        (b"x" * 100, {"privkey": "123", "auth": b"a" * 16}, None, None, "privkey"),
        (b"x" * 100, {"privkey": 0, "auth": b"a" * 16}, None, None, "privkey"),
        (b"x" * 100, {"privkey": 5, "auth": b"a" * 3}, None, None, "auth"),
        (b"x" * 100, None, "salt=" + "A" * 22, None, "crypto_key_header"),
        (b"x" * 100, None, None, "dh=" + RFC_UA_PUBLIC, "encryption_header"),
        (b"x" * 100, None, "rs=4096", "dh=" + RFC_UA_PUBLIC, "salt"),
        (b"x" * 100, None, "salt=" + "A" * 22, "p256ecdsa=" + RFC_UA_PUBLIC, "dh"),
        (b"x" * 100, None, "salt=AAAA", "dh=" + RFC_UA_PUBLIC, "salt"),
        (b"x" * 100, None, "salt=" + "A" * 22, "dh=AAAA", "dh"),
        (b"x" * 100, None, "salt=" + "A" * 22 + ";rs=big", "dh=" + RFC_UA_PUBLIC, "rs"),
        (b"x" * 100, None, "salt=" + "A" * 22, "dh=" + b64url(b"\x04" + b"\x01" * 64), "could not decrypt"),
        (b"\x00" * 10, None, None, None, "could not decrypt"),
    ],
)
def test_decrypt_push_rejects_bad_input(api, data, params, encryption, crypto_key, named):
    with pytest.raises(MastodonIllegalArgumentError, match=named):
        api.push_subscription_decrypt_push(data, params or rfc_private_params(), encryption, crypto_key)


def test_decrypt_push_json_that_is_not_an_object(api):
    private, public = api.push_subscription_generate_keys()
    body, _, _ = server_encrypt(public, b"[1, 2]", "aes128gcm")
    with pytest.raises(MastodonIllegalArgumentError, match="not a JSON object"):
        api.push_subscription_decrypt_push(body, private, None, None)


# -- without the webpush extra ---------------------------------------------------------------


def hide_package(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    """Make ``package`` (and its already imported submodules) fail to import."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")] + [package]:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize("module", ["http_ece", "cryptography"])
def test_missing_webpush_extra(api, monkeypatch, module):
    hide_package(monkeypatch, module)
    with pytest.raises(MastodonMissingDependencyError, match=r"pytooter\[webpush\]") as info:
        api.push_subscription_generate_keys()
    assert isinstance(info.value, MastodonError) and isinstance(info.value, ImportError)
    with pytest.raises(MastodonMissingDependencyError, match="webpush"):
        api.push_subscription_decrypt_push(unb64url(RFC_MESSAGE), rfc_private_params(), None, None)


def test_subscribing_works_without_webpush_extra(api, expect, monkeypatch):
    hide_package(monkeypatch, "http_ece")
    hide_package(monkeypatch, "cryptography")
    call = expect("POST", "/api/v1/push/subscription", SUBSCRIPTION)
    api.push_subscription_set("https://push.example/x", rfc_public_params())
    assert ("subscription[keys][p256dh]", RFC_UA_PUBLIC) in call.form


def test_package_imports_without_extras():
    code = (
        "import sys\n"
        "for name in ('http_ece', 'cryptography', 'blurhash'):\n"
        "    sys.modules[name] = None\n"
        "import mastodon\n"
        "assert 'Mastodon' in dir(mastodon)\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
