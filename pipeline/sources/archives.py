"""Safe extraction of .zip / .tar(.gz|.bz2|.xz) archives.

Only regular ``.py`` members and the packaging files that name a repository's import root
(``pyproject.toml``, ``setup.cfg``: pipeline/sources/layout.py) are extracted. A member whose
path is absolute, contains ``..``, or is a link or device is rejected and never written; every
rejection is returned with a reason.
Sizes are capped so an archive bomb cannot fill the disk.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import posixpath
import shutil
import tarfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")
PACKAGING = frozenset({"pyproject.toml", "setup.cfg"})  # read by layout.detect at the root
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


class ArchiveError(ValueError):
    """The archive itself cannot be read (corrupt, unknown format)."""


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(name: str) -> str:
    """Repository name for an archive: its file name without the archive suffix."""
    base = posixpath.basename(name.rstrip("/"))
    for suffix in ARCHIVE_SUFFIXES:
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


def unsafe_reason(name: str) -> str | None:
    """Why a member path must not be extracted, or None when it is safe."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path in archive member"
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts:
        return "archive member path escapes the extraction directory ('..')"
    return None


def extract(fileobj: IO[bytes], name: str, dest: Path) -> list[tuple[str, str]]:
    """Extract the ``.py`` members of archive ``name`` read from ``fileobj`` into ``dest``.

    Returns ``(member name, reason)`` for every rejected member.
    """
    dest.mkdir(parents=True, exist_ok=True)
    try:
        if name.lower().endswith(".zip"):
            return _extract_zip(fileobj, dest)
        return _extract_tar(fileobj, dest)
    # Corrupt compressed data surfaces as zlib.error / LZMAError (not OSError); encrypted or
    # unsupported zip members as RuntimeError / NotImplementedError.
    except (
        zipfile.BadZipFile,
        tarfile.TarError,
        EOFError,
        OSError,
        zlib.error,
        lzma.LZMAError,
        RuntimeError,
    ) as exc:
        raise ArchiveError(f"cannot read archive {name}: {exc}") from exc


def _extract_zip(fileobj: IO[bytes], dest: Path) -> list[tuple[str, str]]:
    rejected: list[tuple[str, str]] = []
    total = 0
    with zipfile.ZipFile(fileobj) as zf:
        for info in zf.infolist():
            if info.is_dir() or not _wanted(info.filename):
                continue
            reason = unsafe_reason(info.filename) or _size_reason(info.file_size, total)
            if reason is None and (info.external_attr >> 16) & 0o170000 == 0o120000:
                reason = "symbolic link in archive"
            if reason:
                rejected.append((info.filename, reason))
                continue
            total += info.file_size
            with zf.open(info) as src:
                if why := _write_member(src, dest, info.filename):
                    rejected.append((info.filename, why))
    return rejected


def _extract_tar(fileobj: IO[bytes], dest: Path) -> list[tuple[str, str]]:
    rejected: list[tuple[str, str]] = []
    total = 0
    with tarfile.open(fileobj=fileobj, mode="r:*") as tf:
        for member in tf:
            if member.isdir() or not _wanted(member.name):
                continue
            reason = unsafe_reason(member.name)
            if reason is None and not member.isfile():
                reason = "link or special file in archive"
            reason = reason or _size_reason(member.size, total)
            if reason:
                rejected.append((member.name, reason))
                continue
            total += member.size
            src = tf.extractfile(member)
            if src is not None and (why := _write_member(src, dest, member.name)):
                rejected.append((member.name, why))
        _check_tail(tf)
    return rejected


def _wanted(name: str) -> bool:
    return name.endswith(".py") or posixpath.basename(name) in PACKAGING


def _check_tail(tf: tarfile.TarFile) -> None:
    """Make damage after the last member visible instead of silently dropping members.

    tarfile ends iteration without error at an unreadable header past the first member, and
    never reads a compressed stream to its end, where gzip/bz2/xz check its integrity.
    """
    f = tf.fileobj
    if isinstance(f, gzip.GzipFile | bz2.BZ2File | lzma.LZMAFile):
        while f.read(1024 * 1024):
            pass
    elif f is not None and getattr(f, "seekable", lambda: False)():
        f.seek(tf.offset)
        if f.read(tarfile.BLOCKSIZE).strip(b"\0"):
            raise tarfile.ReadError(f"damaged member header at offset {tf.offset}")


def _size_reason(size: int, total: int) -> str | None:
    if size > MAX_MEMBER_BYTES:
        return f"archive member is {size} bytes, above the {MAX_MEMBER_BYTES} byte limit"
    if total + size > MAX_TOTAL_BYTES:
        return "archive expands beyond the total size limit"
    return None


def _write_member(src: IO[bytes], dest: Path, name: str) -> str | None:
    """Write one member; a name the local filesystem cannot hold is a rejection reason."""
    target = (dest / name.replace("\\", "/")).resolve()
    if not target.is_relative_to(dest.resolve()):  # defence in depth after unsafe_reason
        raise ArchiveError(f"refusing to write outside {dest}: {name}")
    try:  # too long, or clashing with a file/directory of the same name
        target.parent.mkdir(parents=True, exist_ok=True)
        out = open(target, "wb")  # noqa: SIM115 - closed below; read errors must propagate
    except OSError as exc:
        return f"cannot extract archive member: {exc.strerror or exc}"
    with out:
        shutil.copyfileobj(src, out, length=1024 * 1024)
    return None
