"""``outbox demo``: the real pipeline on a sample Maildir over a simulated fortnight.

Everything is real except the clock: a Maildir on disk, the Maildir provider,
detection, the SQLite state, the planner and the drafts. The simulated user
sends one draft from their mail client along the way.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console

from outbox.clock import FixedClock
from outbox.commands import interview_json, print_report
from outbox.demo_mail import LONDON, deliveries
from outbox.engine import Engine
from outbox.settings import Config
from outbox.store import Store

START = datetime(2026, 3, 2, 7, 0, tzinfo=LONDON)
END = datetime(2026, 3, 17, 12, 0, tzinfo=LONDON)
STEP = timedelta(hours=1)
# The simulated user sends the Initech thank-you from their mail client then.
USER_SENDS_AT = datetime(2026, 3, 3, 9, 30, tzinfo=LONDON)


def _maildir(root: Path) -> None:
    for folder in ("INBOX", "Sent", "Drafts", "Trash"):
        for sub in ("cur", "new", "tmp"):
            (root / folder / sub).mkdir(parents=True, exist_ok=True, mode=0o700)


def _deliver(root: Path, folder: str, data: bytes, n: int) -> None:
    name = f"{int(START.timestamp())}.demo{n}.outbox-demo"
    tmp = root / folder / "tmp" / name
    tmp.write_bytes(data)
    os.replace(tmp, root / folder / "new" / name)


def _user_sends(root: Path, key_part: str) -> bool:
    """What a mail client does on Send: the draft leaves Drafts, a copy lands in Sent."""
    for path in (root / "Drafts" / "cur").iterdir():
        if key_part in path.read_text(errors="replace"):
            os.replace(path, root / "Sent" / "cur" / path.name.replace(",DS", ",S"))
            return True
    return False


def _config(root: Path) -> Config:
    return Config.model_validate({
        "timezone": "Europe/London",
        "me": {"name": "Ada Lovelace", "addresses": ["ada@example.com"]},
        "state_dir": str(root / ".outbox-state"),
        "accounts": [{"name": "demo", "provider": "maildir", "path": str(root / "Mail")}],
        "lookback": "30d",
    })


def run_demo(out: Console, where: Path | None) -> int:
    root = where or Path(tempfile.mkdtemp(prefix="outbox-demo-"))
    root.mkdir(parents=True, exist_ok=True)
    mail = root / "Mail"
    _maildir(mail)
    cfg = _config(root)
    clock = FixedClock(START)
    store = Store.open(Path(str(cfg.state_dir)))
    engine = Engine(cfg, store, clock)
    pending = deliveries()
    out.print(f"[bold]outbox demo[/bold]: a sample Maildir at {mail}, "
              f"simulated from {START:%a %d %b %H:%M} to {END:%a %d %b %H:%M} (Europe/London)\n")
    user_sent = False
    n = 0
    while clock.now() <= END:
        now = clock.now()
        arrived = [d for d in pending if d.at <= now]
        for d in arrived:
            n += 1
            _deliver(mail, d.folder, d.message.as_bytes(), n)
            pending.remove(d)
        if not user_sent and now >= USER_SENDS_AT:
            user_sent = _user_sends(mail, "initech")
            if user_sent:
                out.print(f"[dim]{now:%a %d %b %H:%M}[/dim]  (you send the Initech thank-you "
                          "from your mail client)")
        report = engine.cycle("demo")
        if arrived or report.events or report.drafts:
            out.print(f"[dim]{now:%a %d %b %H:%M}[/dim]")
            for d in arrived:
                out.print(f"  ← arrives: {d.message['Subject']}  [dim]({d.label})[/dim]")
            for msg, det in report.detections:
                out.print(f"  seen: {msg.subject!r} → {det.kind.value} "
                          f"(confidence {det.confidence:.2f})", markup=False)
            if report.events or report.drafts:
                print_report(report, out)
        clock.advance(STEP)
    out.print("\n[bold]Where things stand[/bold]")
    for iv in store.interviews():
        row = interview_json(iv, store.milestones(iv.id), cfg, clock.now())
        out.print(f"  {row['company']} ({row['role']}), {row['start']}: {row['status']}")
        for m in row["milestones"]:
            out.print(f"     {m['name']}: {m['state']} {m['note']}", markup=False)
    store.close()
    out.print(f"\nDrafts are in {mail / 'Drafts'}; open them with: "
              f"[bold]mutt -f {mail / 'Drafts'}[/bold]")
    out.print(f"Sent: {mail / 'Sent'}    Trash: {mail / 'Trash'}")
    return 0
