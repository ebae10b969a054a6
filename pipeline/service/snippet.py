"""The work behind ``POST /v1/translate``, run as a Dask task on the batch cluster.

A submitted source is one file (``snippet_<hash>.py``) of a repository ``playground`` taken
through the same functions as a batch run (``stages.process_partition`` then
``stages.finalize_repo``): same engine, same unit-level cache entries, same statuses. The
whole answer is cached too, under :func:`answer_keys`, so a source already answered costs the
service one lookup and no task. Faults of the machinery (internal errors, crashed workers, a
verifier that could not run) are never cached.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from pipeline.cache import Cache, get_entries, put_entries
from pipeline.checks import cache_options
from pipeline.config import RunConfig
from pipeline.crate import module_file, unit_items
from pipeline.outputs import PartitionOutput
from pipeline.records import FileRef, Status, UnitRecord
from pipeline.rustnames import module_path
from pipeline.stages import finalize_repo, process_partition
from pipeline.translate import get_engine

REPO = "playground"
MODULE_PREFIX = "snippet_"  # each source is the module snippet_<hash of its text>.py
RUNTIME_PATH = re.compile(r"crate::pyrt::(?:\{([^}]*)\}|(\w+))")
RUNTIME_ITEM = re.compile(r"\b(?:fn|struct|enum|trait|type|const|static|union)\s+(\w+)")
ANSWER_FORMAT = 1
FAULTS = (Status.INTERNAL_ERROR, Status.WORKER_CRASH)
FAULT_NAMES = frozenset(str(s) for s in FAULTS)
BATCH_DEPENDENT = frozenset(str(s) for s in (Status.COMPILE_ERROR, *FAULTS))
NOT_WRITTEN = (
    Status.UNSUPPORTED,
    Status.COMPILE_ERROR,
    Status.PARSE_ERROR,
    Status.SKIPPED,
    *FAULTS,
)


def answer_keys(config: RunConfig) -> Callable[[str], str]:
    """``source`` -> the cache key of its whole answer under ``config`` (verification on or
    off): the engine, options and mode are hashed once here, each call hashes only the
    source."""
    engine = get_engine(config.engine)
    doc = [ANSWER_FORMAT, f"{engine.name}@{engine.version}", cache_options(config)]
    doc.append(config.verify.enabled)
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), default=str)
    prefix = hashlib.sha256(text.encode())  # fixed length per config: prefix + source is unique

    def key(source: str) -> str:
        digest = prefix.copy()
        digest.update(source.encode())
        return "serve-" + digest.hexdigest()

    return key


def cached_answer(cache: Cache | None, key: str) -> dict | None:
    if cache is None:
        return None
    found = get_entries(cache, [key]).get(key)
    return found if isinstance(found, dict) and found.get("format") == ANSWER_FORMAT else None


def translate_snippets(
    sources: list[str], config: RunConfig, cache: Cache | None, keys: list[str]
) -> list[dict]:
    """Translate (and, when ``config.verify.enabled``, verify) each source; their answers,
    each equal to the answer the source gets alone.

    The sources of a batch are modules of one repository (``snippet_<hash>.py``), so a batch
    costs one rustc check and one rustfmt for all. Only translation-only requests are batched:
    sources whose Python runs (verification) never share a task, so no tenant's code runs
    beside another's. What could make a batched answer differ from the one the source gets
    alone is not left to chance: a source that names another snippet's module
    (``MODULE_PREFIX`` in its text: the only way one module reaches another) is translated
    alone; and a source whose units rustc rejected, or whose check failed, in the batch
    (compile errors are blamed by span, and an error outside every span blames every unit),
    or whose Rust names a runtime item that only another source's helpers brought, is
    checked again alone (:func:`_settled`), so one bad submission never turns another's
    answer into an error.

    Without verification only the answers are cached: the stages' own entries (the
    partition's, a chance mix of sources; its crate's check and formatting) would never be
    looked up again, and cost CPU per batch."""
    stages = cache if config.verify.enabled else None
    together = [i for i, s in enumerate(sources) if len(sources) == 1 or MODULE_PREFIX not in s]
    answers = dict(
        zip(together, _translated([sources[i] for i in together], config, stages), strict=True)
    )
    for i, source in enumerate(sources):
        if i not in answers or (len(together) > 1 and not _settled(answers[i])):
            answers[i] = _translated([source], config, stages)[0]
    ordered = [answers[i] for i in range(len(sources))]
    if cache is not None:
        put_entries(cache, {k: a for k, a in zip(keys, ordered, strict=True) if cacheable(a)})
    return ordered


def _translated(sources: list[str], config: RunConfig, cache: Cache | None) -> list[dict]:
    """The answers of ``sources`` as the modules of one repository (one crate)."""
    if not sources:
        return []
    engine = get_engine(config.engine)
    paths = [f"{MODULE_PREFIX}{hashlib.sha256(s.encode()).hexdigest()[:16]}.py" for s in sources]
    with tempfile.TemporaryDirectory(prefix="portalis-serve-") as tmp:
        refs = []
        for path, source in sorted(dict(zip(paths, sources, strict=True)).items()):
            (Path(tmp) / path).write_text(source, encoding="utf-8")
            refs.append(FileRef(REPO, path, str(Path(tmp) / path), len(source.encode())))
        part = process_partition(refs, config, cache)
        result = finalize_repo(REPO, config, cache, part)
    answers = []
    for path in paths:
        records = [r for r in result.records if r.path == path]
        rust = result.files.get(module_file(module_path(path)), "")
        helpers = sorted(
            {h for r in records if r.status not in NOT_WRITTEN for h in _helpers(part, r)}
        )
        answers.append(
            {
                "format": ANSWER_FORMAT,
                "engine": f"{engine.name}@{engine.version}",
                "verified_requested": config.verify.enabled,
                "rust": rust,
                "runtime": engine.runtime_source(helpers) if helpers else "",
                "units": _units(records, part, result.pairs, unit_items(rust)),
            }
        )
    return answers


def _settled(answer: dict) -> bool:
    """Whether a batched answer is the source's own: no unit failed the compile check or
    hit a fault there, and its Rust names only runtime items its own ``runtime`` defines
    (the batch's crate holds every source's helpers: a helper used but not declared would
    compile there and not alone)."""
    if any(u["status"] in BATCH_DEPENDENT for u in answer["units"]):
        return False
    return _runtime_names(answer["rust"]) <= set(RUNTIME_ITEM.findall(answer["runtime"]))


def _runtime_names(rust: str) -> set[str]:
    """The ``pyrt`` items ``rust`` names (``crate::pyrt::x``, ``crate::pyrt::{x, y as z}``)."""
    names: set[str] = set()
    for group, name in RUNTIME_PATH.findall(rust):
        items = group.split(",") if group else [name]
        names.update(i.strip().split("::")[0].split(" as ")[0].strip() for i in items)
    return names - {""}


def _helpers(part: PartitionOutput, record: UnitRecord) -> tuple[str, ...]:
    tr = part.translations.get(record.unit_id)
    return tr.helpers if tr is not None and tr.ok else ()


def cacheable(answer: dict) -> bool:
    """An answer is kept (cache, the service's memory) unless the machinery failed it."""
    return not any(
        u["status"] in FAULT_NAMES or u["reason"].startswith("verifier failed")
        for u in answer["units"]
    )


def _units(
    records: list[UnitRecord], part: PartitionOutput, pairs: list[dict], rust: dict[str, str]
) -> list[dict]:
    rows = {p["unit_id"]: p for p in pairs}
    out = []
    for rec in sorted(records, key=lambda r: (r.first_line, r.qualname)):
        tr = part.translations.get(rec.unit_id)
        lines = [d.line for d in (tr.diagnostics if tr else ()) if d.line]
        out.append(
            {
                "qualname": rec.qualname,
                "kind": rec.kind,
                "lines": [rec.first_line, rec.last_line],
                "status": str(rec.status),
                "reason": rec.reason,
                "codes": list(rec.codes),
                "line": lines[0] if lines else (rec.first_line if rec.kind == "file" else None),
                "rust": rust.get(f"{rec.path}::{rec.qualname}", ""),
                "signatures": [
                    {
                        "function": s.py_name,
                        "params": [
                            {"name": p.name, "type": p.py_type, "mode": p.mode} for p in s.params
                        ],
                        "returns": s.returns,
                    }
                    for s in (tr.signatures if tr and tr.ok else ())
                ],
                "verification": _verification(rec, rows.get(rec.unit_id)),
            }
        )
    return out


def _verification(rec: UnitRecord, pair: dict | None) -> dict | None:
    if rec.inputs_tried == 0 and pair is None:
        return None
    rows = (
        [
            {"function": f, "inputs": i, "python": o, "rust": o, "match": True}
            for f, i, o in zip(pair["entry_points"], pair["inputs"], pair["outputs"], strict=True)
        ]
        if pair
        else []
    )
    mismatch = None
    if rec.mismatch_inputs:
        mismatch = {
            "inputs": rec.mismatch_inputs,
            "expected": rec.mismatch_expected,
            "actual": rec.mismatch_actual,
        }
        rows.append(
            {
                "function": rec.qualname,
                "inputs": rec.mismatch_inputs,
                "python": rec.mismatch_expected,
                "rust": rec.mismatch_actual,
                "match": False,
            }
        )
    return {
        "inputs_tried": rec.inputs_tried,
        "inputs_matched": rec.inputs_matched,
        "mismatch": mismatch,
        "rows": rows,
    }
