"""The sharder's evidence for untyped parameters: literal calls in code and doctests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.config import RunConfig
from pipeline.records import FileRef
from pipeline.stages import finalize_repo, process_partition
from pipeline.units import callsites

MODULE = '''
"""Module doc.

>>> f(1, b=[2])
[2]
"""


def f(a, b=None):
    return b


def g(a: str, b=3):
    return f(a, b)


class K:
    """
    >>> f("x")
    """

    def m(self):
        return f(-4, (1.5, None)) + f(x)


def h():
    return [f(i) for i in range(3)] + f(*[1]) + f(1, {"k": {2}})
'''


def _calls() -> dict[str, tuple[str, ...]]:
    tree = ast.parse(MODULE)
    wanted = {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and callsites.needs_evidence(n)
    }
    assert wanted == {"f"}  # g's parameters are typed (annotation, int default); h has none
    return callsites.literal_calls(tree, wanted)


def test_code_calls_then_doctest_calls_with_literal_arguments_only() -> None:
    assert _calls() == {"f": ("f(-4, (1.5, None))", "f(1, {'k': {2}})", "f(1, b=[2])", "f('x')")}


def test_int_annotations_want_calls_too() -> None:
    """Calls may pass floats to an ``int`` parameter (``paramhints.widen``)."""
    tree = ast.parse("def g(a: int, b: str = 'x'):\n    return a\n\n\ng(2.5)\n")
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef) and callsites.needs_evidence(node)
    assert callsites.literal_calls(tree, {"g"}) == {"g": ("g(2.5)",)}


@pytest.mark.parametrize(
    "ann", ["list", "typing.Dict", "Any", "object", "tuple", "List[tuple]", "Dict[str, Any]"]
)
def test_bare_annotations_want_calls_too(ann: str) -> None:
    """A bare container, ``Any`` or ``object`` says no more than "untyped": calls type it."""
    tree = ast.parse(f'def g(a: {ann}):\n    """\n    >>> g([1, 2])\n    """\n')
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef) and callsites.needs_evidence(node)
    assert callsites.literal_calls(tree, {"g"}) == {"g": ("g([1, 2])",)}


def test_full_annotations_want_no_calls() -> None:
    tree = ast.parse(
        "def g(a: list[int], b: typing.Dict[str, int], c: str, d: Optional[list]):\n    return a\n"
    )
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef) and not callsites.needs_evidence(node)


def test_calls_are_capped_per_function() -> None:
    source = "def f(x):\n    return x\n" + "".join(f"f({i})\n" for i in range(40))
    calls = callsites.literal_calls(ast.parse(source), {"f"})["f"]
    assert len(calls) == callsites.MAX_CALLS and calls[0] == "f(0)"


def test_unparsable_doctest_is_ignored() -> None:
    source = 'def f(x):\n    """\n    >>> f(1 +\n    >>> f(2)\n    """\n'
    assert callsites.literal_calls(ast.parse(source), {"f"}) == {"f": ("f(2)",)}


PROSE = '''
def largest(a, b, c):
    """The largest of three.

    Examples:
        largest(7, 34, 12) == 34
        Example: largest(-1, -2, -3) -> -1.
        largest(x: int, y: int, z: int) -> int
        >>> largest(1, 2, 3)
        3
    """
    return max(a, b, c)


def words(s):
    """words("a b") ➞ ["a", "b"]
    words(text) -> list (a name, not a literal: no evidence)
    """
    return s.split()
'''


def test_prose_examples_in_docstrings_are_calls_like_doctests() -> None:
    assert callsites.literal_calls(ast.parse(PROSE), {"largest", "words"}) == {
        "largest": ("largest(1, 2, 3)", "largest(7, 34, 12)", "largest(-1, -2, -3)"),
        "words": ("words('a b')",),
    }


def test_prose_examples_reach_the_engine_and_verify(tmp_path: Path) -> None:
    path = tmp_path / "prose.py"  # the prose line is the only evidence: no doctest, no call
    path.write_text(
        'def largest(a, b, c):\n    """largest(7, 34, 12) == 34"""\n    return max(a, b, c)\n'
    )
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    part = process_partition([FileRef("r", "prose.py", str(path), path.stat().st_size)], cfg)
    rows = {r.qualname: r for r in finalize_repo("r", cfg, None, part).records}
    assert rows["largest"].status == "verified", rows["largest"].reason


PROSE_FORMS = '''
def double(n):
    """Double it.

    for example: double(1) => 2
    Example: double(5) returns 10
    double(4) should return 8
    double(6)  -->  12
    double(7) = 14
    * double(8) ==> 16
    the result of double(9) is 18
    double(n) returns twice n (a name, not a literal: no evidence)
    """
    return n * 2


def kw(n=1):
    """kw(n=-1) == -1"""
    return n
'''


def test_prose_examples_in_more_forms_are_calls_too() -> None:
    # ``=`` inside the call (``n=-1``) is not the arrow: the first arrow after a whole call is
    assert callsites.literal_calls(ast.parse(PROSE_FORMS), {"double", "kw"}) == {
        "double": tuple(f"double({n})" for n in (1, 5, 4, 6, 7, 8, 9)),
        "kw": ("kw(n=-1)",),
    }
