"""MinHash signatures of units' token shingles, LSH banding, and their zarr storage.

Tokens: Python source split into names, numbers, strings and punctuation; keywords and
builtins kept, other identifiers normalised to ``I``, numbers to ``N``, strings to ``S``
(renamed copies stay near-duplicates). Shingles: ``K`` consecutive tokens, hashed to 32 bits
(each token's crc32 combined by a polynomial mod 2**32: vectorised). Signatures use the
permutations and arithmetic of datasketch's ``legacy`` scheme — ``((a * h + b) mod
(2**61 - 1)) & (2**32 - 1)`` with uint64 wraparound, ``a, b`` from ``RandomState(seed)`` — so
they equal datasketch's on the same shingle hashes, and the numpy (CPU) and cupy (GPU)
paths, which run the same uint64 operations, are bit-identical.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

K = 5  # tokens per shingle
NUM_PERM = 128
BANDS = 32  # LSH: 32 bands of 4 rows (pairs above ~0.5 Jaccard become candidates)
SEED = 1
MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
CHUNK = 1 << 16  # shingles per batch on the device: NUM_PERM x CHUNK uint64 = 64 MiB

TOKEN = re.compile(
    r"""[rbuRBUfF]{0,2}(?:\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')"""
    r"""|\d[\w.]*|[A-Za-z_]\w*|\#[^\n]*|[^\s\w]"""
)
KEEP = frozenset(keyword.kwlist) | frozenset(dir(builtins))


def tokens(source: str) -> list[str]:
    """Normalised tokens of ``source`` (comments dropped)."""
    out = []
    for tok in TOKEN.findall(source):
        first = tok[0]
        if first == "#":
            continue
        if first.isdigit():
            out.append("N")
        elif first.isalpha() or first == "_":
            if tok in KEEP:
                out.append(tok)
            elif tok[-1] in "'\"":
                out.append("S")
            else:
                out.append("I")
        elif first in "'\"":
            out.append("S")
        else:
            out.append(tok)
    return out


def names(source: str) -> list[str]:
    """The identifiers ``tokens`` normalises to ``I``, in order: two sources with equal
    ``exact_key`` have them position by position (the renaming between the copies)."""
    return [
        tok
        for tok in TOKEN.findall(source)
        if (tok[0].isalpha() or tok[0] == "_") and tok not in KEEP and tok[-1] not in "'\""
    ]


@lru_cache(maxsize=65536)
def _token_hash(tok: str) -> int:
    return zlib.crc32(tok.encode())


def shingle_hashes(source: str, k: int = K) -> np.ndarray:
    """The distinct 32-bit hashes of ``source``'s k-token shingles (at least one)."""
    ids = np.array([_token_hash(t) for t in tokens(source)] or [0], dtype=np.uint64)
    k = min(k, len(ids))
    acc = np.zeros(len(ids) - k + 1, dtype=np.uint64)
    for j in range(k):
        acc = (acc * np.uint64(1_000_003) + ids[j : len(ids) - k + 1 + j]) & MAX_HASH
    return np.unique(acc)


def exact_key(source: str) -> str:
    """Units with equal keys are copies up to renaming, literals, comments and layout."""
    return hashlib.sha256(" ".join(tokens(source)).encode()).hexdigest()


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) exactly as datasketch's legacy scheme draws them."""
    gen = np.random.RandomState(seed)
    pairs = [
        (gen.randint(1, MERSENNE, dtype=np.uint64), gen.randint(0, MERSENNE, dtype=np.uint64))
        for _ in range(num_perm)
    ]
    ab = np.array(pairs, dtype=np.uint64).T
    return ab[0], ab[1]


def signatures(
    shingles: Sequence[np.ndarray], num_perm: int = NUM_PERM, seed: int = SEED, xp: Any = np
) -> np.ndarray:
    """(n, num_perm) uint32 signatures, one row per (non-empty) shingle set, computed with
    ``xp`` (numpy, or cupy on a GPU) and returned as numpy.

    Units are batched by similar length into dense (units x longest) blocks, each row padded
    with copies of its own first hash (which cannot change its minimum), so both array
    modules run the same broadcast arithmetic and ``min``: no scatter, no ragged kernel."""
    if not shingles:
        return np.empty((0, num_perm), dtype=np.uint32)
    a_np, b_np = permutations(num_perm, seed)
    a, b = xp.asarray(a_np)[:, None, None], xp.asarray(b_np)[:, None, None]
    lengths = np.array([len(s) for s in shingles])
    out = np.empty((len(shingles), num_perm), dtype=np.uint32)
    for idx in _length_batches(lengths):
        dense = _padded([shingles[i] for i in idx], int(lengths[idx].max()))
        block = xp.asarray(dense)[None, :, :]
        phv = ((a * block + b) % xp.uint64(MERSENNE)) & xp.uint64(MAX_HASH)
        out[idx] = _to_numpy(phv.min(axis=2).T).astype(np.uint32)
    return out


