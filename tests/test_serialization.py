import gc
import io
import json
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community_policing import (
    SCHEMA_VERSION,
    AuditRecord,
    DocumentError,
    Jurisdiction,
    NotAModelError,
    Period,
    Person,
    Problem,
    ValidationError,
    dump,
    dumps,
    load,
    loads,
    sample,
)
from community_policing.io import _converter
from community_policing.model import registry
from community_policing.model.validators import MAX_COUNT
from community_policing.services import AppointmentBook
from community_policing.testing import strategies as cps
from helpers import json_paths, library_models

MODELS = library_models()


def test_every_registered_model_has_a_strategy():
    for tag, cls in library_models().items():
        assert cps.strategy_for(cls) is not None, tag


@pytest.mark.parametrize("tag", sorted(MODELS))
@settings(max_examples=25)
@given(data=st.data())
def test_round_trip_is_lossless(tag, data):
    model = data.draw(st.from_type(MODELS[tag]))
    text = dumps(model)
    assert loads(text) == model
    assert loads(text, MODELS[tag]) == model
    assert loads(text.encode()) == model
    assert loads(dumps(model, indent=True)) == model
    assert dumps(loads(text)) == text


def test_sample_round_trips():
    town = sample.jurisdiction()
    assert loads(dumps(town), Jurisdiction) == town


def test_document_shape():
    document = json.loads(dumps(Period(date(2024, 1, 1), date(2024, 2, 1))))
    assert document == {
        "type": "period",
        "schema_version": SCHEMA_VERSION,
        "start": "2024-01-01",
        "end": "2024-02-01",
    }
    assert list(document)[:2] == ["type", "schema_version"]


def test_the_same_text_with_and_without_orjson(monkeypatch):
    town = sample.jurisdiction()
    fast, fast_indented = dumps(town), dumps(town, indent=True)
    monkeypatch.setattr(_converter, "orjson", None)
    assert dumps(town) == fast
    assert json.loads(dumps(town, indent=True)) == json.loads(fast_indented)
    assert loads(fast) == town


def problems(text, cls=None):
    with pytest.raises(DocumentError) as caught:
        loads(text) if cls is None else loads(text, cls)
    return [(p.path, p.reason) for p in caught.value.problems]


def person_doc(**changes):
    document = {"type": "person", "schema_version": 1, "id": "p-1", "name": "王芳"}
    document.update(changes)
    return json.dumps(document, ensure_ascii=False)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": 5}, [("$.name", "expected string, got number")]),
        ({"name": None}, [("$.name", "expected string, got null")]),
        ({"name": ["王"]}, [("$.name", "expected string, got array")]),
        ({"id": ""}, [("$.id", "must be 1 to 128 visible characters without spaces")]),
        ({"phone": 13800138000}, [("$.phone", "expected string, got number")]),
        ({"birth_date": "1990-13-01"}, [("$.birth_date", "expected a date written YYYY-MM-DD")]),
        ({"birth_date": "19900101"}, [("$.birth_date", "expected a date written YYYY-MM-DD")]),
        ({"birth_date": 19900101}, [("$.birth_date", "expected a date written YYYY-MM-DD")]),
        ({"nickname": "x"}, [("$.nickname", "unknown field")]),
        (
            {"name": 1, "extra": 2},
            [("$.name", "expected string, got number"), ("$.extra", "unknown field")],
        ),
    ],
)
def test_bad_person_fields(changes, expected):
    assert problems(person_doc(**changes)) == expected


def test_missing_required_fields():
    text = json.dumps({"type": "person", "schema_version": 1})
    assert problems(text) == [
        ("$.id", "required field is missing"),
        ("$.name", "required field is missing"),
    ]


