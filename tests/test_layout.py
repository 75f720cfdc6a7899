"""The layout shows the pipeline: stages import one way, the manual's Layout table names the tree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from nkresearch.config import PACKAGE_DIR, PROJECT_DIR

#: The pipeline's order: a module may import from its own stage or an earlier one.
STAGES = {
    "config": 0,
    "errors": 0,
    "workers": 0,
    "corpus": 1,
    "voices": 2,
    "tokens": 3,
    "analysis": 4,
    "plots": 5,
    "report": 6,
    "cli": 6,
    "__main__": 7,
}
#: inside the analyses, the same one-way order: the counting core, the formulas, the analyses
ANALYSIS_STAGES = {"core": 0.1, "measures": 0.2, "terms": 0.3, "models": 0.4}
#: a guard against a module that holds several questions; the budget that matters is ruff's
#: McCabe complexity (C901, 15) and argument count (PLR0913, 7), in pyproject.toml
MAX_LINES = 800


def _modules() -> dict[str, Path]:
    """Dotted names below the package (``corpus.documents``, ``config``) -> their file."""
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
        if parts == ("__init__",):
            continue  # the facade: it imports everything, nothing imports it
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules that module ``name`` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    package = name.split(".") if is_package else name.split(".")[:-1]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                dotted = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "nkresearch":
                dotted = node.module.split(".")[1:]
            else:
                continue
            stem = ".".join(dotted)
            if not stem:
                raise AssertionError(f"{path}: imports the package facade ({ast.unparse(node)})")
            for alias in node.names:  # `from . import cache` imports the module `cache`
                full = f"{stem}.{alias.name}"
                targets.add(full if full in modules else stem)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "nkresearch":
                    targets.add(".".join(alias.name.split(".")[1:]))
    targets.discard(name)
    unknown = targets - set(modules)
    assert not unknown, f"{path}: imports unknown package modules {sorted(unknown)}"
    return targets


def _stage(name: str) -> float:
    top = name.split(".")[0]
    assert top in STAGES, f"nkresearch/{name.replace('.', '/')}: belongs to no stage; add it to STAGES"
    parts = name.split(".")
    if top == "analysis" and len(parts) > 1:
        assert parts[1] in ANALYSIS_STAGES, f"nkresearch/analysis/{parts[1]}: add it to ANALYSIS_STAGES"
        return STAGES[top] + ANALYSIS_STAGES[parts[1]]
    return STAGES[top]


def test_every_module_imports_only_its_own_stage_or_an_earlier_one() -> None:
    modules = _modules()
    wrong = [
        f"{name} (stage {_stage(name)}) imports {target} (stage {_stage(target)})"
        for name, path in modules.items()
        for target in sorted(_imports(name, path, modules))
        if _stage(target) > _stage(name) and not target.startswith(name + ".")  # a package's own modules
    ]
    assert not wrong


def test_the_modules_import_each_other_without_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # a package's __init__ re-exports its modules; a module importing a sibling through
    # the package is a cycle only if the re-exported module imports it back
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycle = [*trail[trail.index(name) :], name]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for target in graph[name]:
            if target.startswith(name + "."):
                continue  # a package importing its own modules
            visit(target, [*trail, name])
        done.add(name)

    for name in graph:
        visit(name, [])


def test_the_check_finds_an_import_against_the_pipeline(tmp_path: Path) -> None:
    fake = tmp_path / "segment.py"
    fake.write_text("from ..analysis.measures.keyness import g2\n", encoding="utf-8")
    modules = {**_modules(), "voices.fake": fake}
    imported = _imports("voices.fake", fake, modules)
    assert imported == {"analysis.measures.keyness"}
    assert _stage("analysis.measures.keyness") > _stage("voices.fake")


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_module_is_over_800_lines(name: str) -> None:
    path = _modules()[name]
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path}: {n} lines; split it by question"


def test_the_manuals_layout_table_names_every_module_and_nothing_else() -> None:
    page = (PROJECT_DIR / "docs" / "development.md").read_text(encoding="utf-8")
    table = page.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    named: set[str] = set()
    for row in rows:
        path_cell, what = row.split("|")[1:3]
        folder = ""
        for cell in re.findall(r"`([\w/.]+)`", path_cell):
            if cell.endswith("/"):  # a folder row names its modules in the description
                folder = cell.removeprefix("nkresearch/")
                named.update(folder + m for m in re.findall(r"`(\w+\.py)`", what))
            elif cell.startswith("nkresearch/") and cell.endswith(".py"):
                folder = cell.removeprefix("nkresearch/").rpartition("/")[0]
                named.add(cell.removeprefix("nkresearch/"))
            elif cell.endswith(".py"):  # `a.py`, `b.py`: b beside a
                named.add(f"{folder}/{cell}" if folder else cell)
    on_disk = {
        p.relative_to(PACKAGE_DIR).as_posix()
        for p in PACKAGE_DIR.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    assert on_disk - named == set(), "modules the Layout table of docs/development.md does not name"
    assert named - on_disk == set(), "the Layout table of docs/development.md names modules that do not exist"
