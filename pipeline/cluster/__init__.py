"""Cluster layer: connect to any Dask deployment, describe clusters as specs, size and
prioritise work (see ``docs`` in each module)."""

from pipeline.cluster.connect import ClusterHandle, connect
from pipeline.cluster.errors import (
    ClusterConnectError,
    ClusterError,
    ClusterSpecError,
    ClusterUnavailable,
    PolicyError,
    ResourceUnavailable,
    UnknownCluster,
)
from pipeline.cluster.policy import Queue, SizeClass, WorkloadPolicy, load_policy
from pipeline.cluster.spec import ClusterSpec, available_clusters, build_spec
from pipeline.cluster.tasks import check_resources, submit_kwargs

__all__ = [
    "ClusterConnectError",
    "ClusterError",
    "ClusterHandle",
    "ClusterSpec",
    "ClusterSpecError",
    "ClusterUnavailable",
    "PolicyError",
    "Queue",
    "ResourceUnavailable",
    "SizeClass",
    "UnknownCluster",
    "WorkloadPolicy",
    "available_clusters",
    "build_spec",
    "check_resources",
    "connect",
    "load_policy",
    "submit_kwargs",
]
