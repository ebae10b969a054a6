"""Type helpers for inference: constructors, type variables with unification, predicates.

Types are ``pytypes.PyType`` values. Inference adds three internal names that never leave the
engine: ``?N`` (an unknown element type, e.g. of ``[]``), ``iter`` (range, zip, generators…)
and ``lambda``.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.pytypes import PyType, is_class
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types.handles import is_handle

INT = PyType("int")
FLOAT = PyType("float")
BOOL = PyType("bool")
STR = PyType("str")
BYTES = PyType("bytes")
NONE = PyType("None")
COPY_SCALARS = frozenset({"int", "float", "bool", "None"})


def list_of(t: PyType) -> PyType:
    """``list[t]``."""
    return PyType("list", (t,))


def set_of(t: PyType) -> PyType:
    """``set[t]``."""
    return PyType("set", (t,))


def dict_of(k: PyType, v: PyType) -> PyType:
    """``dict[k, v]``."""
    return PyType("dict", (k, v))


def iter_of(t: PyType) -> PyType:
    """A one-shot iterable of ``t`` (range, zip, generator, dict view…)."""
    return PyType("iter", (t,))


def iterator_of(t: PyType) -> PyType:
    """An iterator object of ``t`` (``it = iter(xs)``): stateful, see ``iterators``."""
    return PyType("Iterator", (t,))


def tuple_of(*ts: PyType) -> PyType:
    """``tuple[a, b, ...]``."""
    return PyType("tuple", tuple(ts))


def optional(t: PyType) -> PyType:
    """``Optional[t]``."""
    return PyType("Optional", (t,))


def is_var(t: PyType) -> bool:
    """True for an unresolved type variable."""
    return t.name.startswith("?")


def is_num(t: PyType) -> bool:
    """int, float or bool (bool takes part in arithmetic as an int)."""
    return t.name in ("int", "float", "bool")


def is_copy(t: PyType) -> bool:
    """Whether the Rust type is ``Copy`` (passed and read without clones)."""
    if t.name in COPY_SCALARS:
        return t.name != "int" or not intmode.big()
    if t.name in ("tuple", "Optional"):
        return all(is_copy(a) for a in t.args)
    return False


OPTIONAL_COMPARABLE = ("int", "float", "bool", "str")


def optional_scalar_pair(a: PyType, b: PyType) -> bool:
    """``x == opt`` / ``opt != x``: a scalar and an Optional of the same scalar type (Python:
    a value never equals None, else the values compare; Rust: ``opt == Some(x)``)."""
    if (a.name == "Optional") == (b.name == "Optional"):
        return False
    opt, other = (a, b) if a.name == "Optional" else (b, a)
    return other.name in OPTIONAL_COMPARABLE and opt.args[0].name == other.name


def is_seq(t: PyType) -> bool:
    """list or homogeneous tuple (both are ``Vec`` in Rust)."""
    return t.name in ("list", "tuple...")


def has_float(t: PyType) -> bool:
    """Whether a float occurs anywhere in ``t`` (no ``Ord``/``Hash`` in Rust)."""
    return t.name == "float" or any(has_float(a) for a in t.args)


def has_bytes(t: PyType) -> bool:
    """Whether bytes occur anywhere in ``t`` (printed ``b'...'``, which the runtime does not
    reproduce)."""
    return t.name == "bytes" or any(has_bytes(a) for a in t.args)


DICTLIKE = ("dict", "defaultdict", "Counter", "OrderedDict")


COLLECTIONS = ("OrderedDict", "Counter", "defaultdict", "deque")


def collection_in(t: PyType) -> str:
    """The first collections type inside ``t`` ("" if none): its str()/repr() names the
    class (``OrderedDict([(1, 2)])``), which the runtime's printing does not reproduce."""
    if t.name in COLLECTIONS:
        return t.name
    return next((n for n in map(collection_in, t.args) if n), "")


def is_mutable(t: PyType) -> bool:
    """Python objects that can change in place (aliasing matters for these); objects of
    user classes count as mutable (their attributes can be set), except node classes, whose
    Rust handles share the object as Python's names do (types/handles.py)."""
    return t.name in ("list", "set", "deque", *DICTLIKE) or (is_class(t) and not is_handle(t))


def contains_class(t: PyType) -> bool:
    """Whether an object of a user class occurs anywhere in ``t``."""
    return is_class(t) or any(contains_class(a) for a in t.args)


def as_dict(t: PyType) -> PyType:
    """The plain ``dict`` a defaultdict/Counter/OrderedDict behaves as for reads and
    iteration."""
    if t.name in ("defaultdict", "OrderedDict"):
        return PyType("dict", t.args)
    if t.name == "Counter":
        return PyType("dict", (t.args[0], INT))
    return t


def contains_mutable(t: PyType) -> bool:
    """Whether any part of ``t`` is a mutable container."""
    return is_mutable(t) or any(contains_mutable(a) for a in t.args)


def elem(t: PyType) -> PyType | None:
    """The item type when iterating ``t`` (keys for a dict); None if not iterable."""
    if t.name in ("list", "tuple...", "set", "iter", "deque", "Iterator", *DICTLIKE):
        return t.args[0]
    if t.name == "str":
        return STR
    if t.name == "bytes":
        return INT
    if t.name == "tuple" and t.args and all(a == t.args[0] for a in t.args):
        return t.args[0]
    return None


@lru_cache(maxsize=4096)
def has_var(t: PyType) -> bool:
    """Whether a type variable occurs in ``t`` (types are immutable, so this is cached)."""
    return t.name.startswith("?") or any(has_var(a) for a in t.args)


class Unifier:
    """Type variables and their bindings (a substitution)."""

    def __init__(self) -> None:
        self.count = 0
        self.bound: dict[str, PyType] = {}

    def fresh(self) -> PyType:
        """A new unknown type."""
        self.count += 1
        return PyType(f"?{self.count}")

    def resolve(self, t: PyType) -> PyType:
        """``t`` with every bound variable substituted."""
        if not has_var(t):
            return t
        while is_var(t) and t.name in self.bound:
            t = self.bound[t.name]
        if not t.args:
            return t
        return PyType(t.name, tuple(self.resolve(a) for a in t.args))

    def unify(self, a: PyType, b: PyType) -> bool:
        """Make ``a`` and ``b`` equal by binding variables; False if impossible."""
        a, b = self.resolve(a), self.resolve(b)
        if a == b:
            return True
        if is_var(a):
            return self._bind(a, b)
        if is_var(b):
            return self._bind(b, a)
        if a.name != b.name or len(a.args) != len(b.args):
            return False
        return all(self.unify(x, y) for x, y in zip(a.args, b.args, strict=True))

    def _bind(self, var: PyType, t: PyType) -> bool:
        if self._occurs(var.name, t):
            return False
        self.bound[var.name] = t
        return True

    def _occurs(self, name: str, t: PyType) -> bool:
        return t.name == name or any(self._occurs(name, a) for a in t.args)

    def complete(self, t: PyType) -> bool:
        """Whether ``t`` has no unresolved variables left."""
        if not has_var(t):
            return True
        t = self.resolve(t)
        return not is_var(t) and all(self.complete(a) for a in t.args)
