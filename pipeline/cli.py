"""``portalis`` command line: parse arguments, load config, call the API, print. Nothing
imports this module.

Exit codes: 0 the run completed (even when some functions were not translatable);
2 usage or configuration error (one line on stderr); 1 internal failure; 3 interrupted;
4 stopped by a budget hard stop (completed work written, outputs marked _INCOMPLETE; the same
command resumes from the cache once the budget allows).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from typing import NoReturn

import click

from pipeline import __version__
from pipeline.config import ConfigError, RunConfig, load_config
from pipeline.sources.discover import SourceError
from pipeline.storage.publish import PublishError

EXIT_USAGE = 2
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 3  # SIGINT/SIGTERM: partial outputs with an _INCOMPLETE marker
EXIT_BUDGET = 4  # a tenant's budget would be exceeded (hard stop): completed work written


class UsageFailure(click.ClickException):
    """A user error: printed as one line, exit code 2."""

    exit_code = EXIT_USAGE


def _usage_errors() -> tuple[type[BaseException], ...]:
    from pipeline.cache import CacheBackendMissing, CacheUnavailable
    from pipeline.cluster import ClusterError
    from pipeline.cost.allocation import WindowError
    from pipeline.cost.ledger import LedgerError
    from pipeline.cost.pricing import CostConfigError
    from pipeline.preflight import PreflightError
    from pipeline.translate import UnknownEngine

    return (
        ConfigError,
        CostConfigError,
        LedgerError,
        WindowError,
        PreflightError,
        SourceError,
        ClusterError,
        UnknownEngine,
        CacheUnavailable,
        CacheBackendMissing,
    )


class OneLineErrors(click.Group):
    """Click's usage errors (unknown option, bad value, missing argument) as one line too."""

    def make_context(self, *args, **kwargs) -> click.Context:
        with _one_line():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        with _one_line():
            return super().invoke(ctx)


