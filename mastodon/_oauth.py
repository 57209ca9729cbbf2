"""OAuth pieces the login methods share: PKCE, and reading the server's OAuth
metadata (RFC 8414, ``/.well-known/oauth-authorization-server``).

:class:`PKCE` holds a code verifier between the two steps of a browser login.
:func:`oauth_endpoint` and :func:`refuse_unsupported` read what the metadata
lists; a server that publishes none gets the default endpoints and no checks.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .errors import MastodonIllegalArgumentError

__all__ = ["PKCE", "oauth_endpoint", "refuse_unsupported"]

log = logging.getLogger("mastodon")

# RFC 7636, section 4.1: 43 to 128 characters of the unreserved set.
_VERIFIER = r"[A-Za-z0-9\-._~]{43,128}"


class PKCE:
    """A PKCE code verifier (RFC 7636) and its S256 challenge, for one browser login.

    Give the same object to :meth:`~mastodon.Mastodon.auth_request_url`, which
    puts the challenge in the authorization URL, and to
    :meth:`~mastodon.Mastodon.log_in`, which sends the verifier with the code::

        pkce = PKCE()
        url = api.auth_request_url(redirect_uris=REDIRECT, pkce=pkce)
        # ... the user approves; the redirect brings the code ...
        api.log_in(code=code, redirect_uri=REDIRECT, pkce=pkce)

    A web application that handles the two steps in different requests keeps
    :attr:`verifier` with the login's other server-side state (never in the
    browser) and passes ``PKCE(saved_verifier)`` to ``log_in``.

    :param verifier: a verifier made elsewhere; by default a new one of 86
        characters from ``secrets`` (512 random bits).
    :raises MastodonIllegalArgumentError: on a verifier RFC 7636 does not allow
        (43 to 128 letters, digits, ``-``, ``.``, ``_`` or ``~``).
    """

    __slots__ = ("challenge", "verifier")

    #: The challenge method: S256, the one Mastodon supports.
    method = "S256"

    def __init__(self, verifier: str | None = None) -> None:
        if verifier is None:
            import secrets  # on first use: most programs never log in through the browser

            verifier = secrets.token_urlsafe(64)
        if not isinstance(verifier, str) or not re.fullmatch(_VERIFIER, verifier):
            raise MastodonIllegalArgumentError("a PKCE verifier is 43 to 128 letters, digits, '-', '.', '_' or '~'")
        #: The secret that proves, when the code is exchanged, who asked for it.
        self.verifier: str = verifier
        #: BASE64URL(SHA256(verifier)) without padding, sent in the authorization URL.
        self.challenge: str = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")

    def __repr__(self) -> str:
        return f"<PKCE {self.method} challenge={self.challenge}>"  # the verifier is a secret


def oauth_endpoint(metadata: Mapping[str, Any], key: str, base_url: str, default_path: str) -> str:
    """The URL of an OAuth endpoint: the path the metadata lists under ``key``,
    on the instance's own scheme, host and port (credentials never go to
    another host, and a host spelled differently by the server, say
    ``localhost`` for ``127.0.0.1``, still works); else ``default_path`` on the
    base URL. An endpoint that is not an http(s) URL, or has a fragment, is
    ignored with a warning."""
    listed = metadata.get(key)
    if listed is None:
        return base_url + default_path
    parts = urlsplit(listed) if isinstance(listed, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.path.startswith("/") or parts.fragment:
        log.warning("ignoring the %s the server lists (%.100r); using %s", key, listed, default_path)
        return base_url + default_path
    base = urlsplit(base_url)
    return f"{base.scheme}://{base.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def refuse_unsupported(metadata: Mapping[str, Any], key: str, wanted: Iterable[str], what: str, advice: str = "") -> None:
    """Refuse, before anything is sent, values the metadata's list ``key`` does
    not hold (scopes, grant types, challenge methods). A server that does not
    publish the list is not judged.

    :param what: what the values are, for the message ("scopes").
    :raises MastodonIllegalArgumentError: naming the values refused and those supported.
    """
    supported = metadata.get(key)
    if not isinstance(supported, list):
        return
    missing = [value for value in wanted if value not in supported]
    if missing:
        offered = ", ".join(str(value) for value in supported) or "none"
        raise MastodonIllegalArgumentError(f"the server does not support the {what} {', '.join(missing)} (it supports: {offered}){advice}")
