"""Property-testing code that uses perfscore: ``records(scheme, **overrides)`` is a hypothesis
strategy of valid records for a scheme.

.. code-block:: python

    from hypothesis import given
    import perfscore
    from perfscore.testing import records

    scheme = perfscore.load("rules/changning/key-projects-2023.yaml")

    @given(records(scheme, key_projects=43))
    def test_every_report_has_a_grade(record):
        assert my_report(scheme.score(record)).grade

Needs hypothesis: ``pip install 'perfscore[testing]'``.
"""

from __future__ import annotations

try:
    from ._testing.strategies import records
except ModuleNotFoundError as exc:
    if exc.name != "hypothesis":
        raise
    raise ModuleNotFoundError("perfscore.testing needs hypothesis: pip install "
                              "'perfscore[testing]'", name="hypothesis") from None

__all__ = ["records"]
