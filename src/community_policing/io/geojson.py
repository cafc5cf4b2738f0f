"""GeoJSON (RFC 7946) out and in: the map's layers as FeatureCollections, boundaries read back.

:func:`feature_collection` writes areas (their boundary in force on a day), buildings,
standard addresses and organisations (their point) as Features whose ``id`` is the node key and
whose properties are the entity's fields with ``layer`` (its kind) and the layer's Chinese name
(``layer_zh``), and for an area
the posts covering it and who holds them. It reads the graph as the audience may see it,
exactly as the graph exports do: the public and a volunteer see no one's residence; an officer
or a grid worker, given as an :class:`~community_policing.model.audit.Access` (audited once),
also sees who lives at each standard address. :func:`record_features` writes cameras, incidents
and 110 calls that have a point.

:func:`apply_geojson` reads boundaries and points back into a jurisdiction, matching each
Feature to an entity by its ``id`` (a node key, or ``properties.layer`` and ``properties.id``);
every problem of the collection is reported at once, at its feature index.

Nothing here needs the ``geo`` extra: GeoJSON is JSON.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> layer = feature_collection(graph, kinds=["police_grid"], as_of=date(2025, 1, 1))
    >>> first = layer["features"][0]
    >>> first["id"], first["geometry"]["type"], first["properties"]["layer_zh"]
    ('police_grid:pg-01', 'Polygon', '警格')
    >>> [post["role"] for post in first["properties"]["posts"]]
    ['resident_auxiliary']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import DocumentError, Problem, ValidationError, shown
from community_policing.graph import CommunityGraph, holdings, redacted_parts
from community_policing.io._converter import json_type, parse
from community_policing.io.json import to_data
from community_policing.model import validators as v
from community_policing.model.boundaries import BOUNDED_KINDS, AreaBoundary, Boundary
from community_policing.model.coordinates import GeoPoint
from community_policing.model.jurisdiction import COLLECTION_OF_KIND, Jurisdiction
from community_policing.model.periods import Period
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import AreaKind, Audience, Relation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.model.audit import Access

__all__ = ["MAP_KINDS", "apply_geojson", "feature_collection", "record_features"]

_AREAS = tuple(kind.value for kind in AreaKind if kind in BOUNDED_KINDS)
_POINTS = ("building", "standard_address", "organization")
#: Every kind :func:`feature_collection` can draw: the areas, then the kinds with a point.
MAP_KINDS: tuple[str, ...] = (*_AREAS, *_POINTS)
_LABELS_ZH = {
    **{kind.value: kind.zh for kind in AreaKind},
    "organization": "单位",
    "camera": "视频探头",
    "incident": "警情",
    "call": "110接警",
}


def feature_collection(
    graph: CommunityGraph,
    *,
    kinds: Iterable[str] | None = None,
    as_of: date | None = None,
    audience: Audience | Access = Audience.PUBLIC,
    query: str = "map",
) -> dict[str, Any]:
    """The graph's areas and located places as a GeoJSON FeatureCollection.

    Args:
        graph: The graph.
        kinds: The kinds to draw, from :data:`MAP_KINDS` (default: all of them). Only areas
            drawn on ``as_of`` and places with a point are written.
        as_of: The day (default: today): boundaries in force, entities existing, posts held.
        audience: Who the map is for, as for every export (the public by default).
        query: What the map is for, for the audit record of a privileged audience.

    Raises:
        ValidationError: an unknown kind, a bad day, or an audience that is neither.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> public = feature_collection(graph, kinds=["standard_address"])
        >>> "residents" in public["features"][0]["properties"]
        False
        >>> officer = feature_collection(graph, kinds=["standard_address"],
        ...                              as_of=date(2025, 1, 1),
        ...                              audience=Access("p-wang-jun", "走访"))
        >>> len(officer["features"][1]["properties"]["residents"])
        2
    """
    chosen = _kinds(kinds)
    if as_of is None:
        as_of = date.today()  # noqa: DTZ011  (a calendar date, as the queries take it)
    v.require_date(as_of, entity="feature_collection", field="as_of")
    nodes, edges, drawings = redacted_parts(graph, audience, query=query)
    seen = CommunityGraph.from_parts(
        id=graph.id, name=graph.name, nodes=nodes, edges=edges, boundaries=drawings
    )
    privileged = not isinstance(audience, Audience)
    residents = _residents(seen, edges, as_of) if privileged else {}
    outlines = {str(d.area): d.boundary for d in drawings if d.period.contains(as_of)}
    features = []
    for kind in chosen:
        for model in seen.entities(kind, as_of=as_of):
            key = f"{kind}:{model.id}"
            if kind in _AREAS:
                outline = outlines.get(key)
                if outline is None:
                    continue
                properties = _properties(kind, model)
                properties["posts"] = _posts(seen, key, as_of)
                features.append(_feature(key, outline.geojson(), properties))
            elif model.location is not None:
                properties = _properties(kind, model)
                if kind == "standard_address" and privileged:
                    properties["residents"] = residents.get(model.id, [])
                features.append(_feature(key, _point(model.location), properties))
    return {"type": "FeatureCollection", "features": features}


def _kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    if kinds is None:
        return MAP_KINDS
    chosen = tuple(kinds) if not isinstance(kinds, str) else (kinds,)
    for index, kind in enumerate(chosen):
        if kind not in MAP_KINDS:
            raise ValidationError(
                entity="feature_collection",
                field=f"kinds[{index}]",
                rule="allowed_values",
                reason=f"{shown(kind)} is not a kind a map draws",
            )
    return chosen


def _properties(kind: str, model: Any) -> dict[str, Any]:
    written = to_data(model)
    written.pop("location", None)
    return {"layer": kind, "layer_zh": _LABELS_ZH.get(kind), **written}


def _posts(graph: CommunityGraph, area: str, day: date) -> list[dict[str, Any]]:
    return [
        {"post": h.post, "role": h.role.value, "role_zh": h.role.zh, "holder": h.name}
        for h in holdings(graph, area, as_of=day)
    ]


def _residents(
    graph: CommunityGraph, edges: list[tuple[str, str, Relation, Any]], day: date
) -> dict[str, list[dict[str, Any]]]:
    """Who lives at each standard address on ``day`` (for a privileged audience only)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for source, target, relation, record in edges:
        if relation is Relation.LIVES_IN and record.is_active(day):
            address = graph.entity(target).address
            person = graph.entity(source)
            found.setdefault(address, []).append({"person": person.id, "name": person.name})
    return found


