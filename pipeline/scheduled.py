"""Final metrics of a scheduled run, pushed to a Prometheus Pushgateway.

``scripts/portalis-scheduled.sh`` (cron or the systemd timer) calls this after the pipeline has
exited, so that even a run that failed before writing anything is visible. It follows the pattern
Prometheus documents for batch jobs: ``pushadd`` (POST) to the group ``job=<job>`` with no
instance label, and the last-success timestamp set only when the run succeeded — a failed run
leaves the previous success time in place, so "no success for 26 hours" is an alert.

    python -m pipeline.scheduled --gateway http://pushgateway:9091 --job nightly \\
        --out s3://results/runs --exit-code 0 --duration 812
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import fsspec
from prometheus_client import CollectorRegistry, Gauge, pushadd_to_gateway

SUMMARY = "summary.json"


def read_summary(out: str, storage_options: dict | None = None) -> dict[str, Any] | None:
    """The run's ``summary.json`` under *out*, or None when the run wrote none."""
    try:
        with fsspec.open(f"{out.rstrip('/')}/{SUMMARY}", "rt", **(storage_options or {})) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def build_registry(
    exit_code: int, duration_s: float, summary: dict[str, Any] | None, now: float | None = None
) -> CollectorRegistry:
    """The gauges of one scheduled run (see the module doc)."""
    registry = CollectorRegistry()
    Gauge(
        "portalis_scheduled_run_exit_code",
        "Exit code of the last scheduled run (0 ok, 1 internal, 2 usage, 3 interrupted, "
        "a run skipped because another held the lock pushes nothing).",
        registry=registry,
    ).set(exit_code)
    Gauge(
        "portalis_scheduled_run_duration_seconds",
        "Wall time of the last scheduled run.",
        registry=registry,
    ).set(duration_s)
    Gauge(
        "portalis_scheduled_run_finished_timestamp_seconds",
        "When the last scheduled run ended (Unix time).",
        registry=registry,
    ).set(now if now is not None else time.time())
    if exit_code == 0:
        Gauge(
            "portalis_scheduled_run_last_success_timestamp_seconds",
            "When a scheduled run last completed successfully (Unix time).",
            registry=registry,
        ).set(now if now is not None else time.time())
    if summary is not None:
        units = Gauge(
            "portalis_scheduled_run_units",
            "Units of the last scheduled run by status.",
            ["status"],
            registry=registry,
        )
        for status, count in sorted(summary.get("counts", {}).items()):
            units.labels(status=status).set(count)
    return registry


def push(gateway: str, job: str, registry: CollectorRegistry, timeout: float = 10.0) -> None:
    """``pushadd`` to ``<gateway>/metrics/job/<job>``: only the metrics named here replace
    the group's previous values."""
    pushadd_to_gateway(gateway, job=job, registry=registry, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.scheduled", description=__doc__)
    parser.add_argument("--gateway", required=True, help="Pushgateway URL (http://host:9091)")
    parser.add_argument("--job", default="portalis_scheduled", help="grouping key job")
    parser.add_argument("--out", required=True, help="the run's --out (summary.json is read)")
    parser.add_argument("--exit-code", type=int, required=True)
    parser.add_argument("--duration", type=float, required=True, help="seconds")
    args = parser.parse_args(argv)
    registry = build_registry(args.exit_code, args.duration, read_summary(args.out))
    try:
        push(args.gateway, args.job, registry)
    except OSError as exc:
        print(f"pushgateway {args.gateway}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
