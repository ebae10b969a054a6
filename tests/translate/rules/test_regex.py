"""``re`` calls on the runtime's backtracking matcher: patterns parsed by CPython's own parser,
built with rustc and run against Python on edge cases (empty matches next to others, ``$``
before a final newline, Unicode digits, spaces and word characters, lazy and greedy repeats,
alternation order, unmatched groups); the forms outside the exact subset stay refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

TEXTS = [
    ("",),
    ("a1 b22  c333\n",),
    ("x٣٤y ab_c é-ü\u2003z\t",),
    ("<a><bb>cc ddd\n\n",),
    ("cat concat cat. cats\n",),
    ("aaxbbxx",),
    ("Foo-bar baz-Qux x-",),
]

CASES = [
    Case(
        """
    def words(text: str) -> List[List[str]]:
        return [re.split(r"\\W+", text), re.split(r"\\s", text, maxsplit=2), re.split("x*", text)]
    """,
        TEXTS,
    ),
    Case(
        """
    def finds(text: str) -> List[List[str]]:
        return [
            re.findall(r"\\d+", text),
            re.findall(r"\\w+", text),
            re.findall(r"a*?b|", text),
            re.findall(r"<.+?>|[^<>\\s]{2,3}", text),
            [a + "|" + b for a, b in re.findall(r"(\\w)(\\w)?", text)],
            [a + "/" + b for a, b in re.findall(r"(c)at|(d)", text)],
            re.findall(r"(\\d)\\d", text),
        ]
    """,
        TEXTS,
    ),
    Case(
        """
    def subs(text: str) -> List[str]:
        return [
            re.sub(r"\\s+", " ", text),
            re.sub("x*", "-", text),
            re.sub(r"(\\w+)-(\\w+)", r"\\2=\\1\\n", text, count=1),
            re.sub(r"[aeiouAEIOU]", "", text),
            re.sub(r"\\b", "|", text),
            re.sub(r"(a)|b", r"[\\1]", text),
        ]
    """,
        TEXTS,
    ),
    Case(
        """
    def tests(text: str) -> List[bool]:
        return [
            re.match(r"^[A-Za-z_]\\w*$", text) is not None,
            re.fullmatch(r"[^\\n]*\\n?", text) is None,
            bool(re.search(r"\\bcat\\b", text)),
            not re.search(r"\\d$", text),
            re.search(r"\\Bat\\Z", text) is not None,
            bool(re.match(r"(?:a|ab)(?:c|bcd)(d*)", text)),
            re.search(r"b{2,}?x|é", text) is not None or re.match(r"\\s", text) is not None,
        ]
    """,
        TEXTS + [("a_1",), ("abcd",), ("9",), ("9\n",)],
    ),
    Case(
        """
    def count_matching(words: List[str]) -> int:
        return len([w for w in words if re.fullmatch(r"[a-z]+\\d?", w)])
    """,
        [(["ab", "ab1", "ab12", "", "Ab"],), ([],)],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("regex")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_regex_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_regex_behaves_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


def test_pattern_becomes_a_constant() -> None:
    tr = RuleEngine().translate(make_unit(CASES[0].source))
    assert (
        "const RX: &[crate::pyrt::Rx] = &[crate::pyrt::Rx::Rep(1, crate::pyrt::RX_MANY"
        in (tr.rust.replace("\n", " "))
        or "crate::pyrt::Rx::Rep(" in tr.rust
    ), tr.rust
    assert "regex" in tr.helpers


@pytest.mark.parametrize(
    "body, text",
    [
        ('re.findall(r"(a*)*", s)', "repeat whose body can match the empty string"),
        ('re.findall(r"(?i)ab", s)', "inline flags"),
        ('re.findall(r"(a)\\1", s)', "groupref"),
        ('re.findall(r"a(?=b)", s)', "assert"),
        ('re.findall("ab", s, re.I)', "with these arguments"),
        ('re.split(r"(,)", s)', "re.split() with a pattern that has groups"),
        ('re.sub("a", s, s)', "replacement that is not a string literal"),
        ("re.findall(s, s)", "pattern that is not a literal"),
        ('re.match("a", s).group(0)', "whose match object is used"),
        ('re.sub("a", "b", s, count=-1)', "count not a literal >= 0"),
    ],
)
def test_outside_the_subset_is_refused(body: str, text: str) -> None:
    src = f"def f(s: str) -> int:\n    x = {body}\n    return 0\n"
    tr = RuleEngine().translate(make_unit(src, imports=("import re",)))
    assert not tr.ok and text in tr.reason, tr.reason
