"""``itertools.tee`` through rustc and the real verifier: pairs and triples of neighbours
verify against CPython, and a wrong translation (the second iterator not advanced) is caught
as a mismatch."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
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
        assert_verifies(compiled, name, examples=25, min_inputs=10)


def test_an_iterator_not_advanced_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "rises", "let _ = b.next();", "", examples=25)
