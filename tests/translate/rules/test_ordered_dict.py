"""collections.OrderedDict: its own type (``pyrt::PyOrderedDict``, a PyDict whose ``==`` sees
order), ``move_to_end``/``popitem(last=)``, and the refusals around what it cannot do."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.runtime.select import runtime_source

from .harness import Case, assert_like_python, build_and_run, make_unit, rustc

CASES = [
    Case(
        """
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
    """,
        [
            (2, [1, 2, 1, 3, 2, 1]),
            (0, [1, 1]),
            (3, []),
            (1, [5, 5, 5]),
            (2, list(range(40)) + list(range(39, -1, -1))),
        ],
    ),
    Case(
        """
    def od_reorder(keys: List[str], front: List[str]) -> List[Tuple[str, int]]:
        od: OrderedDict[str, int] = OrderedDict()
        for i, k in enumerate(keys):
            od[k] = i
        for k in front:
            if k in od:
                od.move_to_end(k, last=False)
                od.move_to_end(k, False)
        for k in front[:1]:
            if k in od:
                od.move_to_end(k)
        return list(od.items())
    """,
        [
            (["a", "b", "c", "d"], ["c", "a"]),
            ([], ["x"]),
            (["é", "ü", "é"], ["ü", "é", "z"]),
            ([str(i) for i in range(30)], [str(i) for i in range(29, 0, -2)]),
        ],
    ),
    Case(
        """
    def od_pops(n: int, pattern: str) -> List[Tuple[int, int]]:
        od = OrderedDict((i, i * i) for i in range(n))
        out = []
        for ch in pattern:
            if ch == "L":
                out.append(od.popitem())
            elif ch == "F":
                out.append(od.popitem(last=False))
            elif ch == "f":
                out.append(od.popitem(False))
            elif ch == "M":
                od.move_to_end(out[-1][0] if out and out[-1][0] in od else n - 1)
            else:
                od[len(out) + 100] = len(od)
        return out + list(od.items())
    """,
        [
            (5, "LFfL"),
            (3, "LLL"),
            (3, "LLLL"),
            (0, "F"),
            (4, "FaFaLFMF"),
            (40, "F" * 25 + "a" * 10 + "L" * 12),
        ],
    ),
    Case(
        """
    def od_missing(n: int, key: int) -> int:
        od = OrderedDict()
        for i in range(n):
            od[i] = -i
        od.move_to_end(key)
        return list(od)[-1]
    """,
        [(3, 1), (3, 7), (0, 0)],
    ),
    Case(
        """
    def od_equality(xs: List[int], ys: List[int]) -> List[bool]:
        a = OrderedDict((x, 1) for x in xs)
        b = OrderedDict((y, 1) for y in ys)
        plain = dict.fromkeys(ys, 1)
        nested_a = [a.copy()]
        nested_b = [b.copy(), b.copy()]
        return [a == b, a != b, a == plain, plain != a, nested_a == nested_b[1:], a in nested_b,
                a.copy() == a, OrderedDict(plain) == b, dict(a) == dict(b)]
    """,
        [([1, 2], [2, 1]), ([1, 2], [1, 2]), ([], []), ([3], [3, 4]), ([1, 2, 1], [2, 1, 2])],
    ),
    Case(
        """
    def od_dict_methods(pairs: List[Tuple[str, int]],
                        probe: str) -> Tuple[int, int, int, List[str], bool, int]:
        od = OrderedDict(pairs)
        other = od.copy()
        other[probe] = 99
        got = od.get(probe, -1)
        od.setdefault(probe, 7)
        od.update({"zz": 1, probe: 3})
        popped = od.pop("zz")
        if "a" in od:
            del od["a"]
        total = sum(v for v in od.values())
        keys = [k for k in od] + list(od.keys())
        empty = not od
        od.clear()
        return got, popped, total, keys, empty or bool(od), len(other)
    """,
        [([("a", 1), ("b", 2), ("a", 3)], "b"), ([], "q"), ([("x", -1)], "x")],
    ),
    Case(
        """
    def plain_popitem(xs: List[int]) -> List[Tuple[int, int]]:
        d = {x: x + 1 for x in xs}
        out = []
        while d:
            out.append(d.popitem())
        return out
    """,
        [([3, 1, 2, 3],), ([],)],
    ),
    Case(
        """
    def counter_copy(xs: List[int]) -> int:
        c = Counter(xs)
        d = c.copy()
        d[1] += 5
        return d[12345] + d[1] + c[1]
    """,
        [([1, 1, 2],), ([],)],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One rustc build for every case."""
    return build_and_run(CASES, str(tmp_path_factory.mktemp("odict")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_behaves_like_python(built, case: Case) -> None:
    assert built.returncode == 0, built.stderr[-4000:]
    assert_like_python(built, case)


def translate(src: str):  # a Translation
    imports = (
        "from collections import Counter, OrderedDict",
        "import collections",
        "import typing",
        "from typing import Dict, List",
    )
    return RuleEngine().translate(make_unit(src, imports=imports))


def test_translation_reads_like_rust() -> None:
    tr = translate(
        'def f(xs: List[int]) -> int:\n    c: "OrderedDict[int, bool]" = '
        "OrderedDict()\n    for x in xs:\n        c[x] = True\n"
        "        c.move_to_end(x, last=False)\n    c.popitem()\n    return len(c)\n"
    )
    assert tr.ok, tr.reason
    assert (
        "let mut c: crate::pyrt::PyOrderedDict<i64, bool> = crate::pyrt::PyOrderedDict::new();"
    ) in tr.rust
    assert "c.move_to_end(&x, false);" in tr.rust and "c.popitem(true)" in tr.rust
    assert "odict" in tr.helpers


@pytest.mark.parametrize(
    "annotation",
    [
        '"OrderedDict[int, int]"',
        "OrderedDict[int, int]",
        "typing.OrderedDict[int, int]",
        "'collections.OrderedDict[int, int]'",
        "OrderedDict",
        '"typing.OrderedDict"',
    ],
)
def test_annotation_spellings(annotation: str) -> None:
    tr = translate(
        f"def f(xs: List[int]) -> bool:\n    a: {annotation} = OrderedDict()\n"
        "    b = collections.OrderedDict((x, x) for x in xs)\n    return a == b\n"
    )
    assert tr.ok, tr.reason
    assert "crate::pyrt::PyOrderedDict<i64, i64>" in tr.rust


def test_bare_annotation_leaves_the_type_to_the_value() -> None:
    tr = translate(
        "def f(xs: List[int]) -> int:\n    a: OrderedDict = {}\n"
        "    for x in xs:\n        a[x] = x\n    return len(a)\n"
    )
    assert tr.ok, tr.reason
    assert "PyOrderedDict" not in tr.rust and "PyDict" in tr.rust  # Python made a dict


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "a = OrderedDict((x, 1) for x in xs)\n    return f'{a}'",
            "PT018 line 3: OrderedDict value in a formatted string",
        ),
        ("a = OrderedDict((x, 1) for x in xs)\n    return str(a)", "call of str()"),
        ("a = OrderedDict((x, 1) for x in xs)\n    return a < a", "ordering comparison <"),
        ("a = OrderedDict(k=1)\n    return len(a)", "OrderedDict() with keyword arguments"),
        ("a = OrderedDict((x, 1) for x in xs)\n    return a == Counter(xs)", "comparison =="),
        (
            "a: 'OrderedDict[int, int]' = {}\n    return len(a)",
            "assignment expects OrderedDict[int, int], got dict",
        ),
        (
            "a = OrderedDict((x, 1) for x in xs)\n    return g(a)",
            "argument d of g expects dict[int, int], got OrderedDict[int, int]",
        ),
        (
            "a = OrderedDict((x, 1) for x in xs)\n    a.move_to_end(1, last=2)\n    return 0",
            "last= expects bool",
        ),
        (
            "a = OrderedDict((x, 1) for x in xs)\n    a.popitem(1)\n    return 0",
            "method OrderedDict[int, int].popitem() with these arguments",
        ),
        ("a = OrderedDict(set(xs))\n    return len(a)", "OrderedDict() of set[int]"),
        ("a: 'OrderedDict[int' = {}\n    return 0", "PT021 line 2: not a type"),
    ],
)
def test_refusals(body: str, text: str) -> None:
    src = f"def f(xs: List[int]) -> int:\n    {body}\n"
    imports = ("from collections import Counter, OrderedDict", "from typing import Dict, List")
    context = {"g": "def g(d: Dict[int, int]) -> int:\n    return len(d)\n"}
    tr = RuleEngine().translate(make_unit(src, context, imports=imports))
    assert not tr.ok and text in tr.reason, tr.reason


