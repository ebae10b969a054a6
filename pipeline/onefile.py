"""Translate one Python file into one self-contained Rust file, without a cluster.

Runs the same stages as a pipeline run (load, shard, translate, compile check, differential
verification unless ``verify`` is off, rustfmt) on one file, then flattens the one-module crate
into a single file: the module's items, then the runtime as an inline ``pub mod pyrt``. Refused
functions are listed in a leading comment with their diagnostics. Like a run's crate, the file
holds only what its status admits (``crate.admitted``: verified or overflow; compiled when
verification is off, each then reported "unverified"); a compiled function left out is a
comment naming its status and first failing input. The items are exactly those the pipeline
writes for the same file, with one difference: one file has no repository, so an unannotated
parameter is typed from the file's own calls only (a pipeline run also reads the calls other
modules make of it: units/crossmod.py). A function whose verification ends ``overflow`` is tried
again with unbounded ints, as in a run (``widen.py``; nothing is cached here).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.compile import CompileOutcome, check_repo
from pipeline.compile.rustc import rustfmt, write_tree
from pipeline.crate import LIB_ATTRS, RUNTIME_FILE, admitted, assemble, module_file
from pipeline.outputs import PartitionOutput
from pipeline.records import Diagnostic, FileRef, Translation, Unit, UnitRecord, VerifyVerdict
from pipeline.rows import verdict_record
from pipeline.rustnames import module_path
from pipeline.translate import get_engine, safe_translate
from pipeline.units.load import load_file
from pipeline.units.packagefiles import module_lookup
from pipeline.units.shard import shard_file
from pipeline.verify import VerifyOptions, verify_crate
from pipeline.widen import widen


@dataclass
class OneFileResult:
    rust: str
    translated: list[str]  # qualnames that made it into the file
    refused: list[tuple[str, str]]  # (qualname, reason)
    # every compiled function: (qualname, status, in the file, why when left out);
    # status "unverified" when verification was off
    outcomes: list[tuple[str, str, bool, str]] = field(default_factory=list)


@dataclass
class CompiledFile:
    """One file taken through load, shard, translate and the compile check."""

    rel: str  # path relative to the repository root
    text: str
    items: list[tuple[Unit, Translation]]
    outcome: CompileOutcome
    refused: list[tuple[str, str]]  # (qualname, reason), translation and compile refusals


def compile_file(
    path: str,
    root: str | None = None,
    engine_name: str = "rules",
) -> CompiledFile | Diagnostic:
    """Run the pipeline's stages on one file (``root``: its repository, for the unit ids)."""
    engine = get_engine(engine_name)
    rel = os.path.relpath(path, root) if root else os.path.basename(path)
    ref = FileRef("onefile", rel.replace(os.sep, "/"), path, os.path.getsize(path))
    source = load_file(ref)
    base = root or os.path.dirname(os.path.abspath(path))
    sharded = shard_file(source, module_lookup([ref], lambda r: _read(os.path.join(base, r))))
    if sharded.error is not None:
        return sharded.error
    items = [(u, safe_translate(engine, u)) for u in sharded.units]
    refused = [(u.qualname, tr.reason) for u, tr in items if not tr.ok]
    refused += [(u.qualname, why) for u, _, why in sharded.skipped]
    refused += [(u.qualname, d.render()) for u, d in sharded.refused]
    outcome = check_repo("onefile", [(u, t) for u, t in items if t.ok], engine.runtime_source)
    refused += [(u.qualname, outcome.failed[u.id][1]) for u, _ in items if u.id in outcome.failed]
    return CompiledFile(source.path, source.text or "", items, outcome, refused)


def _read(path: str) -> str | None:
    """The text of a sibling file a star import names; None where there is none."""
    if not os.path.isfile(path):
        return None
    return load_file(FileRef("onefile", os.path.basename(path), path, os.path.getsize(path))).text


