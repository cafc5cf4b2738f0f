"""The catalog of the five source systems: every value sourced, the sources' figures, copies."""

import json
import warnings
from datetime import date

import attrs
import pytest
from matplotlib import font_manager

import community_policing as cp
from community_policing import (
    CommunityGraph,
    MissingExtraError,
    NotFoundError,
    ValidationError,
    sample,
)
from community_policing.catalog import (
    SYSTEMS,
    Figure,
    OpenPoint,
    Parameter,
    SourceSystem,
    plots,
    system,
)
from community_policing.policies import check

# The figures the sources report (domain brief §5–§8 and the issue), entry by entry.
PUBLISHED = {
    "jining-shizhong": {
        "police_districts": 65,
        "community_officers": 71,
        "ximen_buildings": 95,
        "ximen_residents": 9600,
        "floor_plans": 400,
        "volunteers": 56,
    },
    "tieshan": {
        "offices": 14,
        "officers": 16,
        "auxiliaries": 28,
        "proxy_services": 817,
        "appointments": 241,
        "deliveries": 538,
        "cameras": 16,
        "camera_communities": 2,
        "video_monitors": 6,
        "disputes_resolved": 1127,
    },
    "jiayuan": {
        "compounds": 9,
        "households": 4000,
        "people": 15023,
        "teams": 6,
        "school_sessions": 6,
        "fraud_stopped": 20000,
        "mediation_rate": 99,
    },
    "hubin": {
        "zones": 8,
        "companies": 54,
        "guards": 394,
        "zones_covered_all_day": 8,
        "return_events": 20,
    },
    "yuncheng": {
        "kaolao_districts": 3,
        "kaolao_grids": 13,
        "leads": 5300,
        "resolution_rate": 98.66,
        "brothers_tier": 2,
    },
}


@pytest.mark.parametrize("entry", SYSTEMS, ids=lambda entry: entry.id)
def test_every_value_names_its_source(entry):
    for value in (*entry.parameters, *entry.figures, *entry.open_points):
        assert value.source == entry.source, value.key
    for formula in entry.formulas:
        assert formula.source == entry.source, formula.id
    if entry.ladder is not None:
        assert entry.ladder.source == entry.source
    assert f"source {entry.number}" in entry.source


@pytest.mark.parametrize("entry", SYSTEMS, ids=lambda entry: entry.id)
def test_the_entries_carry_the_sources_figures(entry):
    for key, value in PUBLISHED[entry.id].items():
        assert entry.figure(key).value == value


def test_systems_are_found_by_id_number_and_short_name():
    assert [entry.number for entry in SYSTEMS] == ["000", "001", "002", "003", "004"]
    assert system("Yuncheng ") is system("004") is cp.catalog.YUNCHENG
    assert system("1334") is system("jining") is system("jining-shizhong")
    with pytest.raises(NotFoundError) as caught:
        system("fengqiao")
    assert "tieshan" in str(caught.value)
    yuncheng = system("yuncheng")
    assert yuncheng.formula("1+1+N").core.label == "officer or auxiliary"
    assert yuncheng.parameter("urban_cap").value == 5000
    for lookup in (yuncheng.figure, yuncheng.parameter, yuncheng.formula):
        with pytest.raises(NotFoundError):
            lookup("nothing")


def test_what_a_source_leaves_undefined_stays_a_named_point_without_a_rule():
    jining = system("jining")
    points = {point.key: point for point in jining.open_points}
    assert {"framework_1_2_n", "three_mechanisms", "four_drivers"} <= set(points)
    assert not any(hasattr(point, "value") for point in points.values())
    assert "1+2+N" in points["framework_1_2_n"].title_zh


def test_figures_are_shown_as_the_sources_write_them():
    yuncheng = system("yuncheng")
    assert yuncheng.figure("resolution_rate").shown == "98.66 %"
    assert yuncheng.figure("leads").shown == "5,300+"
    assert system("tieshan").figure("robbery_change").shown == "-47.3 %"


