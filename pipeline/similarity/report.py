"""Near-duplicate units across a run's repositories, for the report: one task per repository
computes its units' signatures (cupy on a worker with a GPU, numpy elsewhere: the same bits),
the driver groups them and publishes ``similarity/signatures.zarr`` (the signatures with
their unit ids) and ``similarity/groups.json`` (near-duplicate groups at ``threshold``, and
exact-normalised groups: copies up to renaming, literals, comments and layout).
"""

from __future__ import annotations

import importlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.records import FileRef
from pipeline.similarity import minhash
from pipeline.units.load import load_file
from pipeline.units.shard import shard_file

SHOWN = 20  # groups listed in summary.json (groups.json has them all)


@dataclass
class RepoSignatures:
    ids: list[str]
    exact: list[str]  # exact-normalised keys
    sigs: np.ndarray  # (len(ids), NUM_PERM) uint32
    device: str  # "cpu" or "gpu"


def array_module() -> tuple[Any, str]:
    """cupy when it is installed and sees a GPU, else numpy."""
    try:
        cupy = importlib.import_module("cupy")
    except ImportError:
        return np, "cpu"
    return (cupy, "gpu") if cupy.cuda.is_available() else (np, "cpu")


def repo_signatures(refs: list[FileRef], storage_options: dict, max_bytes: int) -> RepoSignatures:
    """Signatures of every unit of ``refs`` (a task: reads and shards the files itself)."""
    ids: list[str] = []
    sources: list[str] = []
    for ref in refs:
        source = load_file(ref, storage_options, max_bytes)
        if source.text is None:
            continue
        for unit in shard_file(source).units:
            ids.append(unit.id)
            sources.append(unit.source)
    xp, device = array_module()
    sigs = minhash.signatures([minhash.shingle_hashes(s) for s in sources], xp=xp)
    return RepoSignatures(ids, [minhash.exact_key(s) for s in sources], sigs, device)


def report_files(parts: list[RepoSignatures], threshold: float) -> tuple[dict[str, bytes], dict]:
    """The files to publish under ``similarity/`` and the summary.json section."""
    ids = [uid for p in parts for uid in p.ids]
    sigs = np.concatenate([p.sigs for p in parts]) if parts else np.empty((0, minhash.NUM_PERM))
    exact: dict[str, list[str]] = {}
    for part in parts:
        for uid, key in zip(part.ids, part.exact, strict=True):
            exact.setdefault(key, []).append(uid)
    exact_groups = sorted(
        (sorted(g) for g in exact.values() if len(g) > 1), key=lambda g: (-len(g), g[0])
    )
    near = minhash.near_duplicate_groups(ids, sigs.astype(np.uint32), threshold)
    files = {
        "similarity/groups.json": _json(
            {"threshold": threshold, "near": near, "exact": exact_groups}
        )
    }
    with tempfile.TemporaryDirectory(prefix="portalis-sigs-") as tmp:
        store = Path(tmp) / "signatures.zarr"
        minhash.save(str(store), ids, sigs.astype(np.uint32))
        for path in sorted(p for p in store.rglob("*") if p.is_file()):
            rel = path.relative_to(tmp).as_posix()
            files[f"similarity/{rel}"] = path.read_bytes()
    section = {
        "units": len(ids),
        "devices": sorted({p.device for p in parts}),
        "near_duplicate_groups": len(near),
        "units_in_near_duplicate_groups": sum(len(g) for g in near),
        "exact_groups": len(exact_groups),
        "largest": near[:SHOWN],
        "files": "similarity/groups.json, similarity/signatures.zarr",
    }
    return files, section


def _json(data: dict) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()
