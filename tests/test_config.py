"""Run configuration: defaults, YAML files, validation errors and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import DEFAULT_EXCLUDES, ConfigError, RunConfig, load_config


def write(tmp_path: Path, text: str, name: str = "portalis.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    cfg = load_config(None)
    assert cfg == RunConfig()
    assert cfg.engine == "rules"
    assert cfg.exclude == DEFAULT_EXCLUDES
    assert cfg.max_file_bytes == 4 * 1024 * 1024
    assert cfg.partition_lines is None  # the workload policy decides
    assert cfg.storage_options == {} and cfg.cluster is None and cfg.workers is None
    assert cfg.verify.enabled is True and cfg.verify.examples_per_function == 50
    assert cfg.cache.url is None and cfg.cache.required is False


def test_yaml_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
engine: rules
exclude: [tests, "docs/*"]
max_file_bytes: 1000
storage_options: {anon: true}
workers: 4
verify:
  enabled: false
  seed: 7
cache:
  url: "none://"
""",
    )
    cfg = load_config(path)
    assert cfg.exclude == ("tests", "docs/*")
    assert cfg.max_file_bytes == 1000 and cfg.workers == 4
    assert cfg.storage_options == {"anon": True}
    assert cfg.verify.enabled is False and cfg.verify.seed == 7
    assert cfg.verify.examples_per_function == 50  # untouched keys keep their defaults
    assert cfg.cache.url == "none://"
    assert load_config(str(path)) == cfg


def test_empty_file_is_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == RunConfig()
    assert load_config(write(tmp_path, "# only a comment\n")) == RunConfig()


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("engin: rules\n", "engin"),
        ("verify:\n  enabeld: false\n", "verify.enabeld"),
        ("cache:\n  urll: x\n", "cache.urll"),
    ],
)
def test_unknown_key_names_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert field in message and str(path) in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("max_file_bytes: 0\n", "max_file_bytes"),
        ("workers: many\n", "workers"),
        ("verify:\n  memory_mb: 1\n", "verify.memory_mb"),
        ("verify: 3\n", "verify"),
    ],
)
def test_invalid_values_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{tmp_path}.*: {field}: "):
        load_config(write(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        "engine: rules\nverify:\n  enabled: [1, 2\n",
        "a: b: c\n",
        "\tengine: x\n",
        "engine: 'unterminated\n",
    ],
)
def test_bad_yaml_is_one_line(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"config {path} is not valid YAML: ")
    assert "\n" not in message
    assert "line " in message  # says where


def test_not_a_mapping_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="mapping"):
        load_config(write(tmp_path, "- a\n- b\n"))
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path / "nope.yaml")


def test_with_overrides() -> None:
    base = RunConfig()
    cfg = base.with_overrides(
        engine="other",
        workers=3,
        verify__enabled=False,
        verify__seed=9,
        cache__url="none://",
        cluster=None,
    )
    assert cfg.engine == "other" and cfg.workers == 3
    assert cfg.verify.enabled is False and cfg.verify.seed == 9
    assert cfg.cache.url == "none://"
    assert cfg.cluster is None  # None means "not given"
    assert base.verify.enabled is True  # the original is unchanged (frozen)
    assert base.with_overrides() == base
    assert base.with_overrides(exclude=["a", "b"]).exclude == ("a", "b")
    assert base.with_overrides(storage_options__anon=True).storage_options == {"anon": True}


@pytest.mark.parametrize(
    "changes",
    [
        {"verify__enabld": False},
        {"engin": "x"},
        {"nosuch__field": 1},
        {"engine__field": 1},
        {"workers": 0},
    ],
)
def test_bad_overrides_are_config_errors(changes: dict) -> None:
    with pytest.raises(ConfigError, match="^command line: ") as info:
        RunConfig().with_overrides(**changes)
    key = next(iter(changes)).replace("__", ".")
    assert key in str(info.value)


def test_frozen() -> None:
    cfg = RunConfig()
    with pytest.raises(ValueError):
        cfg.engine = "x"  # type: ignore[misc]
