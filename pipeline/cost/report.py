"""Cost reports from the ledger: allocation, recommendations and a month-end forecast.

Notebook API::

    from pipeline.cost import report
    alloc = report.allocate("portalis-out/ledger", window="7d", aggregate="tenant,instance_type")
    for row in alloc.rows: print(row.name, row.cost_usd, row.efficiency)
    print(alloc.idle.cost_usd)                      # the __idle__ row
    for rec in report.recommend("portalis-out/ledger", window="7d"):
        print(rec.kind, rec.subject, rec.monthly_savings_usd, rec.detail)
    report.forecast("portalis-out/ledger")          # {tenant: Forecast(...), "__total__": ...}

Recommendations, each with its dollar figure per month (the window's figure scaled to 30 days):

- ``spot``: on-demand workers of interruptible priorities (everything but ``interactive``) on an
  instance type with a spot price; saving = cost x (1 - spot / on-demand).
- ``idle``: provisioned but idle worker time (the adaptive minimum or idle timeout is too high);
  saving = the idle cost.
- ``right_size`` (as Kubecost does it): the recommended worker request = observed peak / target
  utilisation (0.7), with floors of 1 thread and 256 MiB; saving = cost x (1 - new share / old).
- ``reserved``: an instance type used every day of a window of at least 7 days with a steady
  daily cost (the smallest day at least half the largest); saving = smallest daily cost x 30 x
  (1 - reserved / on-demand).

The forecast of a tenant's month = its month-to-date cost + its average daily cost over the last
7 days (fewer at the start of a month) x the days left.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from pipeline.cost.allocation import (
    Allocation,
    Window,
    allocate_records,
    parse_window,
)
from pipeline.cost.ledger import UsageRecord, read_records
from pipeline.cost.pricing import Pricing, load_pricing

TARGET_UTILISATION = 0.7
MIN_THREADS = 1
MIN_MEMORY_BYTES = 256 * 2**20
MONTH_S = 30 * 86400
TOTAL = "__total__"


@dataclass(frozen=True)
class Recommendation:
    kind: str  # spot | idle | right_size | reserved
    subject: str  # the instance type it concerns
    monthly_savings_usd: float
    detail: str


@dataclass(frozen=True)
class Forecast:
    month_to_date_usd: float
    daily_rate_usd: float
    forecast_usd: float  # at month end


@dataclass
class Report:
    allocation: Allocation
    recommendations: list[Recommendation]
    forecast: dict[str, Forecast]


Ledger = str | Iterable[UsageRecord]


def allocate(
    ledger: Ledger,
    window: str = "7d",
    aggregate: str | Sequence[str] = "tenant",
    now: float | None = None,
    storage_options: dict | None = None,
) -> Allocation:
    """Allocate the ledger (a URL or records) over ``window`` by ``aggregate``."""
    now = time.time() if now is None else now
    return allocate_records(_records(ledger, storage_options), parse_window(window, now), aggregate)


def recommend(
    ledger: Ledger,
    window: str = "7d",
    pricing: Pricing | None = None,
    now: float | None = None,
    storage_options: dict | None = None,
) -> list[Recommendation]:
    """Savings recommendations from the ledger over ``window`` (largest saving first)."""
    now = time.time() if now is None else now
    span = parse_window(window, now)
    records = [r for r in _records(ledger, storage_options) if _inside(r, span) > 0]
    pricing = pricing or load_pricing()
    found = [
        *_spot(records, span),
        *_idle(records, span),
        *_right_size(records, span, pricing),
        *_reserved(records, span),
    ]
    return sorted(found, key=lambda r: (-r.monthly_savings_usd, r.kind, r.subject))


def forecast(
    ledger: Ledger, now: float | None = None, storage_options: dict | None = None
) -> dict[str, Forecast]:
    """Month-end forecast per tenant and in total (key ``__total__``)."""
    now = time.time() if now is None else now
    month = parse_window("month", now)
    recent = Window(max(month.start, now - 7 * 86400), now)
    records = _records(ledger, storage_options)
    moment = dt.datetime.fromtimestamp(now, dt.UTC)
    days_in_month = calendar.monthrange(moment.year, moment.month)[1]
    left_s = month.start + days_in_month * 86400 - now
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for record in records:
        for tenant in (record.tenant, TOTAL):
            spent[tenant][0] += record.cost_usd * _inside(record, month)
            spent[tenant][1] += record.cost_usd * _inside(record, recent)
    days = max(recent.seconds, 3600) / 86400  # at least an hour: no blow-up at midnight
    return {
        tenant: Forecast(mtd, last / days, mtd + last / days * left_s / 86400)
        for tenant, (mtd, last) in sorted(spent.items())
    }


def build(
    ledger: Ledger,
    window: str = "7d",
    aggregate: str | Sequence[str] = "tenant",
    now: float | None = None,
    pricing: Pricing | None = None,
    storage_options: dict | None = None,
) -> Report:
    """Allocation, recommendations and forecast from one read of the ledger."""
    now = time.time() if now is None else now
    records = _records(ledger, storage_options)
    return Report(
        allocate(records, window, aggregate, now),
        recommend(records, window, pricing, now),
        forecast(records, now),
    )


def render(report: Report, fmt: str = "table") -> str:
    """The report as ``table`` (for people), ``json`` or ``csv`` (the allocation rows)."""
    if fmt == "json":
        return json.dumps(_as_json(report), indent=2, sort_keys=True) + "\n"
    if fmt == "csv":
        return _as_csv(report.allocation)
    if fmt == "table":
        return _as_table(report)
    raise ValueError(f"unknown format {fmt!r}: use table, json or csv")


def _records(ledger: Ledger, storage_options: dict | None) -> list[UsageRecord]:
    return read_records(ledger, storage_options) if isinstance(ledger, str) else list(ledger)


def _inside(record: UsageRecord, window: Window) -> float:
    if record.provisioned_s <= 0:
        return 1.0 if window.start <= record.start < window.end else 0.0
    return window.overlap(record.start, record.end) / record.provisioned_s


def _monthly(amount: float, window: Window) -> float:
    return amount * MONTH_S / window.seconds if window.seconds > 0 else 0.0


def _by_instance(records: list[UsageRecord]) -> dict[str, list[UsageRecord]]:
    groups: dict[str, list[UsageRecord]] = defaultdict(list)
    for record in records:
        groups[record.instance_type].append(record)
    return dict(sorted(groups.items()))


def _spot(records: list[UsageRecord], window: Window) -> Iterable[Recommendation]:
    movable = [
        r
        for r in records
        if r.pricing_model == "on_demand"
        and r.priority != "interactive"
        and 0 < r.spot_per_hour < r.on_demand_per_hour
    ]
    for itype, group in _by_instance(movable).items():
        cost = sum(r.cost_usd * _inside(r, window) for r in group)
        spot, on_demand = group[0].spot_per_hour, group[0].on_demand_per_hour
        saving = _monthly(cost * (1 - spot / on_demand), window)
        if saving > 0:
            yield Recommendation(
                "spot",
                itype,
                saving,
                f"run interruptible work on spot {itype} "
                f"(${spot:.4f}/h instead of ${on_demand:.4f}/h)",
            )


def _idle(records: list[UsageRecord], window: Window) -> Iterable[Recommendation]:
    for itype, group in _by_instance(records).items():
        cost = sum(r.cost_usd * _inside(r, window) for r in group)
        idle = sum(r.cost_usd * _inside(r, window) * (1 - r.efficiency) for r in group)
        if idle > 0:
            yield Recommendation(
                "idle",
                itype,
                _monthly(idle, window),
                f"{itype} workers were idle {idle / cost:.0%} of their provisioned cost: lower "
                "the adaptive minimum (or the idle timeout) of the clusters running them",
            )


def _right_size(
    records: list[UsageRecord], window: Window, pricing: Pricing
) -> Iterable[Recommendation]:
    for itype, group in _by_instance(records).items():
        instance = pricing.instance_types.get(itype)
        if instance is None:
            continue
        peak_threads = max(r.busy_s / r.provisioned_s for r in group if r.provisioned_s > 0)
        peak_memory = max(r.peak_memory_bytes for r in group)
        threads = max(MIN_THREADS, math.ceil(peak_threads / TARGET_UTILISATION))
        memory = max(MIN_MEMORY_BYTES, peak_memory / TARGET_UTILISATION)
        gpus = max(r.gpus for r in group)
        new = instance.share(threads, gpus, memory)
        cost = sum(r.cost_usd * _inside(r, window) for r in group)
        old = sum(r.share * r.cost_usd * _inside(r, window) for r in group) / cost if cost else 0
        if 0 < new < old:
            yield Recommendation(
                "right_size",
                itype,
                _monthly(cost * (1 - new / old), window),
                f"request {threads} thread(s) and {memory / 2**30:.2f} GiB per {itype} worker "
                f"(peak {peak_threads:.2f} threads busy, {peak_memory / 2**30:.2f} GiB used; "
                f"target utilisation {TARGET_UTILISATION:.0%})",
            )


def _reserved(records: list[UsageRecord], window: Window) -> Iterable[Recommendation]:
    days = int(window.seconds // 86400)
    if days < 7:
        return
    on_demand = [r for r in records if r.pricing_model == "on_demand" and r.reserved_per_hour > 0]
    for itype, group in _by_instance(on_demand).items():
        daily = [
            sum(r.cost_usd * _inside(r, Window(start, start + 86400)) for r in group)
            for start in (window.end - (d + 1) * 86400 for d in range(days))
        ]
        if min(daily) <= 0 or min(daily) < 0.5 * max(daily):
            continue
        ratio = group[0].reserved_per_hour / group[0].on_demand_per_hour
        yield Recommendation(
            "reserved",
            itype,
            min(daily) * 30 * (1 - ratio),
            f"{itype} ran every day of the window (${min(daily):.2f}-${max(daily):.2f}/day): "
            f"reserve the steady baseline (${group[0].reserved_per_hour:.4f}/h)",
        )


_COLUMNS = ("name", "cost_usd", "idle_cost_usd", "total_cost_usd", "efficiency", "provisioned_s")


def _as_json(report: Report) -> dict:
    alloc = report.allocation
    return {
        "window": {"start": alloc.window.start, "end": alloc.window.end},
        "aggregate": list(alloc.aggregate),
        "rows": [r.as_dict() for r in alloc.rows],
        "idle": {"name": alloc.idle.name, "cost_usd": alloc.idle.idle_cost_usd},
        "total_cost_usd": alloc.total_cost_usd,
        "efficiency": alloc.efficiency,
        "recommendations": [asdict(r) for r in report.recommendations],
        "forecast": {k: asdict(v) for k, v in report.forecast.items()},
    }


def _as_csv(alloc: Allocation) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*alloc.aggregate, *_COLUMNS[1:]])
    for row in [*alloc.rows, alloc.idle]:
        data = row.as_dict()
        values = [row.key.get(k, "") for k in alloc.aggregate]
        writer.writerow([*values, *(f"{data[c]:.6f}" for c in _COLUMNS[1:])])
    return buf.getvalue()


def _as_table(report: Report) -> str:
    alloc = report.allocation
    head = f"{'/'.join(alloc.aggregate):<40} {'cost $':>12} {'efficiency':>10} {'hours':>9}"
    lines = [f"window {alloc.window.label()}", head, "-" * len(head)]
    for row in alloc.rows:
        lines.append(
            f"{row.name:<40} {row.cost_usd:>12.4f} {row.efficiency:>10.1%} "
            f"{row.provisioned_s / 3600:>9.2f}"
        )
    lines.append(f"{alloc.idle.name:<40} {alloc.idle.idle_cost_usd:>12.4f} {'':>10} {'':>9}")
    lines.append(f"{'total':<40} {alloc.total_cost_usd:>12.4f} {alloc.efficiency:>10.1%}")
    if report.recommendations:
        lines += ["", "recommendations ($/month):"]
        lines += [
            f"  {r.monthly_savings_usd:>10.2f}  {r.kind:<10} {r.detail}"
            for r in report.recommendations
        ]
    if report.forecast:
        lines += ["", "month-end forecast ($):"]
        lines += [
            f"  {name:<20} to date {f.month_to_date_usd:.4f}  forecast {f.forecast_usd:.4f}"
            for name, f in report.forecast.items()
        ]
    return "\n".join(lines) + "\n"
