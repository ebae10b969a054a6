"""What a star import binds (units/starnames.py), and the readers it leaves untranslated.

``from math import *`` binds ``pow`` (math's, float-only), ``from os import *`` binds
``open``, ``from .helpers import *`` whatever ``helpers`` exports: a function reading such a
name reads that object, not the builtin the engine translates it as. Under ``--no-exec`` (and
``portalis translate --no-exec``) nothing runs the Python to catch it: each was wrong Rust."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.onefile import translate_file
from pipeline.records import SourceFile
from pipeline.runner import run
from pipeline.units.shard import shard_file
from pipeline.units.starnames import bound_names, literal_all
from tests.e2e.test_fault_tolerance import rows


def star(text: str, importer: str = "pkg.m", files: dict[str, str] | None = None):
    node = next(n for n in ast.parse(text).body if isinstance(n, ast.ImportFrom))
    files = files or {}

    def lookup(dotted: str) -> tuple[str, bool] | None:
        if dotted in files:
            return files[dotted], False
        if dotted + ".__init__" in files:
            return files[dotted + ".__init__"], True
        return None

    return bound_names(node, importer, False, lookup)


def refusals(text: str, path: str = "m.py") -> dict[str, str]:
    result = shard_file(SourceFile("r", path, len(text), "", text))
    assert result.error is None
    return {u.qualname: f"{d.code} {d.message}" for u, d in result.refused}


def test_stdlib_star_imports_bind_their_all_or_public_names() -> None:
    assert "pow" in star("from math import *") and "sqrt" in star("from math import *")
    assert "open" in star("from os import *")
    assert "compile" in star("from re import *")
    assert "len" not in star("from itertools import *")
    assert star("from numpy import *") is None  # third party: never imported
    assert star("from antigravity import *") is None  # an import with effects: never run


def test_repository_modules_are_read_from_their_source_never_run() -> None:
    files = {
        "pkg.h": "__all__ = ['max', 'double']\n__all__ += ['x']\ndef max(xs):\n    return 1\n",
        "pkg.plain": "import os\nfrom .h import *\ndef triple(x):\n    return 3 * x\n_p = 1\n",
        "pkg.dyn": "__all__ = [n for n in dir() if n]\n",
        "pkg.glob": "globals()['len'] = 3\n",
        "pkg.sub.__init__": "__all__ = ['sorted']\n",
        "pkg.noall.__init__": "def f():\n    pass\n",
        "pkg.tried": "__all__ = ['a']\ntry:\n    from _c import len\n    __all__.append('len')\n"
        "except ImportError:\n    pass\n",
        "pkg.redone": "__all__ = ['a']\nif X:\n    __all__ = ['b']\n",
    }
    assert star("from .h import *", files=files) == {"max", "double", "x"}
    assert star("from pkg.h import *", files=files) == {"max", "double", "x"}
    plain = star("from .plain import *", files=files)
    assert plain == {"os", "triple", "max", "double", "x"}
    assert star("from .dyn import *", files=files) is None
    assert star("from .glob import *", files=files) is None
    assert star("from .sub import *", files=files) == {"sorted"}
    assert star("from .noall import *", files=files) is None  # its submodules are names too
    assert star("from .tried import *", files=files) == {"a", "len"}  # as if it ran
    assert star("from .redone import *", files=files) is None
    assert star("from .missing import *", files=files) is None
    assert star("from .h import *", files=None) is None
    assert literal_all(ast.parse("x = 1\n")) is None


def test_readers_of_builtins_a_star_import_binds_are_refused() -> None:
    refused = refusals(
        "from math import *\n"
        "def cube(n: int) -> float:\n    return pow(n, 3)\n"
        "def count(xs: list[int]) -> int:\n    return len(xs)\n"
    )
    assert refused == {
        "cube": "PT902 reads pow: the module binds it by `from math import *` (line 1), "
        "not Python's builtin pow"
    }
    refused = refusals(
        "from numpy import *\n"
        "def inc(x: int) -> int:\n    return x + 1\n"  # int only in annotations: no value
        "def total(xs: list[int]) -> int:\n    return sum(xs)\n"
        "def via(xs: list[int]) -> int:\n    return total(xs)\n"
    )
    assert sorted(refused) == ["total", "via"]
    assert refused["total"] == (
        "PT902 reads sum: the module may bind it by `from numpy import *` (line 1), not "
        "Python's builtin sum (what that star import binds could not be read)"
    )
    text = "def f(xs: list[int]) -> int:\n    return len(xs)\n"
    assert not refusals("from builtins import *\n" + text)  # the builtins themselves
    assert not refusals("from cmath import *\n" + text)


def test_a_constant_a_later_import_may_rebind_is_no_constant() -> None:
    """``LIMIT = 10`` then ``from other import *`` (or ``try: from other import LIMIT``):
    the module's LIMIT at call time may be the imported one; it was folded as 10."""
    for later in (
        "from other import *\n",
        "try:\n    from other import LIMIT\nexcept ImportError:\n    pass\n",
        "from math import *\ne = 1\n",  # math binds e, but LIMIT is not among its names
    ):
        text = "LIMIT = 10\n" + later + "def under(x: int) -> bool:\n    return x < LIMIT\n"
        units = shard_file(SourceFile("r", "m.py", len(text), "", text)).units
        consts = [n for u in units for n, _ in u.constants]
        assert consts == (["LIMIT"] if "math" in later else []), later


def test_no_exec_translate_refuses_what_a_star_import_binds(tmp_path: Path) -> None:
    """``portalis translate --no-exec``: real rustc; ``biggest`` read the sibling's ``max``
    (its first item) and was translated as the builtin."""
    (tmp_path / "helpers.py").write_text("__all__ = ['max']\n\n\ndef max(xs):\n    return xs[0]\n")
    user = tmp_path / "user.py"
    user.write_text(
        "from math import *\nfrom .helpers import *\n\n\n"
        "def cube(n: int) -> float:\n    return pow(n, 3)\n\n\n"
        "def biggest(xs: list[int]) -> int:\n    return max(xs)\n\n\n"
        "def count(xs: list[int]) -> int:\n    return len(xs)\n"
    )
    result = translate_file(str(user), verify=False)
    refused = dict(result.refused)
    assert sorted(refused) == ["biggest", "cube"], refused
    assert "`from .helpers import *` (line 2)" in refused["biggest"]
    assert result.translated == ["count"]
    assert "pub fn count" in result.rust and "fn biggest" not in result.rust


@pytest.mark.timeout(600)
def test_no_exec_run_reads_a_sibling_module_held_by_another_partition(tmp_path: Path) -> None:
    pkg = tmp_path / "proj" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "helpers.py").write_text("__all__ = ['max']\n\n\ndef max(xs):\n    return xs[0]\n")
    (pkg / "user.py").write_text(
        "from .helpers import *\n\n\n"
        "def biggest(xs: list[int]) -> int:\n    return max(xs)\n\n\n"
        "def count(xs: list[int]) -> int:\n    return len(xs)\n"
    )
    cfg = RunConfig(partition_lines=1, verify={"enabled": False}, cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(tmp_path / "proj")], str(tmp_path / "out"), cfg, client)
    got = {r["qualname"]: r for r in rows(tmp_path / "out") if r["kind"] == "function"}
    assert got["biggest"]["status"] == "unsupported", (got["biggest"], tmp_path)
    assert "binds it by `from .helpers import *`" in got["biggest"]["reason"]
    assert got["count"]["status"] == "compiled", got["count"]
