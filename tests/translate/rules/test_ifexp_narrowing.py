"""A conditional expression's ``is None`` test narrows its branches, as an ``if`` statement's
does: ``x if best is None else max(best, x)``; through rustc and the real verifier, and a
wrong translation (the branches swapped) is caught as a mismatch."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
from typing import List, Optional


def running_max(xs: List[int]) -> List[int]:
    out = []
    best = None
    for x in xs:
        best = x if best is None else max(best, x)
        out.append(best)
    return out


def or_default(x: Optional[int], d: int) -> int:
    return x + 1 if x is not None else d


def both(a: Optional[str], b: Optional[str]) -> str:
    return a + b if a is not None and b is not None else ""


def neither(a: Optional[str]) -> int:
    return 0 if not a is not None else len(a)
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("ifexp"), "ifexp.py", SOURCE)


@pytest.mark.parametrize("name", ["running_max", "or_default", "both", "neither"])
def test_narrowed_branches_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=5)


def test_the_test_s_polarity_decides_the_narrowed_branch(compiled) -> None:
    rust = compiled_rust(compiled, "or_default")
    assert "x.is_some()" in rust and "x.unwrap() + 1" in rust


def test_a_max_that_keeps_the_first_value_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "running_max", "best.unwrap().max(x)", "best.unwrap()")
