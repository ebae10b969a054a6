"""The run meter: measures what one run uses, checks its budget, keeps the metrics current and
writes the run's usage to the ledger.

- Provisioned time comes from the cluster: a scheduler plugin (:class:`UsagePlugin`) records when
  each worker joined and left; a worker's provisioned seconds are its time inside the run.
- Busy time and peak memory come back with the task results (:class:`pipeline.metrics.Sampled`):
  each task's wall time on its worker x 1 thread, and the worker process's peak RSS; so do the
  GPU seconds of the learned engine's generation (``WorkerSample.gpu_s``), per worker.
- At the end one :class:`~pipeline.cost.ledger.UsageRecord` per worker goes to the ledger, the
  cost counters move, and the metrics are pushed to a Pushgateway when one is configured.

Limitation: provisioned time is the cluster's; two runs sharing one cluster at the same time
are each charged its workers' full time (their busy time is their own).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from distributed import Client
from distributed.diagnostics.plugin import SchedulerPlugin

from pipeline import metrics
from pipeline.cluster import SizeClass, build_spec
from pipeline.cluster.policy import WorkerRange
from pipeline.config import RunConfig
from pipeline.cost.allocation import parse_window
from pipeline.cost.budgets import BudgetGuard
from pipeline.cost.ledger import UsageRecord, append, ledger_url, read_records
from pipeline.cost.pricing import (
    CostConfigError,
    InstanceType,
    Tenant,
    load_pricing,
    load_tenants,
)
from pipeline.records import Status

log = logging.getLogger(__name__)
_FAULTS = (Status.INTERNAL_ERROR, Status.WORKER_CRASH, Status.TIMEOUT)
# Why the scheduler removed a worker it did not ask to leave (its connection broke, its
# heartbeats stopped): a crash, an eviction, a reclaimed spot instance. Scale-downs are not.
_UNEXPECTED = ("handle-worker-cleanup", "worker-send-comm-fail", "check-worker-ttl")


class UsagePlugin(SchedulerPlugin):
    """On the scheduler: when each worker joined and left, and what it offers."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.workers: dict[str, dict[str, Any]] = {}

    async def start(self, scheduler: Any) -> None:
        now = time.time()
        for ws in scheduler.workers.values():
            self._join(ws, now)

    def add_worker(self, scheduler: Any, worker: str) -> None:
        ws = scheduler.workers.get(worker)
        if ws is not None:
            self._join(ws, time.time())

    def remove_worker(self, scheduler: Any, worker: str, **kwargs: Any) -> None:
        entry = self.workers.get(worker)
        if entry is not None and entry["left"] is None:
            entry["left"] = time.time()
            entry["lost"] = str(kwargs.get("stimulus_id", "")).startswith(_UNEXPECTED)

    def _join(self, ws: Any, now: float) -> None:
        self.workers[ws.address] = {
            "joined": now,
            "left": None,
            "threads": int(ws.nthreads),
            "memory_limit": int(ws.memory_limit or 0),
            "gpus": int(ws.resources.get("GPU", 0)),
            "lost": False,
        }


def _snapshot(name: str, dask_scheduler: Any) -> dict[str, dict[str, Any]]:
    return {k: dict(v) for k, v in dask_scheduler.plugins[name].workers.items()}


@dataclass
class _Busy:
    seconds: float = 0.0
    gpu_s: float = 0.0  # GPU seconds of model generation (the learned engine)
    peak_rss: int = 0


