"""Structured standard addresses: canonical text, the parser, and lookup by text in the graph."""

import pickle
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AddressParts,
    CommunityGraph,
    NotFoundError,
    StandardAddress,
    ValidationError,
    containing,
    normalize_address,
    parse_address,
    responsible,
    sample,
)
from community_policing.testing import strategies as cps

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CHINESE = dict(enumerate("〇一二三四五六七八九"))


@given(cps.address_parts())
def test_the_canonical_text_reads_back_to_the_same_parts(parts):
    assert parse_address(parts.text()) == parts


@given(cps.address_parts(), st.sampled_from(["full_width", "spaces", "chinese"]))
def test_parsing_tolerates_full_width_digits_spaces_and_chinese_numerals(parts, variant):
    text = parts.text()
    if variant == "full_width":
        text = text.translate(FULL_WIDTH)
    elif variant == "spaces":
        text = " ".join(text)
    elif parts.unit is not None:
        text = text.replace(f"{parts.unit}单元", f"{CHINESE[int(parts.unit)]}单元")
    assert parse_address(text) == parts


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("十二号楼", "12号楼"),
        ("二十号", "20号"),
        ("一百零五室", "105室"),
        ("五〇一室", "501室"),
        ("两单元", "2单元"),
        ("西门 路", "西门路"),
    ],
)
def test_chinese_numerals_in_numbered_parts(written, expected):
    assert normalize_address(written) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "西门路88号嘉园小区1号楼1单元101室东侧",
            "cannot read from character 17 on (after unit (单元))",
        ),
        ("国道237旁示例镇中学校门", "cannot read from character 3 on (after road (街路巷))"),
        ("@88", "cannot read from character 1 on (after the start)"),
    ],
)
def test_what_the_parser_cannot_read_is_located_without_repeating_it(text, reason):
    with pytest.raises(ValidationError) as caught:
        parse_address(text)
    assert caught.value.reason == reason
    assert "西门" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", None, 88])
def test_no_text_is_no_address(text):
    with pytest.raises(ValidationError) as caught:
        parse_address(text)
    assert caught.value.rule == "type"


def test_an_address_s_text_is_the_canonical_text_of_its_parts():
    parts = parse_address("西门路88号嘉园小区1号楼1单元101室")
    StandardAddress(id="a-1", text=parts.text(), building="b-1", parts=parts)
    with pytest.raises(ValidationError) as caught:
        StandardAddress(id="a-1", text="西门路88号", building="b-1", parts=parts)
    assert caught.value.rule == "canonical_text"
    assert "西门" not in str(caught.value)
    with pytest.raises(ValidationError):
        AddressParts(room="10 1")


def test_responsible_and_containing_take_an_address_typed_as_text():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    day = date(2025, 1, 1)
    typed = "西门路８８号 嘉园小区 一号楼一单元101室"
    assert responsible(graph, typed, as_of=day).place == "standard_address:a-jy-1-101"
    assert containing(graph, typed, as_of=day)[:2] == (
        "standard_address:a-jy-1-101",
        "building:b-jy-1",
    )
    with pytest.raises(NotFoundError) as caught:
        responsible(graph, "西门路88号嘉园小区1号楼1单元102室", as_of=day)
    message = str(caught.value)
    assert message.startswith("no standard_address with that text; near: ")
    assert "'standard_address:a-jy-1-101'" in message
    assert "西门" not in message
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301  (our own object)
    assert str(copy) == message


def test_a_new_address_is_found_and_two_with_one_text_are_refused():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    day = date(2025, 1, 1)
    responsible(graph, "社东村12号", as_of=day)  # builds the index
    text = "社东村13号"
    graph.add_entity(StandardAddress(id="a-sd-13", text=text, building="b-sd-12"))
    assert responsible(graph, text, as_of=day).place == "standard_address:a-sd-13"
    twin = StandardAddress(id="a-sd-13b", text=text, building="b-sd-12")
    graph.add_entity(twin)
    with pytest.raises(ValidationError) as caught:
        responsible(graph, text, as_of=day)
    assert caught.value.rule == "ambiguous_address"
    graph.replace_entity(attrs.evolve(twin, text="社东村14号"))
    assert responsible(graph, "社东村14号", as_of=day).place == "standard_address:a-sd-13b"
    with pytest.raises(NotFoundError) as caught:
        responsible(graph, "完全不同的地方", as_of=day)
    assert caught.value.hint == "nothing near it"
