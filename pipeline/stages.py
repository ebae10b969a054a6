"""The per-task work of a run, as plain functions over records (no Dask here).

The runner submits ``process_partition`` over each batch of files — load, shard, translate,
compile-check the batch's translations as one crate, and verify what compiled — and then one
``finalize_repo`` per repository, which decides each unit's final row and assembles the
repository's crate from the units whose status admits them (``crate.admitted``: verified or
overflow, compiled under --no-exec; the others are comments naming status and first failing
input, and the manifest's ``in_crate`` column says which). Units only call siblings in their
own module, and a module spans two partitions only as slices of a huge file that are never
cut across a sibling call (``units/partition.py``), so crates checked per partition compose
into a crate that checks. Before assembling, ``finalize_repo`` gives the units refused for
want of a typed call (PT020) the literal calls other modules make of them, which every
partition exported, and takes those that gain some through the same translate, compile and
verify steps again (``units/crossmod.py``). Every function here returns a result for bad
input instead of raising.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import fsspec

from pipeline.cache import Cache, get_entries, put_entries, unit_key
from pipeline.compile import check_repo, format_crate
from pipeline.config import RunConfig
from pipeline.crate import CrateFiles, admitted, assemble
from pipeline.faults import ATTEMPTS as FAULT_ATTEMPTS
from pipeline.faults import Fault
from pipeline.outputs import PartitionOutput, RepoResult
from pipeline.records import (
    Diagnostic,
    FileRef,
    SourceFile,
    Status,
    Translation,
    TranslationStatus,
    Unit,
    UnitRecord,
    VerifyVerdict,
)
from pipeline.serialize import (
    partition_from_dict,
    partition_to_dict,
    translation_from_dict,
    translation_to_dict,
    verdict_from_dict,
    verdict_to_dict,
)
from pipeline.translate import Engine, get_engine, safe_translate
from pipeline.units import crossmod
from pipeline.units.load import load_file
from pipeline.units.partition import WHOLE, Slice, file_slice
from pipeline.units.shard import ShardResult, shard_file
from pipeline.verify.isolation import wanted
from pipeline.verify.trace import Traced, TraceSettings, trace_tests
from pipeline.widen import widen

CASES_FILE = "portalis_cases.json"
COMPILE_FAULT = "PT997"  # the compile check itself failed (rustc killed, missing...): no verdict
TRACE_FORMAT = 1  # of a traced test run's cache entry
TRACE_CALLER = "<traced tests>"  # the caller path of traced calls in the repository's index


Items = Sequence[tuple[Unit, Translation]]


def file_record(repo: str, path: str, status: Status, diag: Diagnostic) -> UnitRecord:
    """A row for a whole file (or directory) that produced no units."""
    return UnitRecord(
        unit_id=f"{repo}:{path}",
        repo=repo,
        path=path,
        qualname="",
        kind="file",
        first_line=diag.line or 0,
        last_line=diag.line or 0,
        status=status,
        reason=diag.render(),
        codes=(diag.code,),
    )


def unit_record(
    unit: Unit,
    status: Status,
    reason: str = "",
    codes: list[str] | None = None,
    tr: Translation | None = None,
) -> UnitRecord:
    return UnitRecord(
        unit_id=unit.id,
        repo=unit.repo,
        path=unit.path,
        qualname=unit.qualname,
        kind=unit.kind,
        first_line=unit.first_line,
        last_line=unit.last_line,
        status=status,
        reason=reason,
        codes=tuple(codes or ()),
        engine=tr.engine if tr else "",
        translate_s=tr.seconds if tr else 0.0,
        typing="; ".join(tr.typing) if tr else "",
    )


def cache_options(config: RunConfig, cases_digest: str = "") -> dict:
    """The settings that change a unit's cached result (the user cases by content)."""
    from pipeline.verify.options import VERIFIER_VERSION

    v = config.verify
    return {
        "examples": v.examples_per_function,
        "min_examples": v.min_examples,
        "coverage_patience": v.coverage_patience,
        "seed": v.seed,
        "cases": cases_digest,
        "verifier": VERIFIER_VERSION,
    }


@contextlib.contextmanager
def user_cases(refs: list[FileRef], config: RunConfig) -> Iterator[tuple[str | None, str]]:
    """The verification cases file as a local path, and a digest of its content.

    ``verify.cases_file`` from the config, else ``portalis_cases.json`` at the repository
    root (next to the sources, local or remote); ``(None, "")`` when there is none.
    """
    url = config.verify.cases_file
    if url is None and refs:
        url = refs[0].url[: len(refs[0].url) - len(refs[0].path)] + CASES_FILE
    try:
        with fsspec.open(url, "rb", **config.storage_options) as fh:
            data = fh.read(16 * 1024 * 1024)
    except (OSError, ValueError, TypeError):
        yield None, ""
        return
    with tempfile.TemporaryDirectory(prefix="portalis-cases-") as tmp:
        path = os.path.join(tmp, CASES_FILE)
        with open(path, "wb") as out:
            out.write(data)
        yield path, hashlib.sha256(data).hexdigest()


