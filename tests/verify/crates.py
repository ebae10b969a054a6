"""Hand-written test crates: Python modules, their Rust translations and the records."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from pipeline.records import FnSig, Param, Translation, TranslationStatus, Unit
from pipeline.rustnames import module_path

PYRT = """
/// Minimal insertion-ordered dict, as the contract requires.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PyDict<K, V> { items: Vec<(K, V)> }

impl<K: PartialEq, V> PyDict<K, V> {
    pub fn new() -> Self { PyDict { items: Vec::new() } }
    pub fn from_pairs(pairs: Vec<(K, V)>) -> Self {
        let mut d = PyDict::new();
        for (k, v) in pairs { d.insert(k, v); }
        d
    }
    pub fn insert(&mut self, k: K, v: V) {
        match self.items.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = v,
            None => self.items.push((k, v)),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> { self.items.iter().map(|(k, v)| (k, v)) }
    pub fn len(&self) -> usize { self.items.len() }
}
"""


def sig(
    py_name: str, params: str = "x: int", returns: str = "int", rust_name: str | None = None
) -> FnSig:
    """An FnSig from a compact spelling: ``"xs: list[int] @ref, n: int"``."""
    parsed = []
    for part in filter(None, (p.strip() for p in params.split(";"))):
        name, _, rest = part.partition(":")
        py_type, _, mode = rest.partition("@")
        parsed.append(Param(name.strip(), py_type.strip(), mode.strip() or "value"))
    return FnSig(py_name, rust_name or py_name, tuple(parsed), returns)


@dataclass
class Fixture:
    """A repository of Python modules with a hand-written Rust crate for it."""

    crate: str = "demo"
    with_pyrt: bool = True
    python: dict[str, str] = field(default_factory=dict)  # path -> source
    rust: dict[str, str] = field(default_factory=dict)  # path -> Rust module text
    items: list[tuple[Unit, Translation]] = field(default_factory=list)

    def module(self, path: str, python: str, rust: str) -> Fixture:
        self.python[path] = textwrap.dedent(python)
        self.rust[path] = textwrap.dedent(rust)
        return self

    def unit(self, path: str, qualname: str, *sigs: FnSig, ok: bool = True) -> Unit:
        module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        unit = Unit(
            id=f"repo:{path}::{qualname}",
            repo="repo",
            path=path,
            module=module,
            qualname=qualname,
            kind="function",
            source="",
            first_line=1,
            last_line=1,
        )
        self.items.append(
            (
                unit,
                Translation(
                    unit.id,
                    "test@1",
                    TranslationStatus.TRANSLATED if ok else TranslationStatus.REFUSED,
                    signatures=sigs,
                ),
            )
        )
        return unit

    def crate_files(self) -> dict[str, str]:
        """Cargo.toml, lib.rs with nested `pub mod`s, pyrt.rs and one file per module."""
        files = {
            "Cargo.toml": f'[package]\nname = "{self.crate}"\nversion = "0.1.0"\nedition = "2021"\n'
        }
        if self.with_pyrt:
            files["src/pyrt.rs"] = PYRT
        tree = {module_path(path): text for path, text in self.rust.items()}
        files["src/lib.rs"] = _mod_tree((), tree, self.with_pyrt)
        return files


def _mod_tree(prefix: tuple[str, ...], tree: dict[tuple[str, ...], str], pyrt: bool) -> str:
    """Inline module tree (``pub mod a { pub mod b { ... } }``) for the files in ``tree``."""
    parts = []
    if not prefix:
        parts = ["#![allow(dead_code, unused)]", "pub mod pyrt;" if pyrt else ""]
    parts.append(tree.get(prefix, ""))
    children = sorted(
        {k[len(prefix)] for k in tree if len(k) > len(prefix) and k[: len(prefix)] == prefix}
    )
    for child in children:
        parts.append(f"pub mod {child} {{\n{_mod_tree((*prefix, child), tree, pyrt)}\n}}")
    return "\n".join(parts)
