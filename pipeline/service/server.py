"""Start the service: the cluster (``pipeline.cluster.connect``, as ``portalis run`` does), the
cache, the API keys, then uvicorn — in the foreground (``portalis serve``) or in a thread
(tests, benchmarks)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from pipeline.cluster import connect, load_policy
from pipeline.config import ConfigError, RunConfig
from pipeline.cost.pricing import load_tenants
from pipeline.runner import open_run_cache
from pipeline.service.app import ServiceState, create_app
from pipeline.service.auth import KeyRing
from pipeline.service.jobs import JobManager

STARTUP_TIMEOUT_S = 60.0


def build_state(config: RunConfig, scheduler: str, host: str) -> ServiceState:
    """The routes' shared state for a cluster whose scheduler is at ``scheduler``."""
    tenants = load_tenants(config.service.tenants_file)
    tiers = {name: tenants.tenant(name).tier for name in tenants.tenants}
    keys = KeyRing.load(config.service.keys_file, tiers)
    if keys.open and not _loopback(host):
        raise ConfigError(
            f"no API keys configured: serving {host} needs service.keys_file or "
            "PORTALIS_API_KEYS (without keys only a loopback address is served)"
        )
    policy = load_policy(config.policy)
    for tier in config.service.tiers.values():
        policy.queue(tier.queue)  # an unknown queue fails here, not in every job
    state = ServiceState(
        config=config,
        keys=keys,
        scheduler=scheduler,
        cache=open_run_cache(config),
        interactive_priority=policy.priority("interactive"),
    )
    state.jobs = JobManager(config, scheduler)
    return state


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


def serve(config: RunConfig, host: str, port: int) -> None:
    """Run until interrupted (``portalis serve``)."""
    with connect(config.cluster, workers=config.workers) as handle:
        state = build_state(config, handle.client.scheduler.address, host)
        uvicorn.run(create_app(state), host=host, port=port, log_level="warning")


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
