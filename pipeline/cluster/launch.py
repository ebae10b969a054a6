"""Turn a validated :class:`ClusterSpec` into a running cluster-manager object.

The manager's package is imported only here, lazily, so a missing extra becomes an actionable
:class:`ClusterUnavailable` ("dask_cuda is not installed: pip install 'portalis[gpu]'") instead of
an ImportError traceback at start-up.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from pipeline.cluster.errors import (
    ClusterConnectError,
    ClusterSpecError,
    ClusterUnavailable,
    one_line,
)
from pipeline.cluster.spec import ClusterSpec

log = logging.getLogger(__name__)

# Exceptions whose type name says "the hardware or service is not there", not "bad spec".
_UNAVAILABLE_HINTS = ("NVML", "CUDA", "Driver", "LibraryNotFound")


def load_manager_class(spec: ClusterSpec) -> type:
    """Import ``spec.module`` and return ``spec.class_name`` from it."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".", 1)[0]
        hint = spec.install_hint
        if missing == spec.package:
            how = f": pip install '{hint}'" if hint else ""
            raise ClusterUnavailable(
                f"{spec.package} is not installed{how} (needed by cluster {spec.name!r})"
            ) from None
        how = f"; reinstall with pip install '{hint}'" if hint else ""
        raise ClusterUnavailable(
            f"{spec.package} is installed but its dependency {exc.name} is missing{how}"
        ) from None
    except ImportError as exc:  # installed but broken (e.g. dask-cuda without its [cu12] bits)
        how = f"; try pip install '{spec.install_hint}'" if spec.install_hint else ""
        raise ClusterUnavailable(
            f"{spec.package} failed to import ({one_line(exc)}){how}"
        ) from None
    try:
        cls = getattr(module, spec.class_name)
    except AttributeError:
        raise ClusterSpecError(
            f"{spec.source or spec.name}: {spec.module} has no class {spec.class_name!r}"
        ) from None
    if not callable(cls):
        raise ClusterSpecError(f"{spec.source or spec.name}: {spec.target} is not callable")
    return cls


def start_cluster(spec: ClusterSpec, **overrides: Any) -> Any:
    """Create the cluster manager described by *spec*, add its worker groups and apply its
    ``adapt`` limits. *overrides* update ``kwargs`` (e.g. ``dashboard_address`` in tests).

    On any failure after the manager exists, it is closed before the error propagates.
    """
    cls = load_manager_class(spec)
    kwargs = {**spec.kwargs, **overrides}
    try:
        cluster = cls(*spec.args, **kwargs)
    except TypeError as exc:
        raise ClusterSpecError(
            f"{spec.source or spec.name}: {spec.target} rejected its arguments: {one_line(exc)}"
        ) from None
    except Exception as exc:  # any start-up failure becomes one actionable line
        kind = (
            ClusterUnavailable
            if any(h in type(exc).__name__ for h in _UNAVAILABLE_HINTS)
            else (ClusterConnectError)
        )
        raise kind(f"could not start cluster {spec.name!r} ({spec.target}): {one_line(exc)}") from (
            None
        )
    try:
        for group in spec.worker_groups:
            add = getattr(cluster, "add_worker_group", None)
            if add is None:
                raise ClusterSpecError(
                    f"{spec.source or spec.name}: worker_groups given but {spec.target} "
                    f"has no add_worker_group"
                )
            add(**group.add_kwargs())
        if spec.adapt is not None:
            adapt_cluster(cluster, spec.adapt.minimum, spec.adapt.maximum)
    except ClusterSpecError:
        close_quietly(cluster)
        raise
    except Exception as exc:
        close_quietly(cluster)
        raise ClusterConnectError(
            f"cluster {spec.name!r} started but could not be configured: {one_line(exc)}"
        ) from None
    return cluster


def adapt_cluster(cluster: Any, minimum: int, maximum: int) -> bool:
    """Call ``cluster.adapt(minimum=, maximum=)`` if the manager supports it; report whether it
    did."""
    adapt = getattr(cluster, "adapt", None)
    if adapt is None:
        return False
    adapt(minimum=minimum, maximum=maximum)
    return True


def close_quietly(obj: Any) -> None:
    """Close a client or cluster, logging (not raising) a failure."""
    close = getattr(obj, "close", None)
    if close is None:
        return
    try:
        close()
    except Exception as exc:
        log.warning("closing %r failed: %s", obj, one_line(exc))
    finally:
        disarm_gateway_finaliser(obj)


def disarm_gateway_finaliser(obj: Any) -> None:
    """Stop a closed dask-gateway ``Gateway`` from closing itself again when collected.

    ``Gateway.close`` is not idempotent and ``Gateway.__del__`` calls it again once the loop
    has stopped, raising "Accessing the loop property while the loop is not running" at
    whatever point the garbage collector runs (seen to break CPython 3.11's AST compiler).
    ``__del__`` skips objects without ``_loop_runner``, so drop it once the loop is stopped.
    """
    for candidate in (obj, getattr(obj, "gateway", None)):
        if candidate is None or not type(candidate).__module__.startswith("dask_gateway"):
            continue
        runner = getattr(candidate, "_loop_runner", None)
        is_started = getattr(runner, "is_started", None)
        if runner is not None and callable(is_started) and not is_started():
            del candidate._loop_runner
