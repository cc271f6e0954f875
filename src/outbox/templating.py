"""Find a milestone's Jinja2 template and render it, saying where it failed.

The template is the user's (the milestone's ``template:``, else one in
``templates_dir``), else a built-in. It is rendered with ``StrictUndefined``,
so a missing value is an error, never "Dear ,"; the error names the file and,
when it can, the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from outbox.provider import OutboxError
from outbox.settings import Config

TEMPLATE_SUFFIX = ".txt.j2"
# The names compose.build_context gives a template; listed in the hint of a failure.
CONTEXT_NAMES = frozenset({"me", "recipient", "greeting", "company", "role", "position",
                           "interview", "milestone", "interviewers", "other_interviewers"})


class TemplateError(OutboxError):
    """A milestone's template is missing, does not compile, or used an undefined value."""


def and_join(items: Any) -> str:
    """["A", "B", "C"] -> "A, B and C"."""
    names = [str(i) for i in items if i]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["and_join"] = and_join
    return env


@dataclass(frozen=True)
class TemplateSource:
    """Where a milestone's template is, and the environment that loads it."""

    where: str  # for messages: a path, or "built-in thank_you.txt.j2"
    env: jinja2.Environment
    name: str


def resolve_template(config: Config, milestone: str) -> TemplateSource:
    """The milestone's `template:`, else its file in templates_dir, else the built-in."""
    filename = milestone + TEMPLATE_SUFFIX
    configured = next((m.template for m in config.milestones if m.name == milestone), None)
    if configured is not None:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise TemplateError(f"milestone {milestone!r}: template {path} does not exist",
                                hint="fix `template:` of that milestone or remove it")
        loader = jinja2.FileSystemLoader(path.parent)
        return TemplateSource(str(path), _environment(loader), path.name)
    if config.templates_dir is not None:
        folder = Path(config.templates_dir).expanduser()
        if not folder.is_dir():
            raise TemplateError(f"templates_dir {folder} is not a folder",
                                hint="create it, or remove `templates_dir` from the config")
        if (folder / filename).is_file():
            return TemplateSource(str(folder / filename),
                                  _environment(jinja2.FileSystemLoader(folder)), filename)
    builtin = _environment(jinja2.PackageLoader("outbox", "templates"))
    if filename not in builtin.list_templates():
        where = f" or {config.templates_dir}" if config.templates_dir else ""
        raise TemplateError(
            f"milestone {milestone!r} has no template: there is no built-in {filename}{where}",
            hint=f"add `template: PATH` to that milestone, or put {filename} in templates_dir",
        )
    return TemplateSource(f"built-in {filename}", builtin, filename)


def _error_line(exc: BaseException) -> str:
    lineno = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while lineno is None and tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(TEMPLATE_SUFFIX):
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {lineno})" if lineno else ""


def render_template(source: TemplateSource, milestone: str, context: dict[str, Any]) -> str:
    try:
        return source.env.get_template(source.name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"milestone {milestone!r}: template {source.where} not found") from exc
    except Exception as exc:  # a user's template can fail in any way; say where
        what = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise TemplateError(
            f"milestone {milestone!r}: template {source.where}{_error_line(exc)}: {what}",
            hint="names available: " + ", ".join(sorted(CONTEXT_NAMES))
            + "; test optional ones with `is defined`",
        ) from exc

