"""Portalis's Prometheus metrics: one registry, its series, and the ways they leave the process.

Importing this module defines the series on :data:`REGISTRY` (a registry of its own, not the
client library's global one) and does nothing else: no server, no thread, no I/O. The service
serves it at its own ``/metrics`` (``portalis serve``: its series are here too, ``HTTP_*`` and
``SERVE_*``).

- During a run the driver serves ``/metrics`` with :func:`serve` (``--metrics-port``).
- Workers hold no metrics: :class:`Sampled` wraps a task so its result comes back to the driver
  with a :class:`WorkerSample` (duration, peak memory, GPU readings through NVML when
  ``nvidia-ml-py`` and a GPU exist), and the driver updates the series.
- Batch runs push their final values with :func:`push` (Pushgateway ``pushadd``, grouping key
  ``job`` + ``tenant``, no ``instance``); ``portalis_last_success_timestamp_seconds`` is pushed
  only when the run succeeded, so a failed run never hides the age of the last good one.

Conventions: one prefix ``portalis_``; base units (``_seconds``, ``_bytes``, ``_celsius``,
``_usd``); counters end in ``_total``; ratios are 0-1; labels are low-cardinality (tenant,
priority, engine, status, kind, period, instance_type, gpu) - never a unit id.
"""

from __future__ import annotations

import platform
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from distributed import get_worker
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    Metric,
    pushadd_to_gateway,
    start_http_server,
)

from pipeline import __version__

REGISTRY = CollectorRegistry(auto_describe=True)
SUCCESS_REGISTRY = CollectorRegistry(auto_describe=True)  # pushed only after a success
_LATENCY_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300)
_PARTITION_BUCKETS = (0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800)
_JOB = ("tenant", "priority")

BUILD = Info("portalis_build", "Portalis and runtime versions.", registry=REGISTRY)
BUILD.info({"version": __version__, "python": platform.python_version()})

