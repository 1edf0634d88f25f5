"""``gridapp sync export|import|status`` run as a script would, and the passphrase kept for the UI."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import backends
import pytest
import test_sync_offices as support
from cli_helpers import Completed
from cli_helpers import gridapp as run_cli
from test_sync_offices import PASS, Offices

from gridapp.dto import SYSTEM
from gridapp.errors import RuleViolation
from gridapp.workspace import Workspace

fast_kdf, offices = support.fast_kdf, support.offices  # the shared fixtures


def gridapp(ws: Workspace, *args: str) -> Completed:
    return run_cli("--db", backends.db_arg(ws), "sync", *args)


def test_export_preview_import_and_status_as_json(offices: Offices, tmp_path: Path) -> None:
    o = offices
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    o.v1.places.create(SYSTEM, o.grid11, name="村卫生室")
    out = gridapp(o.v1, "export", "-o", str(o.usb), "--to", o.town.office.id, "--passphrase-file",
                  str(secret), "--json")
    assert out.returncode == 0, out.stderr
    path = json.loads(out.stdout)["path"]
    assert Path(path).name.startswith("幸福村村民委员会-") and path.endswith(".gridsync")

    preview = gridapp(o.town, "import", path, "--passphrase-file", str(secret), "--preview", "--json")
    counts = json.loads(preview.stdout)
    assert (counts["preview"], counts["totals"]["new"]) == (True, 1)
    assert o.town.query.stats()["places"] == 0  # a preview writes nothing

    done = json.loads(gridapp(o.town, "import", path, "--passphrase-file", str(secret), "--json").stdout)
    assert {t["table"]: t["new"] for t in done["tables"]} == {"places": 1}
    assert o.town.query.stats()["places"] == 1
    again = gridapp(o.town, "import", path, "--passphrase-file", str(secret), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["already_imported"] is True

    status = json.loads(gridapp(o.town, "status", "--json").stdout)
    [peer] = [p for p in status["peers"] if p["name"] == "幸福村村民委员会"]
    assert peer["last_received_seq"] >= 1 and status["open_conflicts"] == 0


def test_a_refusal_is_a_chinese_message_and_exit_code_2(offices: Offices, tmp_path: Path) -> None:
    path = offices.v1.sync.export_package(SYSTEM, offices.usb, None, None, PASS).path
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("另一个口令00000", encoding="utf-8")
    out = gridapp(offices.town, "import", str(path), "--passphrase-file", str(wrong))
    assert out.returncode == 2
    assert "同步口令不正确" in out.stderr


def test_the_passphrase_is_kept_encrypted_and_never_travels(offices: Offices, tmp_path: Path) -> None:
    key_file = tmp_path / "config" / "sync.key"
    store = offices.v1.sync.passphrase(key_file)
    assert not store.is_set()
    with pytest.raises(RuleViolation, match="至少"):
        store.set(SYSTEM, "短")
    store.set(SYSTEM, PASS)
    assert store.load() == PASS
    assert store.verify(PASS) and not store.verify("别的口令12345678")
    assert offices.v1.sync.status().passphrase_set
    package = offices.v1.sync.export_package(SYSTEM, offices.usb, None, None, store.load()).path
    secret = PASS.encode("utf-8")
    assert PASS not in repr(support.snapshot(offices.v1))
    assert secret not in package.read_bytes()
    key_file.unlink()  # another PC, or the key lost: the stored passphrase cannot be opened, only verified
    with pytest.raises(RuleViolation, match="重新输入"):
        store.load()
    assert store.verify(PASS)


def test_a_passphrase_typed_with_spaces_in_the_gui_opens_packages_in_the_cli_and_back(offices: Offices,
                                                                                     tmp_path: Path) -> None:
    o = offices
    store = o.v1.sync.passphrase(tmp_path / "config" / "sync.key")
    store.set(SYSTEM, f"  {PASS} ")  # as typed in the dialog
    assert store.verify(PASS) and store.verify(f"{PASS}\n")
    from_gui = o.v1.sync.export_package(SYSTEM, o.usb, None, None, store.load()).path
    secret = tmp_path / "pass.txt"
    secret.write_text(f"{unicodedata.normalize('NFD', PASS)} \r\n", encoding="utf-8")  # as an editor saves it
    done = json.loads(gridapp(o.town, "import", str(from_gui), "--passphrase-file", str(secret),
                              "--json").stdout)
    assert done["package"]["office_name"] == "幸福村村民委员会" and done["totals"]["unchanged"] > 0
    out = json.loads(gridapp(o.town, "export", "-o", str(o.usb), "--full", "--passphrase-file", str(secret),
                             "--json").stdout)
    summary = o.v1.sync.apply(SYSTEM, o.v1.sync.read_package(Path(out["path"]), store.load()))
    assert summary.package.office_name == "清河镇人民政府"
