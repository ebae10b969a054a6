"""Cluster specs: dask-ctl-style YAML files that describe how to create a cluster manager.

A spec names a cluster-manager class by ``module`` and ``class`` plus its ``args``/``kwargs``
(the format ``dask-ctl`` uses), with optional ``adapt: {minimum, maximum}`` limits and
``worker_groups`` (extra groups added after creation, e.g. GPU workers on Kubernetes).
Loading a spec (:func:`build_spec`) never imports the manager's package or starts anything, so
specs can be validated on machines without the optional extras.

String values may use ``${VAR}`` or ``${VAR:-default}``; ``$${`` is a literal ``${``. A value that
is exactly one placeholder is read as a YAML scalar, so ``${N:-4}`` gives the integer 4 and
``${X:-}`` or ``${X:-null}`` gives ``None`` (the manager's own default then applies).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.cluster.errors import ClusterSpecError, UnknownCluster, describe_validation_error

CLUSTERS_DIR_ENV = "PORTALIS_CLUSTERS_DIR"
"""Environment variable naming an extra directory searched first for ``NAME.yaml`` specs."""

_REPO_ROOT = Path(__file__).resolve().parents[2]
_IN_CHECKOUT = (_REPO_ROOT / "pyproject.toml").is_file()
BUNDLED_SPECS_DIR = Path(__file__).with_name("specs")

# The top-level package of a manager → the extra that installs it.
INSTALL_HINTS: dict[str, str] = {
    "dask_cuda": "portalis[gpu]",
    "dask_gateway": "portalis[gateway]",
    "dask_kubernetes": "portalis[kubernetes]",
    "dask_jobqueue": "portalis[hpc]",
}

_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?")
_PLACEHOLDER = re.compile(r"\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class AdaptLimits(BaseModel):
    """Bounds for ``cluster.adapt``: the manager keeps between ``minimum`` and ``maximum``
    workers."""

    model_config = ConfigDict(extra="forbid")

    minimum: int = Field(0, ge=0)
    maximum: int = Field(..., ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> AdaptLimits:
        if self.minimum > self.maximum:
            raise ValueError(f"minimum ({self.minimum}) exceeds maximum ({self.maximum})")
        return self


class WorkerGroup(BaseModel):
    """An extra worker group, passed as keywords to ``cluster.add_worker_group`` after the
    cluster starts (dask-kubernetes operator). ``custom_spec`` is a full worker pod spec."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., pattern=r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    n_workers: int = Field(0, ge=0)
    image: str | None = None
    resources: dict[str, Any] | None = None
    worker_command: str | list[str] | None = None
    env: dict[str, str] | list[dict[str, Any]] | None = None
    custom_spec: dict[str, Any] | None = None

    def add_kwargs(self) -> dict[str, Any]:
        """Keywords for ``KubeCluster.add_worker_group`` (unset fields left to the cluster)."""
        return self.model_dump(exclude_none=True)


