"""End to end: `portalis run` on the bundled examples, through the real CLI, a real Dask
cluster of processes, real rustc and cargo."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / name for name in ("mathkit", "textkit", "datakit")]
CARGO = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")


def portalis(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI; ``cache`` isolates the default cache from the user's."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)} if cache else None
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def expected_units(repo: Path) -> set[str]:
    """Every top-level function/class (incl. conditional ones) of every parseable file."""
    ids = set()
    for path in sorted(repo.rglob("*.py")):
        try:
            tree = ast.parse(path.read_bytes().decode("utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        rel = path.relative_to(repo).as_posix()
        for node in ast.walk(tree):
            if isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            ) and _is_top_level(tree, node):
                ids.add(f"{repo.name}:{rel}::{node.name}")
    return ids


def _is_top_level(tree: ast.Module, node: ast.AST) -> bool:
    """Defined at module level, possibly inside top-level if/try/with blocks (not in a def)."""
    parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    cur = parents.get(node)
    while cur is not None and not isinstance(cur, ast.Module):
        if isinstance(cur, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return False
        cur = parents.get(cur)
    return True


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out1")
    cache = tmp_path_factory.mktemp("cache1")
    proc = portalis(
        "run",
        *map(str, EXAMPLES),
        "--out",
        str(out),
        "--workers",
        "2",
        "--export-pairs",
        cache=cache,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "manifest" in proc.stdout
    return out


def test_manifest_accounts_for_every_function_once(first_run: Path) -> None:
    table = pq.read_table(first_run / "manifest.parquet").to_pylist()
    unit_rows = [r for r in table if r["kind"] != "file"]
    ids = [r["unit_id"].split("@")[0] for r in unit_rows]
    expected = set().union(*(expected_units(repo) for repo in EXAMPLES))
    assert sorted(ids) == sorted(expected)  # every function exactly once
    statuses = {r["status"] for r in unit_rows}
    assert statuses & {"verified", "compiled"}, statuses
    for row in unit_rows:
        if row["status"] in {"unsupported", "compile_error", "parse_error", "skipped"}:
            assert row["reason"], row


def test_bad_files_recorded_with_reasons(first_run: Path) -> None:
    rows = {
        r["path"]: r
        for r in pq.read_table(first_run / "manifest.parquet").to_pylist()
        if r["kind"] == "file"
    }
    broken = "textkit/broken/"
    assert rows[broken + "broken_syntax.py"]["status"] == "parse_error"
    assert "PT005" in rows[broken + "broken_syntax.py"]["codes"]
    assert "PT004" in rows[broken + "latin1_comments.py"]["codes"]
    assert "PT003" in rows[broken + "blob.py"]["codes"]
    assert rows[broken + "empty.py"]["status"] == "skipped"


def test_summary_and_marker(first_run: Path) -> None:
    summary = json.loads((first_run / "summary.json").read_text())
    assert summary["versions"]["rustc"].startswith("rustc ")
    assert (
        sum(v for k, v in summary["counts"].items() if not k.startswith("files_"))
        == summary["functions"]
    )
    marker = json.loads((first_run / "_SUCCESS").read_text())
    assert "manifest.parquet" in marker["files"]
    assert not (first_run / ".portalis-staging").exists()


def test_training_pairs_are_exactly_the_verified_units(first_run: Path) -> None:
    verified = {
        r["unit_id"]
        for r in pq.read_table(first_run / "manifest.parquet").to_pylist()
        if r["status"] == "verified"
    }
    pairs = [
        r
        for p in sorted((first_run / "training").glob("*.parquet"))
        for r in pq.read_table(p).to_pylist()
    ]
    assert {r["unit_id"] for r in pairs} == verified and verified
    for row in pairs:
        assert row["python"].lstrip().startswith(("def ", "@", "class "))
        assert "pub fn" in row["rust"] or "pub struct" in row["rust"]
        assert len(row["inputs"]) == len(row["outputs"]) >= 1


def test_written_crates_build_with_cargo(first_run: Path, tmp_path: Path) -> None:
    crates = sorted((first_run / "crates").iterdir())
    assert [c.name for c in crates] == ["datakit", "mathkit", "textkit"]
    for original in crates:
        crate = tmp_path / "build" / original.name  # cargo writes Cargo.lock: build a copy
        shutil.copytree(original, crate)
        proc = subprocess.run(
            [CARGO, "build", "--offline", "--quiet"],
            cwd=crate,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "CARGO_TARGET_DIR": str(tmp_path / crate.name)},
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        lib = (crate / "src" / "lib.rs").read_text()
        assert "Portalis" in lib


def test_second_run_is_byte_identical(first_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out2"
    proc = portalis(
        "run",
        *map(str, EXAMPLES),
        "--out",
        str(out),
        "--workers",
        "1",
        cache=tmp_path / "fresh-cache",
    )  # recomputed from scratch, not from cache
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tree_digest(out / "crates") == tree_digest(first_run / "crates")


def test_archive_source_and_no_exec(tmp_path: Path) -> None:
    archive = tmp_path / "mathkit.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((EXAMPLES[0]).rglob("*.py")):
            zf.write(path, path.relative_to(EXAMPLES[0]).as_posix())
        zf.writestr("../../escape.py", "def evil() -> int:\n    return 1\n")
    out = tmp_path / "out"
    proc = portalis(
        "run",
        str(archive),
        "--out",
        str(out),
        "--workers",
        "1",
        "--no-exec",
        cache=tmp_path / "cache",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (tmp_path.parent / "escape.py").exists()
    rows = pq.read_table(out / "manifest.parquet").to_pylist()
    assert any("escapes" in r["reason"] for r in rows if r["kind"] == "file")
    statuses = {r["status"] for r in rows if r["kind"] != "file"}
    assert "verified" not in statuses and "compiled" in statuses


@pytest.mark.parametrize(
    "args",
    [
        ["run", "/nonexistent/source/dir"],
        ["run", "examples/mathkit", "--config", "/nonexistent.yaml"],
        ["run", "examples/mathkit", "--cluster", "no-such-cluster"],
        ["run"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], tmp_path: Path) -> None:
    proc = portalis(*args, "--out", str(tmp_path / "o")) if len(args) > 1 else portalis(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert "dashboard" not in proc.stdout  # found before any cluster started


def test_unwritable_output_fails_fast_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    proc = portalis(
        "run",
        str(EXAMPLES[0]),
        "--out",
        str(blocker / "out"),
        "--no-exec",
        cache=tmp_path / "cache",
    )
    assert proc.returncode == 2  # an operator's mistake, found before any cluster starts
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"Error: --out {blocker / 'out'} is not writable: ")
    assert "Not a directory" in line
    assert "dashboard" not in proc.stdout
