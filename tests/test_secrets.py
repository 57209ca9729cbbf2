"""Secrets stay secret: logs, reprs, errors, redirects, credential files, TLS.

Issue 6, point 6:

* a whole session (app registration, login, posting, reading, 401/404/429 and
  network errors, token revocation) at DEBUG level with ``debug_requests`` on
  leaves no access token, client secret or password in any log record, ``repr``
  or ``str`` of any object, or exception message;
* the ``Authorization`` header never goes to another host, port or scheme
  (redirects, pagination links);
* credential files are written atomically with mode 0600, and a failure while
  writing leaves the old file as it was and no temporary file behind;
* TLS certificates are verified unless the caller's own session says otherwise.
"""

from __future__ import annotations

import datetime as dt
import errno
import ipaddress
import json
import logging
import os
import re
import socket
import ssl
import stat
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import mastodon
from mastodon import (
    AttribAccessList,
    Mastodon,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
)
from mastodon._credentials import write_secret_file
from tests.data import entities as data
from tests.fault_server import Fault, FaultServer

ACCESS_TOKEN = "sEcReT-aCcEsS-tOkEn-4f1c9e"
OLD_TOKEN = "sEcReT-oLd-tOkEn-77a0"
CLIENT_SECRET = "sEcReT-cLiEnT-sEcReT-b81d"
PASSWORD = "sEcReT-pAsSwOrD-0d2e"
SECRETS = (ACCESS_TOKEN, OLD_TOKEN, CLIENT_SECRET, PASSWORD)

APP = {
    "id": "563419",
    "name": "secrets test",
    "website": None,
    "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
    "client_id": "public-client-id",
    "client_secret": CLIENT_SECRET,
    "vapid_key": "BCk-QqERU0q",
}
TOKEN_ANSWER = {"access_token": ACCESS_TOKEN, "token_type": "Bearer", "scope": "read write follow push", "created_at": 1573979017}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def describe(value: object) -> list[str]:
    """Every text form of a value: str, repr, and for exceptions args and the whole traceback."""
    texts = [str(value), repr(value)]
    if isinstance(value, BaseException):
        texts += [repr(arg) for arg in value.args]
        texts += traceback.format_exception(value)
        texts += [f"{k}={v!r}" for k, v in vars(value).items()]
    return texts


# -- a whole session, searched for secrets ---------------------------------------------------


def test_a_full_session_leaks_no_secret(base_url: str, expect: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, through the root
    for name in ("mastodon", "urllib3", "requests"):
        caplog.set_level(logging.DEBUG, logger=name)
    seen: list[object] = []  # everything whose repr/str must be clean
    client_file, token_file = tmp_path / "client.secret", tmp_path / "token.secret"

    expect("POST", "/api/v1/apps", APP)
    # create_app returns (client_id, client_secret): that result is the secret itself, so it is not searched
    Mastodon.create_app("secrets test", api_base_url=base_url, to_file=client_file)
    api = Mastodon(client_id=client_file, debug_requests=True, mastodon_version="4.6.0", ratelimit_method="throw", max_retries=0)
    seen.append(api)

    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)  # asked once per client
    expect(
        "POST",
        "/oauth/token",
        {
            "error": "invalid_grant",
            "error_description": "The provided authorization grant is invalid, expired, revoked, or was issued to another client.",
        },
        status=400,
    )
    with pytest.raises(MastodonIllegalArgumentError) as refused:
        api.log_in("alice@example.com", PASSWORD + "-wrong", to_file=token_file)
    seen.append(refused.value)
    login = expect("POST", "/oauth/token", TOKEN_ANSWER)
    api.log_in("alice@example.com", PASSWORD, to_file=token_file)  # returns the token: not searched
    assert ("password", PASSWORD) in login.form and ("client_secret", CLIENT_SECRET) in login.form
    seen.append(api)

    post = expect("POST", "/api/v1/statuses", data.status(id="103704874086360371"))
    seen.append(api.status_post("hello, world"))
    assert post.headers["Authorization"] == "Bearer " + ACCESS_TOKEN  # the token was really in play
    link = {"Link": f'<{base_url}/api/v1/timelines/home?max_id=103704874086360371>; rel="next"'}
    expect("GET", "/api/v1/timelines/home", [data.status(id="103704874086360371")], headers=link)
    page = api.timeline_home()
    seen += [page, page._pagination_next, *page]

    expect("GET", "/api/v1/timelines/home", {"error": "The access token is invalid"}, status=401)
    expect("GET", "/api/v1/statuses/404", {"error": "Record not found"}, status=404)
    expect(
        "GET",
        "/api/v1/timelines/home",
        {"error": "Too many requests"},
        status=429,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0"},
    )
    for call, error in (
        (api.timeline_home, MastodonUnauthorizedError),
        (lambda: api.status(404), MastodonNotFoundError),
        (api.timeline_home, MastodonRatelimitError),
    ):
        with pytest.raises(error) as failed:
            call()
        seen.append(failed.value)

    unreachable = Mastodon(
        access_token=ACCESS_TOKEN,
        api_base_url=f"http://127.0.0.1:{closed_port()}",
        debug_requests=True,
        mastodon_version="4.6.0",
        max_retries=1,
    )
    unreachable.retry_backoff_factor = 0.01
    seen.append(unreachable)
    for call in (unreachable.timeline_home, lambda: unreachable.status_post("lost")):
        with pytest.raises(MastodonNetworkError) as network:
            call()
        seen.append(network.value)

    revoke = expect("POST", "/oauth/revoke", {})
    api.revoke_access_token()
    assert ("token", ACCESS_TOKEN) in revoke.form
    seen.append(api)

    texts = [text for value in seen for text in describe(value)]
    for record in caplog.records:
        texts += [record.getMessage(), str(record.msg), repr(record.args)]
        if record.exc_info:
            texts += traceback.format_exception(*record.exc_info)
    texts.append(caplog.text)
    assert any("/oauth/token" in text for text in texts)  # debug_requests did log the login
    assert any("***" in text for text in texts)  # ... with its secrets masked
    for secret in SECRETS:
        leaks = [text for text in texts if secret in text or secret.lower() in text.lower()]
        assert not leaks, f"{secret} leaked: {leaks[:3]}"


