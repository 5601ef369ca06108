"""``embargo shipment FILE``: exit codes 0 clear / 1 review or block / 2 error, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"


@pytest.fixture()
def run(dataset_home: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["shipment", *args], env={"EMBARGO_HOME": str(dataset_home)})

    return invoke


@pytest.mark.slow
def test_blocked_shipment_json(run) -> None:
    result = run(str(EXAMPLES / "alabuga_microcontrollers.json"), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "EX-1001" and data["decision"] == "block"
    assert {"rule", "text", "source"} <= set(data["reasons"][0])
    assert [p["role"] for p in data["parties"]] == [
        "seller",
        "buyer",
        "consignee",
        "freight_forwarder",
    ]
    assert all("hits" in p and "name" in p for p in data["parties"])


@pytest.mark.slow
def test_clear_shipment_exits_0(run) -> None:
    result = run(str(EXAMPLES / "hospital_berlin.json"))
    assert result.exit_code == 0, result.output
    assert "CLEAR" in result.stdout


@pytest.mark.slow
def test_csv_batch_gives_a_list(run) -> None:
    result = run(str(EXAMPLES / "batch.csv"), "--json")
    assert result.exit_code == 1
    assert [(r["id"], r["decision"]) for r in json.loads(result.stdout)] == [
        ("B-1", "block"),
        ("B-2", "clear"),
        ("B-3", "review"),
    ]


def test_bad_input_exits_2_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"id": "X", "goods": [{"hs_code": "12AB"}]}')
    result = CliRunner().invoke(app, ["shipment", str(path), "--no-parties"])
    assert result.exit_code == 2
    assert "goods[0].hs_code" in result.stderr


def test_missing_dataset_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["shipment", str(EXAMPLES / "hospital_berlin.json")],
        env={"EMBARGO_HOME": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert "--no-parties" in result.stderr


def test_no_parties_mode_still_judges_route(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["shipment", str(EXAMPLES / "alabuga_microcontrollers.json"), "--no-parties", "--json"],
        env={"EMBARGO_HOME": str(tmp_path)},
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["decision"] == "block"
    assert "party.not_screened" in {r["rule"] for r in data["reasons"]}


def test_the_cli_loads_shipment_screening_only_for_the_shipment_command() -> None:
    """Its goods, places and rules tables cost every other command 0.17 s of start-up."""
    import subprocess
    import sys

    code = (
        "import sys, embargo.cli, embargo.shipment; "
        "print('embargo.shipment.decision' in sys.modules, "
        "embargo.shipment.screen_shipment.__module__)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "embargo.shipment.decision"]
