import os
import sys

import pytest
from hypothesis import HealthCheck, settings

from community_policing import CommunityGraph, sample

# CI runs derandomised so that a red build reproduces; developers get fresh examples.
settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def graph():
    """A fresh graph of the embedded sample (tests may change it)."""
    return CommunityGraph.from_jurisdiction(sample.jurisdiction())


@pytest.fixture
def missing(monkeypatch):
    """Make optional packages look uninstalled: ``missing("matplotlib")`` for one test."""

    def hide(*packages):
        for name in list(sys.modules):
            if name.split(".")[0] in packages:
                monkeypatch.setitem(sys.modules, name, None)
        for package in packages:
            monkeypatch.setitem(sys.modules, package, None)

    return hide
