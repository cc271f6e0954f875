"""config.load and friends: real files in tmp_path, exact `file:line: key: message` errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import time, timedelta
from pathlib import Path

import platformdirs
import pytest

from outbox import config
from outbox.config import load
from outbox.fields import format_duration, parse_duration
from outbox.provider import ConfigError
from outbox.settings import DEFAULT_MILESTONES, Config, local_zone_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "config" / "outbox.example.yaml"
SHIPPED_EXAMPLE = ROOT / "src" / "outbox" / "example.yaml"
SCHEMA = ROOT / "config" / "outbox.schema.json"

ME = """\
me:
  name: Ada
  addresses: [ada@example.com]
"""
ACCOUNT = """\
accounts:
  - name: work
    provider: imap
    host: imap.example.com
    username: ada
    password_env: ADA_PW
"""
MINIMAL = ME + ACCOUNT  # 9 lines


def write(tmp_path: Path, text: str, name: str = "outbox.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load(path)
    return str(info.value).splitlines()


# ---------------------------------------------------------------- valid configs


def test_absent_keys_take_their_defaults(tmp_path: Path) -> None:
    cfg = load(write(tmp_path, MINIMAL))
    assert cfg.timezone == local_zone_name()
    assert cfg.me.name == "Ada" and cfg.my_addresses == {"ada@example.com"}
    assert cfg.state_dir is None and cfg.templates_dir is None
    assert cfg.lookback == timedelta(days=60)
    assert cfg.default_duration == timedelta(hours=1)
    assert cfg.poll_interval == timedelta(minutes=5)
    assert cfg.max_drafts_per_cycle == 10
    assert cfg.confidence_threshold == 0.6
    assert cfg.milestones == list(DEFAULT_MILESTONES)
    assert cfg.working_hours.days == ["mon", "tue", "wed", "thu", "fri"]
    assert (cfg.working_hours.start, cfg.working_hours.end) == (time(8, 0), time(19, 0))
    account = cfg.account("work")
    assert account.security == "tls" and account.effective_port == 993
    assert account.timeout == timedelta(seconds=30)


def test_values_are_read_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + textwrap.dedent("""\
        timezone: America/New_York
        lookback: 1w
        default_duration: 45m
        poll_interval: 90s
        confidence_threshold: 0.8
        working_hours:
          days: [mon, wed]
          start: 9:30
          end: 17:00
        milestones:
          - name: thank_you
            delay: 1h
            deadline: 1d12h
          - name: nudge
            after: interview_start
            delay: 3d
            enabled: false
        """))
    cfg = load(path)
    assert cfg.zone.key == "America/New_York"
    assert cfg.lookback == timedelta(weeks=1)
    assert cfg.poll_interval == timedelta(seconds=90)
    # YAML 1.1 would read 17:00 as the base-60 number 1020; we read a clock time.
    assert (cfg.working_hours.start, cfg.working_hours.end) == (time(9, 30), time(17, 0))
    assert [m.name for m in cfg.milestones] == ["thank_you", "nudge"]
    assert cfg.milestones[0].deadline == timedelta(days=1, hours=12)
    assert cfg.milestones[1].after == "interview_start" and not cfg.milestones[1].enabled


def test_plain_is_allowed_on_loopback(tmp_path: Path) -> None:
    for host in ("127.0.0.1", "localhost", "::1"):
        text = MINIMAL.replace("imap.example.com", f'"{host}"') + "    security: plain\n"
        account = load(write(tmp_path, text)).account("work")
        assert account.security == "plain" and account.effective_port == 143


def test_maildir_account_and_merge_keys(tmp_path: Path) -> None:
    path = write(tmp_path, ME + textwrap.dedent("""\
        accounts:
          - &base
            name: a
            provider: imap
            host: imap.example.com
            username: ada
            password_env: ADA_PW
          - <<: *base
            name: b
          - name: local
            provider: maildir
            path: /srv/mail
        """))
    cfg = load(path)
    assert [a.name for a in cfg.accounts] == ["a", "b", "local"]
    assert cfg.account("b").host == "imap.example.com"
    assert cfg.account("local").path == Path("/srv/mail")


# ---------------------------------------------------------------- paths


def test_relative_paths_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    path = write(folder, ME + textwrap.dedent("""\
        accounts:
          - name: local
            provider: maildir
            path: Mail
          - name: work
            provider: imap
            host: imap.example.com
            username: ada
            password_env: ADA_PW
            ca_file: certs/ca.pem
        state_dir: ../state
        templates_dir: tpl
        milestones:
          - name: thank_you
            delay: 2h
            template: tpl/thanks.txt.j2
        """))
    cfg = load(path)
    assert cfg.account("local").path == folder / "Mail"
    assert cfg.account("work").ca_file == folder / "certs/ca.pem"
    assert cfg.state_dir == folder / "../state"
    assert cfg.templates_dir == folder / "tpl"
    assert cfg.milestones[0].template == folder / "tpl/thanks.txt.j2"


def test_relative_config_path_still_gives_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, MINIMAL + "state_dir: state\n")
    monkeypatch.chdir(tmp_path)
    cfg = load(Path("outbox.yaml"))
    assert cfg.state_dir == tmp_path / "state"


def test_tilde_is_expanded_and_absolute_paths_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    cfg = load(write(tmp_path, MINIMAL + "state_dir: ~/st\ntemplates_dir: /opt/tpl\n"))
    assert cfg.state_dir == tmp_path / "home" / "st"
    assert cfg.templates_dir == Path("/opt/tpl")


# ---------------------------------------------------------------- error shapes


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "lookbak: 30d\n")
    assert problems(path) == [
        f"{path}:10: lookbak: unknown key 'lookbak' (did you mean 'lookback'?)"
    ]


def test_unknown_nested_key_suggests_the_close_one(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("password_env", "pasword_env"))
    assert problems(path) == [
        f"{path}:9: accounts[0].pasword_env: unknown key 'pasword_env' "
        "(did you mean 'password_env'?)"
    ]


def test_unknown_key_without_a_close_one_lists_the_known(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "working_hours:\n  colour: red\n")
    assert problems(path) == [
        f"{path}:11: working_hours.colour: unknown key 'colour' (known keys: days, start, end)"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max_drafts_per_cycle: ten", "max_drafts_per_cycle: expected a whole number, not 'ten'"),
        ("max_drafts_per_cycle: 0", "max_drafts_per_cycle: must be at least 1, not 0"),
        ("confidence_threshold: high", "confidence_threshold: expected a number, not 'high'"),
        ("confidence_threshold: 1.5", "confidence_threshold: must be at most 1.0, not 1.5"),
        ("poll_interval: 2x",
         "poll_interval: '2x' is not a duration; write it like 30m, 2h, 7d or 1d12h"),
        ("lookback: 60", "lookback: 60 needs a unit: 60s, 60m, 60h or 60d"),
        ("lookback:", "lookback: expected a duration; write it like 30m, 2h, 7d or 1d12h"),
        ("poll_interval: 10s",
         "poll_interval: must be at least 30s (mail servers throttle faster polling)"),
        ("timezone: Europe/london",
         "timezone: 'Europe/london' is not an IANA time zone (did you mean 'Europe/London'?)"),
        ("templates_dir: [a, b]", "templates_dir: expected a path"),
    ],
)
def test_wrong_values_are_explained(tmp_path: Path, line: str, message: str) -> None:
    # Appended after MINIMAL, so the offending key is on line 10.
    path = write(tmp_path, MINIMAL + line + "\n")
    assert f"{path}:10: {message}" in problems(path)


def test_text_field_given_a_number_asks_for_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("username: ada", "username: 0123"))
    assert problems(path) == [f"{path}:8: accounts[0].username: expected text; put 83 in quotes"]


def test_mapping_given_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, ACCOUNT + "me: Ada\n")
    assert problems(path) == [
        f"{path}:7: me: expected a mapping (indented `key: value` lines), not 'Ada'"
    ]


def test_list_given_as_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, ME + "accounts:\n  work:\n    provider: imap\n")
    assert problems(path) == [f"{path}:4: accounts: expected a list (one `- item` per line)"]


def test_inline_password_is_refused_and_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("password_env: ADA_PW", "password: hunter2"))
    with pytest.raises(ConfigError) as info:
        load(path)
    assert str(info.value) == (
        f"{path}:9: accounts[0].password: an inline password is refused; use "
        "password_command, password_env or password: {keyring: SERVICE}"
    )
    assert "hunter2" not in str(info.value) and "hunter2" not in info.value.hint
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_numeric_inline_password_is_refused_too(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("password_env: ADA_PW", "password: 918273"))
    [line] = problems(path)
    assert "inline password is refused" in line and "918273" not in line


def test_keyring_reference_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("password_env: ADA_PW", "password: {keyring: mail}"))
    assert load(path).account("work").password.keyring == "mail"


def test_no_password_source_points_at_the_account(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("    password_env: ADA_PW\n", ""))
    assert problems(path) == [
        f"{path}:5: accounts[0]: no password source; give one of password_command, "
        "password_env or password: {keyring: SERVICE}"
    ]


def test_two_password_sources_point_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + '    password_command: "pass show mail"\n')
    assert problems(path) == [
        f"{path}:9: accounts[0].password_env: give only one of password, password_command, "
        "password_env (found password_command, password_env)"
    ]


def test_unbalanced_password_command_is_a_config_error(tmp_path: Path) -> None:
    text = MINIMAL.replace("password_env: ADA_PW", "password_command: pass show 'mail")
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:9: accounts[0].password_command: not a valid command line: No closing quotation"
    ]


def test_plain_on_a_remote_host_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "    security: plain\n")
    assert problems(path) == [
        f"{path}:10: accounts[0].security: plain (unencrypted) is refused for "
        "'imap.example.com'; use tls or starttls (plain is only allowed on localhost)"
    ]


def test_missing_keys_point_at_the_parent(tmp_path: Path) -> None:
    path = write(tmp_path, "# my config\n\n" + MINIMAL.replace("    host: imap.example.com\n", "")
                 .replace("  addresses: [ada@example.com]\n", ""))
    assert problems(path) == [
        f"{path}:3: me.addresses: required, but missing",
        f"{path}:6: accounts[0].host: required, but missing",
    ]


def test_missing_top_level_key_points_at_the_top_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "\n" + ME)
    assert problems(path) == [f"{path}:2: accounts: required, but missing"]


def test_missing_or_unknown_provider(tmp_path: Path) -> None:
    path = write(tmp_path, ME + "accounts:\n  - name: a\n  - name: b\n    provider: pop3\n")
    known = "one of: imap, maildir, gmail"
    assert problems(path) == [
        f"{path}:5: accounts[0].provider: required, but missing ({known})",
        f"{path}:7: accounts[1].provider: unknown provider 'pop3' ({known})",
    ]


def test_bad_list_item_and_bad_address(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("[ada@example.com]", "[ada@example.com, nope]")
                 + "working_hours:\n  days: [mon, funday]\n")
    assert problems(path) == [
        f"{path}:3: me.addresses[1]: 'nope' is not an e-mail address",
        f"{path}:11: working_hours.days[1]: expected 'mon', 'tue', 'wed', 'thu', 'fri', 'sat' "
        "or 'sun', not 'funday'",
    ]


def test_cross_field_checks_point_at_the_right_key(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + textwrap.dedent("""\
        working_hours:
          start: "18:00"
          end: "09:00"
        milestones:
          - name: thank_you
            delay: 2h
            deadline: 1h
        """))
    assert problems(path) == [
        f"{path}:12: working_hours.end: must be after start (18:00)",
        f"{path}:16: milestones[0].deadline: must be longer than delay (2h); both count from "
        "`after`",
    ]


def test_duplicate_account_names_point_at_the_second(tmp_path: Path) -> None:
    second = ACCOUNT.removeprefix("accounts:\n")
    path = write(tmp_path, MINIMAL + second)
    assert problems(path) == [
        f"{path}:10: accounts[1].name: 'work' is used twice; names must be unique"
    ]


def test_several_problems_give_one_line_each_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "poll_interval: often\nlookbak: 1d\n")
    lines = problems(path)
    assert lines == [
        f"{path}:10: poll_interval: 'often' is not a duration; write it like 30m, 2h, 7d or 1d12h",
        f"{path}:11: lookbak: unknown key 'lookbak' (did you mean 'lookback'?)",
    ]


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "lookback: 30d\nlookback: 40d\n"
                 + "working_hours:\n  start: '08:00'\n  start: '09:00'\n")
    assert problems(path) == [
        f"{path}:11: lookback: duplicate key (first given on line 10)",
        f"{path}:14: working_hours.start: duplicate key (first given on line 13)",
    ]


# ---------------------------------------------------------------- unreadable files


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "me:\n  name: Ada\n   addresses: [x]\n")
    with pytest.raises(ConfigError) as info:
        load(path)
    assert str(info.value) == f"{path}:3: YAML syntax error: mapping values are not allowed here"
    assert "indent" in info.value.hint


def test_tab_indentation_is_a_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "me:\n\tname: Ada\n")
    assert problems(path) == [
        f"{path}:2: YAML syntax error: found character '\\t' that cannot start any token"
    ]


def test_unclosed_flow_list_names_where_it_started(tmp_path: Path) -> None:
    path = write(tmp_path, "days: [mon, tue\nstart: 1\n")
    assert problems(path) == [
        f"{path}:2: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 1)"
    ]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "me: !!python/object:os.system x\n")
    [line] = problems(path)
    assert line.startswith(f"{path}:1: cannot read this value: could not determine a constructor")


def test_several_documents_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "---\nlookback: 1d\n")
    [line] = problems(path)
    assert line == (
        f"{path}:10: YAML syntax error: expected a single document in the stream, "
        "but found another document"
    )


def test_missing_file_hints_at_init(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError) as info:
        load(path)
    assert str(info.value) == f"{path}: no such file"
    assert "outbox init" in info.value.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing yet\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load(path)
    assert str(info.value) == (
        f"{path}:1: the file is empty; it needs at least `me:` and `accounts:`"
    )
    assert "outbox init" in info.value.hint


@pytest.mark.parametrize(("text", "kind"), [("- me\n", "a list"), ("hello\n", "a single value")])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, kind: str) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:1: the file must be a mapping of keys (me:, accounts:, ...), not {kind}"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "outbox.yaml"
    path.write_bytes(b"me:\n  name: Ad\xe9\n")
    assert problems(path) == [f"{path}:2: not UTF-8 text; save the file as UTF-8"]


def test_control_character(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "lookback: 1d\x07\n")
    assert problems(path) == [f"{path}:10: the character U+0007 is not allowed in YAML"]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, not a config file"]


# ---------------------------------------------------------------- locations


def test_default_path_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTBOX_CONFIG", "~/cfg/outbox.yaml")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config.default_path() == tmp_path / "cfg" / "outbox.yaml"
    monkeypatch.delenv("OUTBOX_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config.default_path() == platformdirs.user_config_path("outbox") / "outbox.yaml"


def test_state_dir_is_created_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load(write(tmp_path, MINIMAL + "state_dir: deep/state\n"))
    old = os.umask(0o000)  # even a permissive umask must not widen it
    try:
        made = config.state_dir(cfg)
    finally:
        os.umask(old)
    assert made == tmp_path / "deep/state" and made.is_dir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert config.state_dir(cfg) == made  # existing: fine


def test_state_dir_default_is_the_platform_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    made = config.state_dir(load(write(tmp_path, MINIMAL)))
    assert made == platformdirs.user_data_path("outbox") and made.is_dir()


def test_state_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("")
    cfg = load(write(tmp_path, MINIMAL + "state_dir: state\n"))
    with pytest.raises(ConfigError, match="exists but is not a folder"):
        config.state_dir(cfg)


# ---------------------------------------------------------------- the example


def test_example_is_shipped_byte_identical() -> None:
    assert EXAMPLE.read_bytes() == SHIPPED_EXAMPLE.read_bytes()
    assert config.example_text().encode() == SHIPPED_EXAMPLE.read_bytes()


def test_example_loads_as_written_with_the_defaults(tmp_path: Path) -> None:
    example = load(EXAMPLE)
    assert example.account("work").password_command == "pass show mail/ada"
    assert example.account("work").host == "imap.example.com"
    defaults = load(write(tmp_path, MINIMAL))
    skip = {"me", "accounts", "timezone"}
    assert example.model_dump(exclude=skip) == defaults.model_dump(exclude=skip)


def test_example_mentions_every_key() -> None:
    text = EXAMPLE.read_text()
    for name in Config.model_fields:
        assert f"\n{name}:" in text or f"\n# {name}:" in text, name
    for key in ("port", "security", "password_command", "password_env", "password",
                "ca_file", "timeout", "folders", "provider: maildir", "path"):
        assert f" {key}" in text, key


def test_commented_maildir_account_is_valid_when_uncommented(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("  # - name: local", "  - name: local").replace(
        "  #   provider: maildir", "    provider: maildir").replace(
        "  #   path: ~/Mail/ada", "    path: ~/Mail/ada")
    assert load(write(tmp_path, text)).account("local").provider == "maildir"


def test_write_example(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "outbox.yaml"
    assert config.write_example(path) == path
    assert path.read_bytes() == SHIPPED_EXAMPLE.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load(path).me.name == "Ada Lovelace"


def test_write_example_never_overwrites(tmp_path: Path) -> None:
    path = write(tmp_path, "mine\n")
    with pytest.raises(ConfigError) as info:
        config.write_example(path)
    assert str(info.value) == f"{path}: already exists; not overwriting it"
    assert "outbox init" in info.value.hint
    assert path.read_text() == "mine\n"


# ---------------------------------------------------------------- schema


def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == config.schema_text(), (
        "regenerate: python -m outbox.config --schema > config/outbox.schema.json"
    )


def test_schema_command_prints_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "outbox.config", "--schema"],
        capture_output=True, text=True, check=True,
    )
    assert done.stdout == SCHEMA.read_text(encoding="utf-8")


def test_schema_shows_defaults_as_written() -> None:
    schema = config.json_schema()
    assert schema["properties"]["lookback"]["default"] == "60d"
    assert schema["$defs"]["WorkingHours"]["properties"]["end"]["default"] == "19:00"
    assert "timezone" not in schema.get("required", [])
    assert schema["required"] == ["me", "accounts"]


def test_check_command(tmp_path: Path) -> None:
    bad = write(tmp_path, MINIMAL + "lookbak: 1d\n")
    done = subprocess.run(
        [sys.executable, "-m", "outbox.config", "--check", str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"{bad}:10: lookbak: unknown key")


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2h", timedelta(hours=2)),
        ("7d", timedelta(days=7)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("45m", timedelta(minutes=45)),
        ("30s", timedelta(seconds=30)),
        ("2w", timedelta(weeks=2)),
        ("1.5h", timedelta(minutes=90)),
        ("1d 2h 3m", timedelta(days=1, hours=2, minutes=3)),
        ("2 hours", timedelta(hours=2)),
        ("10min", timedelta(minutes=10)),
        ("2H", timedelta(hours=2)),
        (90, timedelta(seconds=90)),
        (0, timedelta(0)),
        (timedelta(hours=3), timedelta(hours=3)),
    ],
)
def test_durations_parse(text: object, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "bad", ["", "2x", "h", "2h30", "-5m", "1mo", "two hours", "2h-1m", True, None, [1], -5]
)
def test_bad_durations_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize("text", ["2h", "7d", "1d12h", "45m", "1d2h3m4s", "0s"])
def test_durations_round_trip(text: str) -> None:
    assert format_duration(parse_duration(text)) == text
