"""The compile check and the verification of translated units, and their cache entries: the
steps a partition task (``stages.py``), the cross-module wave (``wave.py``), the big-int retry
(``widen.py``) and the learned engine's chain (``learn.py``) share. Every function here returns
a result for bad input or a fault of the machinery instead of raising.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import replace

import fsspec

from pipeline.cache import Cache, document_key, get_entries
from pipeline.compile import check_repo
from pipeline.config import RunConfig
from pipeline.crate import CrateFiles, assemble
from pipeline.faults import ATTEMPTS as FAULT_ATTEMPTS
from pipeline.faults import Fault
from pipeline.outputs import PartitionOutput
from pipeline.records import (
    Diagnostic,
    FileRef,
    Status,
    Translation,
    TranslationStatus,
    Unit,
    VerifyVerdict,
)
from pipeline.rustnames import ident
from pipeline.serialize import (
    translation_from_dict,
    translation_to_dict,
    verdict_from_dict,
    verdict_to_dict,
)
from pipeline.translate import Engine, get_engine
from pipeline.verify import VerifyOptions, verify_crate
from pipeline.verify import options as verify_options
from pipeline.verify.isolation import IsolationUnavailable, describe, wanted
from pipeline.verify.procs import STARVED

CASES_FILE = "portalis_cases.json"


COMPILE_FAULT = "PT997"  # the compile check itself failed (rustc killed, missing...): no verdict
SIBLING_REFUSED = "PT040"
_NOT_TRANSLATED = "; not translated"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Rust string literals (a raised exception's class name is text in them, no item it calls)
_STRING = re.compile(r"'(?:\\.|[^'\\])'" + r'|r(#*)".*?"\1|"(?:\\.|[^"\\])*"', re.S)


Items = Sequence[tuple[Unit, Translation]]


def cache_options(config: RunConfig, cases_digest: str = "") -> dict:
    """The settings that change a unit's cached result (the user cases by content)."""
    v = config.verify
    return {
        "examples": v.examples_per_function,
        "min_examples": v.min_examples,
        "coverage_patience": v.coverage_patience,
        "seed": v.seed,
        "cases": cases_digest,
        "verifier": verify_options.VERIFIER_VERSION,  # read per call
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


def reuse_entry(entry: dict, unit: Unit, out: PartitionOutput, stamp: str = "") -> bool:
    """Take a unit's cached translation, and its verdict where it was reached with the same
    other files around (``stamp``: their content hash; else the unit is verified again)."""
    try:  # seconds: 0 — time spent translating in this run
        out.translations[unit.id] = replace(
            translation_from_dict(entry["translation"], unit.id, unit.first_line), seconds=0.0
        )
        if entry.get("verdict") and entry.get("stamp", "") == stamp:
            out.verdicts[unit.id] = verdict_from_dict(entry["verdict"], unit.id)
    except (KeyError, TypeError, ValueError):
        out.translations.pop(unit.id, None)
        out.verdicts.pop(unit.id, None)
        return False  # a foreign or outdated entry is a miss
    out.cache_hits += 1
    return True


def refuse_orphans(out: PartitionOutput, context: Items = ()) -> None:
    """Refuse (PT040) each translation whose Rust calls a sibling of its module that has no
    Rust beside it (not translated in ``out`` nor in ``context``): a sibling typed, inside
    the caller's translation, from the caller's arguments may be refused on its own, and the
    caller's Rust would name a function the crate lacks. Repeated for the callers of a unit
    so refused."""
    have = {(u.path, u.qualname) for u, _ in context}
    changed = True
    while changed:
        changed = False
        ok = have | {(u.path, u.qualname) for u in out.units if out.translations[u.id].ok}
        for unit in out.units:
            tr = out.translations[unit.id]
            if not tr.ok:
                continue
            words = set(_WORD.findall(_STRING.sub('""', tr.rust)))
            missing = [
                name
                for name in unit.calls
                if (unit.path, name) not in ok and ident(name).removeprefix("r#") in words
            ]
            if missing:
                out.translations[unit.id] = _orphaned(
                    tr, missing[0], _sibling_reason(out, unit, missing[0])
                )
                changed = True


def _sibling_reason(out: PartitionOutput, unit: Unit, name: str) -> str:
    sibling = next((u for u in out.units if u.path == unit.path and u.qualname == name), None)
    tr = out.translations.get(sibling.id) if sibling is not None else None
    if tr is None or not tr.diagnostics:
        return "it has no Rust in this crate"
    return tr.diagnostics[0].render().removesuffix(_NOT_TRANSLATED)


def _orphaned(tr: Translation, name: str, why: str) -> Translation:
    diag = Diagnostic(
        SIBLING_REFUSED,
        f"sibling {name}, which this unit's Rust calls, is refused on its own ({why})"
        + _NOT_TRANSLATED,
    )
    return replace(tr, status=TranslationStatus.REFUSED, rust="", diagnostics=(diag,))


def compile_check(
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
        [(u.id, keys[u.id]) for u, _ in items] + [(u.id, digest(tr.rust)) for u, tr in context],
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


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _crate_key(repo: str, unit_keys: list[tuple[str, str]]) -> str:
    # the key it always was: the document holds no dict, whose keys document_key sorts
    return document_key("crate-", [repo, sorted(unit_keys)])


def verify_compiled(
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
    except IsolationUnavailable as exc:  # not a verdict on the code: not cached (see unit_entries)
        reason = f"verifier failed: not run: {exc}"
        return [VerifyVerdict(u.id, Status.UNTESTED, reason=reason) for u, _ in items]
    try:
        return verify_crate(crate.name, crate.files, sources, items, options, phases)
    except Exception:  # a verifier bug must not sink the run
        reason = "verifier failed: " + traceback.format_exc(limit=3)
        took = time.perf_counter() - start
        return [VerifyVerdict(u.id, Status.UNTESTED, reason=reason, seconds=took) for u, _ in items]


def unit_entries(
    out: PartitionOutput,
    keys: dict[str, str],
    hits: set[str],
    fresh: dict[str, VerifyVerdict],
    stamp: str = "",
) -> dict[str, dict]:
    """Cache entries for units translated or verified in this task (not unchanged hits), a
    verdict with the ``stamp`` of the other files it was reached with (``reuse_entry``).

    Engine crashes and verifier failures are not cached: a re-run tries them again.
    """
    entries: dict[str, dict] = {}
    for unit in out.units:
        tr = out.translations[unit.id]
        verdict = fresh.get(unit.id)
        if verdict is not None and not_cached(verdict):
            verdict = None
        new_translation = unit.id not in hits and tr.status is not TranslationStatus.INTERNAL_ERROR
        if verdict is None and not new_translation:
            continue
        entry: dict = {"translation": translation_to_dict(tr, unit.first_line)}
        if verdict is not None:
            entry["verdict"] = verdict_to_dict(verdict)
            if stamp:
                entry["stamp"] = stamp
        entries[keys[unit.id]] = entry
    return entries


def is_fault(verdict: VerifyVerdict) -> bool:
    return verdict.status == Status.INTERNAL_ERROR or verdict.reason.startswith("verifier failed")


def not_cached(verdict: VerifyVerdict) -> bool:
    """A fault, or a unit left ``untested`` because the machine starved its calls of CPU
    (``procs.ChargedClock``): a re-run with CPU to spare may verify it, so neither is kept."""
    starved = verdict.status == Status.UNTESTED and STARVED in verdict.reason
    return starved or is_fault(verdict)
