"""Constructs from the Python standard library that once gave Rust rustc rejected (the stdlib
run's ``compile_error`` units), through the real sharder, engine, rustc and verifier:

- ``multiprocessing.util.is_exiting``: ``_exiting or _exiting is None`` where ``_exiting`` is a
  module variable a function rebinds with ``global`` (not a constant), and ``is None`` on a
  value typed ``bool`` (``.is_none()`` on a ``bool``);
- ``test_reprlib.ClassWithFailingRepr``: an unannotated ``__repr__`` that always raises (typed
  ``None``, so ``PyStr::py_repr`` lost its ``-> String``);
- ``test_struct.iter_integer_formats``: ``def f(byteorders=byteorders)`` (the module constant
  was re-declared in the body, shadowing the parameter) and a nested loop over a tuple of
  strings (its items were moved out on the first pass of the outer loop).
"""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import compile_module

from .harness import rustc

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
from __future__ import annotations

from typing import Optional

seps = "-", "+"
WORDS = "a", "b", "n"
_state = False


def joined(seps=seps):
    out = []
    for w in WORDS:
        for s in seps:
            if s != "+" or w != "n":
                out.append(w + s)
    return out


def is_set():
    return _state or _state is None


def _set():
    global _state
    _state = True


def never_none(x: int) -> bool:
    return x is None


def missing(x: Optional[int]) -> bool:
    return x is None


def pair(n: int) -> tuple[list[int], list[int]]:
    return [n], [n, n]


def flatten_pair(n: int) -> list[int]:
    out = []
    for part in pair(n):
        for x in part:
            out.append(x)
    return out


def words_twice(words: tuple[str, str]) -> list[str]:
    out = []
    for _ in range(2):
        for w in words:
            out.append(w.upper())
    return out


class Boom:
    def __init__(self, n: int) -> None:
        self.n = n

    def __repr__(self) -> str:
        raise ValueError("no repr")


class Quiet:
    def __repr__(self):
        raise ValueError("no repr")
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("stdlib_regressions"), "mod.py", SOURCE)


def _translation(done, qualname: str):
    return next(t for u, t in done.items if u.qualname == qualname)


@pytest.mark.parametrize("qualname", ["joined", "missing", "flatten_pair", "words_twice", "Boom"])
def test_translated_and_verified(compiled, qualname: str) -> None:
    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert unit.id in compiled.outcome.compiled_ids, compiled.outcome.failed.get(unit.id)
    crate = compiled.outcome.crate
    verdict, rows = verify_unit(
        crate.name,
        crate.files,
        {compiled.rel: compiled.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=12),
    )
    assert verdict.status == Status.VERIFIED, (verdict, rows[:5])
    if qualname == "joined":  # inputs other than the default reach the parameter
        assert any(r.inputs != "(('-', '+'),)" for r in rows), rows
    if qualname == "Boom":  # repr raises on both sides
        assert any(r.function == "Boom.__repr__" for r in rows)


def test_shapes_of_the_rust(compiled) -> None:
    joined = _translation(compiled, "joined").rust
    assert "let seps" not in joined and "seps: &(String, String)" in joined
    assert "[&seps.0, &seps.1].into_iter()" in joined  # borrowed: the outer loop reruns it
    flat = _translation(compiled, "flatten_pair").rust
    assert "let items = pair(n);" in flat  # a computed tuple is evaluated once


@pytest.mark.parametrize(
    ("qualname", "code", "message"),
    [
        ("never_none", "PT014", "`is None` on a value of type int, which is never None"),
        ("Quiet", "PT050", "Quiet.__repr__ returns None, not str"),
    ],
)
def test_refused_precisely(compiled, qualname: str, code: str, message: str) -> None:
    tr = _translation(compiled, qualname)
    assert not tr.ok
    assert tr.reason.startswith(code) and message in tr.reason, tr.reason


def test_reader_of_a_global_another_function_rebinds_is_refused_before_translation(
    compiled,
) -> None:
    """``is_set`` reads ``_state``, which ``_set`` rebinds through ``global``: not a constant, so
    the sharder refuses it (PT902) naming the writer, and it never reaches the engine."""
    assert "is_set" not in [u.qualname for u, _ in compiled.items]
    reason = dict(compiled.refused)["is_set"]
    assert reason.startswith("PT902") and "_state" in reason and "_set" in reason, reason


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "class Undo:\n    def start(*args):\n        pass\n",
            "PT050 line 2: method start without a self/cls parameter",
        ),
        (
            "class A:\n    def __init__():\n        pass\n",
            "PT050 line 2: method __init__ without a self/cls parameter",
        ),
    ],
)
def test_method_without_self_names_it_once(source: str, message: str) -> None:
    """``idlelib``'s mock ``UndoDelegator`` once read "undo_block_start undo_block_start"."""
    from .test_classes import translate

    tr = translate(source)
    assert not tr.ok and tr.reason == message, tr.reason


def test_module_attribute_is_not_an_unknown_name() -> None:
    """``sys.argv`` / ``os.environ`` (cgi.py) read "unknown name sys.argv"."""
    from .harness import ENGINE, make_unit

    src = "def argc() -> int:\n    return len(sys.argv)\n"
    tr = ENGINE.translate(make_unit(src, imports=("import sys",)))
    assert tr.reason == (
        "PT017 line 2: module attribute sys.argv is not supported"
        " (the running process's state, not a constant)"
    ), tr.reason


def test_constant_name_assigned_later_is_a_local() -> None:
    """``y = X; X = 3``: ``X`` is local to the whole function in Python (UnboundLocalError),
    so it is not the module constant ``X`` (the body may not declare the constant: it would
    clash with the local)."""
    from .harness import ENGINE, make_unit

    src = "def f() -> int:\n    y = X\n    X = 3\n    return y + X\n"
    tr = ENGINE.translate(make_unit(src, constants={"X": "X = 1\n"}))
    assert tr.reason.startswith("PT025 line 2: X read before this function assigns it"), tr.reason


@pytest.mark.parametrize(
    "body",
    [
        "    s = set(xs)\n    assert len(s) < 3, s\n    return len(s)\n",  # typing._deduplicate
        "    return len(f'{set(xs)}')\n",
        "    if not xs:\n        raise ValueError(frozenset(xs))\n    return 0\n",
    ],
)
def test_set_shown_as_text_is_refused(body: str) -> None:
    """``typing._deduplicate``'s ``assert not all_params, all_params`` gave rustc a set to print
    (E0277): Python prints a set in its hash table's order, which a Rust set does not keep."""
    from .harness import ENGINE, make_unit

    tr = ENGINE.translate(make_unit("def f(xs: list[int]) -> int:\n" + body))
    assert not tr.ok and tr.reason.startswith("PT0"), tr.reason
    assert "set (Python prints its items in its hash table's order" in tr.reason, tr.reason
