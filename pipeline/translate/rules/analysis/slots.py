"""Slots: what is known of one value's type while ``usage`` reads a function body (the
kinds it may still have, the uses that said so, the slots of its items), joined when two
values must have one type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.pytypes import PyType

INT, FLOAT, BOOL, STR = "int", "float", "bool", "str"
LIST, DICT, SET, TUPLE = "list", "dict", "set", "tuple"
ALL = frozenset({INT, FLOAT, BOOL, STR, LIST, DICT, SET, TUPLE})
NUM = frozenset({INT, FLOAT})
SEQ = frozenset({STR, LIST, TUPLE})
ITER = frozenset({STR, LIST, TUPLE, DICT, SET})
BARE_HINTS = {"list": LIST, "dict": DICT, "set": SET, "tuple": TUPLE, "frozenset": SET}
HASHABLE = frozenset({INT, FLOAT, BOOL, STR, TUPLE})


@dataclass(eq=False)
class Slot:
    """What is known of one value's type: its possible kinds and the uses that said so."""

    label: str
    hard: frozenset[str] = ALL
    soft: frozenset[str] = ALL
    why: list[str] = field(default_factory=list)
    kids: dict[str, Slot] = field(default_factory=dict)
    fixed: PyType | None = None
    floaty: bool = False
    chars: bool = False
    truth: bool = False
    shown: bool = False
    called: int = -1  # called as a function with this many arguments (kids ``arg0``.., ``ret``)
    fnval: bool = False  # an argument or the result of such a call
    opaque: str = ""
    parent: Slot | None = None

    def find(self) -> Slot:
        s = self
        while s.parent is not None:
            s = s.parent
        return s

    def kid(self, key: str) -> Slot:
        s = self.find()
        if key not in s.kids:
            s.kids[key] = Slot(f"{s.label}.{key}")
        return s.kids[key].find()


Val = Slot | str | None  # a tracked slot, a known kind, or nothing known


class Conflict(Exception):
    """A slot's uses leave no kind."""


def narrow(s: Slot, kinds: Iterable[str], why: str, soft: bool = False) -> None:
    s = s.find()
    kinds = frozenset(kinds)
    if soft:
        s.soft &= kinds
        return
    if not s.hard & kinds:
        raise Conflict(f"{s.label}: {', '.join(s.why)} and {why}")
    s.hard &= kinds
    s.why.append(why)


def join(a: Slot, b: Slot) -> None:
    """``a`` and ``b`` hold values of one type."""
    a, b = a.find(), b.find()
    if a is b:
        return
    if not a.hard & b.hard:
        raise Conflict(f"{a.label} ({', '.join(a.why)}) and {b.label} ({', '.join(b.why)})")
    if a.called >= 0 and b.called >= 0 and a.called != b.called:
        raise Conflict(f"{a.label}: called with {a.called} and with {b.called} arguments")
    b.parent = a
    a.called = max(a.called, b.called)
    a.fnval |= b.fnval
    a.hard &= b.hard
    a.soft &= b.soft
    a.why += b.why
    a.floaty |= b.floaty
    a.chars |= b.chars
    a.truth |= b.truth
    a.shown |= b.shown
    a.opaque = a.opaque or b.opaque
    if a.fixed is None:
        a.fixed = b.fixed
    for key, kid in b.kids.items():
        if key in a.kids:
            join(a.kids[key], kid)
        else:
            a.kids[key] = kid


def join_val(a: Val, b: Val, why: str) -> None:
    if isinstance(a, Slot) and isinstance(b, Slot):
        join(a, b)
    elif isinstance(a, Slot) and isinstance(b, str):
        narrow(a, {b}, why)
    elif isinstance(b, Slot) and isinstance(a, str):
        narrow(b, {a}, why)
