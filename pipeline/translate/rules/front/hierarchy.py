"""Classes, pass 0: single inheritance inside one module, and class constants.

The supported form is one level deep: a base class of the module (no ``__init__``, no
special, static or class methods, no properties) and its direct subclasses in the same
module. Each subclass becomes a plain struct holding **copies of the inherited methods**: a
method body run on a ``Rectangle`` sees ``type(self) is Rectangle``, so lowering the base's
def again with ``self: Rectangle`` means what Python means. The base becomes an enum of
itself and its subclasses whose methods dispatch on the variant (back/classes.py).

A class constant (``name = "rect"``: an immutable literal, never assigned) is read through
``self``; every ``self.name`` is replaced by the value the class (or the base it inherits
it from) gives it. Anything else is refused here with its line: multiple inheritance, a base
from another module, deeper hierarchies, ``super()`` other than a bare
``super().__init__()`` when the base has no ``__init__``, a constant assigned through
``self``, an override whose parameters differ from the base method's.

Exception classes are apart (``exception_chain``): a class deriving, one base at a time, from
a builtin exception is no struct's base; raised, it is a panic named after it, and an
``except`` naming one of its ancestors catches it (front/lower.py lists it in the handler).
"""

from __future__ import annotations

import ast
import builtins
import copy
import functools
import hashlib
import importlib
import importlib.util
import os
import sys
import warnings
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TypeGuard

from pipeline import pytypes
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import parsed

Constants = dict[str, ast.expr]
# the builtin exception classes ``raise`` and ``except`` name (front/lower.py)
EXCEPTIONS = {
    "ValueError",
    "IndexError",
    "KeyError",
    "ZeroDivisionError",
    "TypeError",
    "RuntimeError",
    "AssertionError",
    "ArithmeticError",
    "OverflowError",
    "LookupError",
    "NotImplementedError",
    "Exception",
    "StopIteration",
    "AttributeError",
    # builtin classes translated code never raises unless the function itself does (no I/O,
    # imports or names it cannot resolve reach the Rust): their handlers keep Python's meaning
    "OSError",
    "FileNotFoundError",
    "FileExistsError",
    "PermissionError",
    "IsADirectoryError",
    "NotADirectoryError",
    "TimeoutError",
    "ConnectionError",
    "EOFError",
    "UnicodeError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "ImportError",
    "ModuleNotFoundError",
    "NameError",
    "UnboundLocalError",
    "FloatingPointError",
}
EXCEPTION_ALIASES = {"IOError": "OSError", "EnvironmentError": "OSError"}  # the same class
# a class ``raise`` takes without knowing it (front/lower.py): its name says it is an exception
FOREIGN_SUFFIXES = ("Error", "Exception")
# what every exception object holds besides its args (not attributes a struct could have)
EXCEPTION_STATE = frozenset(
    {"__traceback__", "__cause__", "__context__", "__suppress_context__", "__notes__"}
)
# builtin exception classes by name (``except``/``raise`` compare against them exactly)
BUILTIN_EXCEPTIONS = {
    name: value
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


def constant_of(stmt: ast.stmt) -> tuple[str, ast.expr] | None:
    """(name, value) of a class constant ``X = literal`` / ``X: T = literal``, else None."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value = stmt.targets[0], stmt.value
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target, value = stmt.target, stmt.value
    else:
        return None
    if not isinstance(target, ast.Name) or target.id.startswith("__"):
        return None
    return (target.id, value) if _immutable(value) else None


def _immutable(e: ast.expr) -> bool:
    if isinstance(e, ast.Constant):
        return isinstance(e.value, int | float | str | bool) or e.value is None
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub):
        return isinstance(e.operand, ast.Constant) and _immutable(e.operand)
    if isinstance(e, ast.Tuple):
        return all(_immutable(x) for x in e.elts)
    return False


@functools.lru_cache(maxsize=1024)
def class_def(source: str) -> ast.ClassDef | None:
    """The class a sibling's source defines, or None (cheap textual test, then ast).

    Memoised: every unit of a module asks this of the same siblings, and parsing them again
    per unit dominated translation time on large modules. The node is shared: read it, or
    ``copy.deepcopy`` it before changing it.
    """
    if "class " not in source:
        return None
    tree = parsed.module(source)
    if tree is None:
        return None
    body = tree.body
    return body[0] if len(body) == 1 and isinstance(body[0], ast.ClassDef) else None


def _defs(node: ast.ClassDef) -> dict[str, ast.FunctionDef]:
    return {d.name: d for d in node.body if isinstance(d, ast.FunctionDef)}


def _constants(node: ast.ClassDef) -> Constants:
    return dict(c for s in node.body if (c := constant_of(s)) is not None)


def _is_super_init(stmt: ast.stmt) -> bool:
    """``super().__init__()`` as a statement, without arguments."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and not call.args
        and not call.keywords
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "__init__"
        and isinstance(call.func.value, ast.Call)
        and _is_super(call.func.value)
        and not call.func.value.args
    )


