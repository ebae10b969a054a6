"""Untyped parameters typed ``bytes`` from their uses with bytes literals (methods str and bytes
share called with a bytes literal, ``==`` or ``in`` a tuple of bytes literals, ``b"".join``),
and ``ord()`` of a bytes value, as header sniffers (imghdr, sndhdr) write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import assert_verifies, compile_module, make_unit, rustc

SNIFF = """
def test_png(h, f):
    if h.startswith(b'\\211PNG\\r\\n\\032\\n'):
        return 'png'

def test_gif(h, f):
    if h[:6] in (b'GIF87a', b'GIF89a'):
        return 'gif'

def test_exr(h, f):
    if h.startswith((b'\\x76\\x2f\\x31\\x01', b'II')):
        return 'exr'

def test_pbm(h, f):
    if len(h) >= 3 and h[0] == ord(b'P') and h[1] in b'14' and h[2] in b' \\t\\n\\r':
        return 'pbm'

def tail(h):
    if h[-2:] == b'\\r\\n':
        return h[:-2]
    return h

def glue(parts):
    return b'-'.join(parts)

def first(h):
    return ord(h[:1])
"""


def translate(source: str):  # a Translation
    return RuleEngine().translate(make_unit(source))


@pytest.mark.parametrize(
    "body",
    [
        "    return h.startswith(b'GIF')\n",
        "    return h.endswith((b'a', b'b'))\n",
        "    return h.replace(b'\\r\\n', b'\\n')\n",
        "    return h.split(b',')\n",
        "    return h.find(b'x')\n",
        "    return h[:4] == b'RIFF'\n",
        "    return h[6:10] not in (b'JFIF', b'Exif')\n",
    ],
)
def test_a_bytes_literal_use_types_the_parameter_bytes(body: str) -> None:
    tr = translate("def f(h):\n" + body)
    assert tr.ok, tr.reason
    assert tr.typing == ("h: bytes (usage)",)
    assert "h: &[u8]" in tr.rust


def test_items_joined_by_a_bytes_literal_are_bytes() -> None:
    tr = translate("def f(parts):\n    return b', '.join(parts)\n")
    assert tr.ok, tr.reason
    assert tr.typing == ("parts: list[bytes] (usage)",)


def test_str_uses_stay_str() -> None:
    tr = translate("def f(h):\n    return h.startswith('GIF') or h == 'x'\n")
    assert tr.ok, tr.reason
    assert tr.typing == ("h: str (usage)",)


@pytest.mark.parametrize(
    "body",
    [
        "    return h == b'a' or h + 1 > 2\n",  # a number compared with bytes: no type
        "    n = h * 2.5\n    return h in (b'a', b'b')\n",
    ],
)
def test_bytes_and_number_uses_refuse_the_parameter(body: str) -> None:
    tr = translate("def f(h):\n" + body)
    assert not tr.ok
    assert "PT020 untyped parameter" in tr.reason


def test_ord_of_bytes() -> None:
    tr = translate("def f(h: bytes) -> int:\n    return ord(b'P') + ord(h[1:2])\n")
    assert tr.ok, tr.reason
    rust = " ".join(tr.rust.split())
    assert "80i64" in rust and "crate::pyrt::ord_bytes(" in rust


@pytest.mark.skipif(rustc() is None, reason="needs rustc")
def test_sniffers_compile_and_verify(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "sniff.py", SNIFF)
    for name in ("test_png", "test_gif", "test_exr", "test_pbm", "tail", "glue", "first"):
        assert_verifies(done, name)
