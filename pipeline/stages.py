"""The per-task work of a run, as plain functions over records (no Dask here).

The runner submits these to Dask: ``process_partition`` over a batch of files (load, shard,
translate), then per repository ``compile_repo``, ``verify_repo`` and ``finalize_repo``.
Every function here returns a result for bad input instead of raising.
"""

from __future__ import annotations

import hashlib
import json
import time
import traceback
from dataclasses import dataclass, field

from pipeline.cache import Cache, get_entries, put_entries, unit_key
from pipeline.compile import CompileOutcome, check_repo
from pipeline.config import RunConfig
from pipeline.crate import CrateFiles, Span, assemble
from pipeline.records import (
    Diagnostic,
    FileRef,
    Status,
    Translation,
    Unit,
    UnitRecord,
    VerifyVerdict,
)
from pipeline.serialize import (
    translation_from_dict,
    translation_to_dict,
    verdict_from_dict,
    verdict_to_dict,
)
from pipeline.translate import get_engine, safe_translate
from pipeline.units.load import load_file
from pipeline.units.shard import shard_file


@dataclass
class PartitionOutput:
    """Everything one partition produced; stays on the workers until its repo is finished."""

    repo: str
    units: list[Unit] = field(default_factory=list)
    translations: dict[str, Translation] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # path -> text (for verification)
    records: list[UnitRecord] = field(default_factory=list)  # rows already final
    lines: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # unit id -> cache key
    cached_verdicts: dict[str, VerifyVerdict] = field(default_factory=dict)
    cache_hits: int = 0


@dataclass
class RepoResult:
    """What the driver gathers per repository: the crate files and one row per unit."""

    repo: str
    crate_name: str
    files: dict[str, str]
    records: list[UnitRecord]
    compile_s: float = 0.0
    verify_s: float = 0.0
    cache_hits: int = 0


def file_record(repo: str, path: str, status: Status, diag: Diagnostic) -> UnitRecord:
    """A row for a whole file (or directory) that produced no units."""
    return UnitRecord(
        unit_id=f"{repo}:{path}", repo=repo, path=path, qualname="", kind="file",
        first_line=diag.line or 0, last_line=diag.line or 0, status=status,
        reason=diag.render(), codes=[diag.code],
    )


def unit_record(unit: Unit, status: Status, reason: str = "", codes: list[str] | None = None,
                tr: Translation | None = None) -> UnitRecord:
    return UnitRecord(
        unit_id=unit.id, repo=unit.repo, path=unit.path, qualname=unit.qualname,
        kind=unit.kind, first_line=unit.first_line, last_line=unit.last_line, status=status,
        reason=reason, codes=codes or [], engine=tr.engine if tr else "",
        translate_s=tr.seconds if tr else 0.0,
    )


def process_partition(
    refs: list[FileRef], config: RunConfig, cache: Cache | None = None
) -> PartitionOutput:
    """Load, shard and translate a batch of files of one repository.

    With a cache: one lookup for the whole partition; hits reuse the cached translation (and
    verdict); the new translations are written back in one round trip.
    """
    out = PartitionOutput(repo=refs[0].repo if refs else "")
    engine = get_engine(config.engine)
    units: list[Unit] = []
    for ref in refs:
        try:
            units += _shard(ref, config, out)
        except Exception:  # noqa: BLE001 - one broken file never stops a run
            diag = Diagnostic("PT998", "internal error: " + traceback.format_exc(limit=3))
            out.records.append(file_record(ref.repo, ref.path, Status.INTERNAL_ERROR, diag))
    engine_id = f"{engine.name}@{engine.version}"
    options = cache_options(config)
    out.keys = {u.id: unit_key(u, engine_id, options) for u in units}
    entries = get_entries(cache, list(out.keys.values())) if cache and units else {}
    fresh: dict[str, dict] = {}
    for unit in units:
        out.units.append(unit)
        entry = entries.get(out.keys[unit.id])
        if entry is not None and _reuse(entry, unit, out):
            continue
        tr = safe_translate(engine, unit)
        out.translations[unit.id] = tr
        if tr.status != "internal_error":
            fresh[out.keys[unit.id]] = {"translation": translation_to_dict(tr, unit.first_line)}
    if cache and fresh:
        put_entries(cache, fresh)
    return out


def cache_options(config: RunConfig) -> dict:
    """The settings that change a unit's cached result."""
    v = config.verify
    return {"examples": v.examples_per_function, "seed": v.seed, "cases": v.cases_file}


