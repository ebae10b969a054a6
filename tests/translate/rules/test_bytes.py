"""bytes values: literals, indexing to int, slices, iteration, operators and the methods the
engine translates (``Vec<u8>`` owned, ``&[u8]`` borrowed), and what it still refuses."""

from __future__ import annotations

import pytest

from pipeline.pytypes import rust_bytes
from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import make_unit

IMPORTS = ("from typing import Dict, List, Tuple",)


def translate(source: str):  # a Translation
    return RuleEngine().translate(make_unit(source, imports=IMPORTS))


def rust_of(source: str) -> str:
    tr = translate(source)
    assert tr.ok, tr.reason
    return " ".join(tr.rust.split())


def test_literal_is_a_byte_string_and_parameters_borrow_slices() -> None:
    tr = translate("def f(data: bytes) -> bytes:\n    return data + b'\\x00\"\\\\z'\n")
    assert tr.ok, tr.reason
    assert tr.signatures[0].params[0].py_type == "bytes"
    assert tr.signatures[0].returns == "bytes"
    rust = " ".join(tr.rust.split())
    assert "pub fn f(data: &[u8]) -> Vec<u8>" in rust
    assert '[data, b"\\x00\\"\\\\z".as_slice()].concat()' in rust


def test_rust_bytes_escapes_everything_outside_printable_ascii() -> None:
    assert rust_bytes(b'a"\\\n\xff ~') == 'b"a\\"\\\\\\x0a\\xff ~"'


def test_index_is_an_int_and_iteration_yields_ints() -> None:
    rust = rust_of(
        "def f(data: bytes) -> int:\n"
        "    t = data[-1]\n"
        "    for b in data:\n"
        "        t += b\n"
        "    return t\n"
    )
    assert "crate::pyrt::bytes_at(data, -1)" in rust
    assert "data.iter().map(|&b| i64::from(b))" in rust


def test_comparisons_and_membership() -> None:
    rust = rust_of(
        "def f(a: bytes, b: bytes) -> List[bool]:\n"
        "    return [a < b, a == b'x', b'ab' in a, 0 in a]\n"
    )
    assert "a < b" in rust and 'a == b"x".as_slice()' in rust
    assert 'crate::pyrt::bytes_find(a, b"ab".as_slice()) >= 0' in rust
    assert "crate::pyrt::bytes_contains(a, 0)" in rust


@pytest.mark.parametrize(
    ("call", "rust"),
    [
        ("data.decode()", 'bytes_decode(data, "utf8", "strict")'),
        ("data.decode('ASCII', errors='replace')", 'bytes_decode(data, "ascii", "replace")'),
        ("data.decode(encoding='utf_8', errors='ignore')", 'bytes_decode(data, "utf8", "ignore")'),
        ("data.hex()", "bytes_hex(data)"),
        ("bytes.fromhex(data.hex()).hex()", "bytes_fromhex(crate::pyrt::bytes_hex(data).as_str())"),
    ],
)
def test_text_conversions(call: str, rust: str) -> None:
    assert rust in rust_of(f"def f(data: bytes) -> str:\n    return {call}\n")


def test_constructors() -> None:
    rust = rust_of(
        "def f(n: int, xs: List[int]) -> bytes:\n    return bytes(n) + bytes(xs) + bytes()\n"
    )
    assert "crate::pyrt::bytes_zeros(n)" in rust
    assert "crate::pyrt::bytes_from_ints(xs)" in rust


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("return data.decode('latin-1')", "bytes.decode() other than UTF-8 or ASCII"),
        ("return data.decode(codec)", "bytes.decode() other than UTF-8 or ASCII"),
        ("return data.decode('utf-8', 'backslashreplace')", "bytes.decode() other than"),
        ("return str(data)", "call of str() with these arguments"),
        ("return f'{data}'", "bytes"),
        ("return data.center(3).decode()", "method bytes.center()"),
    ],
)
def test_refused_with_a_reason(body: str, reason: str) -> None:
    tr = translate(f"def f(data: bytes, codec: str) -> str:\n    {body}\n")
    assert not tr.ok
    assert reason in tr.reason, tr.reason


def test_partition_gives_three_bytes() -> None:
    tr = translate(
        "def f(data: bytes) -> Tuple[bytes, bytes, bytes]:\n    return data.partition(b'=')\n"
    )
    assert tr.ok, tr.reason
    assert tr.signatures[0].returns == "tuple[bytes, bytes, bytes]"
    assert 'crate::pyrt::bytes_partition(data, b"=".as_slice())' in tr.rust


def test_unbounded_int_mode_refuses_bytes() -> None:
    unit = make_unit("def f(data: bytes) -> int:\n    return data[0] * 2\n", imports=IMPORTS)
    assert RuleEngine().translate(unit).ok
    tr = RuleEngine().with_big_ints().translate(unit)
    assert not tr.ok
    assert "bytes values with unbounded ints are not supported" in tr.reason


def test_decode_and_hex_type_an_unannotated_parameter_bytes() -> None:
    tr = RuleEngine().translate(
        make_unit("def f(data, n):\n    return data[:n].hex() + data.decode('ascii', 'ignore')\n")
    )
    assert tr.ok, tr.reason
    assert tr.typing == ("data: bytes (usage)", "n: int (usage)")
    assert "pub fn f(data: &[u8], n: i64) -> String" in tr.rust