def _feature(key: str, geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": key, "geometry": geometry, "properties": properties}


def _point(location: GeoPoint) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [location.lon, location.lat]}


def record_features(records: Iterable[Any]) -> dict[str, Any]:
    """Cameras, incidents, 110 calls (any record with a ``location``) as a FeatureCollection.

    Records without a point are left out; each Feature's ``id`` is ``"<kind>:<id>"``.

    Raises:
        ValidationError: a record has no ``location`` field.

    Examples:
        >>> from community_policing import AreaRef, GeoPoint
        >>> from community_policing.prevention import Camera
        >>> gate = Camera("cam-1", AreaRef.parse("community:c-ximen"), description="东门",
        ...               location=GeoPoint(116.561, 35.411), radius_m=40)
        >>> record_features([gate])["features"][0]["properties"]["radius_m"]
        40.0
    """
    features = []
    for index, record in enumerate(records):
        if not attrs.has(type(record)) or "location" not in attrs.fields_dict(type(record)):
            raise ValidationError(
                entity="record_features",
                field=f"records[{index}]",
                rule="type",
                reason=f"a {type(record).__name__} has no location",
            )
        if record.location is not None:
            kind = type(record).KIND
            properties = _properties(kind, record)
            features.append(_feature(f"{kind}:{record.id}", _point(record.location), properties))
    return {"type": "FeatureCollection", "features": features}


def apply_geojson(
    jurisdiction: Jurisdiction, collection: object, *, valid_from: date
) -> Jurisdiction:
    """The jurisdiction with the collection's boundaries and points in place.

    A Polygon or MultiPolygon Feature draws an area from ``valid_from`` (the area's drawing in
    force then ends that day); a Point Feature sets the ``location`` of a building, standard
    address or organisation.

    Args:
        jurisdiction: The document to update (it is not changed).
        collection: A FeatureCollection: parsed, or its JSON text.
        valid_from: The day the boundaries hold from.

    Raises:
        DocumentError: every problem of the collection, at ``$.features[i]``: an unknown or
            repeated entity, a geometry of the wrong type for its entity or not on the earth,
            a drawing that would not follow the area's latest.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> town = sample.jurisdiction()
        >>> layer = feature_collection(CommunityGraph.from_jurisdiction(town),
        ...                            kinds=["police_grid"], as_of=date(2025, 1, 1))
        >>> redrawn = apply_geojson(town, layer, valid_from=date(2026, 1, 1))
        >>> len(redrawn.boundaries) - len(town.boundaries)
        4
        >>> layer["features"][0]["id"] = "police_grid:pg-99"
        >>> apply_geojson(town, layer, valid_from=date(2026, 1, 1))
        Traceback (most recent call last):
        ...
        community_policing.errors.DocumentError: 1 problem in document:
          $.features[0].id: no police_grid with id 'pg-99'
    """
    v.require_date(valid_from, entity="apply_geojson", field="valid_from")
    if isinstance(collection, str | bytes):
        collection = parse(collection)
    return _apply(jurisdiction, _features(collection), valid_from)


def _features(collection: object) -> list[Any]:
    if type(collection) is not dict or collection.get("type") != "FeatureCollection":
        raise DocumentError([Problem("$.type", "type_tag", "expected a FeatureCollection")])
    features = collection.get("features")
    if type(features) is not list:
        found = json_type(features)
        raise DocumentError([Problem("$.features", "type", f"expected array, got {found}")])
    return features


