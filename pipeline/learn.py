"""The learned stage: after a partition's rule-engine pass, its units that were refused or
ended ``mismatch`` go to the learned engine, in batches, through the same compile check and
differential verification; a failure is fed back (the compiler's message, or the failing
input with the expected and the actual value) for up to ``learned.attempts`` attempts.

Only a translation that verifies replaces the rule engine's outcome; everything else keeps
the rule engine's status, its reason extended by what the learned engine tried
(``LearnedNote``). A fault of the model or endpoint is reported as a fault (code PT064)
and the partition's outcome is not cached.

A partition's pass is a chain of Dask tasks over a ``LearnState`` (``submit_chain``):
generation runs in tasks with ``learned.task_resources()`` (a GPU for the in-process model),
compiling and verifying in CPU tasks, so the GPU is never held while rustc and the verifier
run. Copies up to renaming (the same exact-normalised key) are sent once per run: the first
partition to send one gives its verified Rust, renamed, to the copies in every partition,
each verified on its own.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from distributed import Client, Future

from pipeline.cache import Cache, get_entries, put_entries, unit_key
from pipeline.checks import cache_options, run_verifier, user_cases
from pipeline.cluster import check_resources
from pipeline.cluster.errors import ResourceUnavailable
from pipeline.compile import check_repo
from pipeline.config import RunConfig
from pipeline.crate import assemble
from pipeline.metrics import Measured, WorkerSample, sample_worker
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
from pipeline.translate import get_engine
from pipeline.translate.learned.backends import BackendUnavailable, check_backend, worker_plugin
from pipeline.translate.learned.engine import FIRST, Attempt, LearnedEngine, Request
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
# exact-normalised key -> a unit sent to the model, its verified translation (None: none was
# verified) and the outcome of its last attempt
Donated = dict[str, tuple[Unit, Translation | None, str]]


@dataclass(frozen=True)
class LearnState:
    """A partition's learned pass between its tasks: ``learn_prepare``, then rounds of
    ``learn_generate`` (the model: a GPU task) and ``learn_judge`` (compile and verify: CPU
    tasks), ``learn_reuse`` for the copies, more rounds for the copies reuse did not settle,
    and ``learn_finish``. Every task records its worker sample (busy and GPU seconds)."""

    part: PartitionOutput
    refs: list[FileRef]
    whole: dict[str, Unit]  # the units to translate, with their sources
    texts: dict[str, str]  # the partition's files (verification runs the Python)
    keys: dict[str, str]  # unit -> cache key of its learned result
    exact: dict[str, str]  # unit -> exact-normalised key (copies up to renaming share one)
    cached: Accepted
    requests: dict[str, Request]  # every uncached unit's first request
    open: dict[str, Request] = field(default_factory=dict)  # asked in the next round
    copies: dict[str, str] = field(default_factory=dict)  # copy -> its representative
    foreign: frozenset[str] = frozenset()  # copies of units another partition translates
    spent: dict[str, tuple[int, float]] = field(default_factory=dict)  # attempts, GPU s
    notes: dict[str, LearnedNote] = field(default_factory=dict)
    accepted: Accepted = field(default_factory=dict)
    generated: tuple[Attempt, ...] = ()  # to judge
    samples: tuple[WorkerSample, ...] = ()


class Step:
    """A task of the learned chain: ``fn(...)`` returning the state, with the task's worker
    sample (busy seconds; GPU seconds of what it generated) added (Dask names the task after
    ``fn``)."""

    def __init__(self, fn: Callable[..., LearnState]) -> None:
        self.fn = fn
        self.__name__ = fn.__name__

    def __call__(self, *args: Any) -> LearnState:
        started = time.perf_counter()
        new = self.fn(*args)
        before = args[0].generated if isinstance(args[0], LearnState) else ()
        fresh = new.generated if not before else ()  # this step generated them
        sample = sample_worker(time.perf_counter() - started, sum(a.gpu_s for a in fresh))
        return replace(new, samples=(*new.samples, sample))


@dataclass
class _Round:
    """How a partition's learned pass judges translations."""

    part: PartitionOutput
    config: RunConfig
    runtime: Callable[[Iterable[str]], str]
    texts: dict[str, str]
    cases_path: str | None

    def judge(self, attempts: list[Attempt]) -> list[tuple[str, str, VerifyVerdict | None]]:
        """(outcome, feedback for a repair, verdict) per attempt: compile the translations
        with the partition's other compiled units, then verify what compiled."""
        part, runtime = self.part, self.runtime
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


