"""One way to get a Dask client: :func:`connect` over local, address, Client or spec targets.

Portalis never schedules work itself; it runs on whatever Dask deployment the user has. This
module decides, from one *target* value, whether to start a cluster (and therefore own it and
close it afterwards) or to attach to someone else's (and leave it running).
"""

from __future__ import annotations

import copy
import logging
import os
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import dask
import distributed

from pipeline.cluster.errors import ClusterConnectError, ClusterError, ClusterSpecError, one_line
from pipeline.cluster.launch import close_quietly, start_cluster
from pipeline.cluster.spec import AdaptLimits, build_spec

log = logging.getLogger(__name__)

LOCAL_TARGETS = (None, "local")
# A local cluster's workers run without Dask's statistical profiler (it samples every
# thread's stack every 10 ms, for the dashboard's profile page, holding the GIL the task
# needs) and report system metrics once a second, not twice: measured on 2 idle workers,
# 119 -> 83 ms of CPU per second for the profiler alone, and ~6% less CPU on busy ones.
LEAN = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "1s",
}
ADDRESS_SCHEMES = ("tcp://", "tls://", "ucx://", "ucxx://", "inproc://", "ws://", "wss://")


@dataclass
class ClusterHandle:
    """A connected client plus the cluster manager behind it, if known.

    ``owned`` says whether :func:`connect` started the cluster: only then does :meth:`close`
    shut it down. A client passed in by the caller is theirs too and stays open
    (``owns_client=False``). ``limits`` bounds any later ``adapt`` call (the spec's own
    limits, or the size of a machine-sized local cluster), so a workload policy cannot ask
    for more.
    """

    client: distributed.Client
    cluster: object | None
    owned: bool
    dashboard_link: str | None
    limits: AdaptLimits | None = None
    owns_client: bool = True
    _closed: bool = field(default=False, init=False, repr=False)

    @property
    def scheduler_address(self) -> str | None:
        """The scheduler's address as the client sees it."""
        return getattr(self.client.scheduler, "address", None)

    def close(self) -> None:
        """Close our client, and the cluster only if we own it. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self.owns_client:
            close_quietly(self.client)
        if self.owned and self.cluster is not None:
            close_quietly(self.cluster)

    def __enter__(self) -> ClusterHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def machine_workers() -> int:
    """Worker processes for a machine-sized local cluster: usable CPUs (cgroup-aware)."""
    count = getattr(distributed.system, "CPU_COUNT", None) or os.cpu_count() or 1
    return max(1, int(count))


def connect(
    target: str | distributed.Client | None = None,
    *,
    workers: int | None = None,
    threads_per_worker: int = 1,
    memory_limit: str | None = None,
    resources: dict[str, float] | None = None,
    timeout: float = 30.0,
    lean: bool = False,
) -> ClusterHandle:
    """Return a :class:`ClusterHandle` for *target*.

    - ``None`` or ``"local"``: start a ``LocalCluster`` of worker processes sized to the
      machine (``workers`` or the CPU count; ``threads_per_worker``, ``memory_limit``,
      ``resources`` and ``lean`` — its workers with :data:`LEAN` settings, also those
      it adds when scaled — apply here only). Owned.
    - ``"tcp://host:port"`` (or tls://, ucx://…): connect to a running scheduler. Not owned.
    - a ``distributed.Client``: wrap it. Not owned.
    - a spec name (``clusters/NAME.yaml``) or a path to a spec file: start the cluster it
      describes (see :mod:`pipeline.cluster.spec`). Owned. ``workers`` then means
      ``cluster.scale(workers)``, which replaces the spec's adaptive limits.

    Errors are :class:`ClusterError` subclasses with one-line messages.
    """
    if workers is not None and workers < 1:
        raise ClusterError(f"workers must be at least 1, got {workers}")
    if threads_per_worker < 1:
        raise ClusterError(f"threads_per_worker must be at least 1, got {threads_per_worker}")
    if isinstance(target, distributed.Client):
        return _wrap_client(target)
    if target in LOCAL_TARGETS:
        return _start_local(workers, threads_per_worker, memory_limit, resources, lean)
    if not isinstance(target, str | os.PathLike):
        raise ClusterError(
            f"cannot connect to {type(target).__name__}; give a name, address or Client"
        )
    text = os.fspath(target)
    if memory_limit is not None or resources is not None:
        raise ClusterError(
            "memory_limit and resources apply only to the local cluster; set them in the "
            "cluster spec or on the workers you started"
        )
    if text.startswith(ADDRESS_SCHEMES):
        return _attach(text, timeout)
    return _start_from_spec(text, workers, timeout)


def _wrap_client(client: distributed.Client) -> ClusterHandle:
    return ClusterHandle(
        client=client,
        cluster=getattr(client, "cluster", None),
        owned=False,
        dashboard_link=_dashboard(client),
        owns_client=False,
    )


def _start_local(
    workers: int | None,
    threads_per_worker: int,
    memory_limit: str | None,
    resources: dict[str, float] | None,
    lean: bool = False,
) -> ClusterHandle:
    n_workers = workers or machine_workers()
    extra = {"config": lean_config()} if lean else {}
    try:
        cluster = distributed.LocalCluster(
            n_workers=n_workers,
            threads_per_worker=threads_per_worker,
            processes=True,
            memory_limit=memory_limit if memory_limit is not None else "auto",
            resources=resources,
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
            **extra,
        )
    except Exception as exc:
        raise ClusterConnectError(f"could not start a local cluster: {one_line(exc)}") from None
    return _client_for(cluster, limits=AdaptLimits(minimum=1, maximum=n_workers), timeout=30.0)


def lean_config() -> dict[str, Any]:
    """Dask's whole configuration with :data:`LEAN` set: what a nanny (also one a later
    scale-up adds) hands its worker, which takes it in place of its own."""
    with dask.config.set(LEAN):
        return copy.deepcopy(dask.config.config)


def _attach(address: str, timeout: float) -> ClusterHandle:
    try:
        client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ClusterConnectError(
            f"could not reach the scheduler at {address} within {timeout:g}s: {one_line(exc)}"
        ) from None
    except Exception as exc:
        raise ClusterConnectError(f"could not connect to {address}: {one_line(exc)}") from None
    return ClusterHandle(
        client=client, cluster=None, owned=False, dashboard_link=_dashboard(client)
    )


def _start_from_spec(name_or_path: str, workers: int | None, timeout: float) -> ClusterHandle:
    spec = build_spec(name_or_path)
    cluster = start_cluster(spec)
    if workers is not None:
        scale = getattr(cluster, "scale", None)
        if scale is None:
            close_quietly(cluster)
            raise ClusterSpecError(f"cluster {spec.name!r} ({spec.target}) cannot be scaled")
        scale(workers)
    limits = spec.adapt if workers is None else AdaptLimits(minimum=workers, maximum=workers)
    return _client_for(cluster, limits=limits, timeout=timeout)


def _client_for(cluster: Any, limits: AdaptLimits | None, timeout: float) -> ClusterHandle:
    """Open a client on a cluster we just started; close the cluster if that fails."""
    try:
        # The cluster's security carries the TLS credentials a gateway cluster needs.
        client = distributed.Client(
            cluster, security=getattr(cluster, "security", None), timeout=timeout
        )
    except Exception as exc:
        close_quietly(cluster)
        raise ClusterConnectError(
            f"started a cluster but could not connect: {one_line(exc)}"
        ) from (None)
    return ClusterHandle(
        client=client, cluster=cluster, owned=True, dashboard_link=_dashboard(client), limits=limits
    )


def _dashboard(client: distributed.Client) -> str | None:
    try:
        return client.dashboard_link or None
    except Exception:  # no dashboard (bokeh missing, or disabled) is not an error
        return None
