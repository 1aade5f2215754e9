"""Atomic file writing: a result file is either complete or absent."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_write_with"]


_UMASK: int | None = None


def _file_mode() -> int:
    """The mode a new file gets from ``open``: ``0o666`` less the umask.

    :func:`tempfile.mkstemp` creates its file readable by its owner only; the
    file that replaces ``path`` must be readable as any other file the user
    writes (figures to share, pages to serve). The umask can only be read by
    setting it, so it is read once.
    """
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def atomic_write_with(path: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Call ``write(fh)`` on a temporary file beside ``path``, then rename it.

    What ``write`` returns is ignored (``fh.write`` returns a byte count).

    The rename (:func:`os.replace`) is atomic on POSIX and Windows, so readers
    never see a partial file; on error the temporary file is removed. The file
    gets the permissions of a file created by ``open`` (``0o666`` less the
    umask), not the owner-only ones of a temporary file.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return atomic_write_with(path, lambda fh: fh.write(data))


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, ``\\n`` line ends).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coercion._io import atomic_write_text
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> atomic_write_text(d / "a.txt", "hello\\n").read_text()
    'hello\\n'
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """
    return atomic_write_bytes(path, text.encode(encoding))
