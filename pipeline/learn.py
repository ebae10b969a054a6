"""The learned stage: after a partition's rule-engine pass, its units that were refused or
ended ``mismatch`` go to the learned engine, in batches, through the same compile check and
differential verification; a failure is fed back (the compiler's message, or the failing
input with the expected and the actual value) for up to ``learned.attempts`` attempts.

Only a translation that verifies replaces the rule engine's outcome; everything else keeps
the rule engine's status, its reason extended by what the learned engine tried
(``LearnedNote``). A fault of the model or endpoint is reported as a fault (code PT064)
and the partition's outcome is not cached. Runs as its own task (``resources`` from
``learned.task_resources()``: a GPU for the in-process model), beside the CPU partitions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from distributed import Client

from pipeline.cache import Cache, get_entries, put_entries, unit_key
from pipeline.cluster import check_resources
from pipeline.cluster.errors import ResourceUnavailable
from pipeline.compile import check_repo
from pipeline.config import RunConfig
from pipeline.crate import assemble
from pipeline.outputs import PartitionOutput
from pipeline.records import (
    FileRef,
    LearnedNote,
    Status,
    Translation,
    TranslationStatus,
    Unit,
    VerifyVerdict,
)
from pipeline.serialize import (
    translation_from_dict,
    translation_to_dict,
    verdict_from_dict,
    verdict_to_dict,
)
from pipeline.similarity import minhash
from pipeline.stages import cache_options, run_verifier, user_cases
from pipeline.translate.learned.backends import BackendUnavailable, check_backend, worker_plugin
from pipeline.translate.learned.engine import Attempt, LearnedEngine, Request
from pipeline.units.load import load_file
from pipeline.units.shard import shard_file

FEEDBACK_CHARS = 1500
log = logging.getLogger(__name__)


def learned_route(config: RunConfig, client: Client) -> tuple[RunConfig, dict]:
    """Prepare the learned engine for a run: check its backend and the workers' resources,
    load the model on every worker (a worker plugin). When it cannot run, the run goes on
    without it and says why (returned config has it off; the dict goes to summary.json)."""
    settings = config.learned
    if not settings.enabled:
        return config, {}
    try:
        check_backend(settings)
        check_resources(client, settings.task_resources())
    except (BackendUnavailable, ResourceUnavailable) as exc:
        log.warning("%s; running without the learned engine", exc)
        off = config.model_copy(update={"learned": settings.model_copy(update={"enabled": False})})
        return off, {"available": False, "reason": str(exc)}
    plugin = worker_plugin(settings, config.storage_options)
    if plugin is not None:
        client.register_plugin(plugin)
    where = settings.model if settings.backend == "transformers" else settings.url
    return config, {"available": True, "backend": settings.backend, "model": str(where)}


def candidates(part: PartitionOutput) -> list[str]:
    """Ids of the units the learned engine should take: refused by the first engine
    (not crashed) or ``mismatch``, not waiting for other modules' calls (PT020: the
    repository's cross-module wave may still type it), and not called by another compiled
    unit (a different signature would break its caller)."""
    compiled = {u.id for u, _ in part.compiled()}
    waiting = set(part.pending)  # typed later by other modules' calls (units/crossmod.py)
    ids = []
    for unit in part.units:
        if unit.id in waiting:
            continue
        tr = part.translations[unit.id]
        verdict = part.verdicts.get(unit.id)
        refused = tr.status is TranslationStatus.REFUSED
        if refused or (verdict is not None and verdict.status == Status.MISMATCH):
            ids.append(unit.id)
    wanted = set(ids)
    callers = {
        (u.path, name)
        for u in part.units
        if u.id in compiled and u.id not in wanted
        for name in u.calls
    }
    light = {u.id: u for u in part.units}
    return [uid for uid in ids if (light[uid].path, light[uid].qualname) not in callers]


Accepted = dict[str, tuple[Translation, VerifyVerdict]]


@dataclass
class _Round:
    """What a partition's learned pass shares: the engine, the units, how to judge."""

    part: PartitionOutput
    config: RunConfig
    engine: LearnedEngine
    whole: dict[str, Unit]
    texts: dict[str, str]
    cases_path: str | None

    def judge(self, attempts: list[Attempt]) -> list[tuple[str, str, VerifyVerdict | None]]:
        """(outcome, feedback for a repair, verdict) per attempt: compile the translations
        with the partition's other compiled units, then verify what compiled."""
        part, runtime = self.part, self.engine.runtime_source
        mine = {a.translation.unit_id for a in attempts}
        light = {u.id: u for u in part.units}
        context = [(u, tr) for u, tr in part.compiled() if u.id not in mine]
        items = [
            (light[a.translation.unit_id], a.translation) for a in attempts if a.translation.ok
        ]
        failed: dict[str, tuple[list[str], str]] = {}
        verdicts: dict[str, VerifyVerdict] = {}
        if items:
            failed = check_repo(part.repo, items + context, runtime, format=False).failed
            alive = [(u, tr) for u, tr in items if u.id not in failed]
            if alive and self.config.verify.enabled:
                crate = assemble(part.repo, alive + context, runtime)
                found = run_verifier(crate, alive, self.texts, self.config, self.cases_path)
                verdicts = {v.unit_id: v for v in found}
        return [_outcome(a, failed, verdicts) for a in attempts]


