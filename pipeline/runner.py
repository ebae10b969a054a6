"""The run graph: discover on the driver, then Dask tasks over partitions and repositories.

    discover (driver) -> process_partition (per batch of files balanced by lines: load, shard,
                         translate, compile-check, verify)
                      -> finalize_repo (per repository: units refused for want of a typed
                         call translated again with the calls other modules make of them,
                         then assemble the crate, rustfmt, rows)
                      -> write (driver: crates, manifest.parquet, summary.json, _SUCCESS)

Partition outputs come back to the driver as they finish, lightened (no sources); the
finalize task of a repository gets them as arguments. Nothing here knows Python or Rust syntax.
"""

from __future__ import annotations

import contextlib
import json
import logging
import platform
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, as_completed, performance_report
from distributed.scheduler import KilledWorker
from tqdm import tqdm

from pipeline import __version__
from pipeline.cache import Cache, open_cache
from pipeline.childprio import AtPriority, ChildPriority
from pipeline.cluster import SizeClass, check_resources, load_policy
from pipeline.compile.rustc import rustc_version
from pipeline.config import RunConfig
from pipeline.cost.meter import RunMeter
from pipeline.handle import RunHandle
from pipeline.learn import (
    Step,
    candidates,
    exact_keys,
    learn_prepare,
    learned_route,
    submit_chain,
)
from pipeline.metrics import Sampled
from pipeline.outputs import PartitionOutput, RepoResult
from pipeline.records import Diagnostic, FileRef, LearnedNote, Status, UnitRecord
from pipeline.rows import file_record
from pipeline.similarity.report import RepoSignatures, repo_signatures, report_files
from pipeline.sources import Discovery, RepoSource, discover_repo, resolve_sources
from pipeline.stages import (
    finalize_failed,
    finalize_repo,
    finish_unchanged_repo,
    process_partition,
)
from pipeline.storage.manifest import pairs_to_parquet_bytes, to_parquet_bytes
from pipeline.storage.publish import Publisher
from pipeline.tracing import trace_repository
from pipeline.translate import get_engine
from pipeline.units.partition import WHOLE, Slice, estimated_lines, partition, with_slices
from pipeline.watchdog import Watchdog

log = logging.getLogger(__name__)
Task = tuple[list[FileRef], Slice]  # a partition: a batch of files, or a slice of one file
ISOLATED_TRIES = 3  # one-file partitions failed this often are reported, not retried


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
    cache_hits: int = 0  # units whose translation (and verdict) came from the cache
    cache: dict = field(default_factory=dict)  # backend, url (redacted), hits, misses, errors…
    cost: dict = field(default_factory=dict)  # tenant, usd, idle, per verified function, stop
    crates: dict[str, str] = field(default_factory=dict)  # repo -> crate dir (relative)
    # files set aside as not library code (scope "library"), by role: tests, docs, ...
    not_library_files: dict[str, int] = field(default_factory=dict)
    learned: dict = field(default_factory=dict)  # the learned engine: availability, outcomes
    near_duplicates: dict = field(default_factory=dict)  # similarity groups (when enabled)
    traces: dict[str, str] = field(default_factory=dict)  # repo -> how tracing its tests went
    # units verified in this run by what their Python ran inside (verify/isolation.describe):
    # "bubblewrap", "none: ..." (verify.isolation auto without the layer, or off), "refused: ..."
    verification_isolation: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n"


@dataclass
class RunHooks:
    """Optional ways for the caller to watch or steer a run."""

    progress: Callable[..., tqdm] | None = None  # tqdm-like factory (default: stderr, TTY only)
    scale: Callable[[SizeClass], object] | None = None  # e.g. adapt an owned cluster
    performance_report: str | None = None  # local path for Dask's HTML performance report
    # called with each batch of tasks the run submits (e.g. RunHandle's Dask progress bars)
    submitted: Callable[[list[Future]], object] | None = None


