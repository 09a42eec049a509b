"""Imports point one way: projects builds on portal, portal never reaches into projects."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_apps(tree: ast.AST) -> set[str]:
    """Top-level packages a module imports (at the top or inside functions), including models
    fetched by app label, which are an import in all but name."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"get_model", "import_module"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def test_portal_never_imports_projects():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "portal").rglob("*.py"))
        if "projects" in imported_apps(ast.parse(path.read_text(), filename=str(path)))
    ]
    assert offenders == []


def test_the_check_sees_lazy_imports_and_models_by_label():
    lazy = "def f():\n    from projects.models import SubNetworkPage\n"
    by_label = "apps.get_model('projects', 'SubNetworkPage')"
    assert "projects" in imported_apps(ast.parse(lazy))
    assert "projects" in imported_apps(ast.parse(by_label))
    assert "projects" not in imported_apps(ast.parse("parent_page_types = ['projects.X']"))
