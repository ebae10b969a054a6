"""Budget checks with known spend: ACTUAL and FORECASTED alerts, the hard stop, GPU quota."""

from __future__ import annotations

import pytest

from pipeline import metrics
from pipeline.cost.budgets import BudgetGuard
from pipeline.cost.pricing import Budgets, Tenant
from tests.cost.records import HOUR, NOW, record


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
