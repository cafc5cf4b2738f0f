"""The demo's summary of a jurisdiction: counts per level and who holds which post (概况).

``community-policing demo`` opens with it; ``--lang zh`` gives it in Chinese and ``--json`` as
data.

Examples:
    >>> from datetime import date
    >>> from community_policing import sample
    >>> print(summarize(sample.jurisdiction(), date(2025, 1, 1)).splitlines()[0])
    示例县示例镇 (sample-county), as of 2025-01-01
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_policing.cli.output import table
from community_policing.io.sheets import SHEETS
from community_policing.model.jurisdiction import COLLECTIONS
from community_policing.model.vocab import AreaKind, Role

if TYPE_CHECKING:
    from datetime import date

    from community_policing.model.jurisdiction import Jurisdiction

__all__ = ["demo_data", "summarize"]

#: The collections counted, highest level first; each is named as its workbook sheet is.
_LEVELS = (
    "sub_bureaus",
    "police_stations",
    "policing_districts",
    "police_grids",
    "communities",
    "management_grids",
    "residential_compounds",
    "buildings",
    "standard_addresses",
    "households",
    "persons",
    "organizations",
)
_TITLES_ZH = {sheet.collection: sheet.title for sheet in SHEETS}


def _postings(jurisdiction: Jurisdiction, as_of: date) -> list[dict[str, Any]]:
    """Each post with its place and the names of who holds it on ``as_of``."""
    names = {
        (cls.KIND, entity.id): getattr(entity, "name", entity.id)
        for name, cls in COLLECTIONS.items()
        if name != "standard_addresses"
        for entity in getattr(jurisdiction, name)
    }
    holders: dict[str, list[str]] = {}
    for membership in jurisdiction.memberships:
        if membership.post is not None and membership.is_active(as_of):
            holders.setdefault(membership.post, []).append(names[("person", membership.person)])
    rows = []
    for post in jurisdiction.posts:
        kind, ident = (
            (post.area.kind.value, post.area.id)
            if post.area is not None
            else ("organization", str(post.organization))
        )
        rows.append(
            {
                "post": post.id,
                "role": post.role.value,
                "place": f"{kind}:{ident}",
                "place_name": names[(kind, ident)],
                "holders": holders.get(post.id, []),
            }
        )
    return rows


def demo_data(jurisdiction: Jurisdiction, as_of: date) -> dict[str, Any]:
    """The summary as data: counts per level, and who holds which post on ``as_of``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import sample
        >>> data = demo_data(sample.jurisdiction(), date(2025, 1, 1))
        >>> data["counts"]["police_grids"], data["posts"][0]["holders"]
        (4, ['王军'])
    """
    return {
        "jurisdiction": jurisdiction.id,
        "name": jurisdiction.name,
        "as_of": as_of.isoformat(),
        "counts": {name: len(getattr(jurisdiction, name)) for name in _LEVELS},
        "posts": _postings(jurisdiction, as_of),
    }


def summarize(jurisdiction: Jurisdiction, as_of: date, language: str = "en") -> str:
    """A readable summary: counts per level and who holds which post on ``as_of``.

    In English with the Chinese terms (``"en"``), or in Chinese (``"zh"``).

    Examples:
        >>> from datetime import date
        >>> from community_policing import sample
        >>> text = summarize(sample.jurisdiction(), date(2025, 1, 1))
        >>> print(text.splitlines()[0])
        示例县示例镇 (sample-county), as of 2025-01-01
        >>> "police grid pg-04" in text and "vacant" in text
        True
        >>> print(summarize(sample.jurisdiction(), date(2025, 1, 1), "zh").splitlines()[3])
        分局         1
    """
    zh = language == "zh"
    head = (
        f"{jurisdiction.name}（{jurisdiction.id}），{as_of.isoformat()}"
        if zh
        else (f"{jurisdiction.name} ({jurisdiction.id}), as of {as_of.isoformat()}")
    )
    counts = [
        (
            _TITLES_ZH[name] if zh else f"{name.replace('_', ' ')} ({_TITLES_ZH[name]})",
            str(len(getattr(jurisdiction, name))),
        )
        for name in _LEVELS
    ]
    lines = [
        head,
        "",
        table(("辖区与人员", "数量") if zh else ("Territory and people", "count"), counts),
    ]
    posts = _postings(jurisdiction, as_of)
    vacant = sum(1 for post in posts if not post["holders"])
    lines += [
        "",
        f"谁在何岗（{len(posts)} 个岗位，{vacant} 个空缺）"
        if zh
        else f"Who is posted where ({len(posts)} posts, {vacant} vacant)",
    ]
    for post in posts:
        kind, _, ident = post["place"].partition(":")
        role = Role(post["role"])
        if zh:
            where = "单位" if kind == "organization" else AreaKind(kind).zh
            who = "、".join(post["holders"]) or "— 空缺"
            lines.append(f"  {where} {ident} {post['place_name']}：{role.zh}：{who}")
        else:
            where = "organisation" if kind == "organization" else AreaKind(kind).en
            who = "、".join(post["holders"]) or "— vacant"
            lines.append(f"  {where} {ident} {post['place_name']}: {role.label}: {who}")
    return "\n".join(lines)