# -- one partition ---------------------------------------------------------------------------


def process_partition(
    refs: list[FileRef],
    config: RunConfig,
    cache: Cache | None = None,
    part: Slice = WHOLE,
    traced: Traced | None = None,
) -> PartitionOutput:
    """Load, shard, translate, compile-check and verify a batch of files of one repository
    (or, with ``part``, one slice of the units of one huge file: ``file_slice``; the file's
    own rows and calls come with slice 0, so the slices add up to the whole file). The calls
    its repository's tests made (``traced``) join each unit's literal calls before
    translation: evidence for unannotated parameters and inputs for verification.

    With a cache, an unchanged partition costs one round trip (the lookup of its whole
    outcome, keyed by its files' hashes); a changed one three more: one lookup of its units
    (hits reuse the translation and verdict), one of its compile outcome, and one write of
    everything new. Nothing is written for a partition
    that does not finish, so a re-run redoes it.
    """
    out = PartitionOutput(repo=refs[0].repo if refs else "")
    engine = get_engine(config.engine)
    loaded = [load_file(ref, config.storage_options, config.max_file_bytes) for ref in refs]
    with user_cases(refs, config) as (cases_path, cases_digest):
        options = cache_options(config, cases_digest)
        part_key = _partition_key(engine, options, config, loaded, part, traced)
        cached = _cached_partition(cache, part_key, out.repo) if cache is not None else None
        if cached is not None:  # every file unchanged: nothing to parse, translate or run
            cached.cache_stats = cache.counters() if cache is not None else None
            return cached
        sources: dict[str, str] = {}
        units: list[Unit] = []
        for ref, source in zip(refs, loaded, strict=True):
            try:
                units += _shard(ref, source, out, sources)
            except Exception:  # one broken file never stops a run
                diag = Diagnostic("PT998", "internal error: " + traceback.format_exc(limit=3))
                out.records.append(file_record(ref.repo, ref.path, Status.INTERNAL_ERROR, diag))
        plain = _sliced(units, part, out)
        units = _with_traced_calls(plain, traced)
        keys, hits = _translate(units, engine, options, cache, out, plain)
        _keep_waiting(out, refs)
        compiled_entry = _compile(out, engine, cache, keys)
        fresh = _verify(out, sources, config, cases_path) if config.verify.enabled else {}
        entries = {**_entries(out, keys, hits, fresh), **compiled_entry}
        widened, faulted = {}, False
        if config.verify.enabled:
            widened, faulted = _widen(out, engine, options, cache, sources, config, cases_path)
        entries.update(widened)
    if config.export_pairs:
        out.pairs = _pairs(out)
    if cache is not None:
        if not _met_fault(out) and not faulted:
            entries[part_key] = partition_to_dict(_lighten(out))
        put_entries(cache, entries)
        out.cache_stats = cache.counters()
    return _lighten(out)


def _sliced(units: list[Unit], part: Slice, out: PartitionOutput) -> list[Unit]:
    """The units of slice ``part``; the file's rows, lines and calls only in slice 0."""
    if part == WHOLE:
        return units
    if part[0] > 0:
        out.records, out.outgoing, out.aliases, out.lines = [], [], [], 0
    return file_slice(units, part)


def _met_fault(out: PartitionOutput) -> bool:
    """Whether some unit's outcome is a fault of the machinery (an engine crash, a compile
    check or a verification that failed for want of a working rustc, harness or Python
    child): such a partition is not cached whole, so a re-run tries those units again."""
    return (
        any(tr.status is TranslationStatus.INTERNAL_ERROR for tr in out.translations.values())
        or any(COMPILE_FAULT in codes for codes, _ in out.failed.values())
        or any(_is_fault(v) for v in out.verdicts.values())
    )


def _is_fault(verdict: VerifyVerdict) -> bool:
    return verdict.status == Status.INTERNAL_ERROR or verdict.reason.startswith("verifier failed")


def _with_traced_calls(units: list[Unit], traced: Traced | None) -> list[Unit]:
    """``units`` with the traced calls of themselves and of the siblings they call added to
    their ``call_examples`` (so to their cache keys)."""
    if traced is None or not traced.calls:
        return units
    calls = crossmod.index((TRACE_CALLER, *call) for call in traced.calls)
    widened = []
    for unit in units:
        added = crossmod.added_calls(unit, calls)
        widened.append(crossmod.widen(unit, added) if added else unit)
    return widened


