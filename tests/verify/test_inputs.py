"""Input building: doctests, user cases, generation (reproducible, varied), merging."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from pipeline import codec
from pipeline.pytypes import parse
from pipeline.verify import strategies
from pipeline.verify.inputs import (
    InputRequest,
    build_cases,
    coerce,
    doctest_calls,
    load_cases_file,
    user_case_args,
)
from pipeline.verify.strategies import generate

MODULE = '''
"""Module doc.

>>> f(1, [2])
"""

def f(a, xs):
    """
    >>> f(3, [1, 2])
    99
    >>> f(-4, xs=[])
    >>> f(len("x"), [1])
    >>> g(5, [1])
    >>> f(*args)
    >>> print(f(7, (8,)))
    >>> f(9, []), f(10, [0]), g(f(11, []))
    >>> list(f(12, [])); total = f(13, [])
    """
'''


def test_doctest_calls_take_literal_arguments_only() -> None:
    calls = doctest_calls(MODULE, "f", ["a", "xs"])
    assert calls == [
        (1, [2]),
        (3, [1, 2]),
        (-4, []),
        (7, (8,)),
        (9, []),
        (10, [0]),
        (11, []),
        (12, []),
        (13, []),
    ]


def test_doctests_of_an_unparsable_module_are_ignored() -> None:
    assert doctest_calls("def f(:\n", "f", ["a"]) == []


def test_a_prompt_spelled_with_an_escape_is_still_a_doctest() -> None:
    # the module is parsed for its docstrings only when a prompt may be in them
    escaped = 'def f(a):\n    """\\x3e>> f(6)\n    7\n    """\n    return a + 1\n'
    assert ">>>" not in escaped
    assert doctest_calls(escaped, "f", ["a"]) == [(6,)]
    assert doctest_calls("def f(a):\n    'f(6) is 7'\n    return a + 1\n", "f", ["a"]) == []


def test_user_cases_file(tmp_path: Path) -> None:
    path = tmp_path / "portalis_cases.json"
    path.write_text(json.dumps({"m.py::f": [[1, [2]], "3, (4, 5)"], "bad": 3}))
    cases, note = load_cases_file(str(path))
    assert note == "" and list(cases) == ["m.py::f"]
    assert [user_case_args(c, 2) for c in cases["m.py::f"]] == [(1, [2]), (3, (4, 5))]
    assert load_cases_file(str(tmp_path / "missing.json"))[1].startswith("cases file")


def test_coerce_adapts_json_values_to_the_parameter_types() -> None:
    assert coerce(parse("dict[int, set[str]]"), {"1": ["a"]}) == {1: {"a"}}
    assert coerce(parse("tuple[float, tuple[int, ...]]"), [1, [2]]) == (1.0, (2,))
    assert coerce(parse("Optional[bytes]"), "hi") == b"hi"


def _request(types: list[str], source: str = "") -> InputRequest:
    names = [f"p{i}" for i in range(len(types))]
    return InputRequest("m.py::f", "f", names, [parse(t) for t in types], source)


def test_generation_is_reproducible_and_seed_dependent() -> None:
    types = [parse("list[int]"), parse("str")]
    assert generate(types, 30, 1) == generate(types, 30, 1)
    assert generate(types, 30, 1) != generate(types, 30, 2)


def test_generated_values_cover_the_interesting_corners() -> None:
    ints = [a for (a,) in generate([parse("int")], 80, 0)]
    assert 0 in ints and min(ints) < 0 and max(ints) > 1000
    texts = [a for (a,) in generate([parse("str")], 80, 0)]
    assert (
        "" in texts
        and any(not t.isascii() for t in texts)
        and any(t.isascii() and t for t in texts)
    )
    floats = [a for (a,) in generate([parse("float")], 80, 0)]
    assert any(x % 1 == 0.5 for x in floats)
    nested = generate([parse("dict[str, list[Optional[tuple[int, float]]]]")], 30, 0)
    assert any(d and any(v for v in d[0].values()) for d in nested)


def test_merge_order_and_deduplication() -> None:
    source = '''def f(a):\n    """\n    >>> f(0)\n    >>> f(0)\n    """\n'''
    cases = build_cases(_request(["int"], source), {"m.py::f": [[0], [7], "7"]}, 20, 0)
    origins = [c.origin for c in cases.cases]
    assert origins[:2] == ["doctest", "user"] and set(origins[2:]) == {"generated"}
    keys = [c.key() for c in cases.cases]
    assert len(keys) == len(set(keys))
    assert [c.args for c in cases.cases[:2]] == [(0,), (7,)]


def test_bad_user_cases_become_notes() -> None:
    cases = build_cases(_request(["int", "int"]), {"m.py::f": [[1], "1, (", {"x": 1}]}, 0, 0)
    assert cases.cases == [] and len(cases.notes) == 3


def test_unhashable_set_members_cannot_be_generated() -> None:
    cases = build_cases(_request(["set[list[int]]"]), {}, 5, 0)
    assert cases.cases == [] and "not hashable" in cases.notes[0]


def test_zero_parameters_give_one_input() -> None:
    assert [c.args for c in build_cases(_request([]), {}, 50, 0).cases] == [()]


def test_generation_does_not_depend_on_the_process_or_cwd(tmp_path: Path) -> None:
    """Same seed, same draws in a fresh interpreter elsewhere; no ./.hypothesis written."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pipeline.pytypes import parse; from pipeline import codec;"
        "from pipeline.verify.strategies import generate;"
        "print(codec.key(codec.encode(generate([parse('str'), parse('list[int]')], 40, 9))))"
    )
    root = str(Path(__file__).resolve().parents[2])
    out = subprocess.run(
        [sys.executable, "-c", code, root], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.strip()
    here = generate([parse("str"), parse("list[int]")], 40, 9)
    assert out == codec.key(codec.encode(here))
    assert not (tmp_path / ".hypothesis").exists()


def test_the_units_literal_calls_are_inputs_after_the_doctests() -> None:
    source = 'def f(a, b):\n    """\n    >>> f(1, "x")\n    """\n'
    req = replace(_request(["int", "str"], source), calls=("f(1, 'x')", "f(5, 'y')", "g(2)"))
    cases = build_cases(req, {}, 0, 0)
    # the doctest's call is tried once; g's call is not f's
    assert [(c.origin, c.args) for c in cases.cases] == [("doctest", (1, "x")), ("call", (5, "y"))]


def test_a_draw_taken_in_pieces_is_the_draw_taken_at_once() -> None:
    """The stream behind lazy drawing: the first k inputs do not depend on what is asked
    later: taking 3, then 20, then all of a new stream gives the draw of all at once."""
    types = [parse("list[int]"), parse("str")]
    whole = generate(types, 40, 3)
    stream = strategies.DrawStream(tuple(t.render() for t in types), 40, 3, ())
    assert stream.take(3) == tuple(whole[:3])
    assert [args for args, _ in stream.keyed(20)] == whole[:20]
    assert list(stream.take(100)) == whole
    assert [key for _, key in stream.keyed(40)] == [codec.key(codec.encode(a)) for a in whole]


def test_a_stream_kept_in_the_store_goes_on_in_another_process_as_one_draw(
    tmp_path: Path,
) -> None:
    """A stream's state kept in the store: a new stream (as in the next process) starts
    where it stopped, without drawing again, and goes on to the values of one draw; an
    unreadable state is ignored (drawn again, to the same values)."""
    types = ("list[int]", "str")
    whole = generate([parse(t) for t in types], 40, 3)
    first = strategies.DrawStream(types, 40, 3, (), tmp_path)
    assert [args for args, _ in first.keyed(10)] == whole[:10]
    [kept] = tmp_path.iterdir()
    again = strategies.DrawStream(types, 40, 3, (), tmp_path)
    assert again.values == whole[:10] and again.attempt == first.attempt  # nothing redrawn
    assert [args for args, _ in again.keyed(40)] == whole
    other = strategies.DrawStream(types, 40, 4, (), tmp_path)  # another seed: its own file
    assert other.values == [] and len(list(tmp_path.iterdir())) == 1
    kept.write_bytes(b"not a pickle")
    broken = strategies.DrawStream(types, 40, 3, (), tmp_path)
    assert broken.values == [] and list(broken.take(40)) == whole
