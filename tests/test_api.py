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


def test_every_public_class_and_function_has_a_runnable_example():
    documented = (
        inspect.isclass,
        inspect.isfunction,
        lambda obj: hasattr(obj, "__wrapped__"),
    )
    missing = [
        name
        for name in community_policing.__all__
        if any(test(getattr(community_policing, name)) for test in documented)
        and ">>>" not in (inspect.getdoc(getattr(community_policing, name)) or "")
    ]
    assert missing == []
