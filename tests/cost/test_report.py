"""Allocation, recommendations, forecast and rendering over known usage."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline.cost import report
from pipeline.cost.allocation import WindowError, parse_window
from pipeline.cost.ledger import append
from tests.cost.records import HOUR, NOW, known, record


def test_allocation_by_tenant_with_idle_row_and_efficiency() -> None:
    alloc = report.allocate(known(), window="1d", aggregate="tenant", now=NOW)
    rows = {r.name: r for r in alloc.rows}
    assert rows["acme"].cost_usd == pytest.approx(1.0)  # $2 provisioned, half of it used
    assert rows["acme"].efficiency == pytest.approx(0.5)
    assert rows["beta"].cost_usd == pytest.approx(2.0)
    assert rows["beta"].efficiency == pytest.approx(1.0)
    assert alloc.idle.name == "__idle__"
    assert alloc.idle.idle_cost_usd == pytest.approx(1.0)
    assert alloc.total_cost_usd == pytest.approx(4.0)
    assert alloc.efficiency == pytest.approx((2 + 1) / (4 + 1))
    assert sum(r.cost_usd for r in alloc.rows) + alloc.idle.idle_cost_usd == pytest.approx(4.0)


def test_window_prorates_records_across_its_edges() -> None:
    alloc = report.allocate(known(), window="2h", aggregate="tenant", now=NOW)
    rows = {r.name: r for r in alloc.rows}
    assert rows["acme"].total_cost_usd == pytest.approx(1.0)  # 1 of its 2 hours inside
    assert rows["beta"].total_cost_usd == pytest.approx(2.0)
    assert report.allocate(known(), window="yesterday", now=NOW).total_cost_usd == pytest.approx(4)
    assert report.allocate(known(), window="today", now=NOW).rows == []
    span = "2026-12-06T22:00:00Z,2026-12-06T22:30:00"
    assert report.allocate(known(), window=span, now=NOW).total_cost_usd == pytest.approx(0.5 + 1.0)


def test_several_aggregations() -> None:
    alloc = report.allocate(known(), window="7d", aggregate="tenant,instance_type", now=NOW)
    assert sorted(r.name for r in alloc.rows) == ["acme/m5.xlarge", "beta/g4dn.xlarge"]
    with pytest.raises(WindowError, match="unknown aggregation unit"):
        report.allocate(known(), aggregate="tenant,unit", now=NOW)
    with pytest.raises(WindowError, match="unknown window"):
        parse_window("fortnight", NOW)


def test_recommendations_with_monthly_figures() -> None:
    recs = {(r.kind, r.subject): r for r in report.recommend(known(), window="1d", now=NOW)}
    # acme: $2/day on-demand batch work, spot at 0.4 of the price -> $1.20/day -> $36/month
    assert recs["spot", "m5.xlarge"].monthly_savings_usd == pytest.approx(36.0)
    assert ("spot", "g4dn.xlarge") not in recs  # interactive work stays on-demand
    assert recs["idle", "m5.xlarge"].monthly_savings_usd == pytest.approx(30.0)
    # 1 thread busy at peak of 2 requested, 1 GiB of 8: 2 threads (1/0.7 -> 2), 1.43 GiB
    # on an m5.xlarge (4 CPUs, 16 GiB): share 0.5 instead of 1 -> half of $2/day
    assert recs["right_size", "m5.xlarge"].monthly_savings_usd == pytest.approx(30.0)
    assert not any(kind == "reserved" for kind, _ in recs)  # a 1-day window is not steady use


def test_reserved_for_steady_daily_use() -> None:
    days = [
        record(run_id=f"d{d}", start=NOW - (d + 1) * 86400, end=NOW - (d + 1) * 86400 + 2 * HOUR)
        for d in range(7)
    ]
    recs = [r for r in report.recommend(days, window="7d", now=NOW) if r.kind == "reserved"]
    assert len(recs) == 1
    assert recs[0].monthly_savings_usd == pytest.approx(2.0 * 30 * (1 - 0.6))


def test_forecast_month_end() -> None:
    got = report.forecast(known(), now=NOW)  # Dec 7, 00:00: 6 days spent, 25 left
    beta = got["beta"]
    assert beta.month_to_date_usd == pytest.approx(2.0)
    assert beta.daily_rate_usd == pytest.approx(2.0 / 6)
    assert beta.forecast_usd == pytest.approx(2.0 + 2.0 / 6 * 25)
    assert got["__total__"].month_to_date_usd == pytest.approx(4.0)


def test_render_formats_from_a_ledger(tmp_path: Path) -> None:
    url = str(tmp_path / "ledger")
    append(url, known())
    built = report.build(url, window="1d", aggregate="tenant", now=NOW)
    data = json.loads(report.render(built, "json"))
    assert data["total_cost_usd"] == pytest.approx(4.0)
    assert data["idle"]["cost_usd"] == pytest.approx(1.0)
    rows = list(csv.DictReader(io.StringIO(report.render(built, "csv"))))
    assert [r["tenant"] for r in rows] == ["beta", "acme", "__idle__"]
    table = report.render(built, "table")
    assert "__idle__" in table and "recommendations" in table and "forecast" in table
    with pytest.raises(ValueError, match="unknown format"):
        report.render(built, "xml")
