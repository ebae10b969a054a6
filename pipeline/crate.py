"""Assemble a repository's translations into the files of one Cargo crate.

Deterministic: modules and items are sorted, nothing time-dependent is written. The assembler
also returns, for each unit, the file and line range its items occupy, so compiler diagnostics
can be mapped back to units.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline import __version__
from pipeline.records import Status, Translation, Unit, UnitRecord
from pipeline.rustnames import crate_name, module_path

LIB_ATTRS = "#![allow(non_snake_case, non_camel_case_types, non_upper_case_globals)]\n"
RUNTIME_FILE = "src/pyrt.rs"
# A top-level Python module `lib` would map to src/lib.rs, the crate root: it lives in
# src/lib/mod.rs instead, declared with #[path] (its Rust module path stays `lib`).
ROOT_CLASH = ("lib",)
# The statuses whose Rust a written crate holds: what verification proved (overflow too: the
# function matched Python on every input that fits i64, and the crate's overflow checks make
# it panic, never wrap, beyond), or, with verification off, what compiled.
ADMITTED_VERIFIED_RUN = frozenset({Status.VERIFIED, Status.OVERFLOW})
ADMITTED_NO_EXEC_RUN = frozenset({Status.COMPILED})
NOTE_CHARS = 160
_UNIT_MARK = re.compile(r"^// (?P<path>\S+)::(?P<qualname>\S+) \(lines \d+-\d+\)$", re.M)


@dataclass(frozen=True)
class Span:
    """Where a unit's items sit in the generated crate (1-based, inclusive)."""

    file: str
    first: int
    last: int


@dataclass
class CrateFiles:
    """A crate as relative path -> text, plus the span of every unit in it."""

    name: str
    files: dict[str, str]
    spans: dict[str, Span]  # unit id -> span


def admitted(
    items: list[tuple[Unit, Translation]], rows: dict[str, UnitRecord], verified_run: bool
) -> tuple[list[tuple[Unit, Translation]], list[tuple[Unit, str]]]:
    """Split compiled ``items`` into those a written crate holds (their final row's status is
    admitted) and those left out, each with the comment that takes its place: the status and
    the first failing input, or the left-out sibling it uses (whose Rust it would call)."""
    allowed = ADMITTED_VERIFIED_RUN if verified_run else ADMITTED_NO_EXEC_RUN
    out = {u.id: _status_note(rows[u.id]) for u, _ in items if rows[u.id].status not in allowed}
    gone = {(u.path, u.qualname): u.qualname for u, _ in items if u.id in out}
    for unit, _ in items:  # Unit.calls is transitive: one pass reaches every user
        used = sorted(q for q in unit.calls if (unit.path, q) in gone)
        if unit.id not in out and used:
            out[unit.id] = f"uses {used[0]}, which is left out"
    # a class of another module a unit names by a `use` (units/crossconst.py) must be in the
    # crate too; its users are functions, which no class needs: one more pass suffices
    here = {
        "::".join(("crate", *module_path(u.path), c.rust_name))
        for u, tr in items
        if u.id not in out and u.kind == "class"
        for c in tr.classes
        if c.py_name == u.qualname
    }
    for unit, tr in items:
        missing = sorted(
            u for u in tr.uses if u.startswith("crate::") and not u.startswith("crate::pyrt::")
        )
        missing = [u for u in missing if u not in here]
        if unit.id not in out and missing:
            out[unit.id] = f"uses {missing[0].removeprefix('crate::')}, which is left out"
    kept = [(u, tr) for u, tr in items if u.id not in out]
    return kept, [(u, out[u.id]) for u, _ in items if u.id in out]


def _status_note(row: UnitRecord) -> str:
    if row.mismatch_inputs or row.mismatch_expected:
        first = (
            f"first failing input {row.mismatch_inputs}: python {row.mismatch_expected}, "
            f"rust {row.mismatch_actual}"
        )
    else:
        first = (row.reason or "no detail").splitlines()[0]
    return f"{row.status}: {first}"[:NOTE_CHARS]


