"""Render a Kubernetes cluster spec into the Dask operator's custom resources, offline.

``KubeCluster`` creates these objects itself when it starts; rendering them without a cluster
lets tests check the spec (e.g. that GPU pods request ``nvidia.com/gpu``) and lets operators
``kubectl apply`` the same resources under GitOps. The dicts come from dask-kubernetes's own
``make_cluster_spec``/``make_worker_spec``, so they match what ``KubeCluster`` would submit.
"""

from __future__ import annotations

from typing import Any

from pipeline.cluster.errors import ClusterSpecError
from pipeline.cluster.launch import load_manager_class
from pipeline.cluster.spec import ClusterSpec

API_VERSION = "kubernetes.dask.org/v1"


def render_manifests(spec: ClusterSpec) -> list[dict[str, Any]]:
    """``DaskCluster``, one ``DaskWorkerGroup`` per extra group and, with ``adapt``, a
    ``DaskAutoscaler`` for the default (CPU) group."""
    if spec.class_name != "KubeCluster":
        raise ClusterSpecError(f"{spec.name}: not a KubeCluster spec ({spec.target})")
    load_manager_class(spec)  # actionable error when dask-kubernetes is missing
    from dask_kubernetes.operator import make_cluster_spec, make_worker_spec

    kw = spec.kwargs
    if "custom_cluster_spec" in kw:
        cluster = kw["custom_cluster_spec"]
        if not isinstance(cluster, dict):
            raise ClusterSpecError(f"{spec.name}: kwargs.custom_cluster_spec must be a mapping")
    else:
        cluster = make_cluster_spec(
            name=kw.get("name", spec.name),
            image=kw.get("image", "ghcr.io/dask/dask:latest"),
            n_workers=kw.get("n_workers", 3),
            resources=kw.get("resources"),
            env=kw.get("env"),
            worker_command=kw.get("worker_command", "dask-worker"),
            idle_timeout=kw.get("idle_timeout", 0),
        )
    name = cluster["metadata"]["name"]
    namespace = kw.get("namespace")
    if namespace:
        cluster["metadata"]["namespace"] = namespace
    manifests: list[dict[str, Any]] = [cluster]
    for group in spec.worker_groups:
        worker = group.custom_spec or make_worker_spec(
            image=group.image or kw.get("image", "ghcr.io/dask/dask:latest"),
            n_workers=group.n_workers,
            resources=group.resources if group.resources is not None else kw.get("resources"),
            env=group.env if group.env is not None else kw.get("env"),
            worker_command=group.worker_command or kw.get("worker_command", "dask-worker"),
        )
        manifests.append(
            _resource("DaskWorkerGroup", f"{name}-{group.name}", namespace)
            | {"spec": {"cluster": name, "worker": worker}}
        )
    if spec.adapt is not None:
        manifests.append(
            _resource("DaskAutoscaler", name, namespace)
            | {
                "spec": {
                    "cluster": name,
                    "minimum": spec.adapt.minimum,
                    "maximum": spec.adapt.maximum,
                }
            }
        )
    return manifests


def _resource(kind: str, name: str, namespace: str | None) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": name}
    if namespace:
        metadata["namespace"] = namespace
    return {"apiVersion": API_VERSION, "kind": kind, "metadata": metadata}


def container(worker_spec: dict[str, Any]) -> dict[str, Any]:
    """The (single) worker container of a worker spec, for inspection."""
    return worker_spec["spec"]["containers"][0]
