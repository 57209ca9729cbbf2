"""Apps, tokens, accounts and relationships: the rules that change them."""

from __future__ import annotations

import re
import secrets
from typing import Any

from . import _scopes as scope_rules
from ._errors import forbidden, invalid, not_found
from ._records import Account, App, Token
from ._store import Store

USERNAME = re.compile(r"^[A-Za-z0-9_]{1,30}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
OOB = "urn:ietf:wg:oauth:2.0:oob"
PROFILE_LIMITS = {"display_name": 30, "note": 500}
# A profile change (as read from the request) -> the account attribute it sets.
PROFILE_ATTRIBUTES = {
    "display_name": "display_name",
    "note": "note",
    "locked": "locked",
    "bot": "bot",
    "discoverable": "discoverable",
    "indexable": "indexable",
    "fields": "fields",
    "privacy": "default_visibility",
    "sensitive": "default_sensitive",
    "avatar_media": "avatar_media",
    "header_media": "header_media",
}


def new_secret() -> str:
    """A random URL-safe secret (token, client secret, code) that does not start
    with ``-``, so that it can follow an option on a command line."""
    while True:
        value = secrets.token_urlsafe(32)
        if not value.startswith("-"):
            return value


class SocialRules(Store):
    """Registering apps and accounts, and who follows, blocks and mutes whom."""

    # -- apps and tokens -----------------------------------------------------------------

    def create_app(self, name: str, redirect_uris: list[str], scopes: list[str], website: str | None) -> App:
        if not name.strip():
            raise invalid("Application name can't be blank")
        if not redirect_uris or not all(u == OOB or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$", u) for u in redirect_uris):
            raise invalid("Redirect URI must be an absolute URI.")
        bad = scope_rules.unknown(scopes)
        if bad:
            raise invalid(f"Scopes are not valid: {' '.join(bad)}")
        app = App(
            self.ids.next(),
            name,
            website,
            scopes,
            redirect_uris,
            new_secret(),
            new_secret(),
            self.now(),
        )
        self.apps[app.id] = app
        self.apps_by_client[app.client_id] = app
        return app

    def issue_token(self, app: App, account: Account | None, scopes: list[str]) -> Token:
        token = Token(new_secret(), app, account.id if account is not None else None, scopes, self.now())
        self.tokens[token.value] = token
        return token

    # -- accounts ------------------------------------------------------------------------

    def register(self, username: str, email: str, password: str, agreement: bool, locale: str | None = "en") -> Account:
        """Create an account as ``POST /api/v1/accounts`` does, with its validations."""
        details: dict[str, list[dict[str, str]]] = {}

        def fail(field: str, code: str, text: str) -> None:
            details.setdefault(field, []).append({"error": code, "description": text})

        if not USERNAME.match(username or ""):
            fail("username", "ERR_INVALID", "only letters, numbers and underscores")
        elif username.lower() in self.by_username:
            fail("username", "ERR_TAKEN", "is already taken")
        if not EMAIL.match(email or ""):
            fail("email", "ERR_INVALID", "is invalid")
        elif email.lower() in self.by_email:
            fail("email", "ERR_TAKEN", "is already taken")
        if len(password or "") < 8:
            fail("password", "ERR_TOO_SHORT", "is too short (minimum is 8 characters)")
        if not agreement:
            fail("agreement", "ERR_ACCEPTED", "must be accepted")
        if locale is not None and not re.match(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", locale):
            fail("locale", "ERR_INCLUSION", "is not included in the list")
        if details:
            summary = ", ".join(f"{field.capitalize()} {items[0]['description']}" for field, items in details.items())
            raise invalid(summary, details=details)
        account = Account(self.ids.next(), username, email, password, self.now(), display_name="")
        self.accounts[account.id] = account
        self.by_username[username.lower()] = account
        self.by_email[email.lower()] = account
        return account

    def update_profile(self, account: Account, changes: dict[str, Any]) -> None:
        """Apply the changes ``PATCH update_credentials`` read (``None``: unchanged)."""
        _check_profile(changes)
        for name, attribute in PROFILE_ATTRIBUTES.items():
            if changes.get(name) is not None:
                setattr(account, attribute, changes[name])
        if changes.get("language") is not None:
            account.default_language = changes["language"] or None

    # -- relationships -------------------------------------------------------------------

    def follow(self, viewer: Account, target: Account, reblogs: bool | None, notify: bool | None) -> None:
        if target.id == viewer.id or self.blocked_between(viewer, target):
            raise forbidden()
        if target.id in viewer.following:
            if reblogs is not None:
                viewer.show_reblogs[target.id] = reblogs
            if notify is not None:
                viewer.notify[target.id] = notify
            return
        viewer.show_reblogs[target.id] = True if reblogs is None else reblogs
        viewer.notify[target.id] = bool(notify)
        if target.id in viewer.requested:
            return
        if target.locked:
            record = self.ids.next()
            viewer.requested[target.id] = record
            target.requested_by[viewer.id] = record
            self.notify(target, "follow_request", viewer)
            return
        self._link(viewer, target)
        self.notify(target, "follow", viewer)

    def _link(self, follower: Account, followed: Account) -> None:
        record = self.ids.next()
        follower.following[followed.id] = record
        followed.followers[follower.id] = record

    def unfollow(self, viewer: Account, target: Account) -> None:
        viewer.following.pop(target.id, None)
        target.followers.pop(viewer.id, None)
        viewer.requested.pop(target.id, None)
        target.requested_by.pop(viewer.id, None)

    def answer_follow_request(self, viewer: Account, requester: Account, accept: bool) -> None:
        if requester.id not in viewer.requested_by:
            raise not_found()
        del viewer.requested_by[requester.id]
        requester.requested.pop(viewer.id, None)
        if accept:
            self._link(requester, viewer)
        for note in self.notifications.get(viewer.id, []):
            if note.type == "follow_request" and note.from_id == requester.id:
                self.notifications[viewer.id].remove(note)
                break

    def block(self, viewer: Account, target: Account) -> None:
        if target.id == viewer.id:
            raise forbidden()
        self.unfollow(viewer, target)
        self.unfollow(target, viewer)
        viewer.blocking.setdefault(target.id, self.ids.next())

    def unblock(self, viewer: Account, target: Account) -> None:
        viewer.blocking.pop(target.id, None)

    def mute(self, viewer: Account, target: Account, notifications: bool, duration: int) -> None:
        if target.id == viewer.id:
            raise forbidden()
        expires = self.now() + duration if duration > 0 else None
        viewer.muting[target.id] = (self.ids.next(), notifications, expires)

    def unmute(self, viewer: Account, target: Account) -> None:
        viewer.muting.pop(target.id, None)


def _check_profile(changes: dict[str, Any]) -> None:
    for name, limit in PROFILE_LIMITS.items():
        value = changes.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise invalid(f"{name.replace('_', ' ').capitalize()} is too long (maximum is {limit} characters)")
    if "fields" in changes and len(changes["fields"]) > 4:
        raise invalid("Fields is too long (maximum is 4)")
    privacy = changes.get("privacy")
    if privacy is not None and privacy not in ("public", "unlisted", "private"):
        raise invalid("Privacy is not included in the list")
