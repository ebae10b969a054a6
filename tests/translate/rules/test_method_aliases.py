"""A local bound to a container's method and only called (``seen_add = seen.add``, library code's
hoisted lookups: more_itertools ``unique_everseen``, ``rstrip``) is that method called on its
object (``front/methodalias.py``). Through rustc and the real verifier, untyped parameters
typed from doctests; where the object could change between the binding and a call, or the alias
is used as a value, it stays refused; a wrong translation is caught."""

from __future__ import annotations

import ast

import pytest

from pipeline.translate.rules.front import methodalias
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

SOURCE = '''
def unique_everseen(iterable):
    """
    >>> unique_everseen([3, 1, 3, 2, 1])
    [3, 1, 2]
    >>> unique_everseen([])
    []
    """
    seen = set()
    seen_add = seen.add
    out = []
    out_append = out.append
    for element in iterable:
        if element not in seen:
            seen_add(element)
            out_append(element)
    return out


def rstrip_kept(items, stop):
    """
    >>> rstrip_kept([1, 2, 0, 3, 0, 0], 0)
    [1, 2, 0, 3]
    >>> rstrip_kept([1, 0, 2, 0, 3], 0)
    [1, 0, 2, 0, 3]
    """
    cache = []
    cache_append = cache.append
    cache_clear = cache.clear
    out = []
    for x in items:
        if x == stop:
            cache_append(x)
        else:
            out.extend(cache)
            cache_clear()
            out.append(x)
    return out


def shout(words: list[str]) -> str:
    parts: list[str] = []
    push = parts.append
    for w in words:
        if w:
            push(w.upper())
    return ",".join(parts)


def rebound_after(xs: list[int]) -> list[int]:
    out: list[int] = []
    add = out.append
    for x in xs:
        add(x)
    out = []
    add(1)
    return out


def passed_on(xs: list[int]) -> list[int]:
    out: list[int] = []
    add = out.append
    f = add
    for x in xs:
        f(x)
    return out
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    if rustc() is None:
        pytest.skip("rustc not installed")
    return compile_module(tmp_path_factory.mktemp("method_aliases"), "method_aliases.py", SOURCE)


@pytest.mark.parametrize("name", ["unique_everseen", "rstrip_kept", "shout"])
def test_method_aliases_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=2)


def test_the_alias_is_the_method_called_on_its_object(compiled) -> None:
    rust = compiled_rust(compiled, "unique_everseen")
    assert "seen.insert(" in rust and "seen_add" not in rust


@pytest.mark.parametrize("name", ["rebound_after", "passed_on"])
def test_an_alias_whose_object_changes_or_escapes_stays_refused(compiled, name: str) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == name)
    assert not tr.ok and "attribute access .append" in tr.reason, tr.reason


def test_a_wrong_method_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "rstrip_kept", "cache.clear()", "cache.truncate(1)")


def _inlined(source: str) -> str:
    fn = ast.parse(source).body[0]
    assert isinstance(fn, ast.FunctionDef)
    return ast.unparse(methodalias.inline(fn))


@pytest.mark.parametrize(
    "body",
    [
        # read before its binding (UnboundLocalError in Python)
        "def f(xs):\n    add(1)\n    add = xs.append\n    add(2)",
        # the object is a module global, not a parameter or local
        "def f(x):\n    add = SEEN.add\n    add(x)",
        # the object is rebound inside a loop after the binding
        "def f(xs):\n    add = xs.append\n    for x in [1]:\n        xs = []\n        add(x)",
        # called inside a nested def / lambda
        "def f(xs):\n    add = xs.append\n    g = lambda v: add(v)\n    g(1)",
        # an attribute of the method's name is stored
        "def f(xs, o):\n    add = xs.append\n    o.append = print\n    add(1)",
        # the object is a nonlocal / global rebound elsewhere
        "def f(xs):\n    global xs2\n    add = xs2.append\n    add(1)",
        # not a builtin container's method
        "def f(o):\n    run = o.process\n    run(1)",
        # the binding sits in a branch
        "def f(xs, c):\n    if c:\n        add = xs.append\n    add(1)",
        # bound twice
        "def f(xs):\n    add = xs.append\n    add(1)\n    add = xs.remove\n    add(1)",
    ],
)
def test_unsafe_forms_are_left_as_written(body: str) -> None:
    assert _inlined(body) == ast.unparse(ast.parse(body).body[0])


def test_the_rewrite_keeps_the_call_arguments() -> None:
    out = _inlined("def f(xs, ys):\n    ext = xs.extend\n    ext(ys)\n    return xs")
    assert "xs.extend(ys)" in out and "ext" not in out.replace("extend", "")
