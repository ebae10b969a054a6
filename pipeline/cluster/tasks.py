"""Task-level scheduling hints that survive graph optimisation, and a guard for resources.

``dask.bag`` drops annotations (priority, resources, retries) when it optimises its graph, so
the pipeline passes them as keywords to ``client.submit``/``client.map``, where each future keeps
them. :func:`check_resources` refuses, up front, work that no worker could ever run: a task
whose resources no worker offers waits in ``no-worker`` forever without an error.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import distributed

from pipeline.cluster.errors import ResourceUnavailable


def submit_kwargs(
    priority: int | None = None,
    resources: Mapping[str, float] | None = None,
    retries: int | None = None,
) -> dict[str, Any]:
    """Keywords for ``client.submit``/``client.map`` carrying the given hints.

    Unset hints are left out so Dask's defaults apply; an empty ``resources`` mapping means
    "any worker" and is left out too.
    """
    kwargs: dict[str, Any] = {}
    if priority is not None:
        kwargs["priority"] = int(priority)
    if resources:
        for name, amount in resources.items():
            if amount <= 0:
                raise ValueError(f"resource {name!r} must be positive, got {amount}")
        kwargs["resources"] = dict(resources)
    if retries is not None:
        if retries < 0:
            raise ValueError(f"retries must be >= 0, got {retries}")
        kwargs["retries"] = int(retries)
    return kwargs


def worker_resources(client: distributed.Client) -> dict[str, dict[str, float]]:
    """Each worker's declared resources, by worker address."""
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return {addr: dict(info.get("resources") or {}) for addr, info in workers.items()}


def _satisfies(offered: Mapping[str, float], wanted: Mapping[str, float]) -> bool:
    return all(offered.get(name, 0) >= amount for name, amount in wanted.items())


def check_resources(
    client: distributed.Client, resources: Mapping[str, float] | None, timeout: float = 0.0
) -> list[str]:
    """Return the addresses of workers that can run a task needing *resources*.

    Waits up to *timeout* seconds for such a worker (an adaptive cluster may still be starting
    one); raises :class:`ResourceUnavailable` naming what is offered if there is none. A task
    without resources can run on any worker, so an empty request never raises (an adaptive
    cluster may have no workers yet); the current workers are returned.
    """
    wanted = {k: v for k, v in (resources or {}).items()}
    if not wanted:
        return sorted(worker_resources(client))
    deadline = time.monotonic() + max(0.0, timeout)
    while True:
        offered = worker_resources(client)
        able = sorted(addr for addr, res in offered.items() if _satisfies(res, wanted))
        if able:
            return able
        if time.monotonic() >= deadline:
            break
        time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
    if not offered:
        raise ResourceUnavailable(
            f"no workers are connected, so none can provide {wanted}; pass timeout= to wait "
            f"for an adaptive cluster to start one"
        )
    seen = sorted({f"{k}={v:g}" for res in offered.values() for k, v in res.items()})
    have = ", ".join(seen) if seen else "none"
    raise ResourceUnavailable(
        f"no worker offers resources {wanted} ({len(offered)} workers; resources offered: "
        f"{have}); start workers with --resources or use a spec that declares them"
    )
