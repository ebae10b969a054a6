"""Compiled patterns that are module constants (``WORD = re.compile(r"[a-z]+")``) read through
their methods: each method call is the ``re`` function's call with the pattern's literal
(``front/patterns.py``), built with rustc and run against Python; ``re.VERBOSE`` patterns are
read as CPython reads them; other flags, other uses of the pattern object and a function that
rebinds the name stay refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

PATTERNS = {
    "WORD": 'WORD = re.compile(r"[a-z]+")',
    "SEP": 'SEP = re.compile(r"[-_\\s]+")',
    "PAIR": 'PAIR = re.compile(r"(\\w)=(\\w+)")',
    "NUMBER": 'NUMBER = re.compile(r"""\n    ^[+-]?   # sign\n    \\d+     # digits\n'
    '    (?:\\.\\d+)?$  # fraction\n""", re.VERBOSE)',
    "ROMAN": 'ROMAN = re.compile("^M{0,4}(CM|CD|D?C{0,3})$", flags=re.X | re.UNICODE)',
}
TEXTS = [("",), ("ab cd-ef__g",), ("x=1 y=22 -3.5",), ("+12.5",), ("MCM",), ("é a=b\n",)]

CASES = [
    Case(
        """
    def scan(text: str) -> List[List[str]]:
        return [WORD.findall(text), SEP.split(text), SEP.split(text, 1), SEP.split(text, 2)]
    """,
        TEXTS,
        constants=PATTERNS,
    ),
    Case(
        """
    def subs(text: str) -> List[str]:
        return [SEP.sub("-", text), PAIR.sub(r"\\2:\\1", text), WORD.sub("", text, count=1)]
    """,
        TEXTS,
        constants=PATTERNS,
    ),
    Case(
        """
    def tests(text: str) -> List[bool]:
        out = [NUMBER.match(text) is not None, bool(ROMAN.fullmatch(text))]
        if WORD.search(text):
            out.append(True)
        out.append(not PAIR.match(text))
        return out
    """,
        TEXTS,
        constants=PATTERNS,
    ),
    Case(
        """
    def pairs(text: str) -> List[str]:
        return [k + v for k, v in PAIR.findall(text)]
    """,
        TEXTS,
        constants=PATTERNS,
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("patterns")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_pattern_constant_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_pattern_constants_behave_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


@pytest.mark.parametrize(
    "constant, body, text",
    [
        ('P = re.compile("ab", re.I)', "len(P.findall(s))", "re.compile() is not supported"),
        ('P = re.compile("ab", 64)', "len(P.findall(s))", "re.compile() is not supported"),
        ('P = re.compile(s0 + "b")', "len(P.findall(s))", "re.compile() is not supported"),
        ('P = re.compile("a(?=b)")', "len(P.findall(s))", "assert"),
        ('P = re.compile("ab")', "len(P.findall(s, 1))", "with these arguments"),
        ('P = re.compile("ab")', "len(P.pattern)", "re.compile() is not supported"),
        ('P = re.compile("ab")', "len(g(P))", "re.compile() is not supported"),
        ('P = re.compile("a(b)")', "len(P.match(s).group(1))", "match object is used"),
    ],
)
def test_other_pattern_uses_are_refused(constant: str, body: str, text: str) -> None:
    src = f"def f(s: str) -> int:\n    return {body}\n"
    unit = make_unit(src, constants={"P": constant}, imports=("import re",))
    tr = RuleEngine().translate(unit)
    assert not tr.ok and text in tr.reason, tr.reason


def test_a_local_of_the_same_name_is_not_the_constant() -> None:
    src = "def f(s: str) -> int:\n    P = s\n    return len(P.split(s))\n"
    unit = make_unit(src, constants={"P": 'P = re.compile("a")'}, imports=("import re",))
    tr = RuleEngine().translate(unit)
    assert tr.ok and "regex" not in tr.helpers, tr.rust  # str.split of the local
    shadow = "def f(s: str, re: str) -> bool:\n    return P.match(s) is not None\n"
    unit = make_unit(shadow, constants={"P": 'P = re.compile("a")'}, imports=("import re",))
    tr = RuleEngine().translate(unit)
    assert not tr.ok, tr.rust
