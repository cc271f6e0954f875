"""Read the YAML config into a validated :class:`~outbox.settings.Config`.

Every problem becomes a :class:`~outbox.provider.ConfigError` whose message has
one line per problem, each shaped ``{file}:{line}: {key.path}: {what is wrong}``
(``accounts[0].host`` style paths). To know those lines the YAML is *composed*
into nodes (which keep their marks) and turned into Python data here, rather
than by ``yaml.safe_load``; doing it ourselves also lets us refuse duplicate
keys, which PyYAML silently resolves to the last one. ``config_errors.py``
puts each validation error into words on the line of its key.

``python -m outbox.config --schema`` prints the JSON schema of the config.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import platformdirs
import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from outbox.config_errors import Document, Loc, Problem, explain, format_problems
from outbox.provider import ConfigError
from outbox.settings import DEFAULT_DURATION, Config, local_zone_name

log = logging.getLogger(__name__)

APP_NAME = "outbox"
ENV_VAR = "OUTBOX_CONFIG"
FILE_NAME = "outbox.yaml"
INIT_HINT = "run `outbox init` to write a commented example there, then edit it"

__all__ = [
    "DEFAULT_DURATION",
    "ENV_VAR",
    "default_path",
    "example_text",
    "json_schema",
    "load",
    "local_zone_name",
    "schema_text",
    "state_dir",
    "write_example",
]

# ---------------------------------------------------------------- public API


def default_path() -> Path:
    """``$OUTBOX_CONFIG``, else ``outbox.yaml`` in the platform's config folder."""
    if value := os.environ.get(ENV_VAR, "").strip():
        return Path(value).expanduser()
    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def load(path: Path | str) -> Config:
    """Read and validate the config at ``path``; raise ConfigError naming file, line and key.

    Relative paths inside the file are taken relative to the file's folder.
    """
    path = Path(path)
    document = _compose(path, _read_text(path))
    problems = list(document.problems)
    config: Config | None = None
    try:
        config = Config.model_validate(
            document.data, context={"base_dir": path.absolute().parent}
        )
    except ValidationError as exc:
        problems += [explain(error, document) for error in exc.errors(include_url=False)]
    if problems or config is None:
        raise ConfigError(format_problems(path, problems)) from None
    log.debug("loaded config from %s", path)
    return config


def state_dir(config: Config) -> Path:
    """The folder for outbox's state, created private (0700) if it does not exist yet."""
    path = config.state_dir or platformdirs.user_data_path(APP_NAME)
    try:
        path.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        if not path.is_dir():
            raise ConfigError(f"state_dir {path}: exists but is not a folder") from None
        return path
    except OSError as exc:
        raise ConfigError(f"state_dir {path}: cannot create it: {exc.strerror}") from None
    path.chmod(0o700)  # mkdir's mode is filtered by the umask
    return path


def example_text() -> str:
    """The commented example config that ``outbox init`` writes."""
    return files("outbox").joinpath("example.yaml").read_text(encoding="utf-8")


def write_example(path: Path | str) -> Path:
    """Write the example config to ``path`` (mode 0600); never overwrite an existing file."""
    path = Path(path)
    exists = ConfigError(
        f"{path}: already exists; not overwriting it",
        hint="edit that file, or move it away and run `outbox init` again",
    )
    if path.exists() or path.is_symlink():
        raise exists
    data = example_text().encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write it: {exc.strerror}") from None
    with os.fdopen(fd, "wb") as out:
        if hasattr(os, "fchmod"):
            os.fchmod(out.fileno(), 0o600)  # exactly 0600, whatever the umask
        out.write(data)
    return path


def json_schema() -> dict[str, Any]:
    """The JSON schema of the config file (what ``config/outbox.schema.json`` holds)."""
    return Config.model_json_schema()


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- reading YAML


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file", hint=INIT_HINT) from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from None


def _drop_base60(pattern: str) -> str:
    # YAML 1.1 reads `end: 19:00` as the base-60 integer 1140; nobody means that here.
    branches = pattern.removeprefix("^(?:").removesuffix(")$").split("|")
    kept = [b for b in branches if ":[0-5]?[0-9])+" not in b]
    return "^(?:" + "|".join(kept) + ")$"


