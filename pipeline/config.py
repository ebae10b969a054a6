"""Run configuration: one pydantic model, loaded and validated in one place.

A YAML file (``--config FILE``) gives defaults; command-line options override them. Errors
name the field and the file so the CLI can print one line and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEFAULT_EXCLUDES = ("**/node_modules", "build", "dist")


class ConfigError(ValueError):
    """The configuration cannot be used; the message is one line for the user."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VerifySettings(_Strict):
    """Differential verification: executes user code in a sandbox unless ``enabled`` is off."""

    enabled: bool = True
    examples_per_function: int = Field(50, ge=0, le=10_000)
    # coverage-guided stopping: past min_examples generated inputs, stop drawing once
    # coverage_patience inputs in a row add no line arc of the Python side (0: never stop)
    min_examples: int = Field(16, ge=0)
    coverage_patience: int = Field(8, ge=0)
    seed: int = 0
    call_timeout_s: float = Field(1.0, gt=0)
    memory_mb: int = Field(512, ge=64)
    cpu_s: int = Field(30, ge=1)
    cases_file: str | None = None
    # the Python side inside bubblewrap (pipeline/verify/isolation.py): "auto" wherever it
    # works, "on" refuses to verify where it does not, "off" never
    isolation: Literal["auto", "on", "off"] = "auto"
    # run the repository's own tests under a tracer: their literal calls type parameters
    trace_tests: bool = True
    trace_timeout_s: float = Field(120.0, gt=0)


class CacheSettings(_Strict):
    url: str | None = None  # None: embedded SQLite under the user cache dir; "none://": off
    namespace: str = "default"
    ttl_s: int = Field(7 * 24 * 3600, ge=1)
    required: bool = False


class LearnedSettings(_Strict):
    """The learned engine (``engine: [rules, learned]``): what the rule engine refuses, or
    translates into a mismatch, goes to a language model; only verified output is kept."""

    enabled: bool = False
    backend: str = "transformers"  # "transformers" (in-process model) | "endpoint" (HTTP)
    model: str | None = None  # transformers: a local directory or fsspec URL of the model
    url: str | None = None  # endpoint: base URL of an OpenAI-compatible API (.../v1)
    model_name: str = "default"  # endpoint: the "model" field of each request
    api_key_env: str = "PORTALIS_LLM_API_KEY"  # endpoint: environment variable with the key
    attempts: int = Field(2, ge=1, le=10)  # first try + repairs (compiler message, mismatch)
    examples: int = Field(2, ge=0, le=10)  # verified translations of the run put in the prompt
    batch_size: int = Field(8, ge=1)
    max_new_tokens: int = Field(512, ge=1)
    temperature: float = Field(0.0, ge=0)
    device: str = "auto"  # transformers: auto (cuda when available) | cpu | cuda
    concurrency: int = Field(4, ge=1)  # endpoint: requests in flight
    timeout_s: float = Field(120.0, gt=0)  # endpoint: per request
    retries: int = Field(3, ge=0)  # endpoint: tries after the first, exponential backoff
    backoff_s: float = Field(1.0, ge=0)
    resources: dict[str, float] | None = None  # None: {"GPU": 1} for transformers, {} else

    def task_resources(self) -> dict[str, float]:
        if self.resources is not None:
            return dict(self.resources)
        return {"GPU": 1.0} if self.backend == "transformers" else {}


class SimilaritySettings(_Strict):
    """Near-duplicate units across the run's repositories in the report (MinHash + LSH)."""

    enabled: bool = False
    threshold: float = Field(0.8, gt=0, le=1)  # estimated Jaccard similarity of token shingles


class TierLimits(_Strict):
    """What a tenant's tier may do through ``portalis serve``."""

    requests_per_minute: float = Field(600, gt=0)
    burst: int = Field(100, ge=1)  # requests allowed at once before the rate applies
    verify: bool = True  # may ask for verification (runs its Python, isolated)
    max_jobs: int = Field(4, ge=0)  # batch jobs running at once
    queue: str = "batch"  # the workload policy's queue (Dask priority) of its jobs


class ServiceSettings(_Strict):
    """``portalis serve``: limits, API keys, where jobs read and write."""

    max_body_bytes: int = Field(256 * 1024, ge=1024)  # JSON requests
    max_upload_bytes: int = Field(64 * 1024 * 1024, ge=1024)  # archives posted as jobs
    translate_timeout_s: float = Field(120.0, gt=0)
    batch_window_ms: float = Field(25.0, ge=0)  # translation-only requests batched per task
    max_batch: int = Field(64, ge=1)
    batch_slots: int = Field(2, ge=1)  # batches in flight at once (~ threads free for them)
    # translation-only misses in the service's own processes (one per slot: service/lane.py)
    fast_path: bool = True
    # its own local cluster (scheduler, nannies, workers) runs this much nicer than the service
    # and its lane: a batch partition's Python then yields the CPU to interactive requests
    cluster_nice: int = Field(5, ge=0, le=19)
    answer_memory_mb: int = Field(64, ge=0)  # answers kept in the service's memory (0: none)
    keys_file: str | None = None  # YAML: keys: [{tenant, sha256}]; also $PORTALIS_API_KEYS
    tenants_file: str | None = None  # tenants and tiers (default: config/tenants.yaml)
    tiers: dict[str, TierLimits] = Field(default_factory=lambda: {"default": TierLimits()})
    jobs_out: str = "portalis-jobs"  # fsspec URL; each job writes under <jobs_out>/<id>/
    source_roots: tuple[str, ...] = ()  # local directories jobs may read (URLs always)


