"""Where a repository's library lives, the way packaging finds it, and what each file is.

A repository as it ships holds a library and much else: its tests, docs, examples, build
scripts (``setup.py``, ``noxfile.py``). :func:`detect` reads the packaging settings at the
repository root — ``pyproject.toml`` (setuptools ``package-dir`` / ``packages`` /
``packages.find.where``, hatch's wheel ``packages``, poetry's ``packages``, flit's module,
pdm's ``package-dir``) and ``setup.cfg`` (``[options] package_dir``, ``packages.find where``)
— and falls back on setuptools' automatic discovery: a ``src/`` directory holding Python code
is the import root. :func:`role` then says what one file is:

- ``library``: code of the package(s) under the import root, importable by its dotted name
  (:func:`module_of`: ``src/pkg/mod.py`` is ``pkg.mod``);
- ``tests``: under a ``test``/``tests``/``testing`` directory (at any depth, also inside the
  package), or named ``test_*.py``, ``*_test.py``, ``tests.py``, ``conftest.py``;
- ``docs``, ``examples``: under ``doc(s)``/``documentation``, ``example(s)``/``samples``;
- ``build``: a repository-root ``setup.py``, ``noxfile.py``, ``fabfile.py``, ``dodo.py``,
  ``pavement.py``;
- ``outside``: not in the declared packages, or (a repository with packaging metadata)
  outside the import root, or in one of the top-level directories setuptools' flat-layout
  discovery never takes as packages (``bin``, ``scripts``, ``tools``, ``benchmarks``...).

A directory of loose modules without packaging metadata is all library (less its tests, docs,
examples and build scripts). By default a run translates the library only; the other files are
counted apart (``scope: all`` translates them too).
"""

from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass
from pathlib import PurePosixPath

LIBRARY = "library"
CONFIG_FILES = ("pyproject.toml", "setup.cfg", "setup.py")
TEST_DIRS = frozenset({"test", "tests", "testing", "unit_test", "unit_tests"})
DOC_DIRS = frozenset({"doc", "docs", "documentation"})
EXAMPLE_DIRS = frozenset({"example", "examples", "sample", "samples"})
BUILD_FILES = frozenset({"setup.py", "noxfile.py", "fabfile.py", "dodo.py", "pavement.py"})
# setuptools.discovery.FlatLayoutPackageFinder.DEFAULT_EXCLUDE, less the names above
FLAT_EXCLUDE = frozenset(
    {
        "ci",
        "bin",
        "debian",
        "manpages",
        "news",
        "newsfragments",
        "changelog",
        "scripts",
        "tools",
        "util",
        "utils",
        "python",
        "build",
        "dist",
        "venv",
        "env",
        "requirements",
        "tasks",
        "site_scons",
        "benchmark",
        "benchmarks",
        "exercise",
        "exercises",
        "htmlcov",
    }
)


@dataclass(frozen=True)
class Layout:
    """A repository's import root and, when packaging names them, its packages."""

    root: str = ""  # repo-relative directory the packages are imported from ("" or "src")
    packages: tuple[str, ...] = ()  # top-level import names declared; () = all under root
    packaged: bool = False  # the repository has packaging metadata (or a src/ layout)
    source: str = ""  # where the root came from, for the record

    def describe(self) -> str:
        where = f"{self.root}/" if self.root else "the repository root"
        names = f" (packages {', '.join(self.packages)})" if self.packages else ""
        return f"import root {where}{names}, from {self.source or 'the default'}"


def detect(configs: dict[str, str], paths: list[str]) -> Layout:
    """The layout from the root's packaging files (name -> text; absent ones left out) and
    the repository's ``.py`` paths."""
    packaged = any(name in configs for name in CONFIG_FILES)
    for found in (_from_pyproject(configs.get("pyproject.toml")), _from_setup_cfg(configs)):
        if found is not None:
            return found
    if any(p.startswith("src/") for p in paths):
        return Layout("src", (), True, "a src/ directory (setuptools' src-layout)")
    return Layout("", (), packaged, "pyproject.toml/setup.cfg/setup.py" if packaged else "")


def role(path: str, layout: Layout) -> str:
    """What the repository file ``path`` is (see the module docstring)."""
    parts = PurePosixPath(path).parts
    dirs, name = {p.lower() for p in parts[:-1]}, parts[-1]
    if dirs & TEST_DIRS or _test_file(name):
        return "tests"
    if dirs & DOC_DIRS:
        return "docs"
    if dirs & EXAMPLE_DIRS:
        return "examples"
    if len(parts) == 1 and name in BUILD_FILES:
        return "build"
    inner = _under_root(parts, layout)
    if inner is None:
        return "outside"
    if layout.packages and _top_name(inner) not in layout.packages:
        return "outside"
    if layout.packaged and not layout.root and len(inner) > 1 and inner[0] in FLAT_EXCLUDE:
        return "outside"
    return LIBRARY


