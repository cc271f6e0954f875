"""Run every benchmark and print one table per benchmark (``make bench``)."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

BENCHMARKS = ("benchmarks.sync", "benchmarks.detection")


def print_table(title: str, rows: list[tuple[Any, ...]], out: Console | None = None) -> None:
    table = Table(title=title)
    for col in ("measure", "value", "unit", "note"):
        table.add_column(col)
    for row in rows:
        table.add_row(*(str(x) for x in row))
    (out or Console()).print(table)


def main() -> int:
    out = Console()
    for name in BENCHMARKS:
        module = importlib.import_module(name)
        print_table(*module.run(), out=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
