"""Exception classes of the standard library in ``raise`` and ``except``: ``struct.error``,
``binascii.Error`` (imported or qualified), ``errors.HeaderParseError`` through ``from email
import errors``, read from this interpreter's modules with their chains up to a builtin; the
panic is named by the class's module (``binascii.Error``), a handler lists the subclasses it
catches, and ``except ValueError`` catches ``binascii.Error`` as Python does. An ImportError's
``name=``/``path=`` keywords set attributes only and are dropped. Checked through rustc and
the real verifier, with a handler that forgets a subclass caught as ``mismatch``."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.translate.rules.front import hierarchy
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)
from tests.translate.rules.test_classes import ENGINE, class_unit

IMPORTS = (
    "import struct",
    "import binascii",
    "import io",
    "import os",
    "from binascii import Error",
    "from email import errors",
)


def translate(source: str, module: str = "m"):
    unit = class_unit(source, kind="function")
    return ENGINE.translate(dataclasses.replace(unit, imports=IMPORTS, module=module))


def test_chains_are_read_from_the_interpreters_modules() -> None:
    assert hierarchy.stdlib_chain("binascii.Error") == ("binascii.Error", "ValueError")
    assert hierarchy.stdlib_chain("struct.error") == ("struct.error", "Exception")
    assert hierarchy.stdlib_chain("os.error") == ("OSError",)
    assert hierarchy.stdlib_chain("email.errors.HeaderParseError") == (
        "email.errors.HeaderParseError",
        "email.errors.MessageParseError",
        "email.errors.MessageError",
        "Exception",
    )
    assert hierarchy.stdlib_chain("io.UnsupportedOperation") is None  # OSError and ValueError
    assert hierarchy.stdlib_chain("os.path") is None and hierarchy.stdlib_chain("no.Such") is None
    assert hierarchy.stdlib_chain("this.Error") is None  # never imported (prints on import)
    # a module of the repository's own top package: only when it is this interpreter's file
    assert hierarchy.stdlib_chain("email.errors.MessageError", ("email.mine", "0" * 64)) is None


def test_except_and_raise_of_stdlib_classes_name_them_by_module() -> None:
    tr = translate(
        """
        def f(s: str) -> int:
            try:
                if not s:
                    raise errors.HeaderParseError("empty")
                if s == "x":
                    raise Error("bad")
                return len(s)
            except (struct.error, os.error):
                return -3
            except ValueError:
                return -1
            except errors.MessageError:
                return -2
        """
    )
    assert tr.ok, tr.reason
    assert 'panic!("email.errors.HeaderParseError: empty")' in tr.rust, tr.rust
    assert 'panic!("binascii.Error: bad")' in tr.rust, tr.rust
    assert '&["struct.error", "OSError"]' in tr.rust, tr.rust
    assert '&["ValueError", "binascii.Error"]' in tr.rust, tr.rust
    assert '"email.errors.MessageError", "email.errors.HeaderParseError"' in tr.rust, tr.rust


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("except io.UnsupportedOperation:\n        return 0", "except io.UnsupportedOperation"),
        ("except os.path:\n        return 0", "except os.path is not supported"),
        ("except GeneratorExit:\n        return 0", "except GeneratorExit is not supported"),
    ],
)
def test_classes_without_one_line_of_builtin_ancestors_are_refused(body: str, message: str):
    tr = translate(f"def f(n: int) -> int:\n    try:\n        return 6 // n\n    {body}\n")
    assert not tr.ok and message in tr.reason, tr.reason


def test_a_module_of_the_own_package_is_not_read_from_the_interpreter() -> None:
    source = "def f(n: int) -> int:\n    raise errors.HeaderParseError('x')\n"
    assert translate(source).ok
    tr = translate(source, module="email.mine")  # not this interpreter's email package
    assert not tr.ok and "raise errors.HeaderParseError('x') is not supported" in tr.reason


def test_import_error_keywords_name_and_path_set_attributes_only() -> None:
    tr = translate("def f(n: str) -> int:\n    raise ImportError(f'no {n}', name=n, path='p')\n")
    assert tr.ok and 'panic!("ImportError: no {n}")' in tr.rust, tr.reason
    for call in ("ValueError('x', name=n)", "ImportError('x', name=n.upper())", "ValueError(*n)"):
        tr = translate(f"def f(n: str) -> int:\n    raise {call}\n")
        assert not tr.ok and "exception with keyword or starred arguments" in tr.reason, call


# -- through rustc and the verifier ------------------------------------------------------------

SOURCE = '''
import struct
import binascii
import os
from binascii import Error
from email import errors


def hexval(s: str) -> int:
    """
    >>> hexval("zz"), hexval("1f"), hexval("")
    (-1, 31, -2)
    """
    try:
        if not s:
            raise errors.HeaderParseError("empty: " + s)
        if not all(c in "0123456789abcdef" for c in s):
            raise binascii.Error("Non-base16 digit found")
        return int(s, 16)
    except ValueError:
        return -1
    except errors.MessageError:
        return -2


def imported(s: str) -> int:
    """
    >>> imported("x"), imported("")
    (1, -1)
    """
    try:
        if not s:
            raise Error("empty")
        return len(s)
    except Exception as exc:
        if type(exc).__name__ == "Error":
            return -1
        return -2


def dead(n: int) -> int:
    """
    >>> dead(3), dead(0)
    (1, -1)
    """
    try:
        return 6 // n - 1
    except struct.error:
        return -5
    except os.error:
        return -6
    except ZeroDivisionError:
        return -1


def missing(name: str) -> int:
    """
    >>> missing("a"), missing("zz")
    (1, -1)
    """
    try:
        if name == "zz":
            raise ModuleNotFoundError(f"no module {name!r}", name=name)
        return len(name)
    except ImportError:
        return -1
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end stdlib exception tests")
    return compile_module(tmp_path_factory.mktemp("stdexc"), "qual.py", SOURCE)


@pytest.mark.parametrize("name", ["hexval", "imported", "dead", "missing"])
def test_stdlib_exception_classes_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, min_inputs=2)


def test_a_handler_forgetting_a_stdlib_subclass_is_a_mismatch(compiled) -> None:
    assert '"ValueError", "binascii.Error"' in compiled_rust(compiled, "hexval")
    assert_change_caught(compiled, "hexval", '"ValueError", "binascii.Error"', '"ValueError"')
