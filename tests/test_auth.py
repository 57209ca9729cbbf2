"""App registration, credential files, login flows and token handling."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mastodon import (
    PKCE,
    Mastodon,
    MastodonAPIError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonLoginError,
    MastodonVersionError,
)
from mastodon.testing import LocalInstance
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


def no_metadata(expect: Any) -> None:
    """The server publishes no OAuth metadata (Mastodon before 4.3): a client asks once."""
    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)


def metadata(base_url: str, **overrides: Any) -> dict[str, Any]:
    """OAuth metadata shaped like the official docs' example (Mastodon 4.4)."""
    document = {
        "issuer": base_url + "/",
        "authorization_endpoint": base_url + "/oauth/authorize",
        "token_endpoint": base_url + "/oauth/token",
        "revocation_endpoint": base_url + "/oauth/revoke",
        "scopes_supported": ["read", "write", "write:statuses", "read:accounts", "follow", "push", "profile"],
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
    }
    document.update(overrides)
    return document


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
    no_metadata(expect)
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
    no_metadata(expect)
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
    no_metadata(expect)
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
    no_metadata(expect)
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
    expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url))
    url = api.auth_request_url(
        redirect_uris="https://app.example/cb", scopes=["read"], state="xyz", force_login=True, lang="fr", allow_http=True
    )
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
    url = api.auth_request_url(skip_server_info=True, allow_http=True)
    assert url.startswith(base_url + "/oauth/authorize?client_id=cid&")
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(base_url).auth_request_url(skip_server_info=True, allow_http=True)


def test_auth_request_url_refuses_a_plain_http_page_without_allow_http(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    with pytest.raises(MastodonIllegalArgumentError, match=r"plain http.*allow_http=True"):
        api.auth_request_url(skip_server_info=True)
    with pytest.raises(MastodonIllegalArgumentError, match="plain http"):
        Mastodon(client_id="cid", api_base_url="http://mastodon.example", allow_http=True).auth_request_url(skip_server_info=True)
    https = Mastodon(client_id="cid", client_secret="csec", api_base_url="https://mastodon.example")
    assert https.auth_request_url(skip_server_info=True).startswith("https://mastodon.example/oauth/authorize?")


def test_unsupported_scopes_are_refused_before_the_browser(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url, scopes_supported=["read", "write", "push"]))
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.auth_request_url(scopes=["read", "follow", "admin:read"], allow_http=True)
    assert str(info.value) == "the server does not support the scopes follow, admin:read (it supports: read, write, push)"
    assert api.auth_request_url(scopes="read write", allow_http=True)  # the metadata was kept: no second request


def test_discovered_endpoints_are_used_on_the_instances_own_host(base_url: str, expect) -> None:
    other_spelling = base_url.replace("localhost", "127.0.0.1")
    listed = metadata(
        other_spelling,
        authorization_endpoint=other_spelling + "/auth/start?tenant=1",
        token_endpoint="https://elsewhere.example/custom/token",
        revocation_endpoint=base_url + "/custom/revoke",
        grant_types_supported=["authorization_code", "password"],
    )
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("GET", "/.well-known/oauth-authorization-server", listed)
    url = api.auth_request_url(scopes=["read"], allow_http=True)
    assert url.startswith(base_url + "/auth/start?tenant=1&client_id=cid&")
    login = expect("POST", "/custom/token", TOKEN_ANSWER)
    api.log_in("me@example.com", "pw", scopes=["read"])
    assert ("password", "pw") in login.form  # sent to the instance, never to elsewhere.example
    revoke = expect("POST", "/custom/revoke", {})
    api.revoke_access_token()
    assert ("token", TOKEN_ANSWER["access_token"]) in revoke.form


def test_a_grant_the_server_does_not_list_is_refused_before_the_password_is_sent(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url))
    with pytest.raises(MastodonIllegalArgumentError, match=r"grant type password .*log in through the browser"):
        api.log_in("me@example.com", "pw", scopes=["read"])


def test_unusable_listed_endpoints_are_ignored(base_url: str, expect, caplog) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url, token_endpoint="javascript:alert(1)"))
    login = expect("POST", "/oauth/token", TOKEN_ANSWER)
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        api.log_in(code="c", redirect_uri="https://app.example/cb", scopes=["read"])
    assert ("code", "c") in login.form and "ignoring the token_endpoint" in caplog.text


def test_oauth_metadata_is_public_and_empty_when_not_published(base_url: str, expect) -> None:
    api = make_api(base_url)
    call = expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url))
    assert api.oauth_authorization_server_info().token_endpoint == base_url + "/oauth/token"
    assert "Authorization" not in call.headers
    fresh = make_api(base_url)
    no_metadata(expect)
    assert fresh.oauth_authorization_server_info() == {}


# -- PKCE --------------------------------------------------------------------------------------------


def test_pkce_verifiers_are_random_long_and_secret() -> None:
    verifiers = {PKCE().verifier for _ in range(200)}
    assert len(verifiers) == 200
    for verifier in verifiers:
        assert len(verifier) == 86 and set(verifier) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    pkce = PKCE("a" * 43)
    expected = base64.urlsafe_b64encode(hashlib.sha256(b"a" * 43).digest()).rstrip(b"=").decode()
    assert (pkce.challenge, pkce.method) == (expected, "S256")
    assert pkce.verifier not in repr(pkce)
    for bad in ("a" * 42, "a" * 129, "a" * 42 + "!", 12345):
        with pytest.raises(MastodonIllegalArgumentError):
            PKCE(bad)  # type: ignore[arg-type]


