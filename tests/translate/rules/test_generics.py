"""Functions generic over a module ``TypeVar``: Rust generics with the bounds the body needs,
one verified entry point per instantiation (int, str), and precise refusals."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.translate.rules.engine import RuleEngine
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import compile_module, make_unit

ENGINE = RuleEngine()
TV = {"T": 'T = TypeVar("T")\n'}
IMPORTS = ("from typing import TypeVar, Iterable, Optional",)

TAKE = """
def take(n: int, items: Iterable[T]) -> list[T]:
    out = []
    for i, item in enumerate(items):
        if i >= n:
            break
        out.append(item)
    return out
"""

MODULE = f'''from typing import Iterable, Optional, TypeVar

T = TypeVar("T")
{TAKE}

def count_of(items: list[T], x: T) -> int:
    """>>> count_of([1, 2, 1], 1)
    2
    """
    n = 0
    for item in items:
        if item == x:
            n += 1
    return n


def rotate(items: list[T], k: int) -> list[T]:
    if not items:
        return []
    k = k % len(items)
    return items[k:] + items[:k]


def first_or(items: list[T], default: Optional[T] = None) -> Optional[T]:
    """>>> first_or([], 'x'), first_or(['a', 'b'])
    ('x', 'a')
    """
    if len(items) > 0:
        return items[0]
    if default is None:
        return None
    return default


def pairs(items: list[T]) -> list[tuple[T, T]]:
    return [(items[i], items[i + 1]) for i in range(len(items) - 1)]
'''


def translate(source: str, constants: dict[str, str] = TV):
    return ENGINE.translate(make_unit(source, constants=constants, imports=IMPORTS))


def test_generic_function_gets_rust_generics_and_two_entry_points() -> None:
    tr = translate(TAKE)
    assert tr.ok, tr.reason
    assert (
        "pub fn take<T: Clone>(n: i64, items: impl IntoIterator<Item = T>) -> Vec<T> {" in tr.rust
    )
    assert [(s.py_name, s.rust_name, s.python_name) for s in tr.signatures] == [
        ("take[int]", "take::<i64>", "take"),
        ("take[str]", "take::<String>", "take"),
    ]
    assert [p.py_type for p in tr.signatures[1].params] == ["int", "list[str]"]
    assert tr.signatures[1].returns == "list[str]"


def test_equality_adds_partial_eq() -> None:
    tr = translate("""
    def has(items: list[T], x: T) -> bool:
        return x in items
    """)
    assert tr.ok, tr.reason
    assert "pub fn has<T: Clone + PartialEq>(" in tr.rust


def test_ordering_adds_python_ordered_bounds() -> None:
    """``<`` is Python's for the types ``pyrt::PyOrd`` states (ints, floats, bools, strs,
    lists and tuples of them); the bound keeps any other type from instantiating ``T``."""
    tr = translate("""
    def least(items: list[T], x: T) -> T:
        for y in items:
            if y < x:
                x = y
        return x
    """)
    assert tr.ok, tr.reason
    assert "pub fn least<T: Clone + PartialEq + PartialOrd + crate::pyrt::PyOrd>(" in tr.rust
    assert "py_cmp" in tr.helpers


def test_sorted_min_max_and_sort_order_through_py_ord() -> None:
    tr = translate("""
    def ends(items: list[T], x: T) -> list[T]:
        items.sort(reverse=True)
        return sorted(items) + [min(items, default=x), max(x, items[0])]
    """)
    assert tr.ok, tr.reason
    assert "pub fn ends<T: Clone + crate::pyrt::PyOrd>(" in tr.rust
    assert "crate::pyrt::sort_by(items, |v| v.clone(), true)" in tr.rust
    assert "crate::pyrt::sorted_by(" in tr.rust and "crate::pyrt::max_by(" in tr.rust


@pytest.mark.parametrize(
    ("ret", "body", "code", "what"),
    [
        ("T", "return x + x", "PT014", "operator +"),
        ("T", "return -x", "PT014", "unary -"),
        ("str", "return str(x)", "PT021", "str()"),
        ("str", "return repr([x])", "PT021", "repr()"),
        ("str", "return f'{x}'", "PT021", "string formatting"),
        ("bool", "return x < 1", "PT014", "comparison < of ~T and int"),
        ("bool", "return x is None", "PT014", "never None"),
        ("int", "return len({x})", "PT021", "set display"),
        ("int", "return len({x: 1})", "PT021", "dict key"),
        ("T", "return max([x, x], key=lambda v: v)", "PT021", "max()"),
    ],
)
def test_type_dependent_operations_are_refused(ret: str, body: str, code: str, what: str) -> None:
    tr = translate(f"def f(x: T) -> {ret}:\n    {body}\n")
    assert not tr.ok
    d = tr.diagnostics[0]
    assert (d.code, d.line) == (code, 2) and what in d.message, d
    if code == "PT021":
        assert "type variable" in d.message


def test_truthiness_of_a_type_variable_is_refused() -> None:
    tr = translate("def f(x: T, y: T) -> T:\n    if x:\n        return x\n    return y\n")
    assert not tr.ok and tr.diagnostics[0].code == "PT021"
    assert "truth value" in tr.diagnostics[0].message and tr.diagnostics[0].line == 2


def test_type_variable_as_dict_key_or_set_member_is_refused() -> None:
    for ann in ("dict[T, int]", "set[T]"):
        tr = translate(f"def f(d: {ann}) -> int:\n    return len(d)\n")
        assert not tr.ok and tr.diagnostics[0].code == "PT021", tr
        assert "hashing" in tr.diagnostics[0].message and tr.diagnostics[0].line == 1


def test_bounded_typevar_is_refused() -> None:
    bounded = translate(
        "def f(x: T) -> T:\n    return x\n", constants={"T": 'T = TypeVar("T", int, str)\n'}
    )
    assert not bounded.ok and bounded.diagnostics[0].code == "PT021"


def test_generic_callee_is_instantiated_at_the_call() -> None:
    """Rust infers ``T`` from the arguments; an ``Iterable[T]`` consumed once takes owned
    items (``impl IntoIterator``), so a list or a lazy iterator both fit."""
    caller = ENGINE.translate(
        make_unit(
            "def g(xs: list[int]) -> list[int]:\n    return take(1, xs)\n",
            context={"take": TAKE.strip() + "\n"},
            constants=TV,
            imports=IMPORTS,
        )
    )
    assert caller.ok, caller.reason
    assert "take(1, xs.iter().copied())" in caller.rust
    callee = translate(TAKE)
    assert [(p.py_type, p.mode) for p in callee.signatures[0].params] == [
        ("int", "value"),
        ("list[int]", "value"),
    ]


def test_generic_callee_inexact_for_some_type_is_refused() -> None:
    caller = ENGINE.translate(
        make_unit(
            "def g(xs: list[int]) -> int:\n    return twice(xs[0])\n",
            context={"twice": "def twice(x: T) -> T:\n    return x + x\n"},
            constants=TV,
            imports=IMPORTS,
        )
    )
    assert not caller.ok and caller.diagnostics[0].code == "PT040", caller.diagnostics
    assert "twice cannot be translated: operator + on ~T" in caller.reason


def test_generic_calling_generic_with_type_variable_values_is_refused() -> None:
    caller = ENGINE.translate(
        make_unit(
            "def firsts(xs: list[T], n: int) -> list[T]:\n    return take(n, xs)\n",
            context={"take": TAKE.strip() + "\n"},
            constants=TV,
            imports=IMPORTS,
        )
    )
    assert not caller.ok and caller.diagnostics[0].code == "PT021"
    assert "call of the generic function take with values of a type variable" in (caller.reason)


def test_type_variable_only_in_the_result_is_refused() -> None:
    caller = ENGINE.translate(
        make_unit(
            "def g(n: int) -> list[int]:\n    return empty(n)\n",
            context={"empty": "def empty(n: int) -> list[T]:\n    return []\n"},
            constants=TV,
            imports=IMPORTS,
        )
    )
    assert not caller.ok and "type variable T occurs only in its result" in caller.reason


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("generic"), "gen.py", MODULE)


def _verify(done, name: str, files: dict[str, str] | None = None):
    unit, tr = next((u, t) for u, t in done.items if u.qualname == name)
    assert tr.ok, tr.reason
    crate = done.outcome.crate
    return verify_unit(
        crate.name,
        files or crate.files,
        {done.rel: done.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=15),
    )


@pytest.mark.parametrize("name", ["take", "count_of", "rotate", "first_or", "pairs"])
def test_generic_functions_verify_for_int_and_str(compiled, name: str) -> None:
    assert not compiled.refused, compiled.refused
    verdict, rows = _verify(compiled, name)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert {r.function for r in rows} == {f"{name}[int]", f"{name}[str]"}
    if name == "count_of":
        assert any(r.origin == "doctest" and r.function == "count_of[int]" for r in rows)
    if name == "first_or":
        assert any(r.origin == "doctest" and r.function == "first_or[str]" for r in rows)


def test_wrong_generic_translation_is_a_mismatch(compiled) -> None:
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn take<T" in v)
    assert "if i >= n {" in files[key]
    files[key] = files[key].replace("if i >= n {", "if i > n {")
    verdict, _ = _verify(compiled, "take", files)
    assert verdict.status == Status.MISMATCH, verdict
    assert verdict.reason.startswith("take[int]")


def test_str_instance_gets_str_inputs(compiled) -> None:
    _, rows = _verify(compiled, "rotate")
    assert any("'" in r.inputs for r in rows if r.function == "rotate[str]")
