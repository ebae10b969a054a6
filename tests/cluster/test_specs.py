"""Cluster specs: every bundled file validates; interpolation; Kubernetes manifests rendered
offline; the SLURM job script dask-jobqueue would submit."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cluster import ClusterSpecError, available_clusters, build_spec
from pipeline.cluster.launch import load_manager_class
from pipeline.cluster.spec import interpolate
from tests.cluster.conftest import SPEC_ENV

CLUSTERS_DIR = Path(__file__).parents[2] / "clusters"
BUNDLED = sorted(p.stem for p in CLUSTERS_DIR.glob("*.yaml"))
EXPECTED_TARGETS = {
    "local": "distributed.LocalCluster",
    "cuda": "dask_cuda.LocalCUDACluster",
    "gateway": "dask_gateway.GatewayCluster",
    "kubernetes": "dask_kubernetes.operator.KubeCluster",
    "slurm": "dask_jobqueue.SLURMCluster",
}


def test_bundled_specs_are_the_expected_set() -> None:
    assert set(EXPECTED_TARGETS) <= set(BUNDLED)
    assert set(BUNDLED) <= set(available_clusters())


def test_packaged_copies_match_clusters_dir() -> None:
    """The installed package ships copies of clusters/*.yaml; they must not drift."""
    packaged = Path(__file__).parents[2] / "pipeline" / "cluster" / "specs"
    assert sorted(p.name for p in packaged.glob("*.yaml")) == [f"{n}.yaml" for n in BUNDLED]
    for name in BUNDLED:
        copy = (packaged / f"{name}.yaml").read_text()
        assert copy == (CLUSTERS_DIR / f"{name}.yaml").read_text(), f"cp clusters/{name}.yaml"


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_spec_validates(name: str) -> None:
    by_name = build_spec(name, env=SPEC_ENV)
    by_path = build_spec(str(CLUSTERS_DIR / f"{name}.yaml"), env=SPEC_ENV)
    assert by_name == by_path
    assert by_name.name == name
    if name in EXPECTED_TARGETS:
        assert by_name.target == EXPECTED_TARGETS[name]
    assert by_name.install_hint or by_name.package == "distributed"


def test_cuda_spec_declares_gpu_resource() -> None:
    spec = build_spec("cuda", env={})
    assert spec.kwargs["resources"] == {"GPU": 1}
    assert spec.kwargs["threads_per_worker"] == 1
    assert spec.kwargs["CUDA_VISIBLE_DEVICES"] is None  # all GPUs, one worker each
    assert spec.install_hint == "portalis[gpu]"


def test_gateway_spec_interpolates_environment() -> None:
    env = {
        "DASK_GATEWAY_ADDRESS": "https://gw.example.org",
        "PORTALIS_MAX_WORKERS": "7",
        "PORTALIS_WORKER_MEMORY_GIB": "2.5",
    }
    spec = build_spec("gateway", env=env)
    assert spec.kwargs["address"] == "https://gw.example.org"
    assert spec.kwargs["proxy_address"] is None
    assert spec.kwargs["worker_memory"] == 2.5
    assert spec.kwargs["worker_cores"] == 1
    assert (spec.adapt.minimum, spec.adapt.maximum) == (1, 7)
    with pytest.raises(ClusterSpecError) as info:
        build_spec("gateway", env={})
    message = str(info.value)
    assert "kwargs.address" in message and "DASK_GATEWAY_ADDRESS is not set" in message


def test_interpolation_rules() -> None:
    env = {"A": "x", "N": "3"}
    assert interpolate("${A}-${B:-y}", env) == "x-y"
    assert interpolate("${N}", env) == 3
    assert interpolate("${B:-02:00:00}", env) == "02:00:00"  # not YAML 1.1 sexagesimal
    assert interpolate("${B:-}", env) is None
    assert interpolate("${B:-true}", env) is True
    assert interpolate("$${A}", env) == "${A}"
    assert interpolate({"k": ["${A}", 1]}, env) == {"k": ["x", 1]}


def test_spec_validation_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("module: distributed\nclass: LocalCluster\nadapt: {minimum: 5, maximum: 2}\n")
    with pytest.raises(ClusterSpecError, match=r"adapt: minimum \(5\) exceeds maximum \(2\)"):
        build_spec(bad)
    bad.write_text("module: distributed\nclass: LocalCluster\nkwarg: {}\n")
    with pytest.raises(ClusterSpecError, match=r"bad.yaml: kwarg: Extra inputs are not permitted"):
        build_spec(bad)
    bad.write_text("class: LocalCluster\n")
    with pytest.raises(ClusterSpecError, match=r"module: Field required"):
        build_spec(bad)
    bad.write_text("- just\n- a list\n")
    with pytest.raises(ClusterSpecError, match="must be a mapping"):
        build_spec(bad)


def test_kubernetes_manifests_without_a_cluster() -> None:
    pytest.importorskip("dask_kubernetes")
    from pipeline.cluster.kubernetes import container, render_manifests

    spec = build_spec("kubernetes", env={"PORTALIS_K8S_NAMESPACE": "translate"})
    manifests = render_manifests(spec)
    kinds = [m["kind"] for m in manifests]
    assert kinds == ["DaskCluster", "DaskWorkerGroup", "DaskAutoscaler"]
    cluster, gpu_group, autoscaler = manifests
    assert cluster["metadata"] == {"name": "portalis", "namespace": "translate"}

    cpu = container(cluster["spec"]["worker"])
    assert "nvidia.com/gpu" not in cpu["resources"]["limits"]
    assert "--resources" not in cpu["args"]

    assert gpu_group["metadata"]["name"] == "portalis-gpu"
    assert gpu_group["spec"]["cluster"] == "portalis"
    gpu = container(gpu_group["spec"]["worker"])
    assert gpu["resources"]["limits"]["nvidia.com/gpu"] == "1"
    assert gpu["args"][gpu["args"].index("--resources") + 1] == "GPU=1"
    assert gpu_group["spec"]["worker"]["replicas"] == 1

    assert autoscaler["spec"] == {"cluster": "portalis", "minimum": 1, "maximum": 32}
    # The class resolves lazily (no Kubernetes API is contacted by importing it).
    assert load_manager_class(spec).__name__ == "KubeCluster"


def test_slurm_job_script() -> None:
    pytest.importorskip("dask_jobqueue")
    spec = build_spec("slurm", env={**SPEC_ENV, "PORTALIS_WORKER_CORES": "8"})
    assert spec.adapt is not None and spec.adapt.maximum == 50
    cls = load_manager_class(spec)
    kwargs = {**spec.kwargs, "scheduler_options": {"dashboard_address": "127.0.0.1:0"}}
    cluster = cls(*spec.args, **kwargs)  # starts only a local scheduler; submits no job
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    assert script.startswith("#!/usr/bin/env bash")
    for line in (
        "#SBATCH -J portalis-worker",
        "#SBATCH -p gpu-long",
        "#SBATCH -A portalis",
        "#SBATCH -n 1",
        "#SBATCH --cpus-per-task=8",
        "#SBATCH -t 02:00:00",
        "#SBATCH --requeue",
    ):
        assert line in script, line
    assert "distributed.cli.dask_worker" in script
    assert "--nthreads 8" in script
    assert "--memory-limit" in script