def _partition_key(
    engine: Engine,
    options: dict,
    config: RunConfig,
    loaded: list[SourceFile],
    part: Slice,
    traced: Traced | None = None,
) -> str:
    """Key of a whole partition's outcome: its files' contents, the slice, the calls its
    repository's tests made and the run's settings."""
    doc = [
        *([list(part)] if part != WHOLE else []),
        f"{engine.name}@{engine.version}",
        options,
        config.export_pairs,
        config.verify.enabled,
        [[f.path, f.sha256, f.size] for f in loaded],
        *([[list(call) for call in traced.calls]] if traced is not None and traced.calls else []),
    ]
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), default=str)
    return "partition-" + hashlib.sha256(text.encode()).hexdigest()


def _keep_waiting(out: PartitionOutput, refs: list[FileRef]) -> None:
    """Name the units refused for want of a typed call, and keep the refs of every file (the
    wave reads theirs, and its verification imports the package's other modules), for
    finalize_repo."""
    waiting = [u for u in out.units if crossmod.awaits_evidence(out.translations[u.id])]
    out.pending = [u.id for u in waiting]
    out.pending_refs = {ref.path: ref for ref in refs}


def _cached_partition(cache: Cache, key: str, repo: str) -> PartitionOutput | None:
    """The cached outcome of an identical partition, or None (also for foreign entries)."""
    return partition_from_dict(get_entries(cache, [key]).get(key), repo)


def _lighten(out: PartitionOutput) -> PartitionOutput:
    """Drop what only this task needed (unit sources and contexts, verification evidence),
    so the output is small enough for the driver to hold: a result on the driver survives
    the death of the worker that computed it."""
    out.units = [replace(u, source="", imports=(), constants=(), context=()) for u in out.units]
    out.verdicts = {k: replace(v, evidence=()) for k, v in out.verdicts.items()}
    return out


@functools.lru_cache(maxsize=2)
def _shard_file(source: SourceFile) -> ShardResult:
    """``shard_file``, memoised: the slices of one huge file follow each other on a worker,
    and each would otherwise shard the whole file again (10 s for 60,000 functions)."""
    return shard_file(source)


def _shard(
    ref: FileRef, source: SourceFile, out: PartitionOutput, sources: dict[str, str]
) -> list[Unit]:
    if source.text is not None and not source.text.strip():
        diag = Diagnostic("PT007", "empty file: no functions or classes")
        out.records.append(file_record(ref.repo, ref.path, Status.SKIPPED, diag))
        return []
    sharded = _shard_file(source)
    if sharded.error is not None:
        status = Status.SKIPPED if sharded.error.code == "PT002" else Status.PARSE_ERROR
        out.records.append(file_record(ref.repo, ref.path, status, sharded.error))
        return []
    sources[ref.path] = source.text or ""
    out.lines += (source.text or "").count("\n") + 1
    out.outgoing += [(ref.path, *call) for call in sharded.outgoing]
    out.aliases += sharded.aliases
    for unit, status, why in sharded.skipped:
        out.records.append(unit_record(unit, status, why, ["PT008"]))
    for unit, diag in sharded.refused:
        out.records.append(unit_record(unit, Status.UNSUPPORTED, diag.render(), [diag.code]))
    if not sharded.units and not sharded.refused:
        diag = Diagnostic("PT009", "no top-level functions or classes")
        out.records.append(file_record(ref.repo, ref.path, Status.SKIPPED, diag))
    return sharded.units


def _translate(
    units: list[Unit],
    engine: Engine,
    options: dict,
    cache: Cache | None,
    out: PartitionOutput,
    plain: Sequence[Unit] = (),
) -> tuple[dict[str, str], set[str]]:
    """Translate ``units`` (reusing cache hits); returns unit id -> cache key, and the ids
    that were cache hits. A unit refused with the traced calls its ``plain`` version (without
    them) lacks is translated again without them, and kept so when that succeeds: calls that
    disagree (an int here, a str there) cost nothing the body alone would type."""
    engine_id = f"{engine.name}@{engine.version}"
    keys = {u.id: unit_key(u, engine_id, options) for u in units}
    entries = get_entries(cache, list(keys.values())) if cache and units else {}
    without = {u.id: u for u in plain}
    hits: set[str] = set()
    for unit in units:
        entry = entries.get(keys[unit.id])
        if entry is not None and _reuse(entry, unit, out):
            out.units.append(unit)
            hits.add(unit.id)
            continue
        tr = safe_translate(engine, unit)
        alone = without.get(unit.id, unit)
        if not tr.ok and tr.status != "internal_error" and alone is not unit:
            retry = safe_translate(engine, alone)
            if retry.ok:
                unit, tr = alone, retry
                keys[unit.id] = unit_key(unit, engine_id, options)
        out.units.append(unit)
        out.translations[unit.id] = tr
    return keys, hits


