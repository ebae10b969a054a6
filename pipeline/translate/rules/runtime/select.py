"""The std-only Rust runtime (``pyrt``): Python semantics the generated code calls into.

Helpers live in ``pyrt.rs`` as sections headed ``// @helper NAME [needs DEP ...]``. A
translation lists the helpers it uses; ``runtime_source`` emits exactly those and their
dependencies, in file order, so the output is deterministic and free of dead code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.translate.rules.runtime import unicode_tables

HEADER = (
    "//! Python semantics for code translated by Portalis (generated; std only).\n"
    "#![allow(dead_code, clippy::all)]\n"
)


@dataclass(frozen=True)
class Helper:
    """One section of pyrt.rs."""

    name: str
    needs: tuple[str, ...]
    source: str


@lru_cache(maxsize=1)
def helpers() -> dict[str, Helper]:
    """All helpers, by name, in file order."""
    text = (Path(__file__).with_name("pyrt.rs")).read_text(encoding="utf-8")
    out: dict[str, Helper] = {}
    for chunk in text.split("// @helper ")[1:]:
        head, _, body = chunk.partition("\n")
        name, *rest = head.split()
        needs = tuple(rest[1:]) if rest and rest[0] == "needs" else ()
        out[name] = Helper(name, needs, body.strip() + "\n")
    for name in sorted(unicode_tables.GENERATED):
        out[name] = Helper(name, (), "")  # built on demand from Python's Unicode data
    return out


def closure(names: Iterable[str]) -> list[str]:
    """``names`` plus everything they depend on, in file order."""
    table = helpers()
    wanted: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        if name not in table:
            raise KeyError(f"unknown runtime helper {name!r}")
        wanted.add(name)
        stack.extend(table[name].needs)
    return [n for n in table if n in wanted]


def runtime_source(names: Iterable[str]) -> str:
    """The ``pyrt`` module text holding exactly ``names`` (and dependencies)."""
    chosen = closure(names)
    if not chosen:
        return ""
    table = helpers()
    parts = [
        unicode_tables.helper_source(n) if n in unicode_tables.GENERATED else table[n].source
        for n in chosen
    ]
    return HEADER + "\n" + "\n".join(parts)
