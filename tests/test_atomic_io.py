"""Atomic writes (:mod:`coercion._io`): complete or absent, with a normal file's mode."""

from __future__ import annotations

import os
import stat

import pytest

from coercion._io import atomic_write_bytes, atomic_write_text, atomic_write_with


@pytest.mark.parametrize(
    "umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)]
)
def test_written_files_get_the_mode_open_would_give(tmp_path, monkeypatch, umask, mode):
    from coercion import _io

    monkeypatch.setattr(_io, "_UMASK", None)  # read the umask again
    old = os.umask(umask)
    try:
        path = atomic_write_bytes(tmp_path / "a.bin", b"x")
        with open(tmp_path / "b.bin", "wb") as fh:
            fh.write(b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode  # not mkstemp's 0o600
    assert stat.S_IMODE((tmp_path / "b.bin").stat().st_mode) == mode
    assert path.read_bytes() == b"x"


def test_a_failed_write_leaves_nothing(tmp_path):
    def boom(fh):
        fh.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write_with(tmp_path / "out.txt", boom)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path):
    atomic_write_text(tmp_path / "out.txt", "old\n")

    def boom(fh):
        fh.write(b"new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write_with(tmp_path / "out.txt", boom)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert (tmp_path / "out.txt").read_text() == "old\n"
