"""One parse of a definition's source, shared by the front's read-only scans.

Every unit of a module asks the same questions of the same sibling sources (which names a
definition uses, which classes it stores, raises or catches, whether it is a class or a
registering decorator); each question is memoised on the source, but each parsed the source
again: the same text parsed up to eight times, ~15 % of translation CPU on the stdlib.
"""

from __future__ import annotations

import ast
import functools


@functools.lru_cache(maxsize=1024)
def module(source: str) -> ast.Module | None:
    """``ast.parse(source)``, or None on a syntax error (other parser errors propagate, as
    from ``ast.parse``). The tree is shared: read it, never change it (``copy.deepcopy`` it
    first)."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return None
