"""The engine's layout, read from its imports: event files call the engine, the engine's
packages import only those below them, nothing imports in a circle, and only the glue module
knows MkDocs (hooks/README.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

HOOKS = ROOT / "hooks"
ENGINE = HOOKS / "coursekit"
# The engine's packages from the bottom up: a module imports from its own package or from one
# further down the list.
LAYERS = ["coursekit", "core", "languages", "course", "classroom|quiz", "quality", "outputs", "project|scaffold", "cli|glue"]
GENERATORS = ("mkdocs", "properdocs")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = path.relative_to(HOOKS).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()
EVENT_FILES = sorted(p for p in HOOKS.glob("*.py") if p.name != "__main__.py")


def imports(path: Path, package: str) -> set[str]:
    """Every module `path` imports, absolute; `from a import b` counts b when b is a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    return found


def layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else module
    return next(i for i, names in enumerate(LAYERS) if part in names.split("|"))


def engine_imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return {name for name in imports(path, package) if name in MODULES and name != module}


def test_every_engine_module_is_in_a_layer():
    assert len(MODULES) > 20
    for module in MODULES:
        layer(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module):
    for imported in engine_imports(module):
        if imported == "coursekit" or imported.split(".")[:2] == module.split(".")[:2]:
            continue  # the package root, or its own package
        assert layer(imported) < layer(module), f"{module} imports {imported}, which is not below it ({' < '.join(LAYERS)})"


def test_no_import_cycles():
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(engine_imports(module)):
            assert state.get(imported) != "open", f"import cycle: {' -> '.join([*trail, module, imported])}"
            if imported not in state:
                visit(imported, [*trail, module])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [])


def test_only_the_glue_knows_the_site_generator():
    for module, path in MODULES.items():
        known = {name for name in imports(path, module) if name.split(".")[0] in GENERATORS}
        assert module == "coursekit.glue" or not known, f"{module} imports {sorted(known)}; only coursekit/glue.py may"
    for path in EVENT_FILES:
        known = {name for name in imports(path, "") if name.split(".")[0] in GENERATORS}
        assert not known, f"hooks/{path.name} imports {sorted(known)}; event files reach MkDocs through coursekit.glue"


def test_event_files_call_the_engine_and_hold_no_logic_of_their_own():
    """An event file is a handful of event functions over the engine: no classes, no helpers."""
    for path in EVENT_FILES:
        tree = ast.parse(path.read_text("utf-8"))
        assert any(name.startswith("coursekit") for name in imports(path, "")), path.name
        for node in tree.body:
            assert not isinstance(node, ast.ClassDef), f"hooks/{path.name} defines class {node.name}: it belongs in the engine"
            if isinstance(node, ast.FunctionDef):
                assert node.name.startswith("on_"), f"hooks/{path.name} defines {node.name}(): helpers belong in the engine"
                assert len(node.body) <= 25, f"hooks/{path.name}: {node.name}() is {len(node.body)} statements long"


def test_mkdocs_yml_lists_every_event_file():
    from coursekit.scaffold import engine

    assert sorted(p.name for p in EVENT_FILES) == sorted(engine.EVENT_FILES)
    listed = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nhooks:\n")[1].split("\n\n")[0]
    assert [line.strip()[len("- hooks/"):] for line in listed.splitlines()] == list(engine.EVENT_FILES)


def test_the_engine_names_no_course():
    """Nothing in hooks/ belongs to the complaints course."""
    for path in sorted(HOOKS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".js", ".css", ".yml", ".json", ".md") and "vendor" not in path.parts:
            text = path.read_text("utf-8").lower()
            for word in ("complaint", "投诉", "jetblue"):
                assert word not in text, f"{path.relative_to(ROOT)} mentions '{word}'"


def test_ruff_finds_nothing():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ruff", "check", "hooks", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
