"""Read a run's outputs and write its report through fsspec.

The Python of every file the manifest names is stored once with the report
(``report/python.json.gz``), so ``portalis report OUT`` rebuilds the pages from ``OUT`` alone.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import tempfile
from pathlib import Path

import fsspec
import pyarrow.parquet as pq

from pipeline.config import RunConfig
from pipeline.crate import unit_items
from pipeline.report.render import Run, render
from pipeline.sources import discover_repo, resolve_sources

REPORT_DIR = "report"
PYTHON_FILE = "python.json.gz"


def read_sources(sources: list[str], config: RunConfig) -> dict[str, dict[str, str]]:
    """The text of every Python file of ``sources``, as repository -> path -> text (read
    again after a run: archives are extracted anew)."""
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="portalis-report-") as tmp:
        for repo in resolve_sources(sources, Path(tmp), config.storage_options):
            files = out.setdefault(repo.name, {})
            for ref in discover_repo(repo, config.exclude).files:
                with fsspec.open(ref.url, "rb", **config.storage_options) as fh:
                    files[ref.path] = fh.read().decode("utf-8", errors="replace")
    return out


def write_report(
    out: str, storage_options: dict, python: dict[str, dict[str, str]] | None = None
) -> str:
    """Write ``OUT/report/`` from the run's outputs; ``python`` (repository -> path -> text)
    as from :func:`read_sources`, or None to reuse the copy stored by an earlier report.
    Returns the URL of the index page."""
    fs, root = fsspec.core.url_to_fs(out.rstrip("/"), **storage_options)
    stored = f"{root}/{REPORT_DIR}/{PYTHON_FILE}"
    if python is None:
        python = json.loads(gzip.decompress(fs.cat_file(stored))) if fs.exists(stored) else {}
    with fs.open(f"{root}/manifest.parquet", "rb") as fh:
        rows = pq.read_table(fh).to_pylist()
    summary = json.loads(fs.cat_file(f"{root}/summary.json"))
    used = {(r["repo"], r["path"]) for r in rows}
    python = {
        repo: {p: t for p, t in files.items() if (repo, p) in used}
        for repo, files in python.items()
    }
    run = Run(rows, summary, python, _rust_items(fs, root, summary), _matches(fs, root, summary))
    pages: dict[str, str | bytes] = {
        **render(run),
        PYTHON_FILE: gzip.compress(json.dumps(python, sort_keys=True).encode(), mtime=0),
    }
    for rel, data in sorted(pages.items()):
        path = f"{root}/{REPORT_DIR}/{rel}"
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        fs.pipe_file(path, data.encode() if isinstance(data, str) else data, **_typed(fs, rel))
    return f"{out.rstrip('/')}/{REPORT_DIR}/index.html"


def _typed(fs: fsspec.AbstractFileSystem, rel: str) -> dict[str, str]:
    """Object stores serve what they were told: an S3 object needs its Content-Type for a
    browser to render it (S3 static website hosting, or any HTTP front)."""
    kind = mimetypes.guess_type(rel)[0]
    return {"ContentType": kind} if kind and "s3" in fs.protocol else {}


def _matches(fs: fsspec.AbstractFileSystem, root: str, summary: dict) -> dict[str, list]:
    """unit id -> its matching inputs as (entry point, inputs, result), from the training
    pairs a run with ``--export-pairs`` wrote (none otherwise: the manifest keeps counts and
    the first mismatch only)."""
    found: dict[str, list] = {}
    for crate_dir in summary.get("crates", {}).values():
        path = f"{root}/training/{crate_dir.rsplit('/', 1)[-1]}.parquet"
        if not fs.exists(path):
            continue
        with fs.open(path, "rb") as fh:
            for pair in pq.read_table(fh).to_pylist():
                rows = zip(pair["entry_points"], pair["inputs"], pair["outputs"], strict=True)
                found[pair["unit_id"]] = list(rows)
    return found


def _rust_items(fs: fsspec.AbstractFileSystem, root: str, summary: dict) -> dict[str, str]:
    """``repo:path::qualname`` -> that unit's Rust, from every module file of every crate."""
    items: dict[str, str] = {}
    for repo, crate_dir in summary.get("crates", {}).items():
        for path in sorted(fs.glob(f"{root}/{crate_dir}/src/**/*.rs")):
            text = fs.cat_file(path).decode("utf-8", errors="replace")
            items.update({f"{repo}:{k}": v for k, v in unit_items(text).items()})
    return items
