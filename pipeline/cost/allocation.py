"""OpenCost-style allocation of ledger records over a window, by one or more aggregation keys.

- Window: ``today``, ``yesterday``, ``week`` (since Monday), ``month`` (since the 1st), ``Nd`` /
  ``Nh`` (the last N days / hours), or ``START,END`` (ISO-8601 timestamps, UTC when no zone).
  A record straddling a window edge counts in proportion to its seconds inside.
- Aggregation: any of ``tenant``, ``job``, ``instance_type``, ``priority``, ``pricing_model``,
  ``run_id`` (several: comma-separated, one row per combination).
- Cost of a worker: ``price x max(requested, used) share x provisioned hours``. The part of it
  spent running tasks is allocated to the row; the rest (provisioned but idle) goes to its own
  ``__idle__`` row, never hidden in the tenants' rows. Efficiency = used / provisioned
  thread-seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.cost.ledger import UsageRecord

AGGREGATIONS = ("tenant", "job", "instance_type", "priority", "pricing_model", "run_id")
IDLE = "__idle__"
_RELATIVE = re.compile(r"^(\d+)([dh])$")


class WindowError(ValueError):
    """A window or aggregation the report does not understand (message for the user)."""


@dataclass(frozen=True)
class Window:
    start: float  # epoch seconds, inclusive
    end: float  # epoch seconds, exclusive

    @property
    def seconds(self) -> float:
        return self.end - self.start

    def overlap(self, start: float, end: float) -> float:
        return max(0.0, min(end, self.end) - max(start, self.start))

    def label(self) -> str:
        return f"{_iso(self.start)}..{_iso(self.end)}"


@dataclass
class Row:
    """One aggregate: ``key`` maps each aggregation to its value (``{"tenant": "acme"}``)."""

    key: dict[str, str]
    provisioned_s: float = 0.0  # worker wall seconds
    capacity_s: float = 0.0  # thread-seconds provisioned
    busy_s: float = 0.0  # thread-seconds used
    gpu_s: float = 0.0  # GPU seconds of the learned engine's generation
    total_cost_usd: float = 0.0  # provisioned cost of the row's workers
    cost_usd: float = 0.0  # allocated (used) cost; the idle rest is in the __idle__ row
    idle_cost_usd: float = 0.0
    peak_memory_bytes: int = 0

    @property
    def name(self) -> str:
        return "/".join(self.key.values())

    @property
    def efficiency(self) -> float:
        return min(1.0, self.busy_s / self.capacity_s) if self.capacity_s > 0 else 0.0

    def add(self, record: UsageRecord, fraction: float) -> None:
        cost = record.cost_usd * fraction
        used = cost * record.efficiency
        self.provisioned_s += record.provisioned_s * fraction
        self.capacity_s += record.provisioned_s * record.threads * fraction
        self.busy_s += record.busy_s * fraction
        self.gpu_s += record.gpu_s * fraction
        self.total_cost_usd += cost
        self.cost_usd += used
        self.idle_cost_usd += cost - used
        self.peak_memory_bytes = max(self.peak_memory_bytes, record.peak_memory_bytes)

    def as_dict(self) -> dict:
        return {
            **self.key,
            "name": self.name,
            "cost_usd": self.cost_usd,
            "idle_cost_usd": self.idle_cost_usd,
            "total_cost_usd": self.total_cost_usd,
            "provisioned_s": self.provisioned_s,
            "busy_s": self.busy_s,
            "gpu_s": self.gpu_s,
            "efficiency": self.efficiency,
            "peak_memory_bytes": self.peak_memory_bytes,
        }


@dataclass
class Allocation:
    window: Window
    aggregate: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)  # sorted by allocated cost, largest first
    idle: Row = field(default_factory=lambda: Row({"tenant": IDLE}))  # idle thread-seconds

    @property
    def total_cost_usd(self) -> float:
        return sum(r.total_cost_usd for r in self.rows)

    @property
    def efficiency(self) -> float:
        capacity = sum(r.capacity_s for r in self.rows)
        return min(1.0, sum(r.busy_s for r in self.rows) / capacity) if capacity else 0.0


def parse_window(text: str, now: float) -> Window:
    """A :class:`Window` from ``text`` (see the module docstring) relative to ``now``."""
    spec = text.strip().lower()
    today = dt.datetime.fromtimestamp(now, dt.UTC).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if spec == "today":
        return Window(today.timestamp(), now)
    if spec == "yesterday":
        return Window((today - dt.timedelta(days=1)).timestamp(), today.timestamp())
    if spec == "week":
        return Window((today - dt.timedelta(days=today.weekday())).timestamp(), now)
    if spec == "month":
        return Window(today.replace(day=1).timestamp(), now)
    relative = _RELATIVE.match(spec)
    if relative:
        unit = 86400 if relative.group(2) == "d" else 3600
        return Window(now - int(relative.group(1)) * unit, now)
    if "," in text:
        start, end = (_timestamp(part) for part in text.split(",", 1))
        if end <= start:
            raise WindowError(f"window {text!r}: the end must come after the start")
        return Window(start, end)
    raise WindowError(
        f"unknown window {text!r}: use today, yesterday, week, month, 7d, 24h or START,END"
    )


def parse_aggregate(text: str | Sequence[str]) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in (text.split(",") if isinstance(text, str) else text))
    unknown = [k for k in keys if k not in AGGREGATIONS]
    if unknown or not keys:
        raise WindowError(
            f"unknown aggregation {', '.join(unknown) or '(none)'}: use {', '.join(AGGREGATIONS)}"
        )
    return keys


def allocate_records(
    records: Iterable[UsageRecord], window: Window, aggregate: Sequence[str]
) -> Allocation:
    """Allocate ``records`` over ``window`` by ``aggregate`` (see the module docstring)."""
    keys = parse_aggregate(aggregate)
    result = Allocation(window, keys, idle=Row({keys[0]: IDLE}))
    rows: dict[tuple[str, ...], Row] = {}
    for record in records:
        fraction = _fraction(record, window)
        if fraction <= 0:
            continue
        values = tuple(str(getattr(record, k)) for k in keys)
        row = rows.setdefault(values, Row(dict(zip(keys, values, strict=True))))
        row.add(record, fraction)
        idle = record.provisioned_s * record.threads * fraction - record.busy_s * fraction
        result.idle.capacity_s += max(0.0, idle)
        result.idle.idle_cost_usd += record.cost_usd * fraction * (1 - record.efficiency)
    result.idle.cost_usd = result.idle.total_cost_usd = result.idle.idle_cost_usd
    result.rows = sorted(rows.values(), key=lambda r: (-r.cost_usd, r.name))
    return result


def _fraction(record: UsageRecord, window: Window) -> float:
    if record.provisioned_s <= 0:
        return 1.0 if window.start <= record.start < window.end else 0.0
    return window.overlap(record.start, record.end) / record.provisioned_s


def _timestamp(text: str) -> float:
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise WindowError(f"not an ISO-8601 timestamp: {text.strip()!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