def _reuse(entry: dict, unit: Unit, out: PartitionOutput) -> bool:
    try:
        out.translations[unit.id] = translation_from_dict(
            entry["translation"], unit.id, unit.first_line)
        if entry.get("verdict"):
            out.cached_verdicts[unit.id] = verdict_from_dict(entry["verdict"], unit.id)
    except (KeyError, TypeError, ValueError):
        out.translations.pop(unit.id, None)
        out.cached_verdicts.pop(unit.id, None)
        return False  # a foreign or outdated entry is a miss
    out.cache_hits += 1
    return True


def _shard(ref: FileRef, config: RunConfig, out: PartitionOutput) -> list[Unit]:
    source = load_file(ref, config.storage_options, config.max_file_bytes)
    if source.text is not None and not source.text.strip():
        diag = Diagnostic("PT007", "empty file: no functions or classes")
        out.records.append(file_record(ref.repo, ref.path, Status.SKIPPED, diag))
        return []
    sharded = shard_file(source)
    if sharded.error is not None:
        status = Status.SKIPPED if sharded.error.code == "PT002" else Status.PARSE_ERROR
        out.records.append(file_record(ref.repo, ref.path, status, sharded.error))
        return []
    out.sources[ref.path] = source.text or ""
    out.lines += (source.text or "").count("\n") + 1
    for unit, status, why in sharded.skipped:
        out.records.append(unit_record(unit, status, why, ["PT008"]))
    if not sharded.units:
        diag = Diagnostic("PT009", "no top-level functions or classes")
        out.records.append(file_record(ref.repo, ref.path, Status.SKIPPED, diag))
    return sharded.units


def compile_repo(
    repo: str, config: RunConfig, cache: Cache | None, *parts: PartitionOutput
) -> CompileOutcome:
    """Type-check every successful translation of ``repo`` together.

    The outcome is cached under a key covering every unit key of the crate, so an unchanged
    repository skips rustc entirely on a re-run.
    """
    engine = get_engine(config.engine)
    items = [(u, p.translations[u.id]) for p in parts for u in p.units
             if p.translations[u.id].ok]
    crate_key = _crate_key(repo, [(u.id, p.keys.get(u.id, "")) for p in parts for u in p.units
                                  if p.translations[u.id].ok])
    if cache is not None:
        cached = get_entries(cache, [crate_key]).get(crate_key)
        if cached is not None and (outcome := _outcome_from(cached)) is not None:
            return outcome
    try:
        outcome = check_repo(repo, items, engine.runtime_source)
    except Exception:  # noqa: BLE001 - e.g. rustc missing: every unit fails, the run goes on
        message = "compile check failed: " + traceback.format_exc(limit=2)
        empty = assemble(repo, [], engine.runtime_source)
        return CompileOutcome(empty, {u.id: (["PT997"], message) for u, _ in items})
    if cache is not None and outcome.formatted:
        put_entries(cache, {crate_key: _outcome_to(outcome)})
    return outcome


def _crate_key(repo: str, unit_keys: list[tuple[str, str]]) -> str:
    text = json.dumps([repo, sorted(unit_keys)], separators=(",", ":"))
    return "crate-" + hashlib.sha256(text.encode()).hexdigest()


def _outcome_to(o: CompileOutcome) -> dict:
    spans = {uid: [s.file, s.first, s.last] for uid, s in o.crate.spans.items()}
    return {"name": o.crate.name, "files": o.crate.files, "spans": spans,
            "failed": {k: list(v) for k, v in o.failed.items()}, "rounds": o.rounds}


def _outcome_from(d: dict) -> CompileOutcome | None:
    try:
        spans = {uid: Span(*s) for uid, s in d["spans"].items()}
        crate = CrateFiles(d["name"], dict(d["files"]), spans)
        failed = {k: (list(v[0]), str(v[1])) for k, v in d["failed"].items()}
        return CompileOutcome(crate, failed, int(d["rounds"]), 0.0, True)
    except (KeyError, TypeError, ValueError):
        return None