def _widen(
    out: PartitionOutput,
    engine: Engine,
    options: dict,
    cache: Cache | None,
    sources: dict[str, str],
    config: RunConfig,
    cases_path: str | None,
) -> tuple[dict[str, dict], bool]:
    """Retry the overflowed units with unbounded ints (``pipeline/widen.py``)."""

    def verify(crate: CrateFiles, items: list[tuple[Unit, Translation]]) -> list[VerifyVerdict]:
        start = time.perf_counter()
        verdicts = run_verifier(
            crate, items, sources, config, cases_path, out.verify_phases, out.isolation
        )
        out.verify_s += time.perf_counter() - start
        return verdicts

    return widen(out, engine, options, cache, verify)


def _reuse(entry: dict, unit: Unit, out: PartitionOutput) -> bool:
    try:  # seconds: 0 — time spent translating in this run
        out.translations[unit.id] = replace(
            translation_from_dict(entry["translation"], unit.id, unit.first_line), seconds=0.0
        )
        if entry.get("verdict"):
            out.verdicts[unit.id] = verdict_from_dict(entry["verdict"], unit.id)
    except (KeyError, TypeError, ValueError):
        out.translations.pop(unit.id, None)
        out.verdicts.pop(unit.id, None)
        return False  # a foreign or outdated entry is a miss
    out.cache_hits += 1
    return True


def _compile(
    out: PartitionOutput,
    engine: Engine,
    cache: Cache | None,
    keys: dict[str, str],
    context: Items = (),
) -> dict[str, dict]:
    """Type-check the partition's translations as one crate (with the already checked
    ``context`` items their Rust calls); record the units rustc rejects.

    Returns the cache entry to write with the partition's other entries (none on a hit)."""
    items = [(u, out.translations[u.id]) for u in out.units if out.translations[u.id].ok]
    if not items:
        return {}
    crate_key = _crate_key(
        out.repo,
        [(u.id, keys[u.id]) for u, _ in items] + [(u.id, _digest(tr.rust)) for u, tr in context],
    )
    cached = get_entries(cache, [crate_key]).get(crate_key) if cache is not None else None
    if cached is not None and isinstance(cached.get("failed"), dict):
        out.failed = {k: (list(v[0]), str(v[1])) for k, v in cached["failed"].items()}
        return {}
    try:
        outcome = check_repo(out.repo, items + list(context), engine.runtime_source, format=False)
    except Fault as exc:  # rustc killed, out of memory or disk: retried already
        message = f"compile check fault (after {FAULT_ATTEMPTS} tries): {exc}"
        out.failed = {u.id: ([COMPILE_FAULT], message) for u, _ in items}
        return {}
    except Exception:  # e.g. rustc missing: every unit fails, the run goes on
        message = "compile check failed: " + traceback.format_exc(limit=2)
        out.failed = {u.id: ([COMPILE_FAULT], message) for u, _ in items}
        return {}
    out.failed = {k: v for k, v in outcome.failed.items() if k in keys}
    out.compile_s = outcome.seconds
    return {crate_key: {"failed": {k: list(v) for k, v in out.failed.items()}}}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _crate_key(repo: str, unit_keys: list[tuple[str, str]]) -> str:
    text = json.dumps([repo, sorted(unit_keys)], separators=(",", ":"))
    return "crate-" + hashlib.sha256(text.encode()).hexdigest()


def _verify(
    out: PartitionOutput,
    sources: dict[str, str],
    config: RunConfig,
    cases_path: str | None,
    context: Items = (),
) -> dict[str, VerifyVerdict]:
    """Differentially test the compiled units that have no cached verdict (in a crate with
    the ``context`` items their Rust calls)."""
    items = [(u, tr) for u, tr in out.compiled() if u.id not in out.verdicts]
    if not items:
        return {}
    engine = get_engine(config.engine)
    crate = assemble(out.repo, items + list(context), engine.runtime_source)
    start = time.perf_counter()
    verdicts = run_verifier(
        crate, items, sources, config, cases_path, out.verify_phases, out.isolation
    )
    out.verify_s = time.perf_counter() - start
    fresh = {v.unit_id: v for v in verdicts}
    out.verdicts.update(fresh)
    return fresh


