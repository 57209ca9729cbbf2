"""LocalInstance's app registration and OAuth, in plain HTTP: the password grant,
the authorization code with PKCE (S256) through a page that needs no browser,
client credentials, revocation and the server metadata document."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mastodon.testing import LocalInstance

from .local_http import ISO_DATE, Http, register_app, sign_up

REDIRECT = "http://127.0.0.1:9/callback"


@pytest.fixture
def inst() -> Iterator[LocalInstance]:
    with LocalInstance() as instance:
        sign_up(instance, "alice")
        yield instance


def _token(inst: LocalInstance, **form: str) -> requests.Response:
    return requests.post(inst.url + "/oauth/token", data=form, timeout=10)


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def test_app_registration_answer(inst: LocalInstance) -> None:
    app = requests.post(
        inst.url + "/api/v1/apps",
        json={
            "client_name": "bot",
            "redirect_uris": [REDIRECT, "urn:ietf:wg:oauth:2.0:oob"],
            "scopes": "read write:statuses",
            "website": "https://bot.example",
        },
    ).json()
    assert app["name"] == "bot" and app["website"] == "https://bot.example"
    assert app["scopes"] == ["read", "write:statuses"]
    assert (
        app["redirect_uris"] == [REDIRECT, "urn:ietf:wg:oauth:2.0:oob"] and app["redirect_uri"] == REDIRECT + "\nurn:ietf:wg:oauth:2.0:oob"
    )
    assert app["client_id"] and app["client_secret"] and app["client_secret_expires_at"] == 0 and app["vapid_key"]
    for bad, message in (
        ({"client_name": "", "redirect_uris": REDIRECT}, "Validation failed: Application name can't be blank"),
        ({"client_name": "x", "redirect_uris": "not a uri"}, "Validation failed: Redirect URI must be an absolute URI."),
        ({"client_name": "x", "redirect_uris": REDIRECT, "scopes": "read telepathy"}, "Validation failed: Scopes are not valid: telepathy"),
        ({"client_name": "x"}, "Validation failed: Redirect URI can't be blank"),
    ):
        refused = requests.post(inst.url + "/api/v1/apps", data=bad)
        assert refused.status_code == 422 and refused.json() == {"error": message}


def test_password_grant_and_its_errors(inst: LocalInstance) -> None:
    app = register_app(inst.url, "read write")
    login = {
        "grant_type": "password",
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "username": "alice@example.test",
    }
    token = _token(inst, **login, password="long enough password", scope="read")
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "Bearer" and body["scope"] == "read" and isinstance(body["created_at"], int)
    assert Http(inst.url, body["access_token"]).ok("GET", "/api/v1/accounts/verify_credentials")["username"] == "alice"

    wrong = _token(inst, **login, password="nope")
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant" and wrong.json()["error_description"]
    unknown_client = _token(inst, **dict(login, client_secret="guess"), password="long enough password")
    assert unknown_client.status_code == 401 and unknown_client.json()["error"] == "invalid_client"
    too_wide = _token(inst, **login, password="long enough password", scope="read admin:read")
    assert too_wide.status_code == 400 and too_wide.json()["error"] == "invalid_scope"
    assert _token(inst, grant_type="implicit").json()["error"] == "unsupported_grant_type"
    assert _token(inst).json()["error"] == "invalid_request"
    # Client authentication with HTTP Basic works as well as in the form.
    basic = requests.post(
        inst.url + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(app["client_id"], app["client_secret"]),
    )
    assert basic.status_code == 200 and basic.json()["scope"] == "read"


def test_authorization_code_with_pkce_through_the_form(inst: LocalInstance) -> None:
    app = register_app(inst.url, "read write", redirect=REDIRECT)
    verifier, challenge = _pkce()
    query = {
        "response_type": "code",
        "client_id": app["client_id"],
        "redirect_uri": REDIRECT,
        "scope": "read",
        "state": "xyz",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    page = requests.get(inst.url + "/oauth/authorize", params=query)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert 'name="code_challenge"' in page.text and 'action="/oauth/authorize"' in page.text

    refused = requests.post(
        inst.url + "/oauth/authorize", data=dict(query, email="alice@example.test", password="wrong"), allow_redirects=False
    )
    assert refused.status_code == 401
    answer = requests.post(
        inst.url + "/oauth/authorize", data=dict(query, email="alice@example.test", password="long enough password"), allow_redirects=False
    )
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    returned = parse_qs(location.query)
    assert returned["state"] == ["xyz"]
    code = returned["code"][0]

    exchange = {
        "grant_type": "authorization_code",
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "redirect_uri": REDIRECT,
    }
    missing = _token(inst, **exchange, code=code)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    code = _authorize_again(inst, query)
    wrong = _token(inst, **exchange, code=code, code_verifier=verifier + "x")
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    code = _authorize_again(inst, query)
    granted = _token(inst, **exchange, code=code, code_verifier=verifier)
    assert granted.status_code == 200 and granted.json()["scope"] == "read"
    assert Http(inst.url, granted.json()["access_token"]).ok("GET", "/api/v1/accounts/verify_credentials")["username"] == "alice"
    reused = _token(inst, **exchange, code=code, code_verifier=verifier)
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"  # codes are good once


def _authorize_again(inst: LocalInstance, query: dict[str, str]) -> str:
    answer = requests.post(
        inst.url + "/oauth/authorize", data=dict(query, email="alice@example.test", password="long enough password"), allow_redirects=False
    )
    return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]


def test_authorization_checks(inst: LocalInstance) -> None:
    app = register_app(inst.url, "read", redirect=REDIRECT)
    base = {"response_type": "code", "client_id": app["client_id"], "redirect_uri": REDIRECT}
    for changes, error in (
        ({"code_challenge": "abc", "code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": "S256"}, "invalid_request"),
        ({"redirect_uri": "http://elsewhere.example/cb"}, "invalid_request"),
        ({"response_type": "token"}, "invalid_request"),
        ({"scope": "write"}, "invalid_scope"),
        ({"client_id": "unknown"}, "invalid_client"),
    ):
        answer = requests.get(inst.url + "/oauth/authorize", params=dict(base, **changes))
        assert answer.status_code in (400, 401) and answer.json()["error"] == error, changes


def test_auto_authorize_redirects_at_once_and_oob_shows_the_code(inst: LocalInstance) -> None:
    inst.auto_authorize = "alice"
    app = register_app(inst.url, "read", redirect=REDIRECT)
    verifier, challenge = _pkce()
    query = {
        "response_type": "code",
        "client_id": app["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    answer = requests.get(inst.url + "/oauth/authorize", params=query, allow_redirects=False)
    assert answer.status_code == 302
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    token = _token(
        inst,
        grant_type="authorization_code",
        client_id=app["client_id"],
        client_secret=app["client_secret"],
        redirect_uri=REDIRECT,
        code=code,
        code_verifier=verifier,
    )
    assert token.status_code == 200

    oob = register_app(inst.url, "read")
    shown = requests.get(
        inst.url + "/oauth/authorize",
        params={"response_type": "code", "client_id": oob["client_id"], "redirect_uri": "urn:ietf:wg:oauth:2.0:oob"},
    )
    assert shown.status_code == 200 and 'class="oauth-code"' in shown.text
    code = shown.text.split('value="')[1].split('"')[0]
    plain = _token(
        inst,
        grant_type="authorization_code",
        client_id=oob["client_id"],
        client_secret=oob["client_secret"],
        redirect_uri="urn:ietf:wg:oauth:2.0:oob",
        code=code,
    )
    assert plain.status_code == 200  # without a challenge, no verifier is needed
    inst.auto_authorize = None
    assert inst.auto_authorize is None


def test_revoke(inst: LocalInstance) -> None:
    app = register_app(inst.url, "read")
    other = register_app(inst.url, "read")
    login = {"grant_type": "password", "client_id": app["client_id"], "client_secret": app["client_secret"]}
    token = _token(inst, **login, username="alice@example.test", password="long enough password").json()["access_token"]
    client = Http(inst.url, token)
    assert client.get("/api/v1/accounts/verify_credentials").status_code == 200
    stranger = requests.post(
        inst.url + "/oauth/revoke", data={"client_id": other["client_id"], "client_secret": other["client_secret"], "token": token}
    )
    assert stranger.status_code == 403 and stranger.json()["error"] == "unauthorized_client"
    revoked = requests.post(
        inst.url + "/oauth/revoke", data={"client_id": app["client_id"], "client_secret": app["client_secret"], "token": token}
    )
    assert revoked.status_code == 200 and revoked.json() == {}
    answer = client.get("/api/v1/accounts/verify_credentials")
    assert answer.status_code == 401 and answer.json() == {"error": "The access token was revoked"}
    unknown = requests.post(
        inst.url + "/oauth/revoke", data={"client_id": app["client_id"], "client_secret": app["client_secret"], "token": "x"}
    )
    assert unknown.status_code == 200  # RFC 7009: unknown tokens are not an error
    assert (
        requests.post(inst.url + "/oauth/revoke", data={"client_id": app["client_id"], "client_secret": app["client_secret"]}).status_code
        == 400
    )


def test_authorization_server_metadata(inst: LocalInstance) -> None:
    info = requests.get(inst.url + "/.well-known/oauth-authorization-server").json()
    assert info["issuer"] == inst.url + "/"
    assert info["authorization_endpoint"] == inst.url + "/oauth/authorize"
    assert info["token_endpoint"] == inst.url + "/oauth/token"
    assert info["revocation_endpoint"] == inst.url + "/oauth/revoke"
    assert info["app_registration_endpoint"] == inst.url + "/api/v1/apps"
    assert info["userinfo_endpoint"] == inst.url + "/oauth/userinfo"
    assert info["code_challenge_methods_supported"] == ["S256"]
    assert {"authorization_code", "client_credentials"} <= set(info["grant_types_supported"])
    assert {"read", "write:statuses", "follow", "push", "profile", "admin:read:accounts"} <= set(info["scopes_supported"])
    assert info["response_types_supported"] == ["code"]
    assert info["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]


def test_registration_validation_gives_details(inst: LocalInstance) -> None:
    app = register_app(inst.url, "read write")
    grant = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"], "scope": "write"}
    app_client = Http(inst.url, _token(inst, **grant).json()["access_token"])
    refused = app_client.post("/api/v1/accounts", data={"username": "alice", "email": "bad", "password": "short"})
    assert refused.status_code == 422
    body = refused.json()
    assert body["error"].startswith("Validation failed: ")
    assert {k: [e["error"] for e in v] for k, v in body["details"].items()} == {
        "username": ["ERR_TAKEN"],
        "email": ["ERR_INVALID"],
        "password": ["ERR_TOO_SHORT"],
        "agreement": ["ERR_ACCEPTED"],
    }
    read_only = Http(inst.url, _token(inst, **dict(grant, scope="read")).json()["access_token"])
    assert read_only.post("/api/v1/accounts", data={"username": "x"}).status_code == 403
    user = sign_up(inst, "bob")
    assert user.post("/api/v1/accounts", data={"username": "y"}).status_code == 403  # needs an app token
    assert ISO_DATE.match(user.ok("GET", "/api/v1/accounts/verify_credentials")["created_at"])
