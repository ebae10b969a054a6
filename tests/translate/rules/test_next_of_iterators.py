"""``next(E[, default])`` of a call that makes a fresh iterator (``filter``, ``map``, ``zip``,
``enumerate``, ``reversed``, ``iter(xs)``, the lazy ``itertools``) is the first item of
``(v for v in E)`` (``front/callforms.py``): built with rustc and run against Python, including
a predicate that raises on a later item (never reached: the iterator is pulled only as far as
Python pulls it) and empty inputs (the default, or StopIteration as "raised")."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

LISTS = [([],), ([5],), ([1, 4, 0, 9],), ([3, 3, 7, -2],), ([0, 0],)]

CASES = [
    Case(
        """
    def firsts(xs: List[int]) -> List[int]:
        return [
            next(filter(lambda x: x > 2, xs), -1),
            next(map(abs, xs), 0),
            next(itertools.islice(xs, 2, None), -5),
            next(reversed(xs), 7),
            next(iter(xs), 8),
            next(itertools.dropwhile(lambda x: x < 4, xs), 9),
            next(itertools.accumulate(xs), 10),
        ]
    """,
        LISTS,
    ),
    Case(
        """
    def lazily(xs: List[int]) -> int:
        return next(filter(lambda x: 10 // x > 2, xs))
    """,
        LISTS,
    ),
    Case(
        """
    def pairs(xs: List[int], names: List[str]) -> List[Tuple[int, str]]:
        return [
            next(zip(xs, names), (0, "")),
            next(enumerate(names), (-1, "none")),
        ]
    """,
        [(x, ["a", "bc", ""][: len(x)]) for (x,) in LISTS if x],
    ),
    Case(
        """
    def first_word(text: str) -> Optional[str]:
        return next(iter(text.split()), None)
    """,
        [("",), ("ab cd",), ("  x ",)],
    ),
    Case(
        """
    def first_char(text: str, d: Dict[str, int]) -> str:
        return next(iter(text), "") + next(iter(d), "?")
    """,
        [("", {}), ("xyz", {"k": 1, "a": 2})],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("nexts")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_next_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_next_of_iterators_behaves_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


@pytest.mark.parametrize(
    "body",
    [
        "next(sorted(xs))",  # a list: Python raises TypeError
        "next(list(xs), 0)",
        "next(range(3))",
        "next(iter(set(xs)))",  # a set's order differs between Python and Rust
        "next(zip(*[xs]))",
        "next(zip(xs))[0]",  # one-item tuples: zip of one iterable is not translated
    ],
)
def test_next_of_other_values_is_refused(body: str) -> None:
    src = f"def f(xs: List[int]) -> int:\n    return {body}\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok, tr.rust
