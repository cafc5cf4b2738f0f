"""Build a small community from scratch, save it as JSON, load it back and check it.

Run it with ``python examples/build_and_save.py [OUTPUT.json]``.
"""

import sys
import tempfile
from datetime import date
from pathlib import Path

import community_policing as cp


def build() -> cp.Jurisdiction:
    """One station, one policing district, one police grid made of one village."""
    start = date(2024, 1, 1)
    return cp.Jurisdiction(
        id="shedong",
        name="社东村",
        sub_bureaus=(cp.SubBureau(id="sb-1", name="盐湖分局"),),
        police_stations=(cp.PoliceStation(id="ps-1", name="解州派出所", sub_bureau="sb-1"),),
        policing_districts=(cp.PolicingDistrict(id="pd-1", name="东片警务区", station="ps-1"),),
        police_grids=(cp.PoliceGrid(id="pg-1", name="社东警格", district="pd-1"),),
        communities=(
            cp.Community(
                id="v-shedong",
                name="社东村",
                kind=cp.CommunityKind.ADMINISTRATIVE_VILLAGE,
                setting=cp.AreaSetting.RURAL,
                population=2100,
                police_grid="pg-1",
            ),
        ),
        management_grids=(cp.ManagementGrid(id="mg-1", name="社东村网格", community="v-shedong"),),
        buildings=(cp.Building(id="b-1", name="12号院", management_grid="mg-1"),),
        standard_addresses=(cp.StandardAddress(id="a-1", text="社东村12号", building="b-1"),),
        households=(cp.Household(id="h-1", address="a-1"),),
        persons=(
            cp.Person(id="p-aux", name="李强", phone="13900001111"),
            cp.Person(id="p-grid", name="周敏"),
            cp.Person(id="p-res", name="吕大", id_card_number="11010519491231002X"),
        ),
        residences=(
            cp.Residence(id="r-1", person="p-res", household="h-1", period=cp.Period(start)),
        ),
        posts=(
            cp.Post(
                id="post-aux",
                role=cp.Role.RESIDENT_AUXILIARY,
                area=cp.AreaRef(cp.AreaKind.POLICE_GRID, "pg-1"),
            ),
            cp.Post(
                id="post-grid",
                role=cp.Role.GRID_WORKER,
                area=cp.AreaRef(cp.AreaKind.MANAGEMENT_GRID, "mg-1"),
            ),
        ),
        memberships=(
            cp.Membership(id="m-1", person="p-aux", post="post-aux", period=cp.Period(start)),
            cp.Membership(id="m-2", person="p-grid", post="post-grid", period=cp.Period(start)),
        ),
    )


def main() -> None:
    """Build, save, reload and compare."""
    village = build()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(folder) / "shedong.json"
        cp.dump(village, target, indent=True)
        again = cp.load(target, cp.Jurisdiction)
        print(f"saved {target.name}: {target.stat().st_size} bytes")
    if again != village:
        raise SystemExit("the round trip lost data")
    print(f"reloaded {again!r}")
    print("round trip equal: True")


if __name__ == "__main__":
    main()
