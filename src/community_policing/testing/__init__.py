"""Support for the test suites of applications that use ``community_policing``.

:mod:`community_policing.testing.strategies` holds the hypothesis strategies; it needs the
``hypothesis`` extra. Importing ``community_policing`` (or this package) never imports it.

Examples:
    >>> from hypothesis import find
    >>> from community_policing import Person
    >>> from community_policing.testing import strategies as cps
    >>> type(find(cps.strategy_for(Person), lambda _: True)).__name__
    'Person'
"""

__all__: list[str] = []
