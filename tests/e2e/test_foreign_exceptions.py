"""An exception class of another module of the repository, raised in one module and caught by
its builtin ancestor's ``except``. Since the class travels with its users (f8c4ad5: a class of
another module in the same partition joins the unit with its bases), the handler is translated
knowing ``ParseError`` is a ``ValueError``: verified, and `compiled` under --no-exec, with the
Rust handler naming the class (LocalCluster, rule engine, rustc, verifier's sandbox). Translated
alone, without the class, the handler is refused: tests/translate/rules/test_foreign_exceptions.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

ERRORS = '''\
class ParseError(ValueError):
    """Bad input."""
'''

PARSER = '''\
from .errors import ParseError


def parse(s: str) -> int:
    """
    >>> parse("abc")
    3
    """
    if not s:
        raise ParseError("empty")
    return len(s)


def safe(s: str) -> int:
    try:
        return parse(s)
    except ValueError:
        return -1


def inline(s: str) -> int:
    try:
        if not s:
            raise ParseError("empty")
        return len(s)
    except ValueError:
        return -1


def broad(s: str) -> int:
    """
    >>> broad(""), broad("ab")
    (-1, 2)
    """
    try:
        if not s:
            raise ParseError("empty")
        return len(s)
    except Exception:
        return -1
'''

CAUGHT = 'crate::pyrt::caught(&err, &["ValueError", "ParseError"])'


def run_once(tmp: Path, client: Client, verify: bool) -> dict[str, dict]:
    pkg = tmp / "proj" / "pkg"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "errors.py").write_text(ERRORS)
    (pkg / "parser.py").write_text(PARSER)
    out = tmp / ("verified" if verify else "noexec")
    cfg = RunConfig(
        verify={"enabled": verify, "examples_per_function": 6, "call_timeout_s": 2.0},
        cache={"url": "none://"},
    )
    run([str(tmp / "proj")], str(out), cfg, client)
    return {r["qualname"]: r for r in rows(out) if r["kind"] != "file"}


@pytest.mark.timeout(600)
def test_a_class_of_another_module_is_never_caught_wrongly(tmp_path: Path) -> None:
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        got = run_once(tmp_path, client, verify=True)
        noexec = run_once(tmp_path, client, verify=False)
    for name in ("safe", "inline", "ParseError", "parse", "broad"):
        assert got[name]["status"] == "verified", got[name]
        assert noexec[name]["status"] == "compiled", noexec[name]
        assert got[name]["in_crate"] and noexec[name]["in_crate"], name
    rust = (tmp_path / "verified" / "crates" / "proj" / "src" / "pkg" / "parser.rs").read_text()
    assert rust.count(CAUGHT) == 2, rust  # safe and inline catch ParseError by ValueError
