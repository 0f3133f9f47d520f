"""`make sizes`: the sizes of the package's modules, classes and functions, as a report for reviewers
(docs/dev/sizes.md), not a gate. A module that grows long is a prompt to look, not a failure: limits
that tests enforce become targets, and code gets squeezed to meet them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "clusteratlas"
SHOWN = 12


def measure() -> tuple[list, list, list]:
    modules, classes, functions = [], [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        modules.append((len(text.splitlines()), rel))
        for node in ast.walk(ast.parse(text)):
            size = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, ast.ClassDef):
                classes.append((size, f"{rel}:{node.name}"))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append((size, f"{rel}:{node.name}"))
    return modules, classes, functions


def report() -> str:
    modules, classes, functions = measure()
    out = [
        "# Sizes (developer notes, not part of the site)",
        "",
        "Written by `make sizes` (scripts/sizes.py). A report, not a limit: read the largest when you",
        "review, and split where a module holds two ideas, not where it passes a number.",
        "",
        f"{len(modules)} modules, {sum(n for n, _ in modules):,} lines in `clusteratlas/`.",
        "",
    ]
    for title, rows in (("modules", modules), ("classes", classes), ("functions", functions)):
        out += [f"## The {SHOWN} largest {title}", "", "| lines | where |", "| ---: | --- |"]
        out += [f"| {n} | `{where}` |" for n, where in sorted(rows, key=lambda r: (-r[0], r[1]))[:SHOWN]]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    target = ROOT / "docs" / "dev" / "sizes.md"
    target.write_text(report(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