def test_errors_never_carry_secrets_in_their_cause(base_url: str, expect: Any) -> None:
    # An error raised while a secret was in play must not keep it in a chained exception either.
    api = Mastodon(
        client_id="public-client-id",
        client_secret=CLIENT_SECRET,
        access_token=ACCESS_TOKEN,
        api_base_url=base_url,
        mastodon_version="4.6.0",
        debug_requests=True,
    )
    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)
    expect("POST", "/oauth/revoke", {"error": "unauthorized_client"}, status=403)
    with pytest.raises(MastodonError) as info:
        api.revoke_access_token()
    chain: list[BaseException] = []
    err: BaseException | None = info.value
    while err is not None and len(chain) < 10:
        chain.append(err)
        err = err.__cause__ or err.__context__
    for exc in chain:
        for text in describe(exc):
            assert ACCESS_TOKEN not in text and CLIENT_SECRET not in text


# -- the Authorization header stays with the API's host ---------------------------------------


def _make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pytooter test")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


class TLSServer:
    """An HTTPS server on 127.0.0.1 that records requests and answers from a script
    of ``(status, headers, body)`` (then ``200 {}``)."""

    def __init__(self, cert_file: Path, key_file: Path) -> None:
        self.requests: list[dict[str, str]] = []
        self.script: list[tuple[int, dict[str, str], Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append({"path": self.path, **dict(self.headers.items())})
                status, headers, body = outer.script.pop(0) if outer.script else (200, {}, {})
                raw = json.dumps(body).encode()
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> TLSServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    # requests lets these variables override a session's own ``verify``; the tests
    # below set ``verify`` on purpose, so they must not be in the way.
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    return _make_certificate(tmp_path)


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


def fault_client(server: FaultServer, **kwargs: Any) -> Mastodon:
    return Mastodon(access_token=ACCESS_TOKEN, api_base_url=server.url, mastodon_version="4.6.0", request_timeout=5, **kwargs)


def test_redirect_on_the_same_origin_keeps_the_token(fault: FaultServer) -> None:
    fault.add(Fault("redirect", location=fault.url + "/api/v1/statuses/2"), Fault("ok", body=data.status(id="2")))
    assert fault_client(fault)._get("/api/v1/statuses/1", returns=dict).id == 2
    assert [r.headers.get("Authorization") for r in fault.requests] == ["Bearer " + ACCESS_TOKEN] * 2


def test_redirect_to_another_port_drops_the_token(fault: FaultServer) -> None:
    with FaultServer() as other:  # same host 127.0.0.1, another port
        other.add(Fault("ok", body=data.status(id="1")))
        fault.add(Fault("redirect", location=other.url + "/api/v1/statuses/1"))
        assert fault_client(fault)._get("/api/v1/statuses/1", returns=dict).id == 1
        assert fault.requests[0].headers["Authorization"] == "Bearer " + ACCESS_TOKEN
        assert len(other.requests) == 1 and "Authorization" not in other.requests[0].headers


def test_redirect_to_another_host_name_drops_the_token(fault: FaultServer) -> None:
    with FaultServer() as other:  # localhost is another host than 127.0.0.1, though the same machine
        other.add(Fault("ok", body=[]))
        fault.add(Fault("redirect", location=other.url.replace("127.0.0.1", "localhost") + "/api/v1/timelines/home"))
        assert fault_client(fault)._get("/api/v1/timelines/home", returns=list) == []
        assert len(other.requests) == 1 and "Authorization" not in other.requests[0].headers


def test_redirect_from_http_to_https_drops_the_token(fault: FaultServer, certificate: tuple[Path, Path]) -> None:
    session = requests.Session()
    session.verify = str(certificate[0])  # the caller trusts this test certificate
    with TLSServer(*certificate) as secure:
        fault.add(Fault("redirect", location=secure.url + "/api/v1/statuses/1"))
        secure.script.append((200, {}, data.status(id="1")))
        assert fault_client(fault, session=session)._get("/api/v1/statuses/1", returns=dict).id == 1
        assert fault.requests[0].headers["Authorization"] == "Bearer " + ACCESS_TOKEN
        assert len(secure.requests) == 1 and "Authorization" not in secure.requests[0]


def test_redirect_from_https_to_http_drops_the_token(fault: FaultServer, certificate: tuple[Path, Path]) -> None:
    session = requests.Session()
    session.verify = str(certificate[0])
    with TLSServer(*certificate) as secure:
        secure.script.append((302, {"Location": fault.url + "/api/v1/statuses/1"}, {}))
        fault.add(Fault("ok", body=data.status(id="1")))
        api = Mastodon(access_token=ACCESS_TOKEN, api_base_url=secure.url, mastodon_version="4.6.0", session=session)
        assert api._get("/api/v1/statuses/1", returns=dict).id == 1
        assert secure.requests[0]["Authorization"] == "Bearer " + ACCESS_TOKEN
        assert len(fault.requests) == 1 and "Authorization" not in fault.requests[0].headers


def test_pagination_links_never_take_the_token_to_another_host(base_url: str, expect: Any, fault: FaultServer) -> None:
    # A link is followed with its path and query on the client's own base URL,
    # whatever host, port, scheme or user info it names: a proxy's rewrite or
    # another spelling of the same host works, and nothing goes anywhere else.
    api = Mastodon(access_token=ACCESS_TOKEN, api_base_url=base_url, mastodon_version="4.6.0")
    assert "localhost" in base_url
    for elsewhere in (
        fault.url,
        fault.url.replace("127.0.0.1", "localhost"),
        base_url + "@evil.example",
        base_url.replace("http://", "https://"),
        base_url.replace("localhost", "127.0.0.1"),  # the same machine, another name
        base_url.replace("localhost", "LOCALHOST").replace("http://", "HTTP://"),
        "https://mastodon.example",  # a proxy that rewrote host, port and scheme
        "",  # a relative link
    ):
        expect(
            "GET",
            "/api/v1/timelines/home",
            [data.status(id="5")],
            headers={"Link": f'<{elsewhere}/api/v1/timelines/home?max_id=5>; rel="next"'},
        )
        page = api.timeline_home()
        assert isinstance(page, AttribAccessList)
        followed = expect("GET", "/api/v1/timelines/home", [], query={"max_id": "5"})
        assert api.fetch_next(page) == []
        assert followed.headers["Authorization"] == "Bearer " + ACCESS_TOKEN
    assert fault.requests == []


# -- credential files -----------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o002)  # a umask that would make new files group-readable
    try:
        yield
    finally:
        os.umask(old)


def test_credential_files_are_0600_even_replacing_a_readable_file(tmp_path: Path, loose_umask: None) -> None:
    target = tmp_path / "token.secret"
    target.write_text("old\n")
    os.chmod(target, 0o644)
    write_secret_file(target, [ACCESS_TOKEN, "https://mastodon.example", None, "x"])
    assert mode(target) == 0o600
    assert target.read_text() == f"{ACCESS_TOKEN}\nhttps://mastodon.example\nx\n"
    fresh = tmp_path / "fresh.secret"
    write_secret_file(fresh, ["a"])
    assert mode(fresh) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.secret", "token.secret"]


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "token.secret"
    target.write_text(OLD_TOKEN + "\n")
    os.chmod(target, 0o600)
    if step == "write":
        real_fdopen = os.fdopen

        def fdopen(*args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(*args, **kwargs)
            real_write = handle.write

            def write(text: str) -> int:
                real_write(text[: len(text) // 2])  # half the file reaches the disk, then the disk is full
                handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device")

            handle.write = write
            return handle

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, step, _fail)
    with pytest.raises(MastodonError, match="cannot write credential file"):
        write_secret_file(target, [ACCESS_TOKEN, "https://mastodon.example"])
    monkeypatch.undo()
    assert target.read_text() == OLD_TOKEN + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["token.secret"]


@pytest.mark.parametrize("how", ["interrupt", "surrogate"])
def test_no_temp_file_left_behind_on_any_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    target = tmp_path / "token.secret"
    target.write_text(OLD_TOKEN + "\n")
    if how == "interrupt":

        def interrupt(fd: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            write_secret_file(target, [ACCESS_TOKEN])
    else:
        with pytest.raises(MastodonError):
            write_secret_file(target, ["token-\ud800"])
    monkeypatch.undo()
    assert target.read_text() == OLD_TOKEN + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["token.secret"]


def test_log_in_failing_mid_write_keeps_the_good_token_file(
    base_url: str, expect: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "token.secret"
    write_secret_file(target, [OLD_TOKEN, base_url, "cid", CLIENT_SECRET])
    before = target.read_bytes()
    api = Mastodon(client_id="cid", client_secret=CLIENT_SECRET, api_base_url=base_url, mastodon_version="4.6.0")
    expect("GET", "/.well-known/oauth-authorization-server", {"error": "Not Found"}, status=404)
    expect("POST", "/oauth/token", TOKEN_ANSWER)
    monkeypatch.setattr(os, "replace", _fail)  # the crash comes after the new file was written in full
    with pytest.raises(MastodonError, match="cannot write credential file") as info:
        api.log_in("alice@example.com", PASSWORD, to_file=target)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["token.secret"]
    assert mode(target) == 0o600
    for text in describe(info.value):
        assert ACCESS_TOKEN not in text and PASSWORD not in text and CLIENT_SECRET not in text
    # The same file still logs the old session in.
    assert Mastodon(access_token=target, mastodon_version="4.6.0").access_token == OLD_TOKEN


def test_create_app_failing_mid_write_keeps_the_old_client_file(
    base_url: str, expect: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "client.secret"
    write_secret_file(target, ["old-id", "old-secret", base_url])
    expect("POST", "/api/v1/apps", APP)
    monkeypatch.setattr(os, "fsync", _fail)
    with pytest.raises(MastodonError, match="cannot write credential file"):
        Mastodon.create_app("secrets test", api_base_url=base_url, to_file=target)
    monkeypatch.undo()
    assert target.read_text() == f"old-id\nold-secret\n{base_url}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["client.secret"]


# -- TLS verification -------------------------------------------------------------------------


def test_tls_is_verified_by_default(certificate: tuple[Path, Path]) -> None:
    api = Mastodon(access_token=ACCESS_TOKEN, api_base_url="https://mastodon.example", mastodon_version="4.6.0")
    assert api.session.verify is True
    with TLSServer(*certificate) as secure:  # a certificate nobody vouches for: refused
        untrusting = Mastodon(access_token=ACCESS_TOKEN, api_base_url=secure.url, mastodon_version="4.6.0", max_retries=0)
        with pytest.raises(MastodonNetworkError, match=r"(?i)certificate"):
            untrusting._get("/api/v1/statuses/1", returns=dict)
        assert secure.requests == []  # the token never left the client


def test_the_callers_session_decides_about_verification(certificate: tuple[Path, Path]) -> None:
    with TLSServer(*certificate) as secure:
        for verify in (str(certificate[0]), False):
            session = requests.Session()
            session.verify = verify
            api = Mastodon(access_token=ACCESS_TOKEN, api_base_url=secure.url, mastodon_version="4.6.0", session=session)
            assert api.session is session and api.session.verify == verify
            secure.script.append((200, {}, data.status(id="1")))
            with _no_insecure_warning():
                assert api._get("/api/v1/statuses/1", returns=dict).id == 1


class _no_insecure_warning:
    """urllib3 warns about unverified requests; the caller asked for one here."""

    def __enter__(self) -> None:
        import warnings

        import urllib3

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)


def test_requests_never_override_the_sessions_verify(base_url: str, expect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    api = Mastodon(access_token=ACCESS_TOKEN, api_base_url=base_url, mastodon_version="4.6.0")
    sent: list[dict[str, Any]] = []
    real_request = api.session.request

    def request(*args: Any, **kwargs: Any) -> Any:
        sent.append(kwargs)
        return real_request(*args, **kwargs)

    monkeypatch.setattr(api.session, "request", request)
    expect("GET", "/api/v1/statuses/1", data.status(id="1"))
    expect("POST", "/api/v1/statuses", data.status(id="2"))
    api.status(1)
    api.status_post("hi")
    assert len(sent) == 2
    assert all("verify" not in kwargs and "cert" not in kwargs for kwargs in sent)


INSECURE = re.compile(
    r"verify\s*=\s*(False|0|None)\b|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context|"
    r"disable_warnings|InsecureRequestWarning|cert_reqs|sslopt|PYTHONHTTPSVERIFY|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE"
)


def test_no_code_turns_tls_verification_off() -> None:
    package = Path(mastodon.__file__).parent
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 20
    hits = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sources
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INSECURE.search(line)
    ]
    assert hits == []