def _is_super(node: ast.AST) -> TypeGuard[ast.Call]:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (node.func.id == "super")
    )


class Family:
    """Where one class stands in its module's hierarchy, and its constants."""

    def __init__(
        self, node: ast.ClassDef, where: Where, sources: dict[str, str], fields: bool = False
    ) -> None:
        self.node = node
        self.where = where
        self.name = node.name
        self.base: str | None = None
        self.base_node: ast.ClassDef | None = None
        self.subclasses = [
            n
            for n, src in sorted(sources.items())
            if n != node.name and (c := class_def(src)) is not None and self._inherits(c)
        ]
        self.read_bases(sources)
        if self.base is not None and self.subclasses:
            raise self.refuse(
                f"class {self.name} is both a subclass of {self.base} and a "
                f"base of {self.subclasses[0]} (one level of inheritance is "
                "supported)",
                node,
            )
        self.constants = _constants(self.base_node) if self.base_node is not None else {}
        if not (node.decorator_list or fields):  # a dataclass's (NamedTuple's) class
            self.constants.update(_constants(node))  # attributes are its fields

    def refuse(self, message: str, node: ast.AST) -> Refusal:
        return Refusal(Code.CLASS_FORM, message, self.where.line(node))

    def _inherits(self, other: ast.ClassDef) -> bool:
        return any(isinstance(b, ast.Name) and b.id == self.name for b in other.bases)

    def read_bases(self, sources: dict[str, str]) -> None:
        """The base class, when there is one of the supported form."""
        node = self.node
        if node.keywords:
            raise self.refuse(
                f"class {self.name} has keyword {ast.unparse(node.keywords[0])} "
                "(metaclasses are not supported)",
                node,
            )
        bases = [b for b in node.bases if not (isinstance(b, ast.Name) and b.id == "object")]
        if len(bases) > 1:
            names = ", ".join(ast.unparse(b) for b in bases)
            raise self.refuse(
                f"class {self.name} inherits from {names} (multiple inheritance is not supported)",
                node,
            )
        if not bases:
            return
        base = bases[0]
        base_src = sources.get(base.id) if isinstance(base, ast.Name) else None
        base_node = class_def(base_src) if base_src is not None else None
        if base_node is None or not isinstance(base, ast.Name):
            raise self.refuse(
                f"class {self.name} inherits from {ast.unparse(base)}, not a "
                "class of this module (inheritance is supported from a base "
                "class defined in the same module)",
                node,
            )
        if (
            base_node.bases
            and any(not (isinstance(b, ast.Name) and b.id == "object") for b in base_node.bases)
            or base_node.keywords
        ):
            raise self.refuse(
                f"class {self.name} inherits from {base.id}, itself a subclass "
                "(one level of inheritance is supported)",
                node,
            )
        if base_node.decorator_list:
            raise self.refuse(f"class {self.name} inherits from decorated class {base.id}", node)
        self.base, self.base_node = base.id, base_node

    # ------------------------------------------------------------ methods
    def methods(self, defs: list[ast.FunctionDef]) -> list[ast.FunctionDef]:
        """The class's defs, inherited ones copied in, with ``self.<constant>`` replaced."""
        if self.subclasses:
            self.check_base(defs)
        own = {d.name for d in defs}
        inherited: list[ast.FunctionDef] = []
        if self.base_node is not None:
            base_defs = _defs(self.base_node)
            for d in defs:
                if d.name in base_defs:
                    self.check_override(d, base_defs[d.name])
            inherited = [d for n, d in base_defs.items() if n not in own]
        return [self.resolved(d) for d in [*defs, *inherited]]

    def check_base(self, defs: list[ast.FunctionDef]) -> None:
        """A base's members must dispatch as plain instance methods."""
        for d in defs:
            if d.name == "__init__":
                raise self.refuse(
                    f"__init__ of base class {self.name} (subclass fields "
                    "set through super().__init__) is not supported",
                    d,
                )
            if d.decorator_list:
                raise self.refuse(
                    f"decorated method {d.name} of base class {self.name} is not supported", d
                )
            if d.name.startswith("__") and d.name.endswith("__"):
                raise self.refuse(
                    f"special method {d.name} of base class {self.name} is not supported", d
                )

    def check_override(self, d: ast.FunctionDef, base: ast.FunctionDef) -> None:
        """An override is called through the base: same parameters, same defaults."""
        if d.name == "__init__":
            return
        mine, theirs = d.args, base.args
        same = (
            [a.arg for a in mine.posonlyargs + mine.args]
            == [a.arg for a in theirs.posonlyargs + theirs.args]
            and not (mine.vararg or mine.kwarg or mine.kwonlyargs)
            and not (theirs.vararg or theirs.kwarg or theirs.kwonlyargs)
            and [ast.dump(x) for x in mine.defaults] == [ast.dump(x) for x in theirs.defaults]
        )
        if not same or d.decorator_list:
            raise self.refuse(
                f"{self.name}.{d.name} overrides {self.base}.{d.name} with other "
                "parameters or decorators (not supported)",
                d,
            )

    def resolved(self, d: ast.FunctionDef) -> ast.FunctionDef:
        """A copy of ``d`` with ``self.<constant>`` reads replaced by the constant's value
        and a leading bare ``super().__init__()`` dropped (the base has no ``__init__``)."""
        d = copy.deepcopy(d)
        if d.name == "__init__" and self.base is not None and d.body and _is_super_init(d.body[0]):
            d.body = d.body[1:] or [ast.Pass(lineno=d.lineno, col_offset=d.col_offset)]
        for node in ast.walk(d):
            if _is_super(node):
                raise self.refuse(
                    f"super() in {self.name}.{d.name} (only a bare "
                    "super().__init__() first in __init__ is supported)",
                    node,
                )
        if self.constants and not d.decorator_list:
            d = _Substitute(self).visit(d)
        return d

    def check_model(self, fields: Collection[str], kinds: Collection[str]) -> None:
        """A constant must not share its name with a field or a method."""
        for name in self.constants:
            if name in fields or name in kinds:
                raise self.refuse(
                    f"class constant {name} of {self.name} shares its name "
                    "with an attribute or method",
                    self.node,
                )


