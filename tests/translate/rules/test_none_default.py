"""The ``None``-default idiom of a parameter changed in place (nonedefault.py): translated to
``Option<&mut T>`` with a fresh container at the head, refused in every other form, and
verified end to end by the real verifier on both paths (None and a caller's container)."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.records import Status
from pipeline.translate.rules.analysis import ownership
from pipeline.translate.rules.analysis.infer import Infer
from pipeline.translate.rules.diagnostics import Where
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.front.lower import import_map, lower_function
from pipeline.verify import VerifyOptions, verify_unit

from .harness import compile_module, make_unit, rustc

MODULE = '''
from typing import Dict, List, Optional, Set


def fib_dict_memo(n: int, memo: Optional[Dict[int, int]] = None) -> int:
    """>>> fib_dict_memo(50)"""
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_dict_memo(n - 1, memo) + fib_dict_memo(n - 2, memo)
    return memo[n]


def ways(n: int, memo: Optional[Dict[int, int]] = None) -> int:
    if memo is None:
        memo = {}
    if n < 2:
        return 1
    if n not in memo:
        memo[n] = (ways(n - 1, memo) + ways(n - 2, memo)) % 1000003
    return memo[n]


def mutable_default_safe(item: int, bucket: Optional[List[int]] = None) -> List[int]:
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


def two(a: int, seen: Optional[Set[int]] = None, log: Optional[List[str]] = None) -> int:
    if seen is None:
        seen = set()
    if log is None:
        log = ["start"]
    seen.add(a)
    log.append(str(a))
    return len(seen) + len(log)


def read_only_head_first(n: int, xs: Optional[List[int]] = None,
                         memo: Optional[Dict[int, int]] = None) -> int:
    if xs is None:
        xs = [1, 2]
    if memo is None:
        memo = {}
    memo[n] = len(xs)
    return sum(xs) + len(memo)


def callers(n: int) -> int:
    cache: Dict[int, int] = {}
    first = ways(n % 50, cache)
    return first + ways(n % 40, memo=cache) + len(cache) + len(mutable_default_safe(n))
'''


def translate(src: str, context: dict[str, str] | None = None):
    return RuleEngine().translate(make_unit(src, context))


def rust_of(name: str) -> str:
    """The Rust of one function of MODULE (its siblings as context)."""
    tree = {n: textwrap.dedent(s) for n, s in _functions().items()}
    tr = translate(tree[name], {k: v for k, v in tree.items() if k != name})
    assert tr.ok, tr.reason
    return tr.rust


def _functions() -> dict[str, str]:
    import ast

    module = ast.parse(MODULE)
    lines = MODULE.splitlines()
    return {
        n.name: "\n".join(lines[n.lineno - 1 : n.end_lineno])
        for n in module.body
        if isinstance(n, ast.FunctionDef)
    }


def test_parameter_is_an_option_of_a_borrow_and_the_head_a_fresh_container() -> None:
    rust = rust_of("fib_dict_memo")
    assert "memo: Option<&mut crate::pyrt::PyDict<i64, i64>>" in rust
    assert "let mut new_memo = crate::pyrt::PyDict::new();" in rust
    assert "let memo = memo.unwrap_or(&mut new_memo);" in rust
    assert "fib_dict_memo(n - 1, Some(&mut *memo))" in rust  # reborrowed, usable after
    assert "is_none" not in rust and "unwrap()" not in rust


def test_returned_parameter_is_a_clone_and_literal_heads_keep_their_items() -> None:
    assert "bucket.clone()" in rust_of("mutable_default_safe")
    rust = rust_of("two")
    assert "let mut new_seen = std::collections::HashSet::new();" in rust
    assert 'let mut new_log = vec!["start".to_string()];' in rust


def test_a_read_only_parameter_keeps_its_own_head() -> None:
    rust = rust_of("read_only_head_first")
    assert "mut xs: Option<Vec<i64>>" in rust and "xs = Some(vec![1, 2]);" in rust
    assert "let memo = memo.unwrap_or(&mut new_memo);" in rust


def test_callers_pass_none_when_omitting_and_some_of_a_borrow_otherwise() -> None:
    rust = rust_of("callers")
    assert "ways(crate::pyrt::modulo(n, 50), Some(&mut cache))" in rust  # positional
    assert "ways(crate::pyrt::modulo(n, 40), Some(&mut cache))" in rust  # memo=cache
    assert "mutable_default_safe(n, None)" in rust  # omitted


def test_ownership_gives_the_optmut_mode() -> None:
    fn = lower_function(
        textwrap.dedent(_functions()["mutable_default_safe"]),
        Where(1),
        import_map(("from typing import List, Optional",)),
    )
    typed = Infer(fn, {}.get, {}, lambda s: None).run()  # type: ignore[arg-type]
    own = ownership.analyze(typed, {}.get)
    assert own.modes == {"item": "value", "bucket": "optmut"}


STILL_REFUSED = [
    (
        """
    def late(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        k = n + 1
        if memo is None:
            memo = {}
        memo[n] = k
        return len(memo)
    """,
        "PT030",
        "parameter memo is both changed in place and rebound (the `None` default "
        "idiom is translated only as a first `if memo is None: memo = <new container>`",
    ),
    (
        """
    def rebinds(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        if memo is None:
            memo = {}
        memo[n] = n
        memo = {1: 2}
        memo[3] = 4
        return len(memo)
    """,
        "PT014",
        "indexing Optional[dict[int, int]]",
    ),
    (
        """
    def with_else(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        if memo is None:
            memo = {}
        else:
            memo[0] = 0
        memo[n] = n
        return len(memo)
    """,
        "PT014",
        "indexing Optional",
    ),
    (
        """
    def or_form(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        memo = memo or {}
        memo[n] = n
        return len(memo)
    """,
        "PT030",
        "memo shares a mutable object with memo",
    ),
    (
        """
    def shared(n: int, other: List[int], rows: Optional[List[List[int]]] = None) -> int:
        if rows is None:
            rows = [other]
        rows.append([n])
        return len(rows)
    """,
        "PT030",
        "rows shares a mutable object with other",
    ),
    (
        """
    def no_default(n: int, memo: Optional[Dict[int, int]]) -> int:
        if memo is None:
            memo = {}
        memo[n] = n
        return len(memo)
    """,
        "PT030",
        "parameter memo is both changed in place and rebound",
    ),
    (
        """
    def nested(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        if memo is None:
            memo = {}
        def put(k: int) -> None:
            memo[k] = k
        put(n)
        return len(memo)
    """,
        "PT014",
        "indexing Optional",
    ),
]


@pytest.mark.parametrize("src, code, text", STILL_REFUSED)
def test_other_forms_stay_refused(src: str, code: str, text: str) -> None:
    tr = translate(src)
    assert not tr.ok
    assert tr.diagnostics[0].code == code and text in tr.diagnostics[0].message, tr.diagnostics


def test_passing_an_optional_through_is_refused() -> None:
    callee = _functions()["ways"]
    tr = translate(
        """
    def relay(n: int, m: Optional[Dict[int, int]]) -> int:
        return ways(n, m)
    """,
        {"ways": callee},
    )
    assert not tr.ok and "an Optional value passed for parameter memo" in tr.reason


def test_constructor_with_the_idiom_is_refused(tmp_path) -> None:
    done = compile_module(
        tmp_path,
        "holder.py",
        """
    from typing import List, Optional


    class Holder:
        def __init__(self, n: int, items: Optional[List[int]] = None) -> None:
            if items is None:
                items = []
            items.append(n)
            self.n = n
    """,
    )
    assert any(
        "constructor parameter items is changed in place behind the `None` default idiom" in why
        for _name, why in done.refused
    ), done.refused


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_verifier_exercises_both_paths_and_compares_the_container(tmp_path) -> None:
    """The real verifier on the real engine's crate: generated inputs pass None and real
    containers; the container is compared after the call. fib_dict_memo outgrows i64 for
    n > 92 (an honest ``overflow``, like the corpus's lru_cache fib); the rest verify."""
    done = compile_module(tmp_path, "memo.py", MODULE)
    compiled = {u.qualname: (u, t) for u, t in done.items if u.id in done.outcome.compiled_ids}
    assert set(compiled) == set(_functions()), done.refused
    crate = done.outcome.crate
    expected = {"fib_dict_memo": Status.OVERFLOW}
    for name, (unit, translation) in compiled.items():
        verdict, rows = verify_unit(
            crate.name,
            crate.files,
            {done.rel: done.text},
            unit,
            translation,
            VerifyOptions(examples_per_function=25),
        )
        assert verdict.status == expected.get(name, Status.VERIFIED), (name, verdict, rows[:3])
        if name == "callers":
            continue
        compared = [r for r in rows if r.match]
        assert any(", None" in r.inputs and "=None" in r.python for r in compared), name
        assert any(
            ", None" not in r.inputs and "after:" in r.python and "=None" not in r.python
            for r in compared
        ), name
    doctest = [
        r
        for r in verify_unit(
            crate.name,
            crate.files,
            {done.rel: done.text},
            *compiled["fib_dict_memo"],
            VerifyOptions(examples_per_function=0),
        )[1]
    ]
    assert [(r.origin, r.inputs, r.python, r.outcome) for r in doctest] == [
        ("doctest", "50, None", "12586269025; after: memo=None", "match")
    ]
