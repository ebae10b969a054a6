"""Exception classes the engine does not know the bases of, and the builtin hierarchy.

A class imported from another module (``from .errors import ParseError``) is raised as a panic
named after it, but only Python knows its bases: an ``except`` naming one of its ancestors
(``except ValueError``) around it, or around a call of a sibling that raises it, is refused;
``except Exception`` catches it as Python does. The runtime's ``caught`` knows the builtin
hierarchy whole (checked against Python's ``issubclass`` for every pair), and a ``raise
NotImplementedError`` of the code is a Python exception, unlike the runtime's own limits."""

from __future__ import annotations

import builtins
import dataclasses
import subprocess

import pytest

from pipeline.pytypes import rust_str
from pipeline.translate.rules.front import hierarchy
from pipeline.translate.rules.front.lower import import_map
from pipeline.translate.rules.runtime import select as runtime
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)
from tests.translate.rules.test_classes import ENGINE, class_unit

IMPORTS = ("from .errors import ParseError, TimeoutError", "from pkg import errors")


def translate(source: str, context: dict[str, str] | None = None):
    unit = class_unit(source, context=context, kind="function")
    return ENGINE.translate(dataclasses.replace(unit, imports=IMPORTS))


RAISES_IN_TRY = """
def f(s: str) -> int:
    try:
        if not s:
            raise ParseError("empty")
        return len(s)
    except {handler}:
        return -1
"""


@pytest.mark.parametrize("handler", ["ValueError", "LookupError", "(KeyError, ValueError)"])
def test_an_ancestor_handler_around_an_imported_class_is_refused(handler: str) -> None:
    tr = translate(RAISES_IN_TRY.format(handler=handler))
    assert not tr.ok, tr.rust
    assert "around a raise of ParseError, an exception class of another module" in tr.reason
    assert tr.diagnostics[0].line == 6, tr.diagnostics


@pytest.mark.parametrize("handler", ["Exception", "BaseException"])
def test_except_exception_catches_an_imported_class_as_python_does(handler: str) -> None:
    tr = translate(RAISES_IN_TRY.format(handler=handler))
    assert tr.ok, tr.reason
    assert 'panic!("ParseError: empty")' in tr.rust, tr.rust


def test_a_call_of_a_sibling_raising_an_imported_class_is_refused_under_an_ancestor() -> None:
    parse = 'def parse(s: str) -> int:\n    if not s:\n        raise ParseError("empty")\n'
    parse += "    return len(s)\n"
    caller = "def safe(s: str) -> int:\n    try:\n        return parse(s)\n"
    tr = translate(caller + "    except ValueError:\n        return -1\n", {"parse": parse})
    assert not tr.ok and "around a raise of ParseError" in tr.reason, tr.rust
    tr = translate(caller + "    except Exception:\n        return -1\n", {"parse": parse})
    assert tr.ok, tr.reason
    # a handler around code calling nothing cannot see what the siblings raise
    alone = "def safe(s: str) -> int:\n    try:\n        x = len(s) // 0\n"
    alone += "    except ZeroDivisionError:\n        x = -1\n    return x + parse(s)\n"
    tr = translate(alone, {"parse": parse})
    assert tr.ok, tr.reason


def test_an_imported_name_shadowing_a_builtin_is_not_the_builtin() -> None:
    tr = translate(RAISES_IN_TRY.format(handler="OSError").replace("ParseError", "TimeoutError"))
    assert not tr.ok and "around a raise of TimeoutError" in tr.reason, tr.rust
    tr = translate(RAISES_IN_TRY.format(handler="TimeoutError").replace("ParseError", "KeyError"))
    assert not tr.ok and "except TimeoutError is not supported" in tr.reason, tr.rust


def test_a_module_class_of_unknown_bases_is_foreign() -> None:
    context = {"TwoBases": "class TwoBases(KeyError, ValueError):\n    pass\n"}
    chains = hierarchy.exception_classes(context)
    foreign = hierarchy.module_foreign(context, chains, IMPORTS, import_map(IMPORTS))
    assert foreign.unknown("TwoBases", {}) and foreign.unknown("ParseError", {})
    assert not foreign.unknown("KeyError", {}) and foreign.unknown("TimeoutError", {})
    tr = translate(RAISES_IN_TRY.format(handler="KeyError").replace("ParseError", "MixedError"))
    assert not tr.ok and "around a raise of MixedError" in tr.reason, tr.rust


