"""``type(x) is C``, ``type(x).__name__``, ``str(type(x))`` decided from static types,
``copy.deepcopy``/``copy.copy`` as clones, and ``random.*`` refused with its reason. Unit
tests on the engine, then real rustc and the real verifier (a wrong answer caught)."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    make_unit,
    rustc,
)


def translate(src: str):
    return RuleEngine().translate(make_unit(src, imports=("import copy", "import random")))


@pytest.mark.parametrize(
    "test, answer",
    [
        ("type(xs) is list", "true"),
        ("type(xs) is not list", "!true"),
        ("type(xs) == tuple", "false"),
        ("list != type(xs)", "!true"),
        ("type(s) is str", "true"),
        ("type(flag) is int", "false"),  # type(True) is bool
        ("type(n) is str", "false"),  # an int or a bool: never a str
    ],
)
def test_type_tests_decided_from_static_types(test: str, answer: str) -> None:
    tr = translate(
        f"def f(xs: List[int], s: str, flag: bool, n: int) -> bool:\n    return {test}\n"
    )
    assert tr.ok, tr.reason
    assert f"    {answer}\n" in tr.rust, tr.rust


@pytest.mark.parametrize(
    "expr, text",
    [
        ("type(xs).__name__", '"list"'),
        ("str(type(s))", "\"<class 'str'>\""),
        ("repr(type(xs[0] > 0))", "\"<class 'bool'>\""),
        ("type(2.5).__name__", '"float"'),
    ],
)
def test_type_names_decided_from_static_types(expr: str, text: str) -> None:
    tr = translate(f"def f(xs: List[int], s: str) -> str:\n    return {expr}\n")
    assert tr.ok, tr.reason
    assert f"String::from({text})" in tr.rust, tr.rust


@pytest.mark.parametrize(
    "body, reason",
    [
        ("return type(n) is int", "type() of a int value: Python's answer depends"),
        ("return str(type(n))", "type() of a int value"),
        ("return type(x) is float", "type() of a float value"),
        ("return type(n) is type(x)", "call of type()"),
        ("return len(copy.copy(g))", "copy.copy() of a list[list[int]] (its items are mutable"),
        ("return random.randint(1, n)", "random.randint(): random results differ"),
    ],
)
def test_value_dependent_forms_refused(body: str, reason: str) -> None:
    tr = translate(f"def f(n: int, x: float, g: List[List[int]]) -> int:\n    {body}\n")
    assert not tr.ok and reason in tr.reason, tr.reason


SOURCE = '''
import copy


def search(_list: list, target: int) -> int:
    """>>> search([1, 5, 9], 5)
    1
    >>> search([], 3)
    -1
    """
    if type(_list) is not list:
        raise TypeError("search only accepts lists, not {}".format(str(type(_list))))
    return _list.index(target) if target in _list else -1


def grown(g: list[list[int]]) -> list[list[int]]:
    """>>> grown([[1], [2, 3]])
    [[1], [2, 3], [1, 0], [2, 3], [1, 7]]
    """
    h = copy.deepcopy(g)
    h[0].append(0)
    k = copy.copy(g[0])
    k.append(7)
    return g + h + [k]
'''


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_type_tests_and_copies_verify_and_a_wrong_answer_is_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "algo.py", SOURCE)
    assert "if !true {" in compiled_rust(done, "search")
    assert_verifies(done, "search")
    assert_verifies(done, "grown")
    # a type test answered wrongly raises TypeError where Python does not
    assert_change_caught(done, "search", "if !true {", "if !false {")
