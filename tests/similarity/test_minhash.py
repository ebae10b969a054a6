"""MinHash signatures: equal to datasketch's on the same shingles (the cupy path runs the same
array code: benchmarks/gpu_check.sh compares it on a GPU), near-duplicate and exact groups,
zarr storage (local and the S3 test server), retrieval of the most similar verified pairs."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from pipeline.similarity import minhash

SOURCES = {
    "a": "def area(w: int, h: int) -> int:\n    # rectangle\n    return w * h + 0\n",
    "b": "def surface(x: int, y: int) -> int:\n    return x * y + 1\n",  # a renamed copy
    "c": "def walk(xs: list[int]) -> int:\n    t = 0\n    for v in xs:\n"
    "        if v > 2:\n            t += v\n    return t\n",
    "d": "def walk2(xs: list[int]) -> int:\n    t = 0\n    for v in xs:\n"
    "        if v > 3:\n            t += v\n        else:\n            t -= 1\n    return t\n",
    "e": "def name(s: str) -> str:\n    return s.strip().lower()\n",
}


def sigs() -> np.ndarray:
    return minhash.signatures([minhash.shingle_hashes(s) for s in SOURCES.values()])


def test_tokens_normalise_identifiers_literals_and_comments() -> None:
    assert minhash.tokens("def f(x):  # hi\n    return len(x) + 10 * 'ab'\n") == [
        "def", "I", "(", "I", ")", ":", "return", "len", "(", "I", ")", "+", "N", "*", "S",
    ]  # fmt: skip


def test_signatures_equal_datasketch_on_the_same_shingles() -> None:
    for source, row in zip(SOURCES.values(), sigs(), strict=True):
        shingles = minhash.shingle_hashes(source)
        ref = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="legacy")
        ref.update_batch([int(h) for h in shingles])
        assert np.array_equal(ref.hashvalues.astype(np.uint32), row)


def test_batches_and_padding_do_not_change_signatures(monkeypatch) -> None:
    whole = sigs()
    one_by_one = np.concatenate(
        [minhash.signatures([minhash.shingle_hashes(s)]) for s in SOURCES.values()]
    )
    assert np.array_equal(one_by_one, whole)  # each row alone: no padding at all
    monkeypatch.setattr(minhash, "CHUNK", 7)  # many small batches, rows padded differently
    assert np.array_equal(sigs(), whole)


def test_near_duplicate_and_exact_groups() -> None:
    ids = list(SOURCES)
    assert minhash.exact_groups(ids, list(SOURCES.values())) == [["a", "b"]]
    groups = minhash.near_duplicate_groups(ids, sigs(), threshold=0.5)
    assert ["a", "b"] in groups and all("e" not in g for g in groups)
    assert minhash.jaccard(sigs()[0], sigs()[1]) == 1.0
    assert 0.3 < minhash.jaccard(sigs()[2], sigs()[3]) < 1.0


def test_zarr_round_trip_local_and_s3(tmp_path, s3_server) -> None:
    ids, signatures = list(SOURCES), sigs()
    for url, opts in (
        (str(tmp_path / "sigs.zarr"), None),
        (s3_server.url("runs/sigs.zarr"), s3_server.storage_options),
    ):
        minhash.save(url, ids, signatures, opts)
        got_ids, got = minhash.load(url, opts)
        assert got_ids == ids and np.array_equal(got, signatures) and got.dtype == np.uint32


def test_index_returns_the_most_similar_pairs() -> None:
    index = minhash.Index.build([(k, v, f"// rust {k}") for k, v in SOURCES.items()])
    query = "def walk3(ys: list[int]) -> int:\n    t = 0\n    for v in ys:\n        if v > 9:\n"
    query += "            t += v\n    return t\n"
    best = index.most_similar(query, 2)
    assert [rust for _, rust in best] == ["// rust c", "// rust d"]
    assert index.most_similar(query, 0) == ()
    assert minhash.Index.build([]).most_similar(query, 2) == ()


@pytest.mark.parametrize("source", ["", "x"])
def test_tiny_sources_still_get_a_signature(source: str) -> None:
    (row,) = minhash.signatures([minhash.shingle_hashes(source)])
    assert row.shape == (128,) and row.max() < 2**32
