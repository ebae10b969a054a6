"""An untyped parameter whose literal calls pass ints in some and strs in others
(``sort([3, 1])``, ``sort(["b", "a"])``) is generic: ``list[T]``, one ``T`` for every such
place, verified with both types. Unit tests of the typing, then real rustc and the real
verifier (both instantiations tried; a wrong comparison caught). ``sorted``/``min``/``max``/
``list.sort`` of ``T`` order through the runtime's ``PyOrd``."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.pytypes import PyType, typevar
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.front import lower
from pipeline.translate.rules.types import paramhints
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    make_unit,
    rustc,
)

T = typevar("T")


def typed(src: str, calls: list[str], taken: tuple[str, ...] = ()) -> dict[str, PyType | None]:
    fn = lower.lower_function(src, lower.Where(1), {}, set(), frozenset(), {})
    paramhints.apply(fn, calls, taken)
    return {p.name: p.ann for p in fn.params}


@pytest.mark.parametrize(
    "calls, want",
    [
        (["f([3, 1], 1)", "f(['b'], 'a')"], {"xs": PyType("list", (T,)), "x": T}),
        (["f([[1]], 0)", "f([['a', 'b']], 0)"], {"xs": PyType("list", (PyType("list", (T,)),))}),
        (["f([], 1)", "f(['a'], 'b')"], {"xs": PyType("list", (PyType("str"),)), "x": T}),
        (["f([(1, 'k')], 2)", "f([('a', 'k')], 2)"], {"x": PyType("int")}),
        (["f([1], None)", "f([1], 'a')", "f([1], 2)"], {"x": PyType("Optional", (T,))}),
    ],
)
def test_calls_of_ints_and_strs_make_a_type_variable(calls: list[str], want: dict) -> None:
    got = typed("def f(xs, x):\n    return x\n", calls)
    assert {k: got[k] for k in want} == want


def test_a_module_type_variable_name_is_not_reused() -> None:
    got = typed("def f(x):\n    return x\n", ["f(1)", "f('a')"], taken=("T",))
    assert got["x"] == typevar("U")


@pytest.mark.parametrize(
    "calls, words",
    [
        (["f(1)", "f(2.5)"], "its calls pass int and float"),
        (["f([1])", "f('ab')"], "its calls pass list[int] and str"),
        (["f(1)", "f([1])"], "its calls pass int and list[int]"),
        (["f((1, 2))", "f((1,))"], "its calls pass tuple[int, int] and tuple[int]"),
    ],
)
def test_other_disagreements_stay_refused(calls: list[str], words: str) -> None:
    unit = make_unit("def f(x):\n    return x\n")
    examples = tuple(("f", c) for c in calls)
    tr = RuleEngine().translate(dataclasses.replace(unit, call_examples=examples))
    assert not tr.ok and words in tr.reason, tr.reason


SOURCE = """
def sort(_list):
    for i in range(len(_list)):
        for j in range(len(_list) - 1, i, -1):
            if _list[j] < _list[j - 1]:
                _list[j], _list[j - 1] = _list[j - 1], _list[j]
    return _list


def search(_list, target):
    lo, hi = 0, len(_list) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if _list[mid] == target:
            return mid
        if _list[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def span(xs, y):
    xs.sort(reverse=True)
    return sorted(xs) + [min(xs, default=y), max(xs[0], y)]


def pancake_sort(arr):
    for cur in range(len(arr), 1, -1):
        index_max = arr.index(max(arr[0:cur]))
        if index_max + 1 != cur:
            if index_max != 0:
                arr[:index_max + 1] = reversed(arr[:index_max + 1])
            arr[:cur] = reversed(arr[:cur])
    return arr


def total(xs):
    return xs[0] + xs[-1]


sort([3, 1, 2])
sort(["b", "a", "c"])
search([1, 2, 3], 2)
search(["a", "b"], "b")
span([3, 1], 2)
span(["b", "a"], "c")
pancake_sort([3, 1, 2])
pancake_sort(["b", "c", "a"])
total([1, 2])
total(["a", "b"])
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_generic_parameters_verify_for_both_types(tmp_path) -> None:
    done = compile_module(tmp_path, "algo.py", SOURCE)
    bound = "<T: Clone + PartialEq + PartialOrd + crate::pyrt::PyOrd>"
    assert f"pub fn sort{bound}(_list: &mut Vec<T>) -> Vec<T>" in compiled_rust(done, "sort")
    assert f"pub fn search{bound}(" in compiled_rust(done, "search")
    sigs = next(t for u, t in done.items if u.qualname == "search").signatures
    assert [s.py_name for s in sigs] == ["search[int]", "search[str]"]
    assert [p.py_type for p in sigs[1].params] == ["list[str]", "str"]
    verdict, rows = assert_verifies(done, "sort", min_inputs=4)
    matched = {r.function for r in rows if r.outcome == "match"}
    assert matched == {"sort[int]", "sort[str]"}, rows[:2]
    assert_verifies(done, "search", min_inputs=4)
    assert_verifies(done, "span", min_inputs=4)
    assert_verifies(done, "pancake_sort", min_inputs=4)  # a slice assigned an iterator
    # ``+`` sums ints and concatenates strs: no one Rust meaning, refused
    assert "operator + on ~T and ~T" in dict(done.refused)["total"]
    assert_change_caught(done, "search", "*_list.at(mid) < *target", "*_list.at(mid) > *target")


@pytest.mark.parametrize(
    "body, test",
    [
        ("return isinstance(x, str)", 'matches!(crate::pyrt::PyClass::py_class(x), "str")'),
        ("return isinstance(x, int)", '(x), "int" | "bool")'),  # a bool is an int
        ("return type(x) is int", '(x), "int")'),
        ("return not isinstance(x, (dict, set))", "let _ = &x; false"),
    ],
)
def test_class_of_a_type_variable_is_asked_at_run_time(body: str, test: str) -> None:
    tr = RuleEngine().translate(make_unit(f"def f(x):\n    {body}\n"))
    assert tr.ok, tr.reason
    assert "pub fn f<T: Clone + crate::pyrt::PyClass>(x: &T) -> bool" in tr.rust
    assert test in tr.rust and "py_class" in tr.helpers, tr.rust


CLASSES = """
def is_string(obj):
    return isinstance(obj, str)


def is_full_string(input_string: str) -> bool:
    return is_string(input_string) and input_string.strip() != ''


def describe(x):
    if type(x) is int:
        return "int " + type(x).__name__
    return str(type(x)) + str(isinstance(x, (int, float)))
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_class_queries_verify_and_a_wrong_class_is_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "classes.py", CLASSES)
    assert "is_string(&input_string.to_string())" in compiled_rust(done, "is_full_string")
    for name in ("is_string", "describe", "is_full_string"):
        assert_verifies(done, name)
    assert_change_caught(done, "is_string", '(obj), "str")', '(obj), "int")')
