"""``except E as e`` whose ``e`` is read as ``str(e)`` into the message of an exception the
handler raises (``raise ConfigError(f"bad port: {e}") from e``, ``raise ValueError(str(e))``,
``raise RuntimeError(e)``): the message is the caught panic's text after its class name. A
message is never compared nor returned (the verifier compares that both sides raised, and
``str(e)`` anywhere else stays refused), so its wording cannot change a verified value; what is
verified is the class raised, shown by a mutation that raises another class, caught as
``mismatch`` by the caller's handler."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)
from tests.translate.rules.test_classes import ENGINE, class_unit


def translate(source: str):
    return ENGINE.translate(class_unit(source, kind="function"))


@pytest.mark.parametrize(
    "message",
    ['f"bad {n}: {e}"', "str(e)", "e", 'f"{e!s}"', '"bad: " + str(e)'],
)
def test_str_of_the_caught_exception_in_a_raised_message(message: str) -> None:
    tr = translate(
        f"def f(n: int) -> int:\n    try:\n        return 6 // n\n"
        f"    except ZeroDivisionError as e:\n        raise ValueError({message}) from e\n"
    )
    assert tr.ok, tr.reason
    assert "crate::pyrt::exception_str(&err)" in tr.rust, tr.rust


@pytest.mark.parametrize(
    "use",
    [
        "return str(e)",
        'raise ValueError(f"{e!r}")',
        'raise ValueError("x", e)',
        "raise ValueError(repr(e))",
        'raise ValueError(f"{e:>10}")',
        "print(e)",
    ],
)
def test_other_uses_of_the_exception_object_are_refused(use: str) -> None:
    tr = translate(
        f"def f(n: int) -> int:\n    try:\n        return 6 // n\n"
        f"    except ZeroDivisionError as e:\n        {use}\n"
    )
    assert not tr.ok and "except ... as name (the exception object is used" in tr.reason, use


# -- through rustc and the verifier ------------------------------------------------------------

SOURCE = '''
class ConfigError(Exception):
    pass


def parse_port(text: str) -> int:
    """
    >>> parse_port("80")
    80
    """
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError(f"bad port {text!r}: {exc}") from exc


def outer(text: str) -> int:
    """
    >>> outer("x"), outer("5")
    (-1, 5)
    """
    try:
        return parse_port(text)
    except ConfigError:
        return -1


def rewrap(n: int) -> int:
    """
    >>> rewrap(-1), rewrap(2)
    (-2, 2)
    """
    try:
        try:
            if n < 0:
                raise KeyError(n)
            return n
        except LookupError as e:
            raise RuntimeError(e)
    except RuntimeError:
        return -2
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end exception message tests")
    return compile_module(tmp_path_factory.mktemp("messages"), "ports.py", SOURCE)


@pytest.mark.parametrize("name", ["parse_port", "outer", "rewrap"])
def test_wrapped_exceptions_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, min_inputs=2)


def test_a_wrapper_raising_another_class_is_a_mismatch(compiled) -> None:
    assert '"ConfigError: bad port {}: {}"' in compiled_rust(compiled, "parse_port")
    assert_change_caught(compiled, "outer", '"ConfigError: bad port', '"ValueError: bad port')
