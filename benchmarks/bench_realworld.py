"""The pipeline on real packages it was never tuned on: pinned PyPI sdists, two fixed halves.

    .venv/bin/python benchmarks/bench_realworld.py [--cache-dir DIR] [--out FILE]
                                                   [--examples-per-function N] [--repeat R]
                                                   [--package NAME ...] [--fetch-only]
                                                   [--group NAME]

The packages are listed, with their pinned versions and sha256, in
``benchmarks/realworld/packages.json``: pure-Python sdists that ship their own tests, chosen for
variety (iterator tools, functional helpers, caches, date, number and text utilities, version
parsing). The script fetches each with ``pip download`` into a cache directory (default
``benchmarks/realworld/cache``, ignored by git; ``--cache-dir`` or ``PORTALIS_REALWORLD_CACHE``
to move it), checks the sha256 and unpacks it there (the archive extraction the pipeline uses).

Each unpacked sdist is one repository, run as a user's run would run it (default
configuration: library scope, verification on) by the pipeline's own stages in this process,
no Dask and no cache (``run_packages``): its own tests run traced
(``tracing.trace_repository``, timed apart; ``--no-trace`` skips it), ``process_partition``
over its files as one partition with the calls they made, then ``finalize_repo``. Only the
**library** units are measured: those in the files of the import packages the list names
(test directories inside them excluded); other units are counted apart.

Every library unit goes to the development or the held-out half by a fixed hash of its
qualified name (``sha256("<package>:<module>.<qualname>")``, the module named from the import
root, so a change in how the pipeline names modules moves no unit): held-out when the first
eight hex digits are odd. Both halves are reported in every run: units, functions incl.
methods, statuses (verified, mismatch, compile_error, overflow, untested, ...), refusals by
diagnostic code and by message, the untested reasons, and the median translation time (the
engine called in-process on one CPU, warm, as bench_corpus times it; verification excluded).
Never change the engine for one held-out unit: look at the development half's refusals.

The list puts every package in a **group**, measured and reported on its own (``--group``,
default ``libraries``: the nine libraries that ship tests; ``algorithmic``: packages of small,
mostly untyped algorithmic and utility functions, the kind of code issue 12's held-out sets
hold). Each group has its own development and held-out halves, by the same fixed hash.

Writes JSON (default ``benchmarks/results/realworld.json`` for ``libraries``,
``benchmarks/results/realworld_<group>.json`` for another group) and prints a summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bench_corpus import (
    RepoRun,
    _compile_error,
    _mismatch,
    _reasons,
    full_units,
    functions_per_unit,
    git_facts,
    machine,
    time_translation,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import RunConfig, load_config  # noqa: E402
from pipeline.records import Status, UnitRecord  # noqa: E402
from pipeline.sources import archives, discover_repo, resolve_sources  # noqa: E402
from pipeline.stages import finalize_repo, process_partition  # noqa: E402
from pipeline.tracing import trace_repository  # noqa: E402
from pipeline.translate import get_engine  # noqa: E402
from pipeline.verify.trace import Traced  # noqa: E402

PACKAGES = ROOT / "benchmarks" / "realworld" / "packages.json"
CACHE = Path(os.environ.get("PORTALIS_REALWORLD_CACHE", ROOT / "benchmarks/realworld/cache"))
RESULTS = ROOT / "benchmarks" / "results" / "realworld.json"
HALVES = ("development", "held_out")
DEFAULT_GROUP = "libraries"
TEST_PARTS = frozenset({"test", "tests", "testing"})
SHOWN = 10


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    kind: str
    sha256: str
    root: str  # directory holding the import packages ("" or "src")
    library: tuple[str, ...]  # import packages or modules under root
    group: str = DEFAULT_GROUP  # measured and reported apart from the other groups

    @property
    def sdist(self) -> str:
        return f"{self.name}-{self.version}.tar.gz"

    @property
    def dirname(self) -> str:
        return f"{self.name}-{self.version}"


def load_packages(path: Path = PACKAGES) -> list[Package]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Package(
            p["name"],
            p["version"],
            p["kind"],
            p["sha256"],
            p["root"],
            tuple(p["library"]),
            p.get("group", DEFAULT_GROUP),
        )
        for p in data["packages"]
    ]


def results_path(group: str) -> Path:
    return RESULTS if group == DEFAULT_GROUP else RESULTS.with_name(f"realworld_{group}.json")


# -- fetching --------------------------------------------------------------------------------


def fetch(pkg: Package, cache: Path) -> Path:
    """The unpacked sdist's directory, downloading and unpacking it on first use."""
    unpacked = cache / "src" / pkg.dirname
    tree = unpacked / pkg.dirname
    if tree.is_dir():
        return tree
    archive = cache / "sdists" / pkg.sdist
    if not archive.is_file() or _sha256(archive) != pkg.sha256:
        _download(pkg, archive)
    with tempfile.TemporaryDirectory(prefix="realworld-", dir=cache) as tmp:
        with archive.open("rb") as fh:
            rejected = archives.extract(fh, str(archive), Path(tmp) / pkg.dirname)
        if rejected:
            raise RuntimeError(f"{pkg.sdist}: members refused by extraction: {rejected[:3]}")
        unpacked.parent.mkdir(parents=True, exist_ok=True)
        os.replace(Path(tmp) / pkg.dirname, unpacked)
    if not tree.is_dir():
        raise RuntimeError(f"{pkg.sdist} has no top-level directory {pkg.dirname}/")
    return tree