# -- the runtime's hierarchy, against Python's ------------------------------------------------

RAISED = sorted(
    n
    for n, c in vars(builtins).items()
    if isinstance(c, type)
    and issubclass(c, Exception)
    and n.endswith("Error")
    and n not in hierarchy.EXCEPTION_ALIASES  # raised as OSError, the same class
)
# every builtin an ``except`` may name (BaseException is ``except Exception``, aliases OSError)
HANDLERS = sorted(
    set(hierarchy.BUILTIN_EXCEPTIONS) - {"BaseException", "IOError", "EnvironmentError"}
)
# classes of the standard library are panics named by their module (``stdlib_exceptions``)
DOTTED = [
    (("binascii.Error: x", "Exception"), "true"),
    (("binascii.Error: x", "binascii.Error"), "true"),
    (("binascii.Error: x", "ValueError"), "false"),  # the handler lists it when it catches it
    (("email.errors.HeaderParseError", "HeaderParseError"), "false"),
    (("bad name.Error: x", "Exception"), "false"),  # a Rust panic's text, not a class
]


LIMITS = [
    "NotImplementedError: int ** negative int gives a float",
    "NotImplementedError: int 9007199254740993 is not exactly representable as a float",
    "NotImplementedError: negative number to a fractional power is complex",
    "OverflowError: int too large to convert",
]


def caught_answers(tmp_path, pairs: list[tuple[str, str]]) -> list[str]:
    """``caught(payload, [handler])`` for each pair, as the compiled runtime answers."""
    if rustc() is None:
        pytest.fail("rustc is required for the runtime's exception hierarchy test")
    table = ",\n".join(f"    ({rust_str(p)}, {rust_str(h)})" for p, h in pairs)
    main = (
        f"pub mod pyrt;\nconst PAIRS: [(&str, &str); {len(pairs)}] = [\n{table}\n];\n"
        "fn main() {\n    for (p, h) in PAIRS {\n"
        "        let err: Box<dyn std::any::Any + Send> = Box::new(String::from(p));\n"
        '        println!("{}", crate::pyrt::caught(&err, &[h]));\n    }\n}\n'
    )
    (tmp_path / "pyrt.rs").write_text(runtime.runtime_source(["catch"]))
    (tmp_path / "main.rs").write_text(main)
    exe = tmp_path / "main"
    build = subprocess.run(
        [rustc(), "--edition", "2021", "-o", str(exe), str(tmp_path / "main.rs")],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    return subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.split()


def test_caught_is_pythons_issubclass_for_every_builtin_pair(tmp_path) -> None:
    pairs = [(f"{r}: boom", h) for r in RAISED for h in HANDLERS]
    want = [
        str(issubclass(getattr(builtins, r.split(":")[0]), getattr(builtins, h))).lower()
        for r, h in pairs
    ]
    limits = [(msg, h) for msg in LIMITS for h in ("Exception", "RuntimeError", msg[:19])]
    got = caught_answers(tmp_path, pairs + limits + [p for p, _ in DOTTED])
    wrong = [p for p, g, w in zip(pairs, got, want, strict=False) if g != w]
    assert not wrong, wrong[:10]
    rest = got[len(pairs) :]
    assert rest[: len(limits)] == ["false"] * len(limits), rest
    assert rest[len(limits) :] == [w for _, w in DOTTED], rest


# -- through rustc and the verifier ------------------------------------------------------------

SUBCLASSES = '''
def closed(n: int) -> int:
    """
    >>> closed(-5), closed(0), closed(500), closed(7)
    (-1, -2, -3, 7)
    """
    try:
        if n < 0:
            raise BrokenPipeError("pipe")
        if n == 0:
            raise NotImplementedError("zero")
        if n > 100:
            raise RecursionError("deep")
        return n
    except OSError:
        return -1
    except NotImplementedError:
        return -2
    except RuntimeError:
        return -3
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end exception hierarchy tests")
    return compile_module(tmp_path_factory.mktemp("subclasses"), "pipes.py", SUBCLASSES)


def test_builtin_subclasses_are_caught_by_their_ancestors_and_verify(compiled) -> None:
    assert_verifies(compiled, "closed", min_inputs=4)


def test_a_handler_missing_a_builtin_subclass_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "closed", '&["OSError"]', '&["TimeoutError"]')
