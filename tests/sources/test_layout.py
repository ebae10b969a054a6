"""Import roots and file roles, the way packaging finds them (sources/layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources import RepoSource, discover_repo
from pipeline.sources.layout import Layout, detect, module_of, role

SRC = Layout("src", (), True, "test")


@pytest.mark.parametrize(
    ("configs", "root", "packages"),
    [
        ({"pyproject.toml": '[tool.setuptools]\npackage-dir = {"" = "src"}\n'}, "src", ()),
        ({"pyproject.toml": '[tool.setuptools.packages.find]\nwhere = ["lib"]\n'}, "lib", ()),
        ({"pyproject.toml": '[tool.setuptools]\npackages = ["a", "a.b", "c"]\n'}, "", ("a", "c")),
        (
            {"pyproject.toml": '[tool.hatch.build.targets.wheel]\npackages = ["src/foo"]\n'},
            "src",
            ("foo",),
        ),
        (
            {"pyproject.toml": '[tool.poetry]\npackages = [{include = "bar", from = "src"}]\n'},
            "src",
            ("bar",),
        ),
        ({"pyproject.toml": '[tool.pdm.build]\npackage-dir = "src"\n'}, "src", ()),
        ({"pyproject.toml": '[tool.flit.module]\nname = "baz"\n'}, "", ("baz",)),
        ({"setup.cfg": "[options]\npackage_dir =\n    =src\n"}, "src", ()),
        ({"setup.cfg": "[options.packages.find]\nwhere = lib\n"}, "lib", ()),
    ],
)
def test_packaging_settings_name_the_import_root(configs, root, packages) -> None:
    found = detect(configs, ["x.py"])
    assert (found.root, found.packages, found.packaged) == (root, packages, True)


def test_fallbacks_and_bad_files() -> None:
    # setuptools' automatic discovery: a src/ directory holding code is the root
    assert detect({}, ["src/pkg/__init__.py", "tests/t.py"]).root == "src"
    # a directory of loose modules: everything at the root, no packaging
    assert detect({}, ["a.py", "b/c.py"]) == Layout()
    # broken or odd settings fall through to the defaults, never raise
    assert detect({"pyproject.toml": "[tool\n", "setup.cfg": "[["}, ["a.py"]).root == ""
    assert detect({"pyproject.toml": 'tool = "x"\n'}, ["a.py"]).root == ""
    assert detect({"pyproject.toml": "[tool]\nhatch = 3\n"}, ["src/a.py"]).root == "src"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/pkg/mod.py", "library"),
        ("src/pkg/tests/test_mod.py", "tests"),
        ("tests/conftest.py", "tests"),
        ("src/pkg/mod_test.py", "tests"),
        ("docs/conf.py", "docs"),
        ("examples/demo.py", "examples"),
        ("setup.py", "build"),
        ("noxfile.py", "build"),
        ("tools/release.py", "outside"),
        ("src/pkg/setup.py", "library"),  # only a repository-root setup.py is a build script
    ],
)
def test_roles(path: str, expected: str) -> None:
    assert role(path, SRC) == expected


def test_declared_packages_and_flat_layout_excludes() -> None:
    declared = Layout("", ("a",), True, "test")
    assert role("a/x.py", declared) == "library"
    assert role("b/x.py", declared) == "outside"
    flat = Layout("", (), True, "test")
    assert role("bin/tool.py", flat) == "outside" and role("pkg/util.py", flat) == "library"
    loose = Layout()  # no packaging: a scripts directory stays code to translate
    assert role("bin/tool.py", loose) == "library"


def test_module_names_from_the_import_root() -> None:
    assert module_of("src/pkg/__init__.py", SRC) == "pkg"
    assert module_of("src/pkg/sub/mod.py", SRC) == "pkg.sub.mod"
    assert module_of("src/single.py", SRC) == "single"
    assert module_of("pkg/mod.py", Layout()) == "pkg.mod"


def test_discovery_names_modules_and_sets_aside(tmp_path: Path) -> None:
    for rel in ["src/pkg/__init__.py", "src/pkg/core.py", "tests/test_core.py", "setup.py"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    (tmp_path / "setup.cfg").write_text("[options]\npackage_dir =\n    =src\n")
    disc = discover_repo(RepoSource("r", str(tmp_path)))
    assert {f.path: f.module for f in disc.files} == {
        "src/pkg/__init__.py": "pkg",
        "src/pkg/core.py": "pkg.core",
    }
    assert disc.set_aside == [("setup.py", "build"), ("tests/test_core.py", "tests")]
    assert "setup.cfg [options] package_dir" in disc.set_aside_reason("tests")
    everything = discover_repo(RepoSource("r", str(tmp_path)), scope="all")
    assert len(everything.files) == 4 and not everything.set_aside