def run(
    sources: list[str],
    out: str,
    config: RunConfig,
    client: Client,
    hooks: RunHooks | None = None,
) -> RunSummary:
    """Translate ``sources`` into crates under ``out`` on the cluster behind ``client``."""
    hooks = hooks or RunHooks()
    started = time.perf_counter()
    get_engine(config.engine)  # fail fast (UnknownEngine) before any work is submitted
    config, learned_state = learned_route(config, client)  # off, with a warning, if unavailable
    policy = load_policy(config.policy)
    queue = policy.queue(config.priority)  # fail fast on an unknown queue
    run_id = uuid.uuid4().hex[:12]
    publisher = Publisher(out, run_id, config.storage_options)
    publisher.probe()  # an unwritable --out fails now, not after the work
    meter = RunMeter(client, config, run_id, publisher.out)  # unknown tenant/price: fails now
    with tempfile.TemporaryDirectory(prefix="portalis-run-") as tmp:
        t0 = time.perf_counter()
        found = [
            (repo, discover_repo(repo, config.exclude, config.scope))
            for repo in resolve_sources(sources, Path(tmp), config.storage_options)
        ]
        timings = {"discover_s": time.perf_counter() - t0}
        lines = sum(estimated_lines(f.size) for _, disc in found for f in disc.files)
        size = policy.size_class(lines)
        if hooks.scale is not None:
            hooks.scale(meter.cap(size))
        check_resources(client, size.resources)
        plan = _Plan(
            config.partition_lines or size.partition_lines,
            {**policy.task_kwargs(config.priority, size), "pure": False, "fifo_timeout": "0ms"},
            queue.children,
        )  # FIFO across runs; priority overrides
        report = Path(tmp) / "performance-report.html"
        with meter:  # measures the run; on exit: job counters, Pushgateway
            with policy.job_slot(client, queue.name), _perf_report(report, hooks):
                similar = _submit_similarity(client, config, plan, found)
                results, complete = _run_graph(client, config, plan, found, hooks, meter)
                similarity_files, sections = _similarity_report(client, config, similar)
            timings["graph_s"] = time.perf_counter() - t0
            extra = [
                file_record(repo.name, path, Status.SKIPPED, Diagnostic("PT010", why))
                for repo, disc in found
                for path, why in disc.skipped
            ]
            extra += [
                file_record(
                    repo.name, path, Status.SKIPPED, Diagnostic("PT901", disc.set_aside_reason(r))
                )
                for repo, disc in found
                for path, r in disc.set_aside
            ]
            not_library = Counter(role for _, disc in found for _, role in disc.set_aside)
            timings["total_s"] = time.perf_counter() - started
            attachments = {report.name: report.read_bytes()} if report.exists() else {}
            attachments.update(similarity_files)
            sections["learned"] = learned_state
            return _write(
                publisher,
                config,
                results,
                extra,
                timings,
                complete,
                attachments,
                not_library,
                sections,
                meter,
            )


def submit(
    sources: list[str],
    out: str,
    config: RunConfig,
    client: Client,
    hooks: RunHooks | None = None,
) -> RunHandle:
    """Start :func:`run` in a thread of the driver and return at once: the handle gives its
    summary (``result()``), its Dask futures and Dask's progress widget (``progress()``)."""
    hooks = hooks or RunHooks()

    def start(submitted: Callable[[list[Future]], None]) -> RunSummary:
        def both(futures: list[Future]) -> None:
            submitted(futures)
            if hooks.submitted is not None:
                hooks.submitted(futures)

        return run(sources, out, config, client, replace(hooks, submitted=both))

    return RunHandle(client, start)


@dataclass(frozen=True)
class _Plan:
    """How this run cuts and submits work (from the workload policy's size class and queue)."""

    partition_lines: int
    task_kwargs: dict
    children: ChildPriority  # the OS priority of its tasks' child processes (the queue's)


@contextlib.contextmanager
def _perf_report(path: Path, hooks: RunHooks) -> Iterator[None]:
    if hooks.performance_report is None:
        yield
        return
    with performance_report(filename=str(path)):
        yield
    shutil.copyfile(path, hooks.performance_report)


def _outcome(fut: Future) -> tuple[Any, BaseException | None]:
    """(result, None), or (None, the error) — also when a finished result was lost with its
    worker and recomputing it failed."""
    if fut.status == "error":
        return None, fut.exception()
    try:
        return fut.result(), None
    except Exception as exc:  # e.g. KilledWorker while recomputing a lost result
        return None, exc