def test_a_copy_is_checked_like_the_original():
    yuncheng = system("yuncheng")
    mine = attrs.evolve(yuncheng, id="my-county", name="my county")
    assert mine.figures == yuncheng.figures
    bad = [
        {"parameters": yuncheng.parameters * 2},
        {"figures": (*yuncheng.figures, yuncheng.figures[0])},
        {"formulas": ("1+1+N",)},
        {"checks": ("one_grid_one_officer",)},
        {"ladder": "yuncheng-three-tiers"},
        {"referrals": {"land": "court"}},
        {"id": "my county"},
    ]
    for changes in bad:
        with pytest.raises(ValidationError):
            attrs.evolve(mine, **changes)
    with pytest.raises(ValidationError):
        Parameter("flag", "a flag", "标志", value=True, source="mine")
    with pytest.raises(ValidationError):
        Figure("share", "a share", "比例", "99", source="mine")
    with pytest.raises(ValidationError):
        Figure("share", "a share", "比例", 99)
    with pytest.raises(ValidationError):
        OpenPoint("x", "x", "x", "", "mine")
    assert isinstance(mine, SourceSystem)


def test_an_entrys_checks_run_on_any_jurisdiction():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    for entry in SYSTEMS:
        report = check(graph, checks=entry.checks, as_of=date(2025, 1, 1))
        assert set(report.checks) == {each.id for each in entry.checks}


def test_tieshans_example_gives_the_sources_figures_by_measuring_them():
    tieshan = cp.catalog.example("tieshan")
    rows = {row.figure.key: row for row in cp.catalog.reproduce(system("tieshan"), tieshan)}
    assert {key for key, row in rows.items() if not row.reproduced} == {"robbery_change"}
    assert rows["robbery_change"].measured is None
    for key, value in PUBLISHED["tieshan"].items():
        assert rows[key].measured == value, key
    assert cp.catalog.example("tieshan") == tieshan  # the same seed, the same example
    other = cp.catalog.example("tieshan", seed=1)
    assert other != tieshan
    assert {
        row.figure.key for row in cp.catalog.reproduce(system("tieshan"), other) if row.reproduced
    } == {k for k, r in rows.items() if r.reproduced}


def test_a_figure_is_reproduced_only_when_the_measure_gives_it():
    leads = system("yuncheng").figure("leads")  # "5,300+": at least
    check_of = cp.catalog.FigureCheck
    assert check_of(leads, 5301).reproduced
    assert not check_of(leads, 5299).reproduced
    assert not check_of(leads, None).reproduced
    # the entry measures any records its way: Tieshan's have no brothers' dispute
    rows = {
        row.figure.key: row
        for row in cp.catalog.reproduce(system("yuncheng"), cp.catalog.example("tieshan"))
    }
    assert rows["leads"].measured == 1127
    assert rows["brothers_tier"].measured is None
    # an entry under an id of one's own has no measures of the five
    own = attrs.evolve(system("yuncheng"), id="my-county")
    assert all(
        row.measured is None for row in cp.catalog.reproduce(own, cp.catalog.example("yuncheng"))
    )


@pytest.mark.parametrize("entry", SYSTEMS, ids=lambda entry: entry.id)
def test_every_system_has_an_example_that_gives_every_figure_it_can_measure(entry):
    built = cp.catalog.example(entry.id)
    rows = cp.catalog.reproduce(entry, built)
    missed = [row.figure.key for row in rows if not row.reproduced]
    assert missed == (["robbery_change"] if entry.id == "tieshan" else [])
    board = cp.catalog.dashboard(entry, built, as_of=date(2024, 1, 1))
    assert board.checks.failed == ()
    with pytest.raises(ValidationError):
        cp.catalog.Records(built.jurisdiction, ledger=built.cases)


def test_jinings_example_draws_a_plan_of_every_ximen_building_and_gathers_the_group():
    jining = cp.catalog.example("jining", seed=4)
    rows = {row.figure.key: row for row in cp.catalog.reproduce(system("jining"), jining)}
    assert rows["floor_plans"].measured >= 400
    assert len(jining.floor_plans) == 95
    residents = {p for plan in jining.floor_plans for unit in plan.units for p in unit.residents}
    assert len(residents) == rows["ximen_residents"].measured >= 9600
    assert rows["volunteers"].measured == 56


def test_the_dashboard_speaks_both_languages_and_json():
    board = cp.catalog.dashboard(
        system("tieshan"), cp.catalog.example("tieshan"), as_of=date(2024, 1, 1), seed=0
    )
    assert board.reproduced == len(board.figures) - 1
    assert "1,127" in board.to_text()
    assert "化解矛盾纠纷：来源 1,127，示例 1,127 ✓" in board.to_text("zh")
    data = json.loads(board.to_json())
    assert data["system"] == "tieshan"
    assert {row["key"]: row["measured"] for row in data["figures"]}["proxy_services"] == 817


