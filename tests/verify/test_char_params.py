"""A ``str`` parameter passed to ``ord`` is drawn mostly as one character (verify/inputs.py
``char_params``): ``ord`` raises TypeError on any other length, so strings of any length
mostly tested that raise, and refuted a typing taken from usage (``untested``)."""

from __future__ import annotations

from pathlib import Path

from pipeline.onefile import translate_file
from pipeline.pytypes import PyType
from pipeline.verify.inputs import InputRequest, char_params
from pipeline.verify.strategies import draw_stream

STR, INT = PyType("str"), PyType("int")


def request(source: str, name: str, params: list[str], types: list[PyType]) -> InputRequest:
    return InputRequest(f"m.py::{name}", name, params, types, source)


def test_only_str_parameters_passed_straight_to_ord_and_never_rebound() -> None:
    source = (
        "def code(c, k):\n    return ord(c) + k\n"
        "def both(a, b):\n    return chr(ord(a) + len(b))\n"
        "def rebound(c):\n    c = c[0]\n    return ord(c)\n"
        "def nested(c):\n    return [ord(c) for c in c]\n"
        "def inner(c):\n    f = lambda c: ord(c)\n    return f(c[0])\n"
        "class K:\n    def m(self, c):\n        return ord(c)\n"
    )
    assert char_params(request(source, "code", ["c", "k"], [STR, INT])) == {0}
    assert char_params(request(source, "code", ["c", "k"], [INT, INT])) == set()
    assert char_params(request(source, "both", ["a", "b"], [STR, STR])) == {0}
    assert char_params(request(source, "rebound", ["c"], [STR])) == set()
    assert char_params(request(source, "nested", ["c"], [STR])) == set()
    assert char_params(request(source, "inner", ["c"], [STR])) == set()
    assert char_params(request(source, "K.m", ["self", "c"], [PyType("K"), STR])) == {1}


def test_char_draws_are_mostly_one_character_and_some_other_lengths() -> None:
    values = [v[0] for v in draw_stream([STR], 200, 7, chars=(0,)).take(200)]
    ones = sum(len(v) == 1 for v in values)
    assert ones >= 0.6 * len(values), ones
    assert any(len(v) != 1 for v in values)  # the raising path is still tried
    plain = [v[0] for v in draw_stream([STR], 200, 7).take(200)]
    assert sum(len(v) == 1 for v in plain) < 0.3 * len(plain)  # other str draws unchanged


def test_untyped_ord_parameter_verifies(tmp_path: Path) -> None:
    """Real rustc and verifier: ``c`` is typed str from ``ord(c)``; on main most drawn
    strings made Python raise and the typing was refuted (``untested``)."""
    path = tmp_path / "m.py"
    path.write_text(
        "def code(c):\n    return ord(c) - ord('a')\n\n\n"
        "def shift(c, k: int) -> str:\n    return chr((ord(c) - 97 + k) % 26 + 97)\n"
    )
    result = translate_file(str(path))
    status = {name: (st, why) for name, st, _, why in result.outcomes}
    assert status["code"][0] == "verified", status
    assert status["shift"][0] == "verified", status
