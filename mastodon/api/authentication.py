"""App registration, login, tokens, and the client constructor."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, Literal, overload
from urllib.parse import urlencode

import requests

from .._core import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, RequestCore, normalize_base_url
from .._credentials import credential_file, read_secret_file, write_secret_file
from .._oauth import PKCE, oauth_endpoint, refuse_unsupported
from .._server import api_version
from ..errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonLoginError
from ..types import AccountCreationError, Application, AttribAccessDict, OAuthServerInfo, OAuthUserInfo

__all__ = ["AuthenticationMixin"]

log = logging.getLogger("mastodon")

DEFAULT_SCOPES = ["read", "write", "follow", "push"]
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
_BROWSER_LOGIN = "; log in through the browser instead: auth_request_url(), then log_in(code=...)"


class _DefaultInstance(str):
    """The constructor's default ``api_base_url``: the seed's default instance,
    as a value that can be told apart from the same URL passed on purpose."""

    __slots__ = ()


_NOT_GIVEN = _DefaultInstance(DEFAULT_BASE_URL)


def _scope_string(scopes: str | Iterable[str]) -> str:
    if isinstance(scopes, str):
        return " ".join(scopes.split())
    return " ".join(scopes)


def _missing_scopes(requested: str, granted: str) -> list[str]:
    """Requested scopes the grant does not cover (``read`` covers ``read:accounts``)."""
    have = set(granted.split())
    return [s for s in requested.split() if s not in have and s.split(":")[0] not in have]


def _grant(username: str | None, password: str | None, code: str | None, redirect_uri: str, refresh_token: str | None) -> dict[str, Any]:
    """The OAuth grant :meth:`AuthenticationMixin.log_in` was given: exactly one of
    username and password, an authorization code, or a refresh token."""
    given = {"password": username is not None or password is not None, "code": code is not None, "refresh": refresh_token is not None}
    if sum(given.values()) == 1:
        if given["password"] and username is not None and password is not None:
            return {"grant_type": "password", "username": username, "password": password}
        if given["code"]:
            return {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        if given["refresh"]:
            return {"grant_type": "refresh_token", "refresh_token": refresh_token}
    raise MastodonIllegalArgumentError("log_in takes exactly one of: username and password, code, or refresh_token")


def _check_pkce(pkce: Any) -> PKCE | None:
    if pkce is None or isinstance(pkce, PKCE):
        return pkce
    raise MastodonIllegalArgumentError("pkce must be a mastodon.PKCE(), the same one for auth_request_url and log_in")


def _read_credential_files(
    client_id: Any, client_secret: str | None, access_token: Any
) -> tuple[str | None, str | None, str | None, str | None]:
    """Client id, secret, token and the base URL the files record, with the
    files named by ``client_id`` and ``access_token`` read.

    :raises MastodonFileNotFoundError: a name that looks like a file's names none.
    :raises MastodonIllegalArgumentError: on files without their secret, or naming different instances.
    """
    file_base_url: str | None = None
    client_path = credential_file(client_id, "client_id")
    if client_path is not None:
        lines = read_secret_file(client_path)
        if len(lines) < 2:
            raise MastodonIllegalArgumentError(f"client credential file {os.fspath(client_path)!r} holds no secret")
        client_id, client_secret = lines[0], lines[1]
        file_base_url = lines[2] if len(lines) > 2 else None
    token_path = credential_file(access_token, "access_token")
    if token_path is not None:
        lines = read_secret_file(token_path)
        if not lines:
            raise MastodonIllegalArgumentError(f"token file {os.fspath(token_path)!r} is empty")
        access_token = lines[0]
        token_url = lines[1] if len(lines) > 1 else None
        if token_url and file_base_url and normalize_base_url(token_url, True) != normalize_base_url(file_base_url, True):
            raise MastodonIllegalArgumentError("the client and token files name different instances")
        file_base_url = file_base_url or token_url
        if client_id is None and len(lines) > 3:
            client_id, client_secret = lines[2], lines[3]
    return client_id, client_secret, access_token, file_base_url


class AuthenticationMixin(RequestCore):
    """Constructor, app registration and OAuth login."""

    client_id: str | None
    client_secret: str | None

    def __init__(
        self,
        client_id: str | PurePath | None = None,
        client_secret: str | None = None,
        access_token: str | PurePath | None = None,
        api_base_url: str | None = _NOT_GIVEN,
        debug_requests: bool = False,
        ratelimit_method: str = "wait",
        ratelimit_pacefactor: float = 1.1,
        request_timeout: float = DEFAULT_TIMEOUT,
        mastodon_version: str | None = None,
        version_check_mode: str = "created",
        session: requests.Session | None = None,
        feature_set: str = "mainline",
        user_agent: str = DEFAULT_USER_AGENT,
        lang: str | None = None,
        *,
        allow_http: bool = False,
        max_retries: int = 3,
    ) -> None:
        """Create a client for one Mastodon instance.

        The constructor sends nothing: what the client needs to know about the
        server (its version, software, OAuth endpoints) is asked for by the first
        call that needs it. A client can be made while the network is down.

        :param client_id: the app's client id, or the path of the file
            :meth:`create_app` wrote (which also holds the secret and base URL).
            A string is a file's name when that file exists, or when it looks
            like one (a path separator, or a ``.secret`` or ``.txt`` ending).
        :param client_secret: the app's client secret (not needed with a file).
        :param access_token: a user or app token, or the path of the file
            :meth:`log_in` wrote (read like ``client_id``).
        :param api_base_url: the instance's root, e.g. ``"https://mastodon.example"``;
            ``"mastodon.example"`` and ``"mastodon.example:8443"`` are read as
            https. A URL recorded in a credential file is used when this is left
            at its default; with neither, the default instance is used and a
            warning names it if credentials are given. An API URL, a profile
            page or an account address is refused, saying what to pass.
        :param debug_requests: log every request and answer (secrets masked) at
            DEBUG level on the ``"mastodon.requests"`` logger; on stderr when the
            program has not configured logging.
        :param ratelimit_method: ``"wait"`` (default), ``"pace"`` or ``"throw"``.
        :param ratelimit_pacefactor: in ``"pace"`` mode, the fraction of the limit to use.
        :param request_timeout: seconds each attempt at a request may take in
            all: connecting, sending, and receiving the whole answer. A request
            that runs out of time raises :class:`MastodonNetworkError` and is not
            retried. Streams use their own ``timeout`` (seconds of silence) instead.
        :param mastodon_version: the server's version string, taken as said;
            by default it is read from the instance when first needed.
        :param version_check_mode: ``"created"`` (a method is refused by a
            Mastodon server older than the method), ``"changed"`` (older than
            the method's last change) or ``"none"``. Servers that are not
            Mastodon are never refused for their version: see
            :ref:`how the version check decides <version-checks>`.
        :param session: a :class:`requests.Session` to send requests with.
        :param feature_set: ``"mainline"``, ``"fedibird"`` or ``"pleroma"``.
        :param user_agent: the ``User-Agent`` header sent with every request.
        :param lang: a language code for the server's answers (error messages,
            trends), sent as the ``lang`` parameter of every request, which Mastodon
            prefers to the account's own language, and as ``Accept-Language``.
        :param allow_http: permit a plain ``http://`` base URL for a host that
            is neither loopback nor a ``.onion`` address (those two need no
            permission).
        :param max_retries: how often a request that failed on the way (connection
            reset, 502/503/504) is retried, with exponential backoff and jitter and
            honouring ``Retry-After``. Only requests that are safe to repeat are
            retried: GET, PUT, DELETE, and posts carrying an ``Idempotency-Key``
            (``status_post`` always sends one). 0 turns retries off.
        :raises MastodonIllegalArgumentError: on invalid values or conflicting files.
        :raises MastodonFileNotFoundError: when ``client_id`` or ``access_token``
            looks like a file name but names no file (the error is also a
            :class:`MastodonIllegalArgumentError`, as the classic client raises).
        """
        client_id, client_secret, access_token, file_base_url = _read_credential_files(client_id, client_secret, access_token)
        if file_base_url and api_base_url not in (None, DEFAULT_BASE_URL):
            if normalize_base_url(api_base_url, True) != normalize_base_url(file_base_url, True):
                raise MastodonIllegalArgumentError(
                    f"api_base_url {api_base_url!r} differs from {file_base_url!r} recorded in the credential file"
                )
        base = file_base_url if file_base_url and api_base_url in (None, DEFAULT_BASE_URL) else api_base_url
        if base is None or isinstance(base, _DefaultInstance):
            base = DEFAULT_BASE_URL
            if access_token or client_id or client_secret:
                log.warning("no api_base_url given: the credentials go to the default instance, %s; pass api_base_url to use yours", base)
        super().__init__(
            normalize_base_url(base, allow_http),
            access_token=access_token,
            session=session,
            request_timeout=request_timeout,
            debug_requests=debug_requests,
            user_agent=user_agent,
            lang=lang,
            ratelimit_method=ratelimit_method,
            ratelimit_pacefactor=ratelimit_pacefactor,
            max_retries=max_retries,
            version_check_mode=version_check_mode,
            mastodon_version=mastodon_version,
            feature_set=feature_set,
        )
        self.client_id = client_id
        self.client_secret = client_secret
        self._allow_http = allow_http
        self._refresh_token: str | None = None

    def __repr__(self) -> str:
        state = "with token" if self.access_token else "no token"
        return f"<Mastodon {self.api_base_url} ({state})>"

    # -- app registration ---------------------------------------------------------------

    @staticmethod
    def create_app(
        client_name: str,
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        redirect_uris: str | Iterable[str] | None = None,
        website: str | None = None,
        to_file: str | os.PathLike[str] | None = None,
        api_base_url: str = DEFAULT_BASE_URL,
        request_timeout: float = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        *,
        allow_http: bool = False,
    ) -> tuple[str, str]:
        """Register an application with an instance; needed once per app and instance.

        :param client_name: the app's name, shown to users.
        :param scopes: the OAuth scopes the app may ask for.
        :param redirect_uris: where authorization codes are sent; the out-of-band
            URI (code shown to the user) when not given. Several may be passed.
        :param website: the app's home page.
        :param to_file: save client id, secret and base URL to this file (mode 0600).
        :param api_base_url: the instance.
        :returns: ``(client_id, client_secret)``.
        """
        if not client_name:
            raise MastodonIllegalArgumentError("client_name must not be empty")
        base = normalize_base_url(api_base_url, allow_http)
        if redirect_uris is None:
            redirect_uris = OOB_REDIRECT
        elif not isinstance(redirect_uris, str):
            redirect_uris = "\n".join(redirect_uris)
        core = RequestCore(base, session=session, request_timeout=request_timeout, user_agent=user_agent, ratelimit_method="throw")
        params = {
            "client_name": client_name,
            "scopes": _scope_string(scopes),
            "redirect_uris": redirect_uris,
            "website": website,
        }
        app = core._post("/api/v1/apps", params, use_auth=False, returns=Application)
        if not isinstance(app, dict) or "client_id" not in app or "client_secret" not in app:
            raise MastodonAPIError("the server's answer to app registration has no client_id/client_secret")
        client_id, client_secret = str(app["client_id"]), str(app["client_secret"])
        if to_file is not None:
            write_secret_file(to_file, [client_id, client_secret, base])
        return client_id, client_secret

    # -- login --------------------------------------------------------------------------

    def log_in(
        self,
        username: str | None = None,
        password: str | None = None,
        code: str | None = None,
        redirect_uri: str = OOB_REDIRECT,
        refresh_token: str | None = None,
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        allow_http: bool = False,
        *,
        pkce: PKCE | None = None,
    ) -> str:
        """Get a user access token and use it from now on.

        Give exactly one of: ``username`` and ``password`` (password grant),
        ``code`` (from the page :meth:`auth_request_url` leads to), or
        ``refresh_token``.

        When the server publishes its OAuth metadata, the token is asked for at
        the token endpoint it lists (on the instance's own host), and a grant
        type or scope it does not support is refused before anything secret is
        sent (Mastodon 4.4 and later, for one, take no passwords).

        :param redirect_uri: with ``code``: the redirect URI the authorization used.
        :param scopes: the scopes to ask for; the call fails if the server grants
            fewer than asked.
        :param to_file: save the token and base URL to this file (mode 0600);
            only written after a successful login.
        :param allow_http: permit logging in over plain ``http://`` to a host
            that is neither loopback nor ``.onion``.
        :param pkce: with ``code``: the :class:`~mastodon.PKCE` given to
            :meth:`auth_request_url`; its verifier is sent with the code.
        :returns: the access token.
        :raises MastodonIllegalArgumentError: on a bad combination of arguments,
            or a grant type or scope the server does not support.
        :raises MastodonLoginError: (a :class:`MastodonIllegalArgumentError`) when
            the server refuses the credentials; it keeps the server's
            ``status_code`` and OAuth ``error`` (``invalid_grant``...).
        :raises MastodonAPIError: when the server grants fewer scopes than asked.
        """
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("log_in needs client_id and client_secret (see create_app)")
        scope = _scope_string(scopes)
        params: dict[str, Any] = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "scope": scope,
            **_grant(username, password, code, redirect_uri, refresh_token),
        }
        pkce = _check_pkce(pkce)
        if pkce is not None:
            if code is None:
                raise MastodonIllegalArgumentError("pkce goes with code: it proves the code is the one auth_request_url asked for")
            params["code_verifier"] = pkce.verifier
        self._check_http(allow_http)
        token_url = self._token_endpoint(params["grant_type"], scope)
        try:
            result = self._post(token_url, params, use_auth=False, returns=AttribAccessDict)
        except MastodonAPIError as exc:
            if exc.status_code in (400, 401, 403):
                raise MastodonLoginError(
                    f"login refused ({params['grant_type']} grant): {exc.error_description or exc.error or exc.reason}",
                    exc.status_code,
                    exc.reason,
                    exc.error,
                    exc.error_description,
                ) from exc
            raise
        if not isinstance(result, dict) or not isinstance(result.get("access_token"), str):
            raise MastodonAPIError("the server's answer to the login has no access_token")
        granted = result.get("scope")
        if isinstance(granted, str):
            missing = _missing_scopes(scope, granted)
            if missing:
                raise MastodonAPIError(f"the server granted scopes {granted!r}, missing requested {' '.join(missing)!r}")
        self.access_token = result["access_token"]
        self._refresh_token = result.get("refresh_token")
        if to_file is not None:
            write_secret_file(to_file, [self.access_token, self.api_base_url, self.client_id, self.client_secret])
        return self.access_token

    def _check_http(self, allow_http: bool) -> None:
        if self.api_base_url.startswith("http://"):
            normalize_base_url(self.api_base_url, allow_http or self._allow_http)

    def _token_endpoint(self, grant_type: str, scope: str) -> str:
        """Where to ask for a token with ``grant_type``, as the server's OAuth
        metadata says; refuses a grant type or scopes the metadata does not list."""
        metadata = self._server.oauth_metadata()
        advice = _BROWSER_LOGIN if grant_type == "password" else ""
        refuse_unsupported(metadata, "grant_types_supported", [grant_type], "grant type", advice)
        refuse_unsupported(metadata, "scopes_supported", scope.split(), "scopes")
        return oauth_endpoint(metadata, "token_endpoint", self.api_base_url, "/oauth/token")

    def auth_request_url(
        self,
        client_id: str | PurePath | None = None,
        redirect_uris: str = OOB_REDIRECT,
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        force_login: bool = False,
        state: str | None = None,
        lang: str | None = None,
        skip_server_info: bool = False,
        allow_http: bool = False,
        *,
        pkce: PKCE | None = None,
    ) -> str:
        """The URL a user opens to authorize the app (authorization code flow).

        When the server publishes its OAuth metadata
        (``/.well-known/oauth-authorization-server``, Mastodon 4.3+), the URL
        is built on the authorization endpoint it lists, and scopes (or a PKCE
        challenge method) it does not support are refused here, before the user
        is sent to the browser. Servers without it get ``/oauth/authorize``.

        :param client_id: the client id or its file; this client's by default.
        :param redirect_uris: where the code is sent; out-of-band shows it to the user.
        :param force_login: ask the server to show the login form even if logged in.
        :param state: an opaque value handed back with the code.
        :param lang: the language of the authorization page.
        :param skip_server_info: do not ask for the server's OAuth metadata; use
            ``/oauth/authorize`` and check nothing.
        :param allow_http: permit an authorization page on plain ``http://`` (a
            local test server); without it such a URL is refused, whatever the
            host, since the user types a password into that page.
        :param pkce: a :class:`~mastodon.PKCE` whose S256 challenge the URL
            carries; give the same object to :meth:`log_in` with the code.
        :returns: the URL.
        :raises MastodonIllegalArgumentError: without a client id, for an
            unsupported scope or PKCE method, or for a plain-http page without
            ``allow_http``.
        :raises MastodonFileNotFoundError: when ``client_id`` looks like a file
            name but names no file.
        """
        pkce = _check_pkce(pkce)
        if client_id is None:
            client_id = self.client_id
        else:
            path = credential_file(client_id, "client_id")
            if path is not None:
                client_id = next(iter(read_secret_file(path)), None)
        if not client_id:
            raise MastodonIllegalArgumentError("auth_request_url needs a client_id")
        scope = _scope_string(scopes)
        metadata = {} if skip_server_info else self._server.oauth_metadata()
        refuse_unsupported(metadata, "scopes_supported", scope.split(), "scopes")
        if pkce is not None:
            refuse_unsupported(metadata, "code_challenge_methods_supported", [pkce.method], "PKCE challenge method")
        endpoint = oauth_endpoint(metadata, "authorization_endpoint", self.api_base_url, "/oauth/authorize")
        if endpoint.startswith("http://") and not allow_http:
            raise MastodonIllegalArgumentError(
                f"the authorization page {endpoint} is plain http: the user's password would cross the network "
                "unencrypted; pass allow_http=True for a local test server"
            )
        query: dict[str, str] = {
            "client_id": str(client_id),
            "response_type": "code",
            "redirect_uri": redirect_uris,
            "scope": scope,
            "force_login": "true" if force_login else "false",
        }
        if state is not None:
            query["state"] = state
        if lang is not None:
            query["lang"] = lang
        if pkce is not None:
            query["code_challenge"] = pkce.challenge
            query["code_challenge_method"] = pkce.method
        return endpoint + ("&" if "?" in endpoint else "?") + urlencode(query)

    def oauth_authorization_server_info(self) -> OAuthServerInfo:
        """The server's OAuth metadata (RFC 8414): endpoints, scopes, grant types,
        PKCE methods. Fetched once per client (:meth:`clear_caches` forgets it)
        and used by the login methods.

        :returns: the document, or an empty dict when the server publishes none
            (Mastodon before 4.3, many other servers).
        """
        return OAuthServerInfo(self._server.oauth_metadata())

    @api_version("4.3.0")
    def oauth_userinfo(self) -> OAuthUserInfo:
        """OpenID Connect user info for the logged-in user (Mastodon 4.3.0+)."""
        return self._get("/oauth/userinfo", returns=OAuthUserInfo)

    def revoke_access_token(self, allow_http: bool = False) -> None:
        """Revoke this client's access token on the server and forget it locally.

        The revocation endpoint is the one the server's OAuth metadata lists (on
        the instance's own host), else ``/oauth/revoke``.
        """
        if not self.access_token:
            raise MastodonIllegalArgumentError("there is no access token to revoke")
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("revoking a token needs client_id and client_secret")
        self._check_http(allow_http)
        params = {"client_id": self.client_id, "client_secret": self.client_secret, "token": self.access_token}
        url = oauth_endpoint(self._server.oauth_metadata(), "revocation_endpoint", self.api_base_url, "/oauth/revoke")
        self._post(url, params, use_auth=False)
        self.access_token = None

    # What create_account returns depends on return_detailed_error: the token, or
    # (token or None, the errors) when it is True.
    @overload
    def create_account(
        self,
        username: str,
        password: str,
        email: str,
        agreement: bool = False,
        reason: str | None = None,
        locale: str = "en",
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        return_detailed_error: Literal[False] = False,
        date_of_birth: Any = None,
    ) -> str: ...
    @overload
    def create_account(
        self,
        username: str,
        password: str,
        email: str,
        agreement: bool = False,
        reason: str | None = None,
        locale: str = "en",
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        *,
        return_detailed_error: Literal[True],
        date_of_birth: Any = None,
    ) -> tuple[str | None, AccountCreationError]: ...
    @overload
    def create_account(
        self,
        username: str,
        password: str,
        email: str,
        agreement: bool = False,
        reason: str | None = None,
        locale: str = "en",
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        return_detailed_error: bool = False,
        date_of_birth: Any = None,
    ) -> str | tuple[str | None, AccountCreationError]: ...
    def create_account(
        self,
        username: str,
        password: str,
        email: str,
        agreement: bool = False,
        reason: str | None = None,
        locale: str = "en",
        scopes: str | Iterable[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        return_detailed_error: bool = False,
        date_of_birth: Any = None,
    ) -> str | tuple[str | None, AccountCreationError]:
        """Register a new user account and log in as it (Mastodon 2.7.0+).

        The app first obtains an app token (client credentials grant), then
        creates the account; the returned user token becomes this client's.

        :param agreement: the user accepts the server's rules and terms.
        :param reason: why the user wants to join (for approval-only servers).
        :param date_of_birth: a ``date`` or ``YYYY-MM-DD`` string, for servers with
            a minimum age (4.4.0+).
        :param return_detailed_error: return ``(token, errors)`` instead of raising
            when the server rejects the registration; ``errors`` is the server's
            per-field ``details`` dict.
        :returns: the access token; with ``return_detailed_error``, a tuple of the token
            (``None`` when the server refused) and an :class:`AccountCreationError`
            (empty on success).
        """
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("create_account needs client_id and client_secret")
        scope = _scope_string(scopes)
        app_token = self._post(
            self._token_endpoint("client_credentials", scope),
            {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret, "scope": scope},
            use_auth=False,
            returns=AttribAccessDict,
        )
        if not isinstance(app_token, dict) or "access_token" not in app_token:
            raise MastodonAPIError("the server's answer to the app token request has no access_token")
        params = {
            "username": username,
            "password": password,
            "email": email,
            "agreement": agreement,
            "reason": reason,
            "locale": locale,
            "date_of_birth": date_of_birth,
        }
        try:
            result = self._post(
                "/api/v1/accounts",
                params,
                use_auth=False,
                headers={"Authorization": "Bearer " + str(app_token["access_token"])},
                returns=AttribAccessDict,
            )
        except MastodonAPIError as exc:
            if return_detailed_error and exc.status_code == 422:
                return None, AccountCreationError(error=exc.error, details=getattr(exc, "details", None))
            raise
        if not isinstance(result, dict) or "access_token" not in result:
            raise MastodonAPIError("the server's answer to the registration has no access_token")
        self.access_token = result["access_token"]
        if to_file is not None:
            write_secret_file(to_file, [self.access_token, self.api_base_url, self.client_id, self.client_secret])
        if return_detailed_error:
            return self.access_token, AccountCreationError()
        return self.access_token

    @api_version("2.0.0")
    def app_verify_credentials(self) -> Application:
        """The application this client's token belongs to (name, website, vapid key)."""
        return self._get("/api/v1/apps/verify_credentials", returns=Application)

    def persistable_login_credentials(self) -> str:
        """What a later run needs to reconnect, one value a line: access token,
        base URL, client id, client secret (the token file format). Treat it as secret.
        """
        values = [self.access_token, self.api_base_url, self.client_id, self.client_secret]
        return "\n".join(v or "" for v in values)
