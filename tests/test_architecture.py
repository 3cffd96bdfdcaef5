"""The folders are the layers: a module imports only from its own layer or below."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cchc_xl"
# errors, then core -> table -> check -> consolidation -> (workbook, settings) -> excel -> app
LAYERS = {"errors": 0, "core": 1, "table": 2, "check": 3, "consolidation": 4, "workbook": 5, "settings": 5,
          "excel": 6, "app": 7, "__main__": 8}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], 0) if len(parts) > 1 else 0


def imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cchc_xl."):
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("cchc_xl.")]
    return found


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for target, line in imports(path):
            if layer(target) > layer(module):
                upward.append(f"{module}:{line} imports {target}")
    assert upward == []


def test_every_module_belongs_to_a_layer_and_none_is_huge():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "errors", "settings"]
    assert set(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == \
        {"core", "table", "check", "consolidation", "workbook", "excel", "app"}
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert max(sizes.values()) <= 500, max(sizes.items(), key=lambda kv: kv[1])


def test_setup_cfg_ships_every_package():
    """A subpackage missing from setup.cfg works in an editable install and breaks a real one."""
    import configparser
    cfg = configparser.ConfigParser()
    cfg.read(PACKAGE.parent / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert on_disk - listed == set()