class CostSettings(_Strict):
    """Who pays for a run and how it is priced (pipeline.cost)."""

    tenant: str = "default"  # a tenant of config/tenants.yaml
    job: str | None = None  # a name to report costs by (default: the run id)
    instance_type: str | None = None  # default: the cluster spec's (``local`` for an address)
    pricing_model: Literal["on_demand", "spot", "reserved"] | None = None  # default: pricing's
    ledger: str | None = None  # fsspec URL (default: <out>/ledger)
    pricing: str | None = None  # pricing file (default: config/pricing.yaml)
    tenants: str | None = None  # tenants file (default: config/tenants.yaml)


class MetricsSettings(_Strict):
    """Prometheus: the driver's /metrics port during a run, a Pushgateway for batch runs."""

    port: int | None = Field(None, ge=0, le=65535)  # None: not served; 0: any free port
    address: str = "127.0.0.1"
    pushgateway: str | None = None  # e.g. http://pushgateway:9091
    push_job: str = "portalis"  # the Pushgateway grouping key's job


class RunConfig(_Strict):
    """Everything a run needs; stages receive the parts they use."""

    engine: str = "rules"  # the first engine; ``engine: [rules, learned]`` routes to learned
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    # "library": translate the library only; tests, docs, examples and build scripts are
    # counted apart (sources/layout.py). "all": every discovered file.
    scope: Literal["library", "all"] = "library"
    max_file_bytes: int = Field(4 * 1024 * 1024, ge=1)
    partition_timeout_s: float = Field(900.0, gt=0)  # a task running longer is restarted
    partition_lines: int | None = Field(None, ge=1)  # None: the workload policy's size class
    policy: str | None = None  # workload policy file (default: config/resource_allocation.yaml)
    storage_options: dict[str, Any] = Field(default_factory=dict)
    cluster: str | None = None
    workers: int | None = Field(None, ge=1)
    priority: str = "batch"
    export_pairs: bool = False  # write training/<crate>.parquet of verified (Python, Rust, inputs)
    verify: VerifySettings = VerifySettings()
    cache: CacheSettings = CacheSettings()
    learned: LearnedSettings = LearnedSettings()
    similarity: SimilaritySettings = SimilaritySettings()
    service: ServiceSettings = ServiceSettings()
    cost: CostSettings = CostSettings()
    metrics: MetricsSettings = MetricsSettings()

    @model_validator(mode="before")
    @classmethod
    def _engine_route(cls, data: Any) -> Any:
        """``engine: [first, learned]``: ``first`` translates, ``learned`` takes what it
        refuses (``learned.enabled``)."""
        if not isinstance(data, dict) or not isinstance(data.get("engine"), list | tuple):
            return data
        names = [str(n) for n in data["engine"]]
        if not names or names.count("learned") > 1 or "learned" in names[:-1] or len(names) > 2:
            raise ValueError("engine: a name, or a list [first, learned]")
        if names[-1] == "learned":
            if len(names) == 1:
                raise ValueError("engine: learned needs a first engine, e.g. [rules, learned]")
            learned = dict(data.get("learned") or {})
            data = {**data, "engine": names[0], "learned": {**learned, "enabled": True}}
        else:
            data = {**data, "engine": names[0]}
        return data

    def with_overrides(self, **changes: Any) -> RunConfig:
        """A copy with non-None overrides applied (nested keys as ``verify__enabled``)."""
        data = self.model_dump()
        for key, value in changes.items():
            if value is None:
                continue
            section, _, field = key.partition("__")
            if field:
                if not isinstance(data.get(section), dict):
                    raise ConfigError(f"command line: {section}.{field}: no such setting")
                data[section][field] = value
            else:
                data[key] = value
        return _validate(data, "command line")


def load_config(path: str | Path | None) -> RunConfig:
    """Load a YAML config file (or the defaults when ``path`` is None)."""
    if path is None:
        return RunConfig()
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"config {path} is not valid YAML: {_yaml_problem(exc)}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"config {path} must be a mapping at the top level")
    return _validate(raw, str(path))


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """One line: the parser's problem and where (the context line alone is not enough)."""
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return " ".join(f"{problem}{where}".split())


def _validate(data: dict[str, Any], where: str) -> RunConfig:
    try:
        return RunConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise ConfigError(f"{where}: {loc}: {err['msg']}") from exc