def verify_repo(
    repo: str, config: RunConfig, cache: Cache | None, outcome: CompileOutcome,
    *parts: PartitionOutput,
) -> list[VerifyVerdict]:
    """Differentially test every compiled unit of ``repo`` against its Python original.

    Units with a cached verdict are not re-run; new verdicts go to the cache in one write.
    """
    compiled = outcome.compiled_ids
    cached = [v for p in parts for uid, v in p.cached_verdicts.items() if uid in compiled]
    done = {v.unit_id for v in cached}
    items = [(u, p.translations[u.id]) for p in parts for u in p.units
             if u.id in compiled and u.id not in done]
    if not items:
        return cached
    fresh = _run_verifier(outcome, items, parts, config)
    if cache is not None:
        units = {u.id: (u, tr) for u, tr in items}
        keys = {uid: k for p in parts for uid, k in p.keys.items()}
        put_entries(cache, {
            keys[v.unit_id]: {
                "translation": translation_to_dict(units[v.unit_id][1],
                                                   units[v.unit_id][0].first_line),
                "verdict": verdict_to_dict(v),
            }
            for v in fresh if v.unit_id in keys and not v.reason.startswith("verifier failed")
        })
    return cached + fresh


def _run_verifier(outcome: CompileOutcome, items: list[tuple[Unit, Translation]],
                  parts: tuple[PartitionOutput, ...], config: RunConfig) -> list[VerifyVerdict]:
    from pipeline.verify import VerifyOptions, verify_crate

    modules = {path: text for p in parts for path, text in p.sources.items()}
    s = config.verify
    options = VerifyOptions(
        examples_per_function=s.examples_per_function, seed=s.seed,
        call_timeout_s=s.call_timeout_s, memory_mb=s.memory_mb, cpu_s=s.cpu_s,
        cases_file=s.cases_file,
    )
    start = time.perf_counter()
    try:
        return verify_crate(outcome.crate.name, outcome.crate.files, modules, items, options)
    except Exception:  # noqa: BLE001 - a verifier bug must not sink the run
        reason = "verifier failed: " + traceback.format_exc(limit=3)
        took = time.perf_counter() - start
        return [VerifyVerdict(u.id, Status.UNTESTED, reason=reason, seconds=took)
                for u, _ in items]


def finalize_repo(
    repo: str, config: RunConfig, outcome: CompileOutcome, verdicts: list[VerifyVerdict],
    *parts: PartitionOutput,
) -> RepoResult:
    """Decide every unit's final status and return the crate and manifest rows."""
    by_id = {v.unit_id: v for v in verdicts}
    per_unit_compile = outcome.seconds / max(1, sum(len(p.units) for p in parts))
    records = [r for p in parts for r in p.records]
    for part in parts:
        for unit in part.units:
            rec = _final_record(unit, part.translations[unit.id], outcome, by_id, config)
            rec.compile_s = per_unit_compile
            records.append(rec)
    return RepoResult(repo, outcome.crate.name, outcome.crate.files, records, outcome.seconds,
                      sum(v.seconds for v in verdicts), sum(p.cache_hits for p in parts))


def finalize_failed(repo: str, config: RunConfig, status: Status, reason: str,
                    *parts: PartitionOutput) -> RepoResult:
    """Rows for a repository whose compile/verify tasks could not finish: every unit gets
    ``status`` with ``reason``; the crate is empty (it still builds)."""
    engine = get_engine(config.engine)
    crate = assemble(repo, [], engine.runtime_source)
    records = [r for p in parts for r in p.records]
    records += [unit_record(u, status, reason, ["PT995"], p.translations.get(u.id))
                for p in parts for u in p.units]
    return RepoResult(repo, crate.name, crate.files, records)


def _final_record(unit: Unit, tr: Translation, outcome: CompileOutcome,
                  verdicts: dict[str, VerifyVerdict], config: RunConfig) -> UnitRecord:
    if not tr.ok:
        status = Status.INTERNAL_ERROR if tr.status == "internal_error" else Status.UNSUPPORTED
        return unit_record(unit, status, tr.reason, [d.code for d in tr.diagnostics], tr)
    if unit.id in outcome.failed:
        codes, message = outcome.failed[unit.id]
        return unit_record(unit, Status.COMPILE_ERROR, message, codes, tr)
    verdict = verdicts.get(unit.id)
    if verdict is None:
        why = "" if not config.verify.enabled else "no verification verdict"
        return unit_record(unit, Status.COMPILED, why, [], tr)
    rec = unit_record(unit, verdict.status, verdict.reason, [], tr)
    rec.verify_s = verdict.seconds
    rec.inputs_tried, rec.inputs_matched = verdict.inputs_tried, verdict.inputs_matched
    if verdict.mismatch is not None:
        rec.mismatch_inputs = verdict.mismatch.inputs
        rec.mismatch_expected = verdict.mismatch.expected
        rec.mismatch_actual = verdict.mismatch.actual
    return rec
