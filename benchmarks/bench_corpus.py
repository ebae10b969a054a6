"""The rule engine measured on the corpus (tests/corpus) and the bundled examples/ repositories.

    .venv/bin/python benchmarks/bench_corpus.py [--examples-per-function N] [--out FILE]
                                                [--repeat R] [--no-examples] [--no-clippy]

Runs the pipeline's own stages in this process, no Dask: ``process_partition`` (load, shard,
translate, compile-check, verify; no cache) on each repository's files as one partition, then
``finalize_repo`` (the crate a run would write, and each unit's final status). Then:

- translation time: ``engine.translate(unit)`` called directly on every unit, pinned to one
  CPU, one warm-up pass (reported as ``cold``) then ``--repeat`` timed passes; a unit's time
  is the median of its passes; median / p95 over units (headline: units of kind function);
- clippy: the repository's final crate (compiled units + runtime, as ``finalize_repo`` builds
  it with ``assemble`` and rustfmt) written with its Cargo.toml, ``cargo clippy --offline
  --message-format=json`` in a scratch CARGO_TARGET_DIR; warnings counted by lint, split
  between the generated modules and the runtime (src/pyrt.rs), per 100 compiled units;
- verification: the verifier's wall time per partition, per verified unit, and its ratio to
  the (in-process, warm) translation time of the same units.

Writes JSON (default benchmarks/results/corpus.json) with a "corpus" and an "examples"
section, the quality bars and whether they are met, machine facts and the git commit; prints
a short summary. Mismatches and compile errors are listed in full: they are engine bugs.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import __version__  # noqa: E402
from pipeline.compile.rustc import find_tool, rustc_version, write_tree  # noqa: E402
from pipeline.config import RunConfig, load_config  # noqa: E402
from pipeline.outputs import PartitionOutput, RepoResult  # noqa: E402
from pipeline.records import SourceFile, Status, Unit, UnitRecord  # noqa: E402
from pipeline.sources import discover_repo, resolve_sources  # noqa: E402
from pipeline.stages import finalize_repo, process_partition  # noqa: E402
from pipeline.translate import Engine, get_engine  # noqa: E402
from pipeline.units.shard import shard_file  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "corpus.json"
CORPUS = ROOT / "tests" / "corpus"
EXAMPLES = [ROOT / "examples" / name for name in ("mathkit", "textkit", "datakit")]
BARS = {  # name -> (comparison, threshold); checked on the corpus section
    "verified_share": (">=", 0.90),
    "mismatch": ("==", 0),
    "compile_error": ("==", 0),
    "translate_median_ms": ("<=", 2.0),
}
TOP = 15  # reasons listed per section
EXAMPLES_PER_REASON = 3
MESSAGE_CHARS = 600
SHOWN = 40  # mismatches / compile errors printed on stdout per section (all are in the JSON)


@dataclass
class RepoRun:
    """One repository after the stages: partitions, final rows, and its source texts."""

    name: str
    parts: list[PartitionOutput]
    result: RepoResult
    sources: dict[str, str]  # repo-relative path -> text
    seconds: float


# -- running the stages ----------------------------------------------------------------------


def run_repos(roots: list[Path], config: RunConfig) -> list[RepoRun]:
    """Process each repository in-process as one partition (no cache), then finalize it."""
    runs: list[RepoRun] = []
    with tempfile.TemporaryDirectory(prefix="bench-corpus-src-") as tmp:
        for repo in resolve_sources([str(r) for r in roots], Path(tmp)):
            found = discover_repo(repo, config.exclude)
            start = time.perf_counter()
            part = process_partition(found.files, config, cache=None)
            result = finalize_repo(repo.name, config, None, part)
            took = time.perf_counter() - start
            sources = {}
            for ref in found.files:
                # a deliberately broken example file is skipped: the stages recorded why
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    sources[ref.path] = Path(ref.url).read_text(encoding="utf-8")
            runs.append(RepoRun(repo.name, [part], result, sources, took))
    return runs


def functions_per_unit(sources: dict[str, str]) -> dict[tuple[str, str], int]:
    """(path, qualname) -> functions it holds: 1 for a def, its methods for a class
    (as tests/corpus/README.md counts: module-level defs plus methods of module-level
    classes)."""
    out: dict[tuple[str, str], int] = {}
    for path, text in sources.items():
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out[(path, node.name)] = 1
            elif isinstance(node, ast.ClassDef):
                out[(path, node.name)] = sum(
                    isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in node.body
                )
    return out


# -- translation timing ----------------------------------------------------------------------


def full_units(runs: list[RepoRun]) -> list[Unit]:
    """The repositories' units with their sources and contexts, sharded again."""
    return [
        u
        for run in runs
        for path, text in sorted(run.sources.items())
        for u in shard_file(SourceFile(run.name, path, len(text), "", text)).units
    ]


