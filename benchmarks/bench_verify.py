"""Speed of differential verification: verify_crate on a synthetic crate of 50 functions.

    .venv/bin/python benchmarks/bench_verify.py [--examples 50] [--repeat 3]

The crate has 5 modules of 10 hand-written, correct translations (ints, floats, str, lists,
sets, dicts through PyDict, Optional, a mut parameter), so every function should come out
`verified`. Measures the whole verify_crate call (planning, the Python sandbox, rustc for the
rlib and the harness, running it, comparing). The first run draws the inputs (hypothesis,
the slowest part); later runs in the same process reuse the cached draws, as a long-lived
Dask worker does. Writes benchmarks/results/verify.json with seconds per verified function,
cold (first run) and warm (best later run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.records import Status  # noqa: E402
from pipeline.verify import VerifyOptions, verify_crate  # noqa: E402
from tests.verify.crates import Fixture, sig  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "verify.json"

# (python body template, rust body template, params, returns); {k} is a per-copy constant.
TEMPLATES = [
    (
        "def f(x: int) -> int:\n    return x * {k} + 1\n",
        "pub fn f(x: i64) -> i64 {{ x * {k} + 1 }}",
        "x: int",
        "int",
    ),
    (
        "def f(x: float) -> float:\n    return x * {k}.5\n",
        "pub fn f(x: f64) -> f64 {{ x * {k}.5 }}",
        "x: float",
        "float",
    ),
    (
        "def f(xs: list[int]) -> int:\n    return sum(xs) + {k}\n",
        "pub fn f(xs: &[i64]) -> i64 {{ xs.iter().sum::<i64>() + {k} }}",
        "xs: list[int] @ref",
        "int",
    ),
    (
        "def f(s: str) -> int:\n    return len(s) + {k}\n",
        "pub fn f(s: &str) -> i64 {{ s.chars().count() as i64 + {k} }}",
        "s: str @ref",
        "int",
    ),
    (
        "def f(s: str) -> str:\n    return s + '{k}'\n",
        'pub fn f(s: &str) -> String {{ format!("{{}}{k}", s) }}',
        "s: str @ref",
        "str",
    ),
    (
        "def f(xs: list[int]) -> list[int]:\n    return [x for x in xs if x % {k} == 0]\n",
        "pub fn f(xs: &[i64]) -> Vec<i64> {{ xs.iter().filter(|x| **x % {k} == 0).cloned()"
        ".collect() }}",
        "xs: list[int] @ref",
        "list[int]",
    ),
    (
        "def f(xs: list[int]) -> dict[int, int]:\n    d = {{}}\n    for x in xs:\n"
        "        d[x % {k}] = d.get(x % {k}, 0) + 1\n    return d\n",
        "pub fn f(xs: &[i64]) -> crate::pyrt::PyDict<i64, i64> {{\n"
        "    let mut d = crate::pyrt::PyDict::new();\n"
        "    for x in xs {{ let k = x.rem_euclid({k}); let n = d.iter().find(|(a, _)| **a == k)"
        ".map(|(_, v)| *v).unwrap_or(0); d.insert(k, n + 1); }}\n    d\n}}",
        "xs: list[int] @ref",
        "dict[int, int]",
    ),
    (
        "def f(xs: list[int]) -> set[int]:\n    return {{x + {k} for x in xs}}\n",
        "pub fn f(xs: &[i64]) -> std::collections::HashSet<i64> {{ xs.iter().map(|x| x + {k})"
        ".collect() }}",
        "xs: list[int] @ref",
        "set[int]",
    ),
    (
        "def f(xs: list[int]) -> Optional[int]:\n    return max(xs) + {k} if xs else None\n",
        "pub fn f(xs: &[i64]) -> Option<i64> {{ xs.iter().max().map(|m| m + {k}) }}",
        "xs: list[int] @ref",
        "Optional[int]",
    ),
    (
        "def f(xs: list[int]) -> None:\n    xs.append({k})\n",
        "pub fn f(xs: &mut Vec<i64>) {{ xs.push({k}); }}",
        "xs: list[int] @mut",
        "None",
    ),
]


def synthetic(modules: int = 5) -> Fixture:
    """``modules`` modules, each with one copy of every template (renamed, new constant)."""
    fx = Fixture(crate="bench")
    for m in range(modules):
        path = f"pkg/mod{m}.py"
        python, rust, sigs = ["from typing import Optional\n"], [], []
        for t, (py, rs, params, returns) in enumerate(TEMPLATES):
            name, k = f"f{t}", m + 2
            python.append(py.format(k=k).replace("def f(", f"def {name}("))
            rust.append(rs.format(k=k).replace("pub fn f(", f"pub fn {name}("))
            sigs.append(sig(name, params.replace(", ", "; "), returns))
        fx.module(path, "\n\n".join(python), "\n".join(rust))
        for s in sigs:
            fx.unit(path, s.py_name, s)
    fx.python["pkg/__init__.py"] = ""
    return fx


def measure(fx: Fixture, options: VerifyOptions) -> tuple[float, dict[str, int], list[str]]:
    start = time.perf_counter()
    verdicts = verify_crate(fx.crate, fx.crate_files(), fx.python, fx.items, options)
    wall = time.perf_counter() - start
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[str(v.status)] = counts.get(str(v.status), 0) + 1
    bad = [
        f"{v.unit_id}: {v.status} {v.reason} {v.mismatch}"
        for v in verdicts
        if v.status != Status.VERIFIED
    ]
    return wall, counts, bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fx = synthetic()
    options = VerifyOptions(examples_per_function=args.examples)
    runs = [measure(fx, options) for _ in range(max(2, args.repeat))]
    cold, counts, bad = runs[0]
    warm = min(r[0] for r in runs[1:])
    verified = counts.get("verified", 0)
    result = {
        "functions": len(fx.items),
        "examples_per_function": args.examples,
        "status_counts": counts,
        "cold_wall_s": round(cold, 3),
        "warm_wall_s": round(warm, 3),
        "all_wall_s": [round(r[0], 3) for r in runs],
        "seconds_per_verified_function": {
            "cold": round(cold / verified, 4) if verified else None,
            "warm": round(warm / verified, 4) if verified else None,
        },
        "not_verified": bad[:10],
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