def test_bad_values_deep_inside_a_jurisdiction_are_located():
    document = json.loads(dumps(sample.jurisdiction()))
    document["communities"][1]["population"] = -4
    document["communities"][2]["setting"] = "suburban"
    document["communities"][3]["population"] = "many"
    document["posts"][5]["area"] = "pg-1"
    document["posts"][6]["area"] = "castle:x"
    document["memberships"][0]["period"] = {"start": "2024-01-01", "end": "2023-01-01"}
    document["memberships"][1]["period"] = {"start": "2024-01-01", "until": None}
    document["households"] = {"h": 1}
    document["buildings"][0] = []
    found = problems(json.dumps(document, ensure_ascii=False))
    assert found == [
        ("$.communities[1].population", "must not be negative"),
        ("$.communities[2].setting", "'suburban' is not one of rural, urban"),
        ("$.communities[3].population", "expected integer, got string"),
        ("$.buildings[0]", "expected object, got array"),
        ("$.households", "expected array, got object"),
        ("$.posts[5].area", "must look like '<kind>:<id>'"),
        (
            "$.posts[6].area",
            "'castle' is not one of "
            + ", ".join(
                sorted(
                    [
                        "building",
                        "community",
                        "county",
                        "township",
                        "management_grid",
                        "police_grid",
                        "police_station",
                        "policing_district",
                        "residential_compound",
                        "standard_address",
                        "sub_bureau",
                    ]
                )
            ),
        ),
        ("$.memberships[0].period.end", "must be after start"),
        ("$.memberships[1].period.until", "unknown field"),
    ]


def test_dangling_references_and_duplicates_come_with_paths():
    document = json.loads(dumps(sample.jurisdiction()))
    document["management_grids"][3]["community"] = "c-missing"
    document["persons"].append(document["persons"][0])
    assert problems(json.dumps(document, ensure_ascii=False)) == [
        ("$.management_grids[3].community", "no community with id 'c-missing'"),
        ("$.persons[24].id", "id 'p-wang-jun' is already used by $.persons[0]"),
    ]


def test_type_errors_and_dangling_references_are_reported_together():
    document = json.loads(dumps(sample.jurisdiction()))
    document["management_grids"][3]["community"] = "c-missing"
    document["persons"][2]["phone"] = 5
    document["posts"][0]["area"] = "police_grid:pg-99"
    document["persons"].append(document["persons"][0])
    assert problems(json.dumps(document, ensure_ascii=False)) == [
        ("$.management_grids[3].community", "no community with id 'c-missing'"),
        ("$.persons[2].phone", "expected string, got number"),
        ("$.persons[24].id", "id 'p-wang-jun' is already used by $.persons[0]"),
        ("$.posts[0].area", "no police_grid with id 'pg-99'"),
    ]


def test_a_broken_record_does_not_cascade_into_false_dangling_references():
    document = json.loads(dumps(sample.jurisdiction()))
    document["households"][0] = "h-jy-1-101"
    document["buildings"] = {"b": 1}
    assert problems(json.dumps(document, ensure_ascii=False)) == [
        ("$.buildings", "expected array, got object"),
        ("$.households[0]", "expected object, got string"),
    ]


def test_jurisdiction_nested_in_an_error_path_keeps_its_prefix():
    inner = DocumentError([Problem("$.persons[0].id", "duplicate_id", "x")])
    found = list(_converter._problems(inner, "$.archive[2]"))
    assert [p.path for p in found] == ["$.archive[2].persons[0].id"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            {"schema_version": 2},
            ("$.schema_version", "unsupported schema version 2; this library reads 1"),
        ),
        (
            {"schema_version": "1"},
            ("$.schema_version", "unsupported schema version '1'; this library reads 1"),
        ),
        (
            {"schema_version": True},
            ("$.schema_version", "unsupported schema version True; this library reads 1"),
        ),
        (
            {"schema_version": None},
            ("$.schema_version", "unsupported schema version None; this library reads 1"),
        ),
        ({"type": "sheriff"}, ("$.type", "unknown type; expected one of {tags}")),
        ({"type": 3}, ("$.type", "unknown type; expected one of {tags}")),
    ],
)
def test_bad_headers(header, expected):
    document = {"type": "person", "schema_version": 1, "id": "p-1", "name": "王芳"}
    document.update(header)
    tags = ", ".join(sorted(entry.tag for entry in registry.entries()))
    assert problems(json.dumps(document)) == [(expected[0], expected[1].format(tags=tags))]


def test_missing_headers():
    assert problems(json.dumps({"id": "p-1"})) == [
        ("$.schema_version", "required field is missing"),
        ("$.type", "required field is missing"),
    ]


def test_expected_type_is_enforced():
    assert problems(person_doc(), Jurisdiction) == [
        ("$.type", "expected 'jurisdiction', got 'person'")
    ]


