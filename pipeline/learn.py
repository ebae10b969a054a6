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
from dataclasses import replace

from distributed import Client

from pipeline.cluster import check_resources
from pipeline.cluster.errors import ResourceUnavailable
from pipeline.compile import check_repo
from pipeline.config import RunConfig
from pipeline.crate import assemble
from pipeline.records import FileRef, LearnedNote, Status, Translation, Unit, VerifyVerdict
from pipeline.similarity import minhash
from pipeline.stages import PartitionOutput, run_verifier, user_cases
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
    (not crashed) or ``mismatch``, and not called by another compiled unit (a different
    signature would break its caller)."""
    compiled = {u.id for u, _ in part.compiled()}
    ids = []
    for unit in part.units:
        tr = part.translations[unit.id]
        verdict = part.verdicts.get(unit.id)
        refused = not tr.ok and tr.status != "internal_error"
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


def learn_partition(
    part: PartitionOutput, refs: list[FileRef], config: RunConfig
) -> PartitionOutput:
    """``part`` with what the learned engine verified; ``part.learned`` says what it tried."""
    todo = candidates(part)
    if not todo:
        return part
    whole, texts = _whole_units(refs, config)
    todo = [uid for uid in todo if uid in whole]
    engine = LearnedEngine(config.learned, config.storage_options)
    index = _examples_index(part, whole)
    requests = {uid: Request(whole[uid], _examples(index, whole[uid], config)) for uid in todo}
    spent: dict[str, tuple[int, float]] = {uid: (0, 0.0) for uid in todo}
    done: dict[str, LearnedNote] = {}
    accepted: dict[str, tuple[Translation, VerifyVerdict]] = {}
    with user_cases(refs, config) as (cases_path, _):
        for _ in range(config.learned.attempts):
            if not requests:
                break
            attempts = engine.translate_batch(list(requests.values()))
            judged = _judge(part, attempts, texts, config, cases_path)
            for attempt, (outcome, detail, verdict) in zip(attempts, judged, strict=True):
                uid = attempt.translation.unit_id
                n, gpu = spent[uid]
                spent[uid] = (n + 1, gpu + attempt.gpu_s)
                done[uid] = LearnedNote(n + 1, gpu + attempt.gpu_s, outcome, detail)
                if outcome == "verified" and verdict is not None:
                    accepted[uid] = (attempt.translation, verdict)
                if outcome in ("verified", "fault", "not_taken"):
                    requests.pop(uid)
                else:
                    requests[uid] = replace(
                        requests[uid], previous=attempt.prompt, reply=attempt.reply, feedback=detail
                    )
    return _merged(part, accepted, done)


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


def _judge(
    part: PartitionOutput,
    attempts: list[Attempt],
    texts: dict[str, str],
    config: RunConfig,
    cases_path: str | None,
) -> list[tuple[str, str, VerifyVerdict | None]]:
    """(outcome, feedback for a repair, verdict) per attempt: compile the translations
    with the partition's other compiled units, then verify what compiled."""
    mine = {a.translation.unit_id for a in attempts}
    light = {u.id: u for u in part.units}
    context = [(u, tr) for u, tr in part.compiled() if u.id not in mine]
    items = [(light[a.translation.unit_id], a.translation) for a in attempts if a.translation.ok]
    failed: dict[str, tuple[list[str], str]] = {}
    verdicts: dict[str, VerifyVerdict] = {}
    if items:
        engine = LearnedEngine(config.learned)
        outcome = check_repo(part.repo, items + context, engine.runtime_source, format=False)
        failed = outcome.failed
        alive = [(u, tr) for u, tr in items if u.id not in failed]
        if alive and config.verify.enabled:
            crate = assemble(part.repo, alive + context, engine.runtime_source)
            found = run_verifier(crate, alive, texts, config, cases_path)
            verdicts = {v.unit_id: v for v in found}
    return [_outcome(a, failed, verdicts) for a in attempts]


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
