"""Each source system generated at the source's scale, deterministically from a seed (示例).

:func:`example` builds a jurisdiction and the records the system keeps, shaped so that the
library's measures (:func:`~community_policing.catalog.examples.reproduce`) give the source's
figures. Examples so far: Tieshan (source 001), Jiayuan (source 002), Hubin (source 003) and
Yuncheng (source 004).

Examples:
    >>> from community_policing.catalog import example, reproduce, system
    >>> tieshan = example("tieshan")
    >>> [(row.figure.key, row.measured) for row in reproduce(system("tieshan"), tieshan)][:4]
    [('offices', 14), ('communities', 14), ('officers', 16), ('auxiliaries', 28)]
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from community_policing.catalog import _hubin, _jiayuan, _tieshan, _yuncheng
from community_policing.catalog.systems import system
from community_policing.errors import NotFoundError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from community_policing.catalog.examples import Example

__all__ = ["example"]

_GENERATORS: Mapping[str, Callable[[int], Example]] = MappingProxyType(
    {
        "tieshan": _tieshan.build,
        "jiayuan": _jiayuan.build,
        "hubin": _hubin.build,
        "yuncheng": _yuncheng.build,
    }
)


def example(name: str, *, seed: int = 0) -> Example:
    """The example of the system called ``name``, generated from ``seed``.

    Raises:
        NotFoundError: no system has that name, or it has no example yet.

    Examples:
        >>> example("tieshan").jurisdiction.police_stations[0].name
        '铁山派出所'
        >>> example("jining")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.NotFoundError: no example with id 'jining-shizhong'; examples ...
    """
    entry = system(name)
    generator = _GENERATORS.get(entry.id)
    if generator is None:
        built = ", ".join(_GENERATORS)
        raise NotFoundError("example", entry.id, hint=f"examples exist for {built}")
    return generator(seed)