def learn_partition(
    part: PartitionOutput, refs: list[FileRef], config: RunConfig, cache: Cache | None = None
) -> PartitionOutput:
    """``part`` with what the learned engine verified; ``part.learned`` says what it tried.

    A unit whose learned translation was verified before (same unit key, learned engine
    version and verification settings) takes it from the cache; only verified results are
    cached. One representative per exact-normalised group of candidates (copies up to
    renaming) goes to the model; a copy then gets the representative's verified Rust with its
    own names, verified again on its own, and goes to the model only if that fails."""
    todo = candidates(part)
    if not todo:
        return part
    whole, texts = _whole_units(refs, config)
    todo = [uid for uid in todo if uid in whole]
    engine = LearnedEngine(config.learned, config.storage_options)
    with user_cases(refs, config) as (cases_path, cases_digest):
        options = cache_options(config, cases_digest)
        engine_id = f"{engine.name}@{engine.version}"
        keys = {uid: unit_key(whole[uid], engine_id, options) for uid in todo}
        cached = _from_cache(cache, keys, whole)
        index = _examples_index(part, whole)
        requests = {
            uid: Request(whole[uid], _examples(index, whole[uid], config))
            for uid in todo
            if uid not in cached
        }
        copies = _copies(list(requests), whole)
        rnd = _Round(part, config, engine, whole, texts, cases_path)
        firsts = {uid: r for uid, r in requests.items() if uid not in copies}
        done, accepted = _attempts(rnd, firsts)
        reused, notes = _reuse(rnd, copies, accepted, done)
        rest = {uid: requests[uid] for uid in copies if uid not in notes}
        more_done, more = _attempts(rnd, rest)
    fresh = {**accepted, **reused, **more}
    if cache is not None and fresh:
        put_entries(cache, {keys[uid]: _entry(tr, v, whole[uid]) for uid, (tr, v) in fresh.items()})
    hits = {uid: LearnedNote(0, 0.0, "verified", "from the cache") for uid in cached}
    return _merged(part, {**cached, **fresh}, {**done, **notes, **more_done, **hits})


def _from_cache(cache: Cache | None, keys: dict[str, str], whole: dict[str, Unit]) -> Accepted:
    """Verified learned translations (and their verdicts) cached by earlier runs."""
    found = get_entries(cache, list(keys.values())) if cache is not None else {}
    hits: Accepted = {}
    for uid, key in keys.items():
        entry = found.get(key)
        if entry is None:
            continue
        try:
            tr = translation_from_dict(entry["translation"], uid, whole[uid].first_line)
            verdict = verdict_from_dict(entry["verdict"], uid)
        except (KeyError, TypeError, ValueError):
            continue  # a foreign or outdated entry is a miss
        if verdict.status == Status.VERIFIED:
            hits[uid] = (replace(tr, seconds=0.0), verdict)
    return hits


