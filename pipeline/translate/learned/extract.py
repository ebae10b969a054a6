"""Rust out of a model's reply, robustly: fenced blocks first (```rust, ```rs, bare ```),
then functions written in the prose; the first candidate that defines the wanted function
with balanced braces, no ``unsafe``, no ``main`` and a signature the verifier can call wins.
"""

from __future__ import annotations

import re

from pipeline import pytypes
from pipeline.records import FnSig, Param
from pipeline.translate.learned.prompt import Expected

FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.S)
FORBIDDEN = re.compile(r"\bunsafe\b|\bextern\s+crate\b|\bfn\s+main\s*\(|std::(?:process|fs|net)\b")
USE = re.compile(r"^\s*use\s+([^;]+);\s*$", re.M)


class NoRust(ValueError):
    """No usable Rust function in the reply (the message says what was wrong)."""


def candidates(text: str) -> list[str]:
    """Code blocks of ``text``, Rust-labelled ones first, then functions in the prose."""
    blocks = [(lang.lower(), body) for lang, body in FENCE.findall(text)]
    ordered = [b for lang, b in blocks if lang in ("rust", "rs")]
    ordered += [b for lang, b in blocks if lang == ""]
    prose = FENCE.sub("", text)
    for match in re.finditer(r"^\s*(?:pub\s+)?fn\s", prose, re.M):
        item = _balanced_item(prose, match.start())
        if item:
            ordered.append(item)
    return ordered


def _balanced_item(text: str, start: int) -> str:
    """The item starting at ``start`` up to its matching closing brace ('' if unbalanced)."""
    depth = 0
    opened = False
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "{":
            depth, opened = depth + 1, True
        elif ch == "}":
            depth -= 1
            if opened and depth == 0:
                return text[start : i + 1]
    return ""


def extract(text: str, expected: Expected) -> tuple[str, tuple[str, ...], FnSig]:
    """(Rust items, their ``use`` paths, the entry point) from a reply; NoRust says why not."""
    name = expected.sig.rust_name
    why = "no Rust code in the reply"
    for block in candidates(text):
        if not re.search(rf"\bfn\s+{re.escape(name)}\b", block):
            why = f"no function named {name} in the reply"
            continue
        if FORBIDDEN.search(block):
            why = "the reply uses unsafe, main, extern crate or I/O"
            continue
        if not _braces_balance(block):
            why = "the reply's Rust has unbalanced braces"
            continue
        uses = tuple(sorted({u.strip() for u in USE.findall(block)}))
        code = USE.sub("", block).strip()
        try:
            sig = entry_point(code, expected)
        except NoRust as exc:
            why = str(exc)
            continue
        code = re.sub(rf"(?m)^(\s*)fn\s+{re.escape(name)}\b", rf"\1pub fn {name}", code)
        return code + "\n", uses, sig
    raise NoRust(why)


def _braces_balance(code: str) -> bool:
    depth = 0
    for ch in code:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and "{" in code


def entry_point(code: str, expected: Expected) -> FnSig:
    """The FnSig of the wanted function as written: each parameter's mode read from its
    Rust type, which must be one the verifier can pass for the Python annotation."""
    name = expected.sig.rust_name
    pattern = rf"\bfn\s+{re.escape(name)}\s*(<[^>]*>)?\s*\((.*?)\)\s*(->\s*[^{{]+)?\{{"
    head = re.search(pattern, code, re.S)
    if head is None:
        raise NoRust(f"cannot read the signature of {name}")
    if head.group(1):
        raise NoRust(f"{name} is generic; the verifier needs concrete types")
    params = [p for p in _split_top(head.group(2)) if p.strip()]
    if len(params) != len(expected.types):
        raise NoRust(f"{name} takes {len(params)} parameters; Python's takes {len(expected.types)}")
    modes = []
    for text, want, t in zip(params, expected.sig.params, expected.types, strict=True):
        _, _, rust_type = text.partition(":")
        mode = _mode(rust_type, t)
        if mode is None:
            raise NoRust(
                f"parameter {want.name}: Rust type {rust_type.strip()} does not fit "
                f"Python {t.render()}"
            )
        modes.append(Param(want.name, want.py_type, mode))
    ret = (head.group(3) or "").removeprefix("->").strip()
    want_ret = "" if expected.returns.name == "None" else pytypes.rust_type(expected.returns)
    if _norm(ret) != _norm(want_ret) and not (want_ret == "" and _norm(ret) == "()"):
        py_ret = expected.returns.render()
        raise NoRust(f"{name} returns {ret or '()'}; Python's {py_ret} is {want_ret or '()'}")
    return FnSig(expected.sig.py_name, name, tuple(modes), expected.sig.returns)


def _mode(rust_type: str, t: pytypes.PyType) -> str | None:
    got = _norm(rust_type)
    owned = pytypes.rust_type(t)
    options = {
        "value": {owned},
        "ref": {pytypes.rust_param_type(t, "ref"), "&" + owned},
        "mut": {"&mut " + owned},
    }
    for mode, spellings in options.items():
        if got in {_norm(s) for s in spellings}:
            return mode
    return None


def _norm(rust_type: str) -> str:
    """A Rust type without spaces, lifetimes or the paths a ``use`` can make implicit."""
    text = re.sub(r"'\w+\s*", "", rust_type)
    text = re.sub(r"\s+", "", text).replace("mut", "mut ")
    for prefix in ("crate::pyrt::", "pyrt::", "std::collections::"):
        text = text.replace(prefix, "")
    return text


def _split_top(params: str) -> list[str]:
    """Split a parameter list on the commas outside <>, (), []."""
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out
