"""Stable diagnostic codes of the rule engine and the exception that carries a refusal.

Every refusal names the construct it could not translate and the line in the *original* file
(``unit.first_line + node.lineno - 1``), so a user can find it without opening the unit.
"""

from __future__ import annotations

import ast

from pipeline.records import Diagnostic

CODES: dict[str, str] = {
    "PT001": "syntax error in unit source",
    "PT002": "unit kind not supported",
    "PT010": "unsupported statement",
    "PT011": "unsupported expression",
    "PT012": "unsupported call or builtin",
    "PT013": "unsupported method",
    "PT014": "unsupported operator for these types",
    "PT015": "unsupported parameter form",
    "PT016": "unsupported decorator",
    "PT017": "unsupported import or module attribute",
    "PT018": "unsupported f-string or format spec",
    "PT020": "untyped parameter",
    "PT021": "type annotation outside the type language",
    "PT022": "variable changes type",
    "PT023": "type could not be inferred",
    "PT024": "type mismatch",
    "PT025": "unknown name",
    "PT026": "unsupported type for operation",
    "PT030": "aliasing of a mutable value cannot be preserved",
    "PT031": "iteration order of a set is not defined",
    "PT032": "variable used outside the scope Rust can give it",
    "PT033": "closure state Python would share or rebind",
    "PT034": "variable may be read before it is assigned",
    "PT040": "sibling call could not be typed",
    "PT050": "class form not supported",
}


class Refusal(Exception):
    """Raised inside a pass to refuse the unit; the engine turns it into a Diagnostic."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.line = line


class Where:
    """Maps line numbers of the unit source to lines of the original file."""

    def __init__(self, first_line: int) -> None:
        self.offset = first_line - 1

    def line(self, node: ast.AST | int | None) -> int | None:
        """Original-file line of ``node`` (an AST node or a unit-relative line)."""
        if node is None:
            return None
        rel = node if isinstance(node, int) else getattr(node, "lineno", None)
        return None if rel is None else rel + self.offset


def diagnostic(refusal: Refusal) -> Diagnostic:
    """The record form of a refusal."""
    return Diagnostic(refusal.code, refusal.message, refusal.line)
