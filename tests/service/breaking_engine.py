"""A plugin engine for the batching tests: the rule engine, except that a function whose name
starts with ``broken`` gets one more item, which rustc rejects (a stand-in for an engine bug:
a submission whose Rust does not compile). Loaded on the workers by name
(``engine: tests.service.breaking_engine:BreakingEngine``)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.records import Translation, Unit
from pipeline.translate.rules.engine import RuleEngine

REJECTED = '\npub fn {name}_extra() -> i64 {{\n    "not an int"\n}}\n'


class BreakingEngine(RuleEngine):
    name = "rules-breaking"

    def translate(self, unit: Unit) -> Translation:
        tr = super().translate(unit)
        if not tr.ok or not unit.qualname.startswith("broken"):
            return tr
        return replace(tr, rust=tr.rust + REJECTED.format(name=unit.qualname))
