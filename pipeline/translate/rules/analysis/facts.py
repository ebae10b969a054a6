"""The analysis passes' results: declared side tables, read by later passes and the back end.

A pass writes what it learns here (or in a table it owns), never as attributes added to IR
nodes. ``Signature`` is what a caller sees of a function; ``Typed`` what inference learned of
one; ``Ownership`` who mutates and who moves what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.pytypes import PyType
from pipeline.translate.rules.front.classes import ClassModel
from pipeline.translate.rules.ir import nodes as ir

# Why an unannotated parameter has no type (PT020); a pipeline run that also searched the
# other modules of the repository says so instead (pipeline/units/crossmod.py).
NO_EVIDENCE = "no annotation, no typed default, and no call with a literal for it in its module"


@dataclass
class Signature:
    """What a caller needs to know about a translated function."""

    name: str
    params: list[tuple[str, PyType, str]]  # (name, type, mode)
    returns: PyType
    defaults: list[ir.Expr | None] = field(default_factory=list)
    implicit: tuple[str, ...] = ()  # captured variables a nested def receives by name
    shares: tuple[str, ...] = ()  # parameters whose mutable objects the result may be
    kwonly: int = 0  # the last ``kwonly`` parameters are passed by keyword only
    varargs: str = ""  # the ``*args`` parameter (a ``tuple[T, ...]``), if any
    varkw: str = ""  # the ``**kwargs`` parameter (a ``dict[str, V]``; counted in kwonly), if any
    int_float: bool = False  # returns int or float, typed float (Function.int_float_return)
    one_shot: bool = False  # a finite generator: Python's result is used up by one pass
    # a finite generator whose body can neither raise nor change an argument: collecting its
    # items at the call is exact however little of it is consumed (analysis/eagergen.py)
    eager_exact: bool = False

    def record_name(self, name: str) -> str:
        """Parameter ``name`` as a ``records.Param`` spells it: ``*args``, ``**kwargs``
        keep their stars (how the verifier knows to spread them), others are plain."""
        stars = {self.varargs: "*", self.varkw: "**"}
        return stars.get(name, "") + name


SigLookup = Callable[[str], "Signature | None"]
ClassLookup = Callable[[str], "ClassModel | None"]


@dataclass
class NodeFacts:
    """What inference decided about single IR nodes, keyed by ``id(node)``: one table per
    inferred function, shared with its nested defs and read by the later passes (the IR is not
    copied while a unit is translated, so an id names one node)."""

    # the call a node stands for: a method of a translated class (``obj.m()``, an operator's
    # dunder, a property read), or a key / reduce() function given as a bound method
    calls: dict[int, ir.Expr] = field(default_factory=dict)  # a Call, or an Index / Method key
    setters: dict[int, ir.Method] = field(default_factory=dict)  # ``obj.prop = v`` -> its setter
    decided: dict[int, str] = field(default_factory=dict)  # static isinstance() -> Rust literal
    wanted: dict[int, PyType] = field(default_factory=dict)  # lambda -> the Callable it must be
    bound: dict[int, dict[str, PyType]] = field(default_factory=dict)  # lambda -> ``p=p`` types
    transposed: set[int] = field(default_factory=set)  # ``zip(*rows)`` unpacked into names
    # calls whose extra arguments were packed into a sibling's ``*args`` tuple / ``**kwargs``
    # dict (their ``args`` then name every parameter in order)
    packed: set[int] = field(default_factory=set)
    # ``return n`` of an int in a function annotated to return float: Python returns the int;
    # the Rust returns the f64 equal to it (exactly, else it raises), see infer_stmts
    int_returns: set[int] = field(default_factory=set)
    # ``prices.get(k, 0)`` of a dict of floats: the int literal default made ``0.0`` (Python
    # returns the int ``0``, equal by value); a caller printing such a call is refused
    int_defaults: set[int] = field(default_factory=set)
    # int values held as the f64 equal to them, exactly or not at all (``exact_float``): an
    # int stored in a float local (``low = float("inf")`` then ``low = v``) or passed among
    # floats to min()/max(); and those mixed min()/max() calls (analysis/intfloats.py)
    exact_floats: set[int] = field(default_factory=set)
    mixed_minmax: set[int] = field(default_factory=set)


@dataclass
class Typed:
    """The result of inference for one function."""

    fn: ir.Function
    locals: dict[str, PyType]
    params: dict[str, PyType]
    returns: PyType
    constants: dict[str, ir.Expr]  # module constants used, lowered and typed
    local_defs: list[Typed] = field(default_factory=list)  # nested defs, in order
    captured: dict[str, PyType] = field(default_factory=dict)  # a closure's outer variables
    closure_state: set[str] = field(default_factory=set)  # variables closures change
    exprs: list[ir.Expr] = field(default_factory=list)  # every typed expression, nested defs'
    facts: NodeFacts = field(default_factory=NodeFacts)  # shared with the nested defs
    local_sigs: dict[str, Signature] = field(default_factory=dict)  # nested defs (session)
    own: Ownership | None = None  # a nested def's ownership, once analysed (session)


@dataclass
class Ownership:
    """Facts the emitter needs about names."""

    mutated: set[str] = field(default_factory=set)
    rebound: set[str] = field(default_factory=set)
    modes: dict[str, str] = field(default_factory=dict)
    write_count: dict[str, int] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)  # locals moved (never cloned) when copied
    in_place: set[int] = field(default_factory=set)  # id() of for loops over &mut items
    key_snapshots: set[int] = field(default_factory=set)  # id() of dict loops' iterables
    # id() of list/set/dict displays only compared (``[a] == [b]``, ``x in [a, b]``): nothing
    # keeps them, so their items are copies, never moves
    transient: set[int] = field(default_factory=set)


Front = tuple[Signature, Typed, Ownership]  # what the front passes make of one function


class Signatures(Protocol):
    """The signatures of one module as the back end reads them (``session.SigTable``)."""

    def lookup(self, name: str) -> Signature | None:
        """The signature of a sibling function or constructor ``Cls`` / method ``Cls.m``."""

    def model(self, name: str) -> ClassModel | None:
        """The model of a sibling class."""

    def member(self, name: str) -> Front | None:
        """Front passes of a class member: ``Cls`` (constructor) or ``Cls.method``."""
