"""The library's one error family.

Every error the library raises on purpose derives from :class:`CommunityPolicingError`, and
each specific error also derives from the builtin a caller would naturally catch
(:class:`ValueError`, :class:`KeyError`). Errors carry structured fields, so an application
can show them in its own words, and their messages never contain personal data: validators
say *which* field is wrong and *why*, never what the wrong value was when the field is
sensitive.

Examples:
    >>> from community_policing import Person, ValidationError
    >>> try:
    ...     Person(id="p-1", name="王芳", phone="12345")
    ... except ValidationError as error:
    ...     print(error.field, error.rule)
    ...     print(error)
    phone phone_number
    person 'p-1': phone: not a Chinese mobile or landline number
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CommunityPolicingError",
    "DocumentError",
    "MissingExtraError",
    "NotAModelError",
    "NotFoundError",
    "Problem",
    "ReadOnlyError",
    "ValidationError",
    "member_path",
    "shown",
]

#: The longest input value a message repeats; anything longer is withheld.
SHOWN_LENGTH = 64
# Seven digits in a row, ignoring the separators people type between them, is the shape of a
# phone number, of an ID-card number and of the birth date inside one.
_NUMBER_SHAPED = re.compile(r"[0-9](?:[\s.()_+-]*[0-9]){6}")


def shown(value: object) -> str:
    """How a message may repeat a value that came from input: quoted, or withheld.

    A value is repeated only when it is a short string or number that could be an id and is
    not shaped like personal data: at most 64 characters, no white space or invisible
    characters, and no seven digits in a row (a phone number, an ID-card number, a birth
    date). Anything else is described, never repeated. Every message the library builds
    from input goes through this rule, because many platforms use an ID-card number or a
    phone as a person's id.

    Examples:
        >>> shown("pg-01")
        "'pg-01'"
        >>> shown("110105194912310021")
        '<withheld: 18 characters>'
        >>> shown("138 0013 8000"), shown(10**30), shown(b"x")
        ('<withheld: 13 characters>', '<withheld: int>', '<withheld: bytes>')
    """
    if _repeatable(value):
        return repr(value)
    if type(value) is str:
        return f"<withheld: {len(value)} characters>"
    return f"<withheld: {type(value).__name__}>"


def member_path(path: str, key: object) -> str:
    """The JSON path of member ``key`` of the object at ``path``, by the rule of :func:`shown`.

    Examples:
        >>> member_path("$.persons[0]", "nmae")
        '$.persons[0].nmae'
        >>> member_path("$", "110105194912310021")
        '$[<withheld: 18 characters>]'
    """
    if type(key) is str and _PLAIN_KEY.fullmatch(key) and _repeatable(key):
        return f"{path}.{key}"
    return f"{path}[{shown(key)}]"


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _repeatable(value: object) -> bool:
    if value is None or type(value) is bool:
        return True
    if type(value) is int or type(value) is float:
        return _NUMBER_SHAPED.search(repr(value)) is None
    return (
        type(value) is str
        and 0 < len(value) <= SHOWN_LENGTH
        and _NUMBER_SHAPED.search(value) is None
        and value.isprintable()
        and " " not in value
    )


class CommunityPolicingError(Exception):
    """Base class of every error raised by ``community_policing``.

    Examples:
        >>> from community_policing import CommunityPolicingError, NotFoundError
        >>> issubclass(NotFoundError, CommunityPolicingError)
        True
    """


class ValidationError(CommunityPolicingError, ValueError):
    """A value breaks a rule of the model it was given to.

    Attributes:
        entity: The kind of entity being built, such as ``"person"`` or ``"police_grid"``.
        entity_id: The entity's ``id`` when it was already known, else ``None``.
        field: The field that holds the bad value, or ``None`` for a rule across fields.
        rule: A stable, machine-readable name of the rule that was broken.
        reason: A human-readable reason that never repeats a sensitive value.

    Examples:
        >>> from community_policing import Period, ValidationError
        >>> from datetime import date
        >>> try:
        ...     Period(date(2025, 1, 1), date(2024, 1, 1))
        ... except ValidationError as error:
        ...     print(error.entity, error.field, error.rule)
        period end end_after_start
    """

    def __init__(
        self,
        *,
        entity: str,
        field: str | None,
        rule: str,
        reason: str,
        entity_id: str | None = None,
    ) -> None:
        self.entity = entity
        # an id that is not safe to repeat (an ID-card number used as an id) is not kept
        self.entity_id = entity_id if _repeatable(entity_id) else None
        self.field = field
        self.rule = rule
        self.reason = reason
        where = entity if self.entity_id is None else f"{entity} {self.entity_id!r}"
        if field is not None:
            where = f"{where}: {field}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only constructors need help to survive pickling (multiprocessing).
        return (
            _rebuild_validation_error,
            (self.entity, self.field, self.rule, self.reason, self.entity_id),
        )


def _rebuild_validation_error(
    entity: str, field: str | None, rule: str, reason: str, entity_id: str | None
) -> ValidationError:
    return ValidationError(
        entity=entity, field=field, rule=rule, reason=reason, entity_id=entity_id
    )


@attrs.frozen
class Problem:
    """One problem found in a document, located by a JSON path.

    Attributes:
        path: Where the problem is, as a JSON path such as ``$.persons[3].phone``.
        rule: A stable, machine-readable name of the rule that was broken.
        reason: A human-readable reason that never repeats a sensitive value.

    Examples:
        >>> print(Problem("$.persons[0].id", "duplicate_id", "id 'p-1' is used twice"))
        $.persons[0].id: id 'p-1' is used twice
    """

    path: str
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DocumentError(CommunityPolicingError, ValueError):
    """A document (JSON text or a whole jurisdiction) has one or more problems.

    One error lists every problem found, each with its JSON path, so a user can fix a file in
    one pass. Nothing half-built is ever returned alongside it.

    Attributes:
        problems: Every problem found, in document order.

    Examples:
        >>> from community_policing import DocumentError, Problem
        >>> problem = Problem("$.persons[0].id", "duplicate_id", "id 'p-1' is used twice")
        >>> error = DocumentError([problem])
        >>> [problem.path for problem in error.problems]
        ['$.persons[0].id']
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in document:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[object, ...]:
        return (DocumentError, (self.problems,))