def test_hubins_example_covers_every_zone_around_the_clock_with_its_guards():
    hubin = cp.catalog.example("hubin")
    rows = {row.figure.key: row for row in cp.catalog.reproduce(system("hubin"), hubin)}
    assert all(row.reproduced for row in rows.values())
    assert rows["guards"].measured == 394
    assert rows["return_events"].measured >= 20
    assert cp.catalog.example("hubin", seed=5).zones == hubin.zones


def test_jiayuans_example_is_a_fused_community_at_the_sources_scale():
    jiayuan = cp.catalog.example("jiayuan")
    rows = {row.figure.key: row for row in cp.catalog.reproduce(system("jiayuan"), jiayuan)}
    assert all(row.reproduced for row in rows.values()), [
        k for k, r in rows.items() if not r.reproduced
    ]
    assert rows["people"].measured == 15023
    assert rows["households"].measured >= 4000
    board = cp.catalog.dashboard(system("jiayuan"), jiayuan, as_of=date(2024, 1, 1), seed=0)
    assert board.checks.failed == ()
    assert "调解率：来源 99 %，示例 99 % ✓" in board.to_text("zh")


def test_yunchengs_example_plans_kaolao_and_mediates_its_leads():
    yuncheng = cp.catalog.example("yuncheng")
    rows = {row.figure.key: row for row in cp.catalog.reproduce(system("yuncheng"), yuncheng)}
    assert all(row.reproduced for row in rows.values())
    grids = yuncheng.jurisdiction.police_grids
    assert len(grids) == 13
    populations = {}
    for village in yuncheng.jurisdiction.communities:
        populations[village.police_grid] = populations.get(village.police_grid, 0) + (
            village.population
        )
    assert set(populations.values()) == {system("yuncheng").parameter("rural_cap").value}
    brothers = next(case for case in yuncheng.cases if case.id == "d-brothers")
    assert (brothers.resolved_at, brothers.escalations) == (2, 1)
    board = cp.catalog.dashboard(system("yuncheng"), yuncheng, as_of=date(2024, 1, 1))
    assert board.checks.failed == ()
    other = cp.catalog.example("yuncheng", seed=9)
    assert all(row.reproduced for row in cp.catalog.reproduce(system("yuncheng"), other))


def test_the_dashboard_is_drawn_in_chinese_only_with_a_font_that_has_it(monkeypatch):
    board = cp.catalog.dashboard(
        system("jiayuan"), cp.catalog.example("jiayuan"), as_of=date(2024, 1, 1)
    )
    monkeypatch.setattr(plots, "_chinese_font", lambda: None)  # whatever this machine has
    figures, checks = plots.plot_dashboard(board, language="zh").axes
    assert figures.get_title() == "Figures of the source, measured (7/7)"
    assert [label.get_text() for label in checks.get_yticklabels()] == ["fusion", "grid_worker"]
    monkeypatch.setattr(plots, "_chinese_font", lambda: "DejaVu Sans")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the stand-in font lacks the glyphs
        figures, _ = plots.plot_dashboard(board, language="zh").axes
    assert figures.get_title() == "来源数字的再现（7/7）"
    assert figures.title.get_fontfamily() == ["DejaVu Sans"]
    assert figures.get_yticklabels()[0].get_text() == "小区"


def test_the_dashboard_picture_names_the_plot_extra(missing):
    board = cp.catalog.dashboard(
        system("hubin"), cp.catalog.example("hubin"), as_of=date(2024, 1, 1)
    )
    missing("matplotlib")
    with pytest.raises(MissingExtraError, match="plot"):
        plots.plot_dashboard(board)


def test_a_chinese_font_is_found_among_matplotlibs_fonts_in_the_listed_order(monkeypatch):
    class Font:
        def __init__(self, name):
            self.name = name

    fonts = [Font("DejaVu Sans"), Font("SimHei"), Font("Noto Sans CJK SC")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fonts)
    assert plots._chinese_font() == "Noto Sans CJK SC"
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fonts[:1])
    assert plots._chinese_font() is None
