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
import copy
from collections.abc import Callable, Mapping

from pipeline import pytypes
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import hierarchy
from pipeline.translate.rules.front.hierarchy import (
    BUILTIN_EXCEPTIONS,
    EXCEPTION_ALIASES,
    EXCEPTIONS,
)
from pipeline.translate.rules.front.lower_exprs import _exception_type_name, is_str_of
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
                    "except ... as name (the exception object is used other than as "
                    "type(name).__name__, a raise's cause or str() in a raised exception's "
                    "message) is not supported",
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
                key = hierarchy.dotted_path(name, self.imports) or name
                found.update([name] if self.foreign.unknown(key, self.exceptions) else [])
        return sorted(found | self.foreign.raised) if calls else sorted(found)

    def raised_class(self, func: ast.expr) -> str | None:
        """The panic name of ``raise func(...)``: a known class (``known_class``) a panic may
        stand for, or a plain name of unknown bases ending in Error or Exception (``raise``
        of it is kept; ``except`` around it is checked, ``check_foreign``); else None."""
        name = self.known_class(func)
        if name is not None:
            builtin = name in BUILTIN_EXCEPTIONS and name not in self.exceptions
            if builtin and not (name in EXCEPTIONS or name.endswith(hierarchy.FOREIGN_SUFFIXES)):
                return None
            return name if self.raisable(name) else None
        if isinstance(func, ast.Name) and func.id.endswith(hierarchy.FOREIGN_SUFFIXES):
            return func.id
        return None

    def dropped_keywords(self, name: str, keywords: list[ast.keyword]) -> bool:
        """Whether the keywords of a raised class's call only set attributes no translation
        reads: ``name=`` and ``path=`` of an ImportError (not in its ``args``, so not in its
        ``str()``), each a name, a literal or an f-string of them (nothing to evaluate that
        could raise)."""
        if not keywords:
            return True
        chain = next((c for c in self.exceptions.values() if c[0] == name), (name,))
        root = BUILTIN_EXCEPTIONS.get(chain[-1])
        return (
            root is not None
            and issubclass(root, ImportError)
            and all(k.arg in ("name", "path") and hierarchy.inert(k.value) for k in keywords)
        )

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
        """The classes an ``except`` clause names, with the subclasses it also catches."""
        if node is None:
            return ["Exception"]
        elts = node.elts if isinstance(node, ast.Tuple) else [node]
        names = []
        for e in elts:
            name = self.known_class(e)
            # GeneratorExit: Python raises it into a lazy generator closed early, Rust never
            if name is None or name == "GeneratorExit" or not self.raisable(name):
                raise self.refuse(Code.STATEMENT, f"except {ast.unparse(e)} is not supported", e)
            names.append("Exception" if name == "BaseException" else name)
        return names + hierarchy.handler_subclasses(self.exceptions, names)

    def known_class(self, e: ast.expr) -> str | None:
        """The panic name of the exception class ``e`` names: a builtin (not shadowed), a
        class of the module, or one of the standard library (its qualified name,
        ``hierarchy.stdlib_chain``); None for anything else."""
        if isinstance(e, ast.Name):
            name = EXCEPTION_ALIASES.get(e.id, e.id)
            if name in self.exceptions:
                return self.exceptions[name][0]
            if name in BUILTIN_EXCEPTIONS and name not in self.foreign.bound:
                return name
        written = pytypes.dotted_name(e)
        path = hierarchy.dotted_path(written, self.imports) if written is not None else None
        chain = self.exceptions.get(path) if path is not None else None
        return chain[0] if chain is not None else None

    def raisable(self, name: str) -> bool:
        """Whether the class of panic name ``name`` is one a panic may stand for (builtins:
        any; ``except BaseException`` is ``except Exception``, see ``hierarchy.raisable``)."""
        chains = [c for c in self.exceptions.values() if c[0] == name]
        return all(hierarchy.raisable(c) for c in chains)

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
        exc = with_message_strs(node, self.handler_names)
        assert exc is not None
        func = exc.func if isinstance(exc, ast.Call) else exc
        name = self.raised_class(func)
        if name is None:
            raise self.refuse(Code.STATEMENT, f"raise {ast.unparse(exc)} is not supported", node)
        msg = None
        if isinstance(exc, ast.Call):
            if not self.dropped_keywords(name, exc.keywords) or any(
                isinstance(a, ast.Starred) for a in exc.args
            ):
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
    ``raise name``, in ``type(name).__name__`` or as ``str(name)`` in the message of an
    exception it raises (``message_uses``)."""
    raises = [n for b in body for n in ast.walk(b) if isinstance(n, ast.Raise)]
    allowed = {id(n.cause) for n in raises} | {id(n.exc) for n in raises if n.cause is None}
    allowed |= {id(u) for r in raises for u in message_uses(r, name)}
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


def message_uses(r: ast.Raise, name: str) -> list[ast.Name]:
    """The reads of caught exception ``name`` that are its ``str()`` in the message of the
    exception ``r`` raises: ``str(name)``, ``{name}`` in an f-string (no conversion other
    than ``!s``, no format spec), or ``name`` as the raised class's one argument
    (``str(E(e))`` is ``str(e)``). That text is never compared nor returned: an exception's
    message is only ever read here, into another exception's message."""
    exc = r.exc
    if not isinstance(exc, ast.Call):
        return []
    sole = exc.args[0] if len(exc.args) == 1 else None
    found = [sole] if isinstance(sole, ast.Name) and sole.id == name else []
    for n in (n for a in exc.args for n in ast.walk(a)):
        if is_str_of(n, name):
            found.append(n.args[0])  # type: ignore[attr-defined]
        value = _plain_value(n)
        if isinstance(value, ast.Name) and value.id == name:
            found.append(value)
    return found


def _plain_value(n: ast.AST) -> ast.expr | None:
    """The value of an f-string's ``{value}`` / ``{value!s}`` without format spec."""
    if isinstance(n, ast.FormattedValue) and n.format_spec is None:
        return n.value if n.conversion in (-1, ord("s")) else None
    return None


def with_message_strs(r: ast.Raise, handler_names: list[str]) -> ast.expr | None:
    """The exception ``r`` raises, each ``message_uses`` read of a caught exception spelled
    ``str(name)``, which the lowering takes as that exception's message (``caught_str``)."""
    exc, names = r.exc, {n for n in handler_names if n}
    if not isinstance(exc, ast.Call) or not names:
        return exc
    exc = copy.deepcopy(exc)
    sole = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(sole, ast.Name) and sole.id in names:
        exc.args[0] = _str_call(sole)
    for n in ast.walk(exc):
        value = _plain_value(n)
        if isinstance(n, ast.FormattedValue) and isinstance(value, ast.Name) and value.id in names:
            n.value, n.conversion = _str_call(value), -1
    return exc


def _str_call(name: ast.Name) -> ast.Call:
    return ast.copy_location(ast.Call(ast.Name("str", ast.Load()), [name], []), name)
