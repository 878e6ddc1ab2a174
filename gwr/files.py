"""What can go wrong when a file is opened, said plainly, and whether waiting helps.

Two kinds of failure reach the refresh from the file system:

* **permanent**: the same attempt fails the same way until a person acts (no read
  permission, the file is gone, a folder where a file was expected, a path that
  leaves the data folder). Retrying only delays the report; such a file is set aside
  with the reason and the other files go on.
* **transient**: the attempt may succeed a little later (the disk is busy, a resource
  is temporarily unavailable, too many open files, an interrupted call).

The distinction is made by exception type and errno, never by message text, so it
holds in every locale.
"""

from __future__ import annotations

import errno
from pathlib import Path

#: errno values for which a retry a few seconds later can succeed
TRANSIENT_ERRNOS = frozenset(
    {
        errno.EAGAIN,
        errno.EBUSY,
        errno.EINTR,
        errno.EIO,
        errno.EMFILE,
        errno.ENFILE,
        errno.ENOMEM,
        errno.ENOSPC,
        errno.ESTALE,
        errno.ETIMEDOUT,
        errno.ETXTBSY,
    }
)

#: errno values that stay true until someone changes the file or its permissions
PERMANENT_ERRNOS = frozenset(
    {
        errno.EACCES,
        errno.EPERM,
        errno.ENOENT,
        errno.EISDIR,
        errno.ENOTDIR,
        errno.ELOOP,
        errno.ENAMETOOLONG,
        errno.EROFS,
        errno.EEXIST,
        errno.ENXIO,
    }
)

_PERMANENT_TYPES: tuple[type[OSError], ...] = (
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    FileExistsError,
)
_TRANSIENT_TYPES: tuple[type[BaseException], ...] = (
    BlockingIOError,
    InterruptedError,
    TimeoutError,
    ConnectionError,
)


def is_transient_os_error(exc: BaseException) -> bool:
    """True when retrying the same file operation later may succeed."""
    if isinstance(exc, _PERMANENT_TYPES):
        return False
    if isinstance(exc, _TRANSIENT_TYPES):
        return True
    # An OSError without an errno or with one not listed: assume the disk may recover.
    return isinstance(exc, OSError) and exc.errno not in PERMANENT_ERRNOS


def describe_os_error(exc: OSError) -> str:
    """A short human reason for an OSError raised while opening or reading a file."""
    if isinstance(exc, PermissionError):
        return "permission denied: the refresh may not read it (check its owner and mode)"
    if isinstance(exc, FileNotFoundError):
        return "it disappeared while being read (moved or deleted during the refresh)"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return "a part of its path is a file, not a folder"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc) or type(exc).__name__


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link resolved, lies inside `root`."""
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on older Pythons
        return False
    return resolved.is_relative_to(root.resolve(strict=False))
