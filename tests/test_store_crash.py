"""A process killed in the middle of applying a change set leaves the store as it was."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from community_policing import sample
from community_policing.store import Store
from store_engines import ENGINES, store_url

# Applies a change set of 200 new residents and kills its own process (SIGKILL: no cleanup,
# no rollback by Python) after the 50th row has been written inside the transaction.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, date, datetime
    from community_policing import Edit, ChangeSet, Period, Person
    from community_policing.store import Store, _driver

    store = Store.open(sys.argv[1])
    written = 0
    insert = _driver.Driver.insert

    def counted(self, table, row):
        global written
        insert(self, table, row)
        if table == "cp_persons":
            written += 1
            if written == 50:
                print("killing", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)

    _driver.Driver.insert = counted

    newcomers = tuple(
        Edit.add(Person(id=f"p-crash-{n}", name="新居民"), valid=Period(date(2025, 1, 1)))
        for n in range(200)
    )
    store.apply(ChangeSet(id="cs-crash", author="p-a", reason="测试", base_revision=1,
                          at=datetime(2025, 1, 1, tzinfo=UTC), edits=newcomers))
    print("applied", flush=True)
    """
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_killed_apply_leaves_the_revision_before_it(engine, tmp_path):
    with store_url(engine, tmp_path) as url:
        with Store.create(url) as store:
            store.save(sample.jurisdiction(), author="p-a", reason="建库")
        child = subprocess.run(
            [sys.executable, "-c", CHILD, url],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            check=False,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
        assert child.stdout.strip() == "killing"
        store = Store.open(url)
        assert store.revision == 1
        assert store.load() == sample.jurisdiction()
        assert [entry.revision for entry in store.log()] == [1]
        store.close()
