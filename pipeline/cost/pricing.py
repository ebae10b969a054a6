"""Prices and tenants: ``config/pricing.yaml`` and ``config/tenants.yaml``, validated on load.

``pricing.yaml`` lists instance types (CPUs, GPUs, memory, hourly USD price on-demand / spot /
reserved). A cluster spec names the instance type its workers run on (``instance_type:``; a
local run is ``local``, priced at its configured rate, zero by default). A worker is charged the
share of its instance it requests or uses, whichever is larger (OpenCost's
``max(request, usage)``): ``max(threads / cpus, gpus / instance gpus, peak memory / instance
memory)`` (Dask's ``memory_limit`` is a spill threshold, not a reservation).

``tenants.yaml`` defines tiers (the shipped defaults: ``default`` 4 GPUs $500/day, ``premium``
16 GPUs $5,000/day, ``enterprise`` 64 GPUs $50,000/day) and tenants, each on a tier with optional
overrides: budgets (daily / weekly / monthly USD), ``alert_threshold`` (default 0.8),
``hard_stop`` (default off) and ``gpu_quota`` (caps the adaptive maximum of GPU workers).

Every error is a :class:`CostConfigError` whose one-line message names the file, the key and
the line, e.g. ``config/tenants.yaml: tenants.acme.budgets.daily (line 12): Input should be
greater than or equal to 0 (got -5)``.

Files: ``$PORTALIS_PRICING`` / ``$PORTALIS_TENANTS``, else the checkout's ``config/``, else the
copies packaged with this module (kept identical; a test checks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PRICING_ENV = "PORTALIS_PRICING"
TENANTS_ENV = "PORTALIS_TENANTS"
_HERE = Path(__file__).resolve().parent
_CHECKOUT_CONFIG = _HERE.parents[1] / "config"
PricingModel = Literal["on_demand", "spot", "reserved"]
PERIODS = ("daily", "weekly", "monthly")


class CostConfigError(ValueError):
    """A pricing or tenants file cannot be used; one line naming file, key and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InstanceType(_Strict):
    """One instance type; prices in USD per hour for the whole instance."""

    cpus: float = Field(..., gt=0)
    gpus: int = Field(0, ge=0)
    memory_gib: float = Field(..., gt=0)
    on_demand: float = Field(..., ge=0)
    spot: float | None = Field(None, ge=0)
    reserved: float | None = Field(None, ge=0)

    def price(self, model: PricingModel) -> float:
        """Hourly price under ``model``; spot/reserved fall back to on-demand when unset."""
        value = getattr(self, model)
        return self.on_demand if value is None else float(value)

    def share(self, threads: float, gpus: float, memory_bytes: float) -> float:
        """The fraction of this instance a worker takes (may exceed 1 for an oversized worker)."""
        parts = [threads / self.cpus, memory_bytes / (self.memory_gib * 2**30)]
        if self.gpus:
            parts.append(gpus / self.gpus)
        return max(parts)


class Pricing(_Strict):
    version: Literal[1] = 1
    currency: Literal["USD"] = "USD"
    default_model: PricingModel = "on_demand"
    instance_types: dict[str, InstanceType]

    def instance(self, name: str) -> InstanceType:
        try:
            return self.instance_types[name]
        except KeyError:
            known = ", ".join(sorted(self.instance_types))
            raise CostConfigError(
                f"unknown instance type {name!r} (pricing lists: {known})"
            ) from None


class Budgets(_Strict):
    daily: float | None = Field(None, ge=0)
    weekly: float | None = Field(None, ge=0)
    monthly: float | None = Field(None, ge=0)


class Tier(_Strict):
    gpu_quota: int = Field(..., ge=0)
    budgets: Budgets
    alert_threshold: float = Field(0.8, gt=0, le=1)
    hard_stop: bool = False


class TenantEntry(_Strict):
    tier: str = "default"
    gpu_quota: int | None = Field(None, ge=0)
    budgets: Budgets | None = None
    alert_threshold: float | None = Field(None, gt=0, le=1)
    hard_stop: bool | None = None


