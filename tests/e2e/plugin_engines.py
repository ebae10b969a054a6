"""Engines for fault-tolerance tests, loaded on workers as ``tests.e2e.plugin_engines:Name``.

They stand in for engine bugs that cannot be produced on demand otherwise: a unit that kills
its worker process, and a slow engine that leaves time to kill a worker mid-run.
"""

from __future__ import annotations

import os
import time

from pipeline.records import FnSig, Translation, TranslationStatus, Unit


class SimpleEngine:
    name = "test"
    version = "0"

    def translate(self, unit: Unit) -> Translation:
        rust = f"pub fn {unit.qualname}() -> i64 {{ {unit.first_line} }}"
        return Translation(
            unit.id,
            "test@0",
            TranslationStatus.TRANSLATED if unit.kind == "function" else TranslationStatus.REFUSED,
            rust=rust,
            signatures=(FnSig(unit.qualname, unit.qualname, (), "int"),),
        )

    def runtime_source(self, helpers) -> str:
        return ""


class CrashyEngine(SimpleEngine):
    """Kills its worker process whenever it meets a function named ``crash_me``."""

    def translate(self, unit: Unit) -> Translation:
        if unit.qualname == "crash_me":
            os._exit(17)
        return super().translate(unit)


class SlowEngine(SimpleEngine):
    """Takes 50 ms per unit."""

    def translate(self, unit: Unit) -> Translation:
        time.sleep(0.05)
        return super().translate(unit)


class HangingEngine(SimpleEngine):
    """Never returns from a function named ``hang_me`` (an engine stuck in a loop)."""

    def translate(self, unit: Unit) -> Translation:
        if unit.qualname == "hang_me":
            while True:
                time.sleep(1)
        return super().translate(unit)
