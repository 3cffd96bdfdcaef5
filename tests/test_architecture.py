"""The folders are the layers and the rooms: a module imports only from its own layer or below, a room of the file
formats never from a sibling room, no folder holds more than 12 modules and no module more than 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cchc_xl"
# errors; pure: core -> table -> check -> consolidation; the file formats (files and the office's configuration
# files, then xlsx, then the master's format and Word); the use cases; the Excel add-in; the command line.
LAYERS = {"errors": 0, "core": 1, "table": 2, "check": 3, "consolidation": 4,
          "formats": 5.0, "formats.files": 5.0, "formats.package": 5.0, "formats.config_files": 5.0, "formats.xlsx": 5.1, "formats.master": 5.2,
          "formats.word": 5.2, "usecases": 6, "excel": 7, "app": 8, "__main__": 9}
ROOMS = ("formats.master", "formats.word")   # the same level, separate rooms: neither imports the other
MAX_MODULES, MAX_LINES = 12, 400


def layer(module: str) -> float:
    parts = module.split(".")[1:]
    for depth in (2, 1):
        key = ".".join(parts[:depth])
        if key in LAYERS:
            return LAYERS[key]
    return 0


def room(module: str) -> str:
    return next((r for r in ROOMS if module.startswith(f"cchc_xl.{r}.") or module == f"cchc_xl.{r}"), "")


def imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cchc_xl."):
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("cchc_xl.")]
    return found


def modules() -> list[tuple[str, Path]]:
    return [(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts), p) for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_imports_from_a_layer_above_its_own_or_a_sibling_room():
    wrong = []
    for module, path in modules():
        for target, line in imports(path):
            if layer(target) > layer(module) or (room(module) and room(target) and room(target) != room(module)):
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_every_module_belongs_to_a_layer_and_no_room_or_module_is_huge():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "errors"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == \
        {"core", "table", "check", "consolidation", "formats", "usecases", "excel", "app"}
    assert all(layer(m) or m.split(".")[1] in ("errors", "__init__") for m, _ in modules())
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
        count = len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
        assert count <= MAX_MODULES, (folder, count)
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert max(sizes.values()) <= MAX_LINES, max(sizes.items(), key=lambda kv: kv[1])


def test_setup_cfg_ships_every_package():
    """A subpackage missing from setup.cfg works in an editable install and breaks a real one."""
    import configparser
    cfg = configparser.ConfigParser()
    cfg.read(PACKAGE.parent / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert on_disk - listed == set()
