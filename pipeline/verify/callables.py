"""Functions that take or return callables: catalogue inputs and observed results.

- A ``Callable[[A], R]`` parameter is drawn from the catalogue (``catalogue.py``): each input
  carries an ``FnRef`` (type, index, name) that the sandbox child turns into the Python
  function and ``pytypes.rust_literal`` into the Rust closure; reports show its name.
- A returned callable cannot be compared as a value, so both sides *observe* it: the entry
  point applies it, in order, to a fixed list of probe arguments (a stateful closure such as a
  counter is called several times, and the list of results compared), a returned list of
  callables has each member observed (an Optional one when it is not None), and a callable
  returned by a callable is observed in turn (``curry(a)(b)(c)``). The observed value has an
  ordinary type (``list[...]``): the harness computes it in Rust, the child in Python, from
  the same probe.
- A returned lazy iterator (an infinite generator, ``FnSig.returns`` ``Iterator[T]``) cannot
  be collected, so both sides observe its first ``TAKE`` items: ``itertools.islice`` in the
  child, ``.take(TAKE).collect::<Vec<_>>()`` in the harness, compared as a ``list[T]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.codec import FnRef, encode
from pipeline.pytypes import OPT_MUT, PyType, callable_arg_mode, rust_literal
from pipeline.verify.catalogue import CATALOGUE

TAKE = 20  # items of a lazy iterator observed (fixed: enough to pass a few resume points)
PROBES = (4, 3, 2)  # calls per callable, by nesting depth
# Probe arguments come from small fixed pools (not the input generators): a returned closure
# is typically applied to plain values, and x ** 7 on a drawn 2**31 would only test i64 width.
POOLS: dict[str, tuple[object, ...]] = {
    "int": (3, 0, -7, 1, 10, -1, 42, 2),
    "float": (1.5, 0.0, -2.5, 0.1, 3.0, -0.5, 10.0, 2.25),
    "str": ("abc", "", "été", "Hello", "a", "中文", "ab cd", "zz"),
    "bool": (True, False, True, False, False, True, True, False),
}


def has_callable(t: PyType) -> bool:
    """Whether a callable occurs anywhere in ``t``."""
    return t.name == "Callable" or any(has_callable(a) for a in t.args)


def catalogue_refs(t: PyType) -> list[FnRef]:
    """The catalogue functions for callable type ``t`` (empty when it has none)."""
    sig = t.render()
    return [FnRef(sig, i, e.name, e.rust) for i, e in enumerate(CATALOGUE.get(sig, ()))]


@dataclass(frozen=True)
class Observation:
    """How a result holding callables is observed: the observed type, the child's probe
    (``{"call": [[args...]...], "then": probe}`` / ``{"each": probe}``) and the Rust
    expression computing it from ``$CALL`` (the entry point's call)."""

    type: PyType
    probe: dict | None
    rust: str


class NotObservable(ValueError):
    """A result type whose callables cannot be observed (in a dict, tuple, Optional…)."""


def observe(t: PyType, crate: str) -> Observation | None:
    """The observation of a result of type ``t``; None when ``t`` holds no callable."""
    if not has_callable(t):
        return None
    obs_t, probe, rust = _observe(t, "$CALL", 0, crate)
    return Observation(obs_t, probe, rust)


def observe_iterator(sig_returns: str, t: PyType) -> Observation | None:
    """The observation of a lazy iterator result (``sig_returns`` is ``Iterator[...]``,
    ``t`` its parsed form, ``list[T]``); None for any other result."""
    if not sig_returns.startswith("Iterator["):
        return None
    return Observation(t, {"take": TAKE}, f"$CALL.take({TAKE}).collect::<Vec<_>>()")


def _observe(t: PyType, expr: str, depth: int, crate: str) -> tuple[PyType, dict | None, str]:
    if not has_callable(t):
        return t, None, expr
    if t.name == "Callable":
        return _observe_call(t, expr, depth, crate)
    if t.name == "list":
        item = f"f{depth}"
        inner_t, inner_probe, inner = _observe(t.args[0], item, depth + 1, crate)
        code = f"{expr}.into_iter().map(|mut {item}| {inner}).collect::<Vec<_>>()"
        return PyType("list", (inner_t,)), {"each": inner_probe}, code
    if t.name == "Optional":
        item = f"f{depth}"
        inner_t, inner_probe, inner = _observe(t.args[0], item, depth + 1, crate)
        code = f"match {expr} {{ None => None, Some(mut {item}) => Some({inner}) }}"
        return PyType("Optional", (inner_t,)), {"opt": inner_probe}, code
    raise NotObservable(f"callables inside {t.render()} cannot be observed")


def _observe_call(t: PyType, expr: str, depth: int, crate: str) -> tuple[PyType, dict | None, str]:
    arg_types, result = list(t.args[:-1]), t.args[-1]
    count = PROBES[min(depth, len(PROBES) - 1)]
    calls = [tuple(_probe_value(a, k + depth) for a in arg_types) for k in range(count)]
    name = f"f{depth}"
    results = []
    then_t, then_probe = result, None
    for args in calls:
        rust_args = ", ".join(_rust_arg(a, v, crate) for a, v in zip(arg_types, args, strict=True))
        then_t, then_probe, code = _observe(result, f"{name}({rust_args})", depth + 1, crate)
        results.append(code)
    code = f"{{ let mut {name} = {expr}; vec![{', '.join(results)}] }}"
    probe = {"call": [[encode(v) for v in args] for args in calls], "then": then_probe}
    return PyType("list", (then_t,)), probe, code


def _probe_value(t: PyType, k: int) -> object:
    """The ``k``-th probe argument of type ``t`` (deterministic)."""
    pool = POOLS.get(t.name)
    if pool is None:
        raise NotObservable(f"no probe arguments of type {t.render()}")
    return pool[k % len(pool)]


def _rust_arg(t: PyType, value: object, crate: str) -> str:
    """A probe argument passed the way closures take it (``&str`` for str)."""
    literal = rust_literal(t, value, crate)
    if callable_arg_mode(t) == "value":
        return literal
    return f"{literal}.as_str()" if t.name == "str" else f"&{literal}"


def check_params(params: list[tuple[PyType, str]]) -> str:
    """Why callable parameters cannot be tested ('' when they can)."""
    for t, mode in params:
        if has_callable(t) and mode in ("mut", OPT_MUT):
            return f"a mutated parameter holding callables ({t.render()})"
    return ""