def _entry(tr: Translation, verdict: VerifyVerdict, unit: Unit) -> dict:
    return {
        "translation": translation_to_dict(tr, unit.first_line),
        "verdict": verdict_to_dict(replace(verdict, evidence=())),
    }


def _attempts(rnd: _Round, requests: dict[str, Request]) -> tuple[dict[str, LearnedNote], Accepted]:
    """The repair loop: every round asks the model for the open requests as one batch,
    judges the answers, and feeds each failure back, up to ``learned.attempts`` rounds."""
    spent: dict[str, tuple[int, float]] = {uid: (0, 0.0) for uid in requests}
    done: dict[str, LearnedNote] = {}
    accepted: Accepted = {}
    for _ in range(rnd.config.learned.attempts):
        if not requests:
            break
        attempts = rnd.engine.translate_batch(list(requests.values()))
        for attempt, (outcome, detail, verdict) in zip(attempts, rnd.judge(attempts), strict=True):
            uid = attempt.translation.unit_id
            n, gpu = spent[uid]
            if outcome != "not_taken":  # no model call was made for it
                n, gpu = n + 1, gpu + attempt.gpu_s
            spent[uid] = (n, gpu)
            done[uid] = LearnedNote(n, gpu, outcome, detail)
            if outcome == "verified" and verdict is not None:
                accepted[uid] = (attempt.translation, verdict)
            if outcome in ("verified", "fault", "not_taken"):
                requests.pop(uid)
            else:
                requests[uid] = replace(
                    requests[uid], previous=attempt.prompt, reply=attempt.reply, feedback=detail
                )
    return done, accepted


def _copies(todo: list[str], whole: dict[str, Unit]) -> dict[str, str]:
    """Candidate id -> its group's representative (the first id), for every candidate that
    is an exact-normalised copy of an earlier one."""
    first: dict[str, str] = {}
    copies: dict[str, str] = {}
    for uid in sorted(todo):
        key = minhash.exact_key(whole[uid].source)
        if key in first:
            copies[uid] = first[key]
        else:
            first[key] = uid
    return copies


def _reuse(
    rnd: _Round, copies: dict[str, str], accepted: Accepted, done: dict[str, LearnedNote]
) -> tuple[Accepted, dict[str, LearnedNote]]:
    """Copies given their representative's verified Rust, renamed, and judged alone; notes
    for the copies settled without the model (reused, or their representative failed)."""
    notes: dict[str, LearnedNote] = {}
    tries: list[Attempt] = []
    for uid, rep in sorted(copies.items()):
        if rep not in accepted:
            why = f"not sent: its copy {rep} was not verified" if rep in done else ""
            if why:
                notes[uid] = LearnedNote(0, 0.0, done[rep].outcome, why)
            continue
        renamed = rename(accepted[rep][0], rnd.whole[rep], rnd.whole[uid])
        if renamed is not None:
            tries.append(Attempt(renamed))
    reused: Accepted = {}
    for attempt, (outcome, _, verdict) in zip(
        tries, rnd.judge(tries) if tries else [], strict=True
    ):
        uid = attempt.translation.unit_id
        if outcome == "verified" and verdict is not None:
            reused[uid] = (attempt.translation, verdict)
            notes[uid] = LearnedNote(0, 0.0, "verified", f"reused the translation of {copies[uid]}")
    return reused, notes


