"""Generated inputs: hypothesis strategies for the type language, drawn reproducibly.

Choices (also in docs/verification.md):
- int: mostly small (-2..8, good as indexes and counts; -1000..1000), sometimes "large" up
  to +-2**31, so that sums and products of two inputs stay inside i64; values beyond i64
  come only from doctests and user cases.
- float: finite only, within +-1e6, with exact halves (x.5) over-represented so that rounding
  rules are exercised. NaN and infinities are never generated (they would flag every
  float-to-int conversion); supply them as doctests or user cases when wanted.
- str: empty and non-empty, ASCII and non-ASCII (accents, CJK, emoji), no lone surrogates;
  a str parameter the function passes to ``ord`` mostly one character (``CHAR``).
- containers: small (at most 5 members at the top, fewer when nested).
- callables: entries of the catalogue for their type (``catalogue.py``, ``callables.py``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from random import Random

import hypothesis
from hypothesis import strategies as st
from hypothesis.control import BuildContext
from hypothesis.errors import StopTest
from hypothesis.internal.conjecture.choice import ChoiceTemplate
from hypothesis.internal.conjecture.data import ConjectureData

from pipeline import codec
from pipeline.codec import New
from pipeline.pytypes import Classes, ClassShape, PyType, is_class, parse

_LOCK = threading.Lock()  # hypothesis keeps global state: one generation at a time
_HASHABLE = ("int", "float", "bool", "str", "bytes", "None", "tuple", "tuple...", "Optional")
_SAMPLE_CHARS = "aZ09 _-.,\n\tßéü中日😀\u00a0"


def _ints() -> st.SearchStrategy[int]:
    # Mostly small: many int parameters are sizes or counts, and a loop of 2**31 steps only
    # times out (on both sides) and slows verification down without testing anything.
    small = st.integers(-2, 8)
    return st.one_of(small, small, small, st.integers(-1000, 1000), st.integers(-(2**31), 2**31))


def _floats() -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(-20, 20).map(lambda n: n / 2),
        st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        st.sampled_from([0.0, -0.0, 0.1, 1e-9, 1e15 + 0.5]),
    )


def _skip_surrogates(n: int) -> str:
    return chr(n + 0x800 if 0xD800 <= n <= 0xDFFF else n)


def _alphabet() -> st.SearchStrategy[str]:
    # Code points are drawn as integers: st.characters would build (and write to disk, under
    # ./.hypothesis) a Unicode table on first use.
    return st.one_of(
        st.sampled_from(_SAMPLE_CHARS),
        st.integers(0, 0x7F).map(chr),
        st.integers(0x80, 0x10FFFF - 0x800).map(_skip_surrogates),
    )


def _texts() -> st.SearchStrategy[str]:
    return st.lists(_alphabet(), max_size=8).map("".join)


# A str parameter the function passes to ``ord`` (inputs.char_params): three draws in four
# are one character, the rest any str (ord raises there: the Rust must raise too)
CHAR = "char"


def _chars() -> st.SearchStrategy[str]:
    one = _alphabet()
    return st.one_of(one, one, one, _texts())


_SCALARS = {
    "int": _ints,
    "bigint": _ints,  # the same draws as int: a big-int translation retries what overflowed
    "float": _floats,
    "str": _texts,
    "bool": st.booleans,
    "bytes": lambda: st.binary(max_size=8),
    "None": st.none,
}


class Ungeneratable(ValueError):
    """A type for which no values can be generated (e.g. a set of lists)."""


def strategy_for(t: PyType, depth: int = 0, classes: Classes | None = None) -> st.SearchStrategy:
    """A strategy drawing Python values of type ``t`` (an object: ``New`` with arguments
    drawn for its constructor's parameter types)."""
    if t.name in _SCALARS:
        return _SCALARS[t.name]()
    if t.name == "Callable":
        from pipeline.verify.callables import catalogue_refs

        refs = catalogue_refs(t)
        if not refs:
            raise Ungeneratable(f"no catalogue functions of type {t.render()}")
        return st.sampled_from(refs)
    if is_class(t):
        shape = classes.get(t.name) if classes else None
        if shape is None:
            raise Ungeneratable(f"no constructor known for class {t.name}")
        if shape.handle:
            return _nodes(shape, depth, classes)
        init = [strategy_for(a, depth + 1, classes) for a in shape.init]
        own = st.tuples(*init).map(lambda args: New(shape.name, args))
        if not shape.variants:
            calls = _calls(shape, depth, classes)
            if calls is None:
                return own
            made = st.tuples(st.tuples(*init), calls)
            return made.map(lambda p: New(shape.name, p[0], p[1]))
        # a base class's value is one of the classes of the hierarchy, each from its own
        # constructor's arguments
        return st.one_of(own, *(strategy_for(PyType(v), depth, classes) for v in shape.variants))
    size = max(1, 5 - 2 * depth)
    inner = [strategy_for(a, depth + 1, classes) for a in t.args]
    if t.name == "Optional":
        return st.one_of(st.none(), inner[0])
    if t.name == "list":
        return st.lists(inner[0], max_size=size)
    if t.name == "tuple...":
        return st.lists(inner[0], max_size=size).map(tuple)
    if t.name == "tuple":
        return st.tuples(*inner)
    if t.name == "deque":  # a real deque: popleft, appendleft and rotate are Python's
        return st.lists(inner[0], max_size=size).map(deque)
    _require_hashable(t.args[0])
    if t.name == "set":
        return st.sets(inner[0], max_size=size)
    if t.name == "dict":
        return st.dictionaries(inner[0], inner[1], max_size=max(1, size - 1))
    if t.name == "OrderedDict":  # a real OrderedDict: its == and move_to_end are Python's
        return st.dictionaries(inner[0], inner[1], max_size=max(1, size - 1)).map(OrderedDict)
    raise Ungeneratable(f"no generator for {t.render()}")


MAX_CALLS = 4  # methods called on a drawn object before the tested call, at most


def _calls(shape: ClassShape, depth: int, classes: Classes | None) -> st.SearchStrategy | None:
    """Calls of the class's mutating methods on a drawn object, with drawn arguments, before
    the tested call (``Stack(); .push(3); .push(-1)``): methods run on objects in the states
    the class's own methods make, not only on new ones (None: the class has no such method)."""
    steps = []
    for m in shape.mutators:
        try:
            parts = [strategy_for(t, depth + 1, classes) for t, _mode in m.params]
        except Ungeneratable:
            continue
        steps.append(st.tuples(st.just(m.name), st.tuples(*parts)))
    if not steps:
        return None
    most = MAX_CALLS if depth == 0 else 1
    return st.lists(st.one_of(*steps), max_size=most).map(tuple)


MAX_NODES = 6  # nodes of a drawn linked list or tree at most


def _nodes(shape: ClassShape, depth: int, classes: Classes | None) -> st.SearchStrategy:
    """Objects of a node class built through its constructor: its ``Optional[Self]``
    parameters take ``None`` or another drawn node (a chain for one such parameter, a tree
    for two), up to ``MAX_NODES`` nodes; every node is new, so no input shares a node or
    has a cycle (docs/nodes.md)."""
    link = PyType("Optional", (PyType(shape.name),))
    if PyType(shape.name) in shape.init:
        raise Ungeneratable(f"the constructor of {shape.name} needs a {shape.name}")
    others = [None if a == link else strategy_for(a, depth + 1, classes) for a in shape.init]

    def extend(inner: st.SearchStrategy) -> st.SearchStrategy:
        parts = [inner if o is None else o for o in others]
        return st.tuples(*parts).map(lambda args: New(shape.name, args))

    if all(o is not None for o in others):
        return extend(st.none())
    return extend(st.recursive(st.none(), extend, max_leaves=MAX_NODES))


def _require_hashable(t: PyType) -> None:
    if t.name not in _HASHABLE or not all(a.name in _HASHABLE for a in t.args):
        raise Ungeneratable(f"{t.render()} is not hashable in Python")


def generate(
    types: list[PyType],
    count: int,
    seed_value: int,
    classes: Classes | None = None,
) -> list[tuple[object, ...]]:
    """Up to ``count`` argument tuples for parameters of ``types``, the same for a seed: the
    whole of :func:`draw_stream`'s stream. Callers must not mutate the values."""
    if count <= 0:
        return []
    return list(draw_stream(types, count, seed_value, classes).take(count))


DRAW_ATTEMPTS = 3  # draws per wanted example at most: duplicates are drawn again
SIMPLEST = ChoiceTemplate("simplest", count=None)


def draw_stream(
    types: Sequence[PyType],
    count: int,
    seed_value: int,
    classes: Classes | None = None,
    store: Path | None = None,
    chars: Collection[int] = (),
) -> DrawStream:
    """The stream of up to ``count`` argument tuples for parameters of ``types`` and a seed:
    one per (types, count, seed, classes) for the life of the process (functions with the
    same parameter types share it; Ungeneratable when a type has no strategy); with a
    ``store`` directory, its state is kept there for the next process too. The ``str``
    parameters at positions ``chars`` are drawn mostly as one character (``CHAR``)."""
    shapes = tuple(sorted((classes or {}).values(), key=lambda c: c.name))
    rendered = tuple(CHAR if i in chars else t.render() for i, t in enumerate(types))
    return _stream(rendered, count, seed_value, shapes, store)


@functools.lru_cache(maxsize=512)
def _stream(
    types: tuple[str, ...],
    count: int,
    seed_value: int,
    shapes: tuple[ClassShape, ...],
    store: Path | None,
) -> DrawStream:
    return DrawStream(types, count, seed_value, shapes, store)


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """What decides the draws besides their arguments: hypothesis's version, the Python
    version (``Random``), and this module's and the type language's source."""
    here = Path(__file__).resolve()
    files = (here, here.with_name("catalogue.py"), here.parents[1] / "pytypes.py")
    digest = hashlib.sha256(f"{hypothesis.__version__}\0{sys.version}".encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DrawStream:
    """Draw straight from the strategies with a seeded ``Random``: no test engine (whose
    search for new examples cost ~10 ms per example, and whose check that no strategy used
    the global ``random`` misfired when another thread of a Dask worker did), the same draws
    for a seed on every machine. The first draw is the simplest value; values equal by
    ``repr`` are kept once; at most ``count`` values from ``count * DRAW_ATTEMPTS`` draws.

    Lazy: values are drawn when :meth:`take` first asks for them (coverage-guided stopping
    runs about half of them), and the stream's state is kept for the next ask, so taking
    ``k`` then ``n`` gives the first ``n`` values of one draw of ``n``."""

    def __init__(
        self,
        types: tuple[str, ...],
        count: int,
        seed_value: int,
        shapes: tuple[ClassShape, ...],
        store: Path | None = None,
    ) -> None:
        classes = {c.name: c for c in shapes}
        self.strategy = st.tuples(
            *(_chars() if t == CHAR else strategy_for(parse(t, classes), 0, classes) for t in types)
        )
        self.count = count
        self.rnd = Random(seed_value)
        self.drawn: dict[str, tuple[object, ...]] = {}
        self.values: list[tuple[object, ...]] = []
        self.keys: list[str] = []  # each value's de-duplication key, once asked for
        self.last: tuple = ()
        self.attempt = 0
        self.path: Path | None = None
        self.key = ""
        if store is not None:
            self.key = repr((_code_digest(), types, count, seed_value, shapes))
            self.path = store / (hashlib.sha256(self.key.encode()).hexdigest()[:32] + ".pickle")
            self._load(self.key)

    STATE = ("drawn", "values", "keys", "last", "attempt")

    def _load(self, key: str) -> None:
        """The state a previous process kept in the store, if it is this stream's (anything
        unreadable is ignored: the stream is drawn again, to the same values)."""
        assert self.path is not None
        try:
            with open(self.path, "rb") as f:
                state = pickle.load(f)
            if state["key"] != key:
                return
            rnd = Random()
            rnd.setstate(state["rnd"])
            loaded = {name: state[name] for name in self.STATE}
        except Exception:  # missing, partial, foreign or from another version of the code
            return
        self.rnd = rnd
        for name, value in loaded.items():
            setattr(self, name, value)

    def _save(self) -> None:
        """Keep the state in the store (written beside it, then renamed into place: a reader
        sees a whole file or none); a state that cannot be kept is not."""
        if self.path is None:
            return
        state = {name: getattr(self, name) for name in self.STATE}
        state.update(key=self.key, rnd=self.rnd.getstate())
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def take(self, n: int) -> tuple[tuple[object, ...], ...]:
        """The first ``n`` values (fewer when the stream ends first), drawing what is missing."""
        n = min(n, self.count)
        if len(self.values) < n and self.attempt < self.count * DRAW_ATTEMPTS:
            with _LOCK, _no_local_constants():
                while len(self.values) < n and self.attempt < self.count * DRAW_ATTEMPTS:
                    self._draw_one()
        return tuple(self.values[:n])

    def keyed(self, n: int) -> list[tuple[tuple[object, ...], str]]:
        """:meth:`take` with each value's de-duplication key (``codec.key``), computed once
        per value for every function that shares the stream."""
        values = self.take(n)
        if len(self.keys) < len(values):
            with _LOCK:
                for args in values[len(self.keys) :]:
                    self.keys.append(codec.key(codec.encode(args)))
                self._save()
        return list(zip(values, self.keys, strict=False))

    def _draw_one(self) -> None:
        # As hypothesis's engine does: the simplest value first (0, "", [], False…), then
        # alternately a fresh draw and the start of the last one completed with the
        # simplest choices (small values in the same shape).
        attempt, last = self.attempt, self.last
        self.attempt += 1
        cut = self.rnd.randrange(len(last) + 1) if attempt % 2 else 0
        prefix = (*last[:cut], SIMPLEST) if attempt % 2 or not attempt else ()
        data = ConjectureData(random=self.rnd, prefix=prefix)
        try:
            # only @given's runner reads wrapped_test; a bare draw has no test to name
            with BuildContext(data, wrapped_test=None):  # type: ignore[arg-type]
                value = data.draw(self.strategy)
        except StopTest:  # the draw ran out of room: try another
            return
        self.last = last if attempt % 2 else tuple(data.choices)
        key = repr(value)
        if key not in self.drawn:
            self.drawn[key] = value
            self.values.append(value)


@contextlib.contextmanager
def _no_local_constants() -> Iterator[None]:
    """Stop hypothesis from mixing in constants found in "local" modules (those under the
    cwd that happen to be imported) and from caching them under ./.hypothesis: both would make
    the draws depend on the process rather than on the seed. Patches a hypothesis internal
    while the lock is held; does nothing if a future hypothesis lacks it."""
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
        from sortedcontainers import SortedSet

        original = providers._get_local_constants
        empty = Constants(
            integers=SortedSet(),
            floats=SortedSet(key=providers.float_to_int),
            bytes=SortedSet(),
            strings=SortedSet(),
        )
    except (ImportError, AttributeError, TypeError):
        yield
        return
    providers._get_local_constants = lambda: empty
    try:
        yield
    finally:
        providers._get_local_constants = original
