"""A class with methods but no attributes (a sentinel with its own ``__repr__``): its
instances cross the sandbox pipe as objects of that class with no fields, so the verifier
compares them with the Rust struct (was a false ``mismatch``: the codec sent them as bare
opaque values). Real engine, rustc and verifier."""

from __future__ import annotations

import pytest

from pipeline import codec
from pipeline.records import Status
from tests.translate.rules.harness import compile_module, verify_compiled

SOURCE = """
class Marker:
    def __repr__(self):
        return 'MARKER'

    def label(self, n: int) -> str:
        return 'marker-' + str(n)


class NodeType:
    # constants only, no instance state at all (xml.dom.Node's shape)
    __slots__ = ()
    ELEMENT_NODE = 1

    def kind(self, n: int) -> str:
        return 'element' if n == 1 else 'other'
"""


class _Stateless:
    def __repr__(self) -> str:
        return "S"


class _Slotted:
    __slots__ = ()


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("stateless"), "stateless.py", SOURCE)


def test_instance_without_attributes_keeps_its_class_across_the_pipe() -> None:
    value = codec.decode(codec.encode(_Stateless()))
    assert value == codec.Opaque("_Stateless", "S", ())
    assert codec.decode(codec.encode(object())).fields is None
    # ``__slots__ = ()`` has no ``__dict__`` either, but it is a Python class: no fields
    assert codec.decode(codec.encode(_Slotted())).fields == ()


def test_stateless_class_with_repr_verifies(compiled) -> None:
    verdict, rows = verify_compiled(compiled, "Marker")
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert {r.function for r in rows} >= {"Marker", "Marker.__repr__", "Marker.label"}, rows
    assert all(r.outcome == "match" for r in rows), rows


def test_class_with_empty_slots_verifies(compiled) -> None:
    """Was a false ``mismatch``: the codec took it for a C-level object."""
    verdict, rows = verify_compiled(compiled, "NodeType")
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert {r.function for r in rows} >= {"NodeType", "NodeType.kind"}, rows


def test_wrong_method_of_stateless_class_is_caught(compiled) -> None:
    files = {
        p: t.replace('"marker-"', '"marker_"') for p, t in compiled.outcome.crate.files.items()
    }
    assert files != compiled.outcome.crate.files
    verdict, rows = verify_compiled(compiled, "Marker", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