def time_translation(engine: Engine, units: list[Unit], repeat: int) -> dict:
    """Per-unit translation time, in-process on one CPU: a warm-up pass, then ``repeat``
    passes; a unit's time is the median of its timed passes."""
    pinned = _pin_one_cpu()
    try:
        cold = {u.id: _time_one(engine, u) for u in units}
        runs: dict[str, list[float]] = defaultdict(list)
        for _ in range(max(1, repeat)):
            for unit in units:
                runs[unit.id].append(_time_one(engine, unit))
    finally:
        _unpin(pinned)
    warm = {uid: statistics.median(ts) for uid, ts in runs.items()}
    oks = {u.id: engine.translate(u).ok for u in units}
    functions = [u.id for u in units if u.kind == "function"]
    return {
        "pinned_to_cpu": sorted(pinned[1]) if pinned else None,
        "passes": max(1, repeat),
        "headline_over": "units of kind function (accepted and refused)",
        "functions": _dist([warm[i] for i in functions]),
        "functions_accepted": _dist([warm[i] for i in functions if oks[i]]),
        "functions_refused": _dist([warm[i] for i in functions if not oks[i]]),
        "all_units": _dist(list(warm.values())),
        "cold_first_pass": _dist([cold[i] for i in functions]),
        "slowest": [
            {"unit": uid, "ms": round(warm[uid] * 1e3, 3)}
            for uid in sorted(warm, key=warm.__getitem__, reverse=True)[:5]
        ],
        "_per_unit_s": warm,  # removed before writing
    }


def _time_one(engine: Engine, unit: Unit) -> float:
    start = time.perf_counter()
    engine.translate(unit)
    return time.perf_counter() - start


