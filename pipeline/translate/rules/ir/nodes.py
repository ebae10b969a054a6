"""The typed intermediate representation the rule engine compiles through.

``lower`` builds it from Python's ``ast``; ``infer`` fills every expression's ``ty``;
``ownership`` decides how values are passed; ``back/`` prints Rust from it. Nodes carry the
line in the original file so later passes can refuse with a precise location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.pytypes import PyType


@dataclass(eq=False, kw_only=True)
class Node:
    """Base of every IR node: where it came from."""

    line: int | None = None


@dataclass(eq=False, kw_only=True)
class Expr(Node):
    """An expression; ``ty`` is set by type inference."""

    ty: PyType | None = None


@dataclass(eq=False)
class Const(Expr):
    """A literal: int, float, bool, str, bytes or None."""

    value: object


@dataclass(eq=False)
class Name(Expr):
    """A variable, parameter, module constant or function name."""

    id: str
    narrowed: bool = False  # an Optional known (by a None test) to hold a value here


@dataclass(eq=False)
class BinOp(Expr):
    """Arithmetic or bitwise operator; ``op`` is the Python spelling (``//``, ``**``…)."""

    op: str
    left: Expr
    right: Expr


@dataclass(eq=False)
class Unary(Expr):
    """``-x``, ``+x``, ``~x`` or ``not x``."""

    op: str
    operand: Expr


@dataclass(eq=False)
class BoolOp(Expr):
    """``a and b and c`` / ``a or b``."""

    op: str
    values: list[Expr]


@dataclass(eq=False)
class Compare(Expr):
    """A possibly chained comparison ``a < b <= c``."""

    left: Expr
    ops: list[str]
    rights: list[Expr]


@dataclass(eq=False)
class IfExp(Expr):
    """``body if test else orelse``."""

    test: Expr
    body: Expr
    orelse: Expr


@dataclass(eq=False)
class Call(Expr):
    """Call of a builtin, a module function (``math.sqrt``), a sibling or a local lambda."""

    func: str
    args: list[Expr]
    kwargs: dict[str, Expr] = field(default_factory=dict)
    star: bool = False  # ``Cls(*items)``: the one argument is unpacked


@dataclass(eq=False)
class Apply(Expr):
    """Call of a computed callable: ``table[op](a, b)``, ``make(1)(2)``."""

    callee: Expr
    args: list[Expr]


@dataclass(eq=False)
class Method(Expr):
    """Method call ``obj.name(args)``."""

    obj: Expr
    name: str
    args: list[Expr]
    kwargs: dict[str, Expr] = field(default_factory=dict)


@dataclass(eq=False)
class Attr(Expr):
    """Attribute read: a module constant (``math.pi``) or a field (``self.x``)."""

    obj: Expr
    name: str
    narrowed: bool = False  # ``x.child`` of a node known (by a test) to hold a node here


@dataclass(eq=False)
class Index(Expr):
    """Subscript ``obj[index]``."""

    obj: Expr
    index: Expr


@dataclass(eq=False)
class Slice(Expr):
    """Slice ``obj[lower:upper:step]`` (missing parts are None)."""

    obj: Expr
    lower: Expr | None
    upper: Expr | None
    step: Expr | None


@dataclass(eq=False)
class Seq(Expr):
    """A list, tuple or set display."""

    kind: str  # "list" | "tuple" | "set"
    elts: list[Expr]


@dataclass(eq=False)
class StarUnpack(Expr):
    """The target ``a, *rest, z`` (names only)."""

    before: list[Name]
    star: Name
    after: list[Name]


@dataclass(eq=False)
class DictLit(Expr):
    """A dict display."""

    keys: list[Expr]
    values: list[Expr]


@dataclass(eq=False)
class CompFor(Node):
    """One ``for target in iter if cond...`` clause of a comprehension."""

    target: Expr
    iter: Expr
    conds: list[Expr]


@dataclass(eq=False)
class Comp(Expr):
    """List/set/dict comprehension or generator expression."""

    kind: str  # "list" | "set" | "dict" | "gen"
    elt: Expr
    value: Expr | None  # dict comprehensions only
    gens: list[CompFor]


FILL_FIELD = re.compile(r"^\x00(\d+)\x00(?=[<>=^])")  # f"{x:{fill}^10}": a computed fill


@dataclass(eq=False)
class FmtField(Node):
    """One ``{value!conv:spec}`` field of an f-string."""

    value: Expr
    conv: str  # "" | "r" | "s"
    spec: str  # nested fields appear as "\x00N\x00" (N indexes spec_args)
    spec_args: list[Expr] = field(default_factory=list)

    def fill_arg(self) -> int | None:
        """Index of the nested field that gives the fill character, if one does."""
        m = FILL_FIELD.match(self.spec)
        return int(m.group(1)) if m else None


@dataclass(eq=False)
class FStr(Expr):
    """An f-string: literal text and fields."""

    parts: list[str | FmtField]
    percent: bool = False  # made from ``template % value`` with one value (not a tuple display)
    # made from ``template % name`` with this many (>= 2) conversions: the fields are
    # ``name[0]``, ``name[1]``, ...; the name must hold a tuple of exactly that many items
    spread: int = 0


@dataclass(eq=False)
class StructLit(Expr):
    """``Cls { f: value, ... }``: the object a constructor (``__init__``) returns."""

    cls: str
    names: list[str]
    values: list[Expr]


@dataclass(eq=False)
class Lambda(Expr):
    """``lambda a, b: body`` (used as a key function or a local callable)."""

    params: list[str]
    body: Expr
    bound: list[str] = field(default_factory=list)  # ``p=p`` defaults: captured at creation


# ---------------------------------------------------------------- statements


@dataclass(eq=False)
class Stmt(Node):
    """Base of statements."""


@dataclass(eq=False)
class Assign(Stmt):
    """``t1 = t2 = value``; targets are Name, Seq(tuple), Index or Attr."""

    targets: list[Expr]
    value: Expr
    ann: PyType | None = None


@dataclass(eq=False)
class AugAssign(Stmt):
    """``target op= value``."""

    target: Expr
    op: str
    value: Expr


@dataclass(eq=False)
class If(Stmt):
    """``if``/``elif``/``else`` (elif is a nested If in orelse)."""

    test: Expr
    body: list[Stmt]
    orelse: list[Stmt]


@dataclass(eq=False)
class While(Stmt):
    """``while test: body else: orelse``."""

    test: Expr
    body: list[Stmt]
    orelse: list[Stmt]


@dataclass(eq=False)
class For(Stmt):
    """``for target in iter: body else: orelse``."""

    target: Expr
    iter: Expr
    body: list[Stmt]
    orelse: list[Stmt]


@dataclass(eq=False)
class Break(Stmt):
    """``break``."""


@dataclass(eq=False)
class Continue(Stmt):
    """``continue``."""


@dataclass(eq=False)
class Pass(Stmt):
    """``pass`` (and docstrings)."""


@dataclass(eq=False)
class Return(Stmt):
    """``return [value]``."""

    value: Expr | None


@dataclass(eq=False)
class ExprStmt(Stmt):
    """An expression evaluated for its effect (a call)."""

    value: Expr


@dataclass(eq=False)
class Assert(Stmt):
    """``assert test, msg``."""

    test: Expr
    msg: Expr | None


@dataclass(eq=False)
class Raise(Stmt):
    """``raise Exc(msg)``; ``reraise``: a bare ``raise`` (or ``raise name``) in a handler,
    which raises the caught exception again."""

    exc: str
    msg: Expr | None
    reraise: bool = False


@dataclass(eq=False)
class Delete(Stmt):
    """``del xs[i]`` / ``del d[k]``."""

    targets: list[Expr]


@dataclass(eq=False)
class Yield(Stmt):
    """``yield value`` / ``yield from value`` (``many``) as a statement."""

    value: Expr | None
    many: bool = False


@dataclass(eq=False)
class Handler(Node):
    """``except (A, B): body``; an empty ``names`` catches every Python exception."""

    names: list[str]
    body: list[Stmt]
    as_name: str | None = None  # ``except E as name`` (read only as ``type(name).__name__``)


@dataclass(eq=False)
class Try(Stmt):
    """``try: <one statement> except ...`` — the statement's value is computed under
    ``pyrt::catch``; the rest of the statement runs outside it. ``general``: the body is any
    block, run as one protected region (a closure under ``pyrt::catch``, back/exceptions.py)."""

    body: list[Stmt]  # one statement (return value / name = value / call) unless ``general``
    handlers: list[Handler]
    orelse: list[Stmt] = field(default_factory=list)  # ``else:`` runs when nothing was raised
    finalbody: list[Stmt] = field(default_factory=list)  # ``finally:`` runs on every path
    general: bool = False


@dataclass(eq=False)
class LocalDef(Stmt):
    """A nested ``def``: lifted to a Rust ``fn`` whose captured variables are passed in."""

    fn: Function
    closure: bool = False  # used as a value: printed as a ``move`` closure, not a lifted fn


@dataclass(eq=False)
class Param(Node):
    """A parameter: name, annotation (if any) and default (if any)."""

    name: str
    ann: PyType | None
    default: Expr | None
    ty: PyType | None = None
    iterable: bool = False  # annotated ``Iterable[T]`` / ``Iterator[T]`` (``ann`` is list[T])
    bare: str = ""  # annotated ``list``/``dict``/``Any``/... without item types (``ann`` None)
    star: str = ""  # "*" for ``*args`` (a ``tuple[T, ...]``), "**" for ``**kwargs`` (dict[str, V])


@dataclass(eq=False)
class Function(Node):
    """A lowered function: the unit of translation."""

    name: str
    params: list[Param]
    returns: PyType | None
    body: list[Stmt]
    has_return_ann: bool = False
    decorators: list[str] = field(default_factory=list)
    generator: bool = False  # has ``yield``: translated as a function returning a list
    lazy: bool = False  # an infinite generator: an ``impl Iterator`` (front/generators.py)
    captured: list[str] = field(default_factory=list)  # lifted variables (nested defs only)
    kwonly: int = 0  # the last ``kwonly`` parameters are keyword-only
    nonlocals: list[str] = field(default_factory=list)  # ``nonlocal`` names (nested defs only)
    # unannotated, returns an int on some paths and a float on others: typed ``float`` as if
    # annotated (analysis/infer.py ``return_type``); callers must not print its result
    int_float_return: bool = False
    # ``returns`` as lowered (inference of a nested def overwrites ``returns``; a rerun starts
    # from this), and every expression of the body once a walker asked (walk.function_exprs)
    declared_returns: PyType | None = field(default=None, init=False, repr=False)
    exprs: list[Expr] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.declared_returns = self.returns
