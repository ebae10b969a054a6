"""Start the service: every setting checked first (:func:`preflight`, before any cluster), then
the cluster (``pipeline.cluster.connect``, as ``portalis run`` does), the cache, the API keys,
then uvicorn — in the foreground (``portalis serve``) or in a thread (tests, benchmarks)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import uvicorn
from fsspec.implementations.local import LocalFileSystem

from pipeline.cluster import Queue, connect, load_policy
from pipeline.cluster.connect import LOCAL_TARGETS
from pipeline.cluster.detached import detached_local
from pipeline.compile.rustc import ToolMissing, find_tool
from pipeline.config import ConfigError, RunConfig
from pipeline.cost.pricing import load_tenants
from pipeline.preflight import PreflightError, check_cluster, check_settings
from pipeline.runner import open_run_cache
from pipeline.service.app import ServiceState, create_app
from pipeline.service.auth import KeyRing
from pipeline.service.jobs import JobManager

STARTUP_TIMEOUT_S = 60.0


def preflight(config: RunConfig, host: str, port: int) -> None:
    """Raise :class:`PreflightError` (one line) for the first problem with what ``portalis
    serve`` is given — settings, cluster target, tenants, API keys for ``host``, the tiers'
    queues, ``jobs_out``, ``source_roots``, rustc for the lane, the address — before any
    cluster starts."""
    check_settings(config)
    check_cluster(config.cluster)
    try:
        load_keys(config, host)
        _tier_queues(config)
    except Exception as exc:  # ConfigError, CostConfigError, PolicyError: one-line messages
        raise PreflightError(str(exc).strip().splitlines()[0]) from None
    for root in config.service.source_roots:
        if not Path(root).is_dir():
            raise PreflightError(f"service.source_roots: no such directory: {root}")
    _check_jobs_out(config)
    _check_lane(config)
    _check_address(host, port)


def load_keys(config: RunConfig, host: str) -> KeyRing:
    """The API keys (file and environment) of the tenants file's tenants; without any, only a
    loopback ``host`` may be served."""
    tenants = load_tenants(config.service.tenants_file)
    tiers = {name: tenants.tenant(name).tier for name in tenants.tenants}
    keys = KeyRing.load(config.service.keys_file, tiers)
    if keys.open and not _loopback(host):
        raise ConfigError(
            f"no API keys configured: serving {host} needs service.keys_file or "
            "PORTALIS_API_KEYS (without keys only a loopback address is served)"
        )
    return keys


def _tier_queues(config: RunConfig) -> Queue:
    """The interactive queue; every tier's queue must exist in the policy."""
    policy = load_policy(config.policy)
    for tier in config.service.tiers.values():
        policy.queue(tier.queue)  # an unknown queue fails here, not in every job
    return policy.queue("interactive")


def _check_jobs_out(config: RunConfig) -> None:
    """``service.jobs_out`` can be written (one probe file, removed)."""
    url = config.service.jobs_out
    try:
        fs, path = fsspec.core.url_to_fs(url, **config.storage_options)
        existed = fs.exists(path)
        fs.makedirs(path, exist_ok=True)
        probe = f"{path.rstrip('/')}/.portalis-probe-{uuid.uuid4().hex[:8]}"
        fs.pipe_file(probe, b"")
        fs.rm_file(probe)
        if not existed and isinstance(fs, LocalFileSystem):  # no empty directory left behind
            fs.rmdir(path)
    except Exception as exc:  # ImportError (an extra), PermissionError, credentials
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise PreflightError(f"service.jobs_out {url} is not writable: {first}") from None


def _check_lane(config: RunConfig) -> None:
    """The interactive lane (``service.fast_path``) runs rustc and rustfmt on this host."""
    if not config.service.fast_path:
        return
    try:
        for tool in ("rustc", "rustfmt"):
            find_tool(tool)
    except ToolMissing as exc:
        raise PreflightError(
            f"service.fast_path translates on this host: {exc} (or set service.fast_path: "
            "false to translate only on the cluster)"
        ) from None


def _check_address(host: str, port: int) -> None:
    """``host:port`` can be listened on (nothing else holds it)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise PreflightError(
            f"--host {host} --port {port}: cannot listen there: {exc.strerror or exc}"
        ) from None


def build_state(config: RunConfig, scheduler: str, host: str) -> ServiceState:
    """The routes' shared state for a cluster whose scheduler is at ``scheduler``."""
    state = ServiceState(
        config=config,
        keys=load_keys(config, host),
        scheduler=scheduler,
        cache=open_run_cache(config),
        interactive=_tier_queues(config),
    )
    state.jobs = JobManager(config, scheduler)
    return state


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


def serve(config: RunConfig, host: str, port: int) -> None:
    """Run until interrupted (``portalis serve``): everything checked before any cluster."""
    preflight(config, host, port)
    with cluster_address(config) as scheduler:
        state = build_state(config, scheduler, host)
        uvicorn.run(create_app(state), host=host, port=port, log_level="warning")


@contextlib.contextmanager
def cluster_address(config: RunConfig) -> Iterator[str]:
    """The scheduler's address of the service's cluster: a local one runs in a process of
    its own (``detached_local``), so its scheduler does not share the event loop's process
    and GIL; any other target as ``portalis run`` connects to it."""
    if config.cluster in LOCAL_TARGETS:
        with detached_local(config.workers, nice=config.service.cluster_nice) as address:
            yield address
        return
    with connect(config.cluster, workers=config.workers) as handle:
        yield handle.client.scheduler.address


@contextlib.contextmanager
def running(state: ServiceState, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``state`` from a thread; yields the base URL (``http://host:port``)."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(state), host=host, port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="portalis-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()
    try:
        yield f"http://{bound[0]}:{bound[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
