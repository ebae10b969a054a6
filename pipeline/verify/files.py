"""Writing a set of relative-path files under a scratch directory, safely."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def write_tree(root: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` (relative posix path -> text) under ``root``; return skipped paths.

    Paths that are absolute or climb out with ``..`` are skipped, never written.
    """
    skipped = []
    for rel, text in files.items():
        path = PurePosixPath(rel)
        if not path.parts or path.is_absolute() or ".." in path.parts:
            skipped.append(rel)
            continue
        target = root.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return skipped