def run_verifier(
    crate: CrateFiles,
    items: list[tuple[Unit, Translation]],
    sources: dict[str, str],
    config: RunConfig,
    cases_path: str | None,
    phases: dict[str, float] | None = None,
    isolation: dict[str, int] | None = None,
) -> list[VerifyVerdict]:
    """Verify ``items``; counts them in ``isolation`` by what their Python ran inside."""
    from pipeline.verify import VerifyOptions, verify_crate
    from pipeline.verify.isolation import IsolationUnavailable, describe, wanted

    s = config.verify
    if isolation is not None:
        used = describe(s.isolation)
        isolation[used] = isolation.get(used, 0) + len(items)
    start = time.perf_counter()
    try:
        options = VerifyOptions(
            examples_per_function=s.examples_per_function,
            seed=s.seed,
            call_timeout_s=s.call_timeout_s,
            memory_mb=s.memory_mb,
            cpu_s=s.cpu_s,
            cases_file=cases_path,
            isolate=wanted(s.isolation),
            min_examples=s.min_examples,
            coverage_patience=s.coverage_patience,
        )
    except IsolationUnavailable as exc:  # not a verdict on the code: not cached (see _entries)
        reason = f"verifier failed: not run: {exc}"
        return [VerifyVerdict(u.id, Status.UNTESTED, reason=reason) for u, _ in items]
    try:
        return verify_crate(crate.name, crate.files, sources, items, options, phases)
    except Exception:  # a verifier bug must not sink the run
        reason = "verifier failed: " + traceback.format_exc(limit=3)
        took = time.perf_counter() - start
        return [VerifyVerdict(u.id, Status.UNTESTED, reason=reason, seconds=took) for u, _ in items]


def _entries(
    out: PartitionOutput, keys: dict[str, str], hits: set[str], fresh: dict[str, VerifyVerdict]
) -> dict[str, dict]:
    """Cache entries for units translated or verified in this task (not unchanged hits).

    Engine crashes and verifier failures are not cached: a re-run tries them again.
    """
    entries: dict[str, dict] = {}
    for unit in out.units:
        tr = out.translations[unit.id]
        verdict = fresh.get(unit.id)
        if verdict is not None and _is_fault(verdict):
            verdict = None
        new_translation = unit.id not in hits and tr.status is not TranslationStatus.INTERNAL_ERROR
        if verdict is None and not new_translation:
            continue
        entry: dict = {"translation": translation_to_dict(tr, unit.first_line)}
        if verdict is not None:
            entry["verdict"] = verdict_to_dict(verdict)
        entries[keys[unit.id]] = entry
    return entries


# -- one repository --------------------------------------------------------------------------


def finish_unchanged_repo(
    repo: str,
    tasks: list[tuple[list[FileRef], Slice]],
    config: RunConfig,
    cache: Cache,
    traced: Traced | None = None,
) -> RepoResult | None:
    """The repository's final result straight from the cache, in this one task, when every
    partition is unchanged; None as soon as one is not (the caller then runs the partitions).

    The first partition is checked alone, so a first run or a repository whose first files
    changed costs one small read and lookup; otherwise every file is read and hashed once
    (nothing is kept) and the other partitions are looked up in one more round trip. The crate
    is finalized here: an unchanged repository costs one task, and no partition outputs travel
    through the driver.
    """
    engine = get_engine(config.engine)
    refs = [ref for batch, _ in tasks for ref in batch]
    with user_cases(refs, config) as (_, cases_digest):
        options = cache_options(config, cases_digest)

    @functools.lru_cache(maxsize=1)  # the slices of one file follow each other
    def hashed(batch: tuple[FileRef, ...]) -> list[SourceFile]:
        return [load_file(ref, config.storage_options, config.max_file_bytes) for ref in batch]

    def key(task: tuple[list[FileRef], Slice]) -> str:
        return _partition_key(engine, options, config, hashed(tuple(task[0])), task[1], traced)

    keys = [key(tasks[0])]
    found = get_entries(cache, keys)
    if keys[0] not in found:
        return None
    keys += [key(task) for task in tasks[1:]]
    found.update(get_entries(cache, keys[1:]) if len(keys) > 1 else {})
    parts = []
    for k in keys:
        part = partition_from_dict(found.get(k), repo)
        if part is None:
            return None
        parts.append(part)
    result = finalize_repo(repo, config, cache, *parts, traced=traced)
    result.cache_stats, result.unchanged = cache.counters(), True
    return result