@dataclass
class RunMeter:
    """Create before the run's tasks are submitted; enter it (``with meter:``) around the
    run, :meth:`observe` each result, :meth:`check` as partitions finish, :meth:`finish` once
    when writing. Leaving it counts the job as completed or failed and pushes the metrics."""

    client: Client
    config: RunConfig
    run_id: str
    out: str
    busy: dict[str, _Busy] = field(default_factory=lambda: defaultdict(_Busy))
    stopped: str | None = None
    complete: bool | None = None  # set by finish()
    lost: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        cost = self.config.cost
        self.pricing = load_pricing(cost.pricing)
        self.tenant = load_tenants(cost.tenants).tenant(cost.tenant)
        self.instance_type = cost.instance_type or _spec_instance_type(self.config.cluster)
        self.instance = self.pricing.instance(self.instance_type)
        self.model = cost.pricing_model or self.pricing.default_model
        self.price = self.instance.price(self.model)
        self.job = cost.job or self.run_id
        self.ledger = ledger_url(self.out, cost.ledger)
        self.started = time.time()
        since = min(parse_window("month", self.started).start, self.started - 8 * 86400)
        history = read_records(self.ledger, self.config.storage_options, since)
        self.guard = BudgetGuard(self.tenant, history, self.started)
        self.plugin = f"portalis-usage-{self.run_id}"
        self.labels = (self.tenant.name, self.config.priority)

    def __enter__(self) -> RunMeter:
        self.client.register_plugin(UsagePlugin(self.plugin))
        metrics.JOBS_SUBMITTED.labels(*self.labels).inc()
        metrics.JOBS_ACTIVE.labels(*self.labels).inc()
        return self

    def __exit__(self, exc_type: type | None, *_: object) -> None:
        if exc_type is not None or self.complete is None:
            self._close(False, "error")
        elif self.complete:
            self._close(True, "")
        else:
            self._close(False, "budget_stop" if self.stopped else "interrupted")

    def cap(self, size: SizeClass) -> SizeClass:
        return cap_workers(size, self.tenant, self.instance)

    def observe(self, kind: str, result: Any) -> Any:
        """The task's value; its worker sample updates the metrics and the busy time."""
        if not isinstance(result, metrics.Measured):
            return result
        for sample in (*result.more, result.sample):  # a chain's tasks, then its last
            metrics.record_sample(sample, kind)
            busy = self.busy[sample.worker]
            busy.seconds += sample.seconds
            busy.gpu_s += sample.gpu_s
            busy.peak_rss = max(busy.peak_rss, sample.peak_rss_bytes)
        metrics.WORKER_MEMORY.set(max(b.peak_rss for b in self.busy.values()))
        return result.value

    def check(self, fraction_done: float, pending: int) -> str | None:
        """Budget check and live gauges; the reason to stop submitting work, or None."""
        records = self._records(time.time())
        metrics.QUEUE_DEPTH.labels(self.config.priority).set(pending)
        run_cost = sum(r.cost_usd for r in records)
        metrics.RUN_COST.labels(self.tenant.name).set(run_cost)
        capacity = sum(r.provisioned_s * r.threads for r in records)
        metrics.UTILISATION.set(
            min(1.0, sum(r.busy_s for r in records) / capacity) if capacity else 0
        )
        reason = self.guard.check(run_cost, fraction_done)
        if reason and not self.stopped:
            self.stopped = reason
            metrics.BUDGET_STOPS.labels(self.tenant.name).inc()
            log.warning("budget hard stop: %s; finishing the work in flight", reason)
        return self.stopped

    def finish(self, records: list, results: list, complete: bool) -> dict[str, Any]:
        """Write the run's usage to the ledger, update the counters; the summary's ``cost``."""
        self.complete = complete
        usage = self._records(time.time())
        path = append(self.ledger, usage, self.config.storage_options)
        self._count(usage, records, results)
        cost = sum(r.cost_usd for r in usage)
        idle = sum(r.cost_usd * (1 - r.efficiency) for r in usage)
        verified = sum(1 for r in records if r.kind != "file" and r.status == Status.VERIFIED)
        capacity = sum(r.provisioned_s * r.threads for r in usage)
        return {
            "tenant": self.tenant.name,
            "job": self.job,
            "instance_type": self.instance_type,
            "pricing_model": self.model,
            "usd": cost,
            "idle_usd": idle,
            "efficiency": sum(r.busy_s for r in usage) / capacity if capacity else 0.0,
            "gpu_s": sum(r.gpu_s for r in usage),  # of the learned engine's generation
            "verified_functions": verified,
            "usd_per_verified_function": cost / verified if verified else None,
            "ledger": path,
            "budget_stop": self.stopped,
        }

    def _close(self, succeeded: bool, reason: str) -> None:
        """End of the run, whatever happened: gauges, job counters, Pushgateway."""
        metrics.JOBS_ACTIVE.labels(*self.labels).dec()
        if succeeded:
            metrics.JOBS_COMPLETED.labels(*self.labels).inc()
        else:
            metrics.JOBS_FAILED.labels(*self.labels, reason).inc()
        metrics.LAST_RUN.set_to_current_time()
        metrics.RUN_SECONDS.set(time.time() - self.started)
        try:
            self.client.unregister_scheduler_plugin(self.plugin)
        except Exception as exc:  # the cluster may be gone: nothing left to unregister
            log.debug("usage plugin not unregistered: %s", exc)
        gateway = self.config.metrics.pushgateway
        if gateway:
            try:
                metrics.push(gateway, self.config.metrics.push_job, self.tenant.name, succeeded)
            except OSError as exc:  # a monitoring outage must not fail a finished run
                log.warning("could not push metrics to %s: %s", gateway, exc)

    def _records(self, now: float) -> list[UsageRecord]:
        workers = self.client.run_on_scheduler(_snapshot, self.plugin)
        self._gauges(workers)
        return [self._record(addr, info, now) for addr, info in sorted(workers.items())]

    def _gauges(self, workers: dict[str, dict[str, Any]]) -> None:
        present = {a: w for a, w in workers.items() if w["left"] is None}
        metrics.WORKERS.set(len(present))
        metrics.WORKER_THREADS.set(sum(w["threads"] for w in present.values()))
        metrics.GPUS.set(sum(w["gpus"] for w in present.values()))
        gone = {a for a, w in workers.items() if w["lost"]} - self.lost
        metrics.WORKERS_LOST.inc(len(gone))
        self.lost |= gone

    def _record(self, worker: str, info: dict[str, Any], now: float) -> UsageRecord:
        start = max(self.started, info["joined"])
        end = min(now, info["left"] or now)
        busy = self.busy.get(worker, _Busy())
        requested = self.instance.share(info["threads"], info["gpus"], 0)
        used = self.instance.share(0, 0, busy.peak_rss)
        return UsageRecord(
            run_id=self.run_id,
            tenant=self.tenant.name,
            job=self.job,
            priority=self.config.priority,
            instance_type=self.instance_type,
            pricing_model=self.model,
            worker=worker,
            start=start,
            end=max(start, end),
            threads=info["threads"],
            gpus=info["gpus"],
            memory_limit_bytes=info["memory_limit"],
            peak_memory_bytes=busy.peak_rss,
            busy_s=min(busy.seconds, max(0.0, end - start) * info["threads"]),
            gpu_s=busy.gpu_s,
            price_per_hour=self.price,
            on_demand_per_hour=self.instance.on_demand,
            spot_per_hour=self.instance.price("spot"),
            reserved_per_hour=self.instance.price("reserved"),
            share=max(requested, used),
        )

    def _count(self, usage: list[UsageRecord], records: list, results: list) -> None:
        for r in usage:
            labels = (r.tenant, r.instance_type)
            metrics.COST.labels(*labels).inc(r.cost_usd)
            metrics.IDLE_COST.labels(*labels).inc(r.cost_usd * (1 - r.efficiency))
            metrics.PROVISIONED_SECONDS.labels(*labels).inc(r.provisioned_s * r.threads)
            metrics.BUSY_SECONDS.labels(*labels).inc(r.busy_s)
        units = [r for r in records if r.kind != "file"]
        for (status, engine), n in Counter((str(r.status), r.engine) for r in units).items():
            metrics.UNITS.labels(status, engine or self.config.engine).inc(n)
        for r in units:
            if r.translate_s > 0:
                metrics.TRANSLATION_SECONDS.labels(r.engine or self.config.engine).observe(
                    r.translate_s
                )
        for kind, n in Counter(str(r.status) for r in records if r.status in _FAULTS).items():
            metrics.ERRORS.labels(kind).inc(n)
        for res in results:
            metrics.COMPILE_SECONDS.observe(res.compile_s)
            metrics.VERIFY_SECONDS.observe(res.verify_s)
            if res.cache_stats is not None:
                metrics.CACHE_HITS.inc(res.cache_stats.hits)
                metrics.CACHE_MISSES.inc(res.cache_stats.misses)
                metrics.CACHE_ERRORS.inc(res.cache_stats.errors)


