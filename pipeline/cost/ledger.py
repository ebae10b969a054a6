"""The usage ledger: append-only JSON lines through fsspec, readable from any machine.

One :class:`UsageRecord` per worker per run: what the worker was provisioned for (seconds
inside the run, from the cluster: when it joined and left), what it spent running tasks
(thread-seconds from the scheduler's task records), its peak memory, who it ran for (tenant,
job, priority) and on what (instance type, pricing model, the prices at the time). Its cost is
``share x price x provisioned hours`` with ``share`` the larger of the requested and the used
fraction of the instance (see :mod:`pipeline.cost.pricing`).

Layout: ``<ledger>/<YYYY-MM-DD>/<run_id>-<nonce>.jsonl`` (UTC date of the first record). Each
:func:`append` writes a new file and never rewrites one, so concurrent runs and machines never
clash and a past period can always be reported again.

Notebook API::

    from pipeline.cost.ledger import read_ledger
    frame = read_ledger("portalis-out/ledger")          # or s3://bucket/ledger, ...
    frame.groupby("tenant")["cost_usd"].sum()

``read_ledger`` returns a ``pandas.DataFrame`` with one row per record and the columns of
:class:`UsageRecord` (``start``/``end`` as epoch seconds), or a list of dicts when pandas is not
installed.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import fsspec

from pipeline.storage.publish import retry

DEFAULT_LEDGER = "ledger"  # under the run's --out unless cost.ledger names another location


class LedgerError(ValueError):
    """A ledger file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class UsageRecord:
    """One worker's usage during one run (seconds are wall-clock, busy_s thread-seconds)."""

    run_id: str
    tenant: str
    job: str
    priority: str
    instance_type: str
    pricing_model: str
    worker: str
    start: float  # epoch seconds: the later of the run's start and the worker's arrival
    end: float  # epoch seconds: the earlier of the run's end and the worker's departure
    threads: int
    gpus: int
    memory_limit_bytes: int
    peak_memory_bytes: int
    busy_s: float  # thread-seconds spent running tasks
    price_per_hour: float  # the instance's hourly price under pricing_model, at the time
    on_demand_per_hour: float
    spot_per_hour: float
    reserved_per_hour: float
    share: float  # max(requested, used) fraction of the instance
    gpu_s: float = 0.0  # GPU seconds of the learned engine's generation on this worker

    @property
    def provisioned_s(self) -> float:
        return max(0.0, self.end - self.start)

    @property
    def cost_usd(self) -> float:
        return self.share * self.price_per_hour * self.provisioned_s / 3600

    @property
    def efficiency(self) -> float:
        """Used / provisioned thread-seconds (0 when nothing was provisioned)."""
        capacity = self.provisioned_s * self.threads
        return min(1.0, self.busy_s / capacity) if capacity > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "provisioned_s": self.provisioned_s,
            "cost_usd": self.cost_usd,
            "efficiency": self.efficiency,
        }


_FIELDS = tuple(f.name for f in fields(UsageRecord))
_OPTIONAL = frozenset({"gpu_s"})  # absent from records written before it existed


def ledger_url(out: str, configured: str | None) -> str:
    """The ledger's location: ``configured``, else ``<out>/ledger``."""
    return configured or f"{out.rstrip('/')}/{DEFAULT_LEDGER}"


def append(url: str, records: Iterable[UsageRecord], storage_options: dict | None = None) -> str:
    """Write ``records`` as one new file under ``url``; returns its path ('' when empty)."""
    rows = sorted(records, key=lambda r: (r.start, r.worker))
    if not rows:
        return ""
    fs, root = fsspec.core.url_to_fs(url, **(storage_options or {}))
    path = f"{root.rstrip('/')}/{_day(rows[0].start)}/{rows[0].run_id}-{uuid.uuid4().hex[:8]}.jsonl"
    body = "".join(json.dumps(asdict(r), sort_keys=True) + "\n" for r in rows).encode("utf-8")
    retry(lambda: fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True), "create the ledger")
    retry(lambda: fs.pipe_file(path, body), "append to the ledger")
    return path


def read_records(
    url: str, storage_options: dict | None = None, since: float | None = None
) -> list[UsageRecord]:
    """Every record under ``url`` (an absent ledger is empty), oldest first; with ``since``
    (epoch seconds), only the files of that UTC day and later (and no earlier records)."""
    fs, root = fsspec.core.url_to_fs(url, **(storage_options or {}))
    root = root.rstrip("/")
    if not fs.exists(root):
        return []
    first = _day(since) if since is not None else ""
    records: list[UsageRecord] = []
    for path in sorted(fs.glob(f"{root}/*/*.jsonl")):
        if path.rsplit("/", 2)[-2] < first:
            continue
        text = fs.cat_file(path).decode("utf-8")
        records.extend(_parse(path, i, line) for i, line in enumerate(text.splitlines(), 1) if line)
    kept = [r for r in records if since is None or r.end >= since]
    return sorted(kept, key=lambda r: (r.start, r.run_id, r.worker))


def read_ledger(url: str, storage_options: dict | None = None) -> Any:
    """The ledger as a pandas DataFrame (a list of dicts without pandas); derived columns
    ``provisioned_s``, ``cost_usd`` and ``efficiency`` included."""
    rows = [r.as_dict() for r in read_records(url, storage_options)]
    try:
        import pandas  # optional: notebooks and reports work without it
    except ImportError:
        return rows
    return pandas.DataFrame(rows, columns=[*_FIELDS, "provisioned_s", "cost_usd", "efficiency"])


def _day(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")


def _parse(path: str, number: int, line: str) -> UsageRecord:
    try:
        data = json.loads(line)
        return UsageRecord(
            **{name: data[name] for name in _FIELDS if name in data or name not in _OPTIONAL}
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise LedgerError(f"{path}: line {number}: not a usage record ({exc})") from None
