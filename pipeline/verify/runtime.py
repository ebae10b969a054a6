"""The compiled ``pyrt`` runtime, built once per content and reused across partitions.

Every partition's crate carries ``src/pyrt.rs`` (the helpers its units use) as a module. For
verification the runtime is compiled on its own, as the crate ``portalis_pyrt``, once per
(runtime text, rustc version, flags), and kept in an artifact directory; a partition with the
same helper set links it (``pub use portalis_pyrt as pyrt;`` in place of ``pub mod pyrt;``:
``crate::pyrt::…`` paths resolve unchanged) and compiles only its own functions.

Safe under concurrency and faults: a build writes into a private temporary directory that is
renamed into place (a directory rename is atomic: a reader sees a whole artifact or none;
when two processes race, the first rename wins and the other's is dropped); a build killed
half-way leaves nothing but its temporary directory, removed; rustc killed from outside is a
Fault (the caller retries it, never a verdict); an artifact whose bytes no longer match the
digest written beside it is built again. Whatever goes wrong with the artifact, the crate is
built the old way (``RustBuild`` falls back), so it never decides a verdict.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.cache.urls import default_cache_dir
from pipeline.compile.rustc import rustc_version
from pipeline.verify.rustc import (
    COMMON_FLAGS,
    finish_rustc,
    opt_level,
    start_rustc,
)

CRATE = "portalis_pyrt"
RUNTIME_FILE = "src/pyrt.rs"
AS_MODULE = "pub mod pyrt;"
AS_EXTERN = f"pub use {CRATE} as pyrt;"
DIGEST_FILE = "sha256"


def default_store() -> Path:
    """``$PORTALIS_ARTIFACTS``, else ``<user cache dir>/portalis/rlib``."""
    return Path(os.environ.get("PORTALIS_ARTIFACTS") or default_cache_dir() / "rlib")


@functools.lru_cache(maxsize=1)
def _rustc() -> str:
    """``rustc --version`` once per process (part of every artifact's key)."""
    return rustc_version()


def artifact_key(source: str) -> str:
    text = "\0".join((_rustc(), *COMMON_FLAGS, opt_level(source), source))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def split_runtime(crate_files: dict[str, str]) -> tuple[str, dict[str, str]] | None:
    """(pyrt text, the crate's files with pyrt linked instead of compiled), or None when the
    crate has no runtime module declared the usual way."""
    source, lib = crate_files.get(RUNTIME_FILE), crate_files.get("src/lib.rs", "")
    lines = lib.split("\n")
    if not source or lines.count(AS_MODULE) != 1:
        return None
    files = {k: v for k, v in crate_files.items() if k != RUNTIME_FILE}
    files["src/lib.rs"] = "\n".join(AS_EXTERN if line == AS_MODULE else line for line in lines)
    return source, files


def runtime_rlib(source: str, store: Path) -> Path | None:
    """``lib<CRATE>.rlib`` compiled from ``source``, built now or earlier; None when the
    runtime does not build as a crate of its own (the marker file remembers that) or the
    store cannot be written (read-only, full: the crate compiles pyrt itself, as before)."""
    try:
        return _runtime_rlib(source, store)
    except OSError:
        return None


def _runtime_rlib(source: str, store: Path) -> Path | None:
    key = artifact_key(source)
    final = store / f"{CRATE}-{key}"
    rlib = final / f"lib{CRATE}.rlib"
    if _intact(final, rlib):
        return rlib
    failed = store / f"{CRATE}-{key}.standalone-fails"
    if failed.exists():
        return None
    store.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=store))
    try:
        return _build(source, tmp, final, rlib, failed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build(source: str, tmp: Path, final: Path, rlib: Path, failed: Path) -> Path | None:
    (tmp / "pyrt.rs").write_text(source, encoding="utf-8")
    out = tmp / "artifact"
    out.mkdir()
    args = ["--crate-type", "lib", "--crate-name", CRATE, "-C", f"opt-level={opt_level(source)}"]
    args += ["pyrt.rs", "-o", str(out / rlib.name)]
    if not finish_rustc(start_rustc(args, tmp), time.monotonic()).ok:
        failed.touch()
        return None
    (out / DIGEST_FILE).write_text(_digest(out / rlib.name))
    if final.exists() and not _intact(final, rlib):
        shutil.rmtree(final, ignore_errors=True)  # damaged: replaced by this build
    with contextlib.suppress(OSError):  # OSError: another process placed it first
        out.rename(final)
    return rlib if _intact(final, rlib) else None


def _intact(final: Path, rlib: Path) -> bool:
    try:
        return (final / DIGEST_FILE).read_text() == _digest(rlib)
    except OSError:
        return False


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