@pytest.mark.parametrize("use_orjson", [True, False])
@pytest.mark.parametrize(
    ("text", "reason_start"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ('{"type": "person", "schema_version": 1, "id": "p-1"', "not valid JSON"),
        ("not json", "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        ("[]", "expected object, got array"),
        ("3", "expected object, got number"),
        ("null", "expected object, got null"),
    ],
)
def test_non_documents_give_one_document_error(monkeypatch, use_orjson, text, reason_start):
    if not use_orjson:
        monkeypatch.setattr(_converter, "orjson", None)
    found = problems(text)
    assert len(found) == 1
    assert found[0][0] == "$"
    assert found[0][1].startswith(reason_start)


def test_truncated_json_says_where():
    ((path, reason),) = problems('{"type": "person",\n "schema_version": 1,\n "id": ')
    assert path == "$"
    assert "line 3" in reason


def test_loads_refuses_non_text():
    assert problems(12345) == [("$", "expected JSON text (str or bytes), got int")]


@settings(max_examples=40)
@given(cps.persons(with_personal_data=True), st.sampled_from(["card", "phone", "birth", "type"]))
def test_errors_never_repeat_personal_data(person, corruption):
    document = json.loads(dumps(person))
    secrets = [v for v in (person.id_card_number, person.phone) if v is not None]
    if person.birth_date is not None:
        secrets.append(person.birth_date.isoformat())
    if corruption == "card" and person.id_card_number:
        document["id_card_number"] = person.id_card_number[:17] + (
            "0" if person.id_card_number[17] != "0" else "1"
        )
        secrets.append(document["id_card_number"])
    elif corruption == "phone" and person.phone:
        document["phone"] = person.phone + "#"
        secrets.append(document["phone"])
    elif corruption == "birth" and person.id_card_number:
        document["birth_date"] = "1899-01-01"
    else:
        document["name"] = 7  # an unrelated error beside intact personal data
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(document))
    message = str(caught.value) + repr(caught.value)
    for secret in secrets:
        assert secret not in message


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)


SAMPLE_DOCUMENT = json.loads(dumps(sample.jurisdiction()))
SAMPLE_PATHS = [p for p in json_paths(SAMPLE_DOCUMENT) if p]


