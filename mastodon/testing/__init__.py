"""A Mastodon-compatible server in the box, for tests, demos and other clients.

.. code-block:: python

    from mastodon.testing import LocalInstance

    with LocalInstance() as inst:
        alice = inst.create_user("alice")
        alice.toot("Hello, local world!")

:class:`LocalInstance` needs the ``testing`` extra (``pip install
'pytooter[testing]'``: werkzeug and websockets). Without it, asking for it
raises :class:`~mastodon.MastodonMissingDependencyError` naming the extra.

This package itself loads nothing heavy: the pytest plugin lives in it, and
pytest loads that plugin in every test run of everyone who installs pytooter.
The server's modules load when :class:`LocalInstance` is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._deps import require_testing_extra

if TYPE_CHECKING:
    from ._instance import LocalInstance, LocalUser

__all__ = ["LocalInstance", "LocalUser", "require_testing_extra"]


def __getattr__(name: str) -> Any:
    if name in ("LocalInstance", "LocalUser"):
        require_testing_extra(f"mastodon.testing.{name}")
        from . import _instance

        value = getattr(_instance, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mastodon.testing' has no attribute {name!r}")
