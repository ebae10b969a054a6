"""A thin Prefect flow around ``portalis run``, for teams that orchestrate with Prefect.

    from pipeline.prefect_flow import portalis_flow
    summary = portalis_flow(["s3://src/repo"], "s3://results/runs/x", "tcp://scheduler:8786")

The flow's tasks run on the Dask cluster at ``address`` through prefect-dask's
``DaskTaskRunner(address=...)``: a preflight task checks every argument first (the same checks
as ``portalis run``, so a mistake fails the flow before any work), then the translation task
drives the pipeline on that same cluster with ``get_dask_client()``. Schedules, retries of the
whole flow and notifications are Prefect's. Nothing else imports this module; it needs
``pip install 'portalis[prefect]'``.
"""

from __future__ import annotations

from typing import Any

try:
    from prefect import flow, task
    from prefect_dask import DaskTaskRunner, get_dask_client
except ImportError as exc:  # the optional extra: say how to install it
    raise ImportError(
        f"pipeline.prefect_flow needs Prefect and prefect-dask ({exc.name} is missing): "
        "pip install 'portalis[prefect]'"
    ) from exc

from pipeline.config import load_config
from pipeline.preflight import check_run
from pipeline.runner import run


@task(name="portalis-preflight")
def preflight(sources: list[str], out: str, config_path: str | None, address: str) -> None:
    """Raise :class:`pipeline.preflight.PreflightError` (one line) for an operator mistake."""
    check_run(sources, out, load_config(config_path).with_overrides(cluster=address))


@task(name="portalis-translate")
def translate(sources: list[str], out: str, config_path: str | None) -> dict[str, Any]:
    """Run the pipeline on the cluster this task runs on; return the run's summary."""
    with get_dask_client() as client:
        summary = run(sources, out, load_config(config_path), client)
    if not summary.complete:
        raise RuntimeError(f"run {summary.run_id} was interrupted; outputs are _INCOMPLETE")
    return {
        "run_id": summary.run_id,
        "out": summary.out,
        "counts": summary.counts,
        "crates": summary.crates,
    }


@flow(name="portalis-run")
def portalis_run(
    sources: list[str], out: str, address: str, config_path: str | None = None
) -> dict[str, Any]:
    """Preflight, then translate; both tasks on the task runner's Dask cluster."""
    preflight.submit(sources, out, config_path, address).result()
    return translate.submit(sources, out, config_path).result()


def portalis_flow(
    sources: list[str], out: str, address: str, config_path: str | None = None
) -> dict[str, Any]:
    """Run the flow with its tasks on the running Dask scheduler at *address*."""
    runner = DaskTaskRunner(address=address)
    return portalis_run.with_options(task_runner=runner)(sources, out, address, config_path)