def test_runtime_emits_ordered_dict_only_when_used() -> None:
    assert "PyOrderedDict" not in runtime_source(["dict"])
    assert "pub struct PyDict" in runtime_source(["odict"])


def test_dataclass_with_an_ordered_dict_field_has_no_generated_repr(tmp_path) -> None:
    from .harness import compile_module

    done = compile_module(
        tmp_path,
        "cache.py",
        """
        from collections import OrderedDict
        from dataclasses import dataclass


        @dataclass
        class Cache:
            data: OrderedDict[int, int]

            def touch(self, k: int) -> None:
                self.data.move_to_end(k)
        """,
    )
    ((unit, tr),) = done.items
    assert unit.id in done.outcome.compiled_ids, done.refused
    assert [s.py_name for s in tr.signatures] == ["Cache", "Cache.touch"]


def test_functions_that_only_name_runtime_types_get_them(tmp_path) -> None:
    from .harness import compile_module

    done = compile_module(
        tmp_path,
        "sizes.py",
        """
        from collections import OrderedDict
        from typing import Dict


        def size(d: Dict[int, int]) -> int:
            return len(d)


        def ordered_size(od: "OrderedDict[int, int]") -> int:
            return len(od)
        """,
    )
    assert {u.qualname for u, _ in done.items} == {"size", "ordered_size"}
    assert all(u.id in done.outcome.compiled_ids for u, _ in done.items), done.refused
    helpers = {u.qualname: set(t.helpers) for u, t in done.items}
    assert "dict" in helpers["size"] and "odict" in helpers["ordered_size"]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_runtime_follows_python_through_random_operations(tmp_path) -> None:
    """PyOrderedDict against collections.OrderedDict on a seeded run of inserts, deletes,
    popitem and move_to_end at both ends (exercising tombstones, the free front slots and
    compaction), item lists compared after every step."""
    import random
    import subprocess
    from collections import OrderedDict

    rng = random.Random(7)
    od: OrderedDict[int, int] = OrderedDict()
    steps, expected = [], []
    for i in range(1500):
        k, last = rng.randrange(40), rng.random() < 0.5
        op = rng.choice(["set", "set", "del", "pop", "move", "move"])
        if op == "set":
            od[k] = i
            steps.append(f"d.insert({k}, {i});")
        elif op == "del" and k in od:
            del od[k]
            steps.append(f"d.pop(&{k});")
        elif op == "pop" and od:
            got = od.popitem(last=last)
            steps.append(f"assert_eq!(d.popitem({str(last).lower()}), {got});")
        elif op == "move" and k in od:
            od.move_to_end(k, last=last)
            steps.append(f"d.move_to_end(&{k}, {str(last).lower()});")
        else:
            continue
        steps.append('println!("{:?}", d.iter().collect::<Vec<_>>());')
        expected.append(repr(list(od.items())))
    main = (
        "mod pyrt;\nfn main() {\n    let mut d = pyrt::PyOrderedDict::<i64, i64>::new();\n"
        + "\n".join(f"    {s}" for s in steps)
        + "\n}\n"
    )
    (tmp_path / "pyrt.rs").write_text(runtime_source(["odict"]))
    (tmp_path / "main.rs").write_text(main)
    exe = tmp_path / "main"
    build = subprocess.run(
        [rustc() or "rustc", "--edition", "2021", "-o", str(exe), str(tmp_path / "main.rs")],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    out = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.splitlines() == expected
