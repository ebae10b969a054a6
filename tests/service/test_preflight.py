"""``portalis serve``: every mistake in what it is given is one line and exit code 2, found
before any cluster starts (the API keys for the host above all: an open service on a public
address must never come up, not even for the seconds a cluster takes to start)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import RunConfig
from pipeline.preflight import PreflightError
from pipeline.service import server
from pipeline.service.auth import KEYS_ENV
from pipeline.service.server import preflight

TENANTS = """
version: 1
tiers: {default: {gpu_quota: 0, budgets: {daily: 10}}}
tenants: {team-a: {tier: default}}
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv(KEYS_ENV, raising=False)
    (tmp_path / "tenants.yaml").write_text(TENANTS)
    service = f"tenants_file: {tmp_path / 'tenants.yaml'}, jobs_out: {tmp_path / 'jobs'}"
    configs = {
        "ok": "",
        "stranger-key": f"keys_file: {tmp_path / 'keys.yaml'}",
        "no-keys-file": f"keys_file: {tmp_path / 'none.yaml'}",
        "bad-queue": "tiers: {default: {queue: urgent}}",
        "bad-root": f"source_roots: [{tmp_path / 'none'}]",
        "bad-jobs-out": "jobs_out: /proc/portalis-jobs",
    }
    for name, extra in configs.items():
        text = f"service: {{{service}{', ' + extra if extra else ''}}}\n"
        (tmp_path / f"{name}.yaml").write_text(text)
    (tmp_path / "keys.yaml").write_text(f"keys: [{{tenant: stranger, sha256: {'a' * 64}}}]\n")
    (tmp_path / "bad-engine.yaml").write_text(f"engine: nosuchengine\nservice: {{{service}}}\n")
    yield tmp_path


def taken_port() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


# (arguments after `serve`, {tmp}: the fixture's directory) -> words the message must have
MISTAKES = {
    "public host without keys": (
        ["--host", "0.0.0.0", "-c", "{tmp}/ok.yaml"],
        "no API keys configured",
    ),
    "key of an unknown tenant": (["-c", "{tmp}/stranger-key.yaml"], "unknown tenant 'stranger'"),
    "keys file missing": (["-c", "{tmp}/no-keys-file.yaml"], "cannot read keys file"),
    "tier queue unknown": (["-c", "{tmp}/bad-queue.yaml"], "unknown queue 'urgent'"),
    "source root missing": (
        ["-c", "{tmp}/bad-root.yaml"],
        "service.source_roots: no such directory",
    ),
    "jobs_out unwritable": (
        ["-c", "{tmp}/bad-jobs-out.yaml"],
        "service.jobs_out /proc/portalis-jobs",
    ),
    "unknown engine": (["-c", "{tmp}/bad-engine.yaml"], "unknown engine"),
    "unreachable scheduler": (
        ["-c", "{tmp}/ok.yaml", "--cluster", "tcp://127.0.0.1:{free}"],
        "no scheduler",
    ),
    "port taken": (["-c", "{tmp}/ok.yaml", "--port", "{taken}"], "cannot listen there"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_serve_mistake_is_one_line_and_exit_2_before_any_cluster(
    name: str, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(server, "cluster_address", lambda *a, **k: started.append(a))  # a spy
    args, expected = MISTAKES[name]
    with taken_port() as taken, socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        ports = {"taken": taken.getsockname()[1], "free": free.getsockname()[1]}
        argv = ["--config" if a == "-c" else a.format(tmp=files, **ports) for a in args]
        result = CliRunner().invoke(main, ["serve", "--port", "0", *argv])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected in lines[0]
    assert started == []  # no cluster was started


def test_the_lane_needs_rustc_on_the_service_s_host(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(files / "nothing"))
    monkeypatch.setenv("HOME", str(files))  # no ~/.cargo/bin either
    service = {"tenants_file": str(files / "tenants.yaml"), "jobs_out": str(files / "j")}
    config = RunConfig.model_validate({"service": service})
    with pytest.raises(PreflightError, match="service.fast_path translates on this host: rustc"):
        preflight(config, "127.0.0.1", 0)
    preflight(config.with_overrides(service__fast_path=False), "127.0.0.1", 0)


def test_a_loopback_service_without_keys_passes(files: Path) -> None:
    config = RunConfig.model_validate(
        {"service": {"tenants_file": str(files / "tenants.yaml"), "jobs_out": str(files / "j")}}
    )
    preflight(config, "127.0.0.1", 0)
    assert not (files / "j").exists()  # the probe and the directory it made are gone


def test_plain_serve_runs_its_cluster_outside_its_process(files: Path) -> None:
    """``portalis serve`` without ``--cluster``: the service's process listens on its HTTP
    port only (the scheduler is in a process of its own); it answers, and on SIGINT it stops
    with every process it started."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    argv = ["serve", "--workers", "1", "--port", str(port), "--config", str(files / "ok.yaml")]
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", *argv], cwd=files)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not _healthy(url):
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.5)
        service = psutil.Process(proc.pid)
        family = service.children(recursive=True)
        listening = {c.laddr.port for c in service.net_connections("tcp") if c.status == "LISTEN"}
        assert listening == {port}
        body = {"source": "def inc(n: int) -> int:\n    return n + 1\n"}
        answer = httpx.post(f"{url}/v1/translate", json=body, timeout=120).json()
        assert answer["status"] == "compiled", answer
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=120) == 0
    _, alive = psutil.wait_procs(family, timeout=30)
    assert not alive, [p.cmdline() for p in alive]


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=5).json()["workers"] == 1
    except (httpx.HTTPError, KeyError, ValueError):
        return False