def _pin_one_cpu() -> tuple[set[int], set[int]] | None:
    """Restrict this process to one CPU (the last it may use); returns (before, now)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    now = {max(before)}
    try:
        os.sched_setaffinity(0, now)
    except OSError:
        return None
    return before, now


def _unpin(pinned: tuple[set[int], set[int]] | None) -> None:
    if pinned:
        os.sched_setaffinity(0, pinned[0])


def _dist(seconds: list[float]) -> dict:
    if not seconds:
        return {"n": 0}
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1e3, 4),
        "p95_ms": round(p95 * 1e3, 4),
        "mean_ms": round(statistics.fmean(ordered) * 1e3, 4),
        "max_ms": round(ordered[-1] * 1e3, 4),
        "total_s": round(sum(ordered), 4),
    }


# -- clippy ----------------------------------------------------------------------------------

_UNIT_COMMENT = re.compile(r"^\s*// (\S+?)::(\S+) \(lines \d+-\d+\)$")


def clippy(files: dict[str, str], timeout_s: float = 600) -> dict:
    """``cargo clippy --offline`` on a crate; warnings by lint, by file kind and by unit."""
    try:
        cargo = find_tool("cargo")
    except RuntimeError as exc:
        return {"error": str(exc)}
    with tempfile.TemporaryDirectory(prefix="bench-corpus-clippy-") as tmp:
        root = Path(tmp) / "crate"
        write_tree(root, files)
        env = {
            **os.environ,
            "CARGO_TARGET_DIR": str(Path(tmp) / "target"),
            "PATH": os.path.dirname(cargo) + os.pathsep + os.environ.get("PATH", ""),
        }
        start = time.perf_counter()
        proc = subprocess.run(
            [cargo, "clippy", "--offline", "--message-format=json"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            stdin=subprocess.DEVNULL,
        )
        took = time.perf_counter() - start
    warnings: list[tuple[str, str, str, int]] = []
    errors = 0
    for line in proc.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        m = msg["message"]
        if m.get("level") == "error":
            errors += 1
        if m.get("level") != "warning" or not m.get("code"):
            continue  # "N warnings emitted" summaries have no code
        span = next((s for s in m.get("spans", []) if s.get("is_primary")), None)
        warnings.append(
            (
                m["code"]["code"],
                m.get("message", ""),
                span["file_name"] if span else "",
                span["line_start"] if span else 0,
            )
        )
    if proc.returncode != 0 and not warnings and not errors:
        return {"error": (proc.stderr.strip() or "cargo clippy failed")[-MESSAGE_CHARS:]}
    by_lint = Counter(w[0] for w in warnings)
    runtime = [w for w in warnings if w[2].endswith("pyrt.rs")]
    by_unit = Counter(
        _unit_at(files, f, line) for _, _, f, line in warnings if not f.endswith("pyrt.rs")
    )
    examples: dict[str, str] = {}
    for lint, message, file, at in warnings:
        where = file if file.endswith("pyrt.rs") else _unit_at(files, file, at)
        examples.setdefault(lint, f"{where} ({file}:{at}): {message}")
    return {
        "exit_code": proc.returncode,
        "errors": errors,
        "seconds": round(took, 2),
        "warnings": len(warnings),
        "warnings_generated_modules": len(warnings) - len(runtime),
        "warnings_runtime": len(runtime),
        "by_lint": [
            {"lint": k, "count": n, "example": examples[k]} for k, n in by_lint.most_common()
        ],
        "top_units": [{"unit": u, "warnings": n} for u, n in by_unit.most_common(10)],
    }


def _unit_at(files: dict[str, str], file: str, line: int) -> str:
    """The unit whose ``// path::qualname (lines a-b)`` comment precedes ``file:line``."""
    lines = files.get(file, "").splitlines()
    for text in reversed(lines[: max(0, line)]):
        if m := _UNIT_COMMENT.match(text):
            return f"{m.group(1)}::{m.group(2)}"
    return file


# -- one section (corpus, or the examples) ---------------------------------------------------


