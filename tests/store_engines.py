"""Where the store's tests keep their stores: a SQLite file, and a real PostgreSQL server.

The PostgreSQL server is the one ``make test`` starts (``tools/postgres.sh``) or the one named
by ``COMMUNITY_POLICING_POSTGRES_URL``; each store gets a schema of its own, dropped afterwards.
"""

import os
import uuid
from contextlib import contextmanager
from urllib.parse import quote

import pytest
import sqlalchemy as sa

ENGINES = ["sqlite", "postgresql"]
HOW_TO_START = (
    "PostgreSQL tests need a server: run `make postgres` (or tools/postgres.sh) and set "
    "COMMUNITY_POLICING_POSTGRES_URL to the URL it prints; `make test` does both"
)


def postgres_url():
    return os.environ.get("COMMUNITY_POLICING_POSTGRES_URL") or None


@contextmanager
def store_url(engine, folder):
    """A URL for a new, empty store on ``engine``."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}"
        return
    url = postgres_url()
    if url is None:
        pytest.skip(HOW_TO_START)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
