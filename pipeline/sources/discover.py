"""Turn SOURCE arguments into repositories, and repositories into FileRefs.

A SOURCE is a local directory, a local or remote archive, or an fsspec URL to a directory.
Each SOURCE is one repository in the output. Discovery lists ``.py`` files only; it never
imports or executes them. Everything skipped on the way (hidden dirs, virtualenvs, excluded
globs, link loops, unsafe archive members) is returned with a reason so the manifest can
account for it.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path

import fsspec

import pipeline.sources.layout as layout
from pipeline.records import FileRef
from pipeline.sources.archives import ArchiveError, archive_stem, extract, is_archive

SKIP_DIRS = frozenset({"__pycache__", "site-packages", "node_modules", "venv", "env", ".venv"})


class SourceError(ValueError):
    """A SOURCE argument that cannot be used at all (missing, unreadable archive)."""


@dataclass(frozen=True)
class RepoSource:
    """One repository to translate: a name and a root that discovery walks."""

    name: str
    root: str  # local directory or fsspec URL of a directory
    storage_options: dict = field(default_factory=dict, hash=False, compare=False)
    rejected: tuple[tuple[str, str], ...] = ()  # (member path, reason) from extraction

    @property
    def is_local(self) -> bool:
        return "://" not in self.root or self.root.startswith("file://")


@dataclass
class Discovery:
    """What discovery found in one repository."""

    files: list[FileRef]
    skipped: list[tuple[str, str]]  # (repo-relative path, reason)
    # files that are not library code (tests, docs, examples, build scripts), left out of
    # a library-scope run: (repo-relative path, role), counted apart
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    layout: layout.Layout = layout.Layout()
    tests: list[str] = field(default_factory=list)  # the repository's test files, any scope

    def set_aside_reason(self, role: str) -> str:
        return (
            f"not library code ({role}; {self.layout.describe()}): "
            "translated with --scope all (config: scope: all)"
        )


def resolve_sources(
    sources: list[str], workdir: Path, storage_options: dict | None = None
) -> list[RepoSource]:
    """Map SOURCE arguments to repositories, extracting archives under ``workdir``."""
    opts = storage_options or {}
    repos: list[RepoSource] = []
    used: set[str] = set()
    for source in sources:
        name = _unique(_repo_name(source), used)
        if is_archive(source):
            repos.append(_from_archive(source, name, workdir, opts))
            continue
        try:
            fs, path = fsspec.core.url_to_fs(source, **opts)
        except (ImportError, ValueError) as exc:  # e.g. gs:// without gcsfs installed
            raise SourceError(f"cannot read {source}: {exc}") from exc
        if not fs.isdir(path):
            raise SourceError(f"source not found or not a directory/archive: {source}")
        root = path if _is_local_fs(fs) else source.rstrip("/")
        repos.append(RepoSource(name=name, root=root, storage_options=opts))
    return repos


def _repo_name(source: str) -> str:
    if "://" not in source and not is_archive(source):
        source = os.path.abspath(source)  # "." or "src/.." names the directory itself
    return archive_stem(source) or "repo"


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def _is_local_fs(fs: fsspec.AbstractFileSystem) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def _from_archive(source: str, name: str, workdir: Path, opts: dict) -> RepoSource:
    dest = workdir / "sources" / name
    try:
        with fsspec.open(source, "rb", **opts) as fh:
            rejected = extract(fh, source, dest)
    except FileNotFoundError as exc:
        raise SourceError(f"archive not found: {source}") from exc
    except ArchiveError as exc:
        raise SourceError(str(exc)) from exc
    return RepoSource(name=name, root=str(_wrapped_root(dest)), rejected=tuple(rejected))


def _wrapped_root(dest: Path) -> Path:
    """The repository root of an extracted archive: the one directory holding everything
    when it wraps a repository (an sdist's ``name-1.0/``, a GitHub archive's ``repo-main/``:
    not a Python identifier, or holding packaging files, and no ``__init__.py``), else
    ``dest`` itself (an archive of a package directory keeps its name as the module's)."""
    entries = list(dest.iterdir())
    if len(entries) != 1 or not entries[0].is_dir():
        return dest
    top = entries[0]
    if (top / "__init__.py").exists():
        return dest
    wraps = not top.name.isidentifier() or any((top / f).is_file() for f in layout.CONFIG_FILES)
    return top if wraps else dest


def discover_repo(
    repo: RepoSource, exclude: list[str] | tuple[str, ...] = (), scope: str = "library"
) -> Discovery:
    """List the ``.py`` files of one repository, sorted by path, each named by its module
    from the import root packaging finds (``layout.py``); with ``scope="library"`` the files
    that are not library code are set aside."""
    found = Discovery(files=[], skipped=list(repo.rejected))
    if repo.is_local:
        _walk_local(repo, exclude, found)
    else:
        _walk_remote(repo, exclude, found)
    found.layout = layout.detect(_packaging_files(repo), [f.path for f in found.files])
    _classify(found, scope)
    found.files.sort(key=lambda f: f.path)
    found.skipped.sort()
    found.set_aside.sort()
    found.tests.sort()
    return found


def _packaging_files(repo: RepoSource) -> dict[str, str]:
    """The repository root's packaging files that exist (name -> text)."""
    fs, base = fsspec.core.url_to_fs(repo.root, **repo.storage_options)
    found: dict[str, str] = {}
    for name in layout.CONFIG_FILES:
        try:
            found[name] = fs.cat_file(f"{base.rstrip('/')}/{name}").decode("utf-8", "replace")
        except (OSError, ValueError):  # absent (FileNotFoundError), a directory, unreadable
            continue
    return found


def _classify(found: Discovery, scope: str) -> None:
    """Name every file's module from the import root; set aside non-library files unless
    ``scope`` is "all" (they then keep their path-based module name)."""
    kept: list[FileRef] = []
    for ref in found.files:
        role = layout.role(ref.path, found.layout)
        if role == "tests":
            found.tests.append(ref.path)
        if role != layout.LIBRARY and scope != "all":
            found.set_aside.append((ref.path, role))
        elif role == layout.LIBRARY:
            kept.append(replace(ref, module=layout.module_of(ref.path, found.layout)))
        else:
            kept.append(ref)
    found.files = kept


def is_excluded(rel: str, exclude: list[str] | tuple[str, ...]) -> bool:
    """True when a repo-relative path matches an exclude glob (on the path or any parent)."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(p, pat) for pat in _patterns(tuple(exclude)) for p in prefixes)


@functools.lru_cache(maxsize=64)
def _patterns(exclude: tuple[str, ...]) -> tuple[str, ...]:
    """Globs as users write them: ``tests/`` and ``./tests`` mean ``tests``; ``**/x`` also
    matches a top-level ``x``."""
    out: list[str] = []
    for pat in exclude:
        pat = pat.strip().removeprefix("./").rstrip("/")
        if pat:
            out.append(pat)
            if pat.startswith("**/"):
                out.append(pat[3:])
    return tuple(out)


def _skip_dir_reason(name: str, full: str) -> str | None:
    if name.startswith("."):
        return None if name in (".", "..") else "hidden directory"
    if name in SKIP_DIRS or os.path.exists(os.path.join(full, "pyvenv.cfg")):
        return "virtualenv or generated directory"
    return None


def _walk_local(repo: RepoSource, exclude: list[str] | tuple[str, ...], found: Discovery) -> None:
    root = Path(repo.root).resolve()

    def unreadable(exc: OSError) -> None:  # os.walk drops such directories silently
        rel = os.path.relpath(exc.filename or root, root).replace(os.sep, "/")
        found.skipped.append((rel, f"cannot read directory: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        _prune_dirs(dirpath, rel_dir, dirnames, exclude, found)
        for fname in sorted(filenames):
            if not fname.endswith(".py"):
                continue
            rel = posixpath.join(rel_dir, fname) if rel_dir else fname
            full = os.path.join(dirpath, fname)
            reason = _file_reason(full, root, rel, exclude)
            if reason:
                found.skipped.append((rel, reason))
                continue
            try:
                size = os.path.getsize(full)
            except OSError as exc:  # vanished or unreadable since it was listed
                found.skipped.append((rel, f"cannot read file: {exc.strerror or exc}"))
                continue
            found.files.append(FileRef(repo=repo.name, path=rel, url=full, size=size))


def _prune_dirs(dirpath: str, rel_dir: str, dirnames: list[str], exclude, found) -> None:
    keep = []
    for d in sorted(dirnames):
        full = os.path.join(dirpath, d)
        rel = posixpath.join(rel_dir, d) if rel_dir else d
        if os.path.islink(full):
            found.skipped.append((rel, "symbolic link to a directory (not followed)"))
        elif (reason := _skip_dir_reason(d, full)) is not None:
            if not d.startswith("."):
                found.skipped.append((rel, reason))
        elif is_excluded(rel, exclude):
            found.skipped.append((rel, "excluded by configuration"))
        else:
            keep.append(d)
    dirnames[:] = keep


def _file_reason(full: str, root: Path, rel: str, exclude) -> str | None:
    if is_excluded(rel, exclude):
        return "excluded by configuration"
    if os.path.islink(full):
        try:
            target = Path(full).resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken or looping symbolic link"
        if not target.is_relative_to(root) or not target.is_file():
            return "symbolic link pointing outside the repository"
    elif not os.path.isfile(full):
        return "not a regular file"
    return None


def _walk_remote(repo: RepoSource, exclude: list[str] | tuple[str, ...], found: Discovery) -> None:
    fs, base = fsspec.core.url_to_fs(repo.root, **repo.storage_options)
    base = base.rstrip("/")
    proto = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
    listing = sorted(fs.find(base, detail=True).items())
    rels = [(path[len(base) :].lstrip("/"), path, info) for path, info in listing]
    venvs = {posixpath.dirname(r) for r, _, _ in rels if posixpath.basename(r) == "pyvenv.cfg"}
    for rel, path, info in rels:
        if not rel.endswith(".py") or info.get("type") != "file":
            continue
        dirs = rel.split("/")[:-1]
        if any(d.startswith(".") for d in dirs):
            continue
        prefixes = {"/".join(dirs[: i + 1]) for i in range(len(dirs))}
        if any(d in SKIP_DIRS for d in dirs) or prefixes & venvs:
            found.skipped.append((rel, "virtualenv or generated directory"))
        elif is_excluded(rel, exclude):
            found.skipped.append((rel, "excluded by configuration"))
        else:
            url = f"{proto}://{path}"
            found.files.append(FileRef(repo.name, rel, url, int(info.get("size") or 0)))
