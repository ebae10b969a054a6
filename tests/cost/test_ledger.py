"""The usage ledger: append-only files through fsspec (local and a real S3 server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cost.ledger import LedgerError, append, read_ledger, read_records
from tests.cost.records import NOW, known, record


def test_append_never_rewrites_and_reads_back_everything(tmp_path: Path) -> None:
    url = str(tmp_path / "ledger")
    first = append(url, known())
    second = append(url, [record(run_id="run3")])
    assert first != second
    assert Path(first).read_text().count("\n") == 2  # the first file is untouched
    got = read_records(url)
    assert sorted(r.run_id for r in got) == ["run1", "run2", "run3"]
    assert sum(r.cost_usd for r in got) == pytest.approx(2.0 + 2.0 + 2.0)
    assert append(url, []) == ""
    assert read_records(str(tmp_path / "absent")) == []


def test_read_ledger_is_a_dataframe_with_derived_columns(tmp_path: Path) -> None:
    url = str(tmp_path / "ledger")
    append(url, known())
    frame = read_ledger(url)
    assert list(frame.sort_values("tenant")["cost_usd"]) == pytest.approx([2.0, 2.0])
    assert list(frame.sort_values("tenant")["efficiency"]) == pytest.approx([0.5, 1.0])
    assert frame["provisioned_s"].sum() == pytest.approx(3 * 3600)


def test_a_corrupt_line_names_its_file_and_line(tmp_path: Path) -> None:
    url = str(tmp_path / "ledger")
    path = Path(append(url, known()))
    path.write_text(path.read_text() + '{"run_id": "x"}\n')
    with pytest.raises(LedgerError, match=rf"{path.name}: line 3: not a usage record"):
        read_records(url)


def test_ledger_on_s3(s3_server) -> None:
    url = f"s3://{s3_server.bucket}/cost/ledger"
    append(url, known(), s3_server.storage_options)
    got = read_records(url, s3_server.storage_options)
    assert [r.tenant for r in got] == ["acme", "beta"]


def test_since_skips_older_days(tmp_path: Path) -> None:
    url = str(tmp_path / "ledger")
    append(url, [record(run_id="old", start=NOW - 3 * 86400, end=NOW - 3 * 86400 + 60)])
    append(url, known())
    assert {r.run_id for r in read_records(url, since=NOW - 86400)} == {"run1", "run2"}
    assert len(read_records(url)) == 3
