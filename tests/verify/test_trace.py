"""A repository's own tests run traced in the sandbox child (verify/trace.py, tracer.py):
real pytest, real child processes; a bad suite costs its evidence only."""

from __future__ import annotations

from pathlib import Path

from pipeline.verify.trace import TraceSettings, trace_tests
from pipeline.verify.tracer import literal

LIB = "def scale(xs, k):\n    return [x * k for x in xs]\n\n\ndef name(s, *, upper=False):\n"
LIB += "    return s.upper() if upper else s\n\n\nclass Box:\n    def get(self, n):\n"
LIB += "        return n\n\n\ndef join(sep, *parts, **opts):\n"
LIB += "    return sep.join(parts) + opts.get('end', '')\n"


def make_repo(root: Path, tests: dict[str, str]) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "lib.py").write_text(LIB)
    (root / "tests").mkdir()
    for rel, text in tests.items():
        (root / "tests" / rel).write_text("from pkg.lib import Box, name, scale\n" + text)
    return root


def trace(root: Path, timeout_s: float = 60) -> tuple[dict[str, list[str]], str]:
    tests = sorted(f"tests/{p.name}" for p in (root / "tests").glob("test_*.py"))
    got = trace_tests(str(root), "", [("pkg/lib.py", "pkg.lib")], tests, TraceSettings(timeout_s))
    calls: dict[str, list[str]] = {}
    for module, fn, text in got.calls:
        assert module == "pkg.lib"
        calls.setdefault(fn, []).append(text)
    return calls, got.note


def test_literal_calls_of_module_functions_are_recorded(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "test_a.py": "def test_a():\n    assert scale([1, 2], 3) == [3, 6]\n"
            "    assert scale((1.5,), -1) == [-1.5]\n    assert name('a', upper=True) == 'A'\n"
            "    assert Box().get(4) == 4\n    assert scale(range(2), 2) == [0, 2]\n",
        },
    )
    calls, note = trace(repo)
    # objects are not literals; methods and class bodies are not module functions
    assert calls == {
        "scale": ["scale([1, 2], 3)", "scale((1.5,), -1)"],
        "name": ["name('a', upper=True)"],
    }
    assert note.startswith("pytest exit 0; 3 calls of 2 functions kept")


def test_calls_of_star_parameters_are_recorded_as_written(tmp_path: Path) -> None:
    """``*args`` items follow the positional arguments, ``**kwargs`` become keywords: the
    call as a caller writes it (a varying number of each)."""
    repo = make_repo(
        tmp_path / "r",
        {
            "test_j.py": "from pkg.lib import join\n\ndef test_j():\n"
            "    assert join('-', 'a', 'b', end='!') == 'a-b!'\n    assert join('+') == ''\n",
        },
    )
    calls, _note = trace(repo)
    assert calls == {"join": ["join('-', 'a', 'b', end='!')", "join('+')"]}


def test_a_bad_suite_costs_its_evidence_only(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {
            "test_missing.py": "import not_installed_anywhere\n",
            "test_writes.py": "import os\n\ndef test_w():\n    open('litter.txt', 'w').write('x')\n"
            "    open(os.path.expanduser('~/x'), 'w').write('x')\n    scale([1], 2)\n",
        },
    )
    calls, note = trace(repo)
    assert calls == {"scale": ["scale([1], 2)"]}  # the file lacking a package is skipped
    assert "pytest exit 1" in note
    assert not (repo / "litter.txt").exists()  # the suite ran in a scratch copy
    hangs = make_repo(
        tmp_path / "h",
        {"test_h.py": "def test_h():\n    scale([7], 1)\n    while True:\n        pass\n"},
    )
    calls, note = trace(hangs, timeout_s=15)
    assert calls == {"scale": ["scale([7], 1)"]}  # recorded before the suite was stopped
    assert note.startswith("tests stopped after 15 s (calls seen before kept)")
    dies = make_repo(
        tmp_path / "d",
        {
            "test_d.py": "import os, time\n\ndef test_d():\n    name('z')\n"
            "    time.sleep(1)\n    os._exit(3)\n"
        },
    )
    calls, note = trace(dies)
    assert calls == {"name": ["name('z', upper=False)"]}
    assert note.startswith("tests crashed: Python child exited with code 3")


def test_literals_round_trip_or_are_refused() -> None:
    assert literal({"a": [1, (2,)], "b": {3}}) == "{'a': [1, (2,)], 'b': {3}}"
    assert literal(float("nan")) is None and literal(set()) is None
    assert literal([[[[1]]]]) is None  # deeper than MAX_DEPTH
    assert literal(b"x") is None and literal(object()) is None