@dataclass
class _RepoState:
    repo: RepoSource
    pending: int = 0  # partitions not settled yet
    stopped: bool = False  # work of it was not submitted (budget hard stop)
    parts: list[PartitionOutput] = field(default_factory=list)  # settled partitions
    failed_final: bool = False
    trace: Future | None = None  # its tests run traced (tracing.trace_repository)


class _Graph:
    """Submits the run's tasks and reacts as they finish.

    A partition that fails (its worker died repeatedly: KilledWorker, or a bug) is split into
    one-file partitions; a one-file partition that still fails becomes a ``worker_crash`` /
    ``internal_error`` row, so one poison file never sinks a run. A repository's final task is
    submitted as soon as all its partitions have settled. With a cache, a repository starts
    with one probe task instead, which finishes it outright when no file changed.
    """

    def __init__(
        self,
        client: Client,
        config: RunConfig,
        plan: _Plan,
        cache: Cache | None,
        meter: RunMeter,
        submitted: Callable[[list[Future]], object] | None = None,
    ) -> None:
        self.client, self.config, self.cache, self.plan = client, config, cache, plan
        self.meter = meter
        self.submitted = submitted
        self.stopped = False  # a budget hard stop: submit nothing more
        self.cancelled: set[Hashable] = set()
        self.kw = plan.task_kwargs
        self.meta: dict[Hashable, tuple[str, str, list[FileRef]]] = {}  # future key -> role
        self.repos: dict[str, _RepoState] = {}
        self.queue = as_completed(loop=client.loop)  # this run's client, not the default
        self.results: list[RepoResult] = []
        self.watchdog: Watchdog | None = None
        self.isolated_failures: dict[tuple[FileRef, Slice], int] = {}
        self.probes: dict[Hashable, list[Task]] = {}  # probe key -> its partitions
        self.slices: dict[Hashable, Slice] = {}  # partition key -> the slice of its batch
        # learned chain's end (or keys task) -> its input and its prepare task
        self.learning: dict[Hashable, tuple[PartitionOutput, Future]] = {}
        self.chain_keys: set[Hashable] = set()  # the tasks of learned chains
        self.copy_source: dict[str, Future] = {}  # exact-normalised key -> learn_donated

    def _at(self, fn: Callable) -> AtPriority:
        """``fn`` as a task of this run: its child processes at the queue's OS priority."""
        return AtPriority(fn, self.plan.children)

    def _sampled(self, fn: Callable) -> Sampled:
        return Sampled(self._at(fn))

    def _watch(self, futures: list[Future]) -> None:
        """React to these tasks as they finish; tell the caller they were submitted."""
        self.queue.update(futures)
        if self.submitted is not None:
            self.submitted(futures)

    def start(self, found: list) -> int:
        files = 0
        for repo, disc in found:
            state = self.repos[repo.name] = _RepoState(repo)
            state.trace = self._submit_trace(repo, disc)
            sizes = lambda f: estimated_lines(f.size)  # noqa: E731
            batches = partition(disc.files, sizes, self.plan.partition_lines)
            tasks = with_slices(batches, sizes, self.plan.partition_lines)
            files += len(disc.files)
            if tasks and self.cache is not None and not self.config.learned.enabled:
                self._submit_probe(state, tasks)
            else:
                self._submit_partitions(state, tasks)
                if state.pending == 0:
                    self._submit_repo(state)
        return files

    def _submit_trace(self, repo: RepoSource, disc: Discovery) -> Future | None:
        """A task running the repository's tests traced, when verification may execute code
        and the repository is local and has tests; its calls reach the final task."""
        verify = self.config.verify
        if not (verify.enabled and verify.trace_tests and repo.is_local and disc.tests):
            return None
        library = [(f.path, f.module) for f in disc.files if f.module]
        fut = self.client.submit(
            self._at(trace_repository),
            repo.root,
            disc.layout.root,
            library,
            disc.tests,
            self.config,
            self.cache,
            key=f"trace-{repo.name}-{uuid.uuid4().hex}",
            **self.kw,
        )
        if self.submitted is not None:  # awaited by the repository's tasks, not settled here
            self.submitted([fut])
        return fut

    def _submit_probe(self, state: _RepoState, tasks: list[Task]) -> None:
        """One task that finishes the repository from the cache if nothing in it changed."""
        if self.stopped:
            state.stopped = True
            return
        fut = self.client.submit(
            self._sampled(finish_unchanged_repo),
            state.repo.name,
            tasks,
            self.config,
            self.cache,
            traced=state.trace,
            **self.kw,
        )
        self.meta[fut.key] = ("probe", state.repo.name, [])
        self.probes[fut.key] = tasks
        self._watch([fut])

    def _settle_probe(
        self, fut: Future, state: _RepoState, result: Any, exc: BaseException | None
    ) -> int:
        tasks = self.probes.pop(fut.key)
        if exc is None and result is not None:
            self.results.append(result)
            return sum(len(b) for b, part in tasks if part[0] == 0)
        if exc is not None:
            log.warning(
                "cache probe of %s failed (%s); running its partitions", state.repo.name, exc
            )
        self._submit_partitions(state, tasks)
        return 0

    def _submit_partitions(self, state: _RepoState, tasks: list[Task]) -> None:
        """Submit a repository's partitions in one graph update (one scheduler round trip,
        one task group the scheduler can queue and order by priority)."""
        if not tasks or self.stopped:
            state.stopped = self.stopped
            return
        keys = [f"partition-{state.repo.name}-{uuid.uuid4().hex}" for _ in tasks]
        n = len(tasks)
        futures = self.client.map(
            self._sampled(process_partition),
            [b for b, _ in tasks],
            [self.config] * n,
            [self.cache] * n,
            [p for _, p in tasks],
            traced=state.trace,
            key=keys,
            **self.kw,
        )
        for fut, (batch, part) in zip(futures, tasks, strict=True):
            self.meta[fut.key] = ("partition", state.repo.name, batch)
            self.slices[fut.key] = part
        self._watch(futures)
        state.pending += len(tasks)

    def _submit_repo(self, state: _RepoState) -> None:
        if state.stopped:  # some of its partitions were never run: not a crate to write
            return
        fut = self.client.submit(
            self._sampled(finalize_repo),
            state.repo.name,
            self.config,
            self.cache,
            *state.parts,
            traced=state.trace,
            **self.kw,
        )
        self.meta[fut.key] = ("repo", state.repo.name, [])
        self._watch([fut])

    def outcomes(self, batch: list[Future]) -> list[tuple[Future, Any, BaseException | None]]:
        """(future, result, error) for a batch of finished futures, fetching the results in
        one gather (concurrent transfers, one round trip from this thread) instead of one
        blocking ``result()`` per future."""
        done = [f for f in batch if f.status == "finished"]
        try:
            values = self.client.gather(done) if done else []
        except Exception:  # e.g. a result lost with its worker: one by one
            return [(f, *_outcome(f)) for f in batch]
        got = dict(zip([f.key for f in done], values, strict=True))
        return [(f, got[f.key], None) if f.key in got else (f, *_outcome(f)) for f in batch]

    def settle(self, fut: Future, result: Any, exc: BaseException | None) -> int:
        """Handle one finished future and its outcome; returns the number of files it
        completed."""
        kind, name, batch = self.meta.pop(fut.key)
        if fut.key in self.cancelled:
            self.probes.pop(fut.key, None)
            self.slices.pop(fut.key, None)
            return 0
        result = self.meter.observe(kind, result)
        state = self.repos[name]
        if kind == "repo":
            self._settle_repo(fut, state, result, exc)
            return 0
        if kind == "probe":
            return self._settle_probe(fut, state, result, exc)
        if kind == "partition" and exc is None and self._submit_learned(state, result, batch):
            return len(batch)  # the partition settles when its learned task does
        if kind == "learned-keys" and exc is None:
            self._submit_chain(fut, result, name, batch)
            return 0
        if kind in ("learned", "learned-keys"):
            result, exc = self._learned_outcome(fut, result, exc), None
        state.pending -= 1
        part = self.slices.pop(fut.key, WHOLE)
        done = len(batch) if kind == "partition" and part[0] == 0 else 0
        if exc is not None:
            done = self._partition_failed(fut, exc, state, (batch, part))
        else:  # held here, not on a worker that may die before its repository is finished
            state.parts.append(result)
        if state.pending == 0:
            self._submit_repo(state)
        return done

    def _submit_learned(
        self, state: _RepoState, part: PartitionOutput, batch: list[FileRef]
    ) -> bool:
        """Send the units the first engine refused (or got wrong) to the learned engine: a
        task prepares them, and a small one returns their exact-normalised keys, so that the
        copies of units another partition already sends wait for its results."""
        if not self.config.learned.enabled or not candidates(part):
            return False
        if self.stopped:  # budget hard stop: the repository is left for the resumed run
            state.stopped = True
            return True
        prepared = self._chained(self.kw, Step(learn_prepare), part, batch, self.config, self.cache)
        keys = self.client.submit(exact_keys, prepared, **self.kw)
        self.meta[keys.key] = ("learned-keys", state.repo.name, batch)
        self.learning[keys.key] = (part, prepared)
        self._watch([keys])
        return True

    def _submit_chain(self, fut: Future, keys: dict[str, str], repo: str, batch: list) -> None:
        """The rest of a partition's learned pass; the first partition to send a unit
        becomes the source of its copies' translations everywhere."""
        part, prepared = self.learning.pop(fut.key)
        foreign = frozenset(k for k in keys.values() if k in self.copy_source)
        donors = tuple(dict.fromkeys(self.copy_source[k] for k in sorted(foreign)))
        kw = {k: v for k, v in self.kw.items() if k != "resources"}
        resources = self.config.learned.task_resources()
        gpu_kw = {**kw, "resources": resources} if resources else kw
        donated, done = submit_chain(
            lambda fn, *args: self._chained(self.kw, fn, *args),
            lambda fn, *args: self._chained(gpu_kw, fn, *args),
            prepared,
            self.config,
            self.cache,
            foreign,
            donors,
        )
        for key in keys.values():
            self.copy_source.setdefault(key, donated)
        self.meta[done.key] = ("learned", repo, batch)
        self.learning[done.key] = (part, prepared)
        self._watch([done])

    def _chained(self, kw: dict, fn: Callable, *args: Any) -> Future:
        """A task of a learned chain: watched for time limits, settled through its end."""
        fut = self.client.submit(self._at(fn), *args, **kw)
        self.chain_keys.add(fut.key)
        return fut

    def _learned_outcome(
        self, fut: Future, result: Any, exc: BaseException | None
    ) -> PartitionOutput:
        """The learned chain's output; if a task of it failed, its input with the failure
        noted as a fault for each unit it was to take."""
        part, _ = self.learning.pop(fut.key)
        if exc is None:
            return result
        why = f"learned task failed: {type(exc).__name__}: {exc}"[:500]
        notes = {uid: LearnedNote(0, 0.0, "fault", why) for uid in candidates(part)}
        return replace(part, learned={**part.learned, **notes})

    def _partition_failed(
        self, fut: Future, exc: BaseException, state: _RepoState, task: Task
    ) -> int:
        log.warning("partition of %s failed (%s); isolating its files", state.repo.name, exc)
        batch, part = task
        if len(batch) > 1:
            self._submit_partitions(state, [([ref], WHOLE) for ref in batch])
            return 0
        seen = (batch[0], part)
        tries = self.isolated_failures[seen] = self.isolated_failures.get(seen, 0) + 1
        if tries < ISOLATED_TRIES:  # it may have died beside the real culprit: try it again
            self._submit_partitions(state, [task])
            return 0
        status = self._failure_status(fut, exc)
        what = (
            f"ran over the {self.config.partition_timeout_s:.0f} s time limit repeatedly"
            if status == Status.TIMEOUT
            else "failed repeatedly"
        )
        diag = Diagnostic(
            "PT996", f"processing this file {what}: {type(exc).__name__}: {exc}"[:500]
        )
        state.parts.append(
            PartitionOutput(
                repo=state.repo.name,
                records=[file_record(state.repo.name, batch[0].path, status, diag)],
            )
        )
        return 1

    def _settle_repo(
        self, fut: Future, state: _RepoState, result: Any, exc: BaseException | None
    ) -> None:
        if exc is None:
            self.results.append(result)
            return
        if state.failed_final:
            raise RuntimeError(f"repository {state.repo.name} could not be finished: {exc}")
        state.failed_final = True
        status = self._failure_status(fut, exc)
        reason = f"finishing this repository failed: {type(exc).__name__}: {exc}"[:500]
        fallback = self.client.submit(
            self._sampled(finalize_failed),
            state.repo.name,
            self.config,
            status,
            reason,
            *state.parts,
            **self.kw,
        )
        self.meta[fallback.key] = ("repo", state.repo.name, [])
        self._watch([fallback])

    def _failure_status(self, fut: Future, exc: BaseException | None) -> Status:
        if self.watchdog is not None and fut.key in self.watchdog.timed_out:
            return Status.TIMEOUT
        return Status.WORKER_CRASH if isinstance(exc, KilledWorker) else Status.INTERNAL_ERROR

    def check_budget(self, fraction_done: float) -> None:
        """At each new partition: a budget hard stop cancels the queued tasks and lets the
        running ones finish."""
        if self.meter.check(fraction_done, len(self.meta)) is None or self.stopped:
            return
        self.stopped = True
        running = {key for keys in self.client.processing().values() for key in keys}
        queued = [
            f
            for f in self.client.futures.values()
            if f.key in self.meta and f.key not in running and self.meta[f.key][0] != "repo"
        ]
        for f in queued:
            self.repos[self.meta[f.key][1]].stopped = True
        self.cancelled.update(f.key for f in queued)
        self.client.cancel(queued)

    def cancel(self) -> None:
        self.queue.clear()
        self.client.cancel(
            [f for f in self.client.futures.values() if f.key in self.meta], force=True
        )