class _FeatureError(Exception):
    """One feature's problem, raised where it is found and gathered with the others."""

    def __init__(self, path: str, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.problem = Problem(path, rule, reason)


def _apply(jurisdiction: Jurisdiction, features: list[Any], valid_from: date) -> Jurisdiction:
    ids = {
        kind: {entity.id: index for index, entity in enumerate(_entities(jurisdiction, kind))}
        for kind in MAP_KINDS
    }
    drawings = list(jurisdiction.boundaries)
    located: dict[str, dict[int, GeoPoint]] = {}
    seen: set[tuple[str, str]] = set()
    problems = []
    for index, feature in enumerate(features):
        where = f"$.features[{index}]"
        try:
            kind, ident = _target(feature, where, ids)
            if (kind, ident) in seen:
                raise _FeatureError(
                    f"{where}.id", "duplicate_id", "another feature names it already"
                )
            seen.add((kind, ident))
            geometry = feature.get("geometry")
            if kind in _AREAS:
                area = AreaRef(AreaKind(kind), ident)
                outline = _outline(geometry, f"{where}.geometry")
                drawings = _redrawn(drawings, area, outline, valid_from, where)
            else:
                point = _located(geometry, f"{where}.geometry")
                located.setdefault(kind, {})[ids[kind][ident]] = point
        except _FeatureError as refused:
            problems.append(refused.problem)
    if problems:
        raise DocumentError(problems)
    changed: dict[str, Any] = {
        COLLECTION_OF_KIND[kind]: tuple(
            attrs.evolve(entity, location=points[i]) if i in points else entity
            for i, entity in enumerate(_entities(jurisdiction, kind))
        )
        for kind, points in located.items()
    }
    return attrs.evolve(jurisdiction, boundaries=tuple(drawings), **changed)


def _entities(jurisdiction: Jurisdiction, kind: str) -> tuple[Any, ...]:
    entities: tuple[Any, ...] = getattr(jurisdiction, COLLECTION_OF_KIND[kind])
    return entities


def _target(feature: object, where: str, ids: dict[str, dict[str, int]]) -> tuple[str, str]:
    """The kind and id of the entity a feature names (its ``id``, else its properties')."""
    if type(feature) is not dict or feature.get("type") != "Feature":
        raise _FeatureError(f"{where}.type", "type_tag", "expected a Feature")
    key, at = feature.get("id"), f"{where}.id"
    if key is None:
        properties = feature.get("properties")
        if type(properties) is dict and type(properties.get("layer")) is str:
            key, at = f"{properties['layer']}:{properties.get('id')}", f"{where}.properties"
    if type(key) is not str or ":" not in key:
        raise _FeatureError(at, "type", "expected an id '<kind>:<id>'")
    kind, _, ident = key.partition(":")
    if kind not in MAP_KINDS:
        raise _FeatureError(at, "type_tag", f"{shown(kind)} is not a kind a map draws")
    if ident not in ids[kind]:
        raise _FeatureError(at, "reference", f"no {kind} with id {shown(ident)}")
    return kind, ident


def _geometry(geometry: object, where: str, allowed: tuple[str, ...]) -> tuple[str, Any]:
    if type(geometry) is not dict or geometry.get("type") not in allowed:
        raise _FeatureError(f"{where}.type", "geometry", f"expected a {' or '.join(allowed)}")
    return geometry["type"], geometry.get("coordinates")


def _outline(geometry: object, where: str) -> Boundary:
    kind, coordinates = _geometry(geometry, where, ("Polygon", "MultiPolygon"))
    polygons = [coordinates] if kind == "Polygon" else coordinates
    try:
        return Boundary(polygons)
    except ValidationError as error:
        inside = (error.field or "").removeprefix("polygons")
        if kind == "Polygon":
            inside = inside.removeprefix("[0]")
        raise _FeatureError(f"{where}.coordinates{inside}", error.rule, error.reason) from None


def _located(geometry: object, where: str) -> GeoPoint:
    _, coordinates = _geometry(geometry, where, ("Point",))
    if type(coordinates) is not list or len(coordinates) != 2:
        raise _FeatureError(f"{where}.coordinates", "type", "a position is (longitude, latitude)")
    try:
        return GeoPoint(*coordinates)
    except ValidationError as error:
        raise _FeatureError(f"{where}.coordinates", error.rule, error.reason) from None


def _redrawn(
    drawings: list[AreaBoundary], area: AreaRef, outline: Boundary, day: date, where: str
) -> list[AreaBoundary]:
    """``drawings`` with the area's open drawing ended on ``day`` and the new one after."""
    kept = []
    for drawing in drawings:
        period = drawing.period
        if drawing.area == area:
            if period.start >= day or (period.end is not None and period.end > day):
                reason = f"the area has a drawing from {period.start.isoformat()}"
                raise _FeatureError(f"{where}.id", "one_boundary", reason)
            if period.end is None:
                drawing = AreaBoundary(area, drawing.boundary, period.ended(day))  # noqa: PLW2901
        kept.append(drawing)
    return [*kept, AreaBoundary(area, outline, Period(day))]
