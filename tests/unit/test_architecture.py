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
    "handoff.__main__": ("handoff.app",),  # `python -m handoff`: the CLI, nothing else
    "handoff": (),  # handoff/__init__.py; any other module at the root needs its own row
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
    return _imports_of(path.read_text(encoding="utf-8"), path, modules)


def _imports_of(source: str, path: Path, modules: Collection[str]) -> set[str]:
    """The app modules a file imports, at the top level or inside functions, relative
    imports ("from ..storage import tables") resolved."""
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    package = parts[:-1]  # the package a module's relative imports start from
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            source = ".".join(part for part in (base, node.module) if part)
            for alias in node.names:  # `from package import module` imports the module
                inner = f"{source}.{alias.name}"
                names.add(inner if inner in modules else source)
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
            if _within(imported, own) and own != "handoff":
                continue
            if any(_within(imported, a) for a in allowed):
                continue
            broken.append(f"{module} imports {imported}")
    assert broken == []


def test_every_module_at_the_root_has_its_own_rule() -> None:
    loose = [m for m in _modules() if _rule(m)[0] == "handoff" and m != "handoff"]
    assert loose == []


def test_relative_imports_are_read_as_the_modules_they_name() -> None:
    web = PROJECT_ROOT / "handoff" / "web" / "probe.py"  # never written: only its path counts
    modules = {"handoff.storage.tables", "handoff.storage", "handoff.web.desk", "handoff.texts"}
    source = "from ..storage import tables\nfrom . import desk\nfrom .. import texts\n"
    assert _imports_of(source, web, modules) == {
        "handoff.storage.tables",
        "handoff.web.desk",
        "handoff.texts",
    }


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


# Folders that never build a query or open a transaction: the adapters hand the unit of work
# to use cases and read models, and the domain and the texts do no I/O.
NO_QUERIES = ("bot", "handoff.web", "handoff.domain", "handoff.texts")


def test_adapters_and_the_domain_build_no_queries() -> None:
    found = []
    for module, path in sorted(_modules().items()):
        if not any(_within(module, folder) for folder in NO_QUERIES):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            found += [f"{module} imports {n}" for n in names if _within(n, "sqlalchemy")]
    assert found == []
