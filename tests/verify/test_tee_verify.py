"""``itertools.tee`` through rustc and the real verifier: pairs and triples of neighbours
verify against CPython, and a wrong translation (the second iterator not advanced) is caught
as a mismatch."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import (
    compile_module,
    crate_with_change,
    rustc,
    verify_compiled,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
from itertools import tee


def rises(xs: list[int]) -> list[bool]:
    a, b = tee(xs)
    next(b, None)
    return [x < y for x, y in zip(a, b)]


def trigrams(s: str) -> list[str]:
    a, b, c = tee(s, 3)
    next(b, None)
    next(c, None)
    next(c, None)
    return [x + y + z for x, y, z in zip(a, b, c)]
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("tee"), "tee.py", SOURCE)


def test_tee_verifies(compiled) -> None:
    for name in ("rises", "trigrams"):
        verdict, rows = verify_compiled(compiled, name, examples=25)
        assert verdict.status == Status.VERIFIED, (name, verdict, rows[:3])
        assert verdict.inputs_tried >= 10, (name, verdict)


def test_an_iterator_not_advanced_is_a_mismatch(compiled) -> None:
    files = crate_with_change(compiled, "let _ = b.next();", "")
    verdict, rows = verify_compiled(compiled, "rises", files, examples=25)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:5])
