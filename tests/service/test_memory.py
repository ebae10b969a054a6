"""The service's memory of answers: bounded in bytes, least recently used out first, and
never holding a fault of the machinery."""

from __future__ import annotations

import orjson

from pipeline.service.memory import AnswerMemory
from pipeline.service.snippet import cacheable


def answer(n: int, status: str = "compiled", reason: str = "") -> dict:
    return {"rust": "x" * 100, "units": [{"qualname": f"f{n}", "status": status, "reason": reason}]}


def test_bounded_in_bytes_least_recently_used_first() -> None:
    size = len(orjson.dumps(answer(0)))
    memory = AnswerMemory(3 * size)
    for n in range(3):
        memory.put(f"k{n}", answer(n))
    assert memory.get("k0") == answer(0)  # k0 used: k1 is now the oldest
    memory.put("k3", answer(3))
    assert len(memory) == 3 and memory.bytes == 3 * size
    assert memory.get("k1") is None and memory.get("k0") is not None
    memory.put("huge", {"rust": "x" * 10 * size, "units": []})  # larger than the whole memory
    assert memory.get("huge") is None and len(memory) == 3


def test_faults_are_not_kept() -> None:
    assert cacheable(answer(0)) and cacheable(answer(1, "unsupported", "PT101 no"))
    assert not cacheable(answer(2, "internal_error", "internal error: boom"))
    assert not cacheable(answer(3, "worker_crash"))
    assert not cacheable(answer(4, "untested", "verifier failed: not run: no bwrap"))
