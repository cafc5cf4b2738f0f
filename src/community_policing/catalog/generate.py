"""Each source system generated at the source's scale, deterministically from a seed (示例).

:func:`example` builds a jurisdiction and the records the system keeps, shaped so that the
library's measures (:func:`~community_policing.catalog.examples.reproduce`) give the source's
figures: every one of the five source systems.

Examples:
    >>> from community_policing.catalog import example, reproduce, system
    >>> tieshan = example("tieshan")
    >>> [(row.figure.key, row.measured) for row in reproduce(system("tieshan"), tieshan)][:4]
    [('offices', 14), ('communities', 14), ('officers', 16), ('auxiliaries', 28)]
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from community_policing.catalog import _hubin, _jiayuan, _jining, _tieshan, _yuncheng
from community_policing.catalog.systems import system

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from community_policing.catalog.examples import Records

__all__ = ["example"]

_GENERATORS: Mapping[str, Callable[[int], Records]] = MappingProxyType(
    {
        "jining-shizhong": _jining.build,
        "tieshan": _tieshan.build,
        "jiayuan": _jiayuan.build,
        "hubin": _hubin.build,
        "yuncheng": _yuncheng.build,
    }
)


def example(name: str, *, seed: int = 0) -> Records:
    """The example of the system called ``name``, generated from ``seed``.

    The same seed gives the same example; every seed gives the source's figures.

    Raises:
        NotFoundError: no system has that name.

    Examples:
        >>> example("tieshan").jurisdiction.police_stations[0].name
        '铁山派出所'
        >>> example("fengqiao")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.NotFoundError: no source_system with id 'fengqiao'; the ...
    """
    return _GENERATORS[system(name).id](seed)
