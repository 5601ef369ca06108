"""Rule data: loaded from the shared folder or the package, versioned, checked row by row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo.shipment import RulesError, load_rules, screen_shipment
from embargo.shipment.decision import RULE_IDS
from embargo.shipment.redflags import RED_FLAG_RULES
from embargo.shipment.rules import DERIVED, PACKAGE_DATA


@pytest.fixture(scope="module")
def shared_rules(shared_dir: Path):
    return load_rules(shared_dir / "data")


@pytest.fixture()
def rules_copy(tmp_path: Path, shared_dir: Path) -> Path:
    """A team's own rules folder: the shared goods/ and geo/ plus a shipment/ folder."""
    for sub in ("goods", "geo"):
        shutil.copytree(shared_dir / "data" / sub, tmp_path / sub)
    (tmp_path / "shipment").mkdir()
    return tmp_path


def test_shared_data_is_read(shared_rules, shared_dir: Path) -> None:
    assert shared_rules.files["chpl"]["path"] == str(shared_dir / "data/goods/chpl_hs_codes.csv")
    assert len(shared_rules.chpl) == 50
    assert shared_rules.chpl["854231"].tier == "Tier 1"
    assert {"RUYBE", "RUMCX", "IRAMD", "IRBAM", "IRKAS"} <= set(shared_rules.places)
    assert {"ae", "tr", "hk", "kz"} <= set(shared_rules.hubs)
    assert "ru" not in shared_rules.hubs and "ye" in shared_rules.flagged_countries


def test_package_fallback_matches_shared(shared_rules, tmp_path: Path) -> None:
    # An empty rules folder: every table falls back to the package's derived copies.
    packaged = load_rules(tmp_path)
    assert packaged.files["chpl"]["path"].startswith(str(DERIVED))
    assert {k: v.tier for k, v in packaged.chpl.items()} == {
        k: v.tier for k, v in shared_rules.chpl.items()
    }
    assert set(packaged.places) == set(shared_rules.places)
    assert set(packaged.red_flags) == set(shared_rules.red_flags)
    assert set(packaged.listed_codes) == set(shared_rules.listed_codes)
    assert packaged.version != shared_rules.version  # different bytes, different version


def test_env_setting_picks_the_folder(monkeypatch, rules_copy: Path) -> None:
    monkeypatch.setenv("EMBARGO_RULES_DIR", str(rules_copy))
    assert load_rules().source_dir == str(rules_copy)
    monkeypatch.setenv("EMBARGO_RULES_DIR", str(rules_copy / "missing"))
    with pytest.raises(RulesError, match="not a folder"):
        load_rules()


def test_adding_a_port_is_a_data_change(rules_copy: Path) -> None:
    before = load_rules(rules_copy)
    with open(rules_copy / "geo/flagged_locations.csv", "a", encoding="utf-8") as fh:
        fh.write('Port Olya,port,RU,RUOLY,,,"Caspian port named in a new advisory",test:new-row\n')
    shutil.copy(PACKAGE_DATA / "place_aliases.csv", rules_copy / "shipment/place_aliases.csv")
    with open(rules_copy / "shipment/place_aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("RUOLY,Олья,exact,Russian spelling\n")
    after = load_rules(rules_copy)
    assert after.version != before.version
    assert after.files["place_aliases"]["path"] == str(rules_copy / "shipment/place_aliases.csv")
    shipment = {
        "id": "P1",
        "goods": [{"description": "cotton T-shirts", "hs_code": "6109.10"}],
        "route": {"origin": "TR", "ports": ["порт Олья"], "destination": "KZ"},
    }
    result = screen_shipment(shipment, None, after)
    port = [r for r in result.reasons if r.rule == "place.port"]
    assert port and "Port Olya" in port[0].text and port[0].source == "test:new-row"
    assert result.rules_version == after.version


def test_bad_goods_rule_names_file_row_and_column(rules_copy: Path) -> None:
    target = rules_copy / "shipment/goods_rules.csv"
    shutil.copy(PACKAGE_DATA / "goods_rules.csv", target)
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("flux capacitor,fuzzy,853221,0.5,,note\n")
    rows = target.read_text(encoding="utf-8").count("\n")
    with pytest.raises(RulesError, match=rf"goods_rules.csv row {rows} column kind: 'fuzzy'"):
        load_rules(rules_copy)


def test_unknown_tier_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "goods/chpl_hs_codes.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("999999,Made up,Tier 9,test\n")
    with pytest.raises(RulesError, match=r"chpl_hs_codes.csv row 52: tier 'Tier 9'"):
        load_rules(rules_copy)


def test_alias_to_unknown_place_is_refused(rules_copy: Path) -> None:
    target = rules_copy / "shipment/place_aliases.csv"
    target.write_text("place,alias,precision,note\nXXNOPE,Nowhere,exact,\n", encoding="utf-8")
    with pytest.raises(RulesError, match="row 2 column place: 'XXNOPE'"):
        load_rules(rules_copy)


def test_policy_outcome_must_be_known(rules_copy: Path) -> None:
    (rules_copy / "shipment/policy.toml").write_text('[outcomes]\n"party.listed" = "ban"\n')
    with pytest.raises(RulesError, match="party.listed: 'ban'"):
        load_rules(rules_copy)


def test_policy_covers_every_rule(shared_rules) -> None:
    for rule in RULE_IDS:
        assert shared_rules.outcome(rule) in ("block", "review", "note")
    for place in shared_rules.places.values():
        shared_rules.outcome(f"place.{place.kind}")
    for flag_id in shared_rules.red_flags:
        assert shared_rules.outcome(f"redflag.{flag_id}") == "review"
    assert shared_rules.outcome("party.listed") == "block"
    assert shared_rules.outcome("place.zone") == "block"
    assert shared_rules.outcome("place.port") == "review"


def test_red_flag_coverage_matches_the_code(shared_rules) -> None:
    assert set(shared_rules.coverage) == set(shared_rules.red_flags)
    evaluated = {f for f, (yes, _) in shared_rules.coverage.items() if yes}
    assert evaluated == set(RED_FLAG_RULES)
    assert all(how for _, how in shared_rules.coverage.values())


def test_cache_follows_file_changes(rules_copy: Path) -> None:
    first = load_rules(rules_copy)
    assert load_rules(rules_copy) is first
    path = rules_copy / "goods/red_flags.csv"
    path.write_text(path.read_text(encoding="utf-8") + "X-01,test flag,shipping,test\n")
    assert load_rules(rules_copy) is not first


def test_policy_missing_an_outcome_is_named_before_screening(rules_copy: Path) -> None:
    policy = (PACKAGE_DATA / "policy.toml").read_text(encoding="utf-8")
    kept = [line for line in policy.splitlines() if not line.startswith('"place.')]
    (rules_copy / "shipment/policy.toml").write_text("\n".join(kept), encoding="utf-8")
    rules = load_rules(rules_copy)
    shipment = {"id": "P", "goods": [{"hs_code": "6109.10"}]}
    with pytest.raises(RulesError, match=r"policy.toml: \[outcomes\] has no outcome for place."):
        screen_shipment(shipment, None, rules)
