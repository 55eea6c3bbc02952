"""Layers and folders: no import cycles among contractkg modules (function-local imports included, so
none can hide one), domain modules don't build the CLI, and ingest keeps its subpackages."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PKG = Path(__file__).resolve().parents[1] / "contractkg"


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every contractkg module ``path`` imports, at any depth of the file (``from a import b`` counts b
    when b is a module, else a)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in modules else node.module)
    return {m for m in found if m in modules}


def import_graph() -> nx.DiGraph:
    files = sorted(PKG.rglob("*.py"))
    modules = {module_name(f) for f in files}
    g = nx.DiGraph()
    for f in files:
        src = module_name(f)
        g.add_node(src)
        for dst in imports_of(f, modules):
            # a package's __init__ is imported by its submodules implicitly; only count real edges
            if dst != src:
                g.add_edge(src, dst)
    return g


def test_no_import_cycles() -> None:
    g = import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_a_cycle(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("def f():\n    from contractkg.b import g\n")
    b.write_text("from contractkg import a\n")
    mods = {"contractkg.a", "contractkg.b"}
    assert imports_of(a, mods) == {"contractkg.b"} and imports_of(b, mods) == {"contractkg.a"}


def test_domain_modules_do_not_build_the_cli() -> None:
    """Only contractkg/cli/ imports typer: domain modules return data, the CLI presents it."""
    offenders = [str(f.relative_to(PKG)) for f in PKG.rglob("*.py")
                 if "cli" not in f.relative_to(PKG).parts[:1] and "import typer" in f.read_text(encoding="utf-8")]
    assert not offenders, offenders


def test_ingest_is_layered_in_subpackages() -> None:
    flat = sorted(p.name for p in (PKG / "ingest").glob("*.py"))
    assert flat == ["__init__.py", "budget.py", "components.py", "document.py", "extract.py", "language.py",
                    "lexicon.py", "pattern_cache.py"], flat
    for pkg in ("load", "structure", "lexical", "parties", "inventory", "transfers", "jurisdiction", "obligations",
                "deadlines"):
        assert (PKG / "ingest" / pkg / "__init__.py").is_file(), pkg


def test_architecture_doc_is_generated_from_the_registry() -> None:
    from contractkg.architecture import render

    doc = (PKG.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert doc == render(), "docs/architecture.md is stale: python -m contractkg.architecture > docs/architecture.md"
    from contractkg.ingest.extract import PIPELINE

    for c in PIPELINE:
        assert f"| {c.name} |" in doc
