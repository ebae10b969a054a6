"""connect(): ownership of local clusters, attaching by address or Client, and the one-line
errors for unknown names, missing optional packages and unreachable schedulers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import dask
import distributed
import pytest

from pipeline.cluster import (
    ClusterConnectError,
    ClusterError,
    ClusterHandle,
    ClusterSpecError,
    ClusterUnavailable,
    UnknownCluster,
    connect,
)


def _inc(x: int) -> int:
    return x + 1


def test_local_cluster_is_owned_and_closed() -> None:
    handle = connect("local", workers=1)
    cluster = handle.cluster
    assert isinstance(cluster, distributed.LocalCluster)
    assert handle.owned
    assert handle.dashboard_link and handle.dashboard_link.startswith("http://127.0.0.1:")
    assert handle.client.submit(_inc, 1).result(timeout=30) == 2
    assert len(handle.client.scheduler_info()["workers"]) == 1
    nthreads = handle.client.nthreads()
    assert list(nthreads.values()) == [1]

    # A second connection by address does not own the cluster and leaves it running.
    with connect(handle.scheduler_address) as attached:
        assert not attached.owned and attached.cluster is None
        assert attached.client.submit(_inc, 2).result(timeout=30) == 3
    assert attached.client.status == "closed"
    assert cluster.status.name == "running"
    assert handle.client.submit(_inc, 3).result(timeout=30) == 4

    # Wrapping an existing client does not own it either: close leaves the client's cluster up.
    extra = distributed.Client(cluster, set_as_default=False)
    wrapped = connect(extra)
    assert isinstance(wrapped, ClusterHandle) and not wrapped.owned
    assert wrapped.cluster is cluster
    wrapped.close()
    assert extra.status == "running", "the caller's client stays open"
    assert cluster.status.name == "running"
    extra.close()

    handle.close()
    handle.close()  # idempotent
    assert handle.client.status == "closed"
    assert cluster.status.name == "closed"


def test_a_lean_local_cluster_runs_its_workers_without_the_profiler() -> None:
    """``portalis run``'s own cluster (``lean``): no statistical profiler in its workers, a
    worker added by a later scale-up included, the rest of Dask's settings kept."""
    key, target = "distributed.worker.profile.enabled", "distributed.worker.memory.target"
    with connect("local", workers=1, lean=True) as handle:
        assert list(handle.client.run(dask.config.get, key).values()) == [False]
        handle.cluster.scale(2)  # type: ignore[union-attr]
        handle.client.wait_for_workers(2, timeout=60)
        assert list(handle.client.run(dask.config.get, key).values()) == [False, False]
        kept = set(handle.client.run(dask.config.get, target).values())
        assert kept == {dask.config.get(target)}
    with connect("local", workers=1) as handle:  # by default as Dask has it
        assert list(handle.client.run(dask.config.get, key).values()) == [dask.config.get(key)]


def test_spec_path_starts_owned_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTALIS_WORKERS", "1")
    local_yaml = Path(__file__).parents[2] / "clusters" / "local.yaml"
    with connect(str(local_yaml)) as handle:
        assert handle.owned and isinstance(handle.cluster, distributed.LocalCluster)
        assert handle.client.submit(_inc, 41).result(timeout=30) == 42
        cluster = handle.cluster
    assert cluster.status.name == "closed"


def test_unknown_name_lists_available() -> None:
    with pytest.raises(UnknownCluster) as info:
        connect("no-such-cluster")
    message = str(info.value)
    assert "\n" not in message
    for name in ("local", "cuda", "gateway", "kubernetes", "slurm"):
        assert name in message
    assert isinstance(info.value, ClusterUnavailable)


@pytest.mark.skipif(
    importlib.util.find_spec("dask_cuda") is not None, reason="dask_cuda is installed here"
)
def test_missing_dask_cuda_is_actionable() -> None:
    with pytest.raises(ClusterUnavailable) as info:
        connect("cuda")
    assert str(info.value).startswith("dask_cuda is not installed: pip install 'portalis[gpu]'")


def test_missing_optional_package_from_spec_file(tmp_path: Path) -> None:
    spec = tmp_path / "fancy.yaml"
    spec.write_text("module: portalis_absent_pkg.clusters\nclass: FancyCluster\n")
    with pytest.raises(ClusterUnavailable, match=r"portalis_absent_pkg is not installed"):
        connect(str(spec))
    spec.write_text("module: portalis_absent_pkg\nclass: FancyCluster\nrequires: portalis[fancy]\n")
    with pytest.raises(ClusterUnavailable, match=r"pip install 'portalis\[fancy\]'"):
        connect(str(spec))


def test_broken_install_is_actionable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed-but-broken package (dask-cuda without its cu12 bits) is still one line."""
    pkg = tmp_path / "dask_cuda"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "raise ImportError(\"cannot import name 'bindings' from 'cuda'\")\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ClusterUnavailable) as info:
        connect("cuda")
    message = str(info.value)
    assert message.startswith("dask_cuda failed to import (ImportError: cannot import name")
    assert "pip install 'portalis[gpu]'" in message


def test_bad_specs_are_spec_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("module: distributed\nclass: NoSuchCluster\n")
    with pytest.raises(ClusterSpecError, match="distributed has no class 'NoSuchCluster'"):
        connect(str(bad))
    # A keyword the manager's constructor does not take (any callable stands in for one).
    bad.write_text("module: json\nclass: JSONDecoder\nkwargs: {no_such_option: 1}\n")
    with pytest.raises(ClusterSpecError, match="json.JSONDecoder rejected its arguments"):
        connect(str(bad))
    # A manager that fails while starting: one line naming the spec and class.
    bad.write_text(
        "module: distributed\nclass: LocalCluster\n"
        "kwargs: {n_workers: 1, no_such_option: 1, dashboard_address: '127.0.0.1:0'}\n"
    )
    with pytest.raises(ClusterConnectError, match=r"could not start cluster 'bad' \(distributed"):
        connect(str(bad))
    with pytest.raises(ClusterSpecError, match="not found"):
        connect(str(tmp_path / "missing.yaml"))


def test_unreachable_scheduler_is_one_line() -> None:
    from tests.fixtures.servers import free_port

    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(ClusterConnectError) as info:
        connect(address, timeout=1)
    assert address in str(info.value) and "\n" not in str(info.value)


def test_argument_checks() -> None:
    with pytest.raises(ClusterError, match="workers must be at least 1"):
        connect(workers=0)
    with pytest.raises(ClusterError, match="apply only to the local cluster"):
        connect("tcp://127.0.0.1:1", resources={"GPU": 1})
