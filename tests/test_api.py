import importlib
import importlib.metadata
import inspect
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import community_policing
from community_policing import errors, graph, io, model

DOCS = Path(__file__).parent.parent / "docs"


def public_modules():
    """Every module of the package whose dotted name has no private part."""
    found = [community_policing]
    for info in pkgutil.walk_packages(community_policing.__path__, "community_policing."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        found.append(importlib.import_module(info.name))
    return found


def defined_here(module):
    """The public classes and functions a module defines itself (not re-exports)."""
    return [
        name
        for name in module.__all__
        if (inspect.isclass(obj := getattr(module, name)) or inspect.isfunction(obj))
        and obj.__module__ == module.__name__
    ]


def test_every_public_module_has_a_sorted_complete_all():
    for module in public_modules():
        exported = module.__all__
        assert list(exported) == sorted(exported), module.__name__
        assert len(set(exported)) == len(exported), module.__name__
        for name in exported:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_the_root_is_the_model_the_graph_json_and_the_errors():
    json_functions = {"SCHEMA_VERSION", "dump", "dumps", "from_data", "load", "loads", "to_data"}
    namespaces = {
        name
        for name in community_policing.__all__
        if inspect.ismodule(getattr(community_policing, name))
    }
    assert set(community_policing.__all__) == (
        set(errors.__all__)
        | set(model.__all__)
        | set(graph.__all__)
        | json_functions
        | namespaces
        | {"__version__"}
    )
    assert json_functions < set(io.__all__)
    assert {"mediation", "services", "planning", "sample", "plotting", "testing"} <= namespaces


def test_every_public_name_is_reachable_from_its_namespace():
    for module in public_modules():
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                home = importlib.import_module(value.__module__)
                assert getattr(home, value.__name__) is value, f"{module.__name__}.{name}"


def test_every_public_class_and_function_has_a_runnable_example():
    missing = [
        f"{module.__name__}.{name}"
        for module in public_modules()
        for name in defined_here(module)
        if ">>>" not in (inspect.getdoc(getattr(module, name)) or "")
    ]
    assert missing == []


def test_every_public_module_has_an_example_and_is_in_the_api_reference():
    reference = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.glob("api*.md"))
    reference += "\n".join(path.read_text(encoding="utf-8") for path in (DOCS / "api").glob("*.md"))
    documented = set(re.findall(r"automodule:: (community_policing[\w.]*)", reference))
    for module in public_modules():
        assert ">>>" in (module.__doc__ or ""), module.__name__
        if defined_here(module) or module is community_policing:
            assert module.__name__ in documented, module.__name__


def test_the_version_comes_from_the_package_metadata():
    assert community_policing.__version__ == importlib.metadata.version("community_policing")


def test_importing_the_root_leaves_the_heavy_and_optional_parts_unloaded():
    heavy = [
        "hypothesis",
        "matplotlib",
        "highspy",
        "community_policing.io.graphs",
        "community_policing.plotting",
        "community_policing.sample",
        "community_policing.cli",
        "community_policing.testing.strategies",
    ]
    code = f"import sys, community_policing; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_lazy_namespaces_load_on_first_use():
    code = (
        "import sys, community_policing as cp; "
        "print(cp.sample.jurisdiction().id, cp.io.graphs.__name__, "
        "'community_policing.cli' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["sample-county", "community_policing.io.graphs", "False"]


def test_unknown_root_attributes_are_refused():
    with pytest.raises(AttributeError, match="no_such_name"):
        community_policing.no_such_name  # noqa: B018


def test_every_strategy_has_a_runnable_example():
    strategies = importlib.import_module("community_policing.testing.strategies")
    missing = [
        name
        for name in strategies.__all__
        if inspect.isfunction(getattr(strategies, name))
        and ">>>" not in (inspect.getdoc(getattr(strategies, name)) or "")
    ]
    assert missing == []
