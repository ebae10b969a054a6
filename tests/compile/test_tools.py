"""``find_tool``: rustc and rustfmt run as the toolchain's own binaries, not through rustup's
proxy (one process fewer per call), and a changed PATH is honoured."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from pipeline.compile.rustc import find_tool


@pytest.mark.parametrize("name", ["rustc", "rustfmt"])
def test_the_toolchain_binary_answers_for_the_proxy(name: str) -> None:
    on_path = shutil.which(name) or str(Path("~/.cargo/bin").expanduser() / name)
    if Path(on_path).resolve().name != "rustup":
        pytest.skip(f"{name} on PATH is not rustup's proxy")
    direct = find_tool(name)
    assert Path(direct).resolve().name == name and Path(direct) != Path(on_path)
    version = [subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
               for tool in (on_path, direct)]  # fmt: skip
    assert version[0] == version[1] != ""


def test_a_changed_path_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    find_tool("rustc")  # resolved once for the current PATH
    fake = tmp_path / "rustc"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert find_tool("rustc") == str(fake)
