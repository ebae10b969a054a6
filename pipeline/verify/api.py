"""Public entry points: verify_crate (the runner's); verify_unit, verify_one and
format_side_by_side (for the CLI's ``portalis verify PATH.py::func``)."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path

from pipeline.faults import ATTEMPTS, Fault
from pipeline.records import FnSig, Status, Translation, Unit, VerifyVerdict
from pipeline.verify.compare import Tolerance
from pipeline.verify.execute import Execution, RustBuild, execute
from pipeline.verify.inputs import load_cases_file
from pipeline.verify.options import VerifyOptions
from pipeline.verify.outcome import FnResult, Row, judge_fn, rows_for, unit_verdict
from pipeline.verify.plan import FnPlan, PlanSettings, plan_items
from pipeline.verify.runtime import default_store


def _run_retried(
    crate_name: str,
    crate_files: dict[str, str],
    modules: dict[str, str],
    items: list[tuple[Unit, Translation]],
    options: VerifyOptions,
) -> tuple[list[FnPlan], Execution, float]:
    """:func:`_run`, again after a fault of the machinery (a rustc, harness or Python child
    killed from outside, a full disk...); the last Fault propagates."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _run(crate_name, crate_files, modules, items, options)
        except Fault:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _run(
    crate_name: str,
    crate_files: dict[str, str],
    modules: dict[str, str],
    items: list[tuple[Unit, Translation]],
    options: VerifyOptions,
) -> tuple[list[FnPlan], Execution, float]:
    """Plan and execute every entry point; (plans, execution, wall seconds)."""
    start = time.monotonic()
    user, note = load_cases_file(options.cases_file)
    store = _runtime_store(options)
    draws = store / DRAWS if store is not None else None
    count, seed = options.examples_per_function, options.seed
    settings = PlanSettings(count, seed, user, _first(options), draws)
    execution = Execution()
    with (
        tempfile.TemporaryDirectory(prefix="portalis-verify-", ignore_cleanup_errors=True) as tmp,
        RustBuild(crate_name, crate_files, Path(tmp), store) as build,
    ):
        with execution.timed("plan"):  # while the rlib builds
            plans = plan_items(items, modules, crate_name, settings)
        for plan in plans:
            plan.notes += [note] if note else []
        execute(build, modules, plans, options, Path(tmp), execution)
    return plans, execution, time.monotonic() - start


def _first(options: VerifyOptions) -> int | None:
    """Generated inputs drawn at planning: all of them without coverage-guided stopping, else
    the floor and one patience's worth (the Python side draws more as it needs them)."""
    if options.coverage_patience <= 0:
        return None
    return options.min_examples + options.coverage_patience


DRAWS = "draws"  # the kept draws' directory in the artifact store (strategies.draw_stream)


def _runtime_store(options: VerifyOptions) -> Path | None:
    return default_store() if options.reuse_runtime else None


def _tolerance(options: VerifyOptions) -> Tolerance:
    return Tolerance(options.float_rel_tol, options.float_abs_tol)


def _no_sig_reason(translation: Translation) -> str:
    if not translation.ok:
        return "translation refused: " + (translation.reason or "no reason given")
    return "no callable entry point (no FnSig) to test"


def verify_crate(
    crate_name: str,
    crate_files: dict[str, str],
    modules: dict[str, str],
    items: list[tuple[Unit, Translation]],
    options: VerifyOptions | None = None,
    phases: dict[str, float] | None = None,
) -> list[VerifyVerdict]:
    """One VerifyVerdict per unit in ``items``, in order. Never raises for bad input: a
    failure of the verifier itself becomes INTERNAL_ERROR verdicts with the traceback.
    ``phases``, when given, receives the wall seconds of each phase (plan, python,
    rustc_rlib, harness_generate, rustc_harness, harness_run, compare)."""
    options = options or VerifyOptions()
    if not items:
        return []
    try:
        plans, execution, wall = _run_retried(crate_name, crate_files, modules, items, options)
        with execution.timed("compare"):
            verdicts = _verdicts(items, plans, execution, wall, _tolerance(options))
        if phases is not None:
            for phase, seconds in execution.phases.items():  # a partition may verify twice
                phases[phase] = phases.get(phase, 0.0) + seconds
        return verdicts
    except Exception:
        return _internal_error(items)


