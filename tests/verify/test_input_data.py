"""Arguments read by the harness as data (``harness.inputs``) instead of compiled ``match``
arms: the encoding, exact round trips through real rustc and the harness, a wrong translation
still caught, and types without a decoder left to the literals."""

from __future__ import annotations

import pytest

from pipeline.pytypes import parse
from pipeline.records import Status, VerifyVerdict
from pipeline.verify import VerifyOptions, verify_crate
from pipeline.verify.harness import HarnessCase, HarnessFn, fn_source, generate, input_data
from tests.verify.crates import Fixture, sig


def types(*names: str) -> list:
    return [parse(n) for n in names]


def test_scalars_and_containers_are_encoded() -> None:
    assert input_data(types("int", "bool", "str"), (-3, True, "é\n")) == "i-3;Ts3:é\n"
    assert input_data(types("float"), (0.5,)) == "f3fe0000000000000;"
    assert input_data(types("float"), (2,)) == input_data(types("float"), (2.0,))
    assert input_data(types("list[Optional[int]]"), ([None, 4],)) == "l2:NSi4;"
    assert input_data(types("tuple[int, str]", "bytes"), ((1, ""), b"\x00\xff")) == (
        "i1;s0:l2:i0;i255;"
    )
    assert input_data(types("None"), (None,)) == ""
    assert input_data([], ()) == ""


@pytest.mark.parametrize(
    ("spelled", "value"),
    [
        ("dict[str, int]", {"a": 1}),  # the crate's own PyDict: literals
        ("set[int]", {1}),
        ("bigint", 2**70),
        ("str", "\ud800"),  # a lone surrogate is no UTF-8
        ("int", 2**63),  # does not fit (rust_literal says so first)
        ("int", True),
        ("tuple[int, int, int, int, int, int, int, int, int]", tuple(range(9))),
        # by type, also where the value needs no decoding: Option<PyDict> has no FromLit
        ("Optional[dict[int, int]]", None),
        ("list[dict[int, int]]", []),
        ("list[tuple[int, set[int]]]", []),
    ],
)
def test_what_the_harness_cannot_decode_has_no_data(spelled: str, value: object) -> None:
    assert input_data(types(spelled), (value,)) is None


def test_nine_parameters_are_too_many() -> None:
    assert input_data(types(*["int"] * 9), tuple(range(9))) is None


def test_a_function_reads_data_only_when_every_case_has_it() -> None:
    params = ((parse("int"), "value"),)
    some = HarnessFn(0, "c::f", params, parse("int"), (HarnessCase(0, ("1i64",), "i1;"),))
    mixed = HarnessFn(
        1,
        "c::g",
        params,
        parse("int"),
        (HarnessCase(1, ("1i64",), "i1;"), HarnessCase(2, ("2i64",), None)),
    )
    assert "args_of(id)" in "\n".join(fn_source(some, "c"))
    assert "args_of(id)" not in "\n".join(fn_source(mixed, "c"))
    assert generate("c", [some, mixed], False).data == "0 3:i1;\n"


PYTHON = '''
import struct
from typing import Optional


def echo(n: int, x: float, s: str, xs: list[str], o: Optional[int], p: tuple[int, bool],
         b: bytes) -> tuple[int, int, str, list[str], Optional[int], tuple[int, bool], list[int]]:
    """
    >>> echo(-9223372036854775808, -0.0, 'a"b\\\\n', ["", "ü😀"], None, (1, True), b"")
    >>> echo(9223372036854775807, 1e999, "\\n\\t", [], 7, (0, False), b"\\x00\\xff")
    >>> echo(1, -1e999, "x", ["\\n"], -1, (-1, True), b"ab")
    """
    bits = struct.unpack("<q", struct.pack("<d", x))[0]  # the float exactly
    return n, bits, s, xs, o, p, list(b)


def shout(s: str) -> str:
    return s.upper()
'''
RUST = r"""
pub fn echo(n: i64, x: f64, s: String, xs: Vec<String>, o: Option<i64>, p: (i64, bool),
            b: Vec<u8>) -> (i64, i64, String, Vec<String>, Option<i64>, (i64, bool), Vec<i64>) {
    (n, x.to_bits() as i64, s, xs, o, p, b.iter().map(|&v| v as i64).collect())
}
pub fn shout(s: String) -> String { s.to_ascii_uppercase() }
"""
ECHO = sig(
    "echo",
    "n: int; x: float; s: str; xs: list[str]; o: Optional[int]; p: tuple[int, bool]; b: bytes",
    "tuple[int, int, str, list[str], Optional[int], tuple[int, bool], list[int]]",
)


def _verdicts(rust: str) -> dict[str, VerifyVerdict]:
    fx = Fixture(crate="data", with_pyrt=False).module("mod.py", PYTHON, rust)
    fx.unit("mod.py", "echo", ECHO)
    fx.unit("mod.py", "shout", sig("shout", "s: str", "str"))
    found = verify_crate(fx.crate, fx.crate_files(), fx.python, fx.items, VerifyOptions())
    return {v.unit_id.rsplit("::", 1)[1]: v for v in found}


def test_values_read_from_data_are_exactly_the_pythons_and_a_wrong_one_is_caught() -> None:
    """Rust returns every argument as it received it (the float by its bits): any value
    that the data changed (the i64 bounds, -0.0, infinities, escapes, non-ASCII, empty
    containers, bytes; the drawn strings and floats) would be a mismatch. And a wrong
    translation whose inputs come from the data is caught: to_ascii_uppercase leaves "ü"
    alone, str.upper() does not."""
    found = _verdicts(RUST)
    assert found["echo"].status == Status.VERIFIED, found["echo"].reason
    assert found["echo"].inputs_tried > 16
    assert found["shout"].status == Status.MISMATCH, found["shout"].reason
    right = _verdicts(RUST.replace("s.to_ascii_uppercase()", "s.to_uppercase()"))
    assert right["shout"].status == Status.VERIFIED, right["shout"].reason
