"""The throwaway PostgreSQL server of tests/pg_server.py works through SQLAlchemy."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_table_round_trip(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE pupil (id serial PRIMARY KEY, name text NOT NULL)"))
            insert = text("INSERT INTO pupil (name) VALUES (:n)")
            conn.execute(insert, [{"n": "Ayşe Öztürk"}, {"n": "Łukasz"}])
        with engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM pupil ORDER BY id")).scalars().all()
            encoding = conn.execute(text("SHOW server_encoding")).scalar_one()
    finally:
        engine.dispose()
    assert names == ["Ayşe Öztürk", "Łukasz"]
    assert encoding == "UTF8"


def test_each_test_gets_its_own_database(postgres_server: PostgresServer, postgres_url: str) -> None:
    other_url = postgres_server.create_database("ibp_test_other")
    try:
        assert make_url(other_url).database != make_url(postgres_url).database
        for url, value in ((postgres_url, 1), (other_url, 2)):
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE marker (v int)"))
                conn.execute(text("INSERT INTO marker VALUES (:v)"), {"v": value})
            engine.dispose()
        for url, value in ((postgres_url, 1), (other_url, 2)):
            engine = create_engine(url)
            with engine.connect() as conn:
                assert conn.execute(text("SELECT v FROM marker")).scalars().all() == [value]
            engine.dispose()
    finally:
        postgres_server.drop_database("ibp_test_other")