def _internal_error(items: list[tuple[Unit, Translation]]) -> list[VerifyVerdict]:
    """INTERNAL_ERROR verdicts: the fault's cause after its retries, or the end of the current
    exception's traceback (a bug of the verifier). Never cached: a re-run tries again."""
    exc = sys.exception()
    if isinstance(exc, Fault):
        reason = f"verifier fault (after {ATTEMPTS} tries): {exc}"
    else:
        reason = "verifier failed: " + traceback.format_exc()[-1000:]  # the end names it
    return [VerifyVerdict(unit.id, Status.INTERNAL_ERROR, reason=reason) for unit, _ in items]


def _verdicts(
    items: list[tuple[Unit, Translation]],
    plans: list[FnPlan],
    execution: Execution,
    wall: float,
    tol: Tolerance,
) -> list[VerifyVerdict]:
    """Judge every plan; combine per unit; share the wall time by number of inputs."""
    by_unit: dict[str, list[FnResult]] = {}
    inputs: dict[str, int] = {}
    evidence: dict[str, list[tuple[str, str, str]]] = {}
    for plan in plans:
        rows = rows_for(plan, tol)
        evidence.setdefault(plan.unit.id, []).extend(
            (r.function, r.inputs, r.python) for r in rows if r.outcome == "match"
        )
        result = judge_fn(plan, rows, execution.build_errors.get(plan.index, ""))
        by_unit.setdefault(plan.unit.id, []).append(result)
        inputs[plan.unit.id] = inputs.get(plan.unit.id, 0) + len(plan.cases)
    total = sum(inputs.values()) or 1
    return [
        replace(
            unit_verdict(
                unit.id,
                by_unit.get(unit.id, []),
                wall * inputs.get(unit.id, 0) / total,
                _no_sig_reason(translation),
            ),
            evidence=tuple(evidence.get(unit.id, ())),
        )
        for unit, translation in items
    ]


def verify_unit(
    crate_name: str,
    crate_files: dict[str, str],
    modules: dict[str, str],
    unit: Unit,
    translation: Translation,
    options: VerifyOptions | None = None,
    py_name: str | None = None,
) -> tuple[VerifyVerdict, list[Row]]:
    """One unit's verdict and every input's Row, from a single run (``py_name``: only that
    entry point). Never raises: a verifier failure is an INTERNAL_ERROR verdict, no rows."""
    options = options or VerifyOptions()
    if py_name is not None:
        sigs = tuple(s for s in translation.signatures if s.py_name == py_name)
        translation = _with_signatures(translation, sigs)
    items = [(unit, translation)]
    tol = _tolerance(options)
    try:
        plans, execution, wall = _run_retried(crate_name, crate_files, modules, items, options)
        rows = [row for plan in plans for row in rows_for(plan, tol)]
        return _verdicts(items, plans, execution, wall, tol)[0], rows
    except Exception:
        return _internal_error(items)[0], []


def verify_one(
    crate_name: str,
    crate_files: dict[str, str],
    modules: dict[str, str],
    unit: Unit,
    translation: Translation,
    options: VerifyOptions | None = None,
    py_name: str | None = None,
) -> list[Row]:
    """Every input of one unit (or of its entry point ``py_name``) with both results, for
    ``portalis verify PATH.py::func``; see :func:`verify_unit` for the verdict as well."""
    return verify_unit(crate_name, crate_files, modules, unit, translation, options, py_name)[1]


def _with_signatures(translation: Translation, sigs: tuple[FnSig, ...]) -> Translation:
    return replace(translation, signatures=sigs)


COLUMNS = (("#", 4), ("function", 14), ("input", 28), ("python", 24), ("rust", 24), ("verdict", 60))


def format_side_by_side(rows: list[Row]) -> str:
    """A plain-text table: input, Python result, Rust result, verdict per row."""

    def cell(text: str, width: int) -> str:
        text = text.replace("\n", "\\n")
        return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"

    header = " ".join(cell(name, width) for name, width in COLUMNS).rstrip()
    lines = [header, "-" * len(header)]
    for n, row in enumerate(rows, 1):
        mark = {True: "ok", False: "DIFF", None: row.outcome}[row.match]
        if row.match is not True and row.note:
            mark = f"{mark} ({row.note})"
        values = (str(n), row.function, row.inputs, row.python, row.rust, mark)
        cells = (cell(v, w) for v, (_, w) in zip(values, COLUMNS, strict=True))
        lines.append(" ".join(cells).rstrip())
    matched = sum(r.match is True for r in rows)
    compared = sum(r.match is not None for r in rows)
    lines.append(f"{matched}/{compared} inputs match ({len(rows) - compared} dropped or skipped)")
    return "\n".join(lines)
