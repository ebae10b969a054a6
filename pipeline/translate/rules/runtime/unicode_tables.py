"""Unicode tables for ``pyrt``, generated from the running Python's own Unicode database.

``str.isalpha``, ``isdigit``, ``isupper``, ``title``, ``repr``… depend on Unicode properties
that std Rust does not expose (or exposes for another Unicode version). Generating the tables
from ``str`` methods of the Python that also runs the originals makes the Rust side agree
character for character. Tables are deterministic and built once per process, lazily.

Scanning all 1.1M code points takes seconds, which every fresh worker would pay on its first
crate, so the tables for a Unicode version are also stored as JSON next to this module
(``unicode_data/<version>.json``, written by ``python -m pipeline.translate.rules.unicode_tables``)
and loaded when the running Python has that version; ``tests/translate/test_unicode_tables.py``
checks the stored file against a fresh scan.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

from pipeline.pytypes import rust_str

SURROGATES = range(0xD800, 0xE000)
PER_LINE = 8

# table name -> predicate on a one-character string
PREDICATES: dict[str, Callable[[str], bool]] = {
    "ALPHA": str.isalpha,
    "DECIMAL": str.isdecimal,
    "DIGIT": str.isdigit,
    "NUMERIC": str.isnumeric,
    "UPPER": str.isupper,
    "LOWER": str.islower,
    "TITLE": lambda c: unicodedata.category(c) == "Lt",
    "PRINTABLE": str.isprintable,
}
# map name -> per-character mapping (only characters where it differs from the default)
MAPS: dict[str, Callable[[str], str | None]] = {
    "TITLE_MAP": lambda c: c.title() if c.title() != c.upper() else None,
    "FOLD_MAP": lambda c: c.casefold() if c.casefold() != c.lower() else None,
}


def _chars() -> list[str]:
    return [chr(cp) for cp in range(0x110000) if cp not in SURROGATES]


DATA_DIR = Path(__file__).with_name("unicode_data")


@cache
def _stored() -> dict:
    """The stored tables for the running Python's Unicode version ({} when none)."""
    path = DATA_DIR / f"{unicodedata.unidata_version}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@cache
def ranges(name: str) -> tuple[tuple[int, int], ...]:
    """Inclusive code point ranges where predicate ``name`` holds."""
    stored = _stored().get("ranges", {}).get(name)
    return tuple((a, b) for a, b in stored) if stored is not None else scan_ranges(name)


@cache
def mapping(name: str) -> tuple[tuple[int, str], ...]:
    """(code point, mapped text) for characters whose mapping is special."""
    stored = _stored().get("maps", {}).get(name)
    return tuple((cp, m) for cp, m in stored) if stored is not None else scan_mapping(name)


def scan_ranges(name: str) -> tuple[tuple[int, int], ...]:
    """``ranges`` computed from the running Python's ``str`` methods."""
    pred = PREDICATES[name]
    out: list[tuple[int, int]] = []
    start = prev = -2
    for ch in _chars():
        if not pred(ch):
            continue
        cp = ord(ch)
        if cp != prev + 1:
            if start >= 0:
                out.append((start, prev))
            start = cp
        prev = cp
    if start >= 0:
        out.append((start, prev))
    return tuple(out)


def scan_mapping(name: str) -> tuple[tuple[int, str], ...]:
    """``mapping`` computed from the running Python's ``str`` methods."""
    fn = MAPS[name]
    return tuple((ord(c), m) for c in _chars() if (m := fn(c)) is not None)


def rust_table(name: str) -> str:
    """``pub const NAME: &[(u32, u32)]`` for a predicate table."""
    pairs = [f"({a:#x}, {b:#x})" for a, b in ranges(name)]
    return _rust_array(name, "(u32, u32)", pairs)


def rust_map(name: str) -> str:
    """``pub const NAME: &[(u32, &str)]`` for a mapping table."""
    pairs = [f"({cp:#x}, {rust_str(text)})" for cp, text in mapping(name)]
    return _rust_array(name, "(u32, &str)", pairs)


def _rust_array(name: str, item: str, items: list[str]) -> str:
    lines = [", ".join(items[i : i + PER_LINE]) + "," for i in range(0, len(items), PER_LINE)]
    body = "\n".join("    " + line for line in lines)
    note = f"/// Generated from Python {unicodedata.unidata_version} Unicode data.\n"
    return f"{note}pub const {name}: &[{item}] = &[\n{body}\n];\n"


def helper_source(helper: str) -> str:
    """Source of a generated helper: ``uni_alpha`` -> the ALPHA table."""
    table = helper.removeprefix("uni_").upper()
    return rust_map(table) if table in MAPS else rust_table(table)


GENERATED = {f"uni_{name.lower()}" for name in [*PREDICATES, *MAPS]}


def scan_all() -> dict:
    """Every table, freshly computed: the content of ``unicode_data/<version>.json``."""
    return {
        "unidata_version": unicodedata.unidata_version,
        "ranges": {name: [list(r) for r in scan_ranges(name)] for name in PREDICATES},
        "maps": {name: [list(m) for m in scan_mapping(name)] for name in MAPS},
    }


def main() -> None:
    """Write the tables of the running Python's Unicode version."""
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"{unicodedata.unidata_version}.json"
    path.write_text(
        json.dumps(scan_all(), ensure_ascii=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
