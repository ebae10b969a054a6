"""The other files of the packages a batch of files belongs to, for the verifier's child.

A partition holds some of a repository's files. Verifying them imports each file as its
module, which imports its package (``pkg/__init__.py``) and often its siblings
(``from .sortedlist import SortedList``). With only the partition's files in the sandbox,
``pkg/`` is a namespace portion, and the import system prefers a regular package of that name
anywhere else on the path: an installed copy in site-packages (sortedcontainers, which the
verifier's own dependencies install) or the interpreter's own (``email``, ``xml``): the unit
ends ``untested`` (not the file under test), or a sibling comes from the installed copy.
:func:`package_files` reads the ``.py`` files of each top-level package of the batch, so the
child imports the repository's package as a whole; a package above ``MAX_CONTEXT_BYTES`` gives
only the ``__init__.py`` files above the batch's files (its siblings then fail to import: an
import error, never another copy).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterable

import fsspec

from pipeline.records import FileRef
from pipeline.units.load import load_file
from pipeline.units.shard import module_name
from pipeline.units.starnames import Lookup

MAX_CONTEXT_BYTES = 8 * 1024 * 1024  # of one top-level package's other files
SKIPPED_DIRS = ("__pycache__",)


def package_dirs(ref: FileRef) -> tuple[str, str] | None:
    """(base URL of the repository, the top-level package directory holding ``ref``
    relative to it), None for a top-level module or where the URL does not end with the
    file's path."""
    if not ref.url.endswith(ref.path):
        return None
    parts = ref.path.removesuffix(".py").split("/")
    package = parts[-1] == "__init__"
    if package:
        parts.pop()
    mod = (ref.module or module_name(ref.path)).split(".")
    if (len(mod) < 2 and not package) or parts[-len(mod) :] != mod:
        return None
    root = parts[: len(parts) - len(mod)]
    return ref.url[: len(ref.url) - len(ref.path)], "/".join([*root, mod[0]])


def package_files(
    refs: Iterable[FileRef], have: dict[str, str], storage_options: dict | None = None
) -> dict[str, str]:
    """Relative path -> text of the ``.py`` files of the top-level packages of ``refs`` that
    ``have`` lacks (unreadable or undecodable ones left out). Never raises."""
    return PackageReader(storage_options).files(refs, have)


class PackageReader:
    """:func:`package_files` for several batches of one repository (the partitions a cache
    probe keys): each package is listed, and each file read, once."""

    def __init__(self, storage_options: dict | None = None) -> None:
        self.storage_options = storage_options or {}
        self._listed: dict[tuple[str, str], list[tuple[str, str, int]] | None] = {}
        self._texts: dict[str, str | None] = {}  # relative path -> text, None: unreadable

    def files(self, refs: Iterable[FileRef], have: dict[str, str]) -> dict[str, str]:
        refs = list(refs)
        found: dict[str, str] = {}
        for base, top in sorted({d for d in map(package_dirs, refs) if d is not None}):
            listed = self._listing(base, top)
            if sum(size for _, _, size in listed) > MAX_CONTEXT_BYTES:
                chains = _init_chains(top, [r.path for r in refs])
                listed = [entry for entry in listed if entry[0] in chains]
            for rel, url, size in listed:
                if rel in have or rel in found:
                    continue
                text = self._text(FileRef(refs[0].repo, rel, url, size))
                if text is not None:
                    found[rel] = text
        return found

    def _listing(self, base: str, top: str) -> list[tuple[str, str, int]]:
        if (base, top) not in self._listed:
            try:
                self._listed[base, top] = _listing(base, top, self.storage_options)
            except (OSError, ValueError):
                self._listed[base, top] = None
        return self._listed[base, top] or []

    def _text(self, ref: FileRef) -> str | None:
        if ref.path not in self._texts:
            self._texts[ref.path] = load_file(ref, self.storage_options).text
        return self._texts[ref.path]


def _listing(base: str, top: str, storage_options: dict) -> list[tuple[str, str, int]]:
    """(relative path, URL, size) of the ``.py`` files under ``base/top``."""
    fs, root = fsspec.core.url_to_fs(base + top, **storage_options)
    root = root.rstrip("/")
    proto = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
    out = []
    for path, info in sorted(fs.find(root, detail=True).items()):
        rel_in = path[len(root) :].lstrip("/")
        dirs = rel_in.split("/")[:-1]
        if not path.endswith(".py") or info.get("type") != "file":
            continue
        if any(d.startswith(".") or d in SKIPPED_DIRS for d in dirs):
            continue
        url = f"{proto}://{path}" if "://" in base else path  # as discovery names them
        out.append((posixpath.join(top, rel_in), url, int(info.get("size") or 0)))
    return out


def _init_chains(top: str, paths: list[str]) -> set[str]:
    """The ``__init__.py`` paths from ``top`` down to the directory of each of ``paths``."""
    chains: set[str] = set()
    for path in paths:
        directory = posixpath.dirname(path)
        while directory and (directory == top or directory.startswith(top + "/")):
            chains.add(f"{directory}/__init__.py")
            directory = posixpath.dirname(directory)
    return chains


def digest(files: dict[str, str]) -> str:
    """A content hash of ``files`` (relative path -> text), "" for none: what a verdict that
    imports them depends on."""
    if not files:
        return ""
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(files[path].encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


def module_lookup(refs: Iterable[FileRef], text_of: Callable[[str], str | None]) -> Lookup:
    """Dotted module name -> (source, is a package) of the repository's module of that name,
    by the import roots of ``refs`` (``src/`` when ``src/pkg/m.py`` is ``pkg.m``);
    ``text_of``: relative path -> text, None where the repository has no such file."""
    roots: set[str] = set()
    for ref in refs:
        parts = ref.path.removesuffix(".py").split("/")
        if parts[-1] == "__init__" and len(parts) > 1:
            parts.pop()
        mod = (ref.module or module_name(ref.path)).split(".")
        if parts[-len(mod) :] == mod:
            roots.add("/".join(parts[: len(parts) - len(mod)]))

    def lookup(dotted: str) -> tuple[str, bool] | None:
        for root in sorted(roots):
            base = "/".join(p for p in (root, dotted.replace(".", "/")) if p)
            for path, package in ((base + ".py", False), (base + "/__init__.py", True)):
                text = text_of(path)
                if text is not None:
                    return text, package
        return None

    return lookup
