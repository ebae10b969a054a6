"""Types the engine infers instead of reading them: parameters without annotations (typed from
the literal calls in their module, ``paramhints.py``) and bare container annotations
(``x: set = set()``, ``-> Counter``). Real sharder, engine, rustc and verifier."""

from __future__ import annotations

import ast

import pytest

from pipeline.pytypes import PyType
from pipeline.records import Status
from pipeline.translate.rules.types import aliases as typealiases
from pipeline.translate.rules.types import paramhints
from tests.translate.rules.harness import compile_module, compiled_rust, verify_compiled

SOURCE = '''
from collections import Counter
from typing import List, Optional, Tuple, TypeAlias, Union


def scale(xs, k):
    """Multiply each item.

    >>> scale([1, 2, 3], 2)
    [2, 4, 6]
    >>> scale([], -1)
    []
    """
    return [x * k for x in xs]


def greet(name, punct=None):
    """
    >>> greet("bob"), greet("amy", punct="!")
    ('Hello, bob', 'Hello, amy!')
    """
    return "Hello, " + name + (punct or "")


def halve(x):
    return x / 2


def uses_halve(n: int) -> float:
    return halve(n * 3.0) + halve(1.5)


def mixed(x):
    """
    >>> mixed(1), mixed(2.5)
    (2, 5.0)
    """
    return x * 2


def nobody_calls(q):
    return q.frobnicate()


def n_queens(n: int) -> int:
    """
    >>> n_queens(6)
    4
    """
    cols: set = set()
    diag: set = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        count = 0
        for c in range(n):
            if c in cols or row - c in diag:
                continue
            cols.add(c)
            diag.add(row - c)
            count += place(row + 1)
            cols.remove(c)
            diag.remove(row - c)
        return count

    return place(0)


def letter_counts(text: str) -> Counter:
    return Counter(ch for ch in text.lower() if ch.isalpha())


def first_pairs(xs: List[int]) -> list:
    return [(x, x * 2) for x in xs[:3]]


Point = Tuple[float, float]
Matrix: TypeAlias = "List[List[float]]"
Path = Optional[List[Point]]
Nested = List[Union[int, "Nested"]]


def centroid(points: List[Point]) -> Point:
    n = len(points)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


def trace(m: Matrix) -> float:
    return sum(m[i][i] for i in range(min(len(m), len(m[0]) if m else 0)))


def path_length(path: Path) -> int:
    if path is None:
        return -1
    return len(path)


def depth(x: Nested) -> int:
    return 1
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("inferred"), "inferred.py", SOURCE)


_verify = verify_compiled


def test_sharder_records_literal_calls_of_untyped_functions(compiled) -> None:
    units = {u.qualname: u for u, _ in compiled.items}
    assert units["scale"].call_examples == (
        ("scale", "scale([1, 2, 3], 2)"),
        ("scale", "scale([], -1)"),
    )
    assert ("halve", "halve(1.5)") in units["uses_halve"].call_examples  # a sibling's calls
    assert ("halve", "halve(n * 3.0)") not in units["uses_halve"].call_examples
    # every parameter annotated, one `int`: its calls are kept (a float would widen it)
    assert units["n_queens"].call_examples == (("n_queens", "n_queens(6)"),)


@pytest.mark.parametrize(
    ("qualname", "signature"),
    [
        ("scale", "pub fn scale(xs: &[i64], k: i64) -> Vec<i64>"),
        ("greet", "pub fn greet(name: &str, punct: &Option<String>) -> String"),
        ("halve", "pub fn halve(x: f64) -> f64"),
        ("n_queens", "pub fn n_queens(n: i64) -> i64"),
        ("letter_counts", "pub fn letter_counts(text: &str) -> crate::pyrt::PyDict<String, i64>"),
        ("first_pairs", "pub fn first_pairs(xs: &[i64]) -> Vec<(i64, i64)>"),
        ("centroid", "pub fn centroid(points: &[(f64, f64)]) -> (f64, f64)"),
        ("trace", "pub fn trace(m: &[Vec<f64>]) -> f64"),
        ("path_length", "pub fn path_length(path: &Option<Vec<(f64, f64)>>) -> i64"),
    ],
)
def test_inferred_signature_is_verified(compiled, qualname: str, signature: str) -> None:
    assert signature in compiled_rust(compiled, qualname)
    verdict, rows = _verify(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])


def test_sibling_with_inferred_types_is_callable(compiled) -> None:
    assert "halve(1.5)" in compiled_rust(compiled, "uses_halve")
    verdict, rows = _verify(compiled, "uses_halve")
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])


def test_removing_a_computed_element_borrows_the_whole_expression(compiled) -> None:
    assert "set_remove(diag, &(row - c))" in compiled_rust(compiled, "n_queens")


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("mixed", "PT020 line 33: untyped parameter x: its calls pass int and float"),
        (
            "nobody_calls",
            "PT020 line 41: untyped parameter q (no annotation, no typed default, "
            "and no call with a literal for it in its module)",
        ),
        ("depth", "PT021 line 99: recursive type alias Nested"),
    ],
)
def test_untypable_parameters_are_refused(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname].startswith(words)


def test_wrong_inferred_translation_is_a_mismatch(compiled) -> None:
    """The verifier draws inputs for the inferred types and catches a wrong body."""
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn scale" in v)
    files[key] = files[key].replace("x * k", "x * k.abs()")
    verdict, rows = _verify(compiled, "scale", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


@pytest.mark.parametrize(
    ("values", "want"),
    [
        ([3, -1], "int"),
        ([[1, 2], []], "list[int]"),
        ([[], [[1]]], "list[list[int]]"),
        ([None, "a"], "Optional[str]"),
        ([{"a": (1, 2.5)}], "dict[str, tuple[int, float]]"),
        ([{1, 2}], "set[int]"),
        ([True, False], "bool"),
    ],
)
def test_literal_types_merge(values: list[object], want: str) -> None:
    t = paramhints.UNKNOWN
    for v in values:
        t = paramhints.merge(t, paramhints.type_of(v))
    assert t.render() == want


@pytest.mark.parametrize("values", [[1, 2.5], [True, 1], [[1], ["a"]], [(1,), (1, 2)]])
def test_literal_types_disagree(values: list[object]) -> None:
    with pytest.raises(paramhints.Disagree):
        paramhints.merge(paramhints.type_of(values[0]), paramhints.type_of(values[1]))


def test_empty_container_alone_says_nothing() -> None:
    assert not paramhints.complete(paramhints.type_of([]))
    assert paramhints.complete(PyType("list", (PyType("int"),)))


def test_only_typing_constructs_are_aliases() -> None:
    constants = [
        ("Point", "Point = Tuple[float, float]"),
        ("Number", "Number = int"),
        ("LIMIT", "LIMIT = 10"),
        ("Grid", "Grid: TypeAlias = 'list[list[int]]'"),
        ("Maybe", "Maybe = int | None"),
        ("TABLE", "TABLE = {1: [2]}"),
    ]
    assert sorted(typealiases.module_aliases(constants)) == ["Grid", "Maybe", "Point"]


def test_expansion_leaves_the_annotation_untouched() -> None:
    aliases = typealiases.module_aliases([("Point", "Point = Tuple[float, float]")])
    node = ast.parse("List[Point]", mode="eval").body
    assert ast.unparse(typealiases.expand(node, aliases)) == "List[Tuple[float, float]]"
    assert ast.unparse(node) == "List[Point]"
