"""A place named by its standard address's text, looked up by exact normalised match."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from community_policing.errors import NotFoundError, ValidationError, shown
from community_policing.graph._walk import node_data
from community_policing.model.addresses import normalize_address

if TYPE_CHECKING:
    from community_policing.graph._adjacency import Store

_NEAR = 3


def _index(store: Store) -> dict[str, list[str]]:
    if store.places is None:
        store.places = {}
        for key, data in store.node.items():
            if data["kind"] == "standard_address":
                text = normalize_address(data["model"].text)
                store.places.setdefault(text, []).append(key)
    return store.places


def _is_text(place: object) -> bool:
    return isinstance(place, str) and ":" not in place and any(ord(c) > 0x2E7F for c in place)


def place_key(store: Store, place: object) -> str:
    """``place`` if it is a node key; the key of the address whose text it is, if it is one.

    Address text is matched exactly after :func:`normalize_address`; a miss names the nearest
    addresses by their keys, never by their text.
    """
    if isinstance(place, str) and place in store.node:
        return place
    if not _is_text(place):
        node_data(store, place)  # raises the error for a key that names nothing
    assert isinstance(place, str)  # noqa: S101  (_is_text)
    index = _index(store)
    text = normalize_address(place)
    found = index.get(text, [])
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            entity="graph",
            field="place",
            rule="ambiguous_address",
            reason="addresses " + ", ".join(shown(k) for k in found) + " share that text",
        )
    near = difflib.get_close_matches(text, _candidates(index, text), n=_NEAR, cutoff=0.6)
    keys = [key for match in near for key in index[match]][:_NEAR]
    hint = "near: " + ", ".join(shown(key) for key in keys) if keys else "nothing near it"
    raise NotFoundError("standard_address", place, hint=hint, quiet=True)


def _candidates(index: dict[str, list[str]], text: str) -> list[str]:
    """The indexed texts worth comparing: those sharing the first characters, else all few."""
    for width in (6, 4, 2):
        sharing = [t for t in index if t[:width] == text[:width]]
        if sharing:
            return sharing[:5000]
    return list(index)[:5000]
