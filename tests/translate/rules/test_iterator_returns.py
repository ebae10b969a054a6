"""A function whose every return is a fresh finite iterator (``return islice(seq, n)``,
``return map(f, xs)``) is the generator yielding its items (``front/iterreturns.py``): built
with rustc and run against Python, whose iterator the harness consumes into a list as the
verifier does; endless ones (``count``, ``cycle``, ``repeat``, also inside) and functions that
return something else on another path stay refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

LISTS = [([],), ([5],), ([1, 4, 0, 9],), ([3, 3, 7, -2],)]

CASES = [
    Case(
        """
    def take(xs: List[int]) -> Iterator[int]:
        return itertools.islice(xs, 2)
    """,
        LISTS,
    ),
    Case(
        """
    def halves(xs: List[int]):
        return map(lambda x: 10 // x, xs)
    """,
        LISTS + [([2, 0, 5],)],  # raises at the zero (Python, when consumed)
    ),
    Case(
        """
    def evens_or_all(xs: List[int], only: bool):
        if only:
            return filter(lambda x: x % 2 == 0, xs)
        return iter(xs)
    """,
        [(x, flag) for (x,) in LISTS for flag in (True, False)],
    ),
    Case(
        """
    def joined(xs: List[int], ys: List[int]):
        return itertools.chain(reversed(xs), ys)
    """,
        [(x, y) for (x,) in LISTS for (y,) in LISTS[:2]],
    ),
    Case(
        """
    def numbered(words: List[str]):
        return zip(words, itertools.accumulate(map(len, words)))
    """,
        [([],), (["a", "bc", ""],)],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("iterreturns")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_iterator_return_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_iterator_returns_behave_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    assert tr.signatures[0].returns.startswith("list["), tr.signatures
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


@pytest.mark.parametrize(
    "body",
    [
        "return itertools.count(len(xs))",
        "return map(abs, itertools.count(1))",
        "return zip(xs, itertools.repeat(0))",
        "return zip(xs, itertools.repeat(0, 3))",
        "return itertools.cycle(xs)",
        "if xs:\n        return iter(xs)\n    return []",
        "if xs:\n        return iter(xs)",
    ],
)
def test_endless_or_mixed_returns_stay_refused(body: str) -> None:
    tr = RuleEngine().translate(make_unit(f"def f(xs: List[int]):\n    {body}\n"))
    assert not tr.ok, tr.rust
