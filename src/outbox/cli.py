"""The command line. Thin: parse, call, print. The only module that prints.

Every error a user can cause becomes one clear line (and a hint) with a
non-zero exit; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from outbox import __version__
from outbox import config as config_mod
from outbox.clock import Clock, FixedClock, SystemClock
from outbox.provider import ConfigError, OutboxError

log = logging.getLogger("outbox")

EXIT_CONFIG = 2
EXIT_ERROR = 1
EXIT_INTERNAL = 70


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="outbox",
        description="Finds your confirmed interviews and puts follow-up drafts in your Drafts.",
    )
    p.add_argument("--version", action="version", version=f"outbox {__version__}")
    p.add_argument("--config", type=Path, help="config file (default: $OUTBOX_CONFIG or the "
                   "platform config dir)")
    p.add_argument("--now", help="act as if it were this instant (ISO 8601), for simulations")
    p.add_argument("--debug", action="store_true", help="verbose logs and tracebacks")
    p.add_argument("-v", "--verbose", action="store_true", help="more logs on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("init", help="write a commented config file to edit")
    s.add_argument("path", nargs="?", type=Path)

    s = sub.add_parser("run", help="run the daemon (foreground)")
    s.add_argument("--once", action="store_true", help="one cycle for every account, then exit")
    s.add_argument("--dry-run", action="store_true",
                   help="show what a cycle would draft or remove; write nothing")
    s.add_argument("--account", action="append", help="only this account (repeatable)")

    s = sub.add_parser("auth", help="authorize outbox for a Gmail account (OAuth, in a browser)")
    s.add_argument("account", help="the account's name in the config")
    s.add_argument("--no-browser", action="store_true",
                   help="only print the URL to open (e.g. over SSH); do not start a browser")
    s.add_argument("--port", type=int, default=0, metavar="N",
                   help="loopback port for Google's redirect (default: any free one; "
                   "fix it to forward it over SSH: ssh -L N:localhost:N)")

    s = sub.add_parser("status", help="every tracked interview and its milestones")
    s.add_argument("--json", action="store_true", help="one JSON document on stdout")

    for name, text in (
        ("close", "stop following up on an interview"),
        ("pause", "hold an interview's follow-ups until resumed"),
        ("resume", "resume a paused interview, or confirm an unsure one"),
    ):
        s = sub.add_parser(name, help=text)
        s.add_argument("interview", help="interview id (a unique prefix will do)")

    for name, text in (
        ("classify", "detect interviews in .eml files"),
        ("explain", "why a message was (not) taken for an interview"),
    ):
        s = sub.add_parser(name, help=text)
        s.add_argument("files", nargs="+", type=Path, metavar="FILE.eml")
        s.add_argument("--me", action="append", metavar="ADDR", help="my address (repeatable)")
        if name == "classify":
            s.add_argument("--json", action="store_true", help="one JSON object per line")

    s = sub.add_parser("demo", help="run the real pipeline on a sample Maildir over two weeks")
    s.add_argument("--dir", type=Path, help="where to create the sample Maildir (kept)")
    return p


def _setup_logging(args: argparse.Namespace) -> None:
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _clock(args: argparse.Namespace, zone: ZoneInfo | None) -> Clock:
    if not args.now:
        return SystemClock()
    try:
        at = datetime.fromisoformat(args.now)
    except ValueError:
        raise ConfigError(
            f"--now: {args.now!r} is not an ISO 8601 time", hint="e.g. 2026-03-10T16:00:00+00:00"
        ) from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=zone or ZoneInfo("UTC"))
    return FixedClock(at)


def _config_path(args: argparse.Namespace) -> Path:
    return args.config or config_mod.default_path()


def _dispatch(args: argparse.Namespace, out: Console) -> int:
    from outbox import commands

    if args.command == "init":
        path = args.path or _config_path(args)
        config_mod.write_example(path)
        out.print(f"Wrote {path}. Edit it (your name, addresses and account), then run "
                  f"[bold]outbox --config {path} run --once[/bold].")
        return 0
    if args.command in ("classify", "explain"):
        return commands.classify(args, out, _optional_config(args))
    if args.command == "demo":
        from outbox.demo import run_demo

        return run_demo(out, args.dir)
    cfg = config_mod.load(_config_path(args))
    clock = _clock(args, cfg.zone)
    if args.command == "run":
        return commands.run(cfg, clock, out, once=args.once, dry_run=args.dry_run,
                            only=args.account)
    if args.command == "status":
        return commands.status(cfg, clock, out, as_json=args.json)
    if args.command == "auth":
        return commands.auth(cfg, out, args.account, open_browser=not args.no_browser,
                             port=args.port)
    return commands.control(cfg, clock, out, args.command, args.interview)


def _optional_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The config when one is found; classify and explain also work without."""
    path = _config_path(args)
    if args.config is None and not path.exists():
        return None
    return config_mod.load(path)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return _dispatch(args, out)
    except ConfigError as exc:
        err.print(f"outbox: {exc}", markup=False)
        if exc.hint:
            err.print(f"  hint: {exc.hint}", markup=False)
        return EXIT_CONFIG
    except OutboxError as exc:
        err.print(f"outbox: {exc}", markup=False)
        if exc.hint:
            err.print(f"  hint: {exc.hint}", markup=False)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        err.print(f"outbox: internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print("  hint: run again with --debug for details, and please report it",
                  markup=False)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
