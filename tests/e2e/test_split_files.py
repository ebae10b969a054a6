"""A file heavier than a partition is cut into slices spread over the workers: the crate
and the manifest are those of an unsplit run, and no unit is lost or doubled."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.records import Unit
from pipeline.runner import run
from pipeline.units.partition import file_slice, slice_shares, with_slices

TIMINGS = ("translate_s", "compile_s", "verify_s")


def big_file(root: Path, funcs: int) -> Path:
    """Independent functions, pairs that call each other, a constant and a class."""
    root.mkdir()
    parts = [
        "LIMIT = 7\n\n",
        "class Box:\n    def __init__(self, n: int) -> None:\n"
        "        self.n = n\n\n    def get(self) -> int:\n        return self.n\n\n",
    ]
    for i in range(funcs):
        if i % 5 == 1:  # calls the function before it (its slice must hold both)
            parts.append(f"def f{i}(x: int) -> int:\n    return f{i - 1}(x) + LIMIT\n\n")
        else:
            parts.append(f"def f{i}(x: int) -> int:\n    return x * {i} - 1\n\n")
    parts.append("def boxed(n: int) -> int:\n    return Box(n).get() + 1\n")
    (root / "gen.py").write_text("".join(parts))
    (root / "small.py").write_text("def g(a: int) -> int:\n    return a + 1\n")
    return root


def outcome(out: Path) -> tuple[dict[str, bytes], list[dict]]:
    crate = {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted((out / "crates").rglob("*"))
        if p.is_file()
    }
    rows = pq.read_table(out / "manifest.parquet").to_pylist()
    return crate, [{k: v for k, v in r.items() if k not in TIMINGS} for r in rows]


def config(partition_lines: int) -> RunConfig:
    return RunConfig(
        engine="rules",
        partition_lines=partition_lines,
        cache={"url": "none://"},
        verify={"examples_per_function": 4},
    )


def test_split_file_gives_the_crate_and_manifest_of_an_unsplit_run(tmp_path: Path) -> None:
    repo = big_file(tmp_path / "repo", 240)  # ~330 lines as estimated from its size
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        whole = run([str(repo)], str(tmp_path / "whole"), config(100_000), client)
        split = run([str(repo)], str(tmp_path / "split"), config(100), client)  # 3 slices + 2 small
    assert outcome(tmp_path / "split") == outcome(tmp_path / "whole")
    crate, rows = outcome(tmp_path / "whole")
    statuses = {r["qualname"]: r["status"] for r in rows}
    assert statuses["f1"] == statuses["f0"] == statuses["f239"] == "verified", statuses
    assert split.functions == whole.functions == 243


def unit(name: str, first: int, calls: tuple[str, ...] = ()) -> Unit:
    return Unit(
        f"r:m.py::{name}", "r", "m.py", "m", name, "function", "", first, first + 3, calls=calls
    )


def test_slices_cover_every_unit_once_and_never_cut_a_call() -> None:
    units = [unit(f"f{i}", 4 * i + 1, ("f9",) if i == 2 else ()) for i in range(12)]
    slices = [file_slice(units, (k, 4)) for k in range(4)]
    assert [u for s in slices for u in s] == units  # in order, each once
    holding = [k for k, s in enumerate(slices) if {"f2", "f9"} & {u.qualname for u in s}]
    assert len(holding) == 1  # f2 calls f9: f2..f9 stay together
    assert sum(1 for s in slices if s) >= 2  # and the rest is still spread


def test_only_heavy_single_file_batches_are_sliced() -> None:
    tasks = with_slices([["a", "b"], ["big"], ["c"]], lambda f: 250 if f == "big" else 150, 100)
    big = [(["big"], (0, 2)), (["big"], (1, 2))]  # 3 by weight, 2 by MIN_SLICE_LINES
    assert tasks == [(["a", "b"], (0, 1)), *big, (["c"], (0, 1))]


def test_a_file_cut_in_many_slices_ends_with_smaller_ones() -> None:
    units = [unit(f"f{i}", 4 * i + 1) for i in range(300)]
    tasks = with_slices([["big"]], lambda f: 1000, 200)  # 5 by weight, then the tail
    assert [part for _, part in tasks] == [(k, 7) for k in range(7)]
    slices = [file_slice(units, part) for _, part in tasks]
    assert [u for s in slices for u in s] == units  # in order, each once
    assert [len(s) for s in slices] == [53, 52, 52, 52, 52, 26, 13]
    assert slice_shares(7) == [4, 4, 4, 4, 4, 2, 1] and slice_shares(4) == [1, 1, 1, 1]