def test_pkce_arguments_are_checked(base_url: str, expect) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec")
    with pytest.raises(MastodonIllegalArgumentError, match=r"mastodon\.PKCE"):
        api.auth_request_url(skip_server_info=True, allow_http=True, pkce=True)  # type: ignore[arg-type]
    with pytest.raises(MastodonIllegalArgumentError, match="pkce goes with code"):
        api.log_in("me@example.com", "pw", pkce=PKCE())
    expect("GET", "/.well-known/oauth-authorization-server", metadata(base_url, code_challenge_methods_supported=["plain"]))
    with pytest.raises(MastodonIllegalArgumentError, match="PKCE challenge method S256"):
        api.auth_request_url(scopes="read", allow_http=True, pkce=PKCE())


def _code_from(url: str) -> str:
    page = requests.get(url, timeout=10)  # approved at once; the out-of-band page shows the code
    assert page.status_code == 200, page.text
    return page.text.split('value="')[1].split('"')[0]


def test_the_pkce_flow_end_to_end(tmp_path: Path) -> None:
    with LocalInstance() as inst:
        inst.create_user("dana")
        inst.auto_authorize = "dana"
        client_file = tmp_path / "app.secret"
        Mastodon.create_app("pkce app", scopes=["read", "write"], api_base_url=inst.url, to_file=client_file)
        api = Mastodon(client_id=client_file)

        pkce = PKCE()
        url = api.auth_request_url(scopes=["read", "write"], allow_http=True, pkce=pkce)
        query = parse_qs(urlsplit(url).query)
        assert query["code_challenge"] == [pkce.challenge] and query["code_challenge_method"] == ["S256"]
        assert api.log_in(code=_code_from(url), scopes=["read", "write"], pkce=pkce, to_file=tmp_path / "user.secret")
        assert api.me().username == "dana"

        # The server checks the challenge: a code is not exchanged without its verifier, or with another.
        for wrong in (None, PKCE()):
            url = api.auth_request_url(scopes=["read"], allow_http=True, pkce=PKCE())
            with pytest.raises(MastodonIllegalArgumentError, match="login refused"):
                Mastodon(client_id=client_file).log_in(code=_code_from(url), scopes=["read"], pkce=wrong)

        # A web application keeps the verifier between the two steps and rebuilds the object.
        saved = PKCE().verifier
        url = api.auth_request_url(scopes=["read"], allow_http=True, pkce=PKCE(saved))
        later = Mastodon(client_id=client_file)
        later.log_in(code=_code_from(url), scopes=["read"], pkce=PKCE(saved))
        assert later.me().username == "dana"


# -- credentials given as files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["missing_clientcred.secret", "tokens/bot", "token.txt", "Bot_UserCred.SECRET"])
def test_a_credential_that_looks_like_a_file_but_is_none_is_an_error(name: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for kwargs in ({"access_token": name}, {"client_id": name}, {"access_token": Path(name)}, {"client_id": Path("nope")}):
        with pytest.raises(MastodonFileNotFoundError, match="looks like a file name") as info:
            Mastodon(api_base_url="https://mastodon.example", **kwargs)  # type: ignore[arg-type]
        assert isinstance(info.value, MastodonIllegalArgumentError)  # as the classic clients raise for a client id
    with pytest.raises(MastodonFileNotFoundError):
        Mastodon(client_id="cid", client_secret="s", api_base_url="https://mastodon.example").auth_request_url(
            client_id=Path("gone.secret"), skip_server_info=True
        )


def test_credential_file_errors_keep_the_os_error_as_their_cause(tmp_path) -> None:
    unreadable = tmp_path / "usercred.secret"
    unreadable.write_bytes(b"\xff\xfe not text")
    with pytest.raises(MastodonFileNotFoundError, match="cannot read credential file") as bad_text:
        Mastodon(access_token=unreadable, api_base_url="https://mastodon.example")
    assert isinstance(bad_text.value.__cause__, UnicodeDecodeError)
    with LocalInstance() as inst:
        with pytest.raises(MastodonFileNotFoundError, match="cannot write credential file") as no_folder:
            Mastodon.create_app("bot", api_base_url=inst.url, to_file=tmp_path / "missing" / "clientcred.secret")
    assert isinstance(no_folder.value.__cause__, FileNotFoundError)


def test_secrets_that_look_like_secrets_are_used_as_given(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    api = Mastodon(
        client_id="TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM",
        access_token="ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0",
        api_base_url="https://m.example",
    )
    assert api.client_id == "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM" and api.access_token.startswith("ZA-Yj3")
    (tmp_path / "plainname").write_text("token-from-file\n")
    assert Mastodon(access_token="plainname", api_base_url="https://m.example").access_token == "token-from-file"


def test_credentials_for_the_default_instance_are_named_in_a_warning(tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        api = Mastodon(access_token="tok")
        Mastodon(client_id="cid", client_secret="csec", api_base_url=None)
    assert api.api_base_url == "https://mastodon.social"
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2 and all("default instance, https://mastodon.social" in w for w in warnings)
    caplog.clear()
    token_file = tmp_path / "user.secret"
    token_file.write_text("tok\nhttps://mastodon.example\n")
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        Mastodon(access_token="tok", api_base_url="https://mastodon.social")  # chosen on purpose
        Mastodon()  # no credentials
        assert Mastodon(access_token=token_file).api_base_url == "https://mastodon.example"
    assert caplog.records == []


def test_create_account(base_url: str, expect, tmp_path) -> None:
    api = make_api(base_url, client_id="cid", client_secret="csec", access_token=None)
    no_metadata(expect)
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
    no_metadata(expect)
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