def finalize_repo(
    repo: str,
    config: RunConfig,
    cache: Cache | None,
    *settled: PartitionOutput,
    traced: Traced | None = None,
) -> RepoResult:
    """Assemble the repository's crate from every partition's compiled units (rustfmt once,
    or not at all when the cache has this exact crate formatted) and decide each unit's row.
    First the units waiting for a typed call get the calls of the other modules and those
    its tests made (``traced``)."""
    engine = get_engine(config.engine)
    traced = traced or Traced()
    parts, wave = _with_repository_calls(repo, config, cache, settled, traced)
    records = [r for p in parts for r in p.records]
    for part in parts:
        per_unit = part.compile_s / max(1, len(part.units))
        records += [
            replace(_final_record(unit, part, config), compile_s=per_unit) for unit in part.units
        ]
    rows = {r.unit_id: r for r in records}
    compiled = [it for p in parts for it in p.compiled()]
    kept, left_out = admitted(compiled, rows, config.verify.enabled)
    in_crate = {unit.id for unit, _ in kept}
    records = [replace(r, in_crate=True) if r.unit_id in in_crate else r for r in records]
    crate = assemble(repo, kept, engine.runtime_source, left_out)
    _format_cached(crate, cache)
    stats = [p.cache_stats for p in parts if p.cache_stats is not None]
    pairs = [pair for p in parts for pair in p.pairs] + wave.pairs
    return RepoResult(
        repo,
        crate.name,
        crate.files,
        records,
        sum(p.compile_s for p in parts) + wave.compile_s,
        sum(p.verify_s for p in parts) + wave.verify_s,
        sum(p.cache_hits for p in parts),
        sum(stats[1:], stats[0]) if stats else None,
        pairs,
        trace_note=traced.note,
        isolation=_isolation([*parts, wave]),
    )


def _isolation(parts: list[PartitionOutput]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part.isolation)
    return dict(total)


def _with_repository_calls(
    repo: str,
    config: RunConfig,
    cache: Cache | None,
    parts: tuple[PartitionOutput, ...],
    traced: Traced,
) -> tuple[list[PartitionOutput], PartitionOutput]:
    """The partitions with their waiting units translated again given the calls other
    modules and the traced tests make of them, and their remaining want-of-evidence refusals
    worded for the repository; plus the wave that did it (its timings and pairs)."""
    outgoing = [c for p in parts for c in p.outgoing]
    outgoing += [(TRACE_CALLER, *call) for call in traced.calls]
    calls = crossmod.index(outgoing, (a for p in parts for a in p.aliases))
    waiting: list[Waiting] = []
    for part in parts:
        light = {u.id: u for u in part.units}
        for unit in (light[uid] for uid in part.pending if uid in light):
            # the light unit's own calls are not kept with a cached partition: not read
            added = crossmod.added_calls(replace(unit, call_examples=()), calls)
            if added:
                waiting.append((unit, added))
    wave = _wave(repo, config, cache, parts, waiting) if waiting else PartitionOutput(repo)
    return [_merged(p, wave) for p in parts], wave


Waiting = tuple[Unit, tuple[tuple[str, str], ...]]  # a light unit, the calls it gains


def _wave(
    repo: str,
    config: RunConfig,
    cache: Cache | None,
    parts: tuple[PartitionOutput, ...],
    waiting: list[Waiting],
) -> PartitionOutput:
    """Translate, compile-check and verify the ``waiting`` units with the calls they gain, in
    crates with the compiled units of their modules (the siblings their Rust calls).

    An outcome is cached under the unit's file content and those calls (``_wave_key``), so a
    hit needs no source; the files of the others are read and sharded again."""
    wave = PartitionOutput(repo=repo)
    engine = get_engine(config.engine)
    refs = {path: ref for p in parts for path, ref in p.pending_refs.items()}
    paths = {u.path for u, _ in waiting}
    ids = {u.id for u, _ in waiting}  # a compiled waiting unit is translated again: not context
    context = [
        (u, tr) for p in parts for u, tr in p.compiled() if u.path in paths and u.id not in ids
    ]
    with user_cases(list(refs.values()), config) as (cases_path, cases_digest):
        options = cache_options(config, cases_digest)
        keys = {u.id: _wave_key(engine, options, config, u, added) for u, added in waiting}
        found = get_entries(cache, list(keys.values())) if cache is not None else {}
        hits = {
            u.id for u, _ in waiting if keys[u.id] in found and _reuse(found[keys[u.id]], u, wave)
        }
        whole, texts = _reshard([w for w in waiting if w[0].id not in hits], refs, config)
        for unit, _ in waiting:
            if unit.id in hits or unit.id in whole:
                wave.units.append(whole.get(unit.id, unit))
            if unit.id in whole:
                wave.translations[unit.id] = safe_translate(engine, whole[unit.id])
        compiled_entry = _compile(wave, engine, cache, keys, context)
        fresh: dict[str, VerifyVerdict] = {}
        if config.verify.enabled:
            # every file of the repository: a module imports its package and siblings
            if any(u.id not in wave.verdicts for u, _ in wave.compiled()):
                texts.update({p: _text(refs[p], config) for p in sorted(set(refs) - set(texts))})
            fresh = _verify(wave, texts, config, cases_path, context)
    entries = {**_entries(wave, keys, hits, fresh), **compiled_entry}
    if config.export_pairs:
        wave.pairs = _wave_pairs(wave, hits, found, keys, entries)
    if cache is not None and entries:
        put_entries(cache, entries)
    return wave


