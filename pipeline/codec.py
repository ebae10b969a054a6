"""Tagged JSON for Python values crossing the sandbox pipe, in both directions.

Standard library only: the sandbox child loads this file by path, next to the user's code;
below pytypes (which writes ``New`` values as Rust literals) and the verifier.
JSON alone loses tuples, sets, bytes and non-string dict keys, so those are tagged:

    None, bool, int, float (NaN/Infinity allowed), str  -> themselves
    list -> [...]          tuple -> {"t": [...]}        set/frozenset -> {"s": [...]} (sorted)
    dict -> {"d": [[k, v], ...]} (insertion order)      bytes/bytearray -> {"b": "<hex>"}
    collections.OrderedDict -> {"od": [[k, v], ...]} (a dict whose == compares order)
    collections.deque -> {"dq": [...]} (its items; ``maxlen`` is not carried)
    FnRef (a catalogue function, see catalogue.py) -> {"f": [<type>, <index>, <name>]}
    New(name, args) (an object to construct) -> {"n": "<class name>", "a": [...]}, with
        "c": [[method, [...]], ...] when methods are called on it before the tested call
    an instance of a user class -> {"o": ..., "r": ..., "attrs": [[field, value], ...], "i": k}
        (its attributes: dataclass or NamedTuple fields, __slots__ or __dict__, in definition
        order; a NamedTuple class's instance is such an object, not a tuple; ``k`` numbers the
        instances of one encoded value in the order met) and, met again in the same value
        (a shared node, a cycle), -> {"o": ..., "r": "", "ref": k}
    anything else -> {"o": "<type name>", "r": "<repr, truncated>"}  (decodes to Opaque)
    a value nested deeper than MAX_DEPTH -> the same with "deep": true (a long linked list:
        the verifier does not compare it)

Set members are sorted by their own encoding, so equal values always encode identically
(the encoding doubles as a de-duplication key).
"""

from __future__ import annotations

import collections
import json
import types
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_DEPTH = 64
MAX_REPR = 200


@dataclass(frozen=True)
class Opaque:
    """A Python value the codec cannot carry (an object, a generator…): its type and repr,
    and for instances of user classes their attribute values (``fields``)."""

    type_name: str
    text: str
    fields: tuple[tuple[str, object], ...] | None = None
    ident: int | None = field(default=None, compare=False)  # its number in the value
    ref: bool = field(default=False, compare=False)  # met before: ``ident`` names it
    deep: bool = field(default=False, compare=False)  # cut at MAX_DEPTH: not carried

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>" if self.fields is None else self.text


@dataclass(frozen=True)
class New:
    """An object to build by calling class ``name`` (of the tested module) with ``args``:
    how inputs of class type cross the pipe (the child constructs it)."""

    name: str
    args: tuple[object, ...]
    # methods then called on it, in order: ``(method name, arguments)`` (``Stack(); .push(3)``)
    calls: tuple[tuple[str, tuple[object, ...]], ...] = ()

    def __repr__(self) -> str:
        made = f"{self.name}({', '.join(repr(a) for a in self.args)})"
        for name, args in self.calls:
            made += f"; .{name}({', '.join(repr(a) for a in args)})"
        return made


@dataclass(frozen=True)
class FnRef:
    """Entry ``index`` of the verifier's catalogue for callable type ``sig``; ``rust`` is its
    Rust closure (``pytypes.rust_literal`` reads it; empty after a trip through the pipe)."""

    sig: str
    index: int
    name: str
    rust: str = ""

    def __repr__(self) -> str:
        return self.name


def encode(value: object, depth: int = 0, seen: dict[int, int] | None = None) -> object:
    """A JSON-ready tree for ``value`` (see the module docstring); ``seen``: the instances
    already met in the value being encoded (id -> number)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if seen is None:
        seen = {}
    if id(value) in seen:
        return {"o": type(value).__name__, "r": "", "ref": seen[id(value)]}
    if depth > MAX_DEPTH:
        return {**_opaque(value), "deep": True}
    if isinstance(value, list):
        return [encode(v, depth + 1, seen) for v in value]
    if isinstance(value, tuple) and not _named_tuple(value):
        return {"t": [encode(v, depth + 1, seen) for v in value]}
    if isinstance(value, set | frozenset):
        return {"s": sorted((encode(v, depth + 1, seen) for v in value), key=key)}
    if isinstance(value, dict):
        tag = "od" if isinstance(value, OrderedDict) else "d"
        return {
            tag: [
                [encode(k, depth + 1, seen), encode(v, depth + 1, seen)] for k, v in value.items()
            ]
        }
    if isinstance(value, bytes | bytearray):
        return {"b": bytes(value).hex()}
    if isinstance(value, deque):
        return {"dq": [encode(v, depth + 1, seen) for v in value]}
    if isinstance(value, New):
        out: dict[str, object] = {
            "n": value.name,
            "a": [encode(v, depth + 1, seen) for v in value.args],
        }
        if value.calls:
            out["c"] = [[m, [encode(v, depth + 1, seen) for v in a]] for m, a in value.calls]
        return out
    ref = value if isinstance(value, FnRef) else getattr(value, "__portalis_ref__", None)
    if isinstance(ref, FnRef):
        return {"f": [ref.sig, ref.index, ref.name]}
    out = _opaque(value)
    attrs = _attributes(value)
    if attrs is not None:
        out["i"] = seen[id(value)] = len(seen)
        out["attrs"] = [[k, encode(v, depth + 1, seen)] for k, v in attrs]
    return out


def _opaque(value: object) -> dict:
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not break the pipe
        text = "?"
    return {"o": type(value).__name__, "r": text[:MAX_REPR]}


def _named_tuple(value: tuple) -> bool:
    """An instance of a ``typing.NamedTuple`` class (the engine translates one as a struct;
    a ``collections.namedtuple`` stays a tuple)."""
    return NamedTuple in getattr(type(value), "__orig_bases__", ())


# the interpreter's own modules as this module found them (in the verifier's child before a
# repository's module of the same name was imported: a class of the repository's
# ``collections`` is the user's)
_OWN_MODULES = {"collections": collections, "types": types}


def _interpreters(kind: type) -> bool:
    """Whether ``kind`` is a class of the interpreter's ``collections`` or ``types``."""
    module = _OWN_MODULES.get(kind.__module__)
    return module is not None and getattr(module, kind.__qualname__, None) is kind


