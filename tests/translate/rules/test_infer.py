"""Type inference: annotations, defaults, locals, containers, refusals."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.translate.rules.analysis.facts import Signature, Typed
from pipeline.translate.rules.analysis.infer import Infer
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front.lower import import_map, lower_function


def typed(src: str, sigs: dict[str, Signature] | None = None) -> Typed:
    fn = lower_function(textwrap.dedent(src), Where(1), import_map(("import math",)))
    return Infer(fn, (sigs or {}).get, {}, lambda s: None).run()  # type: ignore[arg-type]


def test_params_locals_and_return_inferred() -> None:
    t = typed("""
    def f(xs: list[int], scale=2.5):
        out = []
        for x in xs:
            out.append(x * scale)
        names = {str(x): x for x in xs}
        return out, names
    """)
    assert str(t.params["scale"]) == "float"
    assert str(t.locals["out"]) == "list[float]"
    assert str(t.locals["names"]) == "dict[str, int]"
    assert str(t.returns) == "tuple[list[float], dict[str, int]]"


def test_empty_containers_resolved_by_later_use() -> None:
    t = typed("""
    def f(n: int) -> int:
        seen = set()
        d = {}
        for i in range(n):
            seen.add(i % 3)
            d[i] = str(i)
        return len(seen) + len(d)
    """)
    assert str(t.locals["seen"]) == "set[int]"
    assert str(t.locals["d"]) == "dict[int, str]"


def test_optional_narrowing_after_none_test() -> None:
    t = typed("""
    def f(xs: list[int], limit: int | None = None) -> int:
        if limit is None:
            limit = len(xs)
        return limit + 1
    """)
    assert str(t.params["limit"]) == "Optional[int]"
    assert str(t.returns) == "int"


def test_sibling_signature_types_calls() -> None:
    sig = Signature(
        "g",
        [("a", __import__("pipeline.pytypes").pytypes.parse("str"), "ref")],
        __import__("pipeline.pytypes").pytypes.parse("int"),
    )
    t = typed("def f(s: str):\n    return g(s) * 2\n", {"g": sig})
    assert str(t.returns) == "int"


@pytest.mark.parametrize(
    "src, code, text",
    [
        ("def f(x):\n    return x\n", "PT020", "untyped parameter x"),
        (
            "def f(x: int):\n    y = 1\n    y = 'a'\n    return y\n",
            "PT022",
            "variable y changes type from int to str",
        ),
        (
            "def f(x: int):\n    y = 0\n    y += 0.5\n    return str(y)\n",
            "PT022",
            "starts as an int and becomes a float, and is printed",
        ),
        ("def f():\n    xs = []\n    return len(xs)\n", "PT023", "could not be inferred"),
        ("def f(x: int):\n    return x + 'a'\n", "PT014", "operator + on int and str"),
        ("def f(x: int):\n    return undefined_name\n", "PT025", "unknown name undefined_name"),
        ("def f(x: str):\n    return x.frobnicate()\n", "PT013", "str.frobnicate"),
        ("def f(x: list[float]):\n    return set(x)\n", "PT012", "set()"),
    ],
)
def test_refusals(src: str, code: str, text: str) -> None:
    with pytest.raises(Refusal) as info:
        typed(src)
    assert info.value.code == code
    assert text in info.value.message


def test_int_local_that_becomes_float_is_a_float() -> None:
    t = typed(
        "def f(xs: list[float]):\n    total = 0\n    for x in xs:\n"
        "        total += x\n    return total\n"
    )
    assert str(t.locals["total"]) == "float" and str(t.returns) == "float"
