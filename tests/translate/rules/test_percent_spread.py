"""``template % name`` where the name holds a tuple (``"%s=%d" % pair``, ``"%4d: %r" % ic``
over ``enumerate``): Python spreads the tuple over the conversions; the fields are the
tuple's items, built with rustc and run against Python. Any other value (a list, a str, a
tuple of another or unknown length) is refused: Python raises TypeError there."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

CASES = [
    Case(
        """
    def pairs(items: List[Tuple[str, int]]) -> List[str]:
        out = []
        for pair in items:
            out.append("%s=%d" % pair)
            out.append("%-4s|%5.1f%%" % pair)
        return out
    """,
        [([],), ([("a", 1), ("bcdef", -20)],), ([("é", 0)],)],
    ),
    Case(
        """
    def numbered(lines: List[str]) -> List[str]:
        return ["%4d: %r" % i_c for i_c in enumerate(lines)]
    """,
        [([],), (["x", "it's", 'q"'],)],
    ),
    Case(
        """
    def triple(t: Tuple[int, float, str]) -> str:
        return "<%x %.3e %s>" % t
    """,
        [((255, 1.5, "s"),), ((-16, -0.0, ""),)],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("percent_spread")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_percent_spread_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_percent_spread_behaves_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


@pytest.mark.parametrize(
    "annotation",
    ["tuple[str, int, int]", "tuple[str]", "tuple[str, ...]", "list[str]", "str", "int"],
)
def test_a_value_that_is_not_a_tuple_of_that_length_is_refused(annotation: str) -> None:
    src = f"def f(t: {annotation}) -> str:\n    return '%s=%s' % t\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "%-format with 2 conversions of one value" in tr.reason, tr.reason


def test_one_conversion_of_a_tuple_name_stays_refused() -> None:
    src = "def f(t: tuple[int, int]) -> str:\n    return '%s' % t\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "`%` with a tuple value" in tr.reason, tr.reason
