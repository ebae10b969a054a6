"""Lowering ``raise`` and ``except`` (mixed into the Lowerer), and what a ``general`` try may
contain.

Python exceptions are Rust panics named after their class. A class is known by its chain up to
a builtin root: the builtins, and the module's own classes (``hierarchy.exception_classes``);
an ``except`` lists the names it catches (``hierarchy.handler_subclasses``), the runtime's
``caught`` knows the builtin hierarchy. A class imported from another module, or of a form not
translated, may be raised (its panic is named after it), but an ``except`` other than
``except Exception`` around code that may raise it is refused: its bases are not known here
(``hierarchy.Foreign``).

A ``general`` try (any block as its body, back/exceptions.py) runs its body inside a closure
under ``pyrt::catch``; with a ``finally``, the handlers and the ``else`` block run inside a
second one (the guard), so that ``finally`` runs on every way out. A ``return``, ``break`` or
``continue`` leaving a closure is returned from it as a ``ControlFlow`` and taken by the try's
match. Refused here: ``return``/``break``/``continue`` inside ``finally`` (Python would drop the
pending exception or return for it)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import hierarchy
from pipeline.translate.rules.front.hierarchy import EXCEPTION_ALIASES, EXCEPTIONS
from pipeline.translate.rules.front.lower_exprs import _exception_type_name
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import walk_stmts


def check_general(t: ir.Try) -> None:
    """Refuse what a closure-protected region cannot express."""
    for s in walk_stmts(t.finalbody):
        if isinstance(s, ir.Return | ir.Break | ir.Continue):
            raise Refusal(Code.STATEMENT, f"{type(s).__name__.lower()} inside finally", s.line)


class ExceptionLowering:
    """The ``raise``/``except`` part of the Lowerer (its state: ``exceptions``, ``foreign``,
    ``handler_names``)."""

    exceptions: Mapping[str, tuple[str, ...]]
    foreign: hierarchy.Foreign
    handler_names: list[str]
    imports: dict[str, str]
    where: Where
    block: Callable[[list[ast.stmt]], list[ir.Stmt]]
    expr: Callable[[ast.expr], ir.Expr]
    at: Callable[[ir.Expr, ast.AST], ir.Expr]
    refuse: Callable[[Code, str, ast.AST], Refusal]

    def handlers(self, node: ast.Try) -> list[ir.Handler]:
        """The ``except`` clauses, in order."""
        handlers = []
        escaping = self.escaping_foreign(node.body)
        for h in node.handlers:
            if h.name is not None and _uses_exception(h.body, h.name):
                raise self.refuse(
                    Code.STATEMENT,
                    "except ... as name (the exception object is used "
                    "other than as type(name).__name__) is not supported",
                    h,
                )
            names = self.exception_names(h.type)
            self.check_foreign(h, names, escaping)
            self.handler_names.append(h.name or "")
            try:
                handlers.append(
                    ir.Handler(
                        names,
                        self.block(h.body),
                        h.name,
                        line=self.where.line(h),
                    )
                )
            finally:
                self.handler_names.pop()
        return handlers

    def escaping_foreign(self, body: list[ast.stmt]) -> list[str]:
        """The classes of unknown bases (``Foreign.unknown``) a try body may raise: those
        it raises itself, and, when it calls a definition of the module (by its name, or any
        method), those the module's definitions raise."""
        found = set()
        calls = False
        for n in (n for s in body for n in ast.walk(s)):
            calls = calls or (isinstance(n, ast.Call) and self.foreign.reaches(n.func))
            name = hierarchy.raised_name(n) if isinstance(n, ast.Raise) else None
            if name is not None and name.endswith(hierarchy.FOREIGN_SUFFIXES):
                found.update([name] if self.foreign.unknown(name, self.exceptions) else [])
        return sorted(found | self.foreign.raised) if calls else sorted(found)

    def check_foreign(self, h: ast.ExceptHandler, names: list[str], escaping: list[str]) -> None:
        """Python's ``except`` catches a class by its ancestors; the runtime knows those of the
        builtins and the module's classes only: a handler other than ``except Exception``
        around a class of unknown bases could differ from Python (caught there, not here)."""
        if "Exception" in names or not escaping:
            return
        raise self.refuse(
            Code.STATEMENT,
            f"except {names[0]} around a raise of {escaping[0]}, "
            "an exception class of another module (or of a form not translated): its bases, "
            "which decide whether the handler catches it, are not known here",
            h,
        )

    def exception_names(self, node: ast.expr | None) -> list[str]:
        """The classes an ``except`` clause names ([] for bare except / Exception)."""
        if node is None:
            return ["Exception"]
        elts = node.elts if isinstance(node, ast.Tuple) else [node]
        names = []
        for e in elts:
            name = EXCEPTION_ALIASES.get(getattr(e, "id", ""), getattr(e, "id", ""))
            builtin = name in EXCEPTIONS | {"BaseException"} and name not in self.foreign.bound
            if not isinstance(e, ast.Name) or not (
                builtin or hierarchy.raisable_name(self.exceptions, name)
            ):
                raise self.refuse(Code.STATEMENT, f"except {ast.unparse(e)} is not supported", e)
            names.append("Exception" if name == "BaseException" else name)
        return names + hierarchy.handler_subclasses(self.exceptions, names)

    def s_Raise(self, node: ast.Raise) -> ir.Stmt:
        cause = node.cause
        plain_cause = (
            cause is None
            or isinstance(cause, ast.Name)
            or (isinstance(cause, ast.Constant) and cause.value is None)
        )
        again = node.exc is None or (
            isinstance(node.exc, ast.Name) and node.exc.id in self.handler_names
        )
        if again and self.handler_names and cause is None:
            caught = node.exc.id if isinstance(node.exc, ast.Name) else ""
            return ir.Raise(caught, None, reraise=True)  # the caught exception, unchanged
        if node.exc is None or not plain_cause:
            raise self.refuse(
                Code.STATEMENT,
                "bare raise outside an except block / raise ... from <expression> is not supported",
                node,
            )
        # `from name` only chains the exception (its type and message stay): nothing to do
        exc = node.exc
        func = exc.func if isinstance(exc, ast.Call) else exc
        name = func.id if isinstance(func, ast.Name) else None
        name = EXCEPTION_ALIASES.get(name or "", name)
        known = name is not None and (
            name in EXCEPTIONS
            or name.endswith(("Error", "Exception"))
            or hierarchy.raisable_name(self.exceptions, name)
        )
        if name is None or not known:
            raise self.refuse(Code.STATEMENT, f"raise {ast.unparse(exc)} is not supported", node)
        msg = None
        if isinstance(exc, ast.Call):
            if exc.keywords or any(isinstance(a, ast.Starred) for a in exc.args):
                raise self.refuse(
                    Code.STATEMENT, "exception with keyword or starred arguments", node
                )
            if len(exc.args) > 1:  # str(E(a, b)) is str((a, b)): the tuple is its message
                msg = self.at(ir.Seq("tuple", [self.expr(a) for a in exc.args]), exc)
            elif exc.args:
                msg = self.expr(exc.args[0])
        return ir.Raise(name, msg)


def _uses_exception(body: list[ast.stmt], name: str) -> bool:
    """Whether a handler reads its ``as`` name other than as a ``raise ... from`` cause, in
    ``raise name`` or in ``type(name).__name__``."""
    raises = [n for b in body for n in ast.walk(b) if isinstance(n, ast.Raise)]
    allowed = {id(n.cause) for n in raises} | {id(n.exc) for n in raises if n.cause is None}
    allowed |= {
        id(n.value.args[0])
        for b in body
        for n in ast.walk(b)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Call)
        and _exception_type_name(n) is not None
    }
    return any(
        isinstance(n, ast.Name) and n.id == name and id(n) not in allowed
        for b in body
        for n in ast.walk(b)
    )