JOBS_SUBMITTED = Counter("portalis_jobs_submitted_total", "Runs started.", _JOB, registry=REGISTRY)
JOBS_COMPLETED = Counter(
    "portalis_jobs_completed_total", "Runs that wrote a complete output.", _JOB, registry=REGISTRY
)
JOBS_FAILED = Counter(
    "portalis_jobs_failed_total",
    "Runs that ended without a complete output (error, interrupt or budget stop).",
    (*_JOB, "reason"),
    registry=REGISTRY,
)
JOBS_ACTIVE = Gauge("portalis_jobs_active", "Runs in progress.", _JOB, registry=REGISTRY)
UNITS = Counter(
    "portalis_units_total",
    "Units (functions) by final status.",
    ("status", "engine"),
    registry=REGISTRY,
)
TRANSLATION_SECONDS = Histogram(
    "portalis_translation_duration_seconds",
    "Time to translate one unit.",
    ("engine",),
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
COMPILE_SECONDS = Histogram(
    "portalis_compile_duration_seconds",
    "rustc time per repository crate.",
    buckets=_PARTITION_BUCKETS,
    registry=REGISTRY,
)
VERIFY_SECONDS = Histogram(
    "portalis_verification_duration_seconds",
    "Differential verification time per repository.",
    buckets=_PARTITION_BUCKETS,
    registry=REGISTRY,
)
TASK_SECONDS = Histogram(
    "portalis_task_duration_seconds",
    "Wall time of one task on a worker (partition, probe or repository).",
    ("kind",),
    buckets=_PARTITION_BUCKETS,
    registry=REGISTRY,
)
QUEUE_DEPTH = Gauge(
    "portalis_queue_depth",
    "Tasks of this driver not finished yet.",
    ("priority",),
    registry=REGISTRY,
)
WORKERS = Gauge("portalis_workers", "Workers in the cluster.", registry=REGISTRY)
WORKER_THREADS = Gauge(
    "portalis_worker_threads", "Worker threads in the cluster.", registry=REGISTRY
)
WORKERS_LOST = Counter(
    "portalis_workers_lost_total",
    "Workers lost during a run without being asked to leave (crash, eviction, spot reclaim).",
    registry=REGISTRY,
)
WORKER_MEMORY = Gauge(
    "portalis_worker_memory_peak_bytes",
    "Largest peak RSS reported by a worker.",
    registry=REGISTRY,
)
UTILISATION = Gauge(
    "portalis_cluster_utilization_ratio",
    "Busy thread-seconds / provisioned thread-seconds since the run started.",
    registry=REGISTRY,
)
GPUS = Gauge("portalis_gpus_in_use", "GPUs declared by workers (resource GPU).", registry=REGISTRY)
GPU_UTIL = Gauge(
    "portalis_gpu_utilization_ratio",
    "NVML GPU utilisation (0-1).",
    ("host", "gpu"),
    registry=REGISTRY,
)
GPU_MEMORY_USED = Gauge(
    "portalis_gpu_memory_used_bytes", "NVML GPU memory used.", ("host", "gpu"), registry=REGISTRY
)
GPU_MEMORY_TOTAL = Gauge(
    "portalis_gpu_memory_total_bytes",
    "NVML GPU memory total.",
    ("host", "gpu"),
    registry=REGISTRY,
)
GPU_TEMPERATURE = Gauge(
    "portalis_gpu_temperature_celsius",
    "NVML GPU temperature.",
    ("host", "gpu"),
    registry=REGISTRY,
)
CACHE_HITS = Counter("portalis_cache_hits_total", "Translation cache hits.", registry=REGISTRY)
CACHE_MISSES = Counter(
    "portalis_cache_misses_total", "Translation cache misses.", registry=REGISTRY
)
CACHE_ERRORS = Counter(
    "portalis_cache_errors_total",
    "Cache operations that failed (run went on uncached).",
    registry=REGISTRY,
)
STORAGE_RETRIES = Counter(
    "portalis_storage_retries_total",
    "Output writes retried after a storage error.",
    registry=REGISTRY,
)
ERRORS = Counter(
    "portalis_errors_total",
    "Units ended by a fault of the machinery, by kind (internal_error, worker_crash, timeout).",
    ("kind",),
    registry=REGISTRY,
)
COST = Counter(
    "portalis_cost_usd_total",
    "Provisioned cost of runs' workers (USD).",
    ("tenant", "instance_type"),
    registry=REGISTRY,
)
IDLE_COST = Counter(
    "portalis_idle_cost_usd_total",
    "Part of that cost spent idle (USD).",
    ("tenant", "instance_type"),
    registry=REGISTRY,
)
PROVISIONED_SECONDS = Counter(
    "portalis_worker_provisioned_seconds_total",
    "Worker thread-seconds provisioned.",
    ("tenant", "instance_type"),
    registry=REGISTRY,
)
BUSY_SECONDS = Counter(
    "portalis_worker_busy_seconds_total",
    "Worker thread-seconds spent running tasks.",
    ("tenant", "instance_type"),
    registry=REGISTRY,
)
RUN_COST = Gauge(
    "portalis_run_cost_usd",
    "Cost of the current run so far (USD).",
    ("tenant",),
    registry=REGISTRY,
)
BUDGET = Gauge(
    "portalis_budget_usd",
    "A tenant's budget per period (USD).",
    ("tenant", "period"),
    registry=REGISTRY,
)
BUDGET_USED = Gauge(
    "portalis_budget_used_ratio",
    "Spend in the period (ledger + current run) / budget (above 1 once over budget).",
    ("tenant", "period"),
    registry=REGISTRY,
)
BUDGET_ALERT = Gauge(
    "portalis_budget_alert",
    "1 while a budget alert holds: kind ACTUAL (spend crossed the alert threshold) or "
    "FORECASTED (month-end forecast above the monthly budget).",
    ("tenant", "period", "kind"),
    registry=REGISTRY,
)
BUDGET_FORECAST = Gauge(
    "portalis_budget_forecast_usd",
    "Month-end forecast of a tenant's spend (USD).",
    ("tenant",),
    registry=REGISTRY,
)
BUDGET_STOPS = Counter(
    "portalis_budget_stops_total",
    "Runs stopped by a budget hard stop.",
    ("tenant",),
    registry=REGISTRY,
)
LAST_RUN = Gauge(
    "portalis_last_run_timestamp_seconds", "When the last run ended.", registry=REGISTRY
)
RUN_SECONDS = Gauge(
    "portalis_last_run_duration_seconds", "Wall time of the last run.", registry=REGISTRY
)
# portalis serve (pipeline/service/)
HTTP_REQUEST_SECONDS = Histogram(
    "portalis_http_request_duration_seconds",
    "HTTP request latency of portalis serve by route, method and status code.",
    ("route", "method", "code"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=REGISTRY,
)
SERVE_TRANSLATIONS = Counter(
    "portalis_serve_translations_total",
    "Units answered by POST /v1/translate, by status and whether the answer was cached.",
    ("status", "cached"),
    registry=REGISTRY,
)
SERVE_REJECTED = Counter(
    "portalis_serve_rejected_total",
    "Requests to portalis serve refused before any work, by error code.",
    ("code",),
    registry=REGISTRY,
)
SERVE_BATCH_SIZE = Histogram(
    "portalis_serve_batch_size",
    "Translation-only requests per micro-batch of portalis serve.",
    buckets=(1, 2, 4, 8, 16, 32, 64),
    registry=REGISTRY,
)
SERVE_JOBS = Gauge(
    "portalis_serve_jobs", "Batch jobs of portalis serve by state.", ("state",), registry=REGISTRY
)
LAST_SUCCESS = Gauge(
    "portalis_last_success_timestamp_seconds",
    "When a run last succeeded (pushed only on success).",
    registry=SUCCESS_REGISTRY,
)


def serve(port: int, addr: str = "127.0.0.1") -> tuple[Any, int]:
    """Serve ``/metrics`` from a daemon thread; returns (server, port) (port 0: any free)."""
    server, _ = start_http_server(port, addr=addr, registry=REGISTRY)
    return server, int(server.server_port)


def push(gateway: str, job: str, tenant: str, succeeded: bool) -> None:
    """``pushadd`` the registry to a Pushgateway under grouping key job + tenant; with the
    last-success timestamp when ``succeeded``."""
    key = {"tenant": tenant}
    if succeeded:
        LAST_SUCCESS.set_to_current_time()
        pushadd_to_gateway(gateway, job=job, registry=SUCCESS_REGISTRY, grouping_key=key)
    pushadd_to_gateway(gateway, job=job, registry=_TenantView(tenant), grouping_key=key)


class _TenantView:
    """The registry's series of one tenant (and those without a tenant label): the grouping
    key's tenant label replaces a pushed series' own, so other tenants' would collide."""

    def __init__(self, tenant: str) -> None:
        self.tenant = tenant

    def collect(self) -> Iterator[Metric]:
        for family in REGISTRY.collect():
            view = Metric(family.name, family.documentation, family.type, family.unit)
            view.samples = [
                s for s in family.samples if s.labels.get("tenant", self.tenant) == self.tenant
            ]
            yield view


@dataclass(frozen=True)
class GpuReading:
    index: int
    utilization: float  # 0-1
    memory_used_bytes: int
    memory_total_bytes: int
    temperature_celsius: float


@dataclass(frozen=True)
class WorkerSample:
    """Measured on the worker around one task; travels back with its result."""

    host: str
    worker: str  # the worker's address ("" outside a worker)
    seconds: float
    peak_rss_bytes: int
    gpus: list[GpuReading] = field(default_factory=list)
    gpu_s: float = 0.0  # seconds of GPU time the task's model generation cost


@dataclass(frozen=True)
class Measured:
    value: Any
    sample: WorkerSample
    more: tuple[WorkerSample, ...] = ()  # earlier tasks of a chain ending in this one


class Sampled:
    """``Sampled(fn)(*args)`` runs ``fn`` and returns :class:`Measured` (picklable)."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.__name__ = getattr(fn, "__name__", "task")  # Dask names the task after it

    def __call__(self, *args: Any, **kwargs: Any) -> Measured:
        started = time.perf_counter()
        value = self.fn(*args, **kwargs)
        return Measured(value, sample_worker(time.perf_counter() - started))


def sample_worker(seconds: float, gpu_s: float = 0.0) -> WorkerSample:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    return WorkerSample(platform.node(), _worker_address(), seconds, peak, read_gpus(), gpu_s)


def _worker_address() -> str:
    try:
        return str(get_worker().address)
    except ValueError:  # not running in a worker
        return ""


def read_gpus() -> list[GpuReading]:
    """NVML readings of this machine's GPUs; empty without nvidia-ml-py or a driver."""
    try:
        import pynvml  # optional: portalis[gpu]
    except ImportError:
        return []
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError:
        return []
    try:
        return [_reading(pynvml, i) for i in range(pynvml.nvmlDeviceGetCount())]
    finally:
        pynvml.nvmlShutdown()


def _reading(pynvml: Any, index: int) -> GpuReading:
    handle = pynvml.nvmlDeviceGetHandleByIndex(index)
    memory = pynvml.nvmlDeviceGetMemoryInfo(handle)
    return GpuReading(
        index,
        pynvml.nvmlDeviceGetUtilizationRates(handle).gpu / 100,
        int(memory.used),
        int(memory.total),
        float(pynvml.nvmlDeviceGetTemperature(handle, pynvml.NVML_TEMPERATURE_GPU)),
    )


def record_sample(sample: WorkerSample, kind: str) -> None:
    """Update the driver's series from a worker's sample (the peak memory gauge is the
    caller's: it knows the largest peak so far)."""
    TASK_SECONDS.labels(kind).observe(sample.seconds)
    for gpu in sample.gpus:
        labels = (sample.host, str(gpu.index))
        GPU_UTIL.labels(*labels).set(gpu.utilization)
        GPU_MEMORY_USED.labels(*labels).set(gpu.memory_used_bytes)
        GPU_MEMORY_TOTAL.labels(*labels).set(gpu.memory_total_bytes)
        GPU_TEMPERATURE.labels(*labels).set(gpu.temperature_celsius)
