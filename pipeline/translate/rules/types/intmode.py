"""Which Rust type a Python ``int`` becomes while one unit is translated.

By default an int is an ``i64`` (Copy, plain operators, overflow panics). A unit whose
verification overflowed is translated again in *big* mode (``RuleEngine(ints="big")``), where
every int is the runtime's unbounded ``crate::pyrt::Int`` (Clone, not Copy; operators on
references; ``type language: bigint``). The mode is set for the duration of one translation by
the engine and read by the passes that spell types and int operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_BIG: ContextVar[bool] = ContextVar("portalis_big_ints", default=False)


def big() -> bool:
    """Whether ints are translated as unbounded ``crate::pyrt::Int`` right now."""
    return _BIG.get()


@contextmanager
def big_ints(on: bool = True) -> Iterator[None]:
    """Translate with unbounded ints (``on``) inside the block."""
    token = _BIG.set(on)
    try:
        yield
    finally:
        _BIG.reset(token)
