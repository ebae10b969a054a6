"""Dask Gateway end to end: a real dask-gateway-server (local backend) and clusters/gateway.yaml
resolved from the environment, as a user would run it."""

from __future__ import annotations

import time

import pytest

from pipeline.cluster import ClusterConnectError, connect
from pipeline.cluster.launch import close_quietly
from tests.cluster.conftest import GatewayServer


def _square(x: int) -> int:
    return x * x


def _memory_limit() -> int:
    import distributed

    return int(distributed.get_worker().memory_manager.memory_limit)


def _gateway_env(monkeypatch: pytest.MonkeyPatch, server: GatewayServer) -> None:
    monkeypatch.setenv("DASK_GATEWAY_ADDRESS", server.address)
    monkeypatch.setenv("DASK_GATEWAY_AUTH", "basic")
    monkeypatch.setenv("PORTALIS_MIN_WORKERS", "1")
    monkeypatch.setenv("PORTALIS_MAX_WORKERS", "1")
    monkeypatch.setenv("PORTALIS_WORKER_MEMORY_GIB", "0.5")


def test_gateway_spec_starts_cluster_and_runs_a_task(
    gateway_server: GatewayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dask_gateway import Gateway

    _gateway_env(monkeypatch, gateway_server)
    gateway = Gateway(address=gateway_server.address, auth="basic")
    try:
        with connect("gateway", timeout=60) as handle:
            assert handle.owned
            assert handle.limits is not None and handle.limits.maximum == 1
            assert [c.name for c in gateway.list_clusters()] == [handle.cluster.name]
            # adapt(minimum=1) from the spec brings up exactly one worker.
            handle.client.wait_for_workers(1, timeout=90)
            assert handle.client.submit(_square, 12).result(timeout=60) == 144
            # The cluster options from the spec reached the worker (0.5 GiB memory limit).
            assert handle.client.submit(_memory_limit).result(timeout=60) == 2**29
            assert handle.dashboard_link and gateway_server.address in handle.dashboard_link
            time.sleep(0.5)
            assert len(handle.client.scheduler_info()["workers"]) == 1
        deadline = time.monotonic() + 30
        while gateway.list_clusters() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert gateway.list_clusters() == [], "closing an owned gateway cluster shuts it down"
    finally:
        close_quietly(gateway)


def test_unreachable_gateway_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask_gateway")
    from tests.fixtures.servers import free_port

    monkeypatch.setenv("DASK_GATEWAY_ADDRESS", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ClusterConnectError) as info:
        connect("gateway")
    assert "could not start cluster 'gateway'" in str(info.value)
    assert "\n" not in str(info.value)