def _wave_key(
    engine: Engine, options: dict, config: RunConfig, unit: Unit, added: tuple[tuple[str, str], ...]
) -> str:
    """Key of a unit's outcome given calls from other modules: its file's content (which
    fixes its source, context and own calls), its id, the calls and the run's settings."""
    doc = [
        f"{engine.name}@{engine.version}",
        options,
        config.export_pairs,
        config.verify.enabled,
        unit.id,
        unit.file_sha256,
        [list(pair) for pair in added],
    ]
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), default=str)
    return "wave-" + hashlib.sha256(text.encode()).hexdigest()


def _reshard(
    waiting: list[Waiting],
    refs: dict[str, FileRef],
    config: RunConfig,
) -> tuple[dict[str, Unit], dict[str, str]]:
    """The whole ``waiting`` units, their calls added (unit id -> unit), read and sharded
    again from their files (path -> text); a file changed since its partition is left out."""
    whole: dict[str, Unit] = {}
    texts: dict[str, str] = {}
    for path in sorted({u.path for u, _ in waiting}):
        source = load_file(refs[path], config.storage_options, config.max_file_bytes)
        wanted = {
            u.id: added for u, added in waiting if u.path == path and u.file_sha256 == source.sha256
        }
        if not wanted or source.text is None:
            continue
        texts[path] = source.text
        for unit in _shard_file(source).units:
            if unit.id in wanted:
                whole[unit.id] = crossmod.widen(unit, wanted[unit.id])
    return whole, texts


def _wave_pairs(
    wave: PartitionOutput,
    hits: set[str],
    found: dict[str, dict],
    keys: dict[str, str],
    entries: dict[str, dict],
) -> list[dict]:
    """Training pairs of the wave: cached with the hits, made (and cached) for the rest."""
    rows = [found[keys[uid]]["pair"] for uid in sorted(hits) if found[keys[uid]].get("pair")]
    for row in _pairs(replace(wave, units=[u for u in wave.units if u.id not in hits])):
        rows.append(row)
        if keys[row["unit_id"]] in entries:
            entries[keys[row["unit_id"]]]["pair"] = row
    return rows


def _text(ref: FileRef, config: RunConfig) -> str:
    return load_file(ref, config.storage_options, config.max_file_bytes).text or ""


def _merged(part: PartitionOutput, wave: PartitionOutput) -> PartitionOutput:
    """``part`` with the wave's outcome for its units, its want-of-evidence refusals worded
    for the repository (whose calls were consulted)."""
    own = {u.id for u in part.units}
    redone = own & set(wave.translations)  # their partition verdicts are of the old Rust
    translations = {
        uid: crossmod.repository_wording(wave.translations.get(uid, tr))
        for uid, tr in part.translations.items()
    }
    return replace(
        part,
        translations=translations,
        failed={
            **{k: v for k, v in part.failed.items() if k not in redone},
            **{k: v for k, v in wave.failed.items() if k in own},
        },
        verdicts={
            **{k: v for k, v in part.verdicts.items() if k not in redone},
            **{k: v for k, v in wave.verdicts.items() if k in own},
        },
    )


def _pairs(part: PartitionOutput) -> list[dict]:
    """Verified (Python source, Rust source, inputs and outputs) rows: training data."""
    rows = []
    for unit, tr in part.compiled():
        verdict = part.verdicts.get(unit.id)
        if verdict is None or verdict.status != Status.VERIFIED:
            continue
        rows.append(
            {
                "unit_id": unit.id,
                "repo": unit.repo,
                "path": unit.path,
                "qualname": unit.qualname,
                "python": unit.source,
                "rust": tr.rust,
                "helpers": list(tr.helpers),
                "engine": tr.engine,
                "signatures": json.dumps(
                    [
                        [s.py_name, [[p.name, p.py_type, p.mode] for p in s.params], s.returns]
                        for s in tr.signatures
                    ]
                ),
                "entry_points": [e[0] for e in verdict.evidence],
                "inputs": [e[1] for e in verdict.evidence],
                "outputs": [e[2] for e in verdict.evidence],
            }
        )
    return rows


def _format_cached(crate: CrateFiles, cache: Cache | None) -> None:
    key = "rustfmt-" + hashlib.sha256(json.dumps(sorted(crate.files.items())).encode()).hexdigest()
    found = get_entries(cache, [key]).get(key) if cache is not None else None
    if (
        found is not None
        and isinstance(found.get("files"), dict)
        and set(found["files"]) == set(crate.files)
    ):
        crate.files.update(found["files"])
        return
    if format_crate(crate) and cache is not None:
        put_entries(cache, {key: {"files": crate.files}})


