"""The package's imports point one way and close no circle (the house as README draws it).

Every module's imports are read with ``ast`` — module level, inside functions (lazy imports)
and under ``if TYPE_CHECKING:`` alike. A lazy import is still a dependency, only a later one;
a type-only import still makes the lower module know the upper one's names, so both count:
"never back up, not even lazily, not even for a type".

Each module belongs to the layer of the longest prefix in ``LAYERS``; a module may import its
own layer or any layer below it. Within a layer (and across layers) the module graph must
have no cycle. ``KNOWN`` lists the edges still pointing the wrong way, each with why it is
left; the test fails when one of them is gone (shorten the list) as well as on any new one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kis_xl"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # top to bottom
    ("fronts", ("kis_xl.__main__", "kis_xl.fronts")),
    ("demo", ("kis_xl.demo",)),
    ("actions", ("kis_xl.actions",)),
    ("documents", ("kis_xl.documents",)),
    ("report", ("kis_xl.report",)),
    ("sinks", ("kis_xl.sinks", *(f"kis_xl.sinks.xlsx.{m}" for m in (
        "file_sink", "changelog", "append_rows", "rows_text", "cells", "column_text",
        "safety")))),
    ("workbook", ("kis_xl.workbook",)),
    ("xlsx", ("kis_xl.sinks.xlsx",)),
    ("plan", ("kis_xl.plan",)),
    ("domain", ("kis_xl.domain", "kis_xl")),
)
"""Layers top to bottom. ``xlsx`` is the writing toolkit (OOXML parts, styles, rendering a
GeneratedSheet, the layout of result sheets, safe text) that sinks, report and the workbook's
template use. The modules of ``sinks/xlsx`` that carry a plan into a user's file (the file
sink, its change log, appended rows, written columns, backups) are the file sink itself and
belong to ``sinks``. ``plan`` is the small vocabulary actions hand to sinks (WritePlan,
GeneratedSheet, KisError). The package root only holds the version (import-light on purpose)
and sits at the bottom with the domain."""

KNOWN: dict[tuple[str, str], str] = {
    ("kis_xl.domain.findings", "kis_xl.workbook.schema"):
        "a finding names its place (sheet, header, setting) by the schema's names until "
        "locate() puts the workbook's own spelling in; the schema is the one table of those "
        "names (lazy import). To drop it: the schema's names (sheet keys -> names, column "
        "keys -> headers) become a domain table the schema builds on.",
    ("kis_xl.domain.rules.evaluate", "kis_xl.workbook.schema"):
        "in_workbook_order sorts the check's findings by the schema's sheet order; goes with "
        "the edge above.",
}
"""(importer, imported) edges still pointing up, each with why it is left; nothing else may."""


def layer_of(module: str) -> str:
    best, best_len = "", -1
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = name, len(prefix)
    if best_len < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best


RANK = {name: i for i, (name, _) in enumerate(LAYERS)}  # 0 = top


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The package's modules ``name`` imports anywhere in its file (lazy and type-only too)."""
    known = set(known)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # ``from pkg import mod`` imports the module ``pkg.mod``; else the names are in ``pkg``
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in known else source
                       for a in node.names]
        for written in targets:
            target = written
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def package_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, mods) for name, path in mods.items()}


def upward(graph: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """Edges from a module to one in a higher layer."""
    return sorted((a, b) for a, targets in graph.items() for b in targets
                  if RANK[layer_of(b)] < RANK[layer_of(a)])


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One circle per strongly connected group of modules (Tarjan), as a path a -> ... -> a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_circle(graph, g) for g in groups]


def _circle(graph: Mapping[str, Iterable[str]], group: set[str]) -> list[str]:
    """A shortest circle through the group's first module, for the message."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph.get(v, ())):
                if w == start:
                    return paths[v] + [start]
                if w in group and w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
        frontier = nxt
    raise AssertionError("a strongly connected group without a circle")  # pragma: no cover


def problems(
    graph: Mapping[str, Iterable[str]], known: Iterable[tuple[str, str]] = ()
) -> list[str]:
    skip = set(known)
    trimmed = {a: {b for b in targets if (a, b) not in skip} for a, targets in graph.items()}
    out = [f"{a} ({layer_of(a)}) imports {b} ({layer_of(b)}): up"
           for a, b in upward(trimmed)]
    out += ["circle: " + " -> ".join(c) for c in cycles(trimmed)]
    return out


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)


def test_imports_point_down_and_close_no_circle() -> None:
    graph = package_graph()
    assert problems(graph, KNOWN) == []
    edges = {(a, b) for a, targets in graph.items() for b in targets}
    assert sorted(set(KNOWN) - edges) == [], "fixed: remove these from KNOWN"


def test_an_upward_import_is_caught() -> None:
    graph = {"kis_xl.domain.hours": {"kis_xl.workbook.reader"},
             "kis_xl.workbook.reader": set()}
    assert problems(graph) == [
        "kis_xl.domain.hours (domain) imports kis_xl.workbook.reader (workbook): up"]


def test_a_lazy_upward_import_is_read(tmp_path: Path) -> None:
    code = ("from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from kis_xl.fronts import cli\n"
            "def f():\n    from ..actions import base\n    import kis_xl.sinks.open_book\n")
    path = tmp_path / "m.py"
    path.write_text(code)
    known = {"kis_xl.fronts.cli", "kis_xl.actions.base", "kis_xl.sinks.open_book",
             "kis_xl.domain.m", "kis_xl.sinks"}
    assert imports_of("kis_xl.domain.m", path, known) == {
        "kis_xl.fronts.cli", "kis_xl.actions.base", "kis_xl.sinks.open_book"}


def test_a_circle_within_a_layer_is_caught() -> None:
    graph = {"kis_xl.domain.findings": {"kis_xl.domain.finding_types.hours"},
             "kis_xl.domain.finding_types.hours": {"kis_xl.domain.finding_types"},
             "kis_xl.domain.finding_types": {"kis_xl.domain.findings"},
             "kis_xl.domain.model": set()}
    assert problems(graph) == ["circle: kis_xl.domain.finding_types -> kis_xl.domain.findings"
                               " -> kis_xl.domain.finding_types.hours"
                               " -> kis_xl.domain.finding_types"]
