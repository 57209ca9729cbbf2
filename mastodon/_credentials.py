"""Reading and writing the credential files of ``create_app`` and ``log_in``.

Formats (one value a line):

* client file: client id, client secret, then the instance's base URL;
* token file: access token, then the base URL, then client id and secret.

Older files with only the first one or two lines are read too. Files are
written atomically (a temporary file renamed into place) with mode 0600, so a
crash never leaves half a file and no other user can read the secrets.

A client id or token given as a string is a file's name when a file of that
name exists; a string that looks like a file name (a path separator, or a
``.secret`` or ``.txt`` ending) but names no file is an error, never sent to
the server as a secret.
"""

from __future__ import annotations

import os
import tempfile

from .errors import MastodonFileNotFoundError, MastodonIllegalArgumentError

__all__ = ["MissingCredentialFile", "credential_file", "read_secret_file", "write_secret_file"]

# Endings of the credential files people keep (the classic client's examples use ".secret").
_FILE_ENDINGS = (".secret", ".txt")


class MissingCredentialFile(MastodonFileNotFoundError, MastodonIllegalArgumentError):
    """A credential given as a file name that names no file.

    Both a :class:`MastodonFileNotFoundError`, and, as the classic client
    raises for a client id it cannot read, a :class:`MastodonIllegalArgumentError`.
    """


def credential_file(value: object, what: str) -> str | os.PathLike[str] | None:
    """The file a credential argument names, or ``None`` when it is the secret itself.

    A path object always names a file; a string does when a file of that name
    exists, or when it looks like a file name (a path separator, or a
    ``.secret``/``.txt`` ending).

    :param what: the argument's name, for the message.
    :raises MissingCredentialFile: when it looks like a file name but no such file exists.
    """
    if isinstance(value, str):
        if os.path.isfile(value):
            return value
        separators = [sep for sep in ("/", os.sep, os.altsep) if sep]
        if not (any(sep in value for sep in separators) or value.lower().endswith(_FILE_ENDINGS)):
            return None
        path: str | os.PathLike[str] = value
    elif isinstance(value, os.PathLike):
        path = value
        if os.path.isfile(path):
            return path
    else:
        return None
    raise MissingCredentialFile(f"{what} {os.fspath(path)!r} looks like a file name, but there is no such file")


def read_secret_file(path: str | os.PathLike[str]) -> list[str]:
    """The non-empty lines of a credential file, stripped."""
    try:
        with open(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip()]
    except FileNotFoundError as exc:
        raise MastodonFileNotFoundError(f"credential file {os.fspath(path)!r} does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MastodonFileNotFoundError(f"cannot read credential file {os.fspath(path)!r}: {exc}") from exc


def write_secret_file(path: str | os.PathLike[str], lines: list[str | None]) -> None:
    """Atomically replace ``path`` with ``lines``, readable by the owner only."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    text = "".join(f"{line}\n" for line in lines if line is not None)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".pytooter-", dir=directory)  # created 0600
    except OSError as exc:
        raise MastodonFileNotFoundError(f"cannot write credential file {target!r}: {exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException as exc:
        # Whatever went wrong (a full disk, an unencodable value, Ctrl-C), the
        # half-written secret must not stay behind; the old file is untouched.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise MastodonFileNotFoundError(f"cannot write credential file {target!r}: {exc}") from exc
        if isinstance(exc, UnicodeEncodeError):
            raise MastodonIllegalArgumentError(f"cannot write credential file {target!r}: a value is not valid text") from None
        raise
