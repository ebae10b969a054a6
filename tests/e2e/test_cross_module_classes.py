"""Classes of another module of the package (units/crossconst.py): as parameter types,
constructors, attribute reads and method calls, through the whole pipeline on the probe
package tests/pkgprobe2 (src layout, NamedTuple and dataclass classes) with real rustc and
the verifier's sandbox, which imports the package as it ships."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

PROBE = Path(__file__).resolve().parents[1] / "pkgprobe2"

# pkg/__init__.py replaces geom.Point before use.py imports it: use's Point is Other, and a
# Rust Point would be wrong; geom.Twice is defined twice (the first def is dead)
PATCHED = {
    "pyproject.toml": '[project]\nname = "patchedcls"\nversion = "0.1"\n',
    "src/patchedcls/__init__.py": "from . import geom\n\ngeom.Point = geom.Other\n"
    "from . import use  # noqa: E402\n",
    "src/patchedcls/geom.py": "class Point:\n    def __init__(self, x: int) -> None:\n"
    "        self.x = x\n\n\nclass Other:\n    def __init__(self, x: int) -> None:\n"
    "        self.x = x + 1\n\n\nclass Twice:\n    def __init__(self, x: int) -> None:\n"
    "        self.x = x\n\n\nclass Twice:  # noqa: F811\n    def __init__(self, x: int) -> None:\n"
    "        self.x = -x\n",
    "src/patchedcls/use.py": "from .geom import Point, Twice\n\n\n"
    "def px(x: int) -> int:\n    return Point(x).x\n\n\n"
    "def tx(x: int) -> int:\n    return Twice(x).x\n",
    "src/patchedcls/bymodule.py": "import patchedcls.geom as g\n\nfrom . import geom\n\n\n"
    "def mx(x: int) -> int:\n    return geom.Point(x).x\n\n\n"
    "def gx(x: int) -> int:\n    return g.Point(x).x\n",
}


# an empty package __init__ binds nothing: `from . import geom` is the module
EMPTY_INIT = {
    "pyproject.toml": '[project]\nname = "emptyinit"\nversion = "0.1"\n',
    "src/emptyinit/__init__.py": "",
    "src/emptyinit/geom.py": "def total(a: int, b: int) -> int:\n    return a + b\n",
    "src/emptyinit/ops.py": "from . import geom\n\n\n"
    "def twice(x: int) -> int:\n    return geom.total(x, x)\n",
}


@pytest.mark.timeout(900)
def test_classes_across_modules(tmp_path: Path) -> None:
    patched, empty = tmp_path / "patchedcls", tmp_path / "emptyinit"
    for root, files in ((patched, PATCHED), (empty, EMPTY_INIT)):
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(PROBE), str(patched), str(empty)], str(tmp_path / "out"), cfg, client)
    every = rows(tmp_path / "out")
    crate = tmp_path / "out" / "crates" / "pkgprobe2"
    got = {r["qualname"]: r for r in every if r["repo"] == "pkgprobe2"}
    # parameter types (dist, right, widest: list[Rect]), constructors and method calls, a
    # NamedTuple built and returned (flipped), a dataclass, a function of geom taking a geom
    # class nested as a copy (pair_total), a class reached through the package's re-export
    for name in ("dist", "origin_norm", "make_pair", "pair_total", "right", "rect_area"):
        assert got[name]["status"] == "verified", got[name]
    for name in ("widest", "manhattan", "flipped", "seg_width"):
        assert got[name]["status"] == "verified", got[name]
    # through module names: from . import geom; import pkg.geom as g; import pkg.geom
    for name in ("via_module", "via_alias", "via_path"):
        assert got[name]["status"] == "verified", got[name]
    # a parameter named like the attribute (total): geom.total stays an attribute, refused
    assert got["shadowed"]["status"] == "unsupported", got["shadowed"]
    assert "unknown name geom" in got["shadowed"]["reason"]
    via = next(crate.rglob("pshapes/via.rs")).read_text()
    assert "const SCALE: i64 = 10;" in via and "fn bigger(p: &Pair) -> i64 {" in via
    ops = next(crate.rglob("pshapes/ops.rs")).read_text()
    assert "use crate::src::pshapes::geom::Point;" in ops  # one type for the whole crate
    assert "pub fn dist(p: &Point, q: &Point) -> i64 {" in ops
    assert "struct Point" not in ops
    build = subprocess.run(["cargo", "build", "--offline", "-q"], cwd=crate, capture_output=True)
    assert build.returncode == 0, build.stderr.decode()
    # a module meaning something else by a name the class's module imports: not carried
    assert got["rect_plus"]["status"] == "unsupported", got["rect_plus"]
    # Segment's values hold Points, and clash.py has no Point to build them from
    assert got["seg_dx"]["status"] == "unsupported", got["seg_dx"]
    assert "PT040" in got["seg_dx"]["reason"] and "Point" in got["seg_dx"]["reason"]
    # a class another module replaces, and one defined twice: never carried
    other = {r["qualname"]: r for r in every if r["repo"] == "patchedcls"}
    assert other["px"]["status"] == "unsupported", other["px"]
    assert "Point is imported from .geom" in other["px"]["reason"], other["px"]
    assert other["tx"]["status"] == "unsupported", other["tx"]
    # the replaced class through a module name, both spellings: never carried
    assert other["mx"]["status"] == "unsupported", other["mx"]
    assert other["gx"]["status"] == "unsupported", other["gx"]
    twice = next(r for r in every if r["repo"] == "emptyinit" and r["qualname"] == "twice")
    assert twice["status"] == "verified", twice
    # (geom's own Point is a mismatch: the package replaced it, and it is left out)
    assert not [
        r
        for r in every
        if r["status"] in ("mismatch", "compile_error") and r["path"] != "src/patchedcls/geom.py"
    ]
