"""The verifier on a crate made by the real rule engine (the CONTRACTS.md layout, the real
pyrt with its PyDict): a contract check between the two stages."""

from __future__ import annotations

from pathlib import Path

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import compile_module

SOURCE = """
def word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a
"""


def test_rules_engine_translations_verify(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "text_tools.py", SOURCE)
    compiled = [(u, t) for u, t in done.items if u.id in done.outcome.compiled_ids]
    assert len(compiled) >= 2, done.refused
    crate = done.outcome.crate
    for unit, translation in compiled:
        verdict, rows = verify_unit(
            crate.name,
            crate.files,
            {done.rel: done.text},
            unit,
            translation,
            VerifyOptions(examples_per_function=15),
        )
        assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
        assert len(rows) >= verdict.inputs_tried >= 10