def _length_batches(lengths: np.ndarray) -> Iterable[np.ndarray]:
    """Unit indices in batches of similar length, each about CHUNK padded shingles."""
    order = np.argsort(lengths, kind="stable")
    lo = 0
    for hi in range(1, len(order) + 1):
        if hi == len(order) or (hi - lo + 1) * lengths[order[hi]] > CHUNK:
            yield order[lo:hi]
            lo = hi


def _padded(rows: list[np.ndarray], width: int) -> np.ndarray:
    dense = np.empty((len(rows), width), dtype=np.uint64)
    for r, row in enumerate(rows):
        dense[r, : len(row)] = row
        dense[r, len(row) :] = row[0]
    return dense


def _to_numpy(array: Any) -> np.ndarray:
    return array.get() if hasattr(array, "get") else np.asarray(array)


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal signature rows."""
    return float(np.mean(sig_a == sig_b))


def candidate_pairs(sigs: np.ndarray, bands: int = BANDS) -> set[tuple[int, int]]:
    """Index pairs (i < j) equal on all rows of at least one band: each member of a band's
    bucket paired with the bucket's first member (linear in the bucket, not quadratic)."""
    n, perms = sigs.shape
    rows = perms // bands
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        cuts = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        for group in np.split(order, cuts):
            if len(group) > 1:
                first, *rest = sorted(int(i) for i in group)
                pairs.update((first, other) for other in rest)
    return pairs


def near_duplicate_groups(
    ids: Sequence[str], sigs: np.ndarray, threshold: float = 0.8
) -> list[list[str]]:
    """Groups (sorted, largest first) of units linked by an estimated Jaccard similarity of
    at least ``threshold``: candidate pairs from LSH, checked on the signatures."""
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidate_pairs(sigs)):
        if jaccard(sigs[i], sigs[j]) >= threshold:
            parent[root(i)] = root(j)
    groups: dict[int, list[str]] = {}
    for i, uid in enumerate(ids):
        groups.setdefault(root(i), []).append(uid)
    found = [sorted(g) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]))


def exact_groups(ids: Sequence[str], sources: Sequence[str]) -> list[list[str]]:
    """Groups of units that are copies up to renaming (``exact_key``), largest first."""
    groups: dict[str, list[str]] = {}
    for uid, src in zip(ids, sources, strict=True):
        groups.setdefault(exact_key(src), []).append(uid)
    found = [sorted(g) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]))


def save(
    url: str, ids: Sequence[str], sigs: np.ndarray, storage_options: dict | None = None
) -> None:
    """Write the signatures and their unit ids as a zarr group at ``url`` (any fsspec URL)."""
    import zarr  # the zarr extra

    group = zarr.open_group(url, mode="w", storage_options=storage_options or None)
    chunks = (4096, sigs.shape[1])
    arr = group.create_array("signatures", shape=sigs.shape, dtype="uint32", chunks=chunks)
    arr[:] = sigs
    id_arr = group.create_array("ids", shape=(len(ids),), dtype=str, chunks=(4096,))
    id_arr[:] = np.array(list(ids), dtype=object)
    group.attrs.update({"num_perm": int(sigs.shape[1]), "seed": SEED, "k": K, "scheme": "legacy"})


def load(url: str, storage_options: dict | None = None) -> tuple[list[str], np.ndarray]:
    import zarr  # the zarr extra

    group = zarr.open_group(url, mode="r", storage_options=storage_options or None)
    ids, sigs = group["ids"], group["signatures"]
    if not isinstance(ids, zarr.Array) or not isinstance(sigs, zarr.Array):
        raise ValueError(f"{url}: not a signature store (ids and signatures are not arrays)")
    return [str(x) for x in np.asarray(ids[:])], np.asarray(sigs[:])


@dataclass
class Index:
    """Signatures of verified (Python, Rust) pairs, for retrieving prompt examples."""

    pairs: list[tuple[str, str]]
    sigs: np.ndarray

    @classmethod
    def build(cls, items: Iterable[tuple[str, str, str]]) -> Index:
        """``items``: (unit id, Python source, Rust) triples."""
        pairs = [(py, rust) for _, py, rust in items]
        sigs = signatures([shingle_hashes(py) for py, _ in pairs])
        return cls(pairs, sigs)

    def most_similar(self, source: str, k: int) -> tuple[tuple[str, str], ...]:
        """Up to ``k`` pairs most similar to ``source`` (ties by position: deterministic)."""
        if k <= 0 or not self.pairs:
            return ()
        query = signatures([shingle_hashes(source)])[0]
        scores = np.mean(self.sigs == query[None, :], axis=1)
        order = np.argsort(-scores, kind="stable")[:k]
        return tuple(self.pairs[i] for i in order)
