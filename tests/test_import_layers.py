"""The package's imports follow its layers and never loop (docs/bibliotheque.md, « Architecture »).

Every `import` of every module is read with `ast` (also those inside functions, which still tie one layer
to another); a module-level import cycle or a layer reaching a higher one fails, naming the modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tnl_signage"
BASE = ("errors", "atomic", "ownership", "resources", "tomlfile", "templating", "workers")
LAYERS = ("domain", "inputs", "drawing", "layout", "writers", "products", "publishing", "cli")


def module_name(path: Path) -> str:
    parts = ["tnl_signage", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    """0 for the base modules, then 1 + the index in LAYERS. The package itself (the public API) is above
    every layer but the CLI, its client; its `__version__` may be read by any module."""
    if module == "tnl_signage:__version__":
        return 0
    parts = module.split(".")
    if len(parts) == 1 or ":" in module:
        return len(LAYERS)  # the CLI's level: above publishing
    if parts[1] in BASE:
        return 0
    if parts[1] == "__main__":  # `python -m tnl_signage`: the command line
        return 1 + LAYERS.index("cli")
    return 1 + LAYERS.index(parts[1])


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for each import of the package's own modules."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from . import x` may name a submodule: count the submodule when it exists
            targets = [f"{prefix}.{a.name}" if _is_module(f"{prefix}.{a.name}")
                       else f"{prefix}:{a.name}" if prefix == "tnl_signage" else prefix for a in node.names]
        guarded = isinstance(node, ast.ImportFrom | ast.Import) and _type_checking_only(tree, node)
        for target in targets:
            if target.replace(":", ".").split(".")[0] == "tnl_signage" and not guarded:
                found.append((target, id(node) in top_level))
    return found


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


def _type_checking_only(tree: ast.Module, target: ast.AST) -> bool:
    for node in tree.body:
        if (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                and any(target is child for child in ast.walk(node))):
            return True
    return False


def graph() -> dict[str, list[tuple[str, bool]]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_layer_imports_a_higher_one() -> None:
    wrong = []
    for module, targets in graph().items():
        if module == "tnl_signage":
            continue  # the public API may use any layer
        for target, _ in targets:
            if layer(target) > layer(module):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports vers une couche plus haute :\n" + "\n".join(sorted(set(wrong)))


def test_no_import_cycle() -> None:
    edges = {m: {t.split(":")[0] for t, top in targets if top and t.split(":")[0] != m}
             for m, targets in graph().items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target] if target in stack else [module, target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "cycles d'imports :\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_walk_sees_known_edges() -> None:
    """The checker itself: it does see a real import in each direction it judges."""
    g = graph()
    assert ("tnl_signage.drawing.scene", True) in g["tnl_signage.writers.svg"]
    assert layer("tnl_signage.cli.kit") > layer("tnl_signage.publishing.kit.builder") > layer("tnl_signage.errors")
    assert layer("tnl_signage:badge") > layer("tnl_signage.publishing.kit") and layer("tnl_signage:__version__") == 0
    assert layer("tnl_signage:badge") == layer("tnl_signage.cli.badge")


def test_importing_the_package_loads_no_drawing_library() -> None:
    """`import tnl_signage` is cheap: the public API loads each layer on first call."""
    import subprocess
    import sys

    heavy = ("reportlab", "cairocffi", "fontTools", "PIL", "pikepdf", "uharfbuzz", "click", "jinja2")
    code = ("import sys, tnl_signage as tnl; tnl.badge; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "[]"


def private_uses(path: Path) -> list[str]:
    """`from tnl_signage.x import _y` and `x._y` on a module imported from the package: what a test or a
    benchmark reaching inside a module looks like (it then breaks at the first internal rename)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tnl_signage"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.name}:{node.lineno} {alias.name}")
                ours.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ours
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_tests_use_only_public_names() -> None:
    """Tests assert what users get: through the names a user may import, not a module's insides."""
    found = [use for path in sorted(PACKAGE.parent.glob("tests/*.py")) for use in private_uses(path)]
    assert not found, found
