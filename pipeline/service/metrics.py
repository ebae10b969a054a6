"""The service's Prometheus metrics: its own series (request latency histograms, answers,
batches, refusals, jobs) in a registry of its own, served at ``/metrics`` after Portalis's
registry (``pipeline.metrics``: runs, units, workers, cache, cost)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from pipeline.metrics import REGISTRY

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "portalis_http_request_duration_seconds",
            "HTTP request latency by route, method and status code.",
            ["route", "method", "code"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.translations = Counter(
            "portalis_serve_translations_total",
            "Units answered by POST /v1/translate, by status and whether the answer was cached.",
            ["status", "cached"],
            registry=self.registry,
        )
        self.rejected = Counter(
            "portalis_serve_rejected_total",
            "Requests refused before any work, by error code.",
            ["code"],
            registry=self.registry,
        )
        self.batch_size = Histogram(
            "portalis_serve_batch_size",
            "Translation-only requests per Dask task (micro-batches).",
            buckets=(1, 2, 4, 8, 16, 32, 64),
            registry=self.registry,
        )
        self.jobs = Gauge(
            "portalis_serve_jobs", "Batch jobs by state.", ["state"], registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(REGISTRY) + generate_latest(self.registry)
