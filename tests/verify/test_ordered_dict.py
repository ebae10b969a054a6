"""OrderedDict through the real verifier: generated inputs are real OrderedDicts (the child
builds them), results and mutated arguments compare in order, and translations that take the
wrong end or forget the order in ``==`` are caught as mismatches."""

from __future__ import annotations

from collections import OrderedDict

import pytest

from pipeline import codec
from pipeline.pytypes import parse, rust_literal
from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from pipeline.verify.compare import Tolerance, from_shape, same, to_shape
from pipeline.verify.strategies import generate
from tests.translate.rules.harness import compile_module

SOURCE = '''
from collections import OrderedDict
from typing import Dict, List, Tuple


def recent_first(od: "OrderedDict[str, int]", key: str) -> "OrderedDict[str, int]":
    """Move ``key`` to the front (or add it last).

    >>> recent_first({"a": 1}, "a")
    {'a': 1}
    """
    out = od.copy()
    if key in out:
        out.move_to_end(key, last=False)
    else:
        out[key] = len(out)
    return out


def drain(od: OrderedDict[int, int], n: int) -> List[Tuple[int, int]]:
    taken = []
    for _ in range(n):
        if not od:
            break
        taken.append(od.popitem(last=n % 2 == 0))
    return taken


def reversed_equal(a: OrderedDict[int, int], b: Dict[int, int]) -> Tuple[bool, bool]:
    c: OrderedDict[int, int] = OrderedDict()
    for k in reversed(list(a)):
        c[k] = a[k]
    return a == c, c == b


def by_residue(xs: List[int]) -> Dict[int, OrderedDict[int, int]]:
    out: Dict[int, OrderedDict[int, int]] = {}
    for x in xs:
        out.setdefault(x % 3, OrderedDict())[x] = x
    return out


def lru_simulation(capacity: int, accesses: List[int]) -> int:
    cache: "OrderedDict[int, bool]" = OrderedDict()
    misses = 0
    for key in accesses:
        if key in cache:
            cache.move_to_end(key)
        else:
            misses += 1
            cache[key] = True
            if len(cache) > capacity:
                cache.popitem(last=False)
    return misses
'''

ORDERED_EQ = "self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("odict"), "lru.py", SOURCE)


def verdict_of(done, name: str, files: dict[str, str] | None = None) -> tuple:
    """Unit ``name``'s (verdict, rows), against the crate's files or ``files``."""
    crate = done.outcome.crate
    unit, tr = next((u, t) for u, t in done.items if u.qualname == name)
    assert unit.id in done.outcome.compiled_ids, done.refused
    return verify_unit(
        crate.name,
        files or crate.files,
        {done.rel: done.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=25),
    )


def test_translations_verify_with_real_ordered_dicts(compiled) -> None:
    sigs = {u.qualname: t.signatures[0] for u, t in compiled.items}
    assert sigs["drain"].params[0].py_type == "OrderedDict[int, int]"
    assert sigs["drain"].params[0].mode == "mut"
    assert sigs["recent_first"].returns == "OrderedDict[str, int]"
    for name in sigs:
        verdict, rows = verdict_of(compiled, name)
        assert verdict.status == Status.VERIFIED, (name, verdict, rows[:3])
        assert verdict.inputs_tried >= 10
        # a doctest's literal {…} is a plain dict in Python: never passed as an OrderedDict
        assert all(r.origin != "doctest" or r.match is None for r in rows), rows


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("drain", ".popitem(", ".popitem(!"),  # the wrong end
        ("reversed_equal", ORDERED_EQ, "self.0 == other.0"),  # == forgetting the order
        ("recent_first", "move_to_end(key, false)", "move_to_end(key, true)"),
    ],
)
def test_wrong_translations_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    files = dict(compiled.outcome.crate.files)
    path = next(p for p, text in files.items() if old in text)
    files[path] = files[path].replace(old, new)
    verdict, rows = verdict_of(compiled, name, files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:5])


def test_codec_and_comparison_keep_ordered_dicts_apart() -> None:
    od = OrderedDict([(2, "b"), (1, "a")])
    back = codec.decode(codec.encode(od))
    assert type(back) is OrderedDict and list(back.items()) == [(2, "b"), (1, "a")]
    assert type(codec.decode(codec.encode(dict(od)))) is dict
    t = parse("OrderedDict[int, str]")
    assert to_shape(t, od) == [[2, "b"], [1, "a"]]
    with pytest.raises(TypeError):
        to_shape(t, dict(od))  # Python returned a plain dict: not what was declared
    assert not same(t, to_shape(t, od), [[1, "a"], [2, "b"]], Tolerance())
    assert type(from_shape(t, [[1, "a"]])) is OrderedDict
    assert rust_literal(t, od) == (
        "<crate::pyrt::PyOrderedDict<i64, String>>::from_pairs("
        'vec![(2i64, String::from("b")), (1i64, String::from("a"))])'
    )
    with pytest.raises(TypeError):
        rust_literal(t, dict(od))
    drawn = generate([t], 10, 0)
    assert drawn and all(type(args[0]) is OrderedDict for args in drawn)
