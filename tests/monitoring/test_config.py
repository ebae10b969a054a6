"""The monitoring files: promtool checks and rule unit tests, the dashboard's shape, and every
`portalis_` series they name defined in code with Prometheus's naming conventions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from pipeline import metrics
from tests.fixtures.servers import _missing

MONITORING = Path(__file__).resolve().parents[2] / "config" / "monitoring"
DASHBOARD = MONITORING / "grafana" / "portalis-dashboard.json"
RUNBOOK = "docs/OPERATIONS_RUNBOOK.md#alert-"
REQUIRED_ALERTS = {
    "PortalisHighErrorRate",
    "PortalisGPUOverheating",
    "PortalisBudgetThresholdCrossed",
    "PortalisBudgetForecastExceeded",
    "PortalisSustainedHighUtilisation",
    "PortalisLongQueue",
    "PortalisWorkerLost",
    "PortalisLowUtilisation",
}
SERIES = re.compile(r"\bportalis_[a-z0-9_]+")


def promtool(*args: str) -> subprocess.CompletedProcess:
    binary = shutil.which("promtool")
    if binary is None:
        _missing("promtool", "apt-get install prometheus")
    return subprocess.run(
        [binary, *args], cwd=MONITORING, capture_output=True, text=True, timeout=120
    )


def rules() -> list[dict]:
    groups = yaml.safe_load((MONITORING / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [t["expr"] for p in panels for t in p["targets"]]


def exposed_names() -> set[str]:
    """Every series name the code can expose (counters with _total, histograms' parts)."""
    suffixes = {
        "counter": ("_total",),
        "histogram": ("_bucket", "_count", "_sum"),
        "info": ("_info",),
        "gauge": ("",),
    }
    return {
        family.name + suffix
        for registry in (metrics.REGISTRY, metrics.SUCCESS_REGISTRY)
        for family in registry.collect()
        for suffix in suffixes[family.type]
    }


def test_promtool_checks_rules_and_config() -> None:
    checked = promtool("check", "rules", "alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    config = promtool("check", "config", "prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_promtool_unit_tests_of_the_alerts() -> None:
    tested = promtool("test", "rules", "alerts_test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    cases = yaml.safe_load((MONITORING / "alerts_test.yml").read_text())["tests"]
    names = {t["alertname"] for case in cases for t in case["alert_rule_test"] if t["exp_alerts"]}
    assert len(names) >= 5 and names <= {r["alert"] for r in rules()}


def test_alerts_have_severity_summary_and_runbook() -> None:
    found = {r["alert"]: r for r in rules()}
    assert set(found) >= REQUIRED_ALERTS
    for name, rule in found.items():
        assert rule["labels"]["severity"] in ("critical", "warning", "info"), name
        assert rule["annotations"]["summary"], name
        assert rule["annotations"]["runbook_url"] == RUNBOOK + name.lower()


def test_dashboard_shape_and_provisioning() -> None:
    board = json.loads(DASHBOARD.read_text())
    assert board["uid"] == "portalis-overview"
    variables = {v["name"]: v for v in board["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert len(board["panels"]) >= 11
    for panel in board["panels"]:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
        assert all(t["datasource"]["uid"] == "${datasource}" for t in panel["targets"])
    titles = {p["title"] for p in board["panels"]}
    assert {"GPU utilisation per GPU", "GPU memory", "GPU temperature"} <= titles
    gpu = " ".join(dashboard_exprs())
    assert "DCGM_FI_DEV_GPU_UTIL" in gpu and "portalis_gpu_utilization_ratio" in gpu
    provisioning = MONITORING / "grafana" / "provisioning"
    provider = yaml.safe_load((provisioning / "dashboards" / "portalis.yaml").read_text())
    assert provider["providers"][0]["type"] == "file"
    sources = yaml.safe_load((provisioning / "datasources" / "prometheus.yaml").read_text())
    assert sources["datasources"][0]["type"] == "prometheus"


def test_every_series_named_in_dashboard_and_rules_exists_in_code() -> None:
    named = {
        m
        for expr in [*dashboard_exprs(), *(r["expr"] for r in rules())]
        for m in SERIES.findall(expr)
    }
    assert len(named) >= 15
    assert named - exposed_names() == set()


def test_series_follow_prometheus_conventions() -> None:
    families = [f for r in (metrics.REGISTRY, metrics.SUCCESS_REGISTRY) for f in r.collect()]
    assert len(families) >= 25
    for family in families:
        assert family.name.startswith("portalis_"), family.name
        if family.type == "counter":
            assert not family.name.endswith("_total")  # the client adds it to the samples
        if family.type == "gauge" and family.name.endswith("_utilization_ratio"):
            assert all(0 <= s.value <= 1 for s in family.samples), family.name
    labels = {
        label
        for family in families
        for metric in [getattr(metrics, n) for n in dir(metrics)]
        if getattr(metric, "_name", None) == family.name
        for label in metric._labelnames
    }
    assert labels <= {
        "tenant",
        "priority",
        "engine",
        "status",
        "kind",
        "period",
        "reason",
        "instance_type",
        "host",
        "gpu",
        # portalis serve: route templates (never a raw path), HTTP methods and status codes,
        # error codes, true/false, job states
        "route",
        "method",
        "code",
        "cached",
        "state",
    }


def test_importing_metrics_has_no_side_effects() -> None:
    code = (
        "import threading, prometheus_client, pipeline.metrics as m; "
        "assert threading.active_count() == 1; "
        "assert not any(n.startswith('portalis') for n in "
        "prometheus_client.REGISTRY._names_to_collectors)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_worker_samples_update_the_gpu_gauges() -> None:
    # a GPU cannot exist here: the reading stands in for what NVML returns on a GPU worker
    assert metrics.read_gpus() == []  # no NVIDIA driver on this machine: no readings, no error
    reading = metrics.GpuReading(0, 0.42, 3 * 2**30, 16 * 2**30, 71.0)
    sample = metrics.WorkerSample("node7", "tcp://10.0.0.7:1", 2.5, 2**30, [reading])
    metrics.record_sample(sample, "partition")
    assert metrics.GPU_UTIL.labels("node7", "0")._value.get() == 0.42
    assert metrics.GPU_TEMPERATURE.labels("node7", "0")._value.get() == 71.0
    assert metrics.GPU_MEMORY_USED.labels("node7", "0")._value.get() == 3 * 2**30
    measured = metrics.Sampled(sum)([1, 2])
    assert measured.value == 3 and measured.sample.worker == ""  # run outside a worker