@contextlib.contextmanager
def _one_line() -> Iterator[None]:
    try:
        yield
    except click.UsageError as exc:
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        raise UsageFailure(exc.format_message().replace("\n", " ") + where) from exc


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portalis")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Portalis: translate Python codebases into verified Rust crates on Dask."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    handler = logging.StreamHandler()
    handler.setLevel(level)  # on the handler: Dask resets its own loggers' levels
    fmt = "%(asctime)s " if verbose else ""
    handler.setFormatter(logging.Formatter(fmt + "%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    quiet_library_warnings(verbose)


def quiet_library_warnings(verbose: int) -> None:
    """Libraries' warnings (deprecations and the like) are logged, shown only with -v; the
    worker processes this command starts inherit the same (through PYTHONWARNINGS)."""
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.WARNING if verbose else logging.ERROR)
    if not verbose:
        os.environ.setdefault("PYTHONWARNINGS", "ignore")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    default="portalis-out",
    show_default=True,
    help="Output location: a directory or any fsspec URL (s3://bucket/prefix).",
)
@click.option(
    "--cluster",
    default=None,
    help="local (default), tcp://HOST:PORT of a running scheduler, or a cluster spec "
    "name/path (clusters/*.yaml).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Workers for a local cluster (default: one per core).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML configuration file.",
)
@click.option("--no-exec", is_flag=True, help="Never execute user code: compile-check only.")
@click.option(
    "--scope",
    type=click.Choice(["library", "all"]),
    default=None,
    help="library (default): translate the package's library code only; its tests, docs, "
    "examples and build scripts are counted apart. all: every file.",
)
@click.option(
    "--priority",
    type=click.Choice(["interactive", "batch", "training", "low_priority"]),
    default=None,
)
@click.option(
    "--cache",
    "cache_url",
    default=None,
    help="Cache URL: sqlite:///PATH (default: under the user cache dir), "
    "redis://[user:pass@]HOST:PORT/DB, rediss://… (TLS), none:// (off).",
)
@click.option(
    "--cache-required",
    is_flag=True,
    default=None,
    help="Fail (exit 2) instead of running uncached when the cache is unreachable.",
)
@click.option("--namespace", default=None, help="Cache namespace (tenant/project).")
@click.option(
    "--export-pairs",
    is_flag=True,
    default=None,
    help="Also write training/<crate>.parquet: verified (Python, Rust, inputs) pairs.",
)
@click.option(
    "--performance-report",
    "perf_report",
    type=click.Path(dir_okay=False),
    default=None,
    help="Save Dask's HTML performance report here (and in --out).",
)
@click.option("--tenant", default=None, help="Tenant paying for the run (config/tenants.yaml).")
@click.option("--job", default=None, help="Job name for cost reports (default: the run id).")
@click.option(
    "--metrics-port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Serve Prometheus /metrics on this port during the run (0: any free port).",
)
@click.option("--pushgateway", default=None, help="Push final metrics here (http://HOST:PORT).")
def run(
    sources: tuple[str, ...],
    out: str,
    cluster: str | None,
    workers: int | None,
    config_path: str | None,
    no_exec: bool,
    scope: str | None,
    priority: str | None,
    cache_url: str | None,
    cache_required: bool | None,
    namespace: str | None,
    export_pairs: bool | None,
    perf_report: str | None,
    tenant: str | None,
    job: str | None,
    metrics_port: int | None,
    pushgateway: str | None,
) -> None:
    """Translate SOURCES (directories, .zip/.tar.gz archives, fsspec URLs) into Rust crates."""
    try:
        config = load_config(config_path).with_overrides(
            cluster=cluster,
            workers=workers,
            priority=priority,
            verify__enabled=False if no_exec else None,
            scope=scope,
            cache__url=cache_url,
            cache__required=cache_required,
            cache__namespace=namespace,
            export_pairs=export_pairs,
            cost__tenant=tenant,
            cost__job=job,
            metrics__port=metrics_port,
            metrics__pushgateway=pushgateway,
        )
        summary = _run(list(sources), out, config, perf_report)
    except _usage_errors() as exc:
        raise UsageFailure(str(exc).splitlines()[0]) from exc
    except click.ClickException:
        raise
    except PublishError as exc:
        click.echo(f"portalis: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    except Exception as exc:  # report, exit 1
        logging.getLogger("portalis").debug("internal failure", exc_info=True)
        click.echo(f"portalis: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(traceback.format_exc(limit=6), err=True)
        sys.exit(EXIT_INTERNAL)
    _print_summary(summary)
    if summary.cost.get("budget_stop"):
        click.echo(f"portalis: stopped by the budget: {summary.cost['budget_stop']}", err=True)
        click.echo("portalis: completed work was written (_INCOMPLETE); rerun to resume", err=True)
        _exit_stopped(EXIT_BUDGET)
    if not summary.complete:
        click.echo("portalis: interrupted; partial outputs are marked _INCOMPLETE", err=True)
        _exit_stopped(EXIT_INTERRUPTED)
    if _STANDALONE:  # the run is published: teardown could only turn success into SIGABRT
        _exit_stopped(0)


_STANDALONE = False  # set by ``entry``, the console script; not by in-process callers


def entry() -> None:
    """The ``portalis`` console script: ``main`` in a process of its own, which ``run`` may
    end with ``_exit_stopped`` once its outputs are published."""
    global _STANDALONE
    _STANDALONE = True
    main()


def _exit_stopped(code: int) -> NoReturn:
    """Exit with ``code`` once a run's outputs are published, skipping interpreter
    teardown: native threads (pyarrow's pools; of a stopped run, the work it abandoned) could
    abort it ("terminate called without an active exception", SIGABRT: seen once in CI on a
    completed run), and a scheduler must see the documented code."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _translate_summary(
    outcomes: list[tuple[str, str, bool, str]], refused: int, no_exec: bool
) -> str:
    """`2 translated (verified), 1 translated (overflow), 0 left out, 1 refused`: the kept
    functions counted by their status, so an `overflow` one is never summed as verified."""
    kept: dict[str, int] = {}
    for _qualname, status, is_kept, _why in outcomes:
        if is_kept:
            state = "unverified" if no_exec else status
            kept[state] = kept.get(state, 0) + 1
    parts = [f"{n} translated ({state})" for state, n in sorted(kept.items())]
    if not parts:
        parts = ["0 translated"]
    left_out = len(outcomes) - sum(kept.values())
    return ", ".join([*parts, f"{left_out} left out", f"{refused} refused"])


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the Rust file here (default: stdout).",
)
@click.option("--engine", default="rules", show_default=True)
@click.option(
    "--no-exec",
    is_flag=True,
    help="Do not verify (never execute the file's code): every compiled function is "
    "written and reported unverified.",
)
def translate(file: str, output: str | None, engine: str, no_exec: bool) -> None:
    """Translate one Python FILE into one self-contained Rust file (no cluster). Verifies
    each function against Python first; only verified ones are written (the others are
    comments saying why)."""
    from pipeline.onefile import translate_file
    from pipeline.translate import UnknownEngine

    try:
        result = translate_file(file, engine, verify=not no_exec)
    except UnknownEngine as exc:
        raise UsageFailure(str(exc)) from exc
    for qualname, status, kept, why in result.outcomes:
        click.echo(f"{status}: {qualname}" if kept else f"left out: {qualname} ({why})", err=True)
    for qualname, reason in result.refused:
        click.echo(f"refused: {qualname or os.path.basename(file)} ({reason})", err=True)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(result.rust)
    summary = _translate_summary(result.outcomes, len(result.refused), no_exec)
    click.echo(summary + (f" -> {output}" if output else ""), err=True)
    if not output:
        click.echo(result.rust, nl=False)


@main.command()
@click.argument("target")
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Repository root of the file (default: its directory).",
)
@click.option("--engine", default="rules", show_default=True)
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Generated inputs per function.",
)
@click.option("--seed", type=int, default=0, show_default=True)
def verify(target: str, root: str | None, engine: str, examples: int, seed: int) -> None:
    """Verify one function (TARGET is PATH.py::func) and print each input with the Python
    and Rust results side by side."""
    from pipeline.translate import UnknownEngine
    from pipeline.verify_cli import TargetError, verify_target

    try:
        report = verify_target(target, root, engine, examples, seed)
    except (TargetError, UnknownEngine) as exc:
        raise UsageFailure(str(exc)) from exc
    if report.table:
        click.echo(report.table)
    click.echo(report.verdict)


@main.group()
def cache() -> None:
    """Inspect or clear the translation cache."""


def _open_cache_from_cli(url: str | None, namespace: str, config_path: str | None):
    from pipeline.cache import open_cache

    try:
        settings = load_config(config_path).cache
        return open_cache(
            url or settings.url, namespace=namespace or settings.namespace, required=True
        )
    except _usage_errors() + (ValueError,) as exc:  # ValueError: an unknown scheme, a bad URL
        raise UsageFailure(str(exc).splitlines()[0]) from exc


_cache_url = click.option("--cache", "url", default=None, help="Cache URL (default: config).")
_cache_config = click.option("--config", "config_path", default=None, help="YAML config file.")


@cache.command("stats")
@_cache_url
@_cache_config
@click.option("--namespace", default="", help="Namespace (default: config).")
def cache_stats(url: str | None, config_path: str | None, namespace: str) -> None:
    """Print entries, bytes and counters of a cache namespace."""
    handle = _open_cache_from_cli(url, namespace, config_path)
    try:
        for key, value in handle.stats().as_dict().items():
            click.echo(f"{key}: {value}")
    finally:
        handle.close()


@cache.command("clear")
@_cache_url
@_cache_config
@click.option("--namespace", default="", help="Only this namespace (default: the config's).")
@click.option("--all-namespaces", is_flag=True, help="Clear every namespace.")
def cache_clear(
    url: str | None, config_path: str | None, namespace: str, all_namespaces: bool
) -> None:
    """Remove cached entries."""
    from pipeline.cache import ALL_NAMESPACES

    handle = _open_cache_from_cli(url, namespace, config_path)
    try:
        removed = handle.clear(ALL_NAMESPACES if all_namespaces else None)
    finally:
        handle.close()
    click.echo(f"removed {removed} entries")


@main.command()
@click.option("--cluster", default=None, help="As for run (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), default=None)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
def serve(
    cluster: str | None, workers: int | None, host: str, port: int, config_path: str | None
) -> None:
    """Serve the HTTP API (/v1/translate, /v1/jobs, /docs) and the playground page (/)."""
    try:
        from pipeline.service.server import serve as serve_forever
    except ImportError as exc:
        raise UsageFailure(f"{exc}; install the extra: pip install 'portalis[serve]'") from exc
    try:
        config = load_config(config_path).with_overrides(cluster=cluster, workers=workers)
        serve_forever(config, host, port)
    except _usage_errors() as exc:
        raise UsageFailure(str(exc).splitlines()[0]) from exc


@main.command()
@click.argument("out")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
def report(out: str, config_path: str | None) -> None:
    """Rebuild the HTML report of the run whose outputs are in OUT (OUT/report/index.html)."""
    from pipeline.report import write_report

    try:
        click.echo(write_report(out, load_config(config_path).storage_options))
    except FileNotFoundError as exc:
        raise UsageFailure(f"{out} holds no finished run: {exc}") from exc
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from exc


@main.group()
def cost() -> None:
    """Cost reports from the usage ledger."""


@cost.command("report")
@click.option(
    "--ledger",
    default=None,
    help="Ledger URL (default: the config's cost.ledger, else portalis-out/ledger).",
)
@click.option(
    "--window",
    default="7d",
    show_default=True,
    help="today, yesterday, week, month, Nd, Nh, or START,END (ISO-8601).",
)
@click.option("--daily", "window", flag_value="1d", help="Shortcut for --window 1d.")
@click.option("--weekly", "window", flag_value="7d", help="Shortcut for --window 7d.")
@click.option("--monthly", "window", flag_value="30d", help="Shortcut for --window 30d.")
@click.option(
    "--aggregate",
    default="tenant",
    show_default=True,
    help="tenant, job, instance_type, priority, pricing_model, run_id (comma-separated).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@_cache_config
def cost_report(
    ledger: str | None, window: str, aggregate: str, fmt: str, config_path: str | None
) -> None:
    """Costs by WINDOW and AGGREGATE: totals, idle, efficiency, recommendations, forecast."""
    from pipeline.cost.ledger import ledger_url
    from pipeline.cost.pricing import load_pricing
    from pipeline.cost.report import build, render

    try:
        config = load_config(config_path)
        url = ledger or ledger_url("portalis-out", config.cost.ledger)
        built = build(
            url,
            window,
            aggregate,
            pricing=load_pricing(config.cost.pricing),
            storage_options=config.storage_options,
        )
    except _usage_errors() as exc:
        raise UsageFailure(str(exc).splitlines()[0]) from exc
    click.echo(render(built, fmt), nl=False)


def _run(sources: list[str], out: str, config: RunConfig, perf_report: str | None):
    from pipeline.cluster import connect, load_policy
    from pipeline.preflight import check_run
    from pipeline.runner import RunHooks
    from pipeline.runner import run as run_pipeline

    check_run(sources, out, config, perf_report)  # every operator mistake, before any cluster
    signal.signal(signal.SIGTERM, _raise_interrupt)  # SIGTERM stops as gracefully as SIGINT
    # a local cluster's workers without Dask's profiler, unless the report would show it
    lean = perf_report is None
    with (
        connect(config.cluster, workers=config.workers, lean=lean) as handle,
        _metrics_server(config),
    ):
        if handle.dashboard_link:
            click.echo(f"Dask dashboard: {handle.dashboard_link}")
        policy = load_policy(config.policy)
        hooks = RunHooks(
            scale=lambda size: policy.apply_scaling(handle, size), performance_report=perf_report
        )
        summary = run_pipeline(sources, out, config, handle.client, hooks)
    _write_report(summary.out, sources, config)
    return summary


def _write_report(out: str, sources: list[str], config: RunConfig) -> None:
    """The run's HTML report beside its manifest; a failure is reported, the run stands."""
    from pipeline.report import read_sources, write_report

    try:
        click.echo(
            f"report: {write_report(out, config.storage_options, read_sources(sources, config))}"
        )
    except Exception as exc:
        click.echo(f"portalis: report not written: {type(exc).__name__}: {exc}", err=True)


@contextlib.contextmanager
def _metrics_server(config: RunConfig) -> Iterator[None]:
    """``/metrics`` on ``metrics.port`` for the duration of the run."""
    if config.metrics.port is None:
        yield
        return
    from pipeline.metrics import serve

    server, port = serve(config.metrics.port, config.metrics.address)
    click.echo(f"metrics: http://{config.metrics.address}:{port}/metrics", err=True)
    try:
        yield
    finally:
        server.shutdown()


def _print_summary(summary) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in summary.counts.items())
    click.echo(f"{summary.functions} units in {len(summary.repos)} repositories: {counts}")
    for repo, note in summary.traces.items():
        click.echo(f"  {repo}: tests traced: {note}")
    if summary.not_library_files:
        aside = ", ".join(f"{k} {v}" for k, v in summary.not_library_files.items())
        click.echo(f"  files set aside as not library code: {aside} (--scope all translates them)")
    for repo, crate in summary.crates.items():
        click.echo(f"  {repo}: {summary.out.rstrip('/')}/{crate}")
    click.echo(
        f"manifest: {summary.out.rstrip('/')}/manifest.parquet  "
        f"({summary.timings.get('total_s', 0):.1f} s)"
    )


if __name__ == "__main__":
    main()
