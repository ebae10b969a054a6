"""Pricing and tenants files: shipped defaults, overrides, errors naming file, key and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.cluster import available_clusters
from pipeline.cost import pricing
from pipeline.cost.pricing import CostConfigError, load_pricing, load_tenants

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_tiers_are_the_documented_defaults() -> None:
    tenants = load_tenants()
    expected = {"default": (4, 500), "premium": (16, 5000), "enterprise": (64, 50000)}
    for name, (gpus, daily) in expected.items():
        tier = tenants.tiers[name]
        assert (tier.gpu_quota, tier.budgets.daily, tier.alert_threshold) == (gpus, daily, 0.8)
    assert tenants.tenant("default").hard_stop is False


def test_packaged_copies_match_the_checkout() -> None:
    for name in ("pricing.yaml", "tenants.yaml"):
        assert (ROOT / "config" / name).read_bytes() == (
            Path(pricing.__file__).with_name(name).read_bytes()
        )


def test_every_cluster_spec_names_a_priced_instance_type() -> None:
    prices = load_pricing()
    specs = available_clusters()
    assert {"local", "cuda", "kubernetes"} <= set(specs)
    for path in specs.values():
        prices.instance(yaml.safe_load(path.read_text())["instance_type"])  # raises when unknown


def test_tenant_overrides_its_tier(tmp_path: Path) -> None:
    path = tmp_path / "tenants.yaml"
    path.write_text(
        "version: 1\n"
        "tiers:\n"
        "  premium: {gpu_quota: 16, budgets: {daily: 5000}}\n"
        "tenants:\n"
        "  acme:\n"
        "    tier: premium\n"
        "    hard_stop: true\n"
        "    budgets: {monthly: 1000}\n"
    )
    acme = load_tenants(path).tenant("acme")
    assert (acme.gpu_quota, acme.hard_stop, acme.alert_threshold) == (16, True, 0.8)
    assert (acme.budget("daily"), acme.budget("monthly"), acme.budget("weekly")) == (
        5000,
        1000,
        None,
    )
    with pytest.raises(CostConfigError, match="unknown tenant 'nobody'"):
        load_tenants(path).tenant("nobody")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "version: 1\ntiers:\n  t: {gpu_quota: 1, budgets: {daily: 5}}\n"
            "tenants:\n  acme:\n    tier: t\n    budgets:\n      daily: -5\n",
            r"tenants\.yaml: tenants\.acme\.budgets\.daily \(line 8\): .*greater than or equal "
            r"to 0 \(got -5\)",
        ),
        (
            "version: 1\ntiers:\n  t: {gpu_quota: 1, budgets: {}}\ntenants:\n  acme:\n"
            "    tier: gold\n",
            r"tenants\.acme\.tier \(line 6\): unknown tier 'gold'",
        ),
        (
            "version: 1\ntiers:\n  t:\n    gpu_quota: 1\n    budgets: {}\n"
            "    alert_treshold: 0.5\n",
            r"tiers\.t\.alert_treshold \(line 6\): Extra inputs are not permitted",
        ),
        ("version: 1\ntiers: [\n", r"tenants\.yaml \(line 3\): not valid YAML"),
    ],
)
def test_tenant_errors_name_file_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "tenants.yaml"
    path.write_text(text)
    with pytest.raises(CostConfigError, match=expected):
        load_tenants(path)


def test_pricing_errors_name_file_key_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pricing.yaml"
    path.write_text(
        "version: 1\ninstance_types:\n  big:\n    cpus: 0\n    memory_gib: 1\n    on_demand: 1\n"
    )
    with pytest.raises(CostConfigError, match=r"instance_types\.big\.cpus \(line 4\): .*greater"):
        load_pricing(path)
    with pytest.raises(CostConfigError, match="cannot read"):
        load_pricing(tmp_path / "missing.yaml")


def test_share_is_the_larger_of_cpu_gpu_and_memory() -> None:
    gpu = load_pricing().instance("g4dn.xlarge")
    assert gpu.share(threads=1, gpus=1, memory_bytes=0) == 1.0
    assert gpu.share(threads=2, gpus=0, memory_bytes=4 * 2**30) == 0.5
    assert gpu.price("spot") == 0.158
    assert load_pricing().instance("local").price("spot") == 0.0  # falls back to on-demand