class _Substitute(ast.NodeTransformer):
    """``self.X`` (a read) -> the constant's value; a store to ``self.X`` is refused."""

    def __init__(self, family: Family) -> None:
        self.family = family

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if node.attr in self.family.constants and not isinstance(node.ctx, ast.Load):
            raise self.family.refuse(
                f"class attribute {node.attr} of {self.family.name} "
                f"assigned through {ast.unparse(node.value)} (class "
                "attributes changed at runtime are not supported)",
                node,
            )
        if not (
            isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and node.attr in self.family.constants
        ):
            return self.generic_visit(node)
        value = copy.deepcopy(self.family.constants[node.attr])
        for sub in ast.walk(value):
            ast.copy_location(sub, node)
        return value


# ---------------------------------------------------------------- exception classes


def exception_chain(name: str, sources: Mapping[str, str]) -> tuple[str, ...] | None:
    """``(name, its module ancestors..., builtin root)`` when class ``name`` of the module
    derives, one base at a time, from a builtin exception class; None for any other class.

    ``class ParseError(ValueError)`` -> ``("ParseError", "ValueError")``; ``class
    Bad(ParseError)`` -> ``("Bad", "ParseError", "ValueError")``."""
    chain = [name]
    while True:
        node = class_def(sources.get(chain[-1], ""))
        if node is None or len(node.bases) != 1 or not isinstance(node.bases[0], ast.Name):
            return None
        base = node.bases[0].id
        if base in BUILTIN_EXCEPTIONS and base not in sources:
            return (*chain, base)
        if base in chain:
            return None
        chain.append(base)


