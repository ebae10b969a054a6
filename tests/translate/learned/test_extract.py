"""Rust out of model replies: fences, prose, several candidates, signatures the verifier can
call; and the prompt the model gets."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.records import SourceFile
from pipeline.translate import get_engine
from pipeline.translate.learned import extract, prompt
from pipeline.units.shard import shard_file

SOURCE = '''\
def helper(n: int) -> int:
    return n + 1


def total(xs: list[int], k: int) -> int:
    """Sum plus k."""
    return sum(xs) + helper(k)


def grow(xs: list[int]) -> None:
    xs.append(1)


def kw(x: int = 3) -> int:
    return x


def scale(x, k=2):
    """
    >>> scale(3)
    6
    """
    return x * k


def clamp(x, lo=0):
    if x < lo:
        return lo
    return x


def is_small(v):
    return v < 10


def mixed(x):
    return x


def untyped(x):
    return x


def opaque(x: int):
    return x.bit_length()


def gen(n: int):
    yield n


class Box:
    pass


scale(4, 5)
clamp(5)
clamp(-2, -1)
is_small(3.5)
mixed(1)
mixed("a")
'''


def units() -> dict:
    text = SOURCE
    sf = SourceFile("r", "pkg/m.py", len(text), hashlib.sha256(text.encode()).hexdigest(), text)
    return {u.qualname: u for u in shard_file(sf).units}


def expected(name: str) -> prompt.Expected:
    return prompt.expected_signature(units()[name])


def test_expected_signature_and_header() -> None:
    exp = expected("total")
    assert exp.rust_header() == "pub fn total(xs: &[i64], k: i64) -> i64"
    assert [(p.name, p.py_type, p.mode) for p in exp.sig.params] == [
        ("xs", "list[int]", "ref"),
        ("k", "int", "value"),
    ]
    assert expected("grow").rust_header() == "pub fn grow(xs: &[i64])"


def test_defaults_and_types_read_from_usage() -> None:
    exp = expected("kw")  # a default: an ordinary parameter in Rust
    assert exp.rust_header() == "pub fn kw(x: i64) -> i64" and exp.defaulted == ("x",)
    assert exp.usage == ()
    # parameters from the module's literal calls and defaults; the return from a doctest
    exp = expected("scale")
    assert exp.rust_header() == "pub fn scale(x: i64, k: i64) -> i64"
    assert exp.usage == (
        "x: int (from its calls scale(4, 5), scale(3))",
        "k: int (from its default 2; calls scale(4, 5), scale(3))",
        "return: int (from its doctests or its return statements)",
    )
    # the return from what every return gives
    assert expected("clamp").rust_header() == "pub fn clamp(x: i64, lo: i64) -> i64"
    assert expected("is_small").rust_header() == "pub fn is_small(v: f64) -> bool"
    assert expected("grow").usage == ()  # annotated: nothing read from usage


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Box", "not classes"),
        ("mixed", r"parameter x: its uses disagree \(int and str\)"),
        ("untyped", "parameter x has no annotation, and no literal call or default types it"),
        ("opaque", "the return type cannot be read from its returns: annotate it"),
        ("gen", "a generator without a return annotation"),
    ],
)
def test_units_the_model_does_not_take(name: str, why: str) -> None:
    with pytest.raises(prompt.NotForModel, match=why):
        prompt.expected_signature(units()[name])


def test_fenced_block_after_prose_and_a_wrong_candidate() -> None:
    reply = (
        "First a sketch:\n```python\ndef total(xs, k): ...\n```\n"
        "```rust\nfn other() {}\n```\n"
        "Final answer:\n```rust\nuse std::collections::HashMap;\n"
        "fn total(xs: &Vec<i64>, k: i64) -> i64 {\n    xs.iter().sum::<i64>() + helper(k)\n}\n```"
    )
    rust, uses, sig = extract.extract(reply, expected("total"))
    assert rust.startswith("pub fn total(xs: &Vec<i64>, k: i64) -> i64 {")
    assert uses == ("std::collections::HashMap",)
    assert [p.mode for p in sig.params] == ["ref", "value"]


def test_unfenced_function_in_prose_and_mut_parameter() -> None:
    reply = "Sure. pub fn grow(xs: &mut Vec<i64>) {\n    xs.push(1);\n}\nThat's all."
    rust, _, sig = extract.extract("Sure.\n" + reply.split("Sure. ")[1], expected("grow"))
    assert "xs.push(1);" in rust
    assert sig.params[0].mode == "mut"


def test_unclosed_fence_is_still_read() -> None:
    reply = "```rust\npub fn total(xs: &[i64], k: i64) -> i64 {\n    0\n}\n"
    assert extract.extract(reply, expected("total"))[0].startswith("pub fn total")


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("I cannot do that.", "no Rust code"),
        ("```rust\npub fn nope() {}\n```", "no function named total"),
        ("```rust\npub fn total(xs: &[i64], k: i64) -> i64 { unsafe { 0 } }\n```", "unsafe"),
        ("```rust\npub fn total(xs: &[i64], k: i64) -> i64 { {\n```", "unbalanced"),
        ("```rust\npub fn total(xs: &[i64]) -> i64 { 0 }\n```", "takes 1 parameters"),
        ("```rust\npub fn total(xs: Vec<f64>, k: i64) -> i64 { 0 }\n```", "does not fit"),
        ("```rust\npub fn total(xs: &[i64], k: i64) -> f64 { 0.0 }\n```", "returns f64"),
        ("```rust\npub fn total<T>(xs: &[T], k: i64) -> i64 { 0 }\n```", "generic"),
    ],
)
def test_replies_without_usable_rust_say_why(reply: str, why: str) -> None:
    with pytest.raises(extract.NoRust, match=why):
        extract.extract(reply, expected("total"))


def test_prompt_has_unit_context_helpers_and_examples() -> None:
    unit = units()["total"]
    catalogue = prompt.helper_catalogue(get_engine("rules").runtime_source)
    assert "crate::pyrt::fn floordiv(a: i64, b: i64) -> i64" in catalogue
    example = ("def one() -> int:\n    return 1\n", "pub fn one() -> i64 {\n    1\n}")
    system, user = prompt.first_prompt(unit, expected("total"), catalogue, [example])
    assert system.role == "system" and "std only" in system.content
    for part in (
        "def helper(n: int)",
        "def total(",
        "pub fn total(xs: &[i64], k: i64) -> i64",
        "floordiv",
        "pub fn one()",
        "Type mapping",
    ):
        assert part in user.content
    _, user = prompt.first_prompt(units()["scale"], expected("scale"), catalogue)
    assert "read from how the code uses it" in user.content
    assert "x: int (from its calls scale(4, 5), scale(3))" in user.content
    assert "Parameters with defaults (k) are ordinary parameters in Rust" in user.content
    repair = prompt.repair_prompt((system, user), "```rust\n...\n```", "rustc rejected it")
    assert [m.role for m in repair] == ["system", "user", "assistant", "user"]
    assert "rustc rejected it" in repair[-1].content


def test_helper_items_map_to_their_sections() -> None:
    items = prompt.helper_items(get_engine("rules").runtime_source)
    assert items["floordiv"] == "floordiv"
    assert items["PyDict"] == "dict"
