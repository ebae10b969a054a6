"""Cache keys: which inputs decide a unit's translation, hashed into one hex string.

`unit_key(unit, engine_id, options)` is the sha256 (hex) of a canonical JSON document::

    {"key": KEY_VERSION,
     "kind": unit.kind,
     "source": digest(unit.source),
     "imports": [digest(s) for s in unit.imports],
     "constants": [[name, digest(src)] for name, src in unit.constants],
     "calls": list(unit.calls),
     "context": [[name, digest(src)] for name, src in unit.context],
     "call_examples": [[name, call] ...],      # literal calls typing unannotated params
     "foreign": [[module, <this document of each foreign unit>] ...],   # only when any
     "engine": engine_id,                      # e.g. "rules@0.3.1": name AND version
     "options": canonical(options)}            # dict keys sorted, sets sorted

`norm(src)` is `"ast:" + ast.dump(ast.parse(src))`: the tree without positions, so comments,
blank lines, indentation, quote style and spacing do not change the key, while any change in
meaning does. Source that does not parse is hashed as `"raw:" + text` (the prefixes keep the two
forms from ever colliding). `digest(src)` is the sha256 of `norm(src)`, memoised per process
(`context_digest`): imports and sibling sources recur in many units' contexts.

What is deliberately *not* in the key:
- the unit's id, path, module and first line: the same function in two files (vendored code,
  forks) or moved inside its file reuses one entry. A cached value therefore carries the
  unit id and source lines of whichever unit produced it: the reader must re-stamp `unit_id`
  and should store diagnostic lines relative to `unit.first_line`. Comments inside a body also
  shift lines without changing the key; pass `positions=True` when cached line numbers must be
  exact (the key then includes the first line and every node's line).
- the Python version: `ast.dump` is stable within a minor version; workers of one run share one.

`options` must hold only what changes the output (engine switches, verifier settings when the
verdict is cached too), as JSON-able values; anything else raises TypeError rather than being
hashed through an unstable `repr`. Bump `KEY_VERSION` when this recipe changes.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

from pipeline.records import Unit

KEY_VERSION = 3


def normalise_source(source: str, positions: bool = False) -> str:
    """The comment- and layout-free form of `source` (see the module docstring)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return "raw:" + source
    if not positions:
        return "ast:" + ast.dump(tree, annotate_fields=True, include_attributes=False)
    for node in ast.walk(tree):  # keep lines (diagnostics use them), drop columns (layout)
        for attr in ("col_offset", "end_col_offset"):
            if hasattr(node, attr):
                setattr(node, attr, None)
    return "ast+lines:" + ast.dump(tree, annotate_fields=True, include_attributes=True)


@functools.lru_cache(maxsize=8192)
def context_digest(source: str) -> str:
    """sha256 of ``normalise_source(source)``, memoised: a module's imports and its siblings'
    sources recur in the context of many units, and normalising them is the costly part."""
    return hashlib.sha256(normalise_source(source).encode("utf-8")).hexdigest()


def canonical(value: Any) -> Any:
    """`value` as plain JSON data with a single spelling (sorted dict keys and sets).

    Raises TypeError for values with no stable JSON form (objects, NaN, non-string keys).
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"cache key options cannot hold {value!r}")
        return value
    if isinstance(value, Mapping):
        out = {}
        for k in value:
            if not isinstance(k, str):
                raise TypeError(f"cache key option names must be strings, not {k!r}")
            out[k] = canonical(value[k])
        return dict(sorted(out.items()))
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    raise TypeError(
        f"cache key options must be JSON-like (str, int, float, bool, None, list, dict, set), "
        f"not {type(value).__name__}"
    )


def unit_key_document(
    unit: Unit, engine_id: str, options: Mapping[str, Any] | None = None, positions: bool = False
) -> dict[str, Any]:
    """The document `unit_key` hashes (exposed for debugging "why did this miss?")."""
    if not engine_id:
        raise ValueError("engine_id must name the engine and its version, e.g. 'rules@0.3.1'")
    doc: dict[str, Any] = {
        "key": KEY_VERSION,
        "kind": unit.kind,
        "source": normalise_source(unit.source, True)
        if positions
        else context_digest(unit.source),  # memoised: this unit is in its callers' contexts
        "imports": [context_digest(s) for s in unit.imports],
        "constants": [[name, context_digest(src)] for name, src in unit.constants],
        "calls": list(unit.calls),
        "context": [[name, context_digest(src)] for name, src in unit.context],
        "call_examples": [list(pair) for pair in unit.call_examples],
        "engine": engine_id,
        "options": canonical(dict(options or {})),
    }
    if unit.foreign:  # absent when empty: the keys of every other unit stay as they were
        doc["foreign"] = [
            [f.module, unit_key_document(f, engine_id, options)] for f in unit.foreign
        ]
    if positions:
        doc["first_line"] = unit.first_line
    return doc


def unit_key(
    unit: Unit, engine_id: str, options: Mapping[str, Any] | None = None, positions: bool = False
) -> str:
    """sha256 hex of `unit_key_document` (64 characters; stable across processes and runs)."""
    doc = unit_key_document(unit, engine_id, options, positions)
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(prefix: str, doc: Any) -> str:
    """``prefix`` + the sha256 hex of ``doc`` as canonical JSON (keys sorted, no spaces,
    ``str`` of anything else): the key of an outcome that depends on exactly ``doc``."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), default=str)
    return prefix + hashlib.sha256(text.encode()).hexdigest()