@settings(max_examples=150)
@given(st.sampled_from(SAMPLE_PATHS), JSON_VALUES)
def test_any_corruption_gives_a_document_error_or_a_valid_model(path, value):
    document = json.loads(json.dumps(SAMPLE_DOCUMENT))
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    try:
        result = loads(json.dumps(document))
    except DocumentError as error:
        found = error.problems
    else:
        assert isinstance(result, Jurisdiction)
        assert loads(dumps(result)) == result
        return
    assert found
    assert all(p.path.startswith("$") for p in found)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_restored(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        loads(dumps(sample.jurisdiction()))
        assert gc.isenabled() is enabled
        with pytest.raises(DocumentError):
            loads(person_doc(name=5))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_dumps_refuses_what_is_not_a_model():
    with pytest.raises(NotAModelError, match="cannot write a dict"):
        dumps({"id": "p-1"})
    with pytest.raises(NotAModelError):
        dumps(date(2024, 1, 1))


def test_dump_and_load_with_paths_and_files(tmp_path):
    town = sample.jurisdiction()
    path = tmp_path / "doc.json"
    dump(town, path)
    assert load(path) == town
    assert load(str(path), Jurisdiction) == town
    buffer = io.StringIO()
    dump(town, buffer, indent=True)
    buffer.seek(0)
    assert load(buffer) == town
    assert load(io.BytesIO(path.read_bytes()), Jurisdiction) == town
    with pytest.raises(DocumentError):
        load(io.StringIO("{}"), Person)


def test_area_reference_must_be_a_string():
    text = json.dumps(
        {"type": "post", "schema_version": 1, "id": "post-1", "role": "grid_worker", "area": 5}
    )
    assert problems(text) == [("$.area", "expected string, got number")]


def test_cross_field_validators_wait_for_the_field_they_compare_with():
    text = json.dumps({"type": "period", "schema_version": 1, "start": 5, "end": "2024-01-01"})
    assert problems(text) == [("$.start", "expected a date written YYYY-MM-DD")]


def test_bytes_that_are_not_utf8_without_orjson(monkeypatch):
    monkeypatch.setattr(_converter, "orjson", None)
    assert problems(b'"\xff"') == [("$", "not valid JSON: the bytes are not UTF-8")]


def test_only_known_values_are_written():
    with pytest.raises(NotAModelError, match="cannot write a object"):
        _converter.plain(object())


@pytest.mark.parametrize("value", [1, ["grid_worker"], True])
def test_enum_fields_refuse_other_json_types(value):
    text = json.dumps(
        {"type": "post", "schema_version": 1, "id": "post-1", "role": value, "organization": "o"}
    )
    ((path, reason),) = problems(text)
    assert path == "$.role"
    assert "is not one of" in reason


def _appointment_document(**changes):
    document = {
        "type": "appointment",
        "schema_version": 1,
        "id": "ap-1",
        "office": "o-1",
        "officer": "p-1",
        "service": "appointment",
        "start": "2025-01-07T18:00:00+08:00",
        "end": "2025-01-07T18:30:00+08:00",
        "resident": None,
        "cancelled": False,
    }
    document.update(changes)
    return json.dumps(document)


def test_times_keep_their_instant_and_need_an_offset():
    loaded = loads(_appointment_document())
    assert loaded.start.utcoffset().total_seconds() == 8 * 3600
    assert loads(_appointment_document(start="2025-01-07T10:00:00+00:00")).start == loaded.start
    for bad in ("2025-01-07T18:00:00", "2025-01-07", "18:00", 1736244000):
        with pytest.raises(DocumentError) as caught:
            loads(_appointment_document(start=bad))
        (problem,) = caught.value.problems
        assert (problem.path, problem.rule) == ("$.start", "datetime")


def test_a_time_of_day_has_no_zone():
    hours = {
        "type": "working_hours",
        "schema_version": 1,
        "officer": "p-1",
        "office": "o-1",
        "posted_on": "2025-01-01",
        "effective_from": "2025-01-06",
        "intervals": [{"weekday": 1, "start": "18:00:00", "end": "21:00"}],
        "timezone": "Asia/Shanghai",
    }
    assert loads(json.dumps(hours)).intervals[0].end.hour == 21
    for bad in ("18:00:00+08:00", "6pm", 18):
        hours["intervals"][0]["start"] = bad
        with pytest.raises(DocumentError) as caught:
            loads(json.dumps(hours))
        (problem,) = caught.value.problems
        assert (problem.path, problem.rule) == ("$.intervals[0].start", "time")


def test_derived_indexes_are_not_written():
    text = dumps(AppointmentBook(sample.roster()))
    assert "busy" not in text
    assert "by_office" not in text
    assert "by_weekday" not in text


def test_the_largest_count_travels_and_a_larger_one_is_refused():
    town = sample.jurisdiction()
    big = attrs.evolve(town.communities[0], population=MAX_COUNT)
    assert loads(dumps(big)) == big
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(big, population=MAX_COUNT + 1)
    assert caught.value.rule == "max_count"


def test_a_utc_offset_with_seconds_comes_back_unchanged():
    local_mean_time = timezone(timedelta(hours=8, minutes=5, seconds=43))
    record = AuditRecord(
        at=datetime(1900, 1, 1, 0, 0, tzinfo=local_mean_time),
        actor="p-1",
        subject=None,
        purpose="核查",
        query="locate",
        as_of=date(1900, 1, 1),
    )
    back = loads(dumps(record))
    assert back == record
    assert back.at.utcoffset() == record.at.utcoffset()
    assert dumps(back) == dumps(record)


@pytest.mark.parametrize("lon", ["117", ":", True, None, [117]])
def test_a_coordinate_that_is_no_json_number_is_a_type_problem(lon):
    document = json.loads(dumps(sample.jurisdiction()))
    located = next(i for i, b in enumerate(document["buildings"]) if b.get("location"))
    document["buildings"][located]["location"]["lon"] = lon
    found = problems(json.dumps(document, ensure_ascii=False))
    assert found[0][0] == f"$.buildings[{located}].location.lon"
    assert "got" in found[0][1] or "degrees" in found[0][1]