def _resolvers_without_base60() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    numbers = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    return {
        first: [
            (tag, re.compile(_drop_base60(rx.pattern), rx.flags) if tag in numbers else rx)
            for tag, rx in resolvers
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's base-60 numbers (``end: 19:00`` stays a string)."""

    yaml_implicit_resolvers = _resolvers_without_base60()


def _compose(path: Path, text: str) -> Document:
    try:
        loader = _Loader(text)  # the reader checks for unprintable characters right here
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ConfigError(
            f"{path}:{line}: the character U+{char:04X} is not allowed in YAML"
        ) from None
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
            raise ConfigError(
                f"{path}:1: the file is empty; it needs at least `me:` and `accounts:`",
                hint="`outbox init` writes a commented example to start from",
            )
        if not isinstance(root, MappingNode):
            kind = "a list" if isinstance(root, SequenceNode) else "a single value"
            raise ConfigError(
                f"{path}:{_line(root)}: the file must be a mapping of keys "
                f"(me:, accounts:, ...), not {kind}"
            )
        document = Document()
        document.data = _Builder(loader, document).build(root, ())
        return document
    except yaml.constructor.ConstructorError as exc:  # e.g. an unknown !tag
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ConfigError(f"{path}:{line}: cannot read this value: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(_syntax_message(path, exc), hint=_SYNTAX_HINT) from None
    finally:
        loader.dispose()


_SYNTAX_HINT = "indent with spaces (not tabs) and put a space after each `key:`"


def _syntax_message(path: Path, exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    message = f"{path}:{line}: YAML syntax error: {exc.problem or exc.context}"
    if exc.problem and exc.context and exc.problem.startswith("but "):
        message = f"{path}:{line}: YAML syntax error: {exc.context}, {exc.problem}"
    elif exc.problem and exc.context and exc.context_mark:
        message += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    return message


def _line(node: Node) -> int:
    return node.start_mark.line + 1


_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"


class _Builder:
    """Nodes -> plain data, recording each key's line and every duplicate key."""

    def __init__(self, loader: yaml.SafeLoader, document: Document) -> None:
        self.loader = loader
        self.doc = document
        self.active: set[int] = set()  # collections being built: a recursive alias loops

    def build(self, node: Node, path: Loc) -> Any:
        if isinstance(node, ScalarNode):
            return self.loader.construct_object(node)
        if id(node) in self.active:
            self.doc.problems.append(Problem(_line(node), path, "an alias refers to itself"))
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, path)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _sequence(self, node: SequenceNode, path: Loc) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            self.doc.lines[(*path, index)] = _line(child)
            items.append(self.build(child, (*path, index)))
        return items

    def _mapping(self, node: MappingNode, path: Loc) -> dict[str, Any]:
        self.doc.lines.setdefault(path, _line(node))
        result: dict[str, Any] = {}
        # `<<: *anchor` merges: explicit keys win, then earlier merged mappings.
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    merged = self.build(source, path)
                    if not isinstance(merged, dict):
                        self._problem(key_node, path, "`<<` must merge a mapping")
                        continue
                    for key, value in merged.items():
                        result.setdefault(key, value)
        explicit: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, path, "a key must be plain text")
                continue
            key = key_node.value
            if key in explicit:
                self._problem(
                    key_node, (*path, key), f"duplicate key (first given on line {explicit[key]})"
                )
                continue
            explicit[key] = _line(key_node)
            self.doc.lines[(*path, key)] = _line(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _problem(self, node: Node, path: Loc, message: str) -> None:
        self.doc.problems.append(Problem(_line(node), path, message))


# ---------------------------------------------------------------- python -m outbox.config


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m outbox.config", description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--schema", action="store_true", help="print the config's JSON schema")
    group.add_argument("--check", metavar="FILE", type=Path, help="validate a config file")
    args = parser.parse_args(argv)
    if args.schema:
        sys.stdout.write(schema_text())
        return 0
    try:
        load(args.check)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 1
    print(f"{args.check}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
