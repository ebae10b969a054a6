"""The Parquet manifest: fixed schema, sorted rows, lossless round trip with pyarrow."""

from __future__ import annotations

import io
from dataclasses import asdict

import pyarrow.parquet as pq

from pipeline.records import Status, UnitRecord
from pipeline.storage.manifest import SCHEMA, to_parquet_bytes, to_table


def records() -> list[UnitRecord]:
    return [
        UnitRecord(
            unit_id="demo:pkg/m.py::g",
            repo="demo",
            path="pkg/m.py",
            qualname="g",
            kind="function",
            first_line=10,
            last_line=14,
            status=Status.MISMATCH,
            reason="differs on g(3)",
            codes=("PT100", "PT101"),
            engine="rules@1",
            translate_s=0.25,
            compile_s=1.5,
            verify_s=0.125,
            inputs_tried=50,
            inputs_matched=49,
            mismatch_inputs="(3,)",
            mismatch_expected="9",
            mismatch_actual="raised panic: ünï",
        ),
        UnitRecord(
            unit_id="demo:a.py::Stack",
            repo="demo",
            path="a.py",
            qualname="Stack",
            kind="class",
            first_line=1,
            last_line=30,
            status=Status.VERIFIED,
            engine="rules@1",
            inputs_tried=50,
            inputs_matched=50,
            in_crate=True,
            typing="xs: list[int] (calls); s: str (usage)",
        ),
        UnitRecord(
            unit_id="demo:bad.py",
            repo="demo",
            path="bad.py",
            qualname="",
            kind="file",
            first_line=3,
            last_line=3,
            status=Status.PARSE_ERROR,
            reason="PT005 line 3: syntax error",
            codes=("PT005",),
        ),
    ]


def read(data: bytes):
    return pq.read_table(io.BytesIO(data))


def test_round_trip_keeps_schema_and_values() -> None:
    table = read(to_parquet_bytes(records()))
    assert table.schema.equals(SCHEMA)
    rows = table.to_pylist()
    assert [r["unit_id"] for r in rows] == ["demo:a.py::Stack", "demo:bad.py", "demo:pkg/m.py::g"]
    by_id = {r["unit_id"]: r for r in rows}
    for rec in records():
        row = by_id[rec.unit_id]
        expected = asdict(rec)
        expected["status"] = str(rec.status)
        expected["lines"] = rec.lines
        expected["codes"] = list(rec.codes)
        assert row == expected
    assert by_id["demo:pkg/m.py::g"]["codes"] == ["PT100", "PT101"]
    assert by_id["demo:pkg/m.py::g"]["lines"] == 5
    assert by_id["demo:a.py::Stack"]["codes"] == []
    assert by_id["demo:bad.py"]["status"] == "parse_error"
    assert by_id["demo:a.py::Stack"]["in_crate"] and not by_id["demo:pkg/m.py::g"]["in_crate"]
    assert by_id["demo:a.py::Stack"]["typing"] == "xs: list[int] (calls); s: str (usage)"


def test_every_status_is_a_plain_string() -> None:
    recs = [
        UnitRecord(f"r:m.py::f{i}", "r", "m.py", f"f{i}", "function", i + 1, i + 1, status)
        for i, status in enumerate(Status)
    ]
    table = read(to_parquet_bytes(recs))
    assert sorted(table.column("status").to_pylist()) == sorted(s.value for s in Status)


def test_empty_manifest_keeps_schema() -> None:
    table = read(to_parquet_bytes([]))
    assert table.num_rows == 0 and table.schema.equals(SCHEMA)


def test_deterministic_bytes() -> None:
    recs = records()
    assert to_parquet_bytes(recs) == to_parquet_bytes(list(reversed(recs)))
    assert to_table(recs).equals(to_table(list(reversed(recs))))
