"""The package's shape: rule families depend on shared knowledge (lint/prose, the core), never on
each other, and no module of lint/ imports, directly or through others, a module that imports it.
Every import statement counts, also those inside functions and under TYPE_CHECKING."""
from __future__ import annotations

import ast
from pathlib import Path

LINT = Path(__file__).resolve().parent.parent / "lint"


def modules() -> dict[str, Path]:
    out = {}
    for path in LINT.rglob("*.py"):
        parts = list(path.relative_to(LINT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of lint/ that the module imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def family(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) >= 4 and parts[:2] == ["lint", "rules"] else None


def test_no_rule_family_imports_another():
    crossing = [(m, d) for m, deps in graph().items() for d in deps
                if family(m) and family(d) and family(m) != family(d)]
    assert crossing == []


def test_no_import_cycle_in_lint():
    deps = graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(deps[m]):
            if state.get(d) == 1:
                cycles.append(path[path.index(d):] + [d])
            elif d not in state:
                visit(d, path + [d])
        state[m] = 2

    for m in sorted(deps):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_the_checks_see_imports():
    """The graph is real: it holds the imports the checks must judge (a family module reading
    lint.prose, the engine reading the document)."""
    deps = graph()
    assert "lint.prose.doubles" in deps["lint.rules.duplicate._judges"]
    assert "lint.document" in deps["lint.engine"]
    assert family("lint.rules.broken._seams") == "broken" and family("lint.prose.names") is None