def section(runs: list[RepoRun], engine: Engine, repeat: int, with_clippy: bool) -> dict:
    """Every figure for a set of repositories measured together."""
    records = [r for run in runs for r in run.result.records]
    unit_rows = [r for r in records if r.kind != "file"]
    file_rows = [r for r in records if r.kind == "file"]
    fns: dict[tuple[str, str, str], int] = {}
    for run in runs:
        for (path, name), n in functions_per_unit(run.sources).items():
            fns[(run.name, path, name)] = n
    counts = Counter(str(r.status) for r in unit_rows)
    fn_counts: Counter[str] = Counter()
    for r in unit_rows:
        fn_counts[str(r.status)] += fns.get((r.repo, r.path, r.qualname), 1)
    n_units, n_fns = len(unit_rows), sum(fn_counts.values())
    verified = counts.get(Status.VERIFIED, 0)

    units = full_units(runs)  # partition outputs carry lightened units (no source)
    timing = time_translation(engine, units, repeat)
    per_unit = timing.pop("_per_unit_s")
    translate_total = sum(per_unit.values())
    verify_s = sum(p.verify_s for run in runs for p in run.parts)
    compile_s = sum(p.compile_s for run in runs for p in run.parts)
    tested = sum(
        counts.get(s, 0)
        for s in (
            Status.VERIFIED,
            Status.MISMATCH,
            Status.OVERFLOW,
            Status.UNTESTED,
            Status.TIMEOUT,
        )
    )
    verified_ids = {r.unit_id for r in unit_rows if r.status == Status.VERIFIED}
    translate_verified = sum(per_unit.get(i, 0.0) for i in verified_ids)

    out = {
        "repos": [run.name for run in runs],
        "units": n_units,
        "functions_incl_methods": n_fns,
        "units_by_kind": dict(Counter(r.kind for r in unit_rows)),
        "status_counts": {
            s.value: counts.get(s.value, 0)
            for s in Status
            if counts.get(s.value, 0) or s.value in _MAIN_STATUSES
        },
        "status_counts_functions_incl_methods": dict(sorted(fn_counts.items())),
        "verified_share": round(verified / n_units, 4) if n_units else None,
        "verified_share_functions_incl_methods": round(fn_counts.get(Status.VERIFIED, 0) / n_fns, 4)
        if n_fns
        else None,
        "files_without_units": [
            {"path": f"{r.repo}:{r.path}", "status": str(r.status), "reason": r.reason}
            for r in file_rows
        ],
        "mismatches": [_mismatch(r) for r in unit_rows if r.status == Status.MISMATCH],
        "mismatch_causes": _mismatch_causes([r for r in unit_rows if r.status == Status.MISMATCH]),
        "overflows": [_mismatch(r) for r in unit_rows if r.status == Status.OVERFLOW],
        "compile_errors": [
            _compile_error(r) for r in unit_rows if r.status == Status.COMPILE_ERROR
        ],
        "internal_errors": [
            _row(r) | {"reason": r.reason[-MESSAGE_CHARS:]}
            for r in unit_rows
            if r.status == Status.INTERNAL_ERROR
        ],
        "timeouts": [
            _row(r) | {"reason": r.reason[:MESSAGE_CHARS]}
            for r in unit_rows
            if r.status == Status.TIMEOUT
        ],
        "refusal_codes": _reasons(
            [r for r in unit_rows if r.status == Status.UNSUPPORTED], by_code=True
        ),
        "refusal_messages": _reasons(
            [r for r in unit_rows if r.status == Status.UNSUPPORTED], by_code=False
        ),
        "untested_reasons": _reasons(
            [r for r in unit_rows if r.status == Status.UNTESTED], by_code=False
        ),
        "translate_time": timing,
        "pipeline_seconds": {
            "stages_wall_s": round(sum(run.seconds for run in runs), 2),
            "translate_in_pipeline_s": round(sum(r.translate_s for r in unit_rows), 4),
            "compile_check_s": round(compile_s, 2),
            "verify_s": round(verify_s, 2),
        },
        "verification": {
            "examples_per_function": None,  # filled in by measure()
            "units_tested": tested,
            "verify_wall_s": round(verify_s, 2),
            "seconds_per_verified_unit": round(verify_s / verified, 4) if verified else None,
            "seconds_per_tested_unit": round(verify_s / tested, 4) if tested else None,
            "translate_s_all_units": round(translate_total, 4),
            "ratio_verify_to_translate_all_units": round(verify_s / translate_total, 1)
            if translate_total
            else None,
            "ratio_per_verified_unit": round(verify_s / translate_verified, 1)
            if translate_verified
            else None,
            "ratio_note": "verify wall s / warm in-process translate s; all_units: every "
            "unit's translation; per_verified_unit: only the verified units'",
        },
    }
    if with_clippy:
        out["clippy"] = _clippy_all(
            runs, len(verified_ids), n_compiled=sum(1 for r in unit_rows if r.status in _COMPILED)
        )
    return out


_MAIN_STATUSES = {
    "verified",
    "mismatch",
    "overflow",
    "untested",
    "timeout",
    "compile_error",
    "unsupported",
}
_COMPILED = {
    Status.VERIFIED,
    Status.MISMATCH,
    Status.OVERFLOW,
    Status.UNTESTED,
    Status.TIMEOUT,
    Status.COMPILED,
}


