"""Records <-> JSON-able dicts, for cache entries: units, translations, verdicts, manifest rows,
and a partition's whole outcome (``partition_to_dict``).

Diagnostic lines are stored relative to the unit's first line, so a function that merely moved
in its file still hits the cache and reports the right line.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from pipeline.outputs import PartitionOutput
from pipeline.records import (
    ClassSig,
    Diagnostic,
    FileRef,
    FnSig,
    Mismatch,
    Param,
    Status,
    Translation,
    TranslationStatus,
    Unit,
    UnitRecord,
    VerifyVerdict,
)

# of a partition's cache entry (2: calls exported, waiting units; 3: the refs of all its files,
# which the wave's verification imports; 4: a translation's status a TranslationStatus)
PARTITION_FORMAT = 4


def translation_to_dict(tr: Translation, first_line: int) -> dict[str, Any]:
    data = asdict(tr)
    data["diagnostics"] = [_shift(d, -first_line + 1) for d in data["diagnostics"]]
    return data


def _fn_sig(s: dict[str, Any]) -> FnSig:
    return FnSig(s["py_name"], s["rust_name"], tuple(Param(**p) for p in s["params"]), s["returns"])


def translation_from_dict(data: dict[str, Any], unit_id: str, first_line: int) -> Translation:
    sigs = tuple(_fn_sig(s) for s in data["signatures"])
    diags = tuple(Diagnostic(**_shift(d, first_line - 1)) for d in data["diagnostics"])
    classes = tuple(
        ClassSig(
            c["py_name"],
            c["rust_name"],
            tuple(Param(**p) for p in c["init"]),
            tuple(Param(**p) for p in c["fields"]),
            tuple(c.get("defaults", ())),
            tuple(c.get("variants", ())),
            bool(c.get("handle", False)),
            tuple(_fn_sig(m) for m in c.get("mutators", ())),
        )
        for c in data.get("classes", ())
    )
    return Translation(
        unit_id=unit_id,
        engine=data["engine"],
        status=TranslationStatus(data["status"]),
        rust=data["rust"],
        uses=tuple(data["uses"]),
        helpers=tuple(data["helpers"]),
        signatures=sigs,
        diagnostics=diags,
        seconds=data["seconds"],
        classes=classes,
        typing=tuple(data.get("typing", ())),
    )


def verdict_to_dict(v: VerifyVerdict) -> dict[str, Any]:
    """``asdict(v)`` with the status as text, without asdict's deep copy of the evidence
    (immutable strings; copying them cost ~1 ms per verified function)."""
    data = {f.name: getattr(v, f.name) for f in fields(v)}
    data["status"] = str(v.status)
    data["mismatch"] = asdict(v.mismatch) if v.mismatch is not None else None
    return data


def verdict_from_dict(data: dict[str, Any], unit_id: str) -> VerifyVerdict:
    mismatch = Mismatch(**data["mismatch"]) if data.get("mismatch") else None
    verdict = VerifyVerdict(
        unit_id=unit_id,
        status=Status(data["status"]),
        inputs_tried=data["inputs_tried"],
        inputs_matched=data["inputs_matched"],
        mismatch=mismatch,
        reason=data["reason"],
        seconds=data["seconds"],
        evidence=tuple(tuple(e) for e in data.get("evidence", ())),
    )
    return verdict


def _shift(d: dict[str, Any], delta: int) -> dict[str, Any]:
    out = dict(d)
    if out.get("line") is not None:
        out["line"] = out["line"] + delta
    return out


def light_unit_to_dict(u: Unit) -> dict[str, Any]:
    """A unit without its source and context (what finishing a repository needs)."""
    return {
        "id": u.id,
        "repo": u.repo,
        "path": u.path,
        "module": u.module,
        "qualname": u.qualname,
        "kind": u.kind,
        "first_line": u.first_line,
        "last_line": u.last_line,
        "calls": list(u.calls),
        "file_sha256": u.file_sha256,
    }


def light_unit_from_dict(d: dict[str, Any]) -> Unit:
    return Unit(
        id=d["id"],
        repo=d["repo"],
        path=d["path"],
        module=d["module"],
        qualname=d["qualname"],
        kind=d["kind"],
        source="",
        first_line=d["first_line"],
        last_line=d["last_line"],
        calls=tuple(d["calls"]),
        file_sha256=d["file_sha256"],
    )


def fileref_from_dict(d: dict[str, Any]) -> FileRef:
    return FileRef(
        str(d["repo"]), str(d["path"]), str(d["url"]), int(d["size"]), str(d.get("module", ""))
    )


def record_to_dict(r: UnitRecord) -> dict[str, Any]:
    data = asdict(r)
    data["status"] = str(r.status)
    return data


def record_from_dict(d: dict[str, Any]) -> UnitRecord:
    return UnitRecord(**{**d, "status": Status(d["status"]), "codes": tuple(d["codes"])})


def partition_to_dict(out: PartitionOutput) -> dict:
    """A partition's whole outcome as a cache entry (``PARTITION_FORMAT``)."""
    return {
        "partition": PARTITION_FORMAT,
        "repo": out.repo,
        "lines": out.lines,
        "units": [light_unit_to_dict(u) for u in out.units],
        "translations": {uid: translation_to_dict(tr, 1) for uid, tr in out.translations.items()},
        "records": [record_to_dict(r) for r in out.records],
        "failed": {k: list(v) for k, v in out.failed.items()},
        "verdicts": {k: verdict_to_dict(v) for k, v in out.verdicts.items()},
        "pairs": out.pairs,
        "outgoing": [list(c) for c in out.outgoing],
        "aliases": [list(a) for a in out.aliases],
        "pending": list(out.pending),
        "pending_refs": {path: asdict(ref) for path, ref in out.pending_refs.items()},
    }


def partition_from_dict(data: dict | None, repo: str) -> PartitionOutput | None:
    """The outcome a cache entry holds, or None for a foreign, outdated or damaged one."""
    if data is None or data.get("partition") != PARTITION_FORMAT or data.get("repo") != repo:
        return None
    try:
        units = [light_unit_from_dict(d) for d in data["units"]]
        out = PartitionOutput(
            repo=repo,
            units=units,
            lines=int(data["lines"]),
            translations={
                uid: replace(translation_from_dict(d, uid, 1), seconds=0.0)
                for uid, d in data["translations"].items()
            },
            records=[record_from_dict(d) for d in data["records"]],
            failed={k: (list(v[0]), str(v[1])) for k, v in data["failed"].items()},
            verdicts={k: verdict_from_dict(d, k) for k, d in data["verdicts"].items()},
            pairs=list(data["pairs"]),
            cache_hits=len(units),
            outgoing=[(str(a), str(b), str(c), str(d)) for a, b, c, d in data["outgoing"]],
            aliases=[(str(a), str(b), str(c)) for a, b, c in data["aliases"]],
            pending=[str(uid) for uid in data["pending"]],
            pending_refs={p: fileref_from_dict(d) for p, d in data["pending_refs"].items()},
        )
    except (KeyError, TypeError, ValueError):
        return None
    return out if all(u.id in out.translations for u in units) else None
