"""Hand-built Unit/Translation records and helpers that run the real Rust tools on a crate."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from pipeline.compile.rustc import ToolMissing, find_tool
from pipeline.records import Translation, TranslationStatus, Unit

try:
    RUSTC, RUSTFMT, CARGO = find_tool("rustc"), find_tool("rustfmt"), find_tool("cargo")
except ToolMissing as exc:  # pragma: no cover - the dev setup installs Rust
    pytest.skip(f"Rust toolchain not available: {exc}", allow_module_level=True)

RUNTIME = "pub fn helper() -> i64 { 1 }\n"


def item(
    path: str,
    name: str,
    first: int,
    rust: str,
    *,
    helpers: Iterable[str] = (),
    uses: Iterable[str] = (),
    kind: str = "function",
    repo: str = "demo",
    lines: int = 2,
) -> tuple[Unit, Translation]:
    """A unit at ``path`` lines first..first+lines-1 and its successful translation."""
    unit = Unit(
        id=f"{repo}:{path}::{name}",
        repo=repo,
        path=path,
        module=path.removesuffix(".py").replace("/", "."),
        qualname=name,
        kind=kind,
        source=f"def {name}():\n    pass\n",
        first_line=first,
        last_line=first + lines - 1,
    )
    tr = Translation(
        unit_id=unit.id,
        engine="test@1",
        status=TranslationStatus.TRANSLATED,
        rust=rust,
        helpers=tuple(helpers),
        uses=tuple(uses),
    )
    return unit, tr


class Runtime:
    """A runtime_source that records the helper sets it was asked for."""

    def __init__(self, text: str = RUNTIME) -> None:
        self.text = text
        self.calls: list[list[str]] = []

    def __call__(self, helpers: Iterable[str]) -> str:
        self.calls.append(list(helpers))
        return self.text


def write_crate(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PATH": f"{Path(RUSTC).parent}:{os.environ.get('PATH', '')}", **env}
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
        stdin=subprocess.DEVNULL,
    )


def rustc_check(root: Path, crate: str) -> subprocess.CompletedProcess:
    return run(
        [
            RUSTC,
            "--crate-type",
            "lib",
            "--edition",
            "2021",
            "--crate-name",
            crate,
            "--emit=metadata",
            "-o",
            str(root / "out.rmeta"),
            "src/lib.rs",
        ],
        root,
    )


def rustfmt_check(root: Path) -> subprocess.CompletedProcess:
    files = sorted(str(p.relative_to(root)) for p in (root / "src").rglob("*.rs"))
    return run([RUSTFMT, "--edition", "2021", "--check", *files], root)


def cargo_build(root: Path, target: Path) -> subprocess.CompletedProcess:
    return run(
        [CARGO, "build", "--offline", "--quiet"],
        root,
        CARGO_TARGET_DIR=str(target),
        RUSTC=RUSTC,
        CARGO_TERM_COLOR="never",
    )
