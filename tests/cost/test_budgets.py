"""Budget checks with known spend: ACTUAL and FORECASTED alerts, the hard stop, GPU quota."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline import metrics
from pipeline.cli import main
from pipeline.cluster import load_policy
from pipeline.cost.budgets import BudgetGuard
from pipeline.cost.ledger import append
from pipeline.cost.meter import cap_workers
from pipeline.cost.pricing import Budgets, CostConfigError, Tenant, load_pricing
from tests.cost.records import HOUR, NOW, known, record


def tenant(**changes) -> Tenant:
    base = dict(
        name="acme",
        tier="default",
        gpu_quota=4,
        budgets=Budgets(daily=10.0),
        alert_threshold=0.8,
        hard_stop=True,
    )
    return Tenant(**{**base, **changes})


def gauge(metric, *labels) -> float:
    return metric.labels(*labels)._value.get()


def test_actual_alert_at_the_threshold_and_stop_when_projected_over() -> None:
    # $6 spent today by acme (a $1/h worker, 6 hours ending at 12:00), $100 by another tenant
    now = NOW + 12 * HOUR
    history = [
        record(start=now - 6 * HOUR, end=now),
        record(tenant="other", start=now - 6 * HOUR, end=now, price_per_hour=100 / 6),
    ]
    guard = BudgetGuard(tenant(), history, now)
    assert guard.spent["daily"] == pytest.approx(6.0)
    assert guard.check(run_cost=1.0, fraction_done=0.5) is None  # 6 + 2 projected <= 10
    assert gauge(metrics.BUDGET_USED, "acme", "daily") == pytest.approx(0.7)
    assert gauge(metrics.BUDGET_ALERT, "acme", "daily", "ACTUAL") == 0
    assert guard.check(run_cost=2.0, fraction_done=0.5) is None  # 6 + 4 projected: not over
    assert gauge(metrics.BUDGET_ALERT, "acme", "daily", "ACTUAL") == 1  # 6 + 2 >= 0.8 x 10
    reason = guard.check(run_cost=2.2, fraction_done=0.5)  # 6 + 4.4 > 10
    assert reason is not None and "daily budget of tenant acme ($10.00)" in reason


def test_no_hard_stop_only_alerts() -> None:
    guard = BudgetGuard(tenant(hard_stop=False), [], NOW + HOUR)
    assert guard.check(run_cost=50.0, fraction_done=0.1) is None
    assert gauge(metrics.BUDGET_ALERT, "acme", "daily", "ACTUAL") == 1


def test_forecast_alert_against_the_monthly_budget() -> None:
    # Dec 7, 00:00: $10/day for the last 6 days -> forecast $10 x 31 = $310
    history = [
        record(start=NOW - (d + 1) * 86400, end=NOW - (d + 1) * 86400 + 10 * HOUR) for d in range(6)
    ]
    calm = BudgetGuard(tenant(budgets=Budgets(monthly=400.0), hard_stop=False), history, NOW)
    assert calm.month_forecast == pytest.approx(310.0)
    calm.check(run_cost=0.0, fraction_done=0.0)
    assert gauge(metrics.BUDGET_ALERT, "acme", "monthly", "FORECASTED") == 0
    tight = BudgetGuard(tenant(budgets=Budgets(monthly=300.0), hard_stop=False), history, NOW)
    tight.check(run_cost=0.0, fraction_done=0.0)
    assert gauge(metrics.BUDGET_ALERT, "acme", "monthly", "FORECASTED") == 1
    assert gauge(metrics.BUDGET_FORECAST, "acme") == pytest.approx(310.0)


def test_gpu_quota_caps_the_adaptive_maximum_of_gpu_workers() -> None:
    policy = load_policy()
    xlarge = policy.size_class_named("xlarge")  # up to 256 workers
    gpu, cpu = load_pricing().instance("g4dn.xlarge"), load_pricing().instance("m5.xlarge")
    capped = cap_workers(xlarge, tenant(gpu_quota=16), gpu)
    assert (capped.workers.minimum, capped.workers.maximum) == (4, 16)
    assert cap_workers(xlarge, tenant(gpu_quota=16), cpu) == xlarge  # no GPUs: no cap
    with pytest.raises(CostConfigError, match="no GPU quota"):
        cap_workers(xlarge, tenant(gpu_quota=0), gpu)


def test_cost_report_command(tmp_path) -> None:
    url = str(tmp_path / "ledger")
    append(url, known())
    window = "2026-12-06T00:00:00Z,2026-12-07T00:00:00Z"
    runner = CliRunner()
    shown = runner.invoke(
        main, ["cost", "report", "--ledger", url, "--window", window, "--format", "json"]
    )
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["total_cost_usd"] == pytest.approx(4.0)
    assert {r["name"]: r["cost_usd"] for r in data["rows"]} == pytest.approx(
        {"acme": 1.0, "beta": 2.0}
    )
    bad = runner.invoke(main, ["cost", "report", "--ledger", url, "--window", "fortnight"])
    assert bad.exit_code == 2 and "unknown window" in bad.output
    table = runner.invoke(
        main, ["cost", "report", "--ledger", url, "--daily", "--aggregate", "tenant,instance_type"]
    )
    assert table.exit_code == 0 and "__idle__" in table.output
