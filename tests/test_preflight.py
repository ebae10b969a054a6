"""Every mistake an operator can make with ``portalis run`` is one line and exit code 2, found
before any cluster starts (no dashboard link is ever printed for them)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.preflight import PreflightError, check_out

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "mathkit")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("someone else's data\n")
    (tmp_path / "plain-file").write_text("x\n")
    (tmp_path / "bad-key.yaml").write_text("engine: rules\nworkerz: 3\n")
    (tmp_path / "bad-value.yaml").write_text("verify: {examples_per_function: -3}\n")
    (tmp_path / "bad-yaml.yaml").write_text("verify: [unclosed\n")
    (tmp_path / "bad-queue.yaml").write_text("priority: urgent\n")
    (tmp_path / "bad-engine.yaml").write_text("engine: nosuchengine\n")
    (tmp_path / "bad-cases.yaml").write_text("verify: {cases_file: /nonexistent/cases.json}\n")
    return tmp_path


# (arguments after `run`, with {tmp} for the fixture directory) -> words the message must have
MISTAKES = {
    "missing source": (["/nonexistent/src"], "source not found: /nonexistent/src"),
    "missing archive": (["/nonexistent/repo.zip"], "expected an archive"),
    "unwritable --out": ([EXAMPLE, "--out", "/proc/portalis-out"], "is not writable"),
    "--out is a file": ([EXAMPLE, "--out", "{tmp}/plain-file"], "is a file"),
    "--out holds other data": (
        [EXAMPLE, "--out", "{tmp}/foreign"],
        "non-empty directory that is not a Portalis output",
    ),
    "unknown config key": ([EXAMPLE, "--config", "{tmp}/bad-key.yaml"], "workerz: Extra inputs"),
    "bad config value": (
        [EXAMPLE, "--config", "{tmp}/bad-value.yaml"],
        "verify.examples_per_function: Input should be greater than or equal to 0",
    ),
    "config not YAML": ([EXAMPLE, "--config", "{tmp}/bad-yaml.yaml"], "is not valid YAML"),
    "config file missing": ([EXAMPLE, "--config", "{tmp}/none.yaml"], "cannot read config"),
    "unknown queue": ([EXAMPLE, "--config", "{tmp}/bad-queue.yaml"], "unknown queue 'urgent'"),
    "unknown engine": ([EXAMPLE, "--config", "{tmp}/bad-engine.yaml"], "unknown engine"),
    "missing cases file": ([EXAMPLE, "--config", "{tmp}/bad-cases.yaml"], "verify.cases_file"),
    "unknown cluster": ([EXAMPLE, "--cluster", "nosuchcluster"], "unknown cluster 'nosuchcluster'"),
    "cluster spec file missing": ([EXAMPLE, "--cluster", "{tmp}/c.yaml"], "spec file not found"),
    "unreachable scheduler": ([EXAMPLE, "--cluster", "tcp://127.0.0.1:{port}"], "no scheduler"),
    "spec needs an unset variable": ([EXAMPLE, "--cluster", "gateway"], "DASK_GATEWAY_ADDRESS"),
    "missing extra: cluster": ([EXAMPLE, "--cluster", "cuda"], "pip install 'portalis[gpu]'"),
    "missing extra: source": (["gs://bucket/repo"], "pip install 'portalis[gcs]'"),
    "missing extra: --out": ([EXAMPLE, "--out", "gs://bucket/out"], "pip install 'portalis[gcs]'"),
    "unknown cache scheme": ([EXAMPLE, "--cache", "memcached://h:1"], "unknown cache scheme"),
    "required cache down": (
        [EXAMPLE, "--cache", "redis://127.0.0.1:{port}/0", "--cache-required"],
        "Redis cache unavailable",
    ),
    "report directory missing": (
        [EXAMPLE, "--performance-report", "/nonexistent/dir/report.html"],
        "directory /nonexistent/dir does not exist",
    ),
    "unknown option": ([EXAMPLE, "--wrokers", "2"], "No such option '--wrokers'"),
    "bad option value": ([EXAMPLE, "--workers", "0"], "Invalid value for '--workers'"),
    "bad priority": ([EXAMPLE, "--priority", "urgent"], "Invalid value for '--priority'"),
    "no source": ([], "Missing argument 'SOURCES...'"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_mistake_is_one_line_and_exit_2_before_any_cluster(name: str, files: Path) -> None:
    args, expected = MISTAKES[name]
    port = free_port()
    argv = [a.format(tmp=files, port=port) for a in args]
    if "--out" not in argv and argv:
        argv += ["--out", str(files / "out")]
    result = CliRunner().invoke(main, ["run", *argv])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected.format(port=port) in lines[0]
    assert "dashboard" not in result.stdout  # no cluster was started
    assert not (files / "out").exists()  # nothing was created either


def test_earlier_output_or_empty_directory_is_accepted(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "manifest.parquet").write_bytes(b"")
    (earlier / "_SUCCESS").write_text("{}")
    (tmp_path / "empty").mkdir()
    for out in (earlier, tmp_path / "empty", tmp_path / "new" / "deeper"):
        check_out(str(out), {})
    assert sorted(p.name for p in earlier.iterdir()) == ["_SUCCESS", "manifest.parquet"]
    with pytest.raises(PreflightError, match="not a Portalis output"):
        (tmp_path / "empty" / "stray.txt").write_text("")
        check_out(str(tmp_path / "empty"), {})


# The other commands: the same one-line errors (cache URLs, missing files, bad targets).
OTHER_MISTAKES = {
    "cache: unknown scheme": (["cache", "stats", "--cache", "memcached://h:1"], "unknown cache"),
    "cache: redis down": (["cache", "stats", "--cache", "redis://127.0.0.1:{port}/0"], "Redis"),
    "cache: bad config": (["cache", "clear", "--config", "/nonexistent.yaml"], "cannot read"),
    "translate: no such file": (["translate", "/nonexistent.py"], "does not exist"),
    "verify: bad target": (["verify", "{example}/mathkit/primes.py"], "PATH.py::func"),
    "unknown command": (["trnaslate", "x.py"], "No such command 'trnaslate'"),
}


@pytest.mark.parametrize("name", sorted(OTHER_MISTAKES))
def test_other_commands_mistakes_are_one_line_and_exit_2(name: str) -> None:
    args, expected = OTHER_MISTAKES[name]
    argv = [a.format(port=free_port(), example=EXAMPLE) for a in args]
    result = CliRunner().invoke(main, argv)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected in lines[0]