def exception_classes(sources: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Every exception class of the module with its chain (``exception_chain``)."""
    names = (n for n, src in sorted(sources.items()) if "class " in src)
    return {n: chain for n in names if (chain := exception_chain(n, sources)) is not None}


def raised_name(node: ast.Raise) -> str | None:
    """The class ``raise X`` / ``raise X(...)`` names as a plain name, else None."""
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return exc.id if isinstance(exc, ast.Name) else None


@dataclass(frozen=True)
class Foreign:
    """The exception classes a module names but does not define. ``stdlib`` maps the
    standard library's classes its ``raise``/``except`` name (``struct.error``, an imported
    ``binascii.Error``), keyed by their dotted path after its imports, to their chains
    (``stdlib_chain``); ``bound`` holds the names its definitions and imports bind (one
    shadows the builtin of its name); ``raised`` the classes of unknown bases its definitions
    raise under a name ``raise`` accepts (ending in Error or Exception): what a call of one of
    them may let escape into an ``except``."""

    bound: frozenset[str] = frozenset()
    raised: frozenset[str] = frozenset()
    stdlib: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def reaches(self, func: ast.expr) -> bool:
        """Whether a call of ``func`` may run one of the module's definitions: a name the
        module binds, or a method (of any object: a class of the module's among them)."""
        return isinstance(func, ast.Attribute) or (
            isinstance(func, ast.Name) and func.id in self.bound
        )

    def unknown(self, key: str, exceptions: Mapping[str, tuple[str, ...]]) -> bool:
        """Whether ``raise key`` (a name, or its dotted path after the imports) names a
        class whose base classes are not known here: neither a builtin exception nor one of
        the module's or the standard library's classes (``exceptions``), so imported from
        another module of the repository or of a form not translated. Its panic is named
        after it: the runtime catches it only by ``except Exception``, while Python's
        ``except`` naming one of its ancestors does too."""
        key = EXCEPTION_ALIASES.get(key, key)
        if key in exceptions:
            return False
        return not (key in BUILTIN_EXCEPTIONS and key not in self.bound)


NO_FOREIGN = Foreign()


def module_foreign(
    sources: Mapping[str, str],
    exceptions: Mapping[str, tuple[str, ...]],
    import_lines: tuple[str, ...],
    imports: Mapping[str, str],
    own: tuple[str, str] = ("", ""),
) -> Foreign:
    """The ``Foreign`` of a module's definitions ``sources``, its import statements and their
    map (``imports``); ``own``: the module's dotted name and its file's sha256."""
    bound = frozenset(sources) | _imported_names(import_lines)
    stdlib = {}
    for src in sources.values():
        for written in _exception_paths(src):
            path = dotted_path(written, imports)
            chain = stdlib_chain(path, own) if path is not None else None
            if chain is not None and path is not None:
                stdlib[path] = chain
    known = {**exceptions, **stdlib}
    found = Foreign(bound)
    raised = (
        name
        for src in sources.values()
        for name in _raised_names(src)
        if name.endswith(FOREIGN_SUFFIXES)
        and found.unknown(dotted_path(name, imports) or name, known)
    )
    return Foreign(bound, frozenset(raised), tuple(sorted(stdlib.items())))


def dotted_path(written: str, imports: Mapping[str, str]) -> str | None:
    """``errors.HeaderParseError`` -> ``email.errors.HeaderParseError`` through the module's
    imports (its first part is an imported name), else None."""
    head, dot, rest = written.partition(".")
    origin = imports.get(head)
    return None if origin is None else origin + dot + rest


# standard library modules never imported to read their classes (effects on import)
NOT_IMPORTED = frozenset({"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo"})


@functools.lru_cache(maxsize=512)
def stdlib_chain(path: str, own: tuple[str, str] = ("", "")) -> tuple[str, ...] | None:
    """The chain of the standard library's exception class at ``path`` (``binascii.Error``
    -> ``("binascii.Error", "ValueError")``; ``os.error`` is ``("OSError",)``): its qualified
    name, those of its ancestors up to the first builtin, and that builtin, read from this
    interpreter's modules; None when ``path`` is no such class or its builtin ancestors are
    not one line (``io.UnsupportedOperation`` is both an OSError and a ValueError). A module
    of the repository's own top package is read only when the repository is this
    interpreter's library (``own``: the unit's module and file hash match the interpreter's)."""
    module, _, attr = path.rpartition(".")
    top = module.split(".")[0]
    if top not in sys.stdlib_module_names or top in NOT_IMPORTED:
        return None
    if top == own[0].split(".")[0] and not _interpreter_file(*own):
        return None
    cls = _imported_attribute(module, attr)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        return None
    roots = [k for k in cls.__mro__ if BUILTIN_EXCEPTIONS.get(k.__name__) is k]
    if not all(issubclass(roots[0], k) for k in roots):
        return None
    own_part = cls.__mro__[: cls.__mro__.index(roots[0])]
    return (*(f"{k.__module__}.{k.__qualname__}" for k in own_part), roots[0].__name__)


def _imported_attribute(module: str, attr: str) -> object:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return getattr(importlib.import_module(module), attr, None)
    except Exception:  # a module this platform lacks, or one that fails to import
        return None


@functools.lru_cache(maxsize=64)
def _interpreter_file(module: str, sha256: str) -> bool:
    """Whether this interpreter's module ``module`` is the file of hash ``sha256``."""
    try:
        spec = importlib.util.find_spec(module)
    except Exception:  # its package fails to import
        return False
    origin = spec.origin if spec is not None else None
    if origin is None or not os.path.isfile(origin):
        return False
    with open(origin, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest() == sha256


@functools.lru_cache(maxsize=256)
def _imported_names(import_lines: tuple[str, ...]) -> frozenset[str]:
    """Every name the import statements bind, relative imports included."""
    names: set[str] = set()
    for text in import_lines:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names.update(a.asname or a.name.split(".")[0] for a in node.names)
    return frozenset(names)


@functools.lru_cache(maxsize=1024)
def _exception_paths(source: str) -> tuple[str, ...]:
    """The dotted names (as written) of the classes a definition's ``raise`` and ``except``
    name: ``errors.HeaderParseError``, ``struct.error``, ``Error``."""
    if "raise" not in source and "except" not in source:
        return ()
    tree = parsed.module(source)
    if tree is None:
        return ()
    found: set[str] = set()
    for n in ast.walk(tree):
        exc = n.exc if isinstance(n, ast.Raise) else None
        exc = exc.func if isinstance(exc, ast.Call) else exc
        types = n.type if isinstance(n, ast.ExceptHandler) else exc
        elts = types.elts if isinstance(types, ast.Tuple) else [types]
        found.update(d for e in elts if e is not None and (d := pytypes.dotted_name(e)))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1024)
def _raised_names(source: str) -> tuple[str, ...]:
    """The class names a definition's ``raise`` statements name (memoised as class_def)."""
    if "raise" not in source:
        return ()
    tree = parsed.module(source)
    if tree is None:
        return ()
    found = (raised_name(n) for n in ast.walk(tree) if isinstance(n, ast.Raise))
    return tuple(sorted({n for n in found if n is not None}))


def raisable(chain: tuple[str, ...]) -> bool:
    """Whether a panic may stand for it: an ``Exception`` (``except Exception`` catches
    every panic the runtime calls a Python exception, so a ``BaseException`` outside it
    must not be one)."""
    return issubclass(BUILTIN_EXCEPTIONS[chain[-1]], Exception)


def raisable_name(exceptions: Mapping[str, tuple[str, ...]], name: str) -> bool:
    """Whether ``name`` is an exception class of the module a panic stands for."""
    chain = exceptions.get(name)
    return chain is not None and raisable(chain)


def handler_subclasses(exceptions: Mapping[str, tuple[str, ...]], names: list[str]) -> list[str]:
    """The exception classes of the module (and of the standard library it names) that
    ``except names`` also catches (Python catches a subclass; the runtime's ``caught``
    compares names, so the handler lists them)."""
    found = (
        chain[0]
        for chain in exceptions.values()
        if chain[0] not in names and raisable(chain) and any(caught_by(chain, n) for n in names)
    )
    return list(dict.fromkeys(found))


def caught_by(chain: tuple[str, ...], handler: str) -> bool:
    """Whether ``except handler`` catches the class of ``chain`` (Python's own ``issubclass``
    on the builtin root, the module's classes by name)."""
    if handler in chain[:-1]:
        return True
    kind = BUILTIN_EXCEPTIONS.get(handler)
    return kind is not None and issubclass(BUILTIN_EXCEPTIONS[chain[-1]], kind)


def base_init_call(stmt: ast.stmt, chain: tuple[str, ...]) -> bool:
    """``super().__init__(...)`` or ``Base.__init__(self, ...)`` (``Base`` on ``chain``) as a
    statement, its arguments names, literals and formatting of them: the call sets only the
    exception's ``args`` (not an attribute a translation reads) and computes nothing else."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "__init__"
        and not call.keywords
    ):
        return False
    owner = call.func.value
    if _is_super(owner) and not owner.args:
        args = call.args
    elif isinstance(owner, ast.Name) and owner.id in chain[1:] and call.args:
        first, args = call.args[0], call.args[1:]
        if not (isinstance(first, ast.Name) and first.id == "self"):
            return False
    else:
        return False
    return all(inert(a) for a in args)


def inert(e: ast.expr) -> bool:
    """Names, literals and f-strings of them: nothing that could raise or change state."""
    kinds = ast.Name | ast.Constant | ast.JoinedStr | ast.FormattedValue | ast.Load
    return all(isinstance(n, kinds) for n in ast.walk(e))


def plain_exception(node: ast.ClassDef) -> ast.stmt | None:
    """The first statement that makes exception class ``node`` more than a marker (a def, a
    decorator's class, an attribute), or None: only a docstring, ``pass`` or ``...``."""
    if node.decorator_list or node.keywords:
        return node
    for stmt in node.body:
        marker = isinstance(stmt, ast.Pass) or (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and (isinstance(stmt.value.value, str) or stmt.value.value is Ellipsis)
        )
        if not marker:
            return stmt
    return None


def exception_members(
    node: ast.ClassDef, where: Where, chain: tuple[str, ...], sources: Mapping[str, str]
) -> ast.ClassDef:
    """The class whose members exception class ``node`` has: itself, or, when it defines
    nothing, a copy of its nearest module ancestor with members, renamed (its objects are
    built and behave as that ancestor's: its methods run on them unchanged). Refused: members
    of its own and of an ancestor, or of two ancestors (an override or ``super()`` chain)."""
    owner: ast.ClassDef | None = None
    for name in chain[1:-1]:
        base = class_def(sources.get(name, ""))
        if base is not None and plain_exception(base) is None:
            continue
        if base is None or owner is not None or plain_exception(node) is not None:
            raise Refusal(
                Code.CLASS_FORM,
                f"exception class {node.name} inherits the members of exception class "
                f"{name} and has others (only one class's members are translated)",
                where.line(node),
            )
        owner = base
    if owner is None:
        return node
    out = copy.copy(owner)
    out.name = node.name
    return out


def exception_as_class(node: ast.ClassDef, where: Where, chain: tuple[str, ...]) -> ast.ClassDef:
    """An exception class with members as a plain class: no base, and ``__init__`` without
    its call of the base's ``__init__`` (which sets only ``args``: base_init_call).
    A decorated one is refused (a dataclass's fields and str() would not be the builtin's)."""
    if node.decorator_list or node.keywords:
        raise Refusal(
            Code.CLASS_FORM,
            f"exception class {node.name} with a decorator or keyword is not supported",
            where.line(node),
        )
    body = [
        _without_base_init(s, chain)
        if isinstance(s, ast.FunctionDef) and s.name == "__init__"
        else s
        for s in node.body
    ]
    out = copy.copy(node)
    out.bases, out.body = [], body
    return out


def _without_base_init(init: ast.FunctionDef, chain: tuple[str, ...]) -> ast.FunctionDef:
    body = [s for s in init.body if not base_init_call(s, chain)]
    out = copy.copy(init)
    out.body = body or [ast.copy_location(ast.Pass(), init)]
    return out


def check_exception_members(
    node: ast.ClassDef, where: Where, chain: tuple[str, ...], members: list[str]
) -> None:
    """An exception class's members must not stand for the builtin's own state (``args``,
    ``errno``, ``with_traceback``...: not attributes of the struct), and its ``str()`` is the
    builtin's unless it defines ``__str__`` (never its ``__repr__``)."""
    root = chain[-1]
    builtin = {n for n in dir(BUILTIN_EXCEPTIONS[root]) if not n.startswith("__")}
    clash = sorted(set(members) & (builtin | EXCEPTION_STATE))
    if clash:
        raise Refusal(
            Code.CLASS_FORM,
            f"exception class {node.name} sets or defines {clash[0]}, an attribute of "
            f"{root} itself (not translated)",
            where.line(node),
        )
    if "__repr__" in members and "__str__" not in members:
        raise Refusal(
            Code.CLASS_FORM,
            f"exception class {node.name} defines __repr__ without __str__ (its str() is "
            f"{root}'s, from its args)",
            where.line(node),
        )


def method_alias(stmt: ast.stmt, defs: list[ast.FunctionDef]) -> ast.FunctionDef | None:
    """``name = method`` naming a def above it in the class body: that def under ``name``."""
    if not (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and isinstance(stmt.value, ast.Name)
    ):
        return None
    source = next((d for d in reversed(defs) if d.name == stmt.value.id), None)
    if source is None:
        return None
    alias = copy.copy(source)
    alias.name = stmt.targets[0].id
    return alias


def is_named_tuple(node: ast.ClassDef, imports: Mapping[str, str]) -> bool:
    """``class P(NamedTuple)`` / ``class P(typing.NamedTuple)``, nothing else in its bases."""
    if len(node.bases) != 1 or node.keywords:
        return False
    name = pytypes.dotted_name(node.bases[0]) or ""
    head, _, rest = name.partition(".")
    origin = imports.get(head, head) + (f".{rest}" if rest else "")
    return origin == "typing.NamedTuple"
