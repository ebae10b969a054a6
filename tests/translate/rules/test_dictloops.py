"""Loops over a dict that change it (``dictloops.py``): values of the visited keys may change
(a snapshot of the keys, exact since no key comes or goes); adding or removing keys, which
Python answers with RuntimeError, is refused. Real engine, rustc and verifier."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import compile_module, verify_compiled

SOURCE = """
from collections import defaultdict
from typing import DefaultDict, Dict, List


def bump(d: Dict[str, int]) -> int:
    n = 0
    for k in d:
        d[k] = d[k] + 1
        n += 1
    return n


def scaled(d: Dict[str, int], f: int) -> Dict[str, int]:
    out = dict(d)
    for k in out.keys():
        out[k] *= f
    return out


def capped(c: Dict[str, int]) -> List[str]:
    for k in c:
        if c[k] > 3:
            c[k] = 3
    return sorted(c)


def grows(d: Dict[str, int]) -> int:
    for k in d:
        d[k + "!"] = 1
    return len(d)


def shrinks(d: Dict[str, int]) -> int:
    for k in d:
        if d[k] < 0:
            d.pop(k)
    return len(d)


def reads_missing(xs: List[str]) -> int:
    d: DefaultDict[str, int] = defaultdict(int)
    for x in xs:
        d[x] += 1
    total = 0
    for k in d:
        total += d[k + "?"]
    return total
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("dictloops"), "dictloops.py", SOURCE)


@pytest.mark.parametrize("qualname", ["bump", "scaled", "capped"])
def test_value_changes_iterate_a_key_snapshot_and_verify(compiled, qualname: str) -> None:
    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert ".keys().cloned().collect::<Vec<_>>()" in tr.rust
    verdict, rows = verify_compiled(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])


@pytest.mark.parametrize(
    ("qualname", "line"), [("grows", 29), ("shrinks", 35), ("reads_missing", 46)]
)
def test_key_changes_are_refused(compiled, qualname: str, line: int) -> None:
    reason = dict(compiled.refused)[qualname]
    assert reason.startswith(
        f"PT030 line {line}: dict d may gain or lose keys while a loop iterates over it"
    ), reason