def translate_file(
    path: str,
    engine_name: str = "rules",
    verify: bool = True,
    options: VerifyOptions | None = None,
) -> OneFileResult:
    """Translate ``path`` (verifying what compiles unless ``verify`` is off); never raises for
    bad Python (a refusal comment instead)."""
    name = os.path.basename(path)
    done = compile_file(path, None, engine_name)
    if isinstance(done, Diagnostic):
        return OneFileResult(f"// {name}: {done.render()}\n", [], [("", done.render())])
    compiled = [(u, tr) for u, tr in done.items if u.id in done.outcome.compiled_ids]
    compiled, rows = _rows(done, compiled, verify, options or VerifyOptions(), engine_name)
    kept, left_out = admitted(compiled, rows, verify)
    crate = assemble(
        done.outcome.crate.name, kept, get_engine(engine_name).runtime_source, left_out
    )
    why = {u.id: note for u, note in left_out}
    outcomes = [
        (
            u.qualname,
            str(rows[u.id].status) if verify else "unverified",
            u.id not in why,
            why.get(u.id, ""),
        )
        for u, _ in compiled
    ]
    rust = _flatten(name, crate.files, done.refused)
    return OneFileResult(rust, [u.qualname for u, _ in kept], done.refused, outcomes)


def _rows(
    done: CompiledFile,
    compiled: list[tuple[Unit, Translation]],
    verify: bool,
    options: VerifyOptions,
    engine_name: str,
) -> tuple[list[tuple[Unit, Translation]], dict[str, UnitRecord]]:
    """Each compiled unit's row (its verification verdict, or ``compiled``), with the
    translations after the big-int retry of what overflowed."""
    verdicts: dict[str, VerifyVerdict] = {}
    if verify and compiled:
        crate = done.outcome.crate
        found = verify_crate(crate.name, crate.files, {done.rel: done.text}, compiled, options)
        verdicts = {v.unit_id: v for v in found}
        compiled, verdicts = _widened(done, compiled, verdicts, options, engine_name)
    rows = {u.id: verdict_record(u, tr, verdicts.get(u.id), verify) for u, tr in compiled}
    return compiled, rows


def _widened(
    done: CompiledFile,
    compiled: list[tuple[Unit, Translation]],
    verdicts: dict[str, VerifyVerdict],
    options: VerifyOptions,
    engine_name: str,
) -> tuple[list[tuple[Unit, Translation]], dict[str, VerifyVerdict]]:
    """The overflowed units tried again with unbounded ints (``widen.widen``, no cache)."""
    out = PartitionOutput(
        "onefile",
        units=[u for u, _ in done.items],
        translations={u.id: tr for u, tr in done.items},
        failed=dict(done.outcome.failed),
        verdicts=dict(verdicts),
    )

    def verify(crate, items: list[tuple[Unit, Translation]]) -> list[VerifyVerdict]:
        return verify_crate(crate.name, crate.files, {done.rel: done.text}, items, options)

    widen(out, get_engine(engine_name), {}, None, verify)
    return [(u, out.translations[u.id]) for u, _ in compiled], out.verdicts


def _flatten(name: str, files: dict[str, str], refused: list[tuple[str, str]]) -> str:
    mod = module_path(name)
    body = files.get(module_file(mod), "") if mod else ""
    header = [f"//! Rust translation of `{name}`, generated by Portalis (one-file mode)."]
    header += [
        f"// not translated: {q or name}: {why.splitlines()[0]}" for q, why in sorted(refused)
    ]
    text = "\n".join(header) + "\n" + LIB_ATTRS + "\n" + body
    if RUNTIME_FILE in files:
        text += "\n#[allow(dead_code)]\npub mod pyrt {\n" + files[RUNTIME_FILE] + "}\n"
    return _format(text)


def _format(text: str) -> str:
    with tempfile.TemporaryDirectory(prefix="portalis-1f-") as tmp:
        root = Path(tmp)
        write_tree(root, {"src/lib.rs": text})
        rustfmt(root)
        return (root / "src/lib.rs").read_text(encoding="utf-8")
