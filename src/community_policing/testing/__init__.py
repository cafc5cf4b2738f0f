"""Support for the test suites of applications that use ``community_policing``.

:mod:`community_policing.testing.strategies` holds the hypothesis strategies; it needs the
``hypothesis`` extra.
"""