def trace_repository(
    root: str,
    import_root: str,
    library: list[tuple[str, str]],
    tests: list[str],
    config: RunConfig,
    cache: Cache | None = None,
) -> Traced:
    """The calls the repository's own tests make of its library (``verify/trace.py``), from
    the cache when no library or test file changed. Never raises: a failure is a note, and
    costs this evidence only; only a suite that ran to its end is cached."""
    try:
        isolate = wanted(config.verify.isolation)
        settings = TraceSettings(config.verify.trace_timeout_s, config.verify.memory_mb, isolate)
        key = _trace_key(root, library, tests, settings)
        found = get_entries(cache, [key]).get(key) if cache is not None else None
        if found is not None:
            calls = tuple((str(m), str(f), str(t)) for m, f, t in found["calls"])
            return Traced(calls, found["note"] + " (from the cache)", True)
        traced = trace_tests(root, import_root, library, tests, settings)
    except Exception:  # a fault of the machinery: reported, not cached
        return Traced(note="tracing failed: " + traceback.format_exc(limit=2)[-400:])
    if cache is not None and traced.complete:
        put_entries(cache, {key: {"calls": [list(c) for c in traced.calls], "note": traced.note}})
    return traced


def _trace_key(
    root: str, library: list[tuple[str, str]], tests: list[str], settings: TraceSettings
) -> str:
    files = sorted({*(p for p, _ in library), *tests})
    digests = [
        [p, _digest(Path(root, p).read_text(encoding="utf-8", errors="replace"))] for p in files
    ]
    doc = [TRACE_FORMAT, asdict(settings), sorted(library), digests]
    return "trace-" + hashlib.sha256(json.dumps(doc, separators=(",", ":")).encode()).hexdigest()


def finalize_failed(
    repo: str, config: RunConfig, status: Status, reason: str, *parts: PartitionOutput
) -> RepoResult:
    """Rows for a repository whose final task could not finish: every unit gets ``status``
    with ``reason``; the crate is empty (it still builds)."""
    engine = get_engine(config.engine)
    crate = assemble(repo, [], engine.runtime_source)
    records = [r for p in parts for r in p.records]
    records += [
        unit_record(u, status, reason, ["PT995"], p.translations.get(u.id))
        for p in parts
        for u in p.units
    ]
    return RepoResult(repo, crate.name, crate.files, records)


def _final_record(unit: Unit, part: PartitionOutput, config: RunConfig) -> UnitRecord:
    rec = _engine_record(unit, part, config)
    note = part.learned.get(unit.id)
    if note is None:
        return rec
    tried = f"learned engine, {note.attempts} attempt(s): {note.outcome}: {note.detail}"
    if note.outcome == "verified":
        tried = f"learned engine: {note.detail}" if note.detail else ""
    reason = " | ".join(r for r in (rec.reason, tried) if r)
    codes = rec.codes + (("PT064",) if note.outcome == "fault" else ())
    counts = {"attempts": note.attempts, "gpu_s": note.gpu_s, "learned": note.outcome}
    return replace(rec, reason=reason, codes=codes, **counts)


def _engine_record(unit: Unit, part: PartitionOutput, config: RunConfig) -> UnitRecord:
    tr = part.translations[unit.id]
    if not tr.ok:
        crashed = tr.status is TranslationStatus.INTERNAL_ERROR
        status = Status.INTERNAL_ERROR if crashed else Status.UNSUPPORTED
        return unit_record(unit, status, tr.reason, [d.code for d in tr.diagnostics], tr)
    if unit.id in part.failed:
        codes, message = part.failed[unit.id]
        status = Status.INTERNAL_ERROR if COMPILE_FAULT in codes else Status.COMPILE_ERROR
        return unit_record(unit, status, message, codes, tr)
    verdict = part.verdicts.get(unit.id) if config.verify.enabled else None
    return verdict_record(unit, tr, verdict, config.verify.enabled)


def verdict_record(
    unit: Unit, tr: Translation, verdict: VerifyVerdict | None, verify_enabled: bool
) -> UnitRecord:
    """The row of a compiled unit: its verdict, or ``compiled`` (with why when verification
    was on but gave none)."""
    if verdict is None:
        why = "" if not verify_enabled else "no verification verdict"
        return unit_record(unit, Status.COMPILED, why, [], tr)
    rec = replace(
        unit_record(unit, verdict.status, verdict.reason, [], tr),
        verify_s=verdict.seconds,
        inputs_tried=verdict.inputs_tried,
        inputs_matched=verdict.inputs_matched,
    )
    if verdict.mismatch is None:
        return rec
    return replace(
        rec,
        mismatch_inputs=verdict.mismatch.inputs,
        mismatch_expected=verdict.mismatch.expected,
        mismatch_actual=verdict.mismatch.actual,
    )
