"""Writing a set of relative-path files under a scratch directory, safely; and the bytecode
of large Python sources next to them."""

from __future__ import annotations

import functools
import importlib.util
import py_compile
import tempfile
from pathlib import Path, PurePosixPath

BYTECODE_MIN_BYTES = 256 * 1024  # below this, CPython compiles a module in milliseconds


def write_tree(root: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` (relative posix path -> text) under ``root``; return skipped paths.

    Paths that are absolute or climb out with ``..`` are skipped, never written.
    """
    skipped = []
    for rel, text in files.items():
        target = _inside(root, rel)
        if target is None:
            skipped.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return skipped


def _inside(root: Path, rel: str) -> Path | None:
    """``root / rel``, or None when ``rel`` is absolute or climbs out with ``..``."""
    path = PurePosixPath(rel)
    if not path.parts or path.is_absolute() or ".." in path.parts:
        return None
    return root.joinpath(*path.parts)


def write_bytecode(root: Path, files: dict[str, str]) -> None:
    """Next to each large Python source that :func:`write_tree` wrote, its bytecode as a
    hash-checked ``.pyc`` (the importer compares it with the source's hash, and compiles the
    source itself on any difference), compiled once per process and source: a huge file cut
    into slices is imported by every slice's sandbox child, and 3.6 MB of generated functions
    cost ~2 s of CPU to compile each time. A source that does not compile gets none."""
    for rel, text in files.items():
        target = _inside(root, rel)
        if target is None or target.suffix != ".py" or len(text) < BYTECODE_MIN_BYTES:
            continue
        code = _bytecode(text)
        if code is not None:
            cached = Path(importlib.util.cache_from_source(str(target)))
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(code)


@functools.lru_cache(maxsize=2)
def _bytecode(text: str) -> bytes | None:
    """The hash-checked ``.pyc`` of a module whose source is ``text`` (None if it does not
    compile)."""
    with tempfile.TemporaryDirectory(prefix="portalis-pyc-") as tmp:
        source, cached = Path(tmp) / "module.py", Path(tmp) / "module.pyc"
        source.write_text(text, encoding="utf-8")
        try:
            py_compile.compile(
                str(source),
                str(cached),
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
            )
        except (py_compile.PyCompileError, MemoryError, RecursionError, ValueError):
            return None
        return cached.read_bytes()
