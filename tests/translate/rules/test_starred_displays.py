"""Displays with ``*`` and ``**`` items: lowered to the operations they perform (``list(a) +
[x] + list(b)``, ``set(a) | set(b)``, a comprehension over a dict display's parts in order),
built with rustc and run against Python; key order and overriding values as the display has."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

CASES = [
    Case(
        """
    def concat(a: List[int], b: List[int], x: int) -> List[int]:
        return [*a, x, x + 1, *b, *a]
    """,
        [([1, 2], [3], 9), ([], [], 0)],
    ),
    Case(
        """
    def with_last(a: List[str], x: str) -> List[str]:
        t = (*a, x)
        return list(t)
    """,
        [(["p", "q"], "z"), ([], "")],
    ),
    Case(
        """
    def chars(s: str, t: str) -> List[str]:
        return [*s, "-", *t]
    """,
        [("ab", "é"), ("", "")],
    ),
    Case(
        """
    def union(a: List[int], b: List[int]) -> List[int]:
        return sorted({*a, *b, 0})
    """,
        [([3, 1, 3], [2]), ([], [])],
    ),
    Case(
        """
    def merged(d1: Dict[str, int], d2: Dict[str, int], k: str) -> List[Tuple[str, int]]:
        return list({"first": -1, **d1, k: 7, **d2}.items())
    """,
        [
            ({"a": 1, "first": 5}, {"b": 2, "a": 3}, "a"),
            ({}, {}, "first"),
            ({"x": 0}, {"k": 1}, "k"),
        ],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("starred")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_starred_displays_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_starred_displays_behave_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


def test_spread_is_concatenation() -> None:
    tr = RuleEngine().translate(make_unit(CASES[0].source))
    assert ".concat()" in tr.rust, tr.rust


def test_spread_of_a_set_stays_refused() -> None:
    src = "def f(a: List[int]) -> List[int]:\n    return [*set(a)]\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "call of list()" in tr.reason, tr.reason