def assemble(
    repo: str,
    items: Iterable[tuple[Unit, Translation]],
    runtime_source: Callable[[Iterable[str]], str],
    left_out: Iterable[tuple[Unit, str]] = (),
) -> CrateFiles:
    """Build the crate for ``repo`` from successful translations; each ``left_out`` unit is
    a comment saying why in its module."""
    name = crate_name(repo)
    by_module: dict[tuple[str, ...], list[tuple[Unit, Translation]]] = defaultdict(list)
    notes: dict[tuple[str, ...], list[tuple[Unit, str]]] = defaultdict(list)
    helpers: set[str] = set()
    for unit, tr in items:
        by_module[module_path(unit.path)].append((unit, tr))
        helpers.update(tr.helpers)
    for unit, why in left_out:
        notes[module_path(unit.path)].append((unit, why))
    runtime = runtime_source(sorted(helpers)) if helpers else ""
    files: dict[str, str] = {"Cargo.toml": cargo_toml(name)}
    spans: dict[str, Span] = {}
    tree = _module_tree([*by_module, *notes])
    for mod in sorted(tree):
        path = _module_file(mod, tree)
        children = sorted(tree[mod])
        header = _root_header(repo, bool(runtime)) if not mod else ""
        body, unit_spans = _module_body(
            header, children, by_module.get(mod, []), path, notes.get(mod, [])
        )
        files[path] = body
        spans.update(unit_spans)
    if runtime:
        files[RUNTIME_FILE] = runtime
    return CrateFiles(name=name, files=files, spans=spans)


def cargo_toml(name: str) -> str:
    return (
        "[package]\n"
        f'name = "{name}"\n'
        'version = "0.1.0"\n'
        'edition = "2021"\n'
        "publish = false\n\n"
        "[lib]\n"
        'path = "src/lib.rs"\n\n'
        "[dependencies]\n\n"
        "# Python ints are unbounded, these are i64: overflow must panic, never wrap, in every\n"
        "# profile (verification checked the functions with overflow checks on).\n"
        "[profile.release]\n"
        "overflow-checks = true\n"
    )


def _root_header(repo: str, has_runtime: bool) -> str:
    text = (
        f"//! Rust translation of the Python repository `{repo}`, generated by Portalis "
        f"{__version__}.\n//! Each item names the Python function it was translated from.\n"
        + LIB_ATTRS
    )
    return text + ("\npub mod pyrt;\n" if has_runtime else "")


def _module_tree(mods: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], set[str]]:
    """Every module (with its ancestors, up to the root) -> names of its child modules."""
    tree: dict[tuple[str, ...], set[str]] = {(): set()}
    for mod in mods:
        for i in range(len(mod)):
            tree.setdefault(mod[:i], set()).add(mod[i])
            tree.setdefault(mod[: i + 1], set())
    return tree


def _mod_decl(child: str, at_root: bool) -> str:
    if at_root and (child,) == ROOT_CLASH:  # src/lib.rs is the crate root itself
        return f'#[path = "{child}/mod.rs"]\npub mod {child};\n'
    return f"pub mod {child};\n"


def module_file(mod: tuple[str, ...], has_children: bool = False) -> str:
    """The crate file holding Rust module ``mod`` (``rustnames.module_path`` of a .py path)."""
    if not mod:
        return "src/lib.rs"
    if has_children or mod == ROOT_CLASH:
        return "src/" + "/".join(mod) + "/mod.rs"
    return "src/" + "/".join(mod) + ".rs"


def _module_file(mod: tuple[str, ...], tree: dict[tuple[str, ...], set[str]]) -> str:
    return module_file(mod, bool(tree[mod]))


def _module_body(
    header: str,
    children: list[str],
    items: list[tuple[Unit, Translation]],
    path: str,
    notes: Sequence[tuple[Unit, str]] = (),
) -> tuple[str, dict[str, Span]]:
    uses = sorted({u for _, tr in items for u in tr.uses})
    parts: list[str] = [header] if header else []
    parts += [_mod_decl(c, at_root=path == "src/lib.rs") for c in children]
    if uses:
        parts.append("\n" + "".join(f"use {u};\n" for u in uses))
    line = sum(p.count("\n") for p in parts) + 1
    spans: dict[str, Span] = {}
    chunks = [(u, tr.rust.rstrip("\n") + "\n", True) for u, tr in items]
    chunks += [(u, f"// left out: {_one_line(why)}\n", False) for u, why in notes]
    for unit, code, has_items in sorted(chunks, key=lambda c: (c[0].first_line, c[0].id)):
        comment = f"// {unit.path}::{unit.qualname} (lines {unit.first_line}-{unit.last_line})\n"
        chunk = "\n" + comment + code
        start = line + 1
        line += chunk.count("\n")
        if has_items:
            spans[unit.id] = Span(path, start, line - 1)
        parts.append(chunk)
    return "".join(parts), spans


def _one_line(text: str) -> str:
    return " ".join(text.split())


def unit_items(module_text: str) -> dict[str, str]:
    """The Rust of each unit in a written module file, by ``path::qualname`` (each unit's
    items follow its ``// path::qualname (lines a-b)`` comment, see ``_module_body``)."""
    marks = list(_UNIT_MARK.finditer(module_text))
    ends = [m.start() for m in marks[1:]] + [len(module_text)] if marks else []
    return {
        f"{m['path']}::{m['qualname']}": module_text[m.end() : end].strip("\n") + "\n"
        for m, end in zip(marks, ends, strict=True)
    }
