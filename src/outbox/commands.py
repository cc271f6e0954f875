"""What each CLI command does; printing lives here and in cli.py only."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from email.utils import getaddresses
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.console import Console
from rich.table import Table

from outbox import config as config_mod
from outbox import detect, mime, plan
from outbox.clock import Clock
from outbox.daemon import serve, single_instance
from outbox.engine import CycleReport, Engine, default_factory, dry_run_factory
from outbox.model import (
    Detection,
    Folder,
    Interview,
    InterviewStatus,
    Milestone,
    MilestoneState,
)
from outbox.provider import OutboxError, load
from outbox.settings import Config
from outbox.store import Store


def _zone(name: str | None, fallback: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else fallback
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def _iso(at: datetime | None, zone: ZoneInfo) -> str | None:
    return at.astimezone(zone).isoformat() if at else None


def shown_status(iv: Interview, now: datetime) -> InterviewStatus:
    if iv.status is InterviewStatus.SCHEDULED and now >= iv.end:
        return InterviewStatus.DONE
    return iv.status


# -- run ---------------------------------------------------------------------------


def print_report(report: CycleReport, out: Console, *, dry_run: bool = False) -> None:
    verb = "would draft" if dry_run else "drafted"
    head = f"[bold]{report.account}[/bold]: {report.new} new message(s)"
    if report.first_sync:
        head += " (first sync)"
    out.print(head)
    for event in report.events:
        out.print(f"  • {event.what}", markup=False)
    for d in report.drafts:
        if d.what == "drafted":
            where = f" → {d.ref.folder.value} ({d.ref.ref})" if d.ref and not dry_run else ""
            out.print(f"  ✉ {d.milestone} to {d.recipient}: {verb}{where}", markup=False)
        else:
            out.print(f"  ✉ {d.milestone} to {d.recipient}: {d.what}", markup=False)
        for problem in d.problems:
            out.print(f"      check: {problem}", markup=False)


def run(cfg: Config, clock: Clock, out: Console, *, once: bool, dry_run: bool,
        only: list[str] | None) -> int:
    accounts = [a.name for a in cfg.accounts if not only or a.name in only]
    unknown = set(only or ()) - {a.name for a in cfg.accounts}
    if unknown:
        raise OutboxError(f"no account named {', '.join(sorted(unknown))} in the config")
    from outbox.compose import check_templates

    check_templates(cfg)
    state_dir = config_mod.state_dir(cfg)
    with single_instance(state_dir):
        store = Store.open(state_dir)
        try:
            if dry_run:
                store = Store.in_memory_copy(store)
            factory = dry_run_factory(default_factory) if dry_run else default_factory
            engine = Engine(cfg, store, clock, factory)

            def show(report: CycleReport) -> None:
                print_report(report, out, dry_run=dry_run)

            if once or dry_run:
                from outbox.daemon import Backoff, run_cycle

                return 0 if run_cycle(engine, accounts, Backoff(), show) else 1
            out.print(f"outbox {len(accounts)} account(s), a cycle every "
                      f"{int(cfg.poll_interval.total_seconds())}s; Ctrl-C to stop")
            serve(engine, accounts, cfg.poll_interval.total_seconds(), show)
            return 0
        finally:
            store.close()


# -- auth --------------------------------------------------------------------------


def auth(cfg: Config, out: Console, name: str, *, open_browser: bool, port: int) -> int:
    """Authorize outbox for one account (the providers that need it: Gmail's OAuth)."""
    try:
        account = cfg.account(name)
    except KeyError:
        known = ", ".join(a.name for a in cfg.accounts)
        raise OutboxError(f"no account named {name!r} in the config",
                          hint=f"the accounts are: {known}") from None
    authorize = getattr(load(account.provider), "authorize", None)
    if authorize is None:
        raise OutboxError(
            f"account {name!r} ({account.provider}) needs no `outbox auth`",
            hint="its password comes from password_command, password_env or "
            "password: {keyring: SERVICE} in the config",
        )

    def say(url: str) -> None:
        back = parse_qs(urlsplit(url).query).get("redirect_uri", ["http://localhost/"])[0]
        out.print("Open this URL in a browser and allow access:")
        out.print(url, markup=False)
        out.print(f"Waiting for the browser to come back to {back} (Ctrl-C to give up). "
                  "From another machine, forward that port first "
                  "(ssh -L PORT:localhost:PORT).", markup=False)

    line = authorize(account, state_dir=config_mod.state_dir(cfg), say=say,
                     open_browser=open_browser, port=port)
    out.print(f"Authorized account {name}: {line}", markup=False)
    return 0


# -- status ------------------------------------------------------------------------


def _milestone_json(m: Milestone, cfg: Config) -> dict[str, Any]:
    zone = cfg.zone
    # When the draft will really appear: working hours can delay a due time.
    draft_at = (
        plan.ready_at(m.due_at, m.deadline_at, cfg.working_hours, zone)
        if m.state is MilestoneState.PENDING and m.due_at else None
    )
    return {
        "name": m.name, "recipient": m.recipient, "due_at": _iso(m.due_at, zone),
        "deadline_at": _iso(m.deadline_at, zone), "draft_at": _iso(draft_at, zone),
        "state": m.state.value,
        "draft_message_id": m.message_id if m.draft_ref else None, "note": m.note,
    }


def interview_json(iv: Interview, milestones: list[Milestone], cfg: Config,
                   now: datetime) -> dict[str, Any]:
    zone = _zone(iv.tz, cfg.zone)
    return {
        "id": iv.id, "account": iv.account, "company": iv.company, "role": iv.role,
        "start": _iso(iv.start, zone), "end": _iso(iv.end, zone), "tz": iv.tz,
        "status": shown_status(iv, now).value, "confidence": round(iv.confidence, 2),
        "subject": iv.subject,
        "contacts": [{"name": c.name, "email": c.email} for c in iv.contacts],
        "milestones": [_milestone_json(m, cfg) for m in milestones],
    }


def status(cfg: Config, clock: Clock, out: Console, *, as_json: bool) -> int:
    store = Store.open(config_mod.state_dir(cfg))
    try:
        now = clock.now()
        rows = [interview_json(iv, store.milestones(iv.id), cfg, now)
                for iv in store.interviews()]
    finally:
        store.close()
    confirmed = [r for r in rows if r["status"] != InterviewStatus.UNSURE.value]
    unsure = [r for r in rows if r["status"] == InterviewStatus.UNSURE.value]
    if as_json:
        print(json.dumps({"interviews": confirmed, "unsure": unsure}, indent=2))
        return 0
    if not rows:
        out.print("No interviews tracked yet. Run [bold]outbox run --once[/bold] to look.")
        return 0
    table = Table(title=f"Interviews (times in {cfg.timezone})", show_lines=True)
    for col in ("id", "company / role", "start", "status", "milestones"):
        table.add_column(col)
    for r in confirmed + unsure:
        ms = "\n".join(
            f"{m['name']}: {m['state']}"
            + (f" → {datetime.fromisoformat(m['draft_at']):%a %d %b %H:%M}"
               if m["draft_at"] else "")
            for m in r["milestones"]
        ) or "—"
        who = " / ".join(x for x in (r["company"], r["role"]) if x) or "?"
        start = datetime.fromisoformat(r["start"]).astimezone(cfg.zone)
        table.add_row(r["id"], who, f"{start:%a %d %b %H:%M}", r["status"], ms)
    out.print(table)
    if unsure:
        out.print("Unsure interviews get no drafts: [bold]outbox resume ID[/bold] confirms one, "
                  "[bold]outbox close ID[/bold] dismisses it.")
    return 0


# -- close / pause / resume -------------------------------------------------------------

_TRANSITIONS = {
    "close": ({*InterviewStatus} - {InterviewStatus.CLOSED}, InterviewStatus.CLOSED),
    "pause": ({InterviewStatus.SCHEDULED, InterviewStatus.UNSURE}, InterviewStatus.PAUSED),
    "resume": ({InterviewStatus.PAUSED, InterviewStatus.UNSURE}, InterviewStatus.SCHEDULED),
}


def control(cfg: Config, clock: Clock, out: Console, command: str, ident: str) -> int:
    store = Store.open(config_mod.state_dir(cfg))
    try:
        matches = store.find_interviews(ident)
        if not matches:
            raise OutboxError(f"no interview with id {ident!r}", hint="see `outbox status`")
        if len(matches) > 1:
            raise OutboxError(f"{ident!r} matches {len(matches)} interviews",
                              hint="give more of the id")
        iv = matches[0]
        allowed, target = _TRANSITIONS[command]
        if iv.status not in allowed:
            raise OutboxError(f"interview {iv.id} is {iv.status.value}; cannot {command} it")
        with store.transaction():
            iv.status, iv.status_changed_at = target, clock.now()
            store.save_interview(iv)
    finally:
        store.close()
    out.print(f"{iv.id} ({iv.company or '?'}): now {target.value}")
    return 0


# -- classify / explain -------------------------------------------------------------------


def _detection_json(path: str, det: Detection) -> dict[str, Any]:
    person = det.interviewer
    return {
        "file": path, "kind": det.kind.value,
        "start": det.start.isoformat() if det.start else None,
        "end": det.end.isoformat() if det.end else None,
        "tz": det.tz, "company": det.company, "role": det.role,
        "interviewer_name": (person.name or None) if person else None,
        "interviewer_email": person.email if person else None,
        "confidence": round(det.confidence, 3),
        "reasons": [f"{r.signal} ({r.weight:+.2f}){': ' + r.detail if r.detail else ''}"
                    for r in det.reasons],
    }


def classify(args: argparse.Namespace, out: Console, cfg: Config | None) -> int:
    status = 0
    for path in args.files:
        try:
            received = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            data = path.read_bytes()
            msg = mime.parse_message(data, ref=str(path), folder=Folder.INBOX,
                                     received=received)
        except (OSError, mime.MalformedMessage) as exc:
            out.print(f"{path}: cannot read: {exc}", markup=False, style="red")
            status = 1
            continue
        if cfg is not None:
            me = cfg.my_addresses
        elif args.me:
            me = frozenset(a.lower() for a in args.me)
        else:  # no config and no --me: the message's recipient is me
            me = frozenset(a.email for a in (*msg.to, *msg.cc))
            raw = mime.parse_bytes(data)
            me |= {a.lower() for _, a in getaddresses(raw.get_all("Delivered-To") or []) if a}
        ctx = detect.DetectContext(
            my_addresses=me,
            default_duration=cfg.default_duration if cfg else config_mod.DEFAULT_DURATION,
            default_tz=cfg.zone if cfg else ZoneInfo(config_mod.local_zone_name()),
        )
        det = detect.classify(msg, ctx)
        if args.command == "classify" and args.json:
            print(json.dumps(_detection_json(str(path), det)))
        elif args.command == "classify":
            when = det.start.isoformat() if det.start else "-"
            out.print(f"{path}: {det.kind.value} {det.confidence:.2f} {when} "
                      f"{det.company or ''}", markup=False)
        else:
            _explain(out, str(path), det)
    return status


def _explain(out: Console, path: str, det: Detection) -> None:
    out.print(f"[bold]{path}[/bold]: {det.kind.value} (confidence {det.confidence:.2f})")
    info = _detection_json(path, det)
    for key in ("start", "end", "tz", "company", "role", "interviewer_name",
                "interviewer_email"):
        if info[key]:
            out.print(f"  {key}: {info[key]}", markup=False)
    if det.contacts:
        out.print("  write to: " + ", ".join(c.email for c in det.contacts), markup=False)
    out.print("  signals:")
    for r in det.reasons:
        out.print(f"    {r.weight:+.2f}  {r.signal}" + (f" — {r.detail}" if r.detail else ""),
                  markup=False)
