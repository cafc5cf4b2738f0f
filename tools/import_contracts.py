"""An import-linter contract of the project's own: private names never cross a subpackage.

import-linter's ``private_modules`` contract keeps private *modules* (``_name.py``) inside their
parent package. This contract does the same for private *names* (``from x import _helper``): a
name that starts with an underscore may be imported only by modules of the subpackage that
defines it, where a subpackage is the first level below the root package (a module directly
under the root is a subpackage of its own).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from importlinter import Contract, ContractCheck, fields, output

if TYPE_CHECKING:
    import grimp


def _subpackage(module: str, root: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 and parts[0] == root else module


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _source(module: str) -> tuple[Path, str] | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    path = Path(spec.origin)
    return path, path.read_text(encoding="utf-8")


def _absolute(module: str, node: ast.ImportFrom, *, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


class PrivateNamesContract(Contract):
    """Private names (``_name``) are imported only within the subpackage that defines them."""

    type_name = "private_names"

    root = fields.StringField()

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:  # noqa: ARG002, FBT001
        """Every import of a private name from another subpackage breaks the contract."""
        root = str(self.root)
        found: list[str] = []
        for module in sorted(graph.modules):
            if module != root and not module.startswith(root + "."):
                continue
            located = _source(module)
            if located is None:
                continue
            path, text = located
            is_package = path.name == "__init__.py"
            for node in ast.walk(ast.parse(text)):
                if not isinstance(node, ast.ImportFrom):
                    continue
                source = _absolute(module, node, is_package=is_package)
                if not source.startswith(root + "."):
                    continue
                if _subpackage(source, root) == _subpackage(module, root):
                    continue
                found.extend(
                    f"{module} -> {source}.{alias.name} (l.{node.lineno})"
                    for alias in node.names
                    if _is_private(alias.name)
                )
        return ContractCheck(kept=not found, metadata={"crossings": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """List every crossing with its line."""
        output.print_error("Private names imported from another subpackage:", bold=False)
        output.new_line()
        for crossing in check.metadata["crossings"]:
            output.print_error(f"- {crossing}", bold=False)
            output.new_line()
