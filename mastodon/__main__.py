"""The command line: ``python -m mastodon serve`` and ``python -m mastodon demo``.

``serve`` runs a :class:`~mastodon.testing.LocalInstance` in the foreground for
any client (another language's, or an older Python client), with users ready to
log in; ``demo`` takes a tour of the API on one, or reads from a real instance.
Both need the ``testing`` extra, except ``demo --api-base-url``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import IO, Any

from .errors import MastodonMissingDependencyError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mastodon", description="pytooter's command line.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{serve,demo}")
    serve = commands.add_parser(
        "serve",
        help="run a Mastodon-compatible server on 127.0.0.1 until Ctrl-C",
        description="Run a Mastodon-compatible server in memory on 127.0.0.1, with users ready to log in, until Ctrl-C.",
    )
    serve.add_argument("--port", type=int, default=0, help="the API's port (default: a free one)")
    serve.add_argument("--streaming-port", type=int, default=0, help="the streaming server's port (default: a free one)")
    serve.add_argument("--users", default="alice,bob", help="comma-separated user names to create (default: alice,bob)")
    serve.add_argument("--env-file", help="also write BASE_URL and each user's token, id, password and e-mail to this file")
    serve.add_argument("--version", dest="server_version", default=None, help="the version string the instance reports")
    demo = commands.add_parser(
        "demo",
        help="a tour of the API on a local instance, or read-only on a real one",
        description="Without options: a tour of the API on a local instance started for it. "
        "With --api-base-url (and --access-token): the read-only part of the tour against that instance.",
    )
    demo.add_argument("--api-base-url", help="a real instance to read from, e.g. https://mastodon.example")
    demo.add_argument("--access-token", help="a token for that instance (reads your home timeline and notifications)")
    return parser


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None, stop: threading.Event | None = None) -> int:
    """Run a command; returns the exit status. ``stop`` ends ``serve`` (tests)."""
    args = _parser().parse_args(_join_values(list(sys.argv[1:] if argv is None else argv)))
    out = out or sys.stdout
    if args.command == "demo":
        from .testing.demo import run

        if not args.api_base_url:
            if not _has_testing_extra("the embedded demo (or run it against a real instance with --api-base-url)"):
                return 2
        elif args.access_token is not None and not args.access_token:
            print("--access-token must not be empty", file=sys.stderr)
            return 2
        return run(out, args.api_base_url, args.access_token)
    if not _has_testing_extra("python -m mastodon serve"):
        return 2
    return serve(args, out, stop)


def _join_values(argv: list[str]) -> list[str]:
    """``--access-token VALUE`` as ``--access-token=VALUE``: tokens may start with
    ``-``, which argparse would otherwise take for an option."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        if argv[index] == "--access-token" and index + 1 < len(argv):
            joined.append(f"--access-token={argv[index + 1]}")
            index += 2
            continue
        joined.append(argv[index])
        index += 1
    return joined


def _has_testing_extra(what: str) -> bool:
    from .testing import require_testing_extra

    try:
        require_testing_extra(what)
    except MastodonMissingDependencyError as error:
        print(error, file=sys.stderr)
        return False
    return True


def env_line(name: str, value: str) -> str:
    """A shell-style ``NAME='value'`` line, quoted so that any value survives."""
    return f"{name}='" + value.replace("'", "'\\''") + "'\n"


def serve(args: argparse.Namespace, out: IO[str], stop: threading.Event | None = None) -> int:
    from .testing import LocalInstance

    names = [name.strip() for name in args.users.split(",") if name.strip()]
    kwargs: dict[str, Any] = {"streaming_port": args.streaming_port}
    if args.server_version:
        kwargs["version"] = args.server_version
    try:
        inst = LocalInstance(args.port, **kwargs)
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{args.port}: {error}", file=sys.stderr)
        return 1
    stop = stop or threading.Event()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)} if _main_thread() else {}
    try:
        for sig in previous:
            signal.signal(sig, lambda *_: stop.set())
        lines = [env_line("BASE_URL", inst.url), env_line("STREAMING_URL", inst.streaming_url)]
        client_id, client_secret = inst.client_credentials
        lines += [env_line("CLIENT_ID", client_id), env_line("CLIENT_SECRET", client_secret)]
        print(f"pytooter LocalInstance: a Mastodon-compatible server at {inst.url}", file=out)
        print(f"streaming (SSE and WebSocket) at {inst.streaming_url}", file=out)
        for name in names:
            try:
                inst.create_user(name)
            except MastodonMissingDependencyError:
                raise
            except ValueError as error:
                print(f"cannot create user {name!r}: {error}", file=sys.stderr)
                return 1
            user = inst.user(name)
            print(f"user {name}: id {user.id}, token {user.access_token}, password {user.password}, e-mail {user.email}", file=out)
            prefix = name.upper()
            lines += [
                env_line(f"{prefix}_TOKEN", user.access_token),
                env_line(f"{prefix}_ID", user.id),
                env_line(f"{prefix}_PASSWORD", user.password),
                env_line(f"{prefix}_EMAIL", user.email),
            ]
        if args.env_file:
            _write_private(args.env_file, "".join(lines))
            print(f"wrote {args.env_file}", file=out)
        print("Press Ctrl-C to stop.", file=out, flush=True)
        while not stop.wait(0.5):
            pass
        print("stopping", file=out, flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        inst.stop()
    return 0


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _write_private(path: str, text: str) -> None:
    """Write a file readable by its owner only: it holds tokens and passwords."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    sys.exit(main())
