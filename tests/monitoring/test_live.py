"""A real run's driver scraped by a real Prometheus, its final values pushed to a real
Pushgateway: counters move during the run, every PromQL expression of the dashboard and the
alert rules evaluates, the core panels return series, the push is visible with job + tenant and
a last-success timestamp."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from distributed import Client, LocalCluster
from prometheus_client.parser import text_string_to_metric_families

from pipeline import metrics
from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import make_repo
from tests.monitoring.test_config import DASHBOARD, dashboard_exprs, rules

CORE_PANELS = (
    "Workers",
    "Active jobs",
    "Cost (24 h)",
    "Job queue by priority",
    "Translation latency",
    "Throughput",
    "Cost over time by tenant",
    "Budget used",
)


def scrape(port: int) -> dict[str, float]:
    """Sum of each sample name's values on the driver's /metrics."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    values: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            values[sample.name] = values.get(sample.name, 0.0) + sample.value
    return values


class Watcher(threading.Thread):
    """Scrapes /metrics every 100 ms while the run goes."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.seen, self.done = port, [], threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.seen.append(scrape(self.port))
            time.sleep(0.1)


def wait_for(prom, expr: str, timeout: float = 30) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = prom.query(expr)["result"]
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"no series for {expr}")


@pytest.mark.timeout(300)
def test_run_scraped_by_prometheus_and_pushed(tmp_path: Path, prometheus, pushgateway) -> None:
    repo = make_repo(tmp_path / "repo", files=6, funcs=4)
    server, port = metrics.serve(0)
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    )
    client = Client(cluster)
    scheduler = cluster.scheduler.services["dashboard"].port
    prom = prometheus(
        {
            "portalis-driver": [f"127.0.0.1:{port}"],
            "pushgateway": [pushgateway.url.removeprefix("http://")],
            "dask-scheduler": [f"127.0.0.1:{scheduler}"],
        }
    )
    config = RunConfig(
        partition_lines=20,
        cache={"url": "none://"},
        verify={"enabled": False},
        cost={"tenant": "default", "job": "live"},
        metrics={"pushgateway": pushgateway.url, "push_job": "portalis-batch"},
    )
    before = scrape(port)
    watcher = Watcher(port)
    watcher.start()
    try:
        summary = run([str(repo)], str(tmp_path / "out"), config, client)
    finally:
        watcher.done.set()
        watcher.join()
        client.close()
        cluster.close()
    assert summary.complete and summary.functions == 24

    # /metrics during the run: the job was active and task counters moved
    assert any(
        s.get("portalis_jobs_active") == before.get("portalis_jobs_active", 0) + 1
        for s in watcher.seen
    )
    task_counts = [s.get("portalis_task_duration_seconds_count", 0) for s in watcher.seen]
    assert task_counts[-1] > task_counts[0]
    after = scrape(port)
    submitted = "portalis_jobs_submitted_total"
    assert after[submitted] == before.get(submitted, 0) + 1
    assert after["portalis_units_total"] >= before.get("portalis_units_total", 0) + 24

    # Prometheus scraped the driver: wait for two samples after the run, then evaluate
    wait_for(prom, 'count_over_time(portalis_units_total{status="compiled"}[1m]) >= 2')
    for expr in [*dashboard_exprs(), *(r["expr"] for r in rules())]:
        prom.query(expr)  # raises on any PromQL error
    panels = {p["title"]: p for p in json.loads(DASHBOARD.read_text())["panels"]}
    for title in CORE_PANELS:
        results = [prom.query(t["expr"])["result"] for t in panels[title]["targets"]]
        assert any(results), f"panel {title!r} returned no series"

    # the Pushgateway holds the final values under job + tenant, with the last success
    text = pushgateway.metrics()
    assert (
        'portalis_last_success_timestamp_seconds{instance="",job="portalis-batch",'
        'tenant="default"}' in text
    )
    pushed = wait_for(prom, 'portalis_jobs_completed_total{job="portalis-batch"}')
    assert pushed[0]["metric"]["tenant"] == "default"  # honor_labels kept the pushed labels
    server.shutdown()


def test_failed_run_push_keeps_the_last_success(pushgateway) -> None:
    metrics.RUN_COST.labels("acme").set(1.5)
    metrics.RUN_COST.labels("zeta").set(2.5)  # another tenant's series stay out of acme's group
    metrics.push(pushgateway.url, "nightly", "acme", succeeded=True)
    first = _last_success(pushgateway.metrics())
    assert 'portalis_run_cost_usd{instance="",job="nightly",tenant="acme"} 1.5' in (
        pushgateway.metrics()
    )
    assert 'tenant="zeta"' not in pushgateway.metrics()
    time.sleep(1.1)
    metrics.push(pushgateway.url, "nightly", "acme", succeeded=False)
    assert _last_success(pushgateway.metrics()) == first  # untouched by the failed run
    metrics.push(pushgateway.url, "other", "acme", succeeded=False)
    assert 'job="other"' in pushgateway.metrics()
    assert 'portalis_last_success_timestamp_seconds{instance="",job="other"' not in (
        pushgateway.metrics()
    )


def _last_success(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "portalis_last_success_timestamp_seconds":
                return sample.value
    raise AssertionError("no last-success timestamp pushed")


def test_monitoring_config_scrapes_driver_pushgateway_and_dask() -> None:
    config = yaml.safe_load((DASHBOARD.parents[1] / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in config["scrape_configs"]}
    assert {"portalis-driver", "pushgateway", "dask-scheduler", "dask-workers"} <= set(jobs)
    assert jobs["pushgateway"]["honor_labels"] is True
