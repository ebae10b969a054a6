"""A huge module imports under a memory limit raised for its compilation, and its calls run."""

from __future__ import annotations

from pathlib import Path

from pipeline import codec
from pipeline.verify.files import write_tree
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