def _run_graph(
    client: Client,
    config: RunConfig,
    plan: _Plan,
    found: list,
    hooks: RunHooks,
    meter: RunMeter,
) -> tuple[list[RepoResult], bool]:
    """Run the graph; returns the repositories' results and whether the run completed."""
    cache = open_run_cache(config)
    graph = _Graph(client, config, plan, cache, meter, hooks.submitted)
    try:
        return _drive(graph, found, hooks.progress or _default_progress)
    finally:
        if cache is not None:
            cache.close()


def _drive(
    graph: _Graph,
    found: list,
    progress: Callable[..., tqdm],
) -> tuple[list[RepoResult], bool]:
    graph.check_budget(0.0)  # a budget already spent: submit nothing
    total, done = graph.start(found), 0
    limit = graph.config.partition_timeout_s
    graph.watchdog = Watchdog(
        graph.client, limit, lambda key: key in graph.meta or key in graph.chain_keys
    )
    with progress(total=total, unit="file", desc="portalis") as bar, graph.watchdog:
        try:
            for batch in graph.queue.batches():
                for fut, result, exc in graph.outcomes(batch):
                    settled = graph.settle(fut, result, exc)
                    done += settled
                    bar.update(settled)
                graph.check_budget(done / total if total else 1.0)
                bar.set_postfix(repos=f"{len(graph.results)}/{len(graph.repos)}", refresh=False)
        except KeyboardInterrupt:
            log.warning("interrupted: cancelling in-flight work, writing a partial manifest")
            graph.cancel()
            return sorted(graph.results, key=lambda r: r.repo), False
    return sorted(graph.results, key=lambda r: r.repo), not graph.stopped


