"""bytes through rustc and the real verifier: drawn ``bytes`` inputs reach the Rust as
``&[u8]``, results come back as bytes and compare exactly; wrong translations (a byte read
off by one, errors='replace' decoding as 'ignore', whitespace missing a byte, an ordering
off by equality) are caught as mismatches."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
from typing import List, Tuple


def checksum(data: bytes) -> int:
    """>>> checksum(b"ab")
    195
    """
    total = 0
    for b in data:
        total = (total * 31 + b) % 65521
    return total


def framed(data: bytes, n: int) -> bytes:
    return b"\\x00\\xff" + data[1:-1] * (n % 3) + data[::2]


def order(a: bytes, b: bytes) -> List[bool]:
    return [a == b, a < b, a >= b, b"a" in a, 0 in a]


def text_of(data: bytes) -> str:
    """>>> text_of(b"ok\\xff\\xfe!")
    'ok\\ufffd\\ufffd!'
    """
    return data.decode("utf-8", "replace")


def words(data: bytes) -> List[bytes]:
    """>>> words(b" a\\x0bb\\tc ")
    [b'a', b'b', b'c']
    """
    return data.split()


def tidy(data: bytes, sep: bytes) -> bytes:
    parts = data.split(sep, 2) if sep else [data]
    return b",".join([p.strip().upper() for p in parts]).replace(b"A", b"", 1)


def halves(data: bytes, sep: bytes) -> Tuple[bytes, bytes, bytes, bytes]:
    if not sep:
        return (data, data, data, data)
    head, _, tail = data.partition(sep)
    a, b, c = data.rpartition(sep)
    return (head, tail, a + b, c)


def pieces(data: bytes, n: int) -> List[bytes]:
    """>>> pieces(b" xa ab a ", 1)
    [b' x', b' ab a ', b' xa ab ', b' ', b'a']
    """
    return data.split(b"a", n) + data.rsplit(b"a", n) + data.rsplit()[-1:]


def swap(data: bytes, old: bytes, n: int) -> bytes:
    """>>> swap(b"abc", b"", 3)
    b'<>a<>bc'
    """
    return data.replace(old, b"<>", n % 5 - 1)


def ascii_text(data: bytes) -> str:
    return data.decode("ascii", "replace") + data.decode("utf8", "ignore")


def shout(data):
    return data.decode("ascii", "replace").upper()


def roundtrip(text: str) -> str:
    """>>> roundtrip("0a ff")
    '0aff'
    """
    return bytes.fromhex(text).hex()
'''

WRONG = [
    ("checksum", "map(|&b| i64::from(b))", "map(|&b| i64::from(b) ^ 1)"),
    ("text_of", '"utf8", "replace"', '"utf8", "ignore"'),
    ("words", "b' ' | b'\\t' | b'\\n' | b'\\r' | 0x0b | 0x0c", "b' ' | b'\\t' | b'\\n' | b'\\r'"),
    ("order", "a < b", "a <= b"),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("bytes"), "codec.py", SOURCE)


def test_bytes_functions_verify(compiled) -> None:
    sigs = {u.qualname: t.signatures[0] for u, t in compiled.items}
    assert sigs["framed"].params[0].py_type == "bytes" and sigs["framed"].returns == "bytes"
    assert sigs["words"].returns == "list[bytes]"
    assert sigs["shout"].params[0].py_type == "bytes"  # typed from .decode()
    for name in sigs:
        assert_verifies(compiled, name, examples=25, min_inputs=10)


@pytest.mark.parametrize(("name", "old", "new"), WRONG, ids=[w[0] for w in WRONG])
def test_wrong_bytes_translations_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    assert_change_caught(compiled, name, old, new, examples=25)
