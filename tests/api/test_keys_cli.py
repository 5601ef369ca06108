"""`embargo keys create|list|revoke` and `embargo serve --help` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from embargo.api.keys import KeyStore
from embargo.cli import app

runner = CliRunner()


def test_create_list_revoke(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_HOME", str(tmp_path))
    created = runner.invoke(app, ["keys", "create", "erp system", "--rate", "5"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("emb_") and len(secret) > 40
    store = KeyStore(tmp_path / "api_keys.json")
    key = store.lookup(secret)
    assert key is not None and key.name == "erp system" and key.rate == 5
    assert secret not in (tmp_path / "api_keys.json").read_text()

    listed = runner.invoke(app, ["keys", "list", "--json"])
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == [key.id] and rows[0]["active"] is True
    assert "sha256" not in rows[0]

    revoked = runner.invoke(app, ["keys", "revoke", key.id])
    assert revoked.exit_code == 0 and key.id in revoked.stdout
    assert store.lookup(secret) is None
    assert json.loads(runner.invoke(app, ["keys", "list", "--json"]).stdout)[0]["active"] is False


def test_revoke_unknown_id_fails_clearly(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_HOME", str(tmp_path))
    runner.invoke(app, ["keys", "create", "one"])
    result = runner.invoke(app, ["keys", "revoke", "nope"])
    assert result.exit_code == 2
    assert "no API key with id 'nope'" in result.output


def test_keys_file_override(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EMBARGO_API_KEYS_FILE", str(tmp_path / "elsewhere.json"))
    assert runner.invoke(app, ["keys", "create", "x"]).exit_code == 0
    assert (tmp_path / "elsewhere.json").exists()
    assert not (tmp_path / "home" / "api_keys.json").exists()


def test_serve_is_registered() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--no-auth"):
        assert option in result.output
