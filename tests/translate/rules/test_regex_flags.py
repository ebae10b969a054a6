"""``re.MULTILINE`` and ``re.DOTALL`` (flag arguments, inline ``(?m)``/``(?s)``, pattern
constants compiled with them): ``^``/``$`` at line boundaries and ``.`` over newlines, as
CPython's compiler reads them (``AT_BEGINNING_LINE``/``AT_END_LINE``, ``ANY_ALL``), built with
rustc and run against Python on texts with leading, trailing, doubled and lone newlines; the
flags the matcher does not reproduce (``re.I``, ``re.A``, scoped ``(?s:...)``) stay refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

TEXTS = [
    ("",),
    ("\n",),
    ("ab",),
    ("a\nb\n",),
    ("\n\nx y\n  z\n\n",),
    ("  lead\n\tone\nend  ",),
    ("<b>x\ny</b> <b></b>\n<b>\n</b>",),
    ("é\nü\r\nß",),
]

CONSTANTS = {
    "LEAD": 'LEAD = re.compile(r"^[ \\t]+", re.MULTILINE)',
    "BLOCK": 'BLOCK = re.compile(r"<b>(.*?)</b>", re.DOTALL)',
    "ENDS": 'ENDS = re.compile(r"""\n    \\w+   # a word\n    $     # at a line end\n""", '
    "re.M | re.VERBOSE)",
    "BOTH": 'BOTH = re.compile("^.+$", flags=re.S | re.M)',
}

CASES = [
    Case(
        """
    def constants(text: str) -> List[List[str]]:
        return [
            [LEAD.sub("", text)],
            BLOCK.findall(text),
            ENDS.findall(text),
            BOTH.findall(text),
            LEAD.split(text),
        ]
    """,
        TEXTS,
        constants=CONSTANTS,
    ),
    Case(
        """
    def calls(text: str) -> List[List[str]]:
        return [
            re.findall(r"^\\w*$", text, re.M),
            re.findall(r"^", text, flags=re.MULTILINE),
            re.findall(r"$", text, re.M),
            re.findall(r".+", text, re.DOTALL),
            re.findall(r"(?m)^.", text),
            re.findall(r"(?s).$", text),
            re.findall(r"(?ms)^.+?$", text),
            re.split(r"$", text, 0, re.M),
            re.split(r"^\\s*", text, flags=re.M),
            [re.sub(r"^", "> ", text, flags=re.M)],
            [re.sub(r"$", "!", text, 0, re.M)],
            [re.sub(r".", "-", text, count=3, flags=re.S)],
        ]
    """,
        TEXTS,
    ),
    Case(
        """
    def tests(text: str) -> List[bool]:
        return [
            re.search(r"^\\s*$", text, re.M) is not None,
            re.match(r"a$", text, re.MULTILINE) is not None,
            bool(re.fullmatch(r".*", text, re.S)),
            bool(re.fullmatch(r".*", text)),
            re.search(r"\\A\\w", text, re.M) is not None,
            re.search(r"\\w\\Z", text, re.M) is not None,
            bool(BLOCK.search(text)),
            LEAD.match(text) is None,
        ]
    """,
        TEXTS,
        constants=CONSTANTS,
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("regex_flags")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_regex_flag_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_regex_flags_behave_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


def test_flags_become_node_kinds() -> None:
    src = 'def f(s: str) -> int:\n    return len(re.findall(r"^.$", s, re.M | re.S))\n'
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    for node in ("Rx::BeginLine", "Rx::AnyAll", "Rx::EndLine"):
        assert node in tr.rust, tr.rust
    plain = RuleEngine().translate(make_unit(src.replace(", re.M | re.S", "")))
    assert "Rx::Begin," in plain.rust and "Rx::Any," in plain.rust, plain.rust


def test_a_flag_imported_from_re() -> None:
    src = 'def f(s: str) -> int:\n    return len(re.findall(r"^a", s, M))\n'
    tr = RuleEngine().translate(make_unit(src, imports=("import re", "from re import M")))
    assert tr.ok and "Rx::BeginLine" in tr.rust, tr.reason or tr.rust


@pytest.mark.parametrize(
    "body, text",
    [
        ('re.findall("ab", s, re.I)', "with these arguments"),
        ('re.findall("ab", s, re.M | re.I)', "with these arguments"),
        ('re.findall("ab", s, re.ASCII)', "with these arguments"),
        ('re.findall("ab", s, 8)', "with these arguments"),
        ('re.findall("ab", s, re.M, flags=re.M)', "with these arguments"),
        ('re.findall(r"(?i)ab", s)', "inline flags"),
        ('re.findall(r"(?s:a.)b", s)', "inline flags"),
        ('re.findall(r"a(?-s:.)", s, re.S)', "inline flags"),
        ("re.findall(s, s, re.M)", "with these arguments"),
    ],
)
def test_other_flags_are_refused(body: str, text: str) -> None:
    src = f"def f(s: str) -> int:\n    x = {body}\n    return 0\n"
    tr = RuleEngine().translate(make_unit(src, imports=("import re",)))
    assert not tr.ok and text in tr.reason, tr.reason


@pytest.mark.parametrize(
    "constant", ['P = re.compile("^a", re.I)', 'P = re.compile("^a", re.M | re.IGNORECASE)']
)
def test_a_constant_with_other_flags_is_refused(constant: str) -> None:
    src = "def f(s: str) -> int:\n    return len(P.findall(s))\n"
    tr = RuleEngine().translate(make_unit(src, constants={"P": constant}, imports=("import re",)))
    assert not tr.ok and "re.compile() is not supported" in tr.reason, tr.reason


def test_a_flag_name_bound_in_the_function_is_not_the_flag() -> None:
    src = 'def f(s: str, M: int) -> int:\n    return len(re.findall(r"^a", s, M))\n'
    tr = RuleEngine().translate(make_unit(src, imports=("import re", "from re import M")))
    assert not tr.ok, tr.rust
