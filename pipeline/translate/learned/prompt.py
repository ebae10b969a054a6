"""What the model is told: the Python unit and its sharder context, the Rust signature the
verifier will call, the type mapping and the ``pyrt`` helpers the rule engine's crates use
(so learned output links with the same runtime), and verified translations of similar units
of the same run as examples. A repair prompt is the conversation so far plus the compiler's
message or the failing input with the expected and the actual value.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline import pytypes
from pipeline.records import FnSig, Param, Unit
from pipeline.rustnames import ident
from pipeline.translate.learned.backends import Message, Prompt

# pyrt helpers offered to the model (by name; their Rust signatures are read from the runtime)
OFFERED_HELPERS = (
    "floordiv",
    "modulo",
    "ipow",
    "fdiv",
    "truediv",
    "idx",
    "slice",
    "str_slice",
    "py_str",
    "dict",
    "sum_int",
    "gcd",
    "isqrt",
)
COPY_SCALARS = frozenset({"int", "float", "bool"})

SYSTEM = """You translate one Python function into Rust for a crate that is compiled with \
rustc (edition 2021, std only, no external crates) and then tested against the Python \
function on many inputs. Only a translation that returns the same values for every input \
is kept, so be exact: Python int is i64 and overflow must panic (use checked arithmetic or \
plain operators, never wrapping ones); Python exceptions become panic!(\"ValueError: ...\"); \
floor division and modulo follow Python (use the helpers below); strings index by code point.
Keep exactly the given signature. Write no `main`, no tests, no `unsafe`, no I/O.
Answer with one ```rust fenced block holding the function (and private helper functions \
it needs)."""

TYPE_MAPPING = """Type mapping: int -> i64, float -> f64, bool -> bool, str -> String (&str when \
only read), bytes -> Vec<u8>, list[T] -> Vec<T> (&[T] when only read, &mut Vec<T> when \
changed in place), tuple[A, B] -> (A, B), dict[K, V] -> crate::pyrt::PyDict<K, V> \
(insertion-ordered: new(), from_pairs(vec), insert(k, v), get(&k) -> Option<&V>, iter(), \
len()), set[T] -> std::collections::HashSet<T>, Optional[T] -> Option<T>, None -> ()."""


class NotForModel(ValueError):
    """A unit the learned engine does not take (the message says why)."""


@dataclass(frozen=True, slots=True)
class Expected:
    """The entry point the verifier will call, and the Rust parameter types it accepts."""

    sig: FnSig  # modes are the preferred ones (value for Copy scalars, ref otherwise)
    types: tuple[pytypes.PyType, ...]
    returns: pytypes.PyType

    def rust_header(self) -> str:
        params = ", ".join(
            f"{ident(p.name)}: {pytypes.rust_param_type(t, p.mode)}"
            for p, t in zip(self.sig.params, self.types, strict=True)
        )
        ret = "" if self.returns.name == "None" else f" -> {pytypes.rust_type(self.returns)}"
        return f"pub fn {self.sig.rust_name}({params}){ret}"


def expected_signature(unit: Unit) -> Expected:
    """The signature a learned translation of ``unit`` must have (from its annotations)."""
    if unit.kind != "function":
        raise NotForModel("the learned engine translates functions, not classes")
    try:
        fn = ast.parse(unit.source).body[0]
    except (SyntaxError, IndexError) as exc:
        raise NotForModel(f"cannot read the function: {exc}") from exc
    if not isinstance(fn, ast.FunctionDef):
        raise NotForModel("the learned engine translates plain (non-async) functions")
    args = fn.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
        raise NotForModel("parameters with defaults, *args, **kwargs or markers are not taken")
    if fn.returns is None or any(a.annotation is None for a in args.args):
        raise NotForModel("the learned engine needs annotated parameters and return type")
    try:
        types = tuple(pytypes.from_annotation(a.annotation) for a in args.args if a.annotation)
        returns = pytypes.from_annotation(fn.returns)
    except pytypes.TypeSyntaxError as exc:
        raise NotForModel(str(exc)) from exc
    params = tuple(
        Param(a.arg, t.render(), "value" if t.name in COPY_SCALARS else "ref")
        for a, t in zip(args.args, types, strict=True)
    )
    sig = FnSig(unit.qualname, ident(unit.qualname), params, returns.render())
    return Expected(sig, types, returns)


@lru_cache(maxsize=8)
def helper_catalogue(runtime_source: Callable[[Iterable[str]], str]) -> str:
    """One line per offered helper item: its Rust signature, read from the runtime."""
    text = runtime_source(OFFERED_HELPERS)
    heads = re.findall(r"^pub (?:fn|struct|trait|type) [^{;]*", text, flags=re.M)
    return "\n".join("crate::pyrt::" + h.strip().removeprefix("pub ") for h in heads)


def helper_items(
    runtime_source: Callable[[Iterable[str]], str],
) -> dict[str, str]:
    """Item name -> the offered helper that defines it (the smallest section holding it)."""
    return dict(_helper_items(runtime_source))


@lru_cache(maxsize=8)
def _helper_items(runtime_source: Callable[[Iterable[str]], str]) -> tuple[tuple[str, str], ...]:
    sized = sorted(OFFERED_HELPERS, key=lambda h: len(runtime_source([h])))
    found: dict[str, str] = {}
    for helper in sized:
        text = runtime_source([helper])
        for item in re.findall(r"^pub (?:fn|struct|trait|type) (\w+)", text, re.M):
            found.setdefault(item, helper)
    return tuple(sorted(found.items()))


def first_prompt(
    unit: Unit,
    expected: Expected,
    catalogue: str,
    examples: Iterable[tuple[str, str]] = (),
) -> Prompt:
    """The prompt for a first attempt; ``examples`` are (Python, verified Rust) pairs."""
    parts = [TYPE_MAPPING, "Runtime helpers you may call:\n" + catalogue]
    for python, rust in examples:
        parts.append(
            f"A verified translation from this codebase:\n```python\n{python}```\n"
            f"```rust\n{rust}\n```"
        )
    if unit.context:
        siblings = "\n".join(src for _, src in unit.context)
        parts.append(
            "It calls these functions of its module (already translated under the same "
            f"names, same module):\n```python\n{siblings}```"
        )
    if unit.constants:
        consts = "\n".join(src for _, src in unit.constants)
        parts.append(f"Module constants it reads:\n```python\n{consts}\n```")
    parts.append(
        f"Translate this function from {unit.path}:\n```python\n{unit.source}```\n"
        f"Use exactly this signature:\n{expected.rust_header()}"
    )
    return (Message("system", SYSTEM), Message("user", "\n\n".join(parts)))


def repair_prompt(previous: Prompt, reply: str, feedback: str) -> Prompt:
    """The conversation so far, the model's answer and what was wrong with it."""
    ask = f"{feedback}\nFix the function; answer with one ```rust fenced block."
    return (*previous, Message("assistant", reply), Message("user", ask))
