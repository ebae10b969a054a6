"""Methods named like Rust keywords (``where``, ``type``, a ``match`` property) are raw
identifiers (``r#where``) in their definition, their calls and the verifier's entry points:
rustc accepted, verified through the class, and a wrong body caught as ``mismatch``."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

SOURCE = """
class Query:
    def __init__(self, table: str, limit: int):
        self.table = table
        self.limit = limit

    def where(self, column: str) -> str:
        return "SELECT * FROM " + self.table + " WHERE " + column

    def type(self) -> str:
        return "select"

    @property
    def match(self) -> int:
        return self.limit * 2

    def describe(self) -> str:
        return self.where("id") + " " + self.type() + " " + str(self.match)


def build(n: int) -> str:
    q = Query("users", n)
    return q.where("name") + q.type()
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the keyword method tests")
    return compile_module(tmp_path_factory.mktemp("kw"), "query.py", SOURCE)


def test_keyword_methods_are_raw_identifiers(compiled) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == "Query")
    assert tr.ok, tr.reason
    assert "pub fn r#where(&self, column: &str) -> String" in tr.rust, tr.rust
    assert "pub fn r#match(&self) -> i64" in tr.rust and "self.r#type()" in tr.rust, tr.rust
    assert {"Query::r#where", "Query::r#type", "Query::r#match"} <= {
        s.rust_name for s in tr.signatures
    }


@pytest.mark.parametrize("name", ["Query", "build"])
def test_keyword_methods_verify_end_to_end(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=12)


def test_a_wrong_keyword_method_is_a_mismatch(compiled) -> None:
    assert_change_caught(
        compiled, "Query", '"select".to_string()', '"insert".to_string()', examples=12
    )
