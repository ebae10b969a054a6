"""Ints beyond i64: a unit whose verification ended ``overflow`` (its i64 arithmetic panicked
where Python's ints grew) is translated again with unbounded ints (``RuleEngine(ints="big")``:
every int is the runtime's ``crate::pyrt::Int``), compile-checked and verified again.

Only a ``verified`` big-int translation replaces the i64 one (the unit's row then says
``ints: big`` in its typing column and ``+ints:big`` in its engine). Otherwise the unit keeps its
i64 translation and its ``overflow`` status, and the reason says what the big-int attempt gave
(``big ints: refused: ...``, ``did not compile: ...``, ``mismatch: ...``). A unit that calls
siblings, or that other compiled units call, is retried with its *call group*: every compiled
function unit of its file joined to it by calls (either way, transitively; at most
``MAX_GROUP``), all translated with big ints, compiled and verified together, since their Rust
signatures must agree. The group's big-int translations replace the i64 ones only when every
member verifies (so no member that verified with i64 is lost); otherwise every member keeps its
i64 translation and each overflowed member's reason says what the group's attempt gave. A group
holding a class or method is not tried. Big-int results are cached under their own keys (the
engine id carries the mode), so a re-run retries nothing that has not changed; machinery faults
are not cached.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import replace

from pipeline.cache import Cache, get_entries, unit_key
from pipeline.checks import is_fault, run_verifier
from pipeline.compile import check_repo
from pipeline.config import RunConfig
from pipeline.crate import CrateFiles, assemble
from pipeline.outputs import PartitionOutput
from pipeline.records import Status, Translation, Unit, VerifyVerdict
from pipeline.serialize import (
    translation_from_dict,
    translation_to_dict,
    verdict_from_dict,
    verdict_to_dict,
)
from pipeline.translate import Engine, safe_translate

MAX_REASON = 300
MAX_GROUP = 12  # units of one call group retried together with big ints
FAULT = "compile check fault: "
Verify = Callable[[CrateFiles, list[tuple[Unit, Translation]]], list[VerifyVerdict]]


def big_engine(engine: Engine) -> Engine | None:
    """The big-int mode of ``engine``, or None when it has none."""
    make = getattr(engine, "with_big_ints", None)
    return make() if callable(make) else None


def candidates(out: PartitionOutput) -> tuple[list[Unit], dict[str, str]]:
    """The overflowed function units to retry alone, and why each other overflowed unit is not
    retried alone (those that ``call_groups`` may still retry with their group)."""
    called: dict[str, set[str]] = {}
    for unit, _ in out.compiled():
        called.setdefault(unit.path, set()).update(c for c in unit.calls if c != unit.qualname)
    retry: list[Unit] = []
    kept: dict[str, str] = {}
    for unit in out.units:
        verdict = out.verdicts.get(unit.id)
        if verdict is None or verdict.status != Status.OVERFLOW:
            continue
        siblings = [c for c in unit.calls if c != unit.qualname]
        if unit.kind != "function":
            kept[unit.id] = f"not tried for a {unit.kind}"
        elif siblings:
            kept[unit.id] = f"not tried: calls {', '.join(siblings)} (translated with i64 ints)"
        elif unit.qualname in called.get(unit.path, set()):
            kept[unit.id] = "not tried: other units call it with i64 ints"
        else:
            retry.append(unit)
    return retry, kept


def call_groups(out: PartitionOutput, kept: dict[str, str]) -> tuple[list[list[Unit]], set[str]]:
    """The call groups (see the module docstring) of the overflowed units in ``kept`` that are
    kept only for their calls, and the ids of the overflowed units those groups hold."""
    compiled = {u.id: u for u, _ in out.compiled()}
    by_name = {(u.path, u.qualname): u for u in compiled.values()}
    links: dict[str, set[str]] = {uid: set() for uid in compiled}
    for unit in compiled.values():
        for name in unit.calls:
            other = by_name.get((unit.path, name))
            if other is not None and other.id != unit.id:
                links[unit.id].add(other.id)
                links[other.id].add(unit.id)
    groups: list[list[Unit]] = []
    grouped: set[str] = set()
    for uid, why in kept.items():
        if uid in grouped or uid not in compiled or not why.startswith("not tried: "):
            continue
        if "call" not in why:
            continue
        seen, todo = {uid}, [uid]
        while todo and len(seen) <= MAX_GROUP:
            for nxt in links[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        members = [u for u in out.units if u.id in seen]
        if len(seen) > MAX_GROUP or any(u.kind != "function" for u in members):
            continue
        groups.append(members)
        grouped |= {
            u.id
            for u in members
            if (v := out.verdicts.get(u.id)) is not None and v.status == Status.OVERFLOW
        }
    return groups, grouped


def widen(
    out: PartitionOutput,
    engine: Engine,
    options: dict,
    cache: Cache | None,
    verify: Verify,
) -> tuple[dict[str, dict], bool]:
    """Retry ``out``'s overflowed units with unbounded ints (see the module docstring);
    updates ``out`` and returns the cache entries to write, and whether some attempt met a
    fault of the machinery (then the partition's whole outcome is not cached either)."""
    big = big_engine(engine)
    retry, kept = candidates(out)
    groups, grouped = call_groups(out, kept) if big is not None else ([], set())
    if big is None:
        kept.update({u.id: "not tried: the engine has no big-int mode" for u in retry})
        retry = []
    for unit_id, why in kept.items():
        if unit_id not in grouped:
            _note(out, unit_id, why)
    members = retry + [u for group in groups for u in group]
    if big is None or not members:
        return {}, False
    engine_id = f"{big.name}@{big.version}+ints:big"
    keys = {u.id: unit_key(u, engine_id, options) for u in members}
    found = get_entries(cache, list(keys.values())) if cache is not None else {}
    tried: dict[str, Translation] = {}
    verdicts: dict[str, VerifyVerdict] = {}
    failed: dict[str, str] = {}
    fresh: set[str] = set()
    for unit in members:
        if not _reuse(found.get(keys[unit.id]), unit, tried, verdicts, failed):
            tried[unit.id] = safe_translate(big, unit)
            fresh.add(unit.id)
    todo = [
        (u, tried[u.id]) for u in members if tried[u.id].ok and not _settled(u, verdicts, failed)
    ]
    faults = _check(out.repo, todo, big, failed)
    fresh |= {u.id for u, _ in todo if u.id not in faults}
    passed = [(u, tr) for u, tr in todo if u.id not in failed and u.id not in faults]
    if passed:
        crate = assemble(out.repo, passed, big.runtime_source)
        verdicts.update({v.unit_id: v for v in verify(crate, passed)})
    for unit in members:
        verdict = verdicts.get(unit.id)
        faults.update({unit.id} if verdict is not None and is_fault(verdict) else set())
    for unit in retry:
        _settle(out, unit, tried[unit.id], verdicts.get(unit.id), failed.get(unit.id))
    for group in groups:
        _settle_group(out, group, tried, verdicts, failed)
    entries = {
        keys[u.id]: _entry(tried[u.id], verdicts.get(u.id), failed.get(u.id), u.first_line)
        for u in members
        if u.id in fresh and u.id not in faults
    }
    return entries, bool(faults)


def widen_partition(
    out: PartitionOutput,
    engine: Engine,
    options: dict,
    cache: Cache | None,
    sources: dict[str, str],
    config: RunConfig,
    cases_path: str | None,
) -> tuple[dict[str, dict], bool]:
    """``widen`` for a partition task: the big-int attempts are verified like the partition's
    units (``checks.run_verifier``), their time and phases counted in ``out``."""

    def verify(crate: CrateFiles, items: list[tuple[Unit, Translation]]) -> list[VerifyVerdict]:
        start = time.perf_counter()
        verdicts = run_verifier(
            crate, items, sources, config, cases_path, out.verify_phases, out.isolation
        )
        out.verify_s += time.perf_counter() - start
        return verdicts

    return widen(out, engine, options, cache, verify)


def _settled(unit: Unit, verdicts: dict[str, VerifyVerdict], failed: dict[str, str]) -> bool:
    return unit.id in verdicts or unit.id in failed


def _reuse(
    entry: dict | None,
    unit: Unit,
    tried: dict[str, Translation],
    verdicts: dict[str, VerifyVerdict],
    failed: dict[str, str],
) -> bool:
    """Take a cached big-int attempt (False for a miss or a foreign entry)."""
    if entry is None:
        return False
    try:
        tried[unit.id] = replace(
            translation_from_dict(entry["translation"], unit.id, unit.first_line), seconds=0.0
        )
        if entry.get("verdict"):
            verdicts[unit.id] = verdict_from_dict(entry["verdict"], unit.id)
        if entry.get("failed"):
            failed[unit.id] = str(entry["failed"])
    except (KeyError, TypeError, ValueError):
        for table in (tried, verdicts, failed):
            table.pop(unit.id, None)
        return False
    return True


def _check(
    repo: str, items: list[tuple[Unit, Translation]], big: Engine, failed: dict[str, str]
) -> set[str]:
    """Compile-check ``items``; rustc's rejections go into ``failed``; returns the ids whose
    check was a fault of the machinery (no verdict, not cached)."""
    if not items:
        return set()
    try:
        outcome = check_repo(repo, items, big.runtime_source, format=False)
    except Exception:  # rustc killed or missing (faults.Fault, ...): never a verdict
        why = FAULT + traceback.format_exc(limit=1).strip().splitlines()[-1]
        failed.update({u.id: why for u, _ in items})
        return {u.id for u, _ in items}
    failed.update({k: message for k, (_, message) in outcome.failed.items()})
    return set()


def _settle(
    out: PartitionOutput,
    unit: Unit,
    tr: Translation,
    verdict: VerifyVerdict | None,
    failed: str | None,
) -> None:
    """Keep the big-int translation when it verified; else say what it gave."""
    if tr.ok and failed is None and verdict is not None and verdict.status == Status.VERIFIED:
        out.translations[unit.id] = tr
        out.verdicts[unit.id] = verdict
        return
    _note(out, unit.id, _why(tr, verdict, failed))


def _why(tr: Translation, verdict: VerifyVerdict | None, failed: str | None) -> str:
    """What a big-int attempt that did not verify gave."""
    if not tr.ok:
        return f"refused: {tr.reason}"
    if failed is not None:
        return failed if failed.startswith(FAULT) else f"did not compile: {failed}"
    if verdict is None:
        return "no verification verdict"
    return f"{verdict.status.value}: {verdict.reason}"


def _settle_group(
    out: PartitionOutput,
    group: list[Unit],
    tried: dict[str, Translation],
    verdicts: dict[str, VerifyVerdict],
    failed: dict[str, str],
) -> None:
    """Keep the group's big-int translations when every member verified; else each
    overflowed member says what the first member that did not verify gave."""
    names = ", ".join(u.qualname for u in group)
    for unit in group:
        tr, verdict, why = tried[unit.id], verdicts.get(unit.id), failed.get(unit.id)
        good = verdict is not None and verdict.status == Status.VERIFIED
        if not (tr.ok and why is None and good):
            text = f"with its call group ({names}): {unit.qualname}: {_why(tr, verdict, why)}"
            for member in group:
                if out.verdicts[member.id].status == Status.OVERFLOW:
                    _note(out, member.id, text)
            return
    for unit in group:
        out.translations[unit.id] = tried[unit.id]
        out.verdicts[unit.id] = verdicts[unit.id]


def _note(out: PartitionOutput, unit_id: str, why: str) -> None:
    """Add what the big-int attempt gave to the unit's (overflow) verdict's reason."""
    verdict = out.verdicts[unit_id]
    text = " ".join(f"big ints: {why}".split())
    if len(text) > MAX_REASON:
        text = text[: MAX_REASON - 1] + "…"
    out.verdicts[unit_id] = replace(verdict, reason=" | ".join(_parts(verdict.reason, text)))


def _parts(*texts: str) -> Iterable[str]:
    return (t for t in texts if t)


def _entry(
    tr: Translation, verdict: VerifyVerdict | None, failed: str | None, first_line: int
) -> dict:
    entry: dict = {"translation": translation_to_dict(tr, first_line)}
    if verdict is not None:
        entry["verdict"] = verdict_to_dict(verdict)
    if failed is not None:
        entry["failed"] = failed
    return entry
