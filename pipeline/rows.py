"""The manifest's rows: of a file, of a unit (from its translation, compile outcome, verdict
and learned-engine note), and the verified pairs exported as training data."""

from __future__ import annotations

import json
from dataclasses import replace

from pipeline.checks import COMPILE_FAULT
from pipeline.config import RunConfig
from pipeline.outputs import PartitionOutput
from pipeline.records import (
    Diagnostic,
    Status,
    Translation,
    TranslationStatus,
    Unit,
    UnitRecord,
    VerifyVerdict,
)


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


def final_record(unit: Unit, part: PartitionOutput, config: RunConfig) -> UnitRecord:
    rec = _engine_record(unit, part, config)
    note = part.learned.get(unit.id)
    if note is None:
        return rec
    tried = f"learned engine, {note.attempts} attempt(s): {note.outcome}: {note.detail}"
    if note.outcome == "verified":
        tried = f"learned engine: {note.detail}" if note.detail else ""
    reason = " | ".join(r for r in (rec.reason, tried) if r)
    codes = rec.codes + (("PT064",) if note.outcome == "fault" else ())
    return replace(
        rec,
        reason=reason,
        codes=codes,
        attempts=note.attempts,
        gpu_s=note.gpu_s,
        learned=note.outcome,
    )


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


def verified_pairs(part: PartitionOutput) -> list[dict]:
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
