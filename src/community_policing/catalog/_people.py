"""The people of the generated examples: made-up names, their posts and disputes, the figures."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from community_policing.catalog.examples import _START
from community_policing.catalog.systems import system
from community_policing.mediation import Dispute, MediationCase
from community_policing.model.people import Membership, Person, Post
from community_policing.model.periods import Period
from community_policing.model.territory import AreaRef

if TYPE_CHECKING:
    import random
    from datetime import date

    from community_policing.model.vocab import DisputeCategory, ReportChannel, Role

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕"

#: Every post of an example is held from a year before its records begin.
ALWAYS = Period(_START - timedelta(days=365))


def name_of(rng: random.Random) -> str:
    """A made-up name: a surname and one or two given characters."""
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def figures_of(name: str) -> dict[str, int]:
    """The whole-number figures a system's example is built to give, by key."""
    return {figure.key: int(figure.value) for figure in system(name).figures}


def dispute_case(
    ident: str,
    n: int,
    category: DisputeCategory,
    place: AreaRef,
    *,
    day: date,
    channel: ReportChannel,
) -> MediationCase:
    """A case opened on dispute ``ident`` between the made-up parties ``p-a<n>`` and ``p-b<n>``."""
    return MediationCase.open(
        Dispute(
            id=ident,
            category=category,
            parties=(f"p-a{n}", f"p-b{n}"),
            place=place,
            reported_on=day,
            channel=channel,
        )
    )


class Staff:
    """The people holding posts in an example, gathered as persons, posts and memberships."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.persons: list[Person] = []
        self.posts: list[Post] = []
        self.memberships: list[Membership] = []

    def hold(
        self, person: str, role: Role, *, area: str | None = None, organization: str | None = None
    ) -> str:
        """``person`` (``p-…``), made up, holding a new post of ``role``; returns their id."""
        suffix = person.removeprefix("p-")
        self.persons.append(Person(id=person, name=name_of(self.rng)))
        self.posts.append(
            Post(
                id=f"post-{suffix}",
                role=role,
                area=None if area is None else AreaRef.parse(area),
                organization=organization,
            )
        )
        self.memberships.append(
            Membership(id=f"m-{suffix}", person=person, post=f"post-{suffix}", period=ALWAYS)
        )
        return person
