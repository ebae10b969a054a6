"""Ownership (parameter modes, aliasing refusals) and scopes (where locals are declared)."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.translate.rules.analysis import ownership, scopes
from pipeline.translate.rules.analysis.infer import Infer
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front.lower import import_map, lower_function
from pipeline.translate.rules.ir import nodes as ir


def analyse(src: str):
    fn = lower_function(textwrap.dedent(src), Where(1), import_map(()))
    typed = Infer(fn, {}.get, {}, lambda s: None).run()  # type: ignore[arg-type]
    return fn, ownership.analyze(typed, {}.get)


def test_modes_follow_use() -> None:
    _, own = analyse("""
    def f(xs: list[int], ys: list[int], s: str, n: int, t: str) -> int:
        xs.append(n)
        t = t.strip()
        return len(ys) + len(s) + len(t)
    """)
    assert own.modes == {"xs": "mut", "ys": "ref", "s": "ref", "n": "value", "t": "value"}


def test_nested_store_mutates_root() -> None:
    _, own = analyse("def f(grid: list[list[int]]) -> None:\n    grid[0][1] = 5\n")
    assert own.modes["grid"] == "mut"


@pytest.mark.parametrize(
    "src, text",
    [
        (
            "def f(grid: list[list[int]]) -> int:\n    row = grid[0]\n    row.append(1)\n"
            "    return len(grid[0])\n",
            "row shares a mutable object with grid",
        ),
        (
            "def f(xs: list[int]) -> list[int]:\n    ys = xs\n    ys.append(1)\n    return ys\n",
            "ys shares a mutable object with xs",
        ),
        (
            "def f(xs: list[int]) -> None:\n    xs.append(1)\n    xs = [2]\n",
            "both changed in place and rebound",
        ),
        (
            "def f(grid: list[list[int]]) -> list[list[int]]:\n    rows = [r for r in grid]\n"
            "    rows[0].append(1)\n    return grid\n",
            "rows shares a mutable object with grid",
        ),
        (
            "def f(xs: list[int]) -> list[int]:\n    ys = xs or [0]\n    ys.append(1)\n"
            "    return xs\n",
            "ys shares a mutable object with xs",
        ),
    ],
)
def test_aliasing_refused(src: str, text: str) -> None:
    with pytest.raises(Refusal) as info:
        analyse(src)
    assert info.value.code == "PT030" and text in info.value.message


def test_local_alias_of_mutated_list_is_a_move() -> None:
    _, own = analyse("""
    def f(n: int) -> list[int]:
        prev = [0]
        for i in range(n):
            cur = [i]
            cur.append(i)
            prev = cur
        return prev
    """)
    assert "cur" in own.moved


def test_let_at_first_assignment_or_hoisted() -> None:
    fn = lower_function(
        textwrap.dedent("""
    def f(x: int) -> int:
        a = 1
        if x > 0:
            b = 2
        else:
            b = 3
        for i in range(x):
            c = i
            a += c
        return a + b
    """),
        Where(1),
        import_map(()),
    )
    decls = scopes.decide(fn)
    let_names = {name for _, name in decls.let_here}
    hoisted = {n for names in decls.hoist.values() for n in names}
    assert let_names == {"a", "c"}
    assert hoisted == {"b"}
    anchor = next(s for s in fn.body if isinstance(s, ir.If))
    assert decls.hoist[id(anchor)] == ["b"]


def test_loop_variable_read_after_loop_refused() -> None:
    fn = lower_function(
        "def f(n: int) -> int:\n    for i in range(n):\n        pass\n    return i\n",
        Where(1),
        import_map(()),
    )
    with pytest.raises(Refusal) as info:
        scopes.decide(fn)
    assert info.value.code == "PT032" and info.value.line == 4


def test_state_kept_between_calls_refused() -> None:
    with pytest.raises(Refusal) as info:
        analyse(
            "def f(x: int, acc: list[int] = []) -> list[int]:\n    acc.append(x)\n    return acc\n"
        )
    assert info.value.code == "PT030" and "mutable default" in info.value.message


def test_loop_name_reused_after_the_loop_is_a_new_variable() -> None:
    fn = lower_function(
        "def f(n: int) -> int:\n    t = 0\n    for i in range(n):\n"
        "        t += i\n    i = n * 2\n    return i + t\n",
        Where(1),
        import_map(()),
    )
    decls = scopes.decide(fn)
    assert any(name == "i" for _, name in decls.let_here)


def test_storing_a_local_list_moves_it() -> None:
    _, own = analyse("""
    def f(n: int) -> list[list[int]]:
        out = []
        row = [n]
        out.append(row)
        return out
    """)
    assert "row" in own.moved


def test_storing_an_element_of_a_mutated_container_refused() -> None:
    with pytest.raises(Refusal) as info:
        analyse(
            "def f(grid: list[list[int]]) -> list[list[int]]:\n    out = []\n"
            "    out.append(grid[0])\n    grid[0].append(1)\n    return out\n"
        )
    assert info.value.code == "PT030"
