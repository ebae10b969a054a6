"""Budgets checked while a run goes: act before the money is spent.

At the run's start and each time partitions finish, :meth:`BudgetGuard.check` compares, for
every period the tenant has a budget for (daily, weekly, monthly):

- ``ACTUAL``: spend in the period (the ledger's records plus this run's cost so far) at or above
  ``alert_threshold x budget`` -> a warning (once) and ``portalis_budget_alert{kind="ACTUAL"}``;
- ``FORECASTED``: the month-end forecast (the ledger's, plus what this run is projected to
  cost) above the monthly budget (``monthly``, else ``weekly x days/7``, else ``daily x days``)
  -> a warning and ``portalis_budget_alert{kind="FORECASTED"}``;
- hard stop: with ``hard_stop`` on, when the period's spend plus this run's *projected* cost
  (cost so far / fraction of files done) would exceed the budget, :meth:`check` returns the
  reason; the runner then stops submitting work, lets what is in flight finish, writes what was
  completed and the CLI exits with ``EXIT_BUDGET`` (4). The same command, run once the budget
  allows (a new period or a raised budget), resumes from the cache without redoing work.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass, field

from pipeline import metrics
from pipeline.cost.allocation import parse_window
from pipeline.cost.ledger import UsageRecord
from pipeline.cost.pricing import PERIODS, Tenant
from pipeline.cost.report import forecast

log = logging.getLogger(__name__)
_WINDOW = {"daily": "today", "weekly": "week", "monthly": "month"}


@dataclass
class BudgetGuard:
    tenant: Tenant
    history: list[UsageRecord]  # the ledger's records (this run's are not there yet)
    now: float  # when the run started
    alerted: set[tuple[str, str]] = field(default_factory=set)
    spent: dict[str, float] = field(default_factory=dict)  # period -> ledger spend in it

    def __post_init__(self) -> None:
        for period in PERIODS:
            window = parse_window(_WINDOW[period], self.now)
            self.spent[period] = sum(
                r.cost_usd * window.overlap(r.start, r.end) / r.provisioned_s
                for r in self.history
                if r.tenant == self.tenant.name and r.provisioned_s > 0
            )
            budget = self.tenant.budget(period)
            if budget is not None:
                metrics.BUDGET.labels(self.tenant.name, period).set(budget)
        ledger = forecast(self.history, self.now).get(self.tenant.name)
        self.month_forecast = ledger.forecast_usd if ledger else 0.0

    def check(self, run_cost: float, fraction_done: float) -> str | None:
        """Update alerts and metrics; the reason to stop, or None to go on."""
        projected = run_cost / fraction_done if fraction_done > 0 else run_cost
        metrics.BUDGET_FORECAST.labels(self.tenant.name).set(self.month_forecast + projected)
        self._alert("monthly", "FORECASTED", self.month_forecast + projected, self._monthly())
        stop = None
        for period in PERIODS:
            budget = self.tenant.budget(period)
            if budget is None:
                continue
            actual = self.spent[period] + run_cost
            metrics.BUDGET_USED.labels(self.tenant.name, period).set(
                actual / budget if budget else float(actual > 0)
            )
            self._alert(period, "ACTUAL", actual, budget * self.tenant.alert_threshold)
            would = self.spent[period] + projected
            if stop is None and self.tenant.hard_stop and would > budget:
                stop = (
                    f"the {period} budget of tenant {self.tenant.name} (${budget:.2f}) would be "
                    f"exceeded: ${self.spent[period]:.4f} spent in the period + this run's "
                    f"projected ${projected:.4f} (${run_cost:.4f} so far, "
                    f"{fraction_done:.0%} done)"
                )
        return stop

    def _alert(self, period: str, kind: str, amount: float, limit: float | None) -> None:
        if limit is None:
            return
        firing = amount >= limit if kind == "ACTUAL" else amount > limit
        metrics.BUDGET_ALERT.labels(self.tenant.name, period, kind).set(int(firing))
        if firing and (period, kind) not in self.alerted:
            self.alerted.add((period, kind))
            log.warning(
                "budget %s: tenant %s %s spend $%.4f reached $%.4f",
                kind,
                self.tenant.name,
                period,
                amount,
                limit,
            )

    def _monthly(self) -> float | None:
        moment = dt.datetime.fromtimestamp(self.now, dt.UTC)
        days = calendar.monthrange(moment.year, moment.month)[1]
        budgets = self.tenant.budgets
        if budgets.monthly is not None:
            return budgets.monthly
        if budgets.weekly is not None:
            return budgets.weekly * days / 7
        return budgets.daily * days if budgets.daily is not None else None