def learn_prepare(
    part: PartitionOutput, refs: list[FileRef], config: RunConfig, cache: Cache | None = None
) -> LearnState:
    """The units the learned engine should take (``candidates``), their verified results
    cached by earlier runs (same unit key, engine version and verification settings), and
    a first request for each of the others, with the most similar verified units of the
    partition as examples. One representative per exact-normalised group of candidates
    (copies up to renaming) is asked first; its copies wait for ``learn_reuse``."""
    todo = candidates(part)
    whole, texts = _whole_units(refs, config) if todo else ({}, {})
    todo = [uid for uid in todo if uid in whole]
    engine_id = f"{LearnedEngine.name}@{LearnedEngine.version}"
    with user_cases(refs, config) as (_, cases_digest):
        options = cache_options(config, cases_digest)
    keys = {uid: unit_key(whole[uid], engine_id, options) for uid in todo}
    cached = _from_cache(cache, keys, whole)
    index = _examples_index(part, whole)
    requests = {
        uid: Request(whole[uid], _examples(index, whole[uid], config))
        for uid in todo
        if uid not in cached
    }
    exact = {uid: minhash.exact_key(whole[uid].source) for uid in requests}
    copies = _copies(exact)
    return LearnState(
        part,
        refs,
        {uid: whole[uid] for uid in todo},
        texts,
        keys,
        exact,
        cached,
        requests,
        open={uid: r for uid, r in requests.items() if uid not in copies},
        copies=copies,
    )


def exact_keys(state: LearnState) -> dict[str, str]:
    """The exact-normalised keys of the units this partition would send to the model."""
    return {uid: state.exact[uid] for uid in state.open}


def learn_defer(state: LearnState, foreign: frozenset[str]) -> LearnState:
    """Hold back the units whose exact-normalised key another partition translates: they
    are copies, settled by ``learn_reuse`` with that partition's verified results."""
    held = {uid for uid in state.open if state.exact[uid] in foreign}
    return replace(
        state,
        open={uid: r for uid, r in state.open.items() if uid not in held},
        foreign=frozenset(held),
    )


def learn_generate(state: LearnState, config: RunConfig) -> LearnState:
    """One round of the model over the open requests, as one batch (the GPU task)."""
    if not state.open:
        return state
    engine = LearnedEngine(config.learned, config.storage_options)
    return replace(state, generated=tuple(engine.translate_batch(list(state.open.values()))))


def learn_judge(state: LearnState, config: RunConfig) -> LearnState:
    """Compile and verify the round's answers (CPU); a failure is fed back for the next
    round (the compiler's message, or the failing input with the expected and the actual
    value), up to ``learned.attempts`` rounds."""
    if not state.generated:
        return state
    spent, notes, accepted, open_ = (
        dict(state.spent),
        dict(state.notes),
        dict(state.accepted),
        dict(state.open),
    )
    attempts = list(state.generated)
    with user_cases(state.refs, config) as (cases_path, _):
        verdicts = _round(state, config, cases_path).judge(attempts)
    for attempt, (outcome, detail, verdict) in zip(attempts, verdicts, strict=True):
        uid = attempt.translation.unit_id
        n, gpu = spent.get(uid, (0, 0.0))
        if outcome != "not_taken":  # no model call was made for it
            n, gpu = n + 1, gpu + attempt.gpu_s
        spent[uid] = (n, gpu)
        notes[uid] = LearnedNote(n, gpu, outcome, detail)
        if outcome == "verified" and verdict is not None:
            accepted[uid] = (attempt.translation, verdict)
        if outcome in ("verified", "fault", "not_taken") or n >= config.learned.attempts:
            open_.pop(uid)
        else:
            open_[uid] = replace(
                open_[uid], previous=attempt.prompt, reply=attempt.reply, feedback=detail
            )
    return replace(state, spent=spent, notes=notes, accepted=accepted, open=open_, generated=())


def learn_donated(state: LearnState) -> Donated:
    """What this partition's first requests gave, by exact-normalised key, for the copies
    of those units (here and in other partitions)."""
    firsts = [uid for uid in state.notes if uid in state.requests and uid not in state.copies]
    return {
        state.exact[uid]: (
            state.whole[uid],
            state.accepted[uid][0] if uid in state.accepted else None,
            state.notes[uid].outcome,
        )
        for uid in sorted(firsts)
    }