def rename(tr: Translation, source: Unit, target: Unit) -> Translation | None:
    """``tr`` (of ``source``) for ``target``, an exact-normalised copy: the identifiers that
    differ, mapped position by position, replaced as whole words in the Rust; None when the
    mapping is ambiguous."""
    pairs = list(zip(minhash.names(source.source), minhash.names(target.source), strict=True))
    mapping: dict[str, str] = {}
    for old, new in pairs:
        if mapping.setdefault(old, new) != new:
            return None
    kept = {old for old, new in mapping.items() if old == new}
    mapping = {old: new for old, new in mapping.items() if old != new}
    if len(set(mapping.values())) != len(mapping) or set(mapping.values()) & kept:
        return None
    words = re.compile(r"\b(" + "|".join(map(re.escape, sorted(mapping))) + r")\b")

    def swap(text: str) -> str:
        return words.sub(lambda m: mapping[m.group(1)], text) if mapping else text

    rust = swap(tr.rust)
    sigs = tuple(
        replace(
            sig,
            py_name=target.qualname,
            rust_name=swap(sig.rust_name),
            params=tuple(replace(p, name=mapping.get(p.name, p.name)) for p in sig.params),
        )
        for sig in tr.signatures
    )
    return replace(tr, unit_id=target.id, rust=rust, signatures=sigs, seconds=0.0)


def _whole_units(refs: list[FileRef], config: RunConfig) -> tuple[dict[str, Unit], dict[str, str]]:
    """Every unit of the partition's files with its source (the partition kept light ones)."""
    units: dict[str, Unit] = {}
    texts: dict[str, str] = {}
    for ref in refs:
        source = load_file(ref, config.storage_options, config.max_file_bytes)
        if source.text is None:
            continue
        texts[ref.path] = source.text
        units.update({u.id: u for u in shard_file(source).units})
    return units, texts


def _examples_index(part: PartitionOutput, whole: dict[str, Unit]) -> minhash.Index:
    """MinHash index of the partition's verified units (their Python and Rust)."""
    verified = [
        (uid, whole[uid].source, tr.rust)
        for uid, tr in sorted(part.translations.items())
        if uid in whole
        and part.verdicts.get(uid) is not None
        and part.verdicts[uid].status == Status.VERIFIED
    ]
    return minhash.Index.build(verified)


def _examples(index: minhash.Index, unit: Unit, config: RunConfig) -> tuple[tuple[str, str], ...]:
    return index.most_similar(unit.source, config.learned.examples)


def _outcome(
    attempt: Attempt,
    failed: dict[str, tuple[list[str], str]],
    verdicts: dict[str, VerifyVerdict],
) -> tuple[str, str, VerifyVerdict | None]:
    tr = attempt.translation
    if attempt.fault:
        return "fault", attempt.fault, None
    if not tr.ok:
        kind = "not_taken" if tr.diagnostics[0].code == "PT060" else "refused"
        return kind, tr.reason, None
    if tr.unit_id in failed:
        codes, message = failed[tr.unit_id]
        return (
            "compile_error",
            f"rustc rejected it ({', '.join(codes)}): {message}"[:FEEDBACK_CHARS],
            None,
        )
    verdict = verdicts.get(tr.unit_id)
    if verdict is None:
        return "compiled", "compiled; verification is off", None
    if verdict.status == Status.VERIFIED:
        return "verified", "", verdict
    if verdict.status == Status.MISMATCH and verdict.mismatch is not None:
        m = verdict.mismatch
        text = (
            f"It compiled but differs from Python: for the arguments {m.inputs} Python gives "
            f"{m.expected}, your Rust gives {m.actual}."
        )
        return "mismatch", text[:FEEDBACK_CHARS], verdict
    return str(verdict.status), verdict.reason[:FEEDBACK_CHARS], verdict


def _merged(
    part: PartitionOutput,
    accepted: dict[str, tuple[Translation, VerifyVerdict]],
    done: dict[str, LearnedNote],
) -> PartitionOutput:
    translations = dict(part.translations)
    verdicts = dict(part.verdicts)
    for uid, (tr, verdict) in accepted.items():
        translations[uid] = tr
        verdicts[uid] = replace(verdict, evidence=())
    return replace(
        part,
        translations=translations,
        verdicts=verdicts,
        failed={k: v for k, v in part.failed.items() if k not in accepted},
        pending=[uid for uid in part.pending if uid not in accepted],
        learned={**part.learned, **done},
    )
