"""The levels above the community and consistent codes, drawn onto a whole jurisdiction.

One county (and, for most draws, its codes) holds one or two streets or towns; each community
is in one of them; every code a child carries extends its parent's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from community_policing.model.territory import County, Township
from community_policing.model.vocab import TownshipKind
from community_policing.testing.strategies.codes import (
    community_codes,
    credit_codes,
    division_codes,
    township_codes,
)

if TYPE_CHECKING:
    from community_policing.model.jurisdiction import Jurisdiction


def with_divisions(draw: st.DrawFn, doc: Jurisdiction) -> Jurisdiction:
    """``doc`` with a county, its streets or towns, and (in most draws) codes at every level.

    A jurisdiction without communities is left as it is (an empty one stays empty).
    """
    if not doc.communities:
        return doc
    coded = draw(st.integers(0, 3)) > 0
    county_code = draw(division_codes()) if coded else None
    sub_bureau = doc.sub_bureaus[0] if doc.sub_bureaus else None
    county = County(
        id="cty-0",
        name="示例县",
        code=county_code,
        sub_bureau=None if sub_bureau is None else sub_bureau.id,
    )
    station = doc.police_stations[0].id if doc.police_stations else None
    kinds = draw(st.lists(st.sampled_from(TownshipKind), min_size=1, max_size=2))
    townships = tuple(
        Township(
            id=f"t-{index}",
            name="示例镇",
            county=county.id,
            kind=kind,
            code=draw(township_codes(county=county_code, kind=kind)) if coded else None,
            station=station,
        )
        for index, kind in enumerate(kinds)
    )
    taken: set[str] = set()
    communities = []
    for index, community in enumerate(doc.communities):
        township = townships[index % len(townships)]
        code = None
        if coded:
            code = draw(community_codes(township=township.code).filter(lambda c: c not in taken))
            taken.add(code)
        communities.append(attrs.evolve(community, township=township.id, code=code))
    return attrs.evolve(
        doc,
        counties=(county,),
        townships=townships,
        communities=tuple(communities),
        **(_coded(draw, doc, communities, county_code) if coded else {}),
    )


def _coded(
    draw: st.DrawFn, doc: Jurisdiction, communities: list[Any], county_code: str | None
) -> dict[str, Any]:
    """Codes for the police organs, the management grids and the organisations."""
    code_of = {community.id: community.code for community in communities}
    grids = tuple(
        attrs.evolve(grid, code="000000" + code_of[grid.community] + f"{index % 100:02d}")
        for index, grid in enumerate(doc.management_grids)
    )
    organs = {
        "sub_bureaus": tuple(
            attrs.evolve(bureau, code=f"{county_code}{index:06d}")
            for index, bureau in enumerate(doc.sub_bureaus)
        ),
        "police_stations": tuple(
            attrs.evolve(station, code=f"{county_code}5{index:05d}")
            for index, station in enumerate(doc.police_stations)
        ),
    }
    organizations = tuple(
        attrs.evolve(organization, credit_code=draw(st.one_of(st.none(), credit_codes())))
        for organization in doc.organizations
    )
    return {"management_grids": grids, "organizations": organizations, **organs}