def _clippy_all(runs: list[RepoRun], verified: int, n_compiled: int) -> dict:
    per_repo = {run.name: clippy(run.result.files) for run in runs}
    ok = [c for c in per_repo.values() if "error" not in c]
    lints: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for c in ok:
        for item in c["by_lint"]:
            lints[item["lint"]] += item["count"]
            examples.setdefault(item["lint"], item["example"])
    total = sum(c["warnings"] for c in ok)
    generated = sum(c["warnings_generated_modules"] for c in ok)

    def per100(n: int) -> float | None:
        return round(100 * n / n_compiled, 2) if n_compiled else None

    return {
        "compiled_units": n_compiled,
        "warnings": total,
        "warnings_per_100_compiled_units": per100(total),
        "warnings_generated_modules_per_100": per100(generated),
        "warnings_runtime": total - generated,
        "runtime_note": "src/pyrt.rs carries #![allow(dead_code, clippy::all)]: its clippy "
        "lints are silenced, so warnings_runtime counts rustc lints only",
        "errors": sum(c["errors"] for c in ok),
        "by_lint": [
            {"lint": k, "count": n, "example": examples[k]} for k, n in lints.most_common()
        ],
        "top_units": sorted(
            (
                u | {"repo": name}
                for name, c in per_repo.items()
                if "error" not in c
                for u in c["top_units"]
            ),
            key=lambda u: -u["warnings"],
        )[:10],
        "per_repo": {
            name: (
                {"warnings": c["warnings"], "seconds": c["seconds"], "exit_code": c["exit_code"]}
                if "error" not in c
                else c
            )
            for name, c in per_repo.items()
        },
    }


def _row(r: UnitRecord) -> dict:
    return {"unit": f"{r.repo}:{r.path}::{r.qualname}", "lines": f"{r.first_line}-{r.last_line}"}


def _mismatch(r: UnitRecord) -> dict:
    return _row(r) | {
        "inputs": r.mismatch_inputs[:MESSAGE_CHARS],
        "python": r.mismatch_expected[:MESSAGE_CHARS],
        "rust": r.mismatch_actual[:MESSAGE_CHARS],
        "matched": f"{r.inputs_matched}/{r.inputs_tried}",
        "reason": r.reason[:MESSAGE_CHARS],
    }


_PANIC = re.compile(r"^raised panic: ([^'\"\n]*)")


def _mismatch_causes(rows: list[UnitRecord]) -> list[dict]:
    """Mismatches grouped by what the Rust side did: the panic's message (names and numbers
    cut off), or "wrong value" when it returned something else than Python."""
    groups: dict[str, list[UnitRecord]] = defaultdict(list)
    for r in rows:
        m = _PANIC.match(r.mismatch_actual)
        if m:
            key = "panic: " + _NUMBER.sub("N", m.group(1).strip())[:70]
        elif r.mismatch_expected.startswith("raised"):
            key = "python raised, rust returned"
        else:
            key = "wrong value" if r.mismatch_actual else (r.reason[:80] or "no detail")
        groups[key].append(r)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [
        {"cause": k, "count": len(rs), "units": [f"{r.path}::{r.qualname}" for r in rs]}
        for k, rs in ranked
    ]


def _compile_error(r: UnitRecord) -> dict:
    return _row(r) | {"codes": r.codes, "message": r.reason[:MESSAGE_CHARS]}


_UNIT_PREFIX = re.compile(r"^[A-Za-z_][\w.]*: ")  # "count_paths: all 46 inputs dropped..."
_LINE_NO = re.compile(r"^(PT\d+ )?line \d+: ")
_NUMBER = re.compile(r"\b\d+\b")


