"""What the back end's handler modules (calls, operators, loops, assign, fmt, closures,
generators, None-default heads) may use of the emitter that drives them.

The handlers are functions of an ``EmitterAPI``; only ``back/emitter.py`` knows the class that
implements it, so the handlers never import the emitter and the emitter imports them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from pipeline.pytypes import PyType
from pipeline.translate.rules.analysis.facts import ClassLookup, Ownership, Signature, Typed
from pipeline.translate.rules.analysis.scopes import Scopes
from pipeline.translate.rules.back.rust import LoopCtx, R
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.generators import Plan
from pipeline.translate.rules.ir import nodes as ir


class EmitterAPI(Protocol):
    """The printing state of one function and the forms of an expression it can print."""

    typed: Typed
    own: Ownership
    scopes: Scopes
    sigs: dict[str, Signature]
    self_sig: Signature
    classes: ClassLookup
    helpers: set[str]
    lines: list[str]
    depth: int
    kinds: dict[str, str]  # variable -> R kind
    loops: list[LoopCtx]
    resume: tuple[str, Plan] | None
    labels: int
    in_closure: bool
    caught_errors: dict[str, str]
    handling: list[str]
    flows: int
    yielded: str | None
    taken: set[str]

    def child(
        self, typed: Typed, own: Ownership, scopes: Scopes, self_sig: Signature
    ) -> EmitterAPI:
        """An emitter for a nested def (same signatures and classes)."""

    def rt(self, helper: str, name: str | None = None) -> str:
        """Path of runtime item ``name`` (default: the helper itself), noting its use."""

    def fresh(self, base: str) -> str:
        """A local name that no Python name uses."""

    def line(self, text: str) -> None:
        """Append one line at the current indentation."""

    def owned(self, e: ir.Expr, want: PyType | None = None, copy: bool = False) -> str:
        """An owned value of ``e`` (wrapped in ``Some`` when ``want`` is Optional); ``copy``"""

    def owned_ref(self, e: ir.Expr, want: PyType | None = None) -> str:
        """A reference to an owned value of ``e`` (a needle for ``contains``/``remove``)."""

    def copied(self, e: ir.Expr) -> str:
        """A fresh owned copy of ``e`` (``list(xs)``, ``xs[:]``): never a move."""

    def to_owned(self, r: R) -> str:
        """Owned form of a printed expression."""

    def value(self, e: ir.Expr) -> R:
        """A Copy-typed expression usable directly in arithmetic (refs dereferenced)."""

    def borrow(self, e: ir.Expr) -> str:
        """An ``&T``-like expression (``&str`` for str, a slice for lists)."""

    def str_ref(self, e: ir.Expr) -> str:
        """A ``&str`` for a str expression."""

    def slice_ref(self, e: ir.Expr) -> str:
        """A ``&[T]`` for a list expression."""

    def mut_place(self, e: ir.Expr) -> str:
        """A ``&mut T`` expression for a place being changed in place."""

    def receiver(self, e: ir.Expr, mutable: bool) -> str:
        """``e`` ready for a method call (places by name, so autoref applies)."""

    def as_float(self, e: ir.Expr) -> str:
        """``e`` converted to f64 (int literals become float literals)."""

    def int_val(self, e: ir.Expr) -> R:
        """An i64 value (bools converted)."""

    def cond(self, e: ir.Expr) -> str:
        """Python truthiness of ``e`` as a Rust bool expression."""

    def truthy(self, r: R) -> str:
        """Truthiness of a printed expression."""

    def expr(self, e: ir.Expr) -> R:
        """Print an expression."""

    def key(self, e: ir.Expr) -> str:
        """A borrowed dict/set key (``&str`` for str keys)."""

    def index_ref(self, e: ir.Index, mutable: bool) -> str:
        """``&T`` / ``&mut T`` to ``obj[i]`` with Python's index rules (KeyError, IndexError)."""

    def var_type(self, name: str) -> PyType | None:
        """The type of a variable of this function (a closure's captured ones included)."""

    def block(self, stmts: list[ir.Stmt]) -> None:
        """Print a statement list at the current depth."""

    def declare(self, name: str) -> None:
        """A hoisted declaration: ``let mut x: T;``."""

    def needs_mut(self, name: str, hoisted: bool = False) -> bool:
        """Whether a local is assigned twice on some path, or changed in place."""

    def sub_block(self, stmts: list[ir.Stmt]) -> None:
        """Print a nested block one level deeper."""

    def refuse(self, message: str, node: ir.Node, code: Code = Code.EXPRESSION) -> Refusal:
        """A refusal at ``node``."""

    def return_code(self, value: str | None) -> str:
        """``return value`` from the function, or from the try closures around this point."""

    def function(self) -> str:
        """The whole ``pub fn``."""

    def body_lines(self) -> list[str]:
        """Print the function body into ``self.lines`` (shared by fns and closures)."""


# The base of the emitter's mixins (statements.py, expressions.py): to mypy the interface they
# are mixed into, at run time nothing.
if TYPE_CHECKING:
    EmitterMixin = EmitterAPI
else:
    EmitterMixin = object
