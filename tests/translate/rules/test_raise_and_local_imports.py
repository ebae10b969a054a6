"""Exceptions raised with several arguments, function-local imports of more stdlib modules,
and the precise refusal of a ``@contextmanager`` generator as a unit of its own."""

from __future__ import annotations

import pytest

from pipeline.records import Status

from .harness import (
    ENGINE,
    compile_module,
    compiled_rust,
    crate_with_change,
    make_unit,
    rustc,
    verify_compiled,
)


def translate(source: str, imports: tuple[str, ...] = ()):
    return ENGINE.translate(make_unit(source, imports=imports))


def test_several_arguments_make_the_tuple_its_message() -> None:
    """``str(ValueError("bad", 3))`` is ``"('bad', 3)"``: the tuple is the panic message."""
    tr = translate(
        "def check(n: int) -> int:\n    if n < 0:\n        raise ValueError('negative', n)\n"
        "    return n\n"
    )
    assert tr.ok, tr.reason
    assert 'panic!("ValueError: {}", crate::pyrt::PyStr::py_str(&("negative".to_string(), n)))' in (
        tr.rust
    )


@pytest.mark.parametrize(
    ("raise_", "reason"),
    [
        ("raise ValueError('x', code=3)", "exception with keyword or starred arguments"),
        ("raise ValueError(*args)", "exception with keyword or starred arguments"),
    ],
)
def test_keywords_and_stars_stay_refused(raise_: str, reason: str) -> None:
    tr = translate(f"def f(args: tuple[int, ...]) -> int:\n    {raise_}\n")
    assert not tr.ok
    assert reason in tr.reason


def test_local_imports_of_stdlib_modules_bind_their_names() -> None:
    tr = translate(
        "def f(n: int) -> str:\n    import os\n    import struct\n    return os.sep * n\n"
    )
    assert tr.ok, tr.reason
    # a use the engine does not support is refused where it is used, naming the call
    tr = translate(
        "def f(n: int) -> int:\n    import warnings\n    warnings.warn('x')\n    return n\n"
    )
    assert not tr.ok and "warnings.warn() writes to stderr once per call site" in tr.reason
    # a module that is not on every platform stays refused at the import
    tr = translate("def f() -> int:\n    import msvcrt\n    return 1\n")
    assert not tr.ok and "import of msvcrt inside a function" in tr.reason


def test_contextmanager_generator_is_refused_precisely() -> None:
    tr = translate(
        "@contextlib.contextmanager\ndef opened(n: int):\n    yield n\n",
        imports=("import contextlib",),
    )
    assert not tr.ok
    assert "@contextlib.contextmanager generator: translated inline where a `with`" in tr.reason


SOURCE = """
def check(n: int) -> int:
    import os
    if n < 0:
        raise ValueError("negative", n, os.sep)
    return n * 2


def guarded(n: int) -> int:
    try:
        return check(n)
    except ValueError:
        return -1
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_verified_and_a_wrong_exception_class_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "checks.py", SOURCE)
    assert "panic!(" in compiled_rust(done, "check")
    for name in ("check", "guarded"):
        verdict, rows = verify_compiled(done, name, examples=30)
        assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
        assert any(r.inputs.startswith("-") for r in rows), rows  # the raising path ran
    files = crate_with_change(done, '"ValueError: {}"', '"KeyError: {}"')
    verdict, rows = verify_compiled(done, "guarded", files, examples=30)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
