"""The folder map of docs/architecture.md, checked: what each folder may import, and no cycles."""

import ast
from collections.abc import Collection
from pathlib import Path

from handoff.paths import PROJECT_ROOT

PACKAGES = ("handoff", "bot")

# Each folder (or module) and the parts of the app it may import, besides itself. The first
# matching prefix applies. docs/architecture.md states the same rules in words.
MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "handoff.app": ("handoff", "bot"),
    "handoff.domain": (),
    "handoff.paths": (),
    "handoff.signals": (),
    "handoff.metrics": (),
    "handoff.texts": ("handoff.domain",),
    "handoff.backoffice": ("handoff.domain",),
    "handoff.storage": ("handoff.domain", "handoff.paths"),
    "handoff.cases": ("handoff.domain", "handoff.texts", "handoff.storage", "handoff.nlu"),
    "handoff.views": (
        "handoff.domain", "handoff.texts", "handoff.storage", "handoff.cases", "handoff.metrics",
    ),
    "handoff.nlu": (
        "handoff.domain", "handoff.texts", "handoff.storage", "handoff.paths", "handoff.signals",
        "handoff.metrics",
    ),
    "handoff.services": (
        "handoff.domain", "handoff.texts", "handoff.storage", "handoff.signals",
        "handoff.cases", "handoff.nlu", "handoff.views", "handoff.metrics",
    ),
    "handoff.web": (
        "handoff.domain", "handoff.texts", "handoff.signals", "handoff.services",
        "handoff.views", "handoff.nlu", "handoff.storage.unit_of_work", "handoff.metrics",
    ),
    "bot": (
        "handoff.domain", "handoff.texts", "handoff.signals", "handoff.services",
        "handoff.storage.unit_of_work", "handoff.metrics",
    ),
    "handoff": (),  # handoff/__main__.py and __init__.py
}  # fmt: skip


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, modules: Collection[str]) -> set[str]:
    """The app modules a file imports, at the top level or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from package import module` imports the module
                inner = f"{node.module}.{alias.name}"
                names.add(inner if inner in modules else node.module)
    return {name for name in names if name.split(".")[0] in PACKAGES}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _rule(module: str) -> tuple[str, tuple[str, ...]]:
    return next((p, allowed) for p, allowed in MAY_IMPORT.items() if _within(module, p))


def test_every_folder_imports_only_what_its_rule_allows() -> None:
    modules = _modules()
    broken = []
    for module, path in sorted(modules.items()):
        own, allowed = _rule(module)
        for imported in sorted(_imports(path, modules)):
            if _within(imported, own) or any(_within(imported, a) for a in allowed):
                continue
            if own == "handoff" and module != "handoff":
                continue
            broken.append(f"{module} imports {imported}")
    assert broken == []


def test_no_module_imports_itself_through_others() -> None:
    modules = _modules()
    graph = {}
    for module, path in modules.items():
        edges = set()
        for name in _imports(path, modules):
            imported = name
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != module and not _within(module, imported):
                edges.add(imported)
        graph[module] = edges
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
