"""The per-task work of a run, as plain functions over records (no Dask here).

The runner submits ``process_partition`` over each batch of files — load, shard, translate,
compile-check the batch's translations as one crate, and verify what compiled — and then one
``finalize_repo`` per repository, which decides each unit's final row and assembles the
repository's crate from the units whose status admits them (``crate.admitted``: verified or
overflow, compiled under --no-exec; the others are comments naming status and first failing
input, and the manifest's ``in_crate`` column says which). Units only call siblings in their own
module (another module's functions they call are private copies nested in their own Rust:
``units/crossconst.py``), and a module spans two partitions only as slices of a huge file that
are never cut across a sibling call (``units/partition.py``), so crates checked per partition
compose into a crate that checks. Before assembling, ``finalize_repo`` gives the units refused
for want of a typed call (PT020) the literal calls other modules make of them, which every
partition exported, and takes those that gain some through the same translate, compile and
verify steps again (``units/crossmod.py``). Every function here returns a result for bad input
instead of raising.
"""

from __future__ import annotations

import functools
import hashlib
import json
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from pipeline.cache import Cache, document_key, get_entries, put_entries, unit_key
from pipeline.checks import (
    COMPILE_FAULT,
    cache_options,
    compile_check,
    not_cached,
    refuse_orphans,
    reuse_entry,
    unit_entries,
    user_cases,
    verify_compiled,
)
from pipeline.compile import format_crate
from pipeline.config import RunConfig
from pipeline.crate import CrateFiles, admitted, assemble
from pipeline.outputs import PartitionOutput, RepoResult
from pipeline.records import (
    Diagnostic,
    FileRef,
    SourceFile,
    Status,
    TranslationStatus,
    Unit,
)
from pipeline.rows import file_record, final_record, unit_record, verified_pairs
from pipeline.serialize import partition_from_dict, partition_to_dict
from pipeline.tracing import TRACE_CALLER
from pipeline.translate import Engine, get_engine, safe_translate
from pipeline.units import crossconst, crossmod
from pipeline.units.load import load_file
from pipeline.units.packagefiles import PackageReader, digest, module_lookup
from pipeline.units.partition import WHOLE, Slice, file_slice, slice_shares
from pipeline.units.shard import module_name
from pipeline.units.starnames import STAR_IMPORT as _STAR
from pipeline.units.starnames import Lookup
from pipeline.verify.trace import Traced
from pipeline.wave import shard_cached, with_repository_calls
from pipeline.widen import widen_partition

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
        package, keyed = _package_options(
            refs, loaded, config, options, PackageReader(config.storage_options)
        )
        stamp = keyed.get("package", "")  # a unit's cached verdict is reused under it only
        part_key = _partition_key(engine, keyed, config, loaded, part, traced)
        cached = _cached_partition(cache, part_key, out.repo) if cache is not None else None
        if cached is not None:  # every file unchanged: nothing to parse, translate or run
            cached.cache_stats = cache.counters() if cache is not None else None
            return cached
        sources: dict[str, str] = {}
        units: list[Unit] = []
        tables: dict[str, crossconst.ModuleConstants] = {}
        texts = {**package, **{f.path: f.text for f in loaded if f.text is not None}}
        lookup = module_lookup(refs, texts.get)
        for ref, source in zip(refs, loaded, strict=True):
            try:
                units += _shard(ref, source, out, sources, tables, lookup)
            except Exception:  # one broken file never stops a run
                diag = Diagnostic("PT998", "internal error: " + traceback.format_exc(limit=3))
                out.records.append(file_record(ref.repo, ref.path, Status.INTERNAL_ERROR, diag))
        # constants read across the partition's modules: its key holds all their files
        units = crossconst.carry(units, tables)
        plain = _sliced(units, part, out)
        units = _with_traced_calls(plain, traced)
        keys, hits = _translate(units, engine, options, cache, out, plain, stamp)
        refuse_orphans(out)
        _keep_waiting(out, refs)
        compiled_entry = compile_check(out, engine, cache, keys)
        if config.verify.enabled and out.compiled():
            # the rest of each package: verification imports the package and its siblings
            sources.update({p: t for p, t in package.items() if p not in sources})
        fresh = verify_compiled(out, sources, config, cases_path) if config.verify.enabled else {}
        entries = {**unit_entries(out, keys, hits, fresh, stamp), **compiled_entry}
        widened: dict[str, dict] = {}
        faulted = False
        if config.verify.enabled:
            widened, faulted = widen_partition(
                out, engine, keyed, cache, sources, config, cases_path
            )
        entries.update(widened)
    if config.export_pairs:
        out.pairs = verified_pairs(out)
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
    child, or that the machine starved of CPU): such a partition is not cached whole, so a
    re-run tries those units again."""
    return (
        any(tr.status is TranslationStatus.INTERNAL_ERROR for tr in out.translations.values())
        or any(COMPILE_FAULT in codes for codes, _ in out.failed.values())
        or any(not_cached(v) for v in out.verdicts.values())
    )


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


def _package_options(
    refs: list[FileRef],
    loaded: list[SourceFile],
    config: RunConfig,
    options: dict,
    reader: PackageReader,
) -> tuple[dict[str, str], dict]:
    """The other files of the packages of ``refs`` (path -> text: verification imports the
    package and its siblings, and star imports bind what its modules define), and
    ``options`` with their content hash under ``package``: the partition's outcome and its
    units' verdicts depend on them (a unit's translation does not: its key leaves it out,
    and its cached verdict is reused only under the same hash). Read only where
    verification is on or a file has a star import."""
    if not config.verify.enabled and not any(_STAR.search(f.text or "") for f in loaded):
        return {}, options
    own = {f.path: f.text for f in loaded if f.text is not None}
    package = reader.files(refs, own)
    # a file of the batch that could not be read is no other file of the package
    others = digest({p: t for p, t in package.items() if p not in {f.path for f in loaded}})
    # absent for a module outside any package: its keys stay as they were
    return package, ({**options, "package": others} if others else options)


def _partition_key(
    engine: Engine,
    options: dict,
    config: RunConfig,
    loaded: list[SourceFile],
    part: Slice,
    traced: Traced | None = None,
) -> str:
    """Key of a whole partition's outcome: its files' contents, the slice (and how the file
    is shared out between slices), the calls its repository's tests made and the run's
    settings."""
    doc = [
        *([list(part), slice_shares(part[1])] if part != WHOLE else []),
        f"{engine.name}@{engine.version}",
        options,
        config.export_pairs,
        config.verify.enabled,
        [[f.path, f.sha256, f.size] for f in loaded],
        *([[list(call) for call in traced.calls]] if traced is not None and traced.calls else []),
    ]
    return document_key("partition-", doc)


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
    out.units = [
        replace(u, source="", imports=(), constants=(), context=(), foreign=()) for u in out.units
    ]
    out.verdicts = {k: replace(v, evidence=()) for k, v in out.verdicts.items()}
    return out


def _shard(
    ref: FileRef,
    source: SourceFile,
    out: PartitionOutput,
    sources: dict[str, str],
    tables: dict[str, crossconst.ModuleConstants],
    lookup: Lookup | None = None,
) -> list[Unit]:
    if source.text is not None and not source.text.strip():
        diag = Diagnostic("PT007", "empty file: no functions or classes")
        out.records.append(file_record(ref.repo, ref.path, Status.SKIPPED, diag))
        # it binds nothing: an empty package __init__ leaves `from . import geom` the module
        module = source.module or module_name(source.path)
        tables[module] = crossconst.ModuleConstants(module, {}, {}, frozenset())
        return []
    # (a lookup only where the file has a star import: the memo keys on it)
    sharded = shard_cached(source, lookup if _STAR.search(source.text or "") else None)
    if sharded.error is not None:
        status = Status.SKIPPED if sharded.error.code == "PT002" else Status.PARSE_ERROR
        out.records.append(file_record(ref.repo, ref.path, status, sharded.error))
        return []
    sources[ref.path] = source.text or ""
    if sharded.constants_table is not None:
        tables[sharded.constants_table.module] = sharded.constants_table
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
    stamp: str = "",
) -> tuple[dict[str, str], set[str]]:
    """Translate ``units`` (reusing cache hits); returns unit id -> cache key, and the ids
    that were cache hits. A unit refused with the traced calls its ``plain`` version (without
    them) lacks is translated again without them, and kept so when that succeeds: calls that
    disagree (an int here, a str there) cost nothing the body alone would type."""
    engine_id = f"{engine.name}@{engine.version}"

    def key(unit: Unit) -> str:  # without a cache nothing is looked up or written under a
        # key: the unit's id stands in (hashing a unit's context is ~10 % of a partition)
        return unit_key(unit, engine_id, options) if cache is not None else unit.id

    keys = {u.id: key(u) for u in units}
    entries = get_entries(cache, list(keys.values())) if cache and units else {}
    without = {u.id: u for u in plain}
    hits: set[str] = set()
    for unit in units:
        entry = entries.get(keys[unit.id])
        if entry is not None and reuse_entry(entry, unit, out, stamp):
            out.units.append(unit)
            hits.add(unit.id)
            continue
        tr = safe_translate(engine, unit)
        alone = without.get(unit.id, unit)
        if not tr.ok and tr.status != "internal_error" and alone is not unit:
            retry = safe_translate(engine, alone)
            if retry.ok:
                unit, tr = alone, retry
                keys[unit.id] = key(unit)
        out.units.append(unit)
        out.translations[unit.id] = tr
    return keys, hits


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

    reader = PackageReader(config.storage_options)  # partitions share their packages

    def key(task: tuple[list[FileRef], Slice]) -> str:
        loaded = hashed(tuple(task[0]))
        _, keyed = _package_options(task[0], loaded, config, options, reader)
        return _partition_key(engine, keyed, config, loaded, task[1], traced)

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
    parts, wave = with_repository_calls(repo, config, cache, settled, traced)
    records = [r for p in parts for r in p.records]
    finals = [  # each unit's row and its share of its partition's compile check
        (final_record(unit, part, config), part.compile_s / max(1, len(part.units)))
        for part in parts
        for unit in part.units
    ]
    rows = {r.unit_id: r for r in records} | {r.unit_id: r for r, _ in finals}
    compiled = [it for p in parts for it in p.compiled()]
    kept, left_out = admitted(compiled, rows, config.verify.enabled)
    in_crate = {unit.id for unit, _ in kept}
    records = [replace(r, in_crate=True) if r.unit_id in in_crate else r for r in records]
    records += [  # one copy of each unit's row, not two
        replace(r, compile_s=s, in_crate=True) if r.unit_id in in_crate else replace(r, compile_s=s)
        for r, s in finals
    ]
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
