"""The tree of src/nitet tells the data flow: each package imports only from the layers below it.

    core → model → storage → checks → domain → reports | imports → cli → commands

Every import counts, also one inside a function or under ``TYPE_CHECKING``: a lazy import up
the layers is still an arrow the wrong way. ``reports`` and ``imports`` stand side by side and do
not import each other. The top-level ``nitet`` package (``__version__``) is everyone's floor.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "nitet"

LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("model",),
    ("storage",),
    ("checks",),
    ("domain",),
    ("reports", "imports"),
    ("cli",),
    ("commands",),
    ("devtools",),
]
RANK = {pkg: i for i, group in enumerate(LAYERS) for pkg in group}
#: top-level modules of nitet that are not packages of a layer
TOP = {"__init__", "__main__"}

#: a module longer than this says why at its top ("long because ...")
MAX_LINES = 400


def package_of(module: str) -> str:
    """``nitet.storage.loader`` → ``storage``; ``nitet`` / ``nitet.__init__`` → ``nitet``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] not in TOP and parts[1] != "__version__" else "nitet"


def imports_of(source: str) -> list[tuple[int, str]]:
    """(line, imported module) of every absolute nitet import in ``source``."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"line {node.lineno}: relative import; write 'from nitet.… import …'")
            if node.module and (node.module == "nitet" or node.module.startswith("nitet.")):
                if node.module == "nitet":
                    out += [(node.lineno, f"nitet.{a.name}") for a in node.names]
                else:
                    out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("nitet")]
    return out


def wrong_way(module: str, source: str) -> list[str]:
    """The imports of ``module`` that point up the layers (or sideways between siblings)."""
    here = package_of(module)
    if here == "nitet":
        return []
    problems = []
    for line, target in imports_of(source):
        there = package_of(target)
        if there in ("nitet", here):
            continue
        if there not in RANK:
            problems.append(f"{module}:{line} imports {target}: package '{there}' has no layer in LAYERS")
        elif RANK[there] >= RANK[here]:
            problems.append(f"{module}:{line} imports {target}: '{here}' may not import '{there}'")
    return problems


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        out.append((".".join(rel.parts), path))
    return out


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages - set(RANK) == set()
    loose = sorted(p.name for p in SRC.glob("*.py") if p.stem not in TOP)
    assert loose == [], "a module beside the packages: put it in the layer it belongs to"


def test_no_package_imports_a_higher_layer() -> None:
    problems = [p for module, path in modules() for p in wrong_way(module, path.read_text(encoding="utf-8"))]
    assert problems == []


@pytest.mark.parametrize("module, source, complaint", [
    ("nitet.storage.loader", "def f():\n    from nitet.checks import run_checks\n", "'storage' may not import 'checks'"),
    ("nitet.domain.visits", "from nitet.cli import ui\n", "'domain' may not import 'cli'"),
    ("nitet.reports.krs", "from nitet.imports import values\n", "'reports' may not import 'imports'"),
    ("nitet.core.thai", "from nitet.model import Visit\n", "'core' may not import 'model'"),
    ("nitet.model.visit", "from nitet import store\n", "'store' has no layer"),
])
def test_the_layer_check_catches_an_arrow_the_wrong_way(module: str, source: str, complaint: str) -> None:
    assert any(complaint in p for p in wrong_way(module, source))


def test_an_arrow_down_the_layers_is_fine() -> None:
    assert wrong_way("nitet.commands.visit", "from nitet.domain import visits\nfrom nitet.cli import ui\n") == []
    assert wrong_way("nitet.storage.loader", "from nitet import __version__\nfrom nitet.model import KINDS\n") == []


def test_no_module_is_long_without_saying_why() -> None:
    long = []
    for module, path in modules():
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > MAX_LINES and "long because" not in doc:
            long.append(f"{module}: {text.count(chr(10))} lines")
    assert long == []
