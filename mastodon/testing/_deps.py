"""The check for the ``testing`` extra, kept free of heavy imports.

The pytest plugin and ``mastodon.testing`` itself import this module at load
time, so it must not import werkzeug or websockets: it only looks them up.
"""

from __future__ import annotations

from importlib.util import find_spec

from ..errors import MastodonMissingDependencyError

EXTRA_HINT = "pip install 'pytooter[testing]'"


def require_testing_extra(what: str = "mastodon.testing") -> None:
    """Raise :class:`MastodonMissingDependencyError` unless werkzeug and websockets are installed."""
    missing = [name for name in ("werkzeug", "websockets") if find_spec(name) is None]
    if missing:
        raise MastodonMissingDependencyError(f"{what} needs the optional 'testing' extra (missing: {', '.join(missing)}): {EXTRA_HINT}")
