"""Checks of everything an operator gives ``portalis run``, done before any cluster starts.

Each problem is a :class:`PreflightError` with a one-line message naming the argument and what
to do; the CLI prints it and exits with code 2. Nothing here starts a cluster or a worker: a
cluster spec is loaded and its manager's package imported (to report a missing extra), a
scheduler address gets one TCP connection, the output location gets one probe write.

    check_run(sources, out, config, performance_report)   # raises PreflightError or returns
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import uuid
from pathlib import Path

import fsspec
from distributed.comm.addressing import parse_address, parse_host_port
from fsspec.implementations.local import LocalFileSystem

from pipeline.cache.registry import backend_class, open_cache, scheme_of
from pipeline.cluster.connect import ADDRESS_SCHEMES, LOCAL_TARGETS
from pipeline.cluster.launch import load_manager_class
from pipeline.cluster.policy import load_policy
from pipeline.cluster.spec import build_spec
from pipeline.config import RunConfig
from pipeline.cost.meter import check_cost
from pipeline.cost.pricing import CostConfigError
from pipeline.sources.archives import is_archive
from pipeline.storage.publish import INCOMPLETE, MARKER, PUBLISHING, STAGING, Publisher
from pipeline.translate import get_engine

SCHEDULER_PROBE_S = 5.0
# Protocols whose filesystem package is an extra of Portalis (others name the package only).
FS_EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs"}
# What an earlier run may have left in --out: a directory holding any of these is ours.
OUTPUT_NAMES = frozenset({MARKER, INCOMPLETE, PUBLISHING, STAGING, "manifest.parquet"})
TCP_SCHEMES = ("tcp", "tls", "ws", "wss")


class PreflightError(ValueError):
    """An operator's mistake found before the run: one line, exit code 2."""


def check_run(
    sources: list[str], out: str, config: RunConfig, performance_report: str | None = None
) -> None:
    """Raise :class:`PreflightError` for the first problem with a run's arguments."""
    check_settings(config)
    for source in sources:
        check_source(source, config.storage_options)
    check_cluster(config.cluster)
    check_out(out, config.storage_options)
    if performance_report:
        check_local_file(performance_report, "--performance-report")


def check_settings(config: RunConfig) -> None:
    """The engine, queue, policy, cases file, cache, tenant and pricing named by the
    configuration exist."""
    try:
        get_engine(config.engine)
        load_policy(config.policy).queue(config.priority)
    except Exception as exc:  # UnknownEngine, PolicyError: one-line messages
        raise PreflightError(_first_line(exc)) from None
    cases = config.verify.cases_file
    if cases and "://" not in cases and not Path(cases).is_file():
        raise PreflightError(f"verify.cases_file: no such file: {cases}")
    check_cache(config)
    try:
        check_cost(config)
    except CostConfigError as exc:
        raise PreflightError(str(exc)) from None


def check_cache(config: RunConfig) -> None:
    """The cache URL has a known scheme whose package is installed; a required cache answers."""
    settings = config.cache
    try:
        backend_class(scheme_of(settings.url))
        if settings.required:
            open_cache(settings.url, settings.namespace, settings.ttl_s, required=True).close()
    except Exception as exc:  # unknown scheme, CacheBackendMissing, CacheUnavailable (masked)
        raise PreflightError(f"--cache: {_first_line(exc)}") from None


def check_source(source: str, storage_options: dict) -> None:
    """SOURCE is an existing directory or archive, on a filesystem that is installed."""
    fs, path = _filesystem(source, storage_options, "SOURCE")
    try:
        ok = fs.isfile(path) if is_archive(source) else fs.isdir(path)
    except Exception as exc:  # credentials, network: the run could not read it either
        raise PreflightError(f"cannot read source {source}: {_first_line(exc)}") from None
    if not ok:
        kind = "an archive" if is_archive(source) else "a directory"
        raise PreflightError(
            f"source not found: {source} (expected {kind}; give a directory, "
            f".zip/.tar.gz archive or fsspec URL)"
        )


def check_out(out: str, storage_options: dict) -> None:
    """--out is a new or empty directory, or an earlier Portalis output, and is writable."""
    fs, path = _filesystem(out, storage_options, "--out")
    try:
        exists = fs.exists(path)
        is_dir = exists and fs.isdir(path)
        names = {_name(p) for p in fs.ls(path, detail=False)} if is_dir else set()
    except Exception as exc:
        raise PreflightError(f"--out {out}: cannot inspect it: {_first_line(exc)}") from None
    if exists and not is_dir:
        raise PreflightError(f"--out {out} is a file; give a directory (new or empty)")
    if names and not names & OUTPUT_NAMES:
        raise PreflightError(
            f"--out {out} is a non-empty directory that is not a Portalis output "
            f"(no {MARKER} or {INCOMPLETE}); give a new or empty directory"
        )
    probe = Publisher(out, f"preflight-{uuid.uuid4().hex[:8]}", storage_options)
    try:
        probe.probe()
    except Exception as exc:  # FileNotFoundError (/proc), PermissionError, PublishError
        raise PreflightError(f"--out {out} is not writable: {_first_line(exc)}") from None
    finally:
        probe.discard()
        if not exists and isinstance(fs, LocalFileSystem):  # no empty directory left behind
            with contextlib.suppress(OSError):
                fs.rmdir(path)


def check_local_file(path: str, option: str) -> None:
    """A local file can be created at *path* (its directory exists and is writable)."""
    parent = Path(path).expanduser().resolve().parent
    if not parent.is_dir():
        raise PreflightError(f"{option} {path}: directory {parent} does not exist")
    try:
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".portalis-probe-"):
            pass
    except OSError as exc:
        raise PreflightError(f"{option} {path}: cannot write there: {_first_line(exc)}") from None


def check_cluster(target: str | None) -> None:
    """A cluster target is local, a reachable scheduler address, or a spec whose package is
    installed (the spec is loaded and its manager imported, never started)."""
    if target in LOCAL_TARGETS:
        return
    text = os.fspath(target)
    try:
        if text.startswith(ADDRESS_SCHEMES):
            _probe_scheduler(text)
        else:
            load_manager_class(build_spec(text))
    except PreflightError:
        raise
    except Exception as exc:  # ClusterError subclasses carry one-line messages
        raise PreflightError(f"--cluster: {_first_line(exc)}") from None


def _probe_scheduler(address: str) -> None:
    scheme, location = parse_address(address)
    if scheme not in TCP_SCHEMES:
        return  # ucx://, inproc://: nothing to probe without starting their machinery
    try:
        host, port = parse_host_port(location)
    except ValueError as exc:
        raise PreflightError(f"--cluster {address}: {_first_line(exc)}") from None
    try:
        socket.create_connection((host, port), timeout=SCHEDULER_PROBE_S).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PreflightError(
            f"--cluster {address}: no scheduler reachable ({reason}); start one "
            f"(dask scheduler) or check the address and port"
        ) from None


def _filesystem(
    url: str, storage_options: dict, what: str
) -> tuple[fsspec.AbstractFileSystem, str]:
    try:
        return fsspec.core.url_to_fs(url, **storage_options)
    except ImportError as exc:
        protocol = url.split("://", 1)[0]
        extra = FS_EXTRAS.get(protocol)
        hint = f"pip install 'portalis[{extra}]'" if extra else _first_line(exc)
        raise PreflightError(f"{what} {url}: {protocol}:// is not installed: {hint}") from None
    except (ValueError, TypeError) as exc:
        raise PreflightError(f"{what} {url}: {_first_line(exc)}") from None


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
