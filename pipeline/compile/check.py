"""Compile-check a repository's translations until the crate is clean.

Assemble the crate, type-check it with one rustc call, map every error to the unit whose
span contains it, drop those units, and repeat. Each round costs one rustc process for the
whole crate, never one per function. The crate that comes out always type-checks.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.compile.rustc import RustcError, check_metadata, read_tree, rustfmt, write_tree
from pipeline.crate import RUNTIME_FILE, CrateFiles, assemble
from pipeline.records import Translation, Unit

MAX_ROUNDS = 50


@dataclass
class CompileOutcome:
    """Which units survived compilation, why the others did not, and the final crate."""

    crate: CrateFiles
    failed: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # id -> codes, msg
    rounds: int = 0
    seconds: float = 0.0
    formatted: bool = False

    @property
    def compiled_ids(self) -> set[str]:
        return set(self.crate.spans)


def check_repo(
    repo: str,
    items: list[tuple[Unit, Translation]],
    runtime_source: Callable[[Iterable[str]], str],
    workdir: Path | None = None,
    format: bool = True,
) -> CompileOutcome:
    """Return the largest clean crate found by iteratively dropping failing units
    (rustfmt-formatted unless ``format`` is False)."""
    start = time.perf_counter()
    live = sorted(items, key=lambda it: it[0].id)
    failed: dict[str, tuple[list[str], str]] = {}
    rounds = 0
    with tempfile.TemporaryDirectory(prefix="portalis-rustc-", dir=workdir) as tmp:
        root = Path(tmp)
        while True:
            crate = assemble(repo, live, runtime_source)
            if not crate.spans:
                break
            rounds += 1
            errors = _errors_for(root / f"round{rounds}", crate)
            if not errors:
                break
            blamed = _blame(errors, crate, live)
            failed.update(blamed)
            live = [it for it in live if it[0].id not in blamed]
            if rounds >= MAX_ROUNDS:
                message = "compile check did not converge"
                failed.update({u.id: (["PT900"], message) for u, _ in live})
                live = []
        crate = assemble(repo, live, runtime_source)
        formatted = _format(root / "final", crate) if format else False
    return CompileOutcome(crate, failed, rounds, time.perf_counter() - start, formatted)


def _errors_for(root: Path, crate: CrateFiles) -> list[RustcError]:
    write_tree(root, crate.files)
    return check_metadata(root, crate.name)


def _blame(
    errors: list[RustcError], crate: CrateFiles, live: list[tuple[Unit, Translation]]
) -> dict[str, tuple[list[str], str]]:
    """Map errors to unit ids; errors outside any unit blame every unit that could cause them."""
    blamed: dict[str, tuple[list[str], str]] = {}
    for err in errors:
        for uid in _suspects(err, crate, live):
            codes, msg = blamed.get(uid, ([], ""))
            if err.code not in codes:
                codes.append(err.code)
            blamed[uid] = (codes, msg or f"rustc {err.code}: {err.message}")
    if not blamed:  # nothing attributable: the crate cannot be trusted at all
        blamed = {u.id: (["rustc"], errors[0].message) for u, _ in live}
    return blamed


def _suspects(
    err: RustcError, crate: CrateFiles, live: list[tuple[Unit, Translation]]
) -> list[str]:
    if err.file is not None and err.line is not None:
        hits = [
            uid
            for uid, s in crate.spans.items()
            if s.file == err.file and s.first <= err.line <= s.last
        ]
        if hits:
            return hits
        if users := _use_suspects(err, crate, live):
            return users
    if err.file == RUNTIME_FILE:
        return [u.id for u, tr in live if tr.helpers]
    same_file = [uid for uid, s in crate.spans.items() if s.file == err.file]
    return same_file or [u.id for u, _ in live]


def _use_suspects(
    err: RustcError, crate: CrateFiles, live: list[tuple[Unit, Translation]]
) -> list[str]:
    """The units of the module that asked for the (shared) ``use`` line an error points at."""
    lines = crate.files.get(err.file or "", "").splitlines()
    if err.line is None or not 0 < err.line <= len(lines):
        return []
    text = lines[err.line - 1].strip()
    if not (text.startswith("use ") and text.endswith(";")):
        return []
    path = text[4:-1].strip()
    in_file = {uid for uid, s in crate.spans.items() if s.file == err.file}
    return [u.id for u, tr in live if u.id in in_file and path in tr.uses]


def format_crate(crate: CrateFiles, workdir: Path | None = None) -> bool:
    """rustfmt ``crate.files`` in place; False (files unchanged) when rustfmt fails."""
    with tempfile.TemporaryDirectory(prefix="portalis-fmt-", dir=workdir) as tmp:
        return _format(Path(tmp), crate)


def _format(root: Path, crate: CrateFiles) -> bool:
    """rustfmt the final crate in place and read the formatted text back."""
    write_tree(root, crate.files)
    ok = rustfmt(root) if crate.spans else True
    if ok:
        rust_files = [rel for rel in crate.files if rel.endswith(".rs")]
        crate.files.update(read_tree(root, rust_files))
    return ok
