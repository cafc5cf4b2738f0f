"""The hypothesis entry point: registers a strategy for ``st.from_type`` of every model.

hypothesis calls :func:`_hypothesis_setup_hook` when it is first imported, through the
``hypothesis`` entry point declared in ``pyproject.toml``. That may happen while
:mod:`community_policing.testing.strategies` itself is being imported, so the strategies are
registered as deferred: the module is only looked up when a strategy is first drawn. The models
are read from the registry (:mod:`community_policing.model.registry`), so a model registered
there is drawable without any list here; a host's own model, which no strategy here draws, is
left to hypothesis' inference from its fields.
"""

from __future__ import annotations

import importlib
from typing import Any


def _deferred(model: type[Any]) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415  (hypothesis is being set up)

    def build() -> Any:
        strategies = importlib.import_module("community_policing.testing.strategies")
        try:
            return strategies.strategy_for(model)
        except LookupError:
            # a host's own registered model: hypothesis infers it from its fields
            return st.builds(model)

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415  (hypothesis is being set up)

    from community_policing.graph import CommunityGraph  # noqa: PLC0415
    from community_policing.model import registry  # noqa: PLC0415
    from community_policing.model.territory import AreaRef  # noqa: PLC0415

    for entry in registry.entries():
        st.register_type_strategy(entry.cls, _deferred(entry.cls))
    # values that are not documents of their own
    for value in (AreaRef, CommunityGraph):
        st.register_type_strategy(value, _deferred(value))