def module_of(path: str, layout: Layout) -> str:
    """Dotted module name of ``path`` as the package imports it (from the import root)."""
    parts = list(_under_root(PurePosixPath(path).parts, layout) or PurePosixPath(path).parts)
    parts[-1] = parts[-1].removesuffix(".py")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _test_file(name: str) -> bool:
    stem = name.removesuffix(".py")
    return stem.startswith("test_") or stem.endswith("_test") or stem in ("tests", "conftest")


def _under_root(parts: tuple[str, ...], layout: Layout) -> tuple[str, ...] | None:
    root = PurePosixPath(layout.root).parts if layout.root else ()
    if parts[: len(root)] != root or len(parts) == len(root):
        return None
    return parts[len(root) :]


def _top_name(inner: tuple[str, ...]) -> str:
    return inner[0].removesuffix(".py")


def _from_pyproject(text: str | None) -> Layout | None:
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    tool = _dig(data, "tool")
    for probe in (_setuptools, _hatch, _poetry, _pdm, _flit):
        found = probe(tool)
        if found is not None:
            return found
    return None


def _setuptools(tool: dict) -> Layout | None:
    st = _dig(tool, "setuptools")
    pkg_dir = st.get("package-dir", {})
    root = _clean(pkg_dir.get("", "")) if isinstance(pkg_dir, dict) else ""
    packages = st.get("packages")
    if isinstance(packages, list):
        tops = tuple(sorted({str(p).split(".")[0] for p in packages}))
        return Layout(root, tops, True, "pyproject.toml [tool.setuptools] packages")
    find = packages.get("find", {}) if isinstance(packages, dict) else {}
    where = find.get("where") if isinstance(find, dict) else None
    if isinstance(where, list) and where:
        return Layout(_clean(where[0]), (), True, "pyproject.toml [tool.setuptools.packages.find]")
    if root:
        return Layout(root, (), True, "pyproject.toml [tool.setuptools] package-dir")
    return None


def _hatch(tool: dict) -> Layout | None:
    packages = _dig(tool, "hatch", "build", "targets", "wheel").get("packages")
    if not isinstance(packages, list) or not packages:
        return None
    paths = [PurePosixPath(_clean(p)) for p in packages]
    roots = {str(p.parent) if str(p.parent) != "." else "" for p in paths}
    source = "pyproject.toml [tool.hatch.build.targets.wheel] packages"
    return Layout(sorted(roots)[0], tuple(sorted(p.name for p in paths)), True, source)


def _poetry(tool: dict) -> Layout | None:
    packages = _dig(tool, "poetry").get("packages")
    if not isinstance(packages, list) or not packages:
        return None
    entries = [p for p in packages if isinstance(p, dict) and "include" in p]
    if not entries:
        return None
    root = _clean(entries[0].get("from", ""))
    tops = tuple(sorted({str(p["include"]).split("/")[0] for p in entries}))
    return Layout(root, tops, True, "pyproject.toml [tool.poetry] packages")


def _pdm(tool: dict) -> Layout | None:
    root = _dig(tool, "pdm", "build").get("package-dir")
    if not isinstance(root, str):
        return None
    return Layout(_clean(root), (), True, "pyproject.toml [tool.pdm.build] package-dir")


def _flit(tool: dict) -> Layout | None:
    name = _dig(tool, "flit", "module").get("name")
    if not isinstance(name, str):
        return None
    return Layout("", (name.split(".")[0],), True, "pyproject.toml [tool.flit.module]")


def _dig(data: object, *keys: str) -> dict:
    """``data[k1][k2]...`` when every level is a table; {} otherwise."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _from_setup_cfg(configs: dict[str, str]) -> Layout | None:
    text = configs.get("setup.cfg")
    if text is None:
        return None
    cfg = configparser.ConfigParser(interpolation=None)
    try:
        cfg.read_string(text)
    except configparser.Error:
        return None
    where = cfg.get("options.packages.find", "where", fallback="").strip()
    if where:
        return Layout(_clean(where), (), True, "setup.cfg [options.packages.find] where")
    for line in cfg.get("options", "package_dir", fallback="").splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.strip() and value.strip():
            return Layout(_clean(value), (), True, "setup.cfg [options] package_dir")
    return None


def _clean(path: object) -> str:
    text = str(path).strip().removeprefix("./").strip("/")
    return "" if text == "." else text