def _reasons(rows: list[UnitRecord], by_code: bool) -> list[dict]:
    """Group rows by diagnostic code, or by message with names and numbers blanked out."""
    groups: dict[str, list[UnitRecord]] = defaultdict(list)
    for r in rows:
        first = r.reason.split("; ")[0]
        if by_code:
            key = r.codes[0] if r.codes else "(no code)"
        else:
            key = _NUMBER.sub("N", _LINE_NO.sub(r"\1", _UNIT_PREFIX.sub("", first)))[:200]
        groups[key].append(r)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [
        {
            ("code" if by_code else "reason"): key,
            "count": len(rs),
            "example": rs[0].reason.split("; ")[0][:MESSAGE_CHARS],
            "units": [f"{r.path}::{r.qualname}" for r in rs[:EXAMPLES_PER_REASON]],
        }
        for key, rs in ranked[:TOP]
    ]


# -- the whole benchmark ---------------------------------------------------------------------


def measure(
    corpus: list[Path],
    examples: list[Path],
    examples_per_function: int = 50,
    repeat: int = 5,
    with_clippy: bool = True,
    command: str = "",
    crate_dir: str | None = None,
) -> dict:
    """Run the stages on ``corpus`` (one repository per path; normally tests/corpus) and on
    ``examples``, and return the benchmark's JSON object."""
    started = time.perf_counter()
    config = load_config(None).with_overrides(verify__examples_per_function=examples_per_function)
    engine = get_engine(config.engine)
    result: dict = {
        "benchmark": "bench_corpus",
        "command": command or ".venv/bin/python benchmarks/bench_corpus.py",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine": f"{engine.name}@{engine.version}",
        "config": {
            "examples_per_function": examples_per_function,
            "seed": config.verify.seed,
            "call_timeout_s": config.verify.call_timeout_s,
            "translate_repeat": repeat,
            "cache": None,
            "partitions_per_repo": 1,
        },
        "machine": machine(),
        "git": git_facts(),
    }
    for name, roots in (("corpus", corpus), ("examples", examples)):
        if not roots:
            continue
        runs = run_repos(roots, config)
        if crate_dir:
            for run in runs:
                write_tree(Path(crate_dir) / run.name, run.result.files)
        sec = section(runs, engine, repeat, with_clippy)
        sec["verification"]["examples_per_function"] = examples_per_function
        result[name] = sec
    if "corpus" in result:
        result["bars"] = bars(result["corpus"])
    result["benchmark_seconds"] = round(time.perf_counter() - started, 1)
    with contextlib.suppress(OSError):
        result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def bars(sec: dict) -> dict:
    values = {
        "verified_share": sec["verified_share"],
        "mismatch": sec["status_counts"].get("mismatch", 0),
        "compile_error": sec["status_counts"].get("compile_error", 0),
        "translate_median_ms": sec["translate_time"]["functions"].get("median_ms"),
    }
    out = {}
    for name, (op, limit) in BARS.items():
        v = values[name]
        met = v is not None and {">=": v >= limit, "<=": v <= limit, "==": v == limit}[op]
        out[name] = {"value": v, "bar": f"{op} {limit}", "met": met}
    return out


