"""Fixtures for the cluster tests: a real local dask-gateway-server, and spec environments.

`gateway_server` (module scope) runs `dask-gateway-server` as a child process with a generated
config: the `UnsafeLocalBackend` (clusters are local processes of this venv), the simple
authenticator, and two cluster options (`worker_cores`, `worker_memory` in GiB) matching
`clusters/gateway.yaml`. API and proxy listen on free loopback ports; the proxy serves HTTP and
the scheduler TCP traffic on one port.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures.servers import free_port

SPEC_ENV = {
    "DASK_GATEWAY_ADDRESS": "https://gateway.example.org",
    "SLURM_PARTITION": "gpu-long",
    "SLURM_ACCOUNT": "portalis",
}
"""Environment for loading every bundled spec (gateway.yaml needs DASK_GATEWAY_ADDRESS)."""


@dataclass(frozen=True)
class GatewayServer:
    """A running dask-gateway-server: `address` is the proxy URL clients use."""

    address: str
    log: Path


_CONFIG = """
from dask_gateway_server.options import Float, Integer, Options

c.DaskGateway.address = "127.0.0.1:{api_port}"
c.DaskGateway.log_level = "WARN"
c.Proxy.address = "127.0.0.1:{proxy_port}"
c.Proxy.tcp_address = "127.0.0.1:{proxy_port}"
c.DaskGateway.backend_class = "dask_gateway_server.backends.local.UnsafeLocalBackend"
c.DaskGateway.authenticator_class = "dask_gateway_server.auth.SimpleAuthenticator"
c.UnsafeLocalBackend.clusters_directory = {clusters_dir!r}
c.ClusterConfig.scheduler_cmd = [{python!r}, "-m", "distributed.cli.dask_scheduler"]
c.ClusterConfig.worker_cmd = [{python!r}, "-m", "distributed.cli.dask_worker"]
c.ClusterConfig.idle_timeout = 300
# Schedulers and workers run in their own directories: let them unpickle test functions.
c.ClusterConfig.environment = {{"PYTHONPATH": {repo!r}}}


def _options_to_config(options):
    return {{
        "worker_cores": options.worker_cores,
        "worker_memory": int(options.worker_memory * 2**30),
    }}


c.Backend.cluster_options = Options(
    Integer("worker_cores", default=1, min=1, max=2, label="Worker cores"),
    Float("worker_memory", default=1, min=0.25, max=4, label="Worker memory (GiB)"),
    handler=_options_to_config,
)
"""


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def gateway_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatewayServer]:
    """Start dask-gateway-server on loopback, wait until healthy, stop it afterwards."""
    try:
        import dask_gateway  # noqa: F401
        import dask_gateway_server  # noqa: F401
    except ImportError as exc:
        message = f"{exc.name} is not installed (pip install 'dask-gateway-server[local]')"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("gateway")
    api_port, proxy_port = free_port(), free_port()
    config = workdir / "gateway_config.py"
    config.write_text(
        textwrap.dedent(_CONFIG).format(
            api_port=api_port,
            proxy_port=proxy_port,
            clusters_dir=str(workdir / "clusters"),
            python=sys.executable,
            repo=str(Path(__file__).resolve().parents[2]),
        )
    )
    log = workdir / "gateway.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dask_gateway_server", "-f", str(config)],
            cwd=workdir,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{proxy_port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(address):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dask-gateway-server did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield GatewayServer(address=address, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
