"""A bare ``list``/``dict`` annotation (or ``List[tuple]``) says "untyped": the literal calls
of the module and its doctests type the parameter, as for one with no annotation
(units/callsites.py), through rustc and the real verifier; a wrong translation is caught as a
mismatch."""

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

SOURCE = '''
import itertools
from typing import List


def all_orderings(items: list) -> list:
    """
    >>> all_orderings([1, 2, 3])[:2]
    [(1, 2, 3), (1, 3, 2)]
    """
    return list(itertools.permutations(items))


def merged(a: dict, b: dict) -> dict:
    """
    >>> merged({"x": 1}, {"y": 2})
    {'x': 1, 'y': 2}
    """
    return {**a, **b}


def by_second(pairs: List[tuple]) -> List[tuple]:
    """
    >>> by_second([(1, 'b'), (2, 'a')])
    [(2, 'a'), (1, 'b')]
    """
    return sorted(pairs, key=lambda p: p[1])
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("bare"), "bare.py", SOURCE)


@pytest.mark.parametrize(
    ("name", "typing"),
    [
        ("all_orderings", ("items: list[int] (calls)",)),
        ("merged", ("a: dict[str, int] (calls)", "b: dict[str, int] (calls)")),
        ("by_second", ("pairs: list[tuple[int, str]] (calls)",)),  # says only "a list"
    ],
)
def test_bare_annotations_typed_by_calls_verify(compiled, name: str, typing: tuple) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == name)
    assert tr.ok and tr.typing == typing, (tr.reason, tr.typing)
    assert_verifies(compiled, name, examples=15, min_inputs=3)


def test_a_merge_that_drops_its_second_dict_is_a_mismatch(compiled) -> None:
    assert "vec![a.clone(), b.clone()]" in compiled_rust(compiled, "merged")
    assert_change_caught(compiled, "merged", "vec![a.clone(), b.clone()]", "vec![a.clone()]")