class ClusterSpec(BaseModel):
    """A validated cluster spec. ``source`` is the file it came from (``None`` if built in)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str
    version: int = Field(1, ge=1, le=1)
    description: str | None = None
    module: str = Field(..., pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
    class_name: str = Field(..., alias="class", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    args: list[Any] = Field(default_factory=list)
    kwargs: dict[str, Any] = Field(default_factory=dict)
    adapt: AdaptLimits | None = None
    worker_groups: list[WorkerGroup] = Field(default_factory=list)
    requires: str | None = None
    instance_type: str = "local"  # what its workers run on, priced in config/pricing.yaml
    source: Path | None = None

    @model_validator(mode="after")
    def _unique_groups(self) -> ClusterSpec:
        names = [group.name for group in self.worker_groups]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"worker_groups: duplicate group name(s) {', '.join(dupes)}")
        return self

    @property
    def package(self) -> str:
        """Top-level package to import (``dask_cuda`` for ``dask_cuda.local_cuda_cluster``)."""
        return self.module.split(".", 1)[0]

    @property
    def install_hint(self) -> str | None:
        """What to ``pip install`` when the package is missing, if known."""
        return self.requires or INSTALL_HINTS.get(self.package)

    @property
    def target(self) -> str:
        """``module.Class``, for messages."""
        return f"{self.module}.{self.class_name}"


def spec_dirs() -> list[Path]:
    """Directories searched for ``NAME.yaml``, first match wins: ``$PORTALIS_CLUSTERS_DIR``,
    ``./clusters``, the source checkout's ``clusters/`` and the copies bundled with the
    package."""
    dirs: list[Path] = []
    extra = os.environ.get(CLUSTERS_DIR_ENV)
    if extra:
        dirs.append(Path(extra))
    dirs.append(Path.cwd() / "clusters")
    if _IN_CHECKOUT:
        dirs.append(_REPO_ROOT / "clusters")
    dirs.append(BUNDLED_SPECS_DIR)
    unique: list[Path] = []
    for d in dirs:
        resolved = d.resolve()
        if resolved not in unique and resolved.is_dir():
            unique.append(resolved)
    return unique


def available_clusters() -> dict[str, Path]:
    """Every spec name that :func:`build_spec` can resolve, mapped to its file."""
    found: dict[str, Path] = {}
    for d in spec_dirs():
        for path in sorted(d.glob("*.y*ml")):
            if path.suffix in (".yaml", ".yml"):
                found.setdefault(path.stem, path)
    return dict(sorted(found.items()))


def looks_like_path(target: str) -> bool:
    """A target is a path (not a name) if it has a YAML suffix or a directory separator."""
    return target.endswith((".yaml", ".yml")) or os.sep in target or "/" in target


def resolve_spec_path(name_or_path: str | os.PathLike[str]) -> Path:
    """Find the spec file for a name or path, or raise with the list of known names."""
    text = os.fspath(name_or_path)
    if looks_like_path(text):
        path = Path(text).expanduser()
        if not path.is_file():
            raise ClusterSpecError(f"cluster spec file not found: {path}")
        return path
    known = available_clusters()
    if text in known:
        return known[text]
    names = ", ".join(["local", *(n for n in known if n != "local")])
    raise UnknownCluster(
        f"unknown cluster {text!r}; available: {names}; "
        f"or give a tcp:// address or a path to a spec file"
    )


def interpolate(value: Any, env: Mapping[str, str], where: str = "") -> Any:
    """Replace ``${VAR}``/``${VAR:-default}`` in every string inside *value* (see module doc)."""
    if isinstance(value, dict):
        return {
            k: interpolate(v, env, f"{where}.{k}" if where else str(k)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [interpolate(v, env, f"{where}[{i}]") for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$${":
            return "${"
        var, default = match.group(1), match.group(2)
        if var in env:
            return env[var]
        if default is not None:
            return default
        raise ClusterSpecError(
            f"{where or 'value'}: environment variable {var} is not set "
            f"(set it, or write ${{{var}:-default}})"
        )

    whole = _PLACEHOLDER.fullmatch(value)
    result = _PLACEHOLDER.sub(substitute, value)
    return _scalar(result) if whole and whole.group(0) != "$${" else result


def _scalar(text: str) -> Any:
    """Type a whole-placeholder value: null/int/float/bool, else the string unchanged.

    Deliberately narrower than YAML (``02:00:00`` stays a walltime string, not 7200).
    """
    stripped = text.strip()
    if stripped.lower() in ("", "null", "~", "none"):
        return None
    if stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    if _INT.fullmatch(stripped):
        return int(stripped)
    if _FLOAT.fullmatch(stripped):
        return float(stripped)
    return text


def build_spec(
    name_or_path: str | os.PathLike[str], env: Mapping[str, str] | None = None
) -> ClusterSpec:
    """Load, interpolate and validate a spec without importing or starting anything.

    *env* replaces ``os.environ`` for ``${VAR}`` interpolation (tests, dry runs).
    """
    path = resolve_spec_path(name_or_path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ClusterSpecError(f"{path}: cannot read spec: {first}") from exc
    if not isinstance(raw, dict):
        raise ClusterSpecError(f"{path}: a cluster spec must be a mapping with module and class")
    raw.setdefault("name", path.stem)
    try:
        data = interpolate(raw, os.environ if env is None else env)
    except ClusterSpecError as exc:
        raise ClusterSpecError(f"{path}: {exc}") from None
    try:
        return ClusterSpec.model_validate({**data, "source": path})
    except ValidationError as exc:
        raise ClusterSpecError(describe_validation_error(str(path), exc)) from None
