"""The run graph: discover on the driver, then Dask tasks over partitions and repositories.

    discover (driver) -> process_partition (per batch of files, balanced by lines)
                      -> compile_repo -> verify_repo -> finalize_repo (per repository)
                      -> write (driver: crates, manifest.parquet, summary.json, _SUCCESS)

Partition outputs (sources, units, translations) stay on the workers; the driver gathers only
each repository's final crate files and manifest rows. Nothing here knows Python or Rust syntax.
"""

from __future__ import annotations

import json
import logging
import platform
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, Future, as_completed
from tqdm import tqdm

from pipeline import __version__
from pipeline.cache import Cache, open_cache
from pipeline.compile.rustc import rustc_version
from pipeline.config import RunConfig
from pipeline.records import Diagnostic, FileRef, Status, UnitRecord
from pipeline.sources import RepoSource, discover_repo, resolve_sources
from pipeline.stages import (
    RepoResult,
    compile_repo,
    file_record,
    finalize_repo,
    process_partition,
    verify_repo,
)
from pipeline.storage.manifest import to_parquet_bytes
from pipeline.storage.publish import Publisher
from pipeline.translate import get_engine
from pipeline.units.partition import estimated_lines, partition

log = logging.getLogger(__name__)
PRIORITIES = {"interactive": 100, "batch": 50, "training": 30, "low_priority": 10}


@dataclass
class RunSummary:
    """What a finished run reports (also written as summary.json)."""

    run_id: str
    out: str
    counts: dict[str, int]
    repos: list[str]
    timings: dict[str, float]
    versions: dict[str, str]
    functions: int = 0
    lines: int = 0
    complete: bool = True
    crates: dict[str, str] = field(default_factory=dict)  # repo -> crate dir (relative)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n"


def run(
    sources: list[str], out: str, config: RunConfig, client: Client,
    progress: Callable[..., tqdm] | None = None,
) -> RunSummary:
    """Translate ``sources`` into crates under ``out`` on the cluster behind ``client``."""
    started = time.perf_counter()
    get_engine(config.engine)  # fail fast (UnknownEngine) before any work is submitted
    run_id = uuid.uuid4().hex[:12]
    with tempfile.TemporaryDirectory(prefix="portalis-run-") as tmp:
        repos = resolve_sources(sources, Path(tmp), config.storage_options)
        timings = {"discover_s": 0.0}
        t0 = time.perf_counter()
        found = [(repo, discover_repo(repo, config.exclude)) for repo in repos]
        timings["discover_s"] = time.perf_counter() - t0
        cache = _open_cache(config)
        try:
            results = _run_graph(client, config, found, progress or _default_progress, cache)
        finally:
            if cache is not None:
                cache.close()
        timings["graph_s"] = time.perf_counter() - t0
        extra = [file_record(repo.name, path, Status.SKIPPED, Diagnostic("PT010", why))
                 for repo, disc in found for path, why in disc.skipped]
        t1 = time.perf_counter()
        summary = _write(out, run_id, config, results, extra, timings)
        timings["write_s"] = time.perf_counter() - t1
    timings["total_s"] = time.perf_counter() - started
    return summary


def _run_graph(
    client: Client, config: RunConfig, found: list, progress: Callable[..., tqdm],
    cache: Cache | None,
) -> list[RepoResult]:
    priority = PRIORITIES.get(config.priority, 50)
    finals: list[Future] = []
    part_futures: list[tuple[Future, int]] = []
    for repo, disc in found:
        batches = partition(disc.files, lambda f: estimated_lines(f.size), config.partition_lines)
        parts = [client.submit(process_partition, b, config, cache, priority=priority, pure=False,
                               key=f"partition-{repo.name}-{i}-{uuid.uuid4().hex[:8]}")
                 for i, b in enumerate(batches)]
        part_futures += [(f, len(b)) for f, b in zip(parts, batches, strict=True)]
        finals.append(_repo_tasks(client, repo, config, cache, parts, priority))
    files_total = sum(n for _, n in part_futures)
    with progress(total=files_total, unit="file", desc="translate") as bar:
        sizes = {f.key: n for f, n in part_futures}
        for fut in as_completed([f for f, _ in part_futures]):
            bar.update(sizes[fut.key])
    with progress(total=len(finals), unit="repo", desc="compile+verify") as bar:
        results = []
        for fut in as_completed(finals):
            results.append(fut.result())
            bar.update(1)
    return sorted(results, key=lambda r: r.repo)


def _repo_tasks(client: Client, repo: RepoSource, config: RunConfig, cache: Cache | None,
                parts: list[Future], priority: int) -> Future:
    kw = {"priority": priority, "pure": False}
    compiled = client.submit(compile_repo, repo.name, config, cache, *parts, **kw)
    if config.verify.enabled:
        verdicts = client.submit(verify_repo, repo.name, config, cache, compiled, *parts, **kw)
    else:
        verdicts = client.submit(list, **kw)
    return client.submit(finalize_repo, repo.name, config, compiled, verdicts, *parts, **kw)


def _open_cache(config: RunConfig) -> Cache | None:
    """The run's cache, or None when caching is off (``cache.url: none://``)."""
    c = config.cache
    if c.url in ("none://", "none"):
        return None
    return open_cache(c.url, namespace=c.namespace, ttl_s=c.ttl_s, required=c.required)


def _default_progress(**kwargs) -> tqdm:
    return tqdm(disable=None, file=sys.stderr, **kwargs)  # None: off when not a terminal


def _write(out: str, run_id: str, config: RunConfig, results: list[RepoResult],
           extra: list[UnitRecord], timings: dict[str, float]) -> RunSummary:
    publisher = Publisher(out, run_id, config.storage_options)
    records = extra + [r for res in results for r in res.records]
    crates: dict[str, str] = {}
    for res in results:
        crates[res.repo] = f"crates/{res.crate_name}"
        for rel, text in sorted(res.files.items()):
            publisher.write(f"crates/{res.crate_name}/{rel}", text)
    timings["compile_s"] = sum(r.compile_s for r in results)
    timings["verify_s"] = sum(r.verify_s for r in results)
    timings["translate_s"] = sum(r.translate_s for r in records)
    counts = Counter(str(r.status) for r in records if r.kind != "file")
    counts.update(f"files_{r.status}" for r in records if r.kind == "file")
    summary = RunSummary(
        run_id=run_id, out=out, counts=dict(sorted(counts.items())),
        repos=[r.repo for r in results], timings=timings, versions=_versions(),
        functions=sum(1 for r in records if r.kind != "file"),
        lines=sum(r.lines for r in records if r.kind != "file"), crates=crates,
    )
    publisher.write("manifest.parquet", to_parquet_bytes(records))
    publisher.write("summary.json", summary.to_json())
    publisher.publish()
    return summary


def _versions() -> dict[str, str]:
    import dask
    import distributed

    return {"portalis": __version__, "python": platform.python_version(),
            "rustc": rustc_version(), "dask": dask.__version__,
            "distributed": distributed.__version__}


def discover_only(sources: list[str], config: RunConfig, workdir: Path) -> list[FileRef]:
    """All files a run would process (used by tests and ``--dry-run`` style tooling)."""
    repos = resolve_sources(sources, workdir, config.storage_options)
    return [f for repo in repos for f in discover_repo(repo, config.exclude).files]
