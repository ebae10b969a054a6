"""The learned stage's choices, on records: which units go to the model, and how a copy gets
its representative's Rust."""

from __future__ import annotations

import hashlib

from pipeline.learn import candidates, rename
from pipeline.outputs import PartitionOutput
from pipeline.records import (
    Diagnostic,
    FnSig,
    Mismatch,
    Param,
    SourceFile,
    Status,
    Translation,
    TranslationStatus,
    VerifyVerdict,
)
from pipeline.units.shard import shard_file

SOURCE = """\
def ok(x: int) -> int:
    return x


def refused(x: int) -> int:
    return x.bit_length()


def wrong(x: int) -> int:
    return x


def crashed(x: int) -> int:
    return x


def waiting(x):
    return x


def wrong_but_called(x: int) -> int:
    return x


def caller(x: int) -> int:
    return wrong_but_called(x)
"""


def units() -> dict:
    sf = SourceFile("r", "m.py", len(SOURCE), hashlib.sha256(SOURCE.encode()).hexdigest(), SOURCE)
    return {u.qualname: u for u in shard_file(sf).units}


def test_candidates_are_refused_or_mismatched_units_nobody_compiled_calls() -> None:
    us = units()
    ok = {"ok", "wrong", "wrong_but_called", "caller"}
    part = PartitionOutput(repo="r", units=list(us.values()))
    for name, unit in us.items():
        if name in ok:
            part.translations[unit.id] = Translation(
                unit.id, "rules@0", TranslationStatus.TRANSLATED, rust="fn x() {}"
            )
        else:
            diag = (Diagnostic("PT013", "no"),)
            crashed = name == "crashed"
            status = TranslationStatus.INTERNAL_ERROR if crashed else TranslationStatus.REFUSED
            part.translations[unit.id] = Translation(unit.id, "rules@0", status, diagnostics=diag)
    for name in ("ok", "caller"):
        part.verdicts[us[name].id] = VerifyVerdict(us[name].id, Status.VERIFIED)
    for name in ("wrong", "wrong_but_called"):
        part.verdicts[us[name].id] = VerifyVerdict(
            us[name].id, Status.MISMATCH, mismatch=Mismatch("(1,)", "1", "2")
        )
    part.pending = [us["waiting"].id]
    assert candidates(part) == [us["refused"].id, us["wrong"].id]


def test_rename_maps_a_copy_names_position_by_position() -> None:
    src = units()["refused"]
    text = "def nbits(n: int) -> int:\n    return n.bit_length()\n"
    sf = SourceFile("r", "m.py", len(text), hashlib.sha256(text.encode()).hexdigest(), text)
    (copy,) = shard_file(sf).units
    sig = FnSig("refused", "refused", (Param("x", "int", "value"),), "int")
    tr = Translation(
        src.id,
        "learned@0",
        TranslationStatus.TRANSLATED,
        rust="pub fn refused(x: i64) -> i64 {\n    let xx = x;\n    xx\n}\n",
        signatures=(sig,),
    )
    got = rename(tr, src, copy)
    assert got is not None and got.unit_id == copy.id
    assert got.rust == "pub fn nbits(n: i64) -> i64 {\n    let xx = n;\n    xx\n}\n"
    assert got.signatures == (FnSig("nbits", "nbits", (Param("n", "int", "value"),), "int"),)


def test_rename_refuses_an_ambiguous_mapping() -> None:
    a = "def f(x: int, y: int) -> int:\n    return x + y\n"
    b = "def g(z: int, z2: int) -> int:\n    return z + z\n"
    ua, ub = (
        shard_file(
            SourceFile("r", "m.py", len(t), hashlib.sha256(t.encode()).hexdigest(), t)
        ).units[0]
        for t in (a, b)
    )
    tr = Translation(
        ua.id,
        "learned@0",
        TranslationStatus.TRANSLATED,
        rust="pub fn f(x: i64, y: i64) -> i64 { x + y }",
    )
    assert rename(tr, ua, ub) is None  # y would map to both z2 and z
