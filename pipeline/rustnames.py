"""Rust spellings of Python names: identifiers, module paths and crate names.

Shared by the rule engine (names of items), the crate writer (module files) and the verifier
(paths it calls), so that all three agree on where an item lives.
"""

from __future__ import annotations

import re

_KEYWORD_TEXT = (
    "as async await break const continue crate dyn else enum extern false fn for if impl in "
    "let loop match mod move mut pub ref return self Self static struct super trait true type "
    "unsafe use where while abstract become box do final macro override priv typeof unsized "
    "virtual yield try gen"
)
RUST_KEYWORDS = frozenset(_KEYWORD_TEXT.split())
# Keywords that cannot be raw identifiers (r#self is invalid).
_NOT_RAW = frozenset({"crate", "self", "super", "Self"})


def ident(name: str) -> str:
    """A valid Rust identifier for a Python identifier (``type`` -> ``r#type``)."""
    if name in _NOT_RAW:
        return f"{name}_"
    if name in RUST_KEYWORDS:
        return f"r#{name}"
    return name


def module_ident(name: str) -> str:
    """A Rust module name (file-safe, so keywords get a trailing underscore, not ``r#``)."""
    clean = re.sub(r"\W", "_", name)
    if not clean or clean[0].isdigit():
        clean = f"m_{clean}"
    reserved = clean in RUST_KEYWORDS or clean in {"pyrt", "std", "core", "alloc"}
    return f"{clean}_" if reserved else clean


def module_path(path: str) -> tuple[str, ...]:
    """Rust module path segments for a repository-relative Python file path.

    ``pkg/sub/mod.py`` -> ``("pkg", "sub", "mod_")``; ``pkg/__init__.py`` -> ``("pkg",)``;
    a top-level ``__init__.py`` maps to the crate root ``()``.
    """
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return tuple(module_ident(p) for p in parts)


def crate_name(repo: str) -> str:
    """A Cargo package / crate name for a repository name."""
    clean = re.sub(r"[^0-9A-Za-z_]", "_", repo).lower().strip("_") or "repo"
    if clean[0].isdigit():
        clean = f"r_{clean}"
    return f"{clean}_" if clean in RUST_KEYWORDS or clean in {"std", "core", "alloc"} else clean
