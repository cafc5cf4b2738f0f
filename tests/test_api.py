import inspect
import subprocess
import sys

import community_policing


def test_all_is_sorted_and_complete():
    exported = community_policing.__all__
    assert list(exported) == sorted(exported)
    assert len(set(exported)) == len(exported)
    for name in exported:
        assert hasattr(community_policing, name), name


def test_every_public_callable_has_a_docstring():
    for name in community_policing.__all__:
        obj = getattr(community_policing, name)
        if callable(obj):
            assert obj.__doc__, name


def test_importing_the_root_does_not_import_hypothesis():
    code = "import sys, community_policing; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _without_example(module):
    documented = (
        inspect.isclass,
        inspect.isfunction,
        lambda obj: hasattr(obj, "__wrapped__"),
    )
    return [
        name
        for name in module.__all__
        if any(test(getattr(module, name)) for test in documented)
        and ">>>" not in (inspect.getdoc(getattr(module, name)) or "")
    ]


def test_every_public_class_and_function_has_a_runnable_example():
    missing = _without_example(community_policing)
    assert missing == []


def test_every_strategy_has_a_runnable_example():
    from community_policing.testing import strategies  # noqa: PLC0415  (needs the extra)

    assert _without_example(strategies) == []
