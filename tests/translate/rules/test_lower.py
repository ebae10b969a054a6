"""Lowering: Python ast -> IR, and refusals with codes and original-file lines."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front.lower import import_map, lower_function
from pipeline.translate.rules.ir import nodes as ir


def lower(src: str, first_line: int = 1, imports: tuple[str, ...] = ("import math",)):
    return lower_function(textwrap.dedent(src), Where(first_line), import_map(imports))


def test_function_shape_and_docstring_dropped() -> None:
    fn = lower('''
    def f(a: int, b: float = 2.0) -> float:
        """doc"""
        return a + b
    ''')
    assert fn.name == "f"
    assert [p.name for p in fn.params] == ["a", "b"]
    assert str(fn.params[1].ann) == "float" and isinstance(fn.params[1].default, ir.Const)
    assert str(fn.returns) == "float"
    assert isinstance(fn.body[0], ir.Return) and isinstance(fn.body[0].value, ir.BinOp)


def test_imports_resolve_module_calls() -> None:
    fn = lower(
        "def f(x: float) -> float:\n    return sqrt(x) + math.pi\n",
        imports=("import math", "from math import sqrt"),
    )
    ret = fn.body[0]
    assert isinstance(ret, ir.Return) and isinstance(ret.value, ir.BinOp)
    assert isinstance(ret.value.left, ir.Call) and ret.value.left.func == "math.sqrt"
    assert isinstance(ret.value.right, ir.Name) and ret.value.right.id == "math.pi"


def test_lines_are_original_file_lines() -> None:
    fn = lower("def f(x: int) -> int:\n    y = x\n    return y\n", first_line=40)
    assert fn.line == 40 and fn.body[0].line == 41 and fn.body[1].line == 42


def test_slices_comprehensions_fstrings() -> None:
    fn = lower("""
    def f(xs: list[int]) -> str:
        ys = [x * 2 for x in xs[1::2] if x]
        return f"{len(ys):>4}!"
    """)
    assign, ret = fn.body
    assert isinstance(assign, ir.Assign) and isinstance(assign.value, ir.Comp)
    assert isinstance(assign.value.gens[0].iter, ir.Slice)
    assert isinstance(ret, ir.Return) and isinstance(ret.value, ir.FStr)
    field = ret.value.parts[0]
    assert isinstance(field, ir.FmtField) and field.spec == ">4"


@pytest.mark.parametrize(
    "src, code, text, line",
    [
        (
            "def f(x: int) -> int:\n    try:\n        return x\n    finally:\n        return 0\n",
            "PT010",
            "return inside finally",
            14,
        ),
        (
            "def f(x: int) -> int:\n    try:\n        return x\n    except E:\n        return 0\n",
            "PT010",
            "except E",
            13,
        ),
        (
            "def f(x: int) -> int:\n    try:\n        return x\n    except ValueError as e:\n"
            "        return len(str(e))\n",
            "PT010",
            "as name",
            13,
        ),
        (
            "def f(x: int) -> int:\n    def g(*a: int) -> int:\n        return 0\n"
            "    return g(x)\n",
            "PT015",
            "*a parameter of a nested def is not supported",
            11,
        ),
        (
            "def f(x: int) -> Iterator[int]:\n    while True:\n        for i in range(x):\n"
            "            yield i\n",
            "PT010",
            "yield inside a nested loop",
            13,
        ),
        ("def f(x: int) -> int:\n    yield x\n", "PT021", "generator annotated int", 10),
        ("def f(x: int) -> int:\n    return x + (y := x)\n", "PT011", "walrus", 11),
        ("@decorate\ndef f(x: int) -> int:\n    return x\n", "PT016", "@decorate", 10),
        ("def f(x: complex) -> int:\n    return 1\n", "PT021", "complex", 10),
        ("def f(x: int) -> int:\n    return 1j\n", "PT011", "complex literal", 11),
        ("class C:\n    pass\n", "PT002", "not a single function", 10),
        ("def f(:\n", "PT001", "syntax error", 10),
    ],
)
def test_refusals_name_construct_and_line(src: str, code: str, text: str, line: int) -> None:
    with pytest.raises(Refusal) as info:
        lower(src, first_line=10)
    assert info.value.code == code
    assert text in info.value.message
    assert info.value.line == line
