"""pytest fixtures for code that talks to Mastodon, registered as a pytest plugin.

Installing pytooter makes them available in every test suite::

    def test_my_bot_greets(mastodon_client):
        my_bot.run(mastodon_client)
        assert mastodon_client.account_statuses(mastodon_client.me())[0].content

``mastodon_instance``
    a fresh :class:`~mastodon.testing.LocalInstance` for the test, stopped after it.
``mastodon_client``
    a :class:`~mastodon.Mastodon` client logged in as a new user ``alice`` on it.

pytest loads this module in every run of everyone who installs pytooter, so it
imports nothing from the server until a fixture is used; without the
``testing`` extra, a test that uses a fixture errors at set-up with a message
naming the extra, and nothing else is affected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ..errors import MastodonMissingDependencyError
from ._deps import require_testing_extra

if TYPE_CHECKING:
    from ..Mastodon import Mastodon
    from ._instance import LocalInstance


@pytest.fixture
def mastodon_instance() -> Iterator[LocalInstance]:
    """A fresh Mastodon-compatible server on 127.0.0.1, stopped after the test."""
    try:
        require_testing_extra("the mastodon_instance fixture")
    except MastodonMissingDependencyError as error:
        pytest.fail(str(error), pytrace=False)  # this test errors, with the reason; the run goes on
    from ._instance import LocalInstance

    with LocalInstance() as instance:
        yield instance


@pytest.fixture
def mastodon_client(mastodon_instance: LocalInstance) -> Mastodon:
    """A client logged in as ``alice`` on the test's :func:`mastodon_instance`."""
    return mastodon_instance.create_user("alice")
