"""The command line as a user meets it: real config files, a real Maildir,
exit codes, JSON on stdout, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from outbox.cli import main

from .contract.mailboxes import MaildirBox

DATA = Path(__file__).resolve().parent / "data" / "eml"


def write_config(tmp_path: Path, extra: str = "") -> Path:
    MaildirBox(tmp_path / "Mail")
    path = tmp_path / "outbox.yaml"
    path.write_text(
        "timezone: Europe/London\n"
        "me: {name: Ada Lovelace, addresses: [ada@example.com]}\n"
        f"state_dir: {tmp_path / 'state'}\n"
        "accounts:\n"
        "  - name: home\n"
        "    provider: maildir\n"
        f"    path: {tmp_path / 'Mail'}\n" + extra
    )
    return path


def deliver(tmp_path: Path, name: str) -> None:
    MaildirBox(tmp_path / "Mail").deliver((DATA / name).read_bytes())


def drafts(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "Mail" / "Drafts" / "cur").iterdir())


def outbox(*args: str) -> int:
    return main(list(args))


def test_run_once_ten_times_at_the_same_now_leaves_one_draft(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    deliver(tmp_path, "confirm_calendar.eml")
    for _ in range(10):
        assert outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00",
                      "run", "--once") == 0
    assert len(drafts(tmp_path)) == 1


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path)
    deliver(tmp_path, "confirm_calendar.eml")
    assert outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00",
                  "run", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would draft" in out and "thank_you" in out
    assert drafts(tmp_path) == []
    # The state was not touched either: a real run still sees a first sync.
    assert outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00",
                  "run", "--once") == 0
    assert "first sync" in capsys.readouterr().out
    assert len(drafts(tmp_path)) == 1


def test_status_json_is_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path)
    deliver(tmp_path, "confirm_calendar.eml")
    outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00", "run", "--once")
    capsys.readouterr()
    assert outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00",
                  "status", "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    [iv] = doc["interviews"]
    assert iv["company"] == "Acme"
    assert iv["start"] == "2026-03-10T14:00:00-04:00"  # in the interview's own zone
    assert iv["status"] == "done"
    ms = {m["name"]: m for m in iv["milestones"]}
    assert ms["thank_you"]["state"] == "drafted"
    assert ms["thank_you"]["draft_message_id"].startswith("<outbox.")
    assert ms["follow_up"]["state"] == "pending"
    assert ms["follow_up"]["due_at"].startswith("2026-03-17T19:00")


def test_pause_resume_close(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path)
    deliver(tmp_path, "confirm_calendar.eml")
    outbox("--config", str(cfg), "--now", "2026-03-09T09:00:00+00:00", "run", "--once")
    capsys.readouterr()
    outbox("--config", str(cfg), "status", "--json")
    iv_id = json.loads(capsys.readouterr().out)["interviews"][0]["id"]
    assert outbox("--config", str(cfg), "pause", iv_id[:6]) == 0
    outbox("--config", str(cfg), "--now", "2026-03-11T09:00:00+00:00", "run", "--once")
    assert drafts(tmp_path) == [], "a paused interview gets no drafts"
    assert outbox("--config", str(cfg), "resume", iv_id) == 0
    outbox("--config", str(cfg), "--now", "2026-03-11T10:00:00+00:00", "run", "--once")
    assert len(drafts(tmp_path)) == 1
    assert outbox("--config", str(cfg), "close", iv_id) == 0
    assert outbox("--config", str(cfg), "close", iv_id) == 1  # already closed: says so
    assert outbox("--config", str(cfg), "close", "zzzz") == 1


def test_config_errors_name_file_line_and_key(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path, "lookbak: 30d\n")
    assert outbox("--config", str(cfg), "run", "--once") == 2
    err = capsys.readouterr().err
    assert f"{cfg}:8: lookbak" in err and "lookback" in err
    assert "Traceback" not in err


def test_inline_password_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "outbox.yaml"
    cfg.write_text(
        "me: {name: Ada, addresses: [ada@example.com]}\n"
        "accounts:\n"
        "  - name: home\n"
        "    provider: imap\n"
        "    host: imap.example.com\n"
        "    username: ada\n"
        "    password: hunter2\n"
    )
    assert outbox("--config", str(cfg), "status") == 2
    err = capsys.readouterr().err
    assert f"{cfg}:7: accounts[0].password" in err
    assert "hunter2" not in err


def test_classify_json_one_object_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(DATA / n) for n in ("confirm_calendar.eml", "lookalike_newsletter.eml")]
    assert outbox("--config", "/nonexistent/none.yaml", "classify", "--json",
                  "--me", "ada@example.com", *files) == 2  # an explicit missing config
    capsys.readouterr()
    env_config = os.environ.pop("OUTBOX_CONFIG", None)
    try:
        assert outbox("classify", "--json", "--me", "ada@example.com", *files) == 0
    finally:
        if env_config is not None:
            os.environ["OUTBOX_CONFIG"] = env_config
    lines = capsys.readouterr().out.strip().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["kind"] == "confirmation"
    assert first["start"] == "2026-03-10T14:00:00-04:00"
    assert first["company"] == "Acme"
    assert first["interviewer_email"] == "alan@acme.com"
    assert second["kind"] == "none"
    assert set(first) == {"file", "kind", "start", "end", "tz", "company", "role",
                          "interviewer_name", "interviewer_email", "confidence", "reasons"}


def test_explain_lists_signals(capsys: pytest.CaptureFixture[str]) -> None:
    assert outbox("classify", str(DATA / "confirm_calendar.eml")) == 0
    capsys.readouterr()
    assert outbox("explain", str(DATA / "confirm_calendar.eml")) == 0
    out = capsys.readouterr().out
    assert "confirmation" in out and "signals:" in out and "+" in out


def test_no_traceback_without_debug(tmp_path: Path) -> None:
    cfg = tmp_path / "broken.yaml"
    cfg.write_text("me: [unclosed\n")
    proc = subprocess.run(
        [sys.executable, "-m", "outbox.cli", "--config", str(cfg), "status"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(cfg) in proc.stderr


def test_init_writes_a_config_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "outbox.yaml"
    assert outbox("init", str(path)) == 0
    assert (path.stat().st_mode & 0o777) == 0o600
    assert outbox("init", str(path)) == 2  # never overwrites


def test_resume_confirms_an_unsure_interview(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path, "confidence_threshold: 0.9\n")
    deliver(tmp_path, "confirm_plain.eml")  # confidence 0.85: below this threshold
    now = ("--now", "2026-03-13T09:00:00+00:00")
    outbox("--config", str(cfg), *now, "run", "--once")
    capsys.readouterr()
    outbox("--config", str(cfg), *now, "status", "--json")
    doc = json.loads(capsys.readouterr().out)
    assert doc["interviews"] == [] and doc["unsure"][0]["company"] == "Initech"
    assert drafts(tmp_path) == []
    assert outbox("--config", str(cfg), "resume", doc["unsure"][0]["id"]) == 0
    outbox("--config", str(cfg), *now, "run", "--once")
    assert len(drafts(tmp_path)) == 1
