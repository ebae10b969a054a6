"""Scheduled runs: scripts/portalis-scheduled.sh never overlaps two runs on one output, returns
the pipeline's exit codes, logs to its file and pushes final metrics to a real Pushgateway; the
systemd units pass `systemd-analyze verify`."""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.scheduled import build_registry

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "portalis-scheduled.sh"
UNITS = ROOT / "scripts" / "systemd"
EXIT_LOCKED = 75
TINY = """
def double(x: int) -> int:
    return 2 * x


def clamp(x: int, lo: int, hi: int) -> int:
    return max(lo, min(x, hi))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def pushgateway(tmp_path: Path):
    binary = shutil.which("prometheus-pushgateway") or shutil.which("pushgateway")
    assert binary, (
        "prometheus-pushgateway is not installed (apt-get install prometheus-pushgateway)"
    )
    url = f"http://127.0.0.1:{free_port()}"
    proc = subprocess.Popen(
        [binary, f"--web.listen-address={url.removeprefix('http://')}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/ready", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "pushgateway did not start"
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def scrape(url: str) -> dict[str, float]:
    """``name{labels} value`` lines of the gateway's /metrics for our job."""
    samples = {}
    for line in pushed(url).splitlines():
        if line.startswith("portalis_scheduled_run"):
            key, value = line.rsplit(" ", 1)
            samples[key] = float(value)
    return samples


def pushed(url: str) -> str:
    return urllib.request.urlopen(f"{url}/metrics", timeout=5).read().decode()


def environment(tmp_path: Path, gateway: str, sources: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PORTALIS_ENV_FILE": str(tmp_path / "no-such.env"),
        "PORTALIS_BIN": str(Path(sys.executable).with_name("portalis")),
        "PORTALIS_PYTHON": sys.executable,
        "PORTALIS_SOURCES": sources,
        "PORTALIS_OUT": str(tmp_path / "out"),
        "PORTALIS_ARGS": "--workers 1 --no-exec",
        "PORTALIS_CACHE": "none://",
        "PORTALIS_LOG": str(tmp_path / "log" / "scheduled.log"),
        "PORTALIS_LOCK": str(tmp_path / "scheduled.lock"),
        "PORTALIS_PUSHGATEWAY": gateway,
        "PORTALIS_JOB": "nightly",
    }


def wait_for(path: Path, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (path.exists() and text in path.read_text()):
        assert time.monotonic() < deadline, f"{text!r} never appeared in {path}"
        time.sleep(0.1)


def test_two_starts_at_once_one_runs_one_exits_75_and_metrics_are_pushed(
    tmp_path: Path, pushgateway: str
) -> None:
    repo = tmp_path / "tinyrepo"
    repo.mkdir()
    (repo / "ops.py").write_text(TINY)
    env = environment(tmp_path, pushgateway, str(repo))
    log = Path(env["PORTALIS_LOG"])
    first = subprocess.Popen(["bash", str(SCRIPT)], env=env, cwd=tmp_path)
    try:
        wait_for(log, "start (pid")  # the first run holds the lock
        second = subprocess.run(
            ["bash", str(SCRIPT)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == EXIT_LOCKED, second.stderr
        assert "another run holds" in second.stderr
        assert first.poll() is None, "the first run should still be running"
        assert first.wait(timeout=300) == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert (tmp_path / "out" / "_SUCCESS").exists()
    text = log.read_text()
    assert text.count("start (pid") == 1 and "not starting; exit 75" in text
    assert "end: exit 0" in text and "metrics pushed" in text
    assert "units in 1 repositories" in text  # the pipeline's own output goes to the log too
    samples = scrape(pushgateway)
    assert samples['portalis_scheduled_run_exit_code{instance="",job="nightly"}'] == 0
    key = 'portalis_scheduled_run_last_success_timestamp_seconds{instance="",job="nightly"}'
    success = samples[key]
    assert abs(success - time.time()) < 600
    assert samples['portalis_scheduled_run_units{instance="",job="nightly",status="compiled"}'] > 0
    assert "portalis_last_success_timestamp_seconds{" in pushed(pushgateway)  # the pipeline's own

    # A failing run: its exit code is returned and pushed; the last success time is kept.
    env["PORTALIS_SOURCES"] = str(tmp_path / "missing-repo")
    failed = subprocess.run(["bash", str(SCRIPT)], env=env, cwd=tmp_path, timeout=120)
    assert failed.returncode == 2
    after = scrape(pushgateway)
    assert after['portalis_scheduled_run_exit_code{instance="",job="nightly"}'] == 2
    assert after[key] == success
    assert "source not found" in log.read_text()


def test_lock_held_by_anyone_else_means_exit_75_without_running(tmp_path: Path) -> None:
    env = environment(tmp_path, "", str(ROOT / "examples" / "mathkit"))
    del env["PORTALIS_PUSHGATEWAY"]
    env["PORTALIS_BIN"] = "/bin/false"  # would fail with 1 if it ever ran
    with open(env["PORTALIS_LOCK"], "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the same lock flock(1) takes
        proc = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, timeout=30)
        assert proc.returncode == EXIT_LOCKED
    released = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, timeout=30)
    assert released.returncode == 1  # the lock is free again: /bin/false ran, its code returned


def test_failed_run_pushes_no_success_time() -> None:
    registry = build_registry(exit_code=1, duration_s=3.0, summary=None, now=1e9)
    names = {metric.name for metric in registry.collect()}
    assert "portalis_scheduled_run_last_success_timestamp_seconds" not in names
    assert "portalis_scheduled_run_exit_code" in names


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_units_verify(tmp_path: Path) -> None:
    for unit in UNITS.iterdir():
        text = unit.read_text().replace("/opt/portalis/scripts/", f"{ROOT}/scripts/")
        (tmp_path / unit.name).write_text(text)
    timer = (tmp_path / "portalis-scheduled.timer").read_text()
    assert "Persistent=true" in timer
    units = sorted(str(p) for p in tmp_path.iterdir())
    proc = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "portalis-scheduled" not in proc.stderr  # no warning about our units either
    broken = tmp_path / "portalis-scheduled.timer"
    broken.write_text(timer.replace("Persistent=true", "Persistent=maybe"))
    proc = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert "portalis-scheduled.timer:" in proc.stderr  # the check catches a bad setting
