"""Regular expressions for the runtime's matcher (``regex`` in ``pyrt.rs``).

A pattern must be a string literal. It is parsed by CPython's own parser (``re._parser``), so
escapes, classes and repeat bounds mean exactly what they mean to Python, and the parse is
turned into a Rust constant of ``crate::pyrt::Rx`` nodes. Only the subset the matcher
reproduces exactly is admitted; anything else is refused, naming it: flags (inline or
passed) other than those that only change how the text is parsed (``(?x)``, ``(?u)``) and the
whole-pattern ``(?m)`` (``^``/``$`` also at line boundaries, as CPython's compiler turns them
into ``AT_BEGINNING_LINE``/``AT_END_LINE``) and ``(?s)`` (``.`` also matches a newline,
``ANY_ALL``) — scoped flags (``(?s:...)``), ``(?i)``, ``(?a)`` and ``(?L)`` stay refused —,
backreferences, lookaround, conditionals, possessive repeats and atomic groups, and a repeat
whose body can match the empty string (CPython stops such loops by its own rule).
Replacement templates of ``re.sub`` are parsed by CPython's template parser too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]  # typeshed: no private re stubs
from re import _parser as P  # type: ignore[attr-defined]  # (the parser CPython's re uses)
from typing import Any

# the Unicode categories CPython's compiler uses for a str pattern
CATEGORIES = {
    C.CATEGORY_DIGIT: "Digit(true)",
    C.CATEGORY_NOT_DIGIT: "Digit(false)",
    C.CATEGORY_WORD: "Word(true)",
    C.CATEGORY_NOT_WORD: "Word(false)",
    C.CATEGORY_SPACE: "Space(true)",
    C.CATEGORY_NOT_SPACE: "Space(false)",
}
ANCHORS = {
    C.AT_BEGINNING: "Begin",
    C.AT_BEGINNING_STRING: "Begin",
    C.AT_END: "End",
    C.AT_END_STRING: "EndString",
    C.AT_BOUNDARY: "Boundary(true)",
    C.AT_NON_BOUNDARY: "Boundary(false)",
}
# whole-pattern flags the matcher reproduces: parse-only ones, and (?m), (?s) (``_Flags``)
TAKEN_FLAGS = C.SRE_FLAG_UNICODE | C.SRE_FLAG_VERBOSE | C.SRE_FLAG_MULTILINE | C.SRE_FLAG_DOTALL
# ``^`` and ``$`` under (?m) (CPython's ``AT_MULTILINE``); ``\A``, ``\Z`` keep theirs
LINE_ANCHORS = {C.AT_BEGINNING: "BeginLine", C.AT_END: "EndLine"}
MAX_PATTERN = 2000  # characters of pattern text the engine takes


class RegexRefused(Exception):
    """The pattern (or template) is outside the subset; the message names why."""


@dataclass(frozen=True)
class Regex:
    """A compiled pattern: Rust constant text (``&[crate::pyrt::Rx]``) and its group count."""

    rust: str
    groups: int


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Regex:
    """The Rust form of ``pattern`` (raises RegexRefused)."""
    if len(pattern) > MAX_PATTERN:
        raise RegexRefused("pattern longer than the engine takes")
    try:
        parsed = P.parse(pattern, 0)
    except re.error as err:
        raise RegexRefused(f"invalid pattern ({err})") from None
    flags = parsed.state.flags
    if flags & ~TAKEN_FLAGS:
        raise RegexRefused("pattern with inline flags")
    if parsed.state.groupdict:
        raise RegexRefused("pattern with named groups")
    mode = _Flags(bool(flags & C.SRE_FLAG_MULTILINE), bool(flags & C.SRE_FLAG_DOTALL))
    return Regex(_seq(list(parsed), mode), parsed.state.groups - 1)


@dataclass(frozen=True)
class _Flags:
    """The whole-pattern flags that change what a node matches (as CPython's compiler reads
    them: ``AT_MULTILINE`` for the anchors, ``ANY_ALL`` for ``.``)."""

    multiline: bool = False
    dotall: bool = False


def compile_template(template: str, pattern: str) -> str:
    """The Rust form of a ``re.sub`` replacement: ``&[(text, Option<group>)]``."""
    try:
        groups, literals = P.parse_template(template, re.compile(pattern))
    except re.error as err:
        raise RegexRefused(f"invalid replacement ({err})") from None
    at = dict(groups)
    parts = []
    for i, text in enumerate(literals):
        group = at.get(i)
        if text is not None or group is not None:
            ref = "None" if group is None else f"Some({group})"
            parts.append(f"({_str(text or '')}, {ref})")
    return f"&[{', '.join(parts)}]"


def _str(text: str) -> str:
    body = "".join(_char_body(c) for c in text)
    return f'"{body}"'


def _char_body(c: str) -> str:
    if c in "\\\"'":
        return "\\" + c
    if c.isprintable() and c.isascii():
        return c
    return f"\\u{{{ord(c):x}}}"


def _char(code: int) -> str:
    return f"'{_char_body(chr(code))}'"


def _seq(items: list, mode: _Flags) -> str:
    return "&[" + ", ".join(_node(op, av, mode) for op, av in items) + "]"


def _node(op: object, av: Any, mode: _Flags) -> str:  # av: the parser's argument, its shape
    # set by op
    rx = "crate::pyrt::Rx"
    if op is C.LITERAL:
        return f"{rx}::Lit({_char(av)})"
    if op is C.NOT_LITERAL:
        return f"{rx}::NotLit({_char(av)})"
    if op is C.ANY:
        return f"{rx}::AnyAll" if mode.dotall else f"{rx}::Any"
    if op is C.IN:
        return _set(av)
    if op is C.AT:
        if av not in ANCHORS:
            raise RegexRefused(f"pattern anchor {av}")
        if mode.multiline and av in LINE_ANCHORS:
            return f"{rx}::{LINE_ANCHORS[av]}"
        return f"{rx}::{ANCHORS[av]}"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, body = av
        inner = _seq(list(body), mode)  # refuses what the width cannot be computed for
        if P.SubPattern(P.State(), list(body)).getwidth()[0] == 0:
            raise RegexRefused("pattern with a repeat whose body can match the empty string")
        if max(lo, 0 if hi is C.MAXREPEAT else hi) >= 2**32 - 1:
            raise RegexRefused("pattern with a repeat bound past the engine's")
        top = "crate::pyrt::RX_MANY" if hi is C.MAXREPEAT else str(hi)
        return f"{rx}::Rep({lo}, {top}, {str(op is C.MAX_REPEAT).lower()}, {inner})"
    if op is C.SUBPATTERN:
        group, add, remove, body = av
        if add or remove:
            raise RegexRefused("pattern with inline flags")
        inner = _seq(list(body), mode)
        return inner if group is None else f"{rx}::Group({group}, {inner})"
    if op is C.BRANCH:
        _, branches = av
        return f"{rx}::Alt(&[{', '.join(_seq(list(b), mode) for b in branches)}])"
    raise RegexRefused(f"pattern construct {str(op).lower()}")


def _set(items: list) -> str:
    negate = False
    out = []
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            out.append(f"crate::pyrt::RxItem::Ch({_char(av)})")
        elif op is C.RANGE:
            out.append(f"crate::pyrt::RxItem::Range({_char(av[0])}, {_char(av[1])})")
        elif op is C.CATEGORY and av in CATEGORIES:
            out.append(f"crate::pyrt::RxItem::{CATEGORIES[av]}")
        else:
            raise RegexRefused(f"pattern class item {str(op).lower()}")
    return f"crate::pyrt::Rx::Set({str(negate).lower()}, &[{', '.join(out)}])"