def machine() -> dict:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        clippy_v = subprocess.run(
            [find_tool("cargo"), "clippy", "--version"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
    except (RuntimeError, OSError, subprocess.SubprocessError):
        clippy_v = "unavailable"
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": usable,
        "loadavg_at_start": load,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "rustc": rustc_version(),
        "clippy": clippy_v,
        "portalis": __version__,
    }


def git_facts() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = git("status", "--porcelain", "--", "pipeline")
    diff = git("diff", "HEAD", "--", "pipeline") if dirty else ""
    return {
        "commit": git("rev-parse", "HEAD") or None,
        "branch": git("rev-parse", "--abbrev-ref", "HEAD") or None,
        "pipeline_dirty": bool(dirty),
        "pipeline_changes": dirty.splitlines()[:20],
        "pipeline_diff_sha256": hashlib.sha256(diff.encode()).hexdigest()[:16] if dirty else None,
    }


def summary(result: dict) -> str:
    lines = [
        f"engine {result['engine']}  commit {str(result['git']['commit'])[:10]}"
        f"{' (pipeline/ modified)' if result['git']['pipeline_dirty'] else ''}  "
        f"{result['machine']['cpus']} cpus  {result['machine']['rustc']}"
    ]
    for name in ("corpus", "examples"):
        sec = result.get(name)
        if not sec:
            continue
        counts = ", ".join(f"{k} {v}" for k, v in sec["status_counts"].items())
        t = sec["translate_time"]["functions"]
        v = sec["verification"]
        lines.append(
            f"{name}: {sec['units']} units ({sec['functions_incl_methods']} functions "
            f"incl. methods): {counts}"
        )
        lines.append(
            f"  verified share {sec['verified_share']:.1%} of units "
            f"({sec['verified_share_functions_incl_methods']:.1%} of functions)"
            if sec["verified_share"] is not None
            else "  no units"
        )
        lines.append(
            f"  translate per function: median {t.get('median_ms')} ms, "
            f"p95 {t.get('p95_ms')} ms (n={t.get('n')}, one cpu)"
        )
        lines.append(
            f"  verify {v['verify_wall_s']} s = {v['seconds_per_verified_unit']} s per "
            "verified unit; verify/translate ratio "
            f"{v['ratio_verify_to_translate_all_units']}"
            f" (verified units only: {v['ratio_per_verified_unit']})"
        )
        if "clippy" in sec:
            c = sec["clippy"]
            top = ", ".join(f"{x['lint']} {x['count']}" for x in c["by_lint"][:4])
            lines.append(
                f"  clippy {c['warnings']} warnings = "
                f"{c['warnings_per_100_compiled_units']} per 100 compiled units "
                f"({c['warnings_runtime']} in runtime): {top}"
            )
        refusals = ", ".join(f"{x['code']} {x['count']}" for x in sec["refusal_codes"][:6])
        lines.append(f"  refusals: {refusals}")
        for m in sec["mismatches"][:SHOWN]:
            lines.append(
                f"  MISMATCH {m['unit']}: {m['inputs'][:60]} -> python "
                f"{m['python'][:50]} | rust {m['rust'][:70]}"
            )
        for c in sec["compile_errors"][:SHOWN]:
            lines.append(f"  COMPILE_ERROR {c['unit']}: {c['message'][:140]}")
        more = max(0, len(sec["mismatches"]) - SHOWN) + max(0, len(sec["compile_errors"]) - SHOWN)
        if more:
            lines.append(f"  ... {more} more in the JSON")
    if "bars" in result:
        lines.append(
            "bars: "
            + ", ".join(
                f"{k} {b['value']} ({b['bar']}: {'met' if b['met'] else 'NOT met'})"
                for k, b in result["bars"].items()
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples-per-function",
        type=int,
        default=50,
        help="generated inputs per entry point (doctests come on top)",
    )
    parser.add_argument("--out", default=str(RESULTS), help="JSON file to write")
    parser.add_argument("--repeat", type=int, default=5, help="timed translation passes")
    parser.add_argument(
        "--corpus",
        action="append",
        default=None,
        help="repository to measure instead of tests/corpus (repeatable)",
    )
    parser.add_argument("--no-examples", action="store_true", help="skip examples/")
    parser.add_argument("--no-clippy", action="store_true", help="skip cargo clippy")
    parser.add_argument(
        "--crate-dir",
        default=None,
        help="also write each repository's final crate under DIR/<repo>",
    )
    args = parser.parse_args(argv)
    corpus = [Path(p) for p in args.corpus] if args.corpus else [CORPUS]
    result = measure(
        corpus,
        [] if args.no_examples else EXAMPLES,
        examples_per_function=args.examples_per_function,
        repeat=args.repeat,
        with_clippy=not args.no_clippy,
        crate_dir=args.crate_dir,
        command=" ".join(
            [
                ".venv/bin/python benchmarks/bench_corpus.py",
                *(sys.argv[1:] if argv is None else argv),
            ]
        ),
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(result))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