def _download(pkg: Package, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="realworld-dl-", dir=archive.parent) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        cmd += ["--no-binary", ":all:", "--dest", tmp, f"{pkg.name}=={pkg.version}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        got = Path(tmp) / pkg.sdist
        if proc.returncode != 0 or not got.is_file():
            raise RuntimeError(f"pip download {pkg.name}=={pkg.version} failed: {proc.stderr}")
        if (digest := _sha256(got)) != pkg.sha256:
            raise RuntimeError(f"{pkg.sdist}: sha256 {digest}, pinned {pkg.sha256}")
        shutil.move(got, archive)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- which units are measured, and in which half ---------------------------------------------


def library_module(pkg: Package, path: str) -> str | None:
    """Dotted module name of a repository file counted as library code, from the import
    root; None for every other file (tests, docs, build scripts, test dirs in a package)."""
    parts = PurePosixPath(path).parts
    root = PurePosixPath(pkg.root).parts if pkg.root else ()
    if parts[: len(root)] != root or not path.endswith(".py"):
        return None
    rel = list(parts[len(root) :])
    rel[-1] = rel[-1].removesuffix(".py")
    top = rel[0]
    if top not in pkg.library or TEST_PARTS & set(rel[:-1]) or rel[-1].startswith("test_"):
        return None
    if rel[-1] == "__init__" and len(rel) > 1:
        rel.pop()
    return ".".join(rel)


def half(pkg: Package, module: str, qualname: str) -> str:
    digest = hashlib.sha256(f"{pkg.name}:{module}.{qualname}".encode()).hexdigest()
    return HALVES[int(digest[:8], 16) % 2]


# -- figures ---------------------------------------------------------------------------------


def run_packages(trees: list[Path], config: RunConfig, trace: bool) -> list[tuple[RepoRun, float]]:
    """Each unpacked sdist through the stages in-process, no cache, as a run would: discover
    (library scope), one partition, its tests traced (timed apart; ``trace`` off: not run),
    finalize with their calls. (run, tracing seconds) per package."""
    out: list[tuple[RepoRun, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-realworld-") as tmp:
        for repo in resolve_sources([str(t) for t in trees], Path(tmp)):
            found = discover_repo(repo, config.exclude, config.scope)
            traced, trace_s = Traced(), 0.0
            if trace and found.tests:
                start = time.perf_counter()
                library = [(f.path, f.module) for f in found.files if f.module]
                traced = trace_repository(
                    repo.root, found.layout.root, library, found.tests, config
                )
                trace_s = time.perf_counter() - start
            start = time.perf_counter()
            part = process_partition(found.files, config, cache=None, traced=traced)
            result = finalize_repo(repo.name, config, None, part, traced=traced)
            staged = time.perf_counter() - start
            sources = {ref.path: Path(ref.url).read_text(encoding="utf-8") for ref in found.files}
            out.append((RepoRun(repo.name, [part], result, sources, staged), trace_s))
    return out


def half_figures(rows: list[UnitRecord], fns: dict, per_unit_s: dict[str, float]) -> dict:
    counts = Counter(str(r.status) for r in rows)
    fn_counts: Counter[str] = Counter()
    for r in rows:
        fn_counts[str(r.status)] += fns.get((r.repo, r.path, r.qualname), 1)
    n, n_fns = len(rows), sum(fn_counts.values())
    refused = [r for r in rows if r.status == Status.UNSUPPORTED]
    times = [per_unit_s[r.unit_id] for r in rows if r.unit_id in per_unit_s]
    fn_times = [
        per_unit_s[r.unit_id] for r in rows if r.kind == "function" and r.unit_id in per_unit_s
    ]
    return {
        "units": n,
        "units_by_kind": dict(sorted(Counter(r.kind for r in rows).items())),
        "functions_incl_methods": n_fns,
        "status_counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        "verified": counts.get(Status.VERIFIED, 0),
        "verified_share": round(counts.get(Status.VERIFIED, 0) / n, 4) if n else None,
        "verified_share_functions_incl_methods": round(fn_counts.get(Status.VERIFIED, 0) / n_fns, 4)
        if n_fns
        else None,
        "mismatch": counts.get(Status.MISMATCH, 0),
        "compile_error": counts.get(Status.COMPILE_ERROR, 0),
        "overflow": counts.get(Status.OVERFLOW, 0),
        "untested": counts.get(Status.UNTESTED, 0),
        "refused": len(refused),
        "refused_by_code": {x["code"]: x["count"] for x in _reasons(refused, by_code=True)},
        "refusal_messages": _reasons(refused, by_code=False),
        "untested_reasons": _reasons(
            [r for r in rows if r.status == Status.UNTESTED], by_code=False
        ),
        "mismatches": [_mismatch(r) for r in rows if r.status == Status.MISMATCH],
        "overflows": [_mismatch(r) for r in rows if r.status == Status.OVERFLOW],
        "compile_errors": [_compile_error(r) for r in rows if r.status == Status.COMPILE_ERROR],
        "verified_units": sorted(
            f"{r.repo}:{r.path}::{r.qualname}" for r in rows if r.status == Status.VERIFIED
        ),
        "translate_median_ms_functions": _median_ms(fn_times),
        "translate_median_ms_units": _median_ms(times),
    }


def _median_ms(seconds: list[float]) -> float | None:
    return round(statistics.median(seconds) * 1e3, 4) if seconds else None


def measure(
    packages: list[Package], cache: Path, examples: int, repeat: int, trace: bool = True
) -> dict:
    started = time.perf_counter()
    config = load_config(None).with_overrides(verify__examples_per_function=examples)
    engine = get_engine(config.engine)
    trees = {p.dirname: fetch(p, cache) for p in packages}
    by_repo = {p.dirname: p for p in packages}
    done = run_packages([trees[p.dirname] for p in packages], config, trace)
    runs = [run for run, _ in done]
    fns: dict = {}
    for run in runs:
        for (path, name), count in functions_per_unit(run.sources).items():
            fns[(run.name, path, name)] = count
    halves: dict[str, list[UnitRecord]] = {h: [] for h in HALVES}
    outside: Counter[str] = Counter()
    per_package: dict[str, dict[str, Counter]] = {}
    for run in runs:
        pkg = by_repo[run.name]
        per_package[pkg.name] = {h: Counter() for h in HALVES}
        for r in run.result.records:
            if r.kind == "file":
                continue
            module = library_module(pkg, r.path)
            if module is None:
                outside[str(r.status)] += 1
                continue
            h = half(pkg, module, r.qualname)
            halves[h].append(r)
            per_package[pkg.name][h][str(r.status)] += 1
    library_ids = {r.unit_id for rows in halves.values() for r in rows}
    units = [u for u in full_units(runs) if u.id in library_ids]
    timing = time_translation(engine, units, repeat)
    per_unit_s = timing.pop("_per_unit_s")
    return {
        "benchmark": "bench_realworld",
        "group": packages[0].group if packages else DEFAULT_GROUP,
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine": f"{engine.name}@{engine.version}",
        "config": {
            "examples_per_function": examples,
            "seed": config.verify.seed,
            "translate_repeat": repeat,
            "cache": None,
            "partitions_per_repo": 1,
            "split": "sha256('<package>:<module>.<qualname>'), first 8 hex digits odd: held_out",
            "trace_tests": trace,
        },
        "packages": [
            {"name": p.name, "version": p.version, "kind": p.kind, "sha256": p.sha256}
            for p in packages
        ],
        "machine": machine(),
        "git": git_facts(),
        "halves": {h: half_figures(rows, fns, per_unit_s) for h, rows in halves.items()},
        "per_package": {
            name: {h: dict(sorted(c.items())) for h, c in hs.items()}
            for name, hs in per_package.items()
        },
        "non_library_units": dict(sorted(outside.items())),
        "translate_time_all_library_units": timing,
        "pipeline_seconds": {
            "stages_wall_s": round(sum(run.seconds for run in runs), 2),
            "verify_s": round(sum(p.verify_s for run in runs for p in run.parts), 2),
            "trace_tests_s": round(sum(t for _, t in done), 2),
        },
        "traces": {run.name: run.result.trace_note for run in runs if run.result.trace_note},
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }


def summary(result: dict) -> str:
    git = result["git"]
    lines = [
        f"{result['engine']}  group {result['group']}  commit {str(git['commit'])[:10]}"
        f"{' (pipeline/ modified)' if git['pipeline_dirty'] else ''}  "
        f"{len(result['packages'])} packages  {result['benchmark_seconds']} s"
    ]
    for name, sec in result["halves"].items():
        share = sec["verified_share"]
        codes = ", ".join(f"{k} {v}" for k, v in list(sec["refused_by_code"].items())[:6])
        lines += [
            f"{name}: {sec['units']} units ({sec['functions_incl_methods']} functions incl. "
            f"methods): verified {sec['verified']} ({share:.1%}), refused {sec['refused']}, "
            f"mismatch {sec['mismatch']}, compile_error {sec['compile_error']}, "
            f"overflow {sec['overflow']}, untested {sec['untested']}"
            if share is not None
            else f"{name}: no units",
            f"  refused by cause: {codes}",
            f"  translate median {sec['translate_median_ms_functions']} ms per function",
        ]
        for r in sec["untested_reasons"][:3]:
            lines.append(f"  untested {r['count']}: {r['reason'][:110]}")
        for m in sec["mismatches"][:SHOWN]:
            lines.append(f"  MISMATCH {m['unit']}: {m['inputs'][:60]} -> {m['python'][:40]}")
        for c in sec["compile_errors"][:SHOWN]:
            lines.append(f"  COMPILE_ERROR {c['unit']}: {c['message'][:120]}")
    lines.append(f"non-library units (not measured): {result['non_library_units']}")
    for name, note in result.get("traces", {}).items():
        lines.append(f"tests traced, {name}: {note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", default=str(CACHE), help="sdists and unpacked trees")
    parser.add_argument("--group", default=DEFAULT_GROUP, help="the group of packages to run")
    parser.add_argument("--out", help="JSON file (default results/realworld[_GROUP].json)")
    parser.add_argument("--examples-per-function", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="timed translation passes")
    parser.add_argument("--package", action="append", help="only these packages (repeatable)")
    parser.add_argument("--fetch-only", action="store_true", help="download and unpack, stop")
    parser.add_argument("--no-trace", action="store_true", help="do not run the packages' tests")
    args = parser.parse_args(argv)
    packages = [p for p in load_packages() if p.group == args.group]
    if not packages:
        parser.error(f"no package of group {args.group!r} in {PACKAGES.name}")
    if args.package:
        unknown = set(args.package) - {p.name for p in packages}
        if unknown:
            parser.error(f"not in group {args.group}: {', '.join(sorted(unknown))}")
        packages = [p for p in packages if p.name in args.package]
    cache = Path(args.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    if args.fetch_only:
        for p in packages:
            print(f"{p.name} {p.version}: {fetch(p, cache)}")
        return 0
    result = measure(
        packages, cache, args.examples_per_function, args.repeat, trace=not args.no_trace
    )
    result["command"] = " ".join(
        [
            ".venv/bin/python benchmarks/bench_realworld.py",
            *(sys.argv[1:] if argv is None else argv),
        ]
    )
    out = Path(args.out) if args.out else results_path(args.group)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(result))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
