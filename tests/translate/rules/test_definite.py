"""Definite assignment (``definite.py``): a local some path leaves unassigned is refused with
PT034 and its Python line, not handed to rustc (E0381); the paths rustc accepts still
translate and compile."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import compile_module, make_unit

REFUSED = {
    "if_without_else": (
        """
    def f(c: bool) -> int:
        if c:
            x = 1
        return x
    """,
        "x",
        4,
    ),
    "loop_may_not_run": (
        """
    def f(xs: list[int]) -> int:
        for v in xs:
            last = v
        return last
    """,
        "last",
        4,
    ),
    "while_may_not_run": (
        """
    def f(n: int) -> int:
        while n > 0:
            r = n
            n -= 1
        return r
    """,
        "r",
        5,
    ),
    "handler_path": (
        """
    def f(s: str) -> int:
        try:
            v = int(s)
        except ValueError:
            pass
        return v
    """,
        "v",
        6,
    ),
    "break_before_assignment": (
        """
    def f(xs: list[int]) -> int:
        while True:
            if not xs:
                break
            y = xs[0]
            break
        return y
    """,
        "y",
        7,
    ),
    "augmented_before_any": (
        """
    def f(xs: list[int]) -> int:
        for x in xs:
            if x > 0:
                total = 0
            total += x
        return 0
    """,
        "total",
        5,
    ),
    "nested_def": (
        """
    def f(n: int) -> int:
        def g(k: int) -> int:
            if k > 0:
                m = k
            return m
        return g(n)
    """,
        "m",
        5,
    ),
}

TRANSLATED = {
    "both_branches": """
    def f(c: bool) -> int:
        if c:
            x = 1
        else:
            x = 2
        return x
    """,
    "else_returns": """
    def f(c: bool) -> int:
        if c:
            x = 1
        else:
            return 0
        return x
    """,
    "loop_forever_until_break": """
    def f(n: int) -> int:
        while True:
            r = n * 2
            if r > 0:
                break
            n += 1
        return r
    """,
    "for_else_assigns": """
    def f(xs: list[int]) -> int:
        for x in xs:
            if x < 0:
                found = x
                break
        else:
            found = 0
        return found
    """,
    "handlers_assign": """
    def f(s: str) -> int:
        try:
            v = int(s)
        except ValueError:
            v = -1
        return v
    """,
    "unpacking_and_loop_targets": """
    def f(pairs: list[tuple[int, int]]) -> int:
        a, b = 0, 0
        for p, q in pairs:
            a, b = a + p, b + q
        return a * b
    """,
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_maybe_unassigned_read_is_refused_with_its_line(name: str) -> None:
    source, var, line = REFUSED[name]
    tr = RuleEngine().translate(make_unit(source))
    assert not tr.ok
    (diag,) = tr.diagnostics
    assert diag.code == "PT034" and diag.line == line, diag
    assert diag.message.startswith(f"variable {var} may be read before it is assigned")


def test_assigned_on_every_path_compiles(tmp_path: Path) -> None:
    source = "\n\n".join(
        textwrap.dedent(src).replace("def f(", f"def {name}(")
        for name, src in sorted(TRANSLATED.items())
    )
    done = compile_module(tmp_path, "definite.py", source)
    assert not done.refused, done.refused
    assert set(done.outcome.compiled_ids) == {u.id for u, _ in done.items}
