"""A nested def inside a block (``if strict: def check(x): ...``), lowered where it stands
when its name is bound by nothing else and read only after it in its block: translated,
compiled, verified against CPython, and a wrong body caught."""

from __future__ import annotations

import pytest

from pipeline.records import Status

from .harness import (
    ENGINE,
    compile_module,
    compiled_rust,
    crate_with_change,
    make_unit,
    rustc,
    verify_compiled,
)

SOURCE = """
def shifted(xs: list[int], rev: bool, lim: int) -> list[int]:
    out = []
    if rev:
        def key(x: int) -> int:
            return lim - x
        for x in xs:
            out.append(key(x))
    else:
        out = xs[:]
    return out


def weighted(xs: list[int]) -> int:
    total = 0
    for x in xs:
        def times(y: int) -> int:
            return y * x
        total += times(3)
    return total
"""


def test_a_block_def_becomes_a_fn_in_that_block() -> None:
    tr = ENGINE.translate(make_unit(SOURCE.split("\n\n\n")[0]))
    assert tr.ok, tr.reason
    assert "if rev {\n        fn key(x: i64, lim: i64) -> i64 {" in tr.rust


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (  # two defs of one name, one per branch: which one runs is decided at run time
            "def f(flag: bool) -> int:\n    if flag:\n        def k(x: int) -> int:\n"
            "            return x\n    else:\n        def k(x: int) -> int:\n"
            "            return -x\n    return k(2)\n",
            "nested def k inside a block, its name bound elsewhere",
        ),
        (  # read after its block: Python raises there when the block did not run
            "def f(flag: bool) -> int:\n    if flag:\n        def k(x: int) -> int:\n"
            "            return x\n    return k(2)\n",
            "read outside the rest of its block",
        ),
        (  # decorators run when the def does
            "def f(flag: bool) -> int:\n    if flag:\n        @functools.cache\n"
            "        def k(x: int) -> int:\n            return x\n        return k(1)\n"
            "    return 0\n",
            "decorator on a nested def",
        ),
    ],
)
def test_other_block_defs_stay_refused(source: str, words: str) -> None:
    tr = ENGINE.translate(make_unit(source))
    assert not tr.ok
    assert words in tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_verified_and_a_wrong_body_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "blocks.py", SOURCE)
    assert "fn times(" in compiled_rust(done, "weighted")
    for name in ("shifted", "weighted"):
        verdict, rows = verify_compiled(done, name, examples=30)
        assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    files = crate_with_change(done, "lim - x", "x - lim")
    verdict, rows = verify_compiled(done, "shifted", files, examples=30)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