class Tenant(_Strict):
    """A tenant's effective settings: its tier's, with its own overrides applied."""

    name: str
    tier: str
    gpu_quota: int
    budgets: Budgets
    alert_threshold: float
    hard_stop: bool

    def budget(self, period: str) -> float | None:
        return getattr(self.budgets, period)


class Tenants(_Strict):
    version: Literal[1] = 1
    tiers: dict[str, Tier]
    tenants: dict[str, TenantEntry] = Field(default_factory=dict)

    def tenant(self, name: str) -> Tenant:
        """Effective settings of ``name``; an unlisted tenant is refused, not guessed."""
        entry = self.tenants.get(name)
        if entry is None:
            known = ", ".join(sorted(self.tenants)) or "none"
            raise CostConfigError(f"unknown tenant {name!r} (tenants.yaml lists: {known})")
        tier = self.tiers[entry.tier]
        own = entry.model_dump(exclude_none=True, exclude={"tier", "budgets"})
        budgets = tier.budgets.model_dump()
        if entry.budgets is not None:
            budgets.update(entry.budgets.model_dump(exclude_none=True))
        return Tenant(
            name=name, tier=entry.tier, **{**tier.model_dump(), **own, "budgets": budgets}
        )


def default_path(name: str, env: str) -> Path:
    """``$env``, else the checkout's ``config/NAME``, else the packaged copy."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    in_checkout = (_CHECKOUT_CONFIG.parent / "pyproject.toml").is_file()
    repo_copy = _CHECKOUT_CONFIG / name
    return repo_copy if in_checkout and repo_copy.is_file() else _HERE / name


def load_pricing(path: str | os.PathLike[str] | None = None) -> Pricing:
    source = Path(path) if path is not None else default_path("pricing.yaml", PRICING_ENV)
    return _load(source, Pricing)


def load_tenants(path: str | os.PathLike[str] | None = None) -> Tenants:
    source = Path(path) if path is not None else default_path("tenants.yaml", TENANTS_ENV)
    tenants = _load(source, Tenants)
    lines = _lines(source.read_text(encoding="utf-8"))
    for name, entry in tenants.tenants.items():
        if entry.tier not in tenants.tiers:
            where = _where(lines, ("tenants", name, "tier"))
            known = ", ".join(sorted(tenants.tiers))
            raise CostConfigError(
                f"{source}: tenants.{name}.tier{where}: unknown tier {entry.tier!r} "
                f"(tiers: {known})"
            )
    return tenants


def _load(source: Path, model: type[BaseModel]) -> Any:
    try:
        text = source.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except OSError as exc:
        raise CostConfigError(f"cannot read {source}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CostConfigError(f"{source}{line}: not valid YAML: {problem}") from None
    if not isinstance(raw, dict):
        raise CostConfigError(f"{source} (line 1): must be a mapping at the top level")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise CostConfigError(_describe(source, _lines(text), exc)) from None


def _describe(source: Path, lines: dict[tuple, int], exc: ValidationError) -> str:
    problems = exc.errors()
    first = problems[0]
    loc = tuple(first["loc"])
    got = first.get("input")
    shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
    more = f" [+{len(problems) - 1} more]" if len(problems) > 1 else ""
    key = ".".join(str(p) for p in loc) or "(top level)"
    msg = str(first["msg"]).removeprefix("Value error, ")
    return f"{source}: {key}{_where(lines, loc)}: {msg}{shown}{more}"


def _where(lines: dict[tuple, int], loc: tuple) -> str:
    """`` (line N)`` of the deepest key of ``loc`` present in the file (a missing key: its
    parent's line)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return f" (line {lines[loc[:end]]})"
    return ""


def _lines(text: str) -> dict[tuple, int]:
    """Key path -> 1-based line of that key in a YAML document."""
    found: dict[tuple, int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return found
    stack: list[tuple[tuple, Any]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if node is None:
            continue
        found.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[(*path, key.value)] = key.start_mark.line + 1
                stack.append(((*path, key.value), value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, i), item) for i, item in enumerate(node.value))
    return found
