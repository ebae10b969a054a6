"""Run rustc / rustfmt on a crate written to a scratch directory and parse diagnostics."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.childprio import command
from pipeline.faults import ATTEMPTS, Fault, tool_fault

UNPROXIED = ("rustc", "rustfmt")  # run as the toolchain's binaries, not through rustup
TOOLCHAIN_ENV = "RUSTUP_TOOLCHAIN"


class ToolMissing(RuntimeError):
    """rustc or rustfmt is not on PATH."""


@dataclass(frozen=True)
class RustcError:
    """One rustc error: code (e.g. E0308, or "rustc" when it has none), message, primary span."""

    code: str
    message: str
    file: str | None
    line: int | None


def find_tool(name: str) -> str:
    """Path of a Rust tool, looking in PATH and then ~/.cargo/bin. Where rustc or rustfmt is
    rustup's proxy, the active toolchain's own binary: the proxy costs one more process per
    call (~5 ms of CPU, and its start-up again on a busy machine). Resolved once per PATH and
    ``RUSTUP_TOOLCHAIN``."""
    return _find_tool(name, os.environ.get("PATH", os.defpath), os.environ.get(TOOLCHAIN_ENV))


@functools.lru_cache(maxsize=16)
def _find_tool(name: str, path: str, toolchain: str | None) -> str:
    found = shutil.which(name, path=path) or shutil.which(
        name, path=os.path.expanduser("~/.cargo/bin")
    )
    if not found:
        raise ToolMissing(f"{name} not found: install Rust (https://rustup.rs) and put it on PATH")
    if name not in UNPROXIED or Path(found).resolve().name != "rustup":
        return found
    sysroot = subprocess.run(
        command([str(Path(found).with_name("rustc")), "--print", "sysroot"]),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    direct = Path(sysroot.stdout.strip()) / "bin" / name
    return str(direct) if sysroot.returncode == 0 and direct.is_file() else found


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def check_metadata(root: Path, crate: str, timeout_s: float = 600) -> list[RustcError]:
    """Type-check ``root/src/lib.rs`` (``--emit=metadata``); return its errors (not warnings).
    A fault of rustc (killed, out of memory or disk, no diagnostic) is retried, then raised
    as :class:`Fault`: it says nothing about the code."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _check_once(root, crate, timeout_s)
        except Fault:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _check_once(root: Path, crate: str, timeout_s: float) -> list[RustcError]:
    cmd = [
        find_tool("rustc"),
        "--crate-type",
        "lib",
        "--edition",
        "2021",
        "--crate-name",
        crate,
        "--emit=metadata",
        "--error-format=json",
        "-o",
        str(root / "check.rmeta"),
        "src/lib.rs",
    ]
    proc = subprocess.run(
        command(cmd),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        stdin=subprocess.DEVNULL,
    )
    errors = [e for line in proc.stderr.splitlines() if (e := _parse_line(line))]
    fault = tool_fault("rustc", proc.returncode, proc.stderr, bool(errors))
    if fault is not None:
        raise fault
    return errors


def _parse_line(line: str) -> RustcError | None:
    if not line.startswith("{"):
        return None
    try:
        msg = json.loads(line)
    except json.JSONDecodeError:
        return None
    if msg.get("level") != "error" or msg.get("message", "").startswith("aborting due to"):
        return None
    code = (msg.get("code") or {}).get("code") or "rustc"
    spans = msg.get("spans", [])
    # An unclosed delimiter is reported at the end of the file (in whatever item is last);
    # the culprit is where the delimiter was opened, a secondary span with this label.
    opened = [s for s in spans if s.get("label") == "unclosed delimiter"]
    primary = opened[0] if opened else next((s for s in spans if s.get("is_primary")), None)
    if primary is None:
        return RustcError(code, msg.get("message", ""), None, None)
    return RustcError(code, msg.get("message", ""), primary["file_name"], primary["line_start"])


def rustfmt(root: Path, timeout_s: float = 300) -> bool:
    """Format the crate in place (rustfmt follows ``mod`` declarations from lib.rs)."""
    targets = [str(p.relative_to(root)) for p in sorted((root / "src").rglob("*.rs"))]
    proc = subprocess.run(
        command([find_tool("rustfmt"), "--edition", "2021", *targets]),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        stdin=subprocess.DEVNULL,
    )
    return proc.returncode == 0


def read_tree(root: Path, rels: list[str]) -> dict[str, str]:
    return {rel: (root / rel).read_text(encoding="utf-8") for rel in rels}


def rustc_version() -> str:
    try:
        argv = command([find_tool("rustc"), "--version"])
        out = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        return out.stdout.strip()
    except (ToolMissing, OSError):
        return "unavailable"
