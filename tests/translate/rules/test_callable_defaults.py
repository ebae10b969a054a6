"""A lambda as the default of an untyped parameter (``func_else=lambda x: x``, more_itertools'
``map_if``; ``ordering=lambda x: x``): the parameter is typed from its calls in the body like
any untyped callable parameter (``Callable[[A], R]``, not Optional: the default is no
``None``), and the lambda is checked against that type; a caller that leaves the argument out
passes the lambda.

A default is evaluated where the callee is defined, so the names it reads are the callee's
module values: a caller that binds such a name itself (``OFFSET = 100`` then ``shift(xs)``
whose default reads the module's ``OFFSET``) is refused, PT012, naming the name (the default
was typed and printed in the caller's scope, reading the caller's variable: a mismatch).

Unit tests on the engine, then real rustc and the real verifier."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    make_unit,
    rustc,
)

SOURCE = """
OFFSET = 3


def map_if(iterable, pred, func, func_else=lambda x: x):
    for item in iterable:
        yield func(item) if pred(item) else func_else(item)


def scaled(xs, f=lambda x: x * 2):
    return [f(x) for x in xs]


def shift(xs, g=lambda x: x + OFFSET):
    return [g(x) for x in xs]


def add(x, n=OFFSET):
    return x + n


def use_scaled(xs):
    return scaled(xs) + scaled(xs, lambda y: y - 1)


def use_map_if(xs):
    return list(map_if(xs, lambda x: x > 1, lambda x: x * 10))


def use_shift(xs):
    OFFSET = 100
    return shift(xs) + [OFFSET]


def use_add(x):
    OFFSET = 100
    return add(x) + OFFSET


def use_add_in_comprehension(xs):
    return [add(OFFSET) for OFFSET in xs]


def use_add_plain(x):
    return add(x) + OFFSET
"""


def _translation(done, name: str):
    return next(t for u, t in done.items if u.qualname == name)


def test_lambda_default_types_the_parameter_from_its_calls() -> None:
    src = "def f(xs: list[int], g=lambda x: x * 2) -> list[int]:\n    return [g(x) for x in xs]\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "g: impl Fn(i64) -> i64" in tr.rust, tr.rust
    assert "g: Callable[[int], int] (usage)" in tr.typing


def test_lambda_default_that_disagrees_with_the_calls_is_refused() -> None:
    src = "def f(xs: list[int], g=lambda x: 'a') -> list[int]:\n    return [g(x) + 1 for x in xs]\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_lambda_defaults_verify_and_shadowed_default_names_are_refused(tmp_path) -> None:
    done = compile_module(tmp_path, "defaults.py", SOURCE)
    for name in ("map_if", "scaled", "shift", "add", "use_scaled", "use_map_if", "use_add_plain"):
        assert_verifies(done, name)
    # the default is no part of scaled's Rust (Rust has none): the caller that leaves the
    # argument out passes the lambda, and a wrong one is caught there
    assert "x * 2" not in _translation(done, "scaled").rust
    assert_change_caught(done, "use_scaled", "x * 2", "x * 3")
    for name, shadowed in (
        ("use_shift", "OFFSET"),
        ("use_add", "OFFSET"),
        ("use_add_in_comprehension", "OFFSET"),
    ):
        tr = _translation(done, name)
        assert not tr.ok, (name, tr.rust)
        assert f"which reads {shadowed}: a name this function binds itself" in tr.reason, tr.reason


BUILTINS = """
def valfilter(predicate, d, factory=dict):
    rv = factory()
    for k, v in d.items():
        if predicate(v):
            rv[k] = v
    return rv


def assoc(d, key, value, factory=dict):
    d2 = factory()
    d2.update(d)
    d2[key] = value
    return d2


def count_true(iterable, pred=bool):
    return sum(1 for x in iterable if pred(x))


def collect(xs, factory=list):
    out = factory()
    for x in xs:
        out.append(x)
    return out


def wrong_arity(xs, factory=list):
    return factory(xs)


def use():
    return assoc({"a": 1}, "b", 2), count_true([0, 1, 2]), collect("ab")
"""


def test_builtin_default_is_the_lambda_calling_it() -> None:
    src = "def f(xs: list[int], pred=bool) -> int:\n    return sum(1 for x in xs if pred(x))\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "pred: Callable[[int], bool] (usage)" in tr.typing
    src = (
        "def f(xs: list[int], factory=set) -> int:\n"
        "    s = factory()\n    s.update(xs)\n    return len(s)\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    # ``factory=set``: what factory() gives is a set, whatever else it is used as
    assert "factory: Callable[[], set[int]] (usage)" in tr.typing


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_builtin_defaults_verify_with_catalogue_factories(tmp_path) -> None:
    done = compile_module(tmp_path, "factories.py", BUILTINS)
    for name in ("valfilter", "assoc", "count_true", "collect", "use"):
        assert_verifies(done, name)
    # generated inputs pass the catalogue's empty factory; the caller that leaves the
    # argument out passes the lambda calling the builtin
    assert "PyDict::new()" in _translation(done, "use").rust
    assert_change_caught(done, "use", "bool_arg != 0", "bool_arg == 0")
    tr = _translation(done, "wrong_arity")
    assert not tr.ok and "called with 0 and with 1 arguments" in tr.reason, tr.reason
