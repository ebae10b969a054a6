"""A local rebound to a value of another type by a statement of the function body (``it =
iter(it)``, ``n = str(n)``) is a new variable from there on (``front/shadowing.py``, the
engine's retry after ``PT022``). Through rustc and the real verifier; a rebinding in a loop or
branch, or a name a closure reads, stays refused; a wrong translation is caught."""

from __future__ import annotations

import ast

import pytest

from pipeline.translate.rules.front import shadowing
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

SOURCE = '''
def first_even(xs):
    """
    >>> first_even([1, 3, 4, 6])
    4
    >>> first_even([1])
    -1
    """
    xs = iter(xs)
    for x in xs:
        if x % 2 == 0:
            return x
    return -1


def label(s: str) -> str:
    s = s.strip()
    n = len(s)
    n = str(n)
    return s + ":" + n


def word_count(text: str) -> int:
    text = text.split()
    text = len(text)
    return text * 2


def in_a_loop(xs: list[int]) -> str:
    out = 0
    for x in xs:
        out = str(x)
    return out
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    if rustc() is None:
        pytest.skip("rustc not installed")
    return compile_module(tmp_path_factory.mktemp("shadowing"), "shadowing.py", SOURCE)


@pytest.mark.parametrize("name", ["first_even", "label", "word_count"])
def test_rebindings_to_another_type_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=2)


def test_the_new_binding_is_a_new_rust_variable(compiled) -> None:
    rust = compiled_rust(compiled, "word_count")
    assert "let text_1:" in rust and "let text_1_1:" in rust


def test_a_rebinding_in_a_loop_stays_refused(compiled) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == "in_a_loop")
    assert not tr.ok and "changes type" in tr.reason, tr.reason


def test_reading_the_old_binding_is_a_mismatch(compiled) -> None:
    rust = compiled_rust(compiled, "label")
    assert "&n_1" in rust
    assert_change_caught(compiled, "label", "&n_1", "&(n + 1).to_string()")


def test_renamed_keeps_columns_of_non_ascii_text() -> None:
    src = 'def f(s):\n    s = "é" + s\n    s = len(s)\n    return "é", s\n'
    out = shadowing.renamed(src, "s", 3)
    assert out == 'def f(s):\n    s = "é" + s\n    s_1 = len(s)\n    return "é", s_1\n'
    ast.parse(out)


@pytest.mark.parametrize(
    "src",
    [
        'def f(x):\n    x = str(x)\n    return f"{x=}"\n',  # prints its own name
        "def f(x):\n    x = str(x)\n    del x\n    return 1\n",
        "def f(x):\n    x = str(x)\n    try:\n        return x\n"
        "    except ValueError as x:\n        return x\n",
        "def f(x):\n    x = str(x)\n    import x\n    return x\n",
        "def f(x):\n    global y\n    def g():\n        return x\n    x = str(x)\n    return g()\n",
    ],
)
def test_unsafe_sources_are_not_renamed(src: str) -> None:
    assert shadowing.renamed(src, "x", 2) is None
