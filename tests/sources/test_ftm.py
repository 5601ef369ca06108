"""OpenSanctions FollowTheMoney JSON lines: the two yente samples and broken inputs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import ftm
from embargo.sources.base import EntityProxy, ParseContext, ParseError


def _parse(folder: Path) -> tuple[ParseContext, list[EntityProxy]]:
    ctx = ParseContext(ftm.NAME)
    return ctx, list(ftm.parse(folder, ctx))


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    ctx, entities = _parse(lists_dir / ftm.NAME)
    return ctx, {e.context["ref"]: e for e in entities}


def test_counts(parsed):
    ctx, entities = parsed
    assert len(entities) == 7 + 91
    assert ctx.published == "2026-04-29"
    assert not ctx.warnings
    targets = [e for e in entities.values() if e.context.get("target")]
    assert Counter(e.schema.name for e in targets) == {
        "Company": 11,
        "Person": 10,
        "Organization": 2,
    }
    helpers = Counter(e.schema.name for e in entities.values() if not e.context.get("target"))
    assert helpers["Sanction"] == 41 and helpers["Ownership"] == 14 and helpers["Address"] == 12


def test_zala_aero(parsed):
    ctx, entities = parsed
    zala = entities["NK-cPks3aTbes8k4aCerfBAzN"]
    assert zala.id == ctx.make_id("NK-cPks3aTbes8k4aCerfBAzN")
    assert zala.context["target"] is True
    assert zala.schema.name == "Company"
    assert "ZALA AERO JSC" in zala.get("name")
    assert 'Акционерное общество "Зала Аэро"' in zala.get("name")
    assert zala.get("innCode") == ["9715478507"]
    assert zala.get("ogrnCode") == ["1247700258651"]
    assert zala.get("country") == ["ru"]
    assert "127055, Moscow, Perunovsky per. 3, building 2" in zala.get("address")
    assert entities["NK-iE6m5ryPeTAMZozfECVSL7"].context["target"] is True  # Aeroscan
    assert entities["NK-aU5ybkbRFJucf8YMwsJvDw"].schema.name == "Person"  # ZAKHAROV


def test_references_are_rewritten(parsed):
    ctx, entities = parsed
    ids = {e.id for e in entities.values()}
    sanctions = [e for e in entities.values() if e.schema.name == "Sanction"]
    assert sanctions
    for sanction in sanctions:
        assert sanction.get("entity")
        assert all(ref in ids for ref in sanction.get("entity"))
    ownership = next(e for e in entities.values() if e.schema.name == "Ownership")
    assert ownership.id == ctx.make_id(ownership.context["ref"])
    assert all(ref in ids for ref in ownership.get("owner") + ownership.get("asset"))


def _line(entity_id: str, schema: str, **props: list[str]) -> str:
    return json.dumps({"id": entity_id, "schema": schema, "properties": props})


def test_small_file_and_odd_lines(tmp_path: Path):
    lines = [
        _line("p1", "Person", name=["Jane Roe"], birthDate=["1970-01-01"]),
        "",
        _line("s1", "Sanction", entity=["p1"], program=["X"]),
        _line("w1", "NoSuchSchema", name=["?"]),
        json.dumps({"id": "a1", "schema": "Address", "target": True, "properties": {}}),
    ]
    (tmp_path / "x.ftm.json").write_text("\n".join(lines) + "\n")
    ctx, entities = _parse(tmp_path)
    assert [e.context["ref"] for e in entities] == ["p1", "s1", "a1"]
    assert entities[0].get("birthDate") == ["1970-01-01"]
    assert entities[1].get("entity") == [entities[0].id]
    assert entities[2].context["target"] is True  # flagged target, whatever its schema
    assert ctx.warnings["unknown schema"] == 1


def test_bad_json_names_line(tmp_path: Path):
    good = _line("p1", "Person", name=["Jane Roe"])
    (tmp_path / "entities.ftm.json").write_text(good + "\n" + good[:20] + "\n")
    with pytest.raises(ParseError, match=r"entities.ftm.json line 2: not JSON"):
        _parse(tmp_path)


def test_not_an_entity(tmp_path: Path):
    (tmp_path / "entities.ftm.json").write_text('{"hello": "world"}\n')
    with pytest.raises(ParseError, match=r"entities.ftm.json line 1: not a FollowTheMoney entity"):
        _parse(tmp_path)


def test_empty_file(tmp_path: Path):
    (tmp_path / "entities.ftm.json").write_text("\n\n")
    with pytest.raises(ParseError, match=r"entities.ftm.json line 1: empty file"):
        _parse(tmp_path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ParseError, match="entities.ftm.json: file missing"):
        _parse(tmp_path)
