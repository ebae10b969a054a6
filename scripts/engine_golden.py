"""Golden outputs of the rule engine, for changes that must not change behaviour.

    .venv/bin/python scripts/engine_golden.py record OUT_DIR [ROOT ...]
    .venv/bin/python scripts/engine_golden.py check OUT_DIR [ROOT ...]

Translates every unit of every ``.py`` file under each ROOT (default: tests/corpus and examples;
add /usr/lib/python3.11 for the standard library) in-process and writes, per ROOT, one text file:
for each unit its id, outcome (ok / refused / internal_error), Rust, uses, helpers,
signatures, classes and diagnostics. Times are left out, and an internal error's traceback is
cut to its last line (paths and line numbers move with the code). ``record`` writes OUT_DIR;
``check`` translates again into a temporary directory and compares byte for byte, printing
``identical`` or ``DIFFERS`` per ROOT (exit 1 on any difference). Run ``record`` on the tree
before the change (a checkout of the old commit, with PYTHONPATH pointing at it).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.records import SourceFile, Translation  # noqa: E402
from pipeline.translate import Engine, get_engine, safe_translate  # noqa: E402
from pipeline.units.shard import shard_file  # noqa: E402

DEFAULT_ROOTS = [ROOT / "tests" / "corpus", ROOT / "examples"]
_engine: Engine | None = None


def outcome(tr: Translation) -> str:
    if tr.ok:
        return "ok"
    return "internal_error" if str(tr.status) == "internal_error" else "refused"


def dump_file(job: tuple[str, str, str]) -> str:
    """The golden text of one file's units."""
    global _engine
    repo, rel, path = job
    if _engine is None:
        _engine = get_engine("rules")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"=== FILE {rel}\nunreadable {type(exc).__name__}\n"
    out = [f"=== FILE {rel}"]
    for unit in shard_file(SourceFile(repo, rel, len(text), "", text)).units:
        tr = safe_translate(_engine, unit)
        out += [
            f"--- UNIT {unit.id} {outcome(tr)}",
            tr.rust,
            f"uses {tr.uses!r}",
            f"helpers {tr.helpers!r}",
            f"sigs {tr.signatures!r}",
            f"classes {tr.classes!r}",
        ]
        for d in tr.diagnostics:
            message = d.message.strip().splitlines()[-1] if "Traceback" in d.message else d.message
            out.append(f"diag {d.code}|{d.line}|{d.col}|{message}")
    return "\n".join(out) + "\n"


def dump(root: Path, out_dir: Path) -> Path:
    """Write the golden text of every file under ``root``; two worker processes."""
    files = sorted(p for p in root.rglob("*.py") if p.is_file())
    jobs = [(root.name, str(p.relative_to(root)), str(p)) for p in files]
    with mp.get_context("fork").Pool(2) as pool:
        parts = pool.map(dump_file, jobs, chunksize=4)
    target = out_dir / f"{root.name}.txt"
    target.write_text("".join(parts), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["record", "check"])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("roots", nargs="*", type=Path)
    args = ap.parse_args(argv)
    roots = args.roots or DEFAULT_ROOTS
    if args.mode == "record":
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for root in roots:
            print("recorded", dump(root, args.out_dir))
        return 0
    differs = 0
    with tempfile.TemporaryDirectory(prefix="engine-golden-") as tmp:
        for root in roots:
            new = dump(root, Path(tmp))
            same = new.read_bytes() == (args.out_dir / new.name).read_bytes()
            differs += not same
            print(("identical: " if same else "DIFFERS: ") + str(root))
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
