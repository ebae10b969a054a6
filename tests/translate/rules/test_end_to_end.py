"""End to end: translated functions compile with rustc and behave like the Python originals."""

from __future__ import annotations

import pytest

from .cases import ALL
from .harness import assert_like_python, build_and_run, rustc

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One rustc build for every case."""
    return build_and_run(ALL, str(tmp_path_factory.mktemp("e2e")))


def test_everything_compiles(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_behaves_like_python(built, case) -> None:
    assert_like_python(built, case)
