"""Stable diagnostic codes of the rule engine and the exception that carries a refusal.

Every refusal names the construct it could not translate and the line in the *original* file
(``unit.first_line + node.lineno - 1``), so a user can find it without opening the unit.
"""

from __future__ import annotations

import ast
from enum import StrEnum

from pipeline.records import Diagnostic


class Code(StrEnum):
    """The stable codes of the engine's refusals; the value is what a Diagnostic carries."""

    SYNTAX = "PT001"  # syntax error in unit source
    UNIT_KIND = "PT002"  # unit kind not supported
    STATEMENT = "PT010"  # unsupported statement
    EXPRESSION = "PT011"  # unsupported expression
    CALL = "PT012"  # unsupported call or builtin
    METHOD = "PT013"  # unsupported method
    OPERATOR = "PT014"  # unsupported operator for these types
    PARAMETER_FORM = "PT015"  # unsupported parameter form
    DECORATOR = "PT016"  # unsupported decorator
    IMPORT = "PT017"  # unsupported import or module attribute
    FORMAT = "PT018"  # unsupported f-string or format spec
    UNTYPED_PARAMETER = "PT020"  # untyped parameter
    ANNOTATION = "PT021"  # type annotation outside the type language
    TYPE_CHANGE = "PT022"  # variable changes type
    UNINFERRED = "PT023"  # type could not be inferred
    TYPE_MISMATCH = "PT024"  # type mismatch
    UNKNOWN_NAME = "PT025"  # unknown name
    TYPE_OPERATION = "PT026"  # unsupported type for operation
    ALIASING = "PT030"  # aliasing of a mutable value cannot be preserved
    SET_ORDER = "PT031"  # iteration order of a set is not defined
    SCOPE = "PT032"  # variable used outside the scope Rust can give it
    CLOSURE_STATE = "PT033"  # closure state Python would share or rebind
    UNASSIGNED = "PT034"  # variable may be read before it is assigned
    SIBLING_CALL = "PT040"  # sibling call could not be typed
    CLASS_FORM = "PT050"  # class form not supported


class Refusal(Exception):
    """Raised inside a pass to refuse the unit; the engine turns it into a Diagnostic."""

    def __init__(self, code: Code, message: str, line: int | None = None) -> None:
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
    return Diagnostic(refusal.code.value, refusal.message, refusal.line)
