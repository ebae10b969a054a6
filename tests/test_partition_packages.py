"""A partition that holds one module of a package verifies it against the repository's package.

The verifier's sandbox gets the rest of each top-level package of the partition
(``units/packagefiles.py``): without ``pkg/__init__.py`` the copied ``pkg/`` is a namespace
portion, and the import system takes a regular package of that name from elsewhere — an
installed copy (``sortedcontainers``: a dependency of the verifier's own hypothesis) or the
interpreter's (``email``). Real engine, rustc and verifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import RunConfig
from pipeline.records import FileRef
from pipeline.stages import process_partition
from pipeline.units import packagefiles
from pipeline.units.packagefiles import package_dirs, package_files

CALC = '''
from .core import BASE


def shifted(x: int) -> int:
    """
    >>> shifted(2)
    5
    """
    return x + 3
'''


def make_package(tmp_path: Path, name: str) -> Path:
    repo = tmp_path / "r"
    (repo / name / "deep").mkdir(parents=True)
    (repo / name / "__init__.py").write_text("from .core import BASE\n")
    (repo / name / "core.py").write_text("BASE = 3\n")
    (repo / name / "deep" / "__init__.py").write_text("")
    (repo / name / "deep" / "calc.py").write_text(CALC.replace(".core", "..core"))
    return repo


def ref(repo: Path, rel: str) -> FileRef:
    path = repo / rel
    return FileRef("r", rel, str(path), path.stat().st_size)


@pytest.mark.parametrize("name", ["sortedcontainers", "email"])
def test_a_module_alone_in_its_partition_is_verified_in_its_package(tmp_path, name):
    repo = make_package(tmp_path, name)
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    out = process_partition([ref(repo, f"{name}/deep/calc.py")], cfg)
    verdict = out.verdicts[f"r:{name}/deep/calc.py::shifted"]
    assert verdict.status == "verified", verdict.reason


def test_package_files_reads_the_rest_of_the_top_level_package(tmp_path):
    repo = make_package(tmp_path, "pkg")
    (repo / "pkg" / "__pycache__").mkdir()
    (repo / "pkg" / "__pycache__" / "x.py").write_text("")
    (repo / "top.py").write_text("X = 1\n")
    have = {"pkg/deep/calc.py": "..."}
    found = package_files([ref(repo, "pkg/deep/calc.py"), ref(repo, "top.py")], have)
    assert sorted(found) == ["pkg/__init__.py", "pkg/core.py", "pkg/deep/__init__.py"]
    assert found["pkg/core.py"] == "BASE = 3\n"


def test_a_reader_lists_and_reads_each_package_file_once(tmp_path):
    """The partitions of one repository's cache probe share their packages: the second
    batch gets what the first read, even after the files are gone from the disk."""
    repo = make_package(tmp_path, "pkg")
    reader = packagefiles.PackageReader()
    first = reader.files([ref(repo, "pkg/deep/calc.py")], {"pkg/deep/calc.py": "..."})
    assert sorted(first) == ["pkg/__init__.py", "pkg/core.py", "pkg/deep/__init__.py"]
    core = ref(repo, "pkg/core.py")
    (repo / "pkg" / "core.py").unlink()
    (repo / "pkg" / "new.py").write_text("Y = 2\n")  # not listed again either
    second = reader.files([core], {"pkg/core.py": "BASE = 3\n"})
    assert sorted(second) == ["pkg/__init__.py", "pkg/deep/__init__.py", "pkg/deep/calc.py"]
    assert packagefiles.PackageReader().files([core], {})["pkg/new.py"] == "Y = 2\n"


def test_a_huge_package_gives_only_the_init_files_above(tmp_path, monkeypatch):
    repo = make_package(tmp_path, "pkg")
    monkeypatch.setattr(packagefiles, "MAX_CONTEXT_BYTES", 10)
    found = package_files([ref(repo, "pkg/deep/calc.py")], {})
    assert sorted(found) == ["pkg/__init__.py", "pkg/deep/__init__.py"]


def test_package_dirs_follows_the_import_root(tmp_path):
    src = FileRef("r", "src/pkg/a/b.py", "/x/src/pkg/a/b.py", 1, module="pkg.a.b")
    assert package_dirs(src) == ("/x/", "src/pkg")
    init = FileRef("r", "pkg/__init__.py", "s3://bk/r/pkg/__init__.py", 1, module="pkg")
    assert package_dirs(init) == ("s3://bk/r/", "pkg")
    assert package_dirs(FileRef("r", "top.py", "/x/top.py", 1, module="top")) is None


LINK = """
class _Link(object):
    __slots__ = 'prev', 'next', 'key', '__weakref__'
"""


def test_a_class_of_the_repositorys_collections_is_the_users(tmp_path):
    # the codec takes classes of the interpreter's collections for its own (OrderedDict...),
    # never a class of a repository module that happens to be named collections
    repo = tmp_path / "r"
    (repo / "collections").mkdir(parents=True)
    (repo / "collections" / "__init__.py").write_text(LINK)
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    out = process_partition([ref(repo, "collections/__init__.py")], cfg)
    verdict = out.verdicts["r:collections/__init__.py::_Link"]
    assert verdict.status == "verified", verdict.reason
