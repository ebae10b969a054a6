"""The backend registry and the configuration of the learned engine: clear messages when an
extra is missing or a setting is absent, and ``engine: [rules, learned]`` routing."""

from __future__ import annotations

import sys

import pytest

from pipeline.config import ConfigError, LearnedSettings, RunConfig, load_config
from pipeline.translate import get_engine
from pipeline.translate.learned.backends import BackendUnavailable, check_backend


def test_missing_extra_names_the_install_command(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "pipeline.translate.learned.local", raising=False)
    monkeypatch.setitem(sys.modules, "transformers", None)  # as if not installed
    with pytest.raises(BackendUnavailable) as err:
        check_backend(LearnedSettings(enabled=True, model="/models/x"))
    assert str(err.value) == (
        "learned engine unavailable: backend 'transformers' needs transformers; "
        "install it with: pip install 'portalis[llm]'"
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"backend": "transformers"}, "learned.model is not set"),
        ({"backend": "endpoint"}, "learned.url is not set"),
        ({"backend": "magic"}, "unknown learned backend 'magic'; known: endpoint, transformers"),
    ],
)
def test_incomplete_settings_say_what_to_set(settings: dict, message: str) -> None:
    with pytest.raises(BackendUnavailable, match=message):
        check_backend(LearnedSettings(enabled=True, **settings))


def test_engine_list_routes_to_the_learned_engine(tmp_path) -> None:
    path = tmp_path / "portalis.yaml"
    path.write_text("engine: [rules, learned]\nlearned: {backend: endpoint, url: http://x/v1}\n")
    config = load_config(path)
    assert (config.engine, config.learned.enabled, config.learned.url) == (
        "rules",
        True,
        "http://x/v1",
    )
    assert config.learned.task_resources() == {}
    assert RunConfig.model_validate({"engine": ["rules"]}).learned.enabled is False
    assert get_engine("learned").name == "learned"  # registered like the other engines


@pytest.mark.parametrize(
    "engines", ["[learned]", "[learned, rules]", "[rules, learned, learned]", "[]"]
)
def test_bad_engine_lists_are_one_line_errors(tmp_path, engines: str) -> None:
    path = tmp_path / "portalis.yaml"
    path.write_text(f"engine: {engines}\n")
    with pytest.raises(ConfigError, match="engine"):
        load_config(path)
