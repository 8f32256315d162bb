"""The package reads as the pipeline: stages import only the stages below them (import-linter's
contract in pyproject.toml), and no module imports another that imports it back — not even
from inside a function, where import-linter does not look for cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import perfscore

SRC = Path(perfscore.__file__).parent  # as installed: what import-linter sees too
ROOT = Path(__file__).parents[1]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """perfscore modules that ``path`` imports at run time (type-only imports excluded)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and ast.unparse(block.test) == "TYPE_CHECKING"
                 for node in ast.walk(block)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only or not isinstance(node, ast.ImportFrom | ast.Import):
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("perfscore")}
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, *([node.module] if node.module else [])])
        else:
            target = node.module or ""
        if target.startswith("perfscore"):
            found.add(target)
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    edges = {name: {t for t in _imports(path) if t in modules and t != name}
             for name, path in modules.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(edges[name]):
            if state.get(other) == 1:
                cycles.append(" → ".join([*trail[trail.index(other):], other]))
            elif other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_stages_import_only_the_stages_below_them() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(linter), str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Contracts: 1 kept, 0 broken." in done.stdout
