"""The layout stays readable: no module over 300 lines, no function over 50, and the layers of
src/mssnews import downwards only (facts and rules know nothing of the recognizers, the
recognizers nothing of outputs, runs or the CLI)."""
import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "mssnews"
MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_and_function_sizes(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 300
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 50]
    assert long == []


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mssnews"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("mssnews"))
    return out


# Each folder (or top module) and what it must never import.
NEVER = {
    "facts": ("mssnews.recognizers", "mssnews.rules", "mssnews.output", "mssnews.runs", "mssnews.cli", "mssnews.pipeline",
              "mssnews.api"),
    "rules": ("mssnews.recognizers", "mssnews.output", "mssnews.runs", "mssnews.cli", "mssnews.pipeline", "mssnews.api"),
    "recognizers": ("mssnews.output", "mssnews.runs", "mssnews.cli", "mssnews.pipeline", "mssnews.api"),
    "output": ("mssnews.cli", "mssnews.recognizers.people", "mssnews.pipeline"),
}


@pytest.mark.parametrize("layer", sorted(NEVER))
def test_layers_import_downwards(layer):
    bad = []
    for path in (SRC / layer).rglob("*.py"):
        for module in _imports(path):
            if module.startswith(NEVER[layer]):
                bad.append((str(path.relative_to(SRC)), module))
    assert bad == []
