"""The results manifest: one Parquet row per unit (every function accounted for once)."""

from __future__ import annotations

import io
from dataclasses import fields

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import UnitRecord

SCHEMA = pa.schema(
    [
        ("unit_id", pa.string()),
        ("repo", pa.string()),
        ("path", pa.string()),
        ("qualname", pa.string()),
        ("kind", pa.string()),
        ("first_line", pa.int32()),
        ("last_line", pa.int32()),
        ("lines", pa.int32()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("codes", pa.list_(pa.string())),
        ("engine", pa.string()),
        ("translate_s", pa.float64()),
        ("compile_s", pa.float64()),
        ("verify_s", pa.float64()),
        ("inputs_tried", pa.int32()),
        ("inputs_matched", pa.int32()),
        ("mismatch_inputs", pa.string()),
        ("mismatch_expected", pa.string()),
        ("mismatch_actual", pa.string()),
        ("in_crate", pa.bool_()),
        ("typing", pa.string()),
        ("attempts", pa.int32()),
        ("gpu_s", pa.float64()),
        ("learned", pa.string()),
    ]
)
_FIELDS = [f.name for f in fields(UnitRecord)]


def to_table(records: list[UnitRecord]) -> pa.Table:
    """Records sorted by unit id, as an Arrow table with a fixed schema."""
    rows = sorted(records, key=lambda r: r.unit_id)
    columns = {name: [getattr(r, name) for r in rows] for name in _FIELDS}
    columns["status"] = [str(s) for s in columns["status"]]
    columns["lines"] = [r.lines for r in rows]
    return pa.table({name: columns[name] for name in SCHEMA.names}, schema=SCHEMA)


def to_parquet_bytes(records: list[UnitRecord]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(to_table(records), buf, compression="zstd")
    return buf.getvalue()


PAIRS_SCHEMA = pa.schema(
    [
        ("unit_id", pa.string()),
        ("repo", pa.string()),
        ("path", pa.string()),
        ("qualname", pa.string()),
        ("python", pa.string()),
        ("rust", pa.string()),
        ("helpers", pa.list_(pa.string())),
        ("engine", pa.string()),
        ("signatures", pa.string()),
        ("entry_points", pa.list_(pa.string())),
        ("inputs", pa.list_(pa.string())),
        ("outputs", pa.list_(pa.string())),
    ]
)


def pairs_to_parquet_bytes(pairs: list[dict]) -> bytes:
    """Verified translation pairs (sorted by unit id) as Parquet: training data."""
    rows = sorted(pairs, key=lambda r: r["unit_id"])
    table = pa.Table.from_pylist(rows, schema=PAIRS_SCHEMA)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()
