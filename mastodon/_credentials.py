"""Reading and writing the credential files of ``create_app`` and ``log_in``.

Formats (one value a line):

* client file: client id, client secret, then the instance's base URL;
* token file: access token, then the base URL, then client id and secret.

Older files with only the first one or two lines are read too. Files are
written atomically (a temporary file renamed into place) with mode 0600, so a
crash never leaves half a file and no other user can read the secrets.
"""

from __future__ import annotations

import os
import tempfile

from .errors import MastodonFileNotFoundError, MastodonIllegalArgumentError

__all__ = ["read_secret_file", "write_secret_file", "looks_like_path"]


def looks_like_path(value: object) -> bool:
    """True if ``value`` names an existing file (rather than being a secret itself)."""
    if isinstance(value, os.PathLike):
        return True
    return isinstance(value, str) and os.path.isfile(value)


def read_secret_file(path: str | os.PathLike[str]) -> list[str]:
    """The non-empty lines of a credential file, stripped."""
    try:
        with open(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip()]
    except FileNotFoundError:
        raise MastodonFileNotFoundError(f"credential file {os.fspath(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MastodonFileNotFoundError(f"cannot read credential file {os.fspath(path)!r}: {exc}") from None


def write_secret_file(path: str | os.PathLike[str], lines: list[str | None]) -> None:
    """Atomically replace ``path`` with ``lines``, readable by the owner only."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    text = "".join(f"{line}\n" for line in lines if line is not None)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".pytooter-", dir=directory)  # created 0600
    except OSError as exc:
        raise MastodonFileNotFoundError(f"cannot write credential file {target!r}: {exc}") from None
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
            raise MastodonFileNotFoundError(f"cannot write credential file {target!r}: {exc}") from None
        if isinstance(exc, UnicodeEncodeError):
            raise MastodonIllegalArgumentError(f"cannot write credential file {target!r}: a value is not valid text") from None
        raise
