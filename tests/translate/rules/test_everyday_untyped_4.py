"""Everyday untyped idioms found by the probe tests/algos/everyday_untyped_4.py, in functions
with no example to type them from (their parameters typed from their uses alone):

- an argument of ``bin``/``oct``/``hex`` or of ``math.gcd``/``lcm``/``isqrt``/``factorial``/
  ``comb``/``perm`` is an int (Python raises TypeError for a float); ``bin``/``oct``/``hex``
  give a str, the ``math`` ones an int (``math.gcd`` was read as a float function);
- ``divmod(a, b)`` uses its arguments as ``a // b`` and ``a % b`` do (numbers of one kind);
- ``int(x)`` / ``float(x)`` in a ``try`` whose handler catches ``ValueError`` (or
  ``Exception``, or everything) parses a text: ``x`` is a str;
- a str repeated (``"#" * n``, ``n * "-"``) is a str, so what it is added to is a str
  (``"#" * (len(s) - 4) + s[-4:]`` types ``s`` as a str).

Unit tests on the engine, then real rustc and the real verifier."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import assert_verifies, compile_module, make_unit, rustc

SOURCE = """
import math


def to_binary(n):
    return bin(n)[2:]


def count_ones(n):
    return bin(n).count("1")


def octal_string(n):
    return oct(n)[2:]


def hex_digits(n):
    return hex(n)[2:].upper()


def lcm(a, b):
    return a * b // math.gcd(a, b)


def gcd_of_list(nums):
    g = 0
    for n in nums:
        g = math.gcd(g, n)
    return g


def mask_card(number):
    return "#" * (len(number) - 4) + number[-4:]


def underline(title):
    return title + "\\n" + len(title) * "-"


def to_minutes(seconds):
    m, s = divmod(seconds, 60)
    return f"{m}:{s:02d}"


def split_float(x):
    return divmod(x, 0.5)


def try_parse(s):
    try:
        n = int(s)
        return n * 2
    except ValueError:
        return None


def to_float_or_zero(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def sum_valid(items):
    total = 0
    for it in items:
        try:
            total += int(it)
        except Exception:
            pass
    return total
"""


def _typing(done, name: str) -> tuple[str, ...]:
    tr = next(t for u, t in done.items if u.qualname == name)
    assert tr.ok, tr.reason
    return tr.typing


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_int_only_builtins_and_str_repeats_type_their_operands_and_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "everyday4.py", SOURCE)
    expected = {
        "to_binary": ("n: int (usage)",),
        "count_ones": ("n: int (usage)",),
        "octal_string": ("n: int (usage)",),
        "hex_digits": ("n: int (usage)",),
        "lcm": ("a: int (usage)", "b: int (usage)"),
        "gcd_of_list": ("nums: list[int] (usage)",),
        "mask_card": ("number: str (usage)",),
        "underline": ("title: str (usage)",),
        "to_minutes": ("seconds: int (usage)",),
        "split_float": ("x: float (usage)",),
        "try_parse": ("s: str (usage)",),
        "to_float_or_zero": ("text: str (usage)",),
        "sum_valid": ("items: list[str] (usage)",),
    }
    for name, typing in expected.items():
        assert _typing(done, name) == typing, name
    for name in expected:
        assert_verifies(done, name)


def test_gcd_of_floats_is_not_taken_as_numbers() -> None:
    # Python raises TypeError for math.gcd(2.0, 4): a float parameter is a conflict, refused
    src = "def f(x: float, y):\n    return math.gcd(x, y)\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok, tr.rust


def test_int_of_an_untyped_value_outside_a_value_error_handler_stays_refused() -> None:
    # ``except KeyError`` says nothing of a parse: int(x) of an unknown x is still refused
    src = "def f(x):\n    try:\n        return int(x)\n    except KeyError:\n        return 0\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "int()" in tr.reason, tr.rust