def open_run_cache(config: RunConfig) -> Cache | None:
    """The run's cache, or None when caching is off (``cache.url: none://``)."""
    c = config.cache
    if c.url in ("none://", "none"):
        return None
    return open_cache(c.url, namespace=c.namespace, ttl_s=c.ttl_s, required=c.required)


def _default_progress(**kwargs) -> tqdm:
    return tqdm(disable=None, file=sys.stderr, **kwargs)  # None: off when not a terminal


def _write(
    publisher: Publisher,
    config: RunConfig,
    results: list[RepoResult],
    extra: list[UnitRecord],
    timings: dict[str, float],
    complete: bool,
    attachments: dict[str, bytes],
    not_library: Counter[str],
    sections: dict[str, dict],
    meter: RunMeter,
) -> RunSummary:
    t0 = time.perf_counter()
    for name, data in attachments.items():
        publisher.write(name, data)
    records = extra + [r for res in results for r in res.records]
    crates: dict[str, str] = {}
    for res in results:
        crates[res.repo] = f"crates/{res.crate_name}"
        for rel, text in sorted(res.files.items()):
            publisher.write(f"crates/{res.crate_name}/{rel}", text)
        if config.export_pairs:
            publisher.write(f"training/{res.crate_name}.parquet", pairs_to_parquet_bytes(res.pairs))
    timings["compile_s"] = sum(r.compile_s for r in results)
    timings["verify_s"] = sum(r.verify_s for r in results)
    timings["translate_s"] = sum(r.translate_s for r in records)
    counts = Counter(str(r.status) for r in records if r.kind != "file")
    counts.update(f"files_{r.status}" for r in records if r.kind == "file")
    summary = RunSummary(
        run_id=publisher.run_id,
        out=publisher.out,
        counts=dict(sorted(counts.items())),
        repos=[r.repo for r in results],
        timings=timings,
        versions=_versions(),
        functions=sum(1 for r in records if r.kind != "file"),
        lines=sum(r.lines for r in records if r.kind != "file"),
        crates=crates,
        complete=complete,
        cache_hits=sum(r.cache_hits for r in results),
        cache=_cache_summary(results),
        not_library_files=dict(sorted(not_library.items())),
        learned=_learned_summary(sections.get("learned", {}), records),
        near_duplicates=sections.get("near_duplicates", {}),
        traces={r.repo: r.trace_note for r in results if r.trace_note},
        verification_isolation=_isolation_summary(results),
        cost=meter.finish(records, results, complete),
    )
    timings["write_s"] = time.perf_counter() - t0  # before the summary is serialised
    publisher.write("manifest.parquet", to_parquet_bytes(records))
    publisher.write("summary.json", summary.to_json())
    publisher.publish(complete=complete)
    return summary


