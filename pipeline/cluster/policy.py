"""The workload policy: size classes (partitioning, worker range, task resources) and priority
queues, read from ``config/resource_allocation.yaml`` and validated on load.

Why a policy file: how a job is split and scaled should be tuned per deployment without code
changes, and a bad value should fail at start-up naming the field, not mid-run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import distributed
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.childprio import ChildPriority, Scheduling
from pipeline.cluster.connect import ClusterHandle
from pipeline.cluster.errors import PolicyError, describe_validation_error
from pipeline.cluster.launch import adapt_cluster
from pipeline.cluster.spec import AdaptLimits
from pipeline.cluster.tasks import submit_kwargs

log = logging.getLogger(__name__)

POLICY_ENV = "PORTALIS_POLICY"
"""Environment variable naming a policy file to use instead of the bundled one."""

POLICY_FILENAME = "resource_allocation.yaml"
_PACKAGE_COPY = Path(__file__).with_name(POLICY_FILENAME)
_REPO_COPY = Path(__file__).resolve().parents[2] / "config" / POLICY_FILENAME

REQUIRED_QUEUES = ("interactive", "batch", "training", "low_priority")


class WorkerRange(AdaptLimits):
    """Adaptive scaling range for a size class (same rules as a spec's ``adapt``)."""

    minimum: int = Field(1, ge=0)


class SizeClass(BaseModel):
    """Jobs up to ``max_lines`` lines (``None``: unbounded) are split into partitions of about
    ``partition_lines`` lines, run on ``workers`` workers, each task requesting ``resources``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    max_lines: int | None = Field(..., gt=0)
    partition_lines: int = Field(..., gt=0)
    workers: WorkerRange
    resources: dict[str, float] = Field(default_factory=dict)

    @field_validator("resources")
    @classmethod
    def _positive(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [k for k, v in value.items() if v <= 0]
        if bad:
            raise ValueError(f"resource amounts must be positive: {', '.join(sorted(bad))}")
        return value

    def partitions(self, total_lines: int) -> int:
        """How many partitions a job of *total_lines* lines is split into (at least one)."""
        return max(1, -(-max(0, total_lines) // self.partition_lines))


class Queue(BaseModel):
    """A priority queue: its Dask task ``priority``, a cap on concurrently running jobs, and
    the OS priority of its tasks' child processes (``nice``, ``scheduling``: childprio.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    priority: int
    max_concurrent_jobs: int = Field(..., ge=1)
    nice: int = Field(0, ge=0, le=19)
    scheduling: Scheduling = "normal"

    @property
    def children(self) -> ChildPriority:
        return ChildPriority(self.nice, self.scheduling)


def _named(value: Any) -> Any:
    """Let YAML write ``name: {fields}``: copy each mapping key into the item's ``name``."""
    if isinstance(value, Mapping):
        return {
            key: {**item, "name": key} if isinstance(item, Mapping) else item
            for key, item in value.items()
        }
    return value


class WorkloadPolicy(BaseModel):
    """Validated policy. Size classes are ordered smallest first; the last is unbounded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(1, ge=1, le=1)
    size_classes: dict[str, SizeClass] = Field(..., min_length=1)
    queues: dict[str, Queue]
    default_queue: str = "batch"

    @field_validator("size_classes", "queues", mode="before")
    @classmethod
    def _add_names(cls, value: Any) -> Any:
        return _named(value)

    @model_validator(mode="after")
    def _consistent(self) -> WorkloadPolicy:
        classes = list(self.size_classes.values())
        for earlier, later in zip(classes, classes[1:], strict=False):
            if earlier.max_lines is None:
                raise ValueError(
                    f"size_classes.{earlier.name}.max_lines: only the last class may be "
                    f"unbounded (null)"
                )
            if later.max_lines is not None and later.max_lines <= earlier.max_lines:
                raise ValueError(
                    f"size_classes.{later.name}.max_lines: must exceed {earlier.name}'s "
                    f"{earlier.max_lines} (classes go smallest first)"
                )
        if classes[-1].max_lines is not None:
            raise ValueError(
                f"size_classes.{classes[-1].name}.max_lines: the last class must be unbounded "
                f"(null) so every job has a class"
            )
        missing = [q for q in REQUIRED_QUEUES if q not in self.queues]
        if missing:
            raise ValueError(f"queues: missing required queue(s) {', '.join(missing)}")
        if self.default_queue not in self.queues:
            raise ValueError(
                f"default_queue: unknown queue {self.default_queue!r}; "
                f"known: {', '.join(self.queues)}"
            )
        return self

    def size_class(self, total_lines: int) -> SizeClass:
        """The class of a job with *total_lines* lines of source."""
        if total_lines < 0:
            raise PolicyError(f"total_lines must be >= 0, got {total_lines}")
        for cls in self.size_classes.values():
            if cls.max_lines is None or total_lines <= cls.max_lines:
                return cls
        raise AssertionError("unreachable: the last size class is unbounded")

    def size_class_named(self, name: str) -> SizeClass:
        """Look a class up by name (``tiny`` … ``xlarge``)."""
        try:
            return self.size_classes[name]
        except KeyError:
            raise PolicyError(
                f"unknown size class {name!r}; known: {', '.join(self.size_classes)}"
            ) from None

    def queue(self, name: str | None = None) -> Queue:
        """The queue called *name* (``None``: the default queue)."""
        key = self.default_queue if name is None else name
        try:
            return self.queues[key]
        except KeyError:
            raise PolicyError(f"unknown queue {key!r}; known: {', '.join(self.queues)}") from None

    def priority(self, queue: str | None = None) -> int:
        """The Dask priority for tasks of *queue* (higher runs first)."""
        return self.queue(queue).priority

    def job_slot(
        self, client: distributed.Client, queue: str | None = None
    ) -> distributed.Semaphore:
        """A scheduler-wide semaphore capping concurrent jobs of *queue* at its
        ``max_concurrent_jobs``: ``with policy.job_slot(client, "batch"): run(...)``.

        Every job that shares the scheduler shares the cap; a lease held by a process that dies
        expires after ``distributed.scheduler.locks.lease-timeout``.
        """
        q = self.queue(queue)
        return distributed.Semaphore(
            max_leases=q.max_concurrent_jobs,
            name=f"portalis-queue-{q.name}",
            scheduler_rpc=client.scheduler,
            loop=client.loop,
        )

    def task_kwargs(
        self, queue: str | None, size_class: SizeClass | str, retries: int | None = None
    ) -> dict[str, Any]:
        """``client.submit``/``client.map`` keywords for a task of this queue and class."""
        cls = self._resolve(size_class)
        return submit_kwargs(self.priority(queue), cls.resources, retries)

    def apply_scaling(
        self, handle: ClusterHandle, size_class: SizeClass | str
    ) -> AdaptLimits | None:
        """Adapt an owned cluster to the class's worker range, clamped to ``handle.limits``.

        Returns the limits applied, or ``None`` when the cluster is not ours to resize (an
        address or a caller's client) or its manager cannot adapt.
        """
        cls = self._resolve(size_class)
        if handle.cluster is None or not handle.owned:
            log.info("not scaling: the cluster is not owned by this process")
            return None
        minimum, maximum = cls.workers.minimum, cls.workers.maximum
        if handle.limits is not None:
            maximum = min(maximum, handle.limits.maximum)
            minimum = min(max(minimum, handle.limits.minimum), maximum)
        limits = AdaptLimits(minimum=minimum, maximum=maximum)
        if not adapt_cluster(handle.cluster, limits.minimum, limits.maximum):
            log.info("not scaling: %s cannot adapt", type(handle.cluster).__name__)
            return None
        return limits

    def _resolve(self, size_class: SizeClass | str) -> SizeClass:
        return (
            size_class if isinstance(size_class, SizeClass) else self.size_class_named(size_class)
        )


def default_policy_path() -> Path:
    """``$PORTALIS_POLICY``, else the checkout's ``config/``, else the packaged copy."""
    override = os.environ.get(POLICY_ENV)
    if override:
        return Path(override)
    in_checkout = (_REPO_COPY.parents[1] / "pyproject.toml").is_file()
    return _REPO_COPY if in_checkout and _REPO_COPY.is_file() else _PACKAGE_COPY


def load_policy(path: str | os.PathLike[str] | None = None) -> WorkloadPolicy:
    """Read and validate a policy file; errors are :class:`PolicyError` naming the bad field."""
    source = Path(path) if path is not None else default_policy_path()
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read policy {source}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0]
        raise PolicyError(f"{source}: not valid YAML: {first}") from None
    if not isinstance(raw, Mapping):
        raise PolicyError(f"{source}: a policy must be a mapping with size_classes and queues")
    try:
        return WorkloadPolicy.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(describe_validation_error(str(source), exc)) from None
