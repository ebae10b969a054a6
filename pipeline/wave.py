"""The cross-module wave of ``stages.finalize_repo``: the units refused for want of a typed
call (PT020) get the literal calls other modules and the repository's traced tests make of them
(``units/crossmod.py``), and those that gain some go through the same translate, compile and
verify steps again, in crates with the compiled units of their modules."""

from __future__ import annotations

import functools
from dataclasses import replace

from pipeline.cache import Cache, document_key, get_entries, put_entries
from pipeline.checks import (
    cache_options,
    compile_check,
    refuse_orphans,
    reuse_entry,
    unit_entries,
    user_cases,
    verify_compiled,
)
from pipeline.config import RunConfig
from pipeline.outputs import PartitionOutput
from pipeline.records import FileRef, SourceFile, Status, Unit, VerifyVerdict
from pipeline.rows import verified_pairs
from pipeline.tracing import TRACE_CALLER
from pipeline.translate import Engine, get_engine, safe_translate
from pipeline.units import crossmod
from pipeline.units.load import load_file
from pipeline.units.packagefiles import digest, module_lookup
from pipeline.units.shard import ShardResult, shard_file
from pipeline.units.starnames import STAR_IMPORT, Lookup
from pipeline.verify.trace import Traced


@functools.lru_cache(maxsize=2)
def shard_cached(source: SourceFile, lookup: Lookup | None = None) -> ShardResult:
    """``shard_file``, memoised: the slices of one huge file follow each other on a worker,
    and each would otherwise shard the whole file again (10 s for 60,000 functions)."""
    return shard_file(source, lookup)


def with_repository_calls(
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
    waiting += _import_failures(parts, {u.id for u, _ in waiting})
    wave = _wave(repo, config, cache, parts, waiting) if waiting else PartitionOutput(repo)
    return [_merged(p, wave) for p in parts], wave


Waiting = tuple[Unit, tuple[tuple[str, str], ...]]  # a light unit, the calls it gains


def _import_failures(parts: tuple[PartitionOutput, ...], listed: set[str]) -> list[Waiting]:
    """Units whose partition could not import their module (``untested``, import_error): a
    partition's verifier has only its own files, and the module may import a sibling held by
    another partition. The wave verifies them again with every file of the repository; with
    one partition it had them all, so nothing is gained."""
    if len(parts) < 2:
        return []
    out: list[Waiting] = []
    for part in parts:
        light = {u.id: u for u in part.units}
        for uid, verdict in sorted(part.verdicts.items()):
            if uid in light and uid not in listed and _import_failed(verdict):
                out.append((light[uid], ()))
    return out


def _import_failed(verdict: VerifyVerdict) -> bool:
    reason = verdict.reason or ""
    return (
        verdict.status == Status.UNTESTED
        and "import_error" in reason
        and "not the file under test" not in reason
    )


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
        # its verification imports every file of the repository: a verdict depends on them
        every = {p: _text(refs[p], config) for p in sorted(refs)} if config.verify.enabled else {}
        stamp = digest(every)  # a cached verdict is reused only with the same files around
        keys = {u.id: _wave_key(engine, options, config, u, added) for u, added in waiting}
        found = get_entries(cache, list(keys.values())) if cache is not None else {}
        reused = {
            u.id
            for u, _ in waiting
            if keys[u.id] in found and reuse_entry(found[keys[u.id]], u, wave, stamp)
        }
        # a cached translation without its verdict (reached with other files around) is
        # verified again: its unit is read and sharded again, as a miss's
        hits = {u.id for u, _ in waiting if u.id in reused and _settled(u, wave, config)}
        whole, texts = _reshard([w for w in waiting if w[0].id not in hits], refs, config, every)
        for unit, _ in waiting:
            if unit.id in hits or unit.id in whole:
                wave.units.append(whole.get(unit.id, unit))
            if unit.id in whole and unit.id not in reused:
                wave.translations[unit.id] = safe_translate(engine, whole[unit.id])
            elif unit.id not in hits and unit.id not in whole:
                wave.translations.pop(unit.id, None)  # its file changed since: left out
        refuse_orphans(wave, context)
        compiled_entry = compile_check(wave, engine, cache, keys, context)
        fresh: dict[str, VerifyVerdict] = {}
        if config.verify.enabled:
            # every file of the repository: a module imports its package and siblings
            if any(u.id not in wave.verdicts for u, _ in wave.compiled()):
                texts.update({p: t for p, t in every.items() if p not in texts})
            fresh = verify_compiled(wave, texts, config, cases_path, context)
    entries = {**unit_entries(wave, keys, hits, fresh, stamp), **compiled_entry}
    if config.export_pairs:
        wave.pairs = _wave_pairs(wave, hits, found, keys, entries)
    if cache is not None and entries:
        put_entries(cache, entries)
    return wave


def _settled(unit: Unit, wave: PartitionOutput, config: RunConfig) -> bool:
    """Whether a cached outcome is whole: with a verdict where one is due."""
    return (
        not config.verify.enabled or unit.id in wave.verdicts or not wave.translations[unit.id].ok
    )


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
    return document_key("wave-", doc)


def _reshard(
    waiting: list[Waiting],
    refs: dict[str, FileRef],
    config: RunConfig,
    every: dict[str, str],
) -> tuple[dict[str, Unit], dict[str, str]]:
    """The whole ``waiting`` units, their calls added (unit id -> unit), read and sharded
    again from their files (path -> text); a file changed since its partition is left out.
    ``every``: the repository's files already read (path -> text), else read when a star
    import needs one."""
    whole: dict[str, Unit] = {}
    texts: dict[str, str] = {}

    def text_of(path: str) -> str | None:
        if path not in every and path in refs:
            every[path] = _text(refs[path], config)
        return every.get(path)

    lookup = module_lookup(refs.values(), text_of)
    for path in sorted({u.path for u, _ in waiting}):
        source = load_file(refs[path], config.storage_options, config.max_file_bytes)
        wanted = {
            u.id: added for u, added in waiting if u.path == path and u.file_sha256 == source.sha256
        }
        if not wanted or source.text is None:
            continue
        texts[path] = source.text
        star = STAR_IMPORT.search(source.text)
        for unit in shard_cached(source, lookup if star else None).units:
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
    for row in verified_pairs(replace(wave, units=[u for u in wave.units if u.id not in hits])):
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
