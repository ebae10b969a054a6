"""A huge module imports under a memory limit raised for its compilation, and its calls run."""

from __future__ import annotations

import importlib.util
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

from pipeline import codec
from pipeline.verify.files import write_bytecode, write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

# ~1 MB of source: compiling it peaks far above 128 MB of address space
HUGE = "\n".join(f"def f{i}(x):\n    return x * {i % 97} + {i}\n" for i in range(25_000))
HOG = "def hog():\n    return bytearray(1 << 40)\n"


def test_a_huge_module_imports_and_calls_stay_limited(tmp_path: Path) -> None:
    write_tree(tmp_path / "src", {"huge.py": HUGE, "hog.py": HOG})
    limits = SandboxLimits(call_timeout_s=5.0, cpu_s=30, memory_mb=128)
    with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
        [answer] = box.calls("huge", "f24999", [[codec.encode(2)]])
        assert answer["status"] == "ok" and answer["value"] == 2 * (24999 % 97) + 24999
        [hog] = box.calls("hog", "hog", [[]])
        assert hog["status"] == "resource" and hog["type"] == "MemoryError"


def _code_compiled_from_source(path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether importing ``path`` would compile its source (rather than load its .pyc)."""
    compiled = []

    def spy(self, data, path, *, _optimize=-1):  # noqa: ANN001, ANN202
        compiled.append(path)
        return original(self, data, path, _optimize=_optimize)

    original = SourceFileLoader.source_to_code
    monkeypatch.setattr(SourceFileLoader, "source_to_code", spy)
    code = SourceFileLoader("huge", str(path)).get_code("huge")
    assert code is not None and code.co_filename == str(path)
    return bool(compiled)


def test_a_huge_module_gets_its_bytecode_and_a_changed_source_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "src", {"huge.py": HUGE, "small.py": HOG})
    write_bytecode(tmp_path / "src", {"huge.py": HUGE, "small.py": HOG})
    assert not Path(importlib.util.cache_from_source(str(tmp_path / "src" / "small.py"))).exists()
    assert not _code_compiled_from_source(tmp_path / "src" / "huge.py", monkeypatch)
    limits = SandboxLimits(call_timeout_s=5.0, cpu_s=30, memory_mb=128)
    with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
        [answer] = box.calls("huge", "f24999", [[codec.encode(2)]])
        assert answer["status"] == "ok" and answer["value"] == 2 * (24999 % 97) + 24999
    # the .pyc is checked against the source's hash: a different source is never run stale
    (tmp_path / "src" / "huge.py").write_text(HUGE.replace("+ 24999", "+ 1"))
    assert _code_compiled_from_source(tmp_path / "src" / "huge.py", monkeypatch)
