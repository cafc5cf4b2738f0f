import pickle

import pytest

from community_policing import (
    CommunityPolicingError,
    DocumentError,
    NotAModelError,
    NotFoundError,
    Problem,
    ValidationError,
)


def test_family_and_builtins():
    assert issubclass(ValidationError, CommunityPolicingError)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(DocumentError, ValueError)
    assert issubclass(NotFoundError, KeyError)
    assert issubclass(NotAModelError, TypeError)
    assert issubclass(NotAModelError, CommunityPolicingError)


def test_validation_error_fields_and_message():
    error = ValidationError(
        entity="person", entity_id="p-1", field="phone", rule="phone_number", reason="bad"
    )
    assert (error.entity, error.entity_id, error.field, error.rule, error.reason) == (
        "person",
        "p-1",
        "phone",
        "phone_number",
        "bad",
    )
    assert str(error) == "person 'p-1': phone: bad"
    across = ValidationError(entity="post", field=None, rule="post_has_scope", reason="why")
    assert str(across) == "post: why"


def test_document_error_lists_every_problem():
    error = DocumentError([Problem("$.a", "r1", "first"), Problem("$.b[0]", "r2", "second")])
    assert str(error) == "2 problems in document:\n  $.a: first\n  $.b[0]: second"
    assert [p.rule for p in error.problems] == ["r1", "r2"]
    assert str(DocumentError([Problem("$", "json", "x")])).startswith("1 problem in")


def test_not_found_error():
    error = NotFoundError("police_grid", "pg-9")
    assert str(error) == "no police_grid with id 'pg-9'"
    assert (error.kind, error.key) == ("police_grid", "pg-9")


@pytest.mark.parametrize(
    "error",
    [
        ValidationError(entity="person", entity_id="p-1", field="phone", rule="r", reason="x"),
        DocumentError([Problem("$.a", "r", "x")]),
        NotFoundError("person", "p-1"),
    ],
)
def test_errors_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301  (our own object)
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)