def _submit_similarity(client: Client, config: RunConfig, plan: _Plan, found: list) -> list[Future]:
    """One signatures task per repository, beside the partitions (when enabled)."""
    if not config.similarity.enabled:
        return []
    kw = {k: v for k, v in plan.task_kwargs.items() if k != "resources"}
    return [
        client.submit(
            repo_signatures, disc.files, config.storage_options, config.max_file_bytes, **kw
        )
        for _, disc in found
    ]


def _similarity_report(
    client: Client, config: RunConfig, futures: list[Future]
) -> tuple[dict[str, bytes], dict[str, dict]]:
    """The similarity files to publish and the summary section (a failure is reported in
    the section, never fatal to the run)."""
    if not futures:
        return {}, {}
    try:
        parts: list[RepoSignatures] = client.gather(futures)
        files, section = report_files(parts, config.similarity.threshold)
    except Exception as exc:  # the report is extra: the run's results stand without it
        log.warning("near-duplicate report failed: %s", exc)
        return {}, {"near_duplicates": {"error": f"{type(exc).__name__}: {exc}"[:500]}}
    return files, {"near_duplicates": section}


def _isolation_summary(results: list[RepoResult]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for result in results:
        total.update(result.isolation)
    return dict(sorted(total.items()))


def _learned_summary(state: dict, records: list[UnitRecord]) -> dict:
    """The learned engine's part of summary.json: available or why not, what it did."""
    if not state:
        return {}
    routed = [r for r in records if r.learned]
    outcomes = Counter(r.learned for r in routed)
    # what each round adds: units verified at attempt 1, 2, ... (0: reused from a copy)
    rounds = Counter(str(r.attempts) for r in routed if r.learned == "verified")
    return {
        **state,
        "units": len(routed),
        "outcomes": dict(sorted(outcomes.items())),
        "verified_at_attempt": dict(sorted(rounds.items())),
        "attempts": sum(r.attempts for r in routed),
        "gpu_s": round(sum(r.gpu_s for r in routed), 3),
    }


def _cache_summary(results: list[RepoResult]) -> dict:
    stats = [r.cache_stats for r in results if r.cache_stats is not None]
    if not stats:
        return {}
    total = sum(stats[1:], stats[0]).as_dict()
    return {
        **{k: v for k, v in total.items() if k not in ("entries", "bytes")},
        "repos_unchanged": sum(r.unchanged for r in results),
    }


def _versions() -> dict[str, str]:
    import dask
    import distributed

    return {
        "portalis": __version__,
        "python": platform.python_version(),
        "rustc": rustc_version(),
        "dask": dask.__version__,
        "distributed": distributed.__version__,
    }