def cap_workers(size: SizeClass, tenant: Tenant, instance: InstanceType) -> SizeClass:
    """``size`` with its worker maximum capped by the tenant's GPU quota (one GPU per worker
    of a GPU instance type, as dask-cuda lays them out)."""
    if not instance.gpus or size.workers.maximum <= tenant.gpu_quota:
        return size
    if tenant.gpu_quota == 0:
        raise CostConfigError(f"tenant {tenant.name} has no GPU quota for GPU workers")
    top = tenant.gpu_quota
    workers = WorkerRange(minimum=min(size.workers.minimum, top), maximum=top)
    return size.model_copy(update={"workers": workers})


def check_cost(config: RunConfig) -> None:
    """The run's tenant, pricing and instance type exist (:class:`CostConfigError` if not)."""
    cost = config.cost
    load_tenants(cost.tenants).tenant(cost.tenant)
    load_pricing(cost.pricing).instance(cost.instance_type or _spec_instance_type(config.cluster))


def _spec_instance_type(cluster: str | None) -> str:
    """The instance type a cluster spec names; ``local`` for the built-in cluster or an
    address (set ``cost.instance_type`` for a remote scheduler)."""
    if not cluster or cluster == "local" or "://" in cluster:
        return "local"
    return build_spec(cluster).instance_type