class NotFoundError(CommunityPolicingError, KeyError):
    """A lookup named an entity that does not exist.

    The message repeats the id only when :func:`shown` allows it; :attr:`key` keeps it for
    the caller, who gave it.

    Attributes:
        kind: The kind of entity looked for.
        key: The id that was looked for.
        hint: What to try instead, when the library can tell (the right form of a key).
        quiet: The key was text that may be personal (an address): the message omits it.

    Examples:
        >>> from community_policing import NotFoundError
        >>> str(NotFoundError("police_grid", "pg-9"))
        "no police_grid with id 'pg-9'"
        >>> str(NotFoundError("node", "pg-9", hint="did you mean 'police_grid:pg-9'?"))
        "no node with id 'pg-9'; did you mean 'police_grid:pg-9'?"
    """

    def __init__(
        self, kind: str, key: str, *, hint: str | None = None, quiet: bool = False
    ) -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        self.quiet = quiet
        what = kind if _repeatable(kind) else "entity"  # a kind read from a key is input too
        named = "that text" if quiet else f"id {shown(key)}"  # an address is never repeated
        super().__init__(f"no {what} with {named}" + (f"; {hint}" if hint else ""))

    def __str__(self) -> str:
        # KeyError quotes its argument; the message reads better without the quotes.
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (_not_found, (self.kind, self.key, self.hint, self.quiet))


def _not_found(kind: str, key: str, hint: str | None, quiet: bool) -> NotFoundError:  # noqa: FBT001
    return NotFoundError(kind, key, hint=hint, quiet=quiet)


class NotAModelError(CommunityPolicingError, TypeError):
    """A writer was given something that is not one of the library's document models.

    Examples:
        >>> from community_policing import NotAModelError, dumps
        >>> try:
        ...     dumps({"id": "p-1"})
        ... except NotAModelError as error:
        ...     print(str(error)[:22])
        cannot write a dict; e
    """


class ReadOnlyError(CommunityPolicingError, TypeError):
    """A read-only view was asked to change: the graph's networkx views and their attributes.

    The graph changes only through its own checked methods, so a view cannot make it break
    a rule or bypass its audit.

    Examples:
        >>> from community_policing import CommunityGraph, ReadOnlyError, sample
        >>> view = CommunityGraph.from_jurisdiction(sample.jurisdiction()).networkx
        >>> try:
        ...     view.nodes["police_grid:pg-01"]["model"] = None
        ... except ReadOnlyError as error:
        ...     print(error)
        the graph's attributes are read-only; change it through CommunityGraph's methods
    """

    def __init__(self, what: str = "attributes") -> None:
        super().__init__(
            f"the graph's {what} are read-only; change it through CommunityGraph's methods"
        )


class MissingExtraError(CommunityPolicingError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it.

    Attributes:
        extra: The extra to install, such as ``"exact"``.
        module: The module that could not be imported, such as ``"highspy"``.

    Examples:
        >>> error = MissingExtraError(extra="plot", module="matplotlib")
        >>> print(error)
        matplotlib is not installed; install the extra: pip install 'community_policing[plot]'
        >>> isinstance(error, ImportError), error.name
        (True, 'matplotlib')
    """

    def __init__(self, *, extra: str, module: str) -> None:
        self.extra = extra
        self.module = module
        super().__init__(
            f"{module} is not installed; install the extra: "
            f"pip install 'community_policing[{extra}]'",
            name=module,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_missing_extra, (self.extra, self.module))


def _rebuild_missing_extra(extra: str, module: str) -> MissingExtraError:
    return MissingExtraError(extra=extra, module=module)