def learn_reuse(state: LearnState, config: RunConfig, *donors: Donated) -> LearnState:
    """Copies given their representative's verified Rust (of this partition, or of another
    one's ``donors``), renamed, and judged on their own; a copy of a unit the model did not
    get right is not sent; the other copies are opened for the model."""
    given: Donated = {}
    for donated in donors:
        for key, entry in donated.items():
            given.setdefault(key, entry)
    given.update(learn_donated(state))
    tries: list[Attempt] = []
    origin: dict[str, str] = {}
    notes: dict[str, LearnedNote] = {}
    waiting = sorted([*state.copies, *state.foreign])
    for uid in waiting:
        found = given.get(state.exact[uid])
        if found is None:
            continue
        unit, tr, outcome = found
        renamed = rename(tr, unit, state.whole[uid]) if tr is not None else None
        if tr is None:
            notes[uid] = LearnedNote(
                0, 0.0, outcome, f"not sent: its copy {unit.id} was not verified"
            )
        elif renamed is not None:
            tries.append(Attempt(renamed))
            origin[uid] = unit.id
    accepted = dict(state.accepted)
    with user_cases(state.refs, config) as (cases_path, _):
        judged = _round(state, config, cases_path).judge(tries) if tries else []
    for attempt, (outcome, _, verdict) in zip(tries, judged, strict=True):
        uid = attempt.translation.unit_id
        if outcome == "verified" and verdict is not None:
            accepted[uid] = (attempt.translation, verdict)
            notes[uid] = LearnedNote(0, 0.0, "verified", f"reused the translation of {origin[uid]}")
    return replace(
        state,
        accepted=accepted,
        notes={**state.notes, **notes},
        open={uid: state.requests[uid] for uid in waiting if uid not in notes},
    )


def learn_finish(state: LearnState, config: RunConfig, cache: Cache | None = None) -> Measured:
    """The partition with what the learned engine verified (``part.learned`` says what it
    tried; only verified results are cached), and the chain's worker samples."""
    started = time.perf_counter()
    fresh = state.accepted
    if cache is not None and fresh:
        entries = {
            state.keys[uid]: _entry(tr, v, state.whole[uid]) for uid, (tr, v) in fresh.items()
        }
        put_entries(cache, entries)
    hits = {uid: LearnedNote(0, 0.0, "verified", "from the cache") for uid in state.cached}
    part = _merged(state.part, {**state.cached, **fresh}, {**state.notes, **hits})
    return Measured(part, sample_worker(time.perf_counter() - started), more=state.samples)


Submit = Callable[..., Future]


def submit_chain(
    cpu: Submit,
    gpu: Submit,
    prepared: Future,
    config: RunConfig,
    cache: Cache | None,
    foreign: frozenset[str] = frozenset(),
    donors: tuple[Future, ...] = (),
) -> tuple[Future, Future]:
    """Submit a partition's learned pass after ``learn_prepare``: ``learned.attempts``
    rounds of generation (``gpu``: a task with the learned engine's resources) and judging
    (``cpu``: a task without them, so the GPU is free while rustc and the verifier run),
    reuse for the copies (``foreign``: exact-normalised keys that the partitions behind
    ``donors`` translate), rounds for the copies left, and the finish. Returns the future
    of what this partition's first requests gave (for later partitions' copies) and the
    future of its output."""
    state = cpu(Step(learn_defer), prepared, foreign) if foreign else prepared
    state = _rounds(cpu, gpu, state, config)
    donated = cpu(learn_donated, state)
    state = _rounds(cpu, gpu, cpu(Step(learn_reuse), state, config, *donors), config)
    return donated, cpu(learn_finish, state, config, cache)


def _rounds(cpu: Submit, gpu: Submit, state: Future, config: RunConfig) -> Future:
    for _ in range(config.learned.attempts):
        state = cpu(Step(learn_judge), gpu(Step(learn_generate), state, config), config)
    return state


def _round(state: LearnState, config: RunConfig, cases_path: str | None) -> _Round:
    runtime = get_engine(FIRST).runtime_source
    return _Round(state.part, config, runtime, state.texts, cases_path)


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


def _copies(exact: dict[str, str]) -> dict[str, str]:
    """Unit id -> its group's representative (the first id), for every unit that is an
    exact-normalised copy of an earlier one."""
    first: dict[str, str] = {}
    copies: dict[str, str] = {}
    for uid in sorted(exact):
        key = exact[uid]
        if key in first:
            copies[uid] = first[key]
        else:
            first[key] = uid
    return copies


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
