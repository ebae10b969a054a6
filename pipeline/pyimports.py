"""Import statements of a module, as the sharder hands them on (``Unit.imports``: each
statement's source), parsed once for every reader: the engine's import table, the names they
bind, the carried classes' imports (units/crossconst.py)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator


def import_nodes(imports: Iterable[str]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The ``import``/``from ... import`` nodes of ``imports``; a text that does not parse is
    skipped (it binds nothing the engine could use)."""
    for text in imports:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                yield node
