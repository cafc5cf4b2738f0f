"""Optional dependencies: import one, or say which extra brings it.

The core imports none of them; the modules that need one import it through :func:`require`,
so a missing package is reported as a :class:`~community_policing.errors.MissingExtraError` naming
the
extra to install.

Examples:
    >>> from community_policing.extras import require
    >>> require("json", extra="none").__name__
    'json'
    >>> require("no_such_module_here", extra="plot")
    Traceback (most recent call last):
    ...
    community_policing.errors.MissingExtraError: no_such_module_here is not installed; ...
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from community_policing.errors import MissingExtraError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["require"]


def require(module: str, *, extra: str) -> ModuleType:
    """Import ``module``; if it is not installed, raise an error naming ``extra``.

    Raises:
        MissingExtraError: ``module`` (or a package it needs) is not installed.

    Examples:
        >>> require("networkx", extra="none").__name__
        'networkx'
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        raise MissingExtraError(extra=extra, module=module) from error
