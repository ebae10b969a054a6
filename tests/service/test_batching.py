"""Batched translation-only requests get exactly the answers they get alone: one Dask task of
the real service's cluster per batch, real rustc (see ``snippet.translate_snippets``)."""

from __future__ import annotations

import hashlib

import pytest
from distributed import Client

from pipeline.service.snippet import MODULE_PREFIX, translate_snippets
from tests.service.conftest import Service

GUESSED = "def bump(x):\n    return x + 1\n"  # x's type assumed from the body alone
CALLER = (  # names GUESSED's module: a call from it would type x as float
    f"from {MODULE_PREFIX}{hashlib.sha256(GUESSED.encode()).hexdigest()[:16]} import bump\n\n\n"
    "def caller():\n    return bump(2.5)\n"
)
BROKEN = "def broken_sum(a: int, b: int) -> int:\n    return a + b\n"  # see breaking_engine.py
SOURCES = [
    "def repeat(s: str, n: int) -> str:\n    return s.upper() * n + str(n)\n",
    GUESSED,
    BROKEN,
    "def half_max(xs: list[int]) -> int:\n    return max(xs) // 2\n",
    CALLER,
    "def first(x: complex) -> complex:\n    return x\n",
    "def oops(:\n    pass\n",
    "def count(words: list[str]) -> dict[str, int]:\n"
    "    out = {}\n    for w in words:\n        out[w] = out.get(w, 0) + 1\n    return out\n",
]


@pytest.fixture(scope="module")
def client(service: Service) -> Client:
    with Client(service.state.scheduler, timeout=60) as client:
        yield client


def test_batched_answers_equal_one_at_a_time_answers(service: Service, client: Client) -> None:
    config = service.state.config_for(False).with_overrides(
        engine="tests.service.breaking_engine:BreakingEngine"
    )
    keys = [f"k{i}" for i in range(len(SOURCES))]
    alone = [
        answer
        for answers in client.gather(
            [
                client.submit(translate_snippets, [s], config, None, [k], pure=False)
                for s, k in zip(SOURCES, keys, strict=True)
            ]
        )
        for answer in answers
    ]
    batched = client.submit(translate_snippets, SOURCES, config, None, keys, pure=False).result()
    statuses = [[u["status"] for u in a["units"]] for a in batched]
    assert statuses == [
        ["compiled"],
        ["compiled"],
        ["compile_error"],  # re-checked alone: it did not turn the others into errors
        ["compiled"],
        ["unsupported"],
        ["unsupported"],
        ["parse_error"],
        ["compiled"],
    ]
    assert "rustc E0308" in batched[2]["units"][0]["reason"]
    assert [u["signatures"] for u in batched[1]["units"]] == [
        [{"function": "bump", "params": [{"name": "x", "type": "int", "mode": "value"}],
          "returns": "int"}]
    ]  # fmt: skip
    assert batched == alone
