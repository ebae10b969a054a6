"""A real service for the API and browser tests: a LocalCluster of worker processes, a SQLite
cache, API keys for two tenants of two tiers, uvicorn on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from distributed import LocalCluster

from pipeline.config import RunConfig
from pipeline.service.app import ServiceState
from pipeline.service.auth import hash_key
from pipeline.service.server import build_state, running

KEY_A, KEY_B, KEY_C = "key-of-team-a", "key-of-team-b", "key-of-team-c"
TENANTS = """
version: 1
tiers:
  default: {gpu_quota: 0, budgets: {daily: 10}}
  free: {gpu_quota: 0, budgets: {daily: 1}}
tenants:
  team-a: {tier: default}
  team-b: {tier: free}
  team-c: {tier: default}
"""


@dataclass
class Service:
    url: str
    state: ServiceState
    root: Path  # where jobs may read local sources


@pytest.fixture(scope="package")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("service")
    (tmp / "tenants.yaml").write_text(TENANTS)
    (tmp / "keys.yaml").write_text(
        f"keys:\n  - {{tenant: team-a, sha256: {hash_key(KEY_A)}}}\n"
        f"  - {{tenant: team-b, sha256: {hash_key(KEY_B)}}}\n"
        f"  - {{tenant: team-c, sha256: {hash_key(KEY_C)}}}\n"
    )
    (tmp / "sources").mkdir()
    config = RunConfig.model_validate(
        {
            "cache": {"url": f"sqlite:///{tmp / 'cache.sqlite'}"},
            "verify": {"examples_per_function": 5},
            "service": {
                "keys_file": str(tmp / "keys.yaml"),
                "tenants_file": str(tmp / "tenants.yaml"),
                "max_body_bytes": 64 * 1024,
                "max_upload_bytes": 1024 * 1024,
                "batch_window_ms": 300,
                "tiers": {
                    "default": {"requests_per_minute": 6000, "burst": 1000},
                    "free": {"requests_per_minute": 1, "burst": 3, "verify": False},
                },
                "jobs_out": str(tmp / "jobs"),
                "source_roots": [str(tmp / "sources")],
            },
        }
    )
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, dashboard_address="127.0.0.1:0"
    ) as cluster:
        state = build_state(config, cluster.scheduler_address, "127.0.0.1")
        with running(state) as url:
            yield Service(url, state, tmp / "sources")
