"""List/set/dict displays that are only compared (``[a] == [b]``, ``x in [a, b]``): nothing
keeps them, so their items are clones and the variables stay usable (was rustc E0382, a
use after move). Real engine, rustc and verifier."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import compile_module, verify_compiled

SOURCE = """
from typing import Dict, List


def same_after_change(a: Dict[str, int], b: Dict[str, int]) -> bool:
    x = dict(a)
    y = dict(b)
    r = [x] == [y]
    x["k"] = 1
    return r and len(x) > len(y) - 1


def listed(a: List[int]) -> bool:
    x = list(a)
    found = x in [x, list(reversed(x))]
    x.append(1)
    return found and len(x) > 0


def keyed(a: List[int]) -> bool:
    x = list(a)
    return {"k": x} == {"k": sorted(x)} and len(x) >= 0
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("displays"), "displays.py", SOURCE)


@pytest.mark.parametrize("qualname", ["same_after_change", "listed", "keyed"])
def test_compared_display_clones_its_items_and_verifies(compiled, qualname: str) -> None:
    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert "x.clone()" in tr.rust
    assert qualname not in dict(compiled.refused), dict(compiled.refused)
    verdict, rows = verify_compiled(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
