"""Mistakes mypy must catch: each line marked ``# E: <code>`` is an error of that code.

Read by mypy only, never run (``tests/test_return_types.py`` runs mypy over this
file and ``tests/typing_examples/`` and expects exactly these errors, no others).
"""

from __future__ import annotations

from datetime import datetime

from mastodon import CallbackStreamListener, Mastodon, StreamListener
from mastodon.return_types import Account


def show_account(account: Account) -> str:
    return account.acct


def misspelt_fields(api: Mastodon) -> None:
    status = api.status(1)
    print(status.acount)  # E: attr-defined
    print(status.account.acc)  # E: attr-defined
    print(api.timeline_home()[0].create_at)  # E: attr-defined
    print(api.instance_nodeinfo().software.nmae)  # E: attr-defined


def wrong_types(api: Mastodon, when: datetime) -> None:
    status = api.status(1)
    posted_at: datetime = status.content  # E: assignment
    count: int = status.account.acct  # E: assignment
    api.status_post("Later", scheduled_at="2030-01-01T00:00:00Z")  # E: call-overload
    api.scheduled_status_update(1, "tomorrow")  # E: arg-type
    show_account(status)  # E: arg-type
    account: Account = api.status(1)  # E: assignment
    votes: int = api.poll(1).options[0].votes_count  # E: assignment
    print(posted_at, count, account, votes)


def missing_checks(api: Mastodon, when: datetime) -> None:
    print(api.notifications()[0].status.content)  # E: union-attr
    print(api.status(1).reblog.content)  # E: union-attr
    print(api.fetch_next(api.timeline_home())[0])  # E: index
    print(api.status_post("Later", scheduled_at=when).content)  # E: attr-defined
    print(api.notifications(1)[0])  # E: index
    print(api.search_v2("python").hashtags[0].upper())  # E: attr-defined


class WrongListener(StreamListener):
    def on_update(self, status: Account) -> None:  # E: override
        print(status.acct)


def wrong_handler(api: Mastodon) -> None:
    CallbackStreamListener(update_handler=lambda status: print(status.acct))  # E: attr-defined
    CallbackStreamListener(notification_handler=show_account)  # E: arg-type
