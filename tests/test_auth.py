"""App registration, credential files, login flows and token handling."""

from __future__ import annotations

import os
import stat
from urllib.parse import parse_qs, urlsplit

import pytest

from mastodon import Mastodon, MastodonAPIError, MastodonIllegalArgumentError, MastodonLoginError, MastodonVersionError
from tests.helpers import TOKEN, make_api

APP = {
    "id": "563419",
    "name": "pytooter test",
    "website": None,
    "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
    "client_id": "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM",
    "client_secret": "ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw",
    "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
}
TOKEN_ANSWER = {
    "access_token": "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0",
    "token_type": "Bearer",
    "scope": "read write follow push",
    "created_at": 1573979017,
}


def mode(path: os.PathLike[str] | str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_create_app_posts_registration_and_writes_file(base_url: str, expect, tmp_path) -> None:
    call = expect("POST", "/api/v1/apps", APP)
    target = tmp_path / "clientcred.secret"
    result = Mastodon.create_app("pytooter test", api_base_url=base_url, to_file=target, website="https://example.com")
    assert result == (APP["client_id"], APP["client_secret"])
    assert call.form == [
        ("client_name", "pytooter test"),
        ("scopes", "read write follow push"),
        ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
        ("website", "https://example.com"),
    ]
    assert "Authorization" not in call.headers
    assert target.read_text().splitlines() == [APP["client_id"], APP["client_secret"], base_url]
    assert mode(target) == 0o600


def test_create_app_several_redirect_uris(base_url: str, expect) -> None:
    call = expect("POST", "/api/v1/apps", APP)
    Mastodon.create_app("x", scopes=["read"], redirect_uris=["https://a.example/cb", "myapp://cb"], api_base_url=base_url)
    assert ("redirect_uris", "https://a.example/cb\nmyapp://cb") in call.form
    assert ("scopes", "read") in call.form


def test_create_app_bad_answer(base_url: str, expect) -> None:
    expect("POST", "/api/v1/apps", {"name": "x"})
    with pytest.raises(MastodonAPIError, match="client_id"):
        Mastodon.create_app("x", api_base_url=base_url)


def test_files_round_trip_to_the_right_instance(base_url: str, expect, tmp_path) -> None:
    client_file, user_file = tmp_path / "client.secret", tmp_path / "user.secret"
    expect("POST", "/api/v1/apps", APP)
    Mastodon.create_app("x", api_base_url=base_url, to_file=client_file)
    api = Mastodon(client_id=client_file, mastodon_version="4.0.0")  # base URL comes from the file
    assert api.api_base_url == base_url
    login = expect("POST", "/oauth/token", TOKEN_ANSWER)
    assert api.log_in("me@example.com", "pw", to_file=user_file) == TOKEN_ANSWER["access_token"]
    assert login.form == [
        ("client_id", APP["client_id"]),
        ("client_secret", APP["client_secret"]),
        ("scope", "read write follow push"),
        ("grant_type", "password"),
        ("username", "me@example.com"),
        ("password", "pw"),
    ]
    assert mode(user_file) == 0o600
    again = Mastodon(access_token=str(user_file), mastodon_version="4.0.0")
    assert again.api_base_url == base_url
    assert again.access_token == TOKEN_ANSWER["access_token"]
    assert again.client_id == APP["client_id"]
    call = expect("GET", "/api/v1/apps/verify_credentials", {"name": "x", "website": None})
    assert again.app_verify_credentials().name == "x"
    assert call.headers["Authorization"] == "Bearer " + TOKEN_ANSWER["access_token"]


def test_older_file_formats_are_read(tmp_path) -> None:
    old_client = tmp_path / "old_client.secret"
    old_client.write_text("abc\ndef\n")
    old_token = tmp_path / "old_token.secret"
    old_token.write_text("tok\n")
    api = Mastodon(
        client_id=str(old_client), access_token=str(old_token), api_base_url="https://mastodon.example", mastodon_version="4.0.0"
    )
    assert (api.client_id, api.client_secret, api.access_token) == ("abc", "def", "tok")
    assert api.api_base_url == "https://mastodon.example"


def test_conflicting_base_urls_are_an_error(tmp_path) -> None:
    cred = tmp_path / "client.secret"
    cred.write_text("abc\ndef\nhttps://one.example\n")
    with pytest.raises(MastodonIllegalArgumentError, match="differs"):
        Mastodon(client_id=str(cred), api_base_url="https://two.example", mastodon_version="4.0.0")
    assert Mastodon(client_id=str(cred), api_base_url="one.example/", mastodon_version="4.0.0").client_id == "abc"


def test_bad_constructor_arguments() -> None:
    for kwargs in (
        {"ratelimit_method": "sometimes"},
        {"version_check_mode": "always"},
        {"feature_set": "nope"},
        {"max_retries": -1},
        {"user_agent": ""},
    ):
        with pytest.raises(MastodonIllegalArgumentError):
            Mastodon(mastodon_version="4.0.0", **kwargs)  # type: ignore[arg-type]


def test_log_in_with_code_and_refresh_token(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec", access_token=None)
    call = expect("POST", "/oauth/token", TOKEN_ANSWER)
    api.log_in(code="the-code", redirect_uri="https://app.example/cb")
    assert ("grant_type", "authorization_code") in call.form
    assert ("code", "the-code") in call.form and ("redirect_uri", "https://app.example/cb") in call.form
    call = expect("POST", "/oauth/token", TOKEN_ANSWER)
    api.log_in(refresh_token="refresh-me")
    assert ("grant_type", "refresh_token") in call.form and ("refresh_token", "refresh-me") in call.form


def test_log_in_argument_errors(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    with pytest.raises(MastodonIllegalArgumentError, match="exactly one"):
        api.log_in("user")
    with pytest.raises(MastodonIllegalArgumentError, match="exactly one"):
        api.log_in("user", "pw", code="c")
    with pytest.raises(MastodonIllegalArgumentError, match="client_id"):
        make_api(base_url).log_in("user", "pw")


def test_log_in_scope_check(base_url: str, expect, tmp_path) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("POST", "/oauth/token", dict(TOKEN_ANSWER, scope="read"))
    target = tmp_path / "user.secret"
    target.write_text("good-old-token\n")
    with pytest.raises(MastodonAPIError, match="missing requested 'write follow push'"):
        api.log_in("u", "p", to_file=target)
    assert target.read_text() == "good-old-token\n"  # never replaced by a bad login
    expect("POST", "/oauth/token", dict(TOKEN_ANSWER, scope="read write follow push"))
    api.log_in("u", "p", scopes=["read:accounts", "write"])  # "read" covers "read:accounts"


def test_log_in_refused_credentials(base_url: str, expect, tmp_path) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect(
        "POST", "/oauth/token", {"error": "invalid_grant", "error_description": "The provided authorization grant is invalid"}, status=400
    )
    target = tmp_path / "user.secret"
    target.write_text("good-old-token\n")
    with pytest.raises(MastodonIllegalArgumentError, match="authorization grant is invalid") as refused:
        api.log_in("u", "wrong", to_file=target)
    assert target.read_text() == "good-old-token\n"
    # What the server said stays on the exception (a MastodonLoginError).
    err = refused.value
    assert isinstance(err, MastodonLoginError)
    assert (err.status_code, err.error) == (400, "invalid_grant")
    assert err.error_description == "The provided authorization grant is invalid"
    assert isinstance(err.__cause__, MastodonAPIError) and err.__cause__.status_code == 400


def test_log_in_refused_by_a_local_instance(mastodon_instance) -> None:
    mastodon_instance.create_user("alice", password="correct horse battery staple")
    client_id, client_secret = mastodon_instance.client_credentials
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=mastodon_instance.url, mastodon_version="4.6.0")
    with pytest.raises(MastodonIllegalArgumentError) as refused:  # what classic scripts catch
        api.log_in(mastodon_instance.user("alice").email, "wrong password", scopes=["read"])
    assert isinstance(refused.value, MastodonLoginError)
    assert refused.value.status_code == 400 and refused.value.error == "invalid_grant"
    assert api.log_in(mastodon_instance.user("alice").email, "correct horse battery staple", scopes=["read"])


def test_auth_request_url(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("GET", "/.well-known/oauth-authorization-server", {"issuer": base_url, "authorization_endpoint": base_url + "/oauth/authorize"})
    url = api.auth_request_url(redirect_uris="https://app.example/cb", scopes=["read"], state="xyz", force_login=True, lang="fr")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base_url + "/oauth/authorize"
    assert parse_qs(parts.query) == {
        "client_id": ["cid"],
        "response_type": ["code"],
        "redirect_uri": ["https://app.example/cb"],
        "scope": ["read"],
        "force_login": ["true"],
        "state": ["xyz"],
        "lang": ["fr"],
    }
    url = api.auth_request_url(skip_server_info=True)
    assert url.startswith(base_url + "/oauth/authorize?client_id=cid&")
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(base_url).auth_request_url(skip_server_info=True)


def test_create_account(base_url: str, expect, tmp_path) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec", access_token=None)
    app_token = expect("POST", "/oauth/token", {"access_token": "app-token", "token_type": "Bearer", "scope": "read write follow push"})
    signup = expect("POST", "/api/v1/accounts", TOKEN_ANSWER)
    target = tmp_path / "new.secret"
    token = api.create_account("newuser", "pw123456", "new@example.com", agreement=True, reason="hi", to_file=target)
    assert token == TOKEN_ANSWER["access_token"] == api.access_token
    assert ("grant_type", "client_credentials") in app_token.form
    assert signup.headers["Authorization"] == "Bearer app-token"
    assert signup.form == [
        ("username", "newuser"),
        ("password", "pw123456"),
        ("email", "new@example.com"),
        ("agreement", "true"),
        ("reason", "hi"),
        ("locale", "en"),
    ]
    assert target.read_text().splitlines()[0] == token


def test_revoke_access_token(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    call = expect("POST", "/oauth/revoke", {})
    api.revoke_access_token()
    assert call.form == [("client_id", "cid"), ("client_secret", "csec"), ("token", TOKEN)]
    assert api.access_token is None
    with pytest.raises(MastodonIllegalArgumentError):
        api.revoke_access_token()


def test_secrets_stay_out_of_repr_and_persistable_credentials(base_url: str) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    assert TOKEN not in repr(api) and "csec" not in repr(api)
    assert api.persistable_login_credentials().splitlines() == [TOKEN, base_url, "cid", "csec"]


def test_oauth_userinfo_needs_4_3(base_url: str, expect) -> None:
    old = make_api(base_url, mastodon_version="4.2.0")
    with pytest.raises(MastodonVersionError, match=r"4\.3\.0"):
        old.oauth_userinfo()
    call = expect("GET", "/oauth/userinfo", {"iss": base_url, "sub": "1", "name": "Eugen"})
    assert make_api(base_url).oauth_userinfo().sub == "1"
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