def _attributes(value: object) -> list[tuple[str, object]] | None:
    """Attributes of an instance of a user-defined class (None for anything else); an
    instance without attributes (a class with only methods) has the empty list, so the
    verifier still knows which class it is."""
    kind = type(value)
    if kind.__module__ == "builtins" or _interpreters(kind) or callable(value):
        return None
    names = [f for f in getattr(kind, "__dataclass_fields__", {})]
    if isinstance(value, tuple):  # a NamedTuple (``_named_tuple``): its fields
        names += list(getattr(kind, "_fields", ()))
    slotted = False  # a Python class declared ``__slots__`` (``()`` too: no instance state)
    for klass in reversed(kind.__mro__):
        slots = klass.__dict__.get("__slots__", ())
        slotted = slotted or "__slots__" in klass.__dict__
        names += [slots] if isinstance(slots, str) else list(slots)
    names += [k for k in getattr(value, "__dict__", {}) if k not in names]
    if not names and not hasattr(value, "__dict__") and not slotted:
        return None  # a C-level object (no instance state Python code could have set)
    return [(n, getattr(value, n)) for n in names if hasattr(value, n)]


_FLAT = frozenset((int, float, str, bool, type(None)))  # JSON scalars: decode to themselves


def decode(tree: object, hashable: bool = False) -> object:
    """The Python value for a tree made by :func:`encode` (Opaque for unknown objects).

    Sets decode to ``set`` (so a function may mutate them), or to ``frozenset`` where the
    value must be hashable (a set member or dict key).
    """
    if isinstance(tree, list):
        if _FLAT.issuperset(map(type, tree)):  # scalars only (most long lists): as they are
            return tuple(tree) if hashable else list(tree)
        items = [decode(v, hashable) for v in tree]
        return tuple(items) if hashable else items
    if not isinstance(tree, dict):
        return tree
    if "t" in tree:
        return tuple(decode(v, hashable) for v in tree["t"])
    if "s" in tree:
        members = (decode(v, True) for v in tree["s"])
        return frozenset(members) if hashable else set(members)
    if "d" in tree:
        return {decode(k, True): decode(v) for k, v in tree["d"]}
    if "od" in tree:
        return OrderedDict((decode(k, True), decode(v)) for k, v in tree["od"])
    if "b" in tree:
        return bytes.fromhex(tree["b"])
    if "dq" in tree:
        return deque(decode(v) for v in tree["dq"])
    if "f" in tree:
        sig, index, name = tree["f"]
        return FnRef(str(sig), int(index), str(name))
    if "n" in tree:
        calls = tuple((str(m), tuple(decode(v) for v in a)) for m, a in tree.get("c", []))
        return New(str(tree["n"]), tuple(decode(v) for v in tree.get("a", [])), calls)
    fields = tree.get("attrs")
    if isinstance(fields, list):
        fields = tuple((str(k), decode(v)) for k, v in fields)
    kind, text = str(tree.get("o", "?")), str(tree.get("r", ""))
    if isinstance(tree.get("ref"), int):
        return Opaque(kind, text, None, tree["ref"], True)
    ident = tree.get("i")
    deep = tree.get("deep") is True
    return Opaque(kind, text, fields, ident if isinstance(ident, int) else None, deep=deep)


def key(tree: object) -> str:
    """A canonical string for an encoded tree: equal values give equal keys."""
    return json.dumps(tree, sort_keys=True, ensure_ascii=True)


def dumps(value: object) -> str:
    """One JSON line for a value (encoded first)."""
    return json.dumps(encode(value), ensure_ascii=True)
