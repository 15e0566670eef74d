"""An analyst downloads the whole database, as CSV files or as SQL, with its licence and column docs."""

import csv
import gzip
import io
import sqlite3
import zipfile
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from results import dumps, summaries
from results.models import DataVersion, Entry, Event, Season


@pytest.fixture
def dumps_dir(settings, tmp_path):
    settings.DUMPS_DIR = str(tmp_path / "dumps")
    cache.clear()
    return tmp_path / "dumps"


def read_zip(path):
    with zipfile.ZipFile(path) as archive:
        return {name.removeprefix("racesite/"): archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_the_csv_dump_has_a_documented_file_per_table_with_every_row(season, dumps_dir):
    version = dumps.build()
    files = read_zip(dumps.path_for("csv", version))
    assert set(files) == {f"{name}.csv" for name, _, _ in dumps.TABLES} | {"README.md"}
    entries = list(csv.DictReader(io.StringIO(files["entries.csv"])))
    assert len(entries) == Entry.objects.count() == 7
    miura = next(row for row in entries if row["status"] == "Accident")
    assert (miura["finish"], miura["start"], miura["number"], miura["rating"]) == ("4", "32", "33", "")
    races = list(csv.DictReader(io.StringIO(files["races.csv"])))
    assert {row["name"] for row in races} == {"O'Reilly 150", "CRC Brakleen 150"}
    readme = files["README.md"]
    assert "GNU General Public License" in readme and "DriverAverages.com" in readme
    for name, _, columns in dumps.tables():
        header = next(csv.reader(io.StringIO(files[f"{name}.csv"])))
        assert header == [column.name for column in columns]
        assert all(f"| {column.name} | " in readme for column in columns), name
    assert "key" not in next(csv.reader(io.StringIO(files["drivers.csv"])))  # derived columns stay out


def load_sql(path):
    database = sqlite3.connect(":memory:")
    database.executescript(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return database


def test_the_sql_dump_loads_into_sqlite_with_the_same_rows(season, dumps_dir):
    version = dumps.build()
    database = load_sql(dumps.path_for("sql", version))
    for name, model, _ in dumps.TABLES:
        assert database.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] == model.objects.count(), name
    assert database.execute("SELECT name FROM races WHERE round = 1").fetchone()[0] == "O'Reilly 150"
    winner = database.execute(
        "SELECT d.name, e.laps_led FROM entries e JOIN drivers d ON d.id = e.driver_id WHERE e.finish = 1"
        " AND e.event_id = (SELECT id FROM races WHERE round = 1)"
    ).fetchone()
    assert winner == ("Parker Kligerman", 56)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL load runs on the PostgreSQL suite")
def test_the_sql_dump_loads_into_postgresql(season, dumps_dir):
    import psycopg

    version = dumps.build()
    script = gzip.decompress(dumps.path_for("sql", version).read_bytes()).decode("utf-8")
    params = connection.get_connection_params()
    with psycopg.connect(**{**params, "autocommit": True}) as other:
        other.execute("DROP SCHEMA IF EXISTS dump_check CASCADE; CREATE SCHEMA dump_check")
        try:
            other.execute("SET search_path TO dump_check")
            other.execute(script)
            for name, model, _ in dumps.TABLES:
                count = other.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
                assert count == model.objects.count(), name
        finally:
            other.execute("DROP SCHEMA dump_check CASCADE")


def test_the_data_page_documents_the_tables_and_links_the_downloads(client, season, dumps_dir):
    assert 'href="/data/"' in client.get("/").content.decode()
    page = client.get("/data/").content.decode()
    assert "/data/racesite.csv.zip" in page and "/data/racesite.sql.gz" in page
    assert "GNU General Public License" in page and "race_order" not in page
    assert "<code>laps_led</code>" in page
    assert 'href="/api/v1/docs/"' in page and "100000 requests a minute" in page


def test_a_download_is_the_current_versions_file_and_revalidates(client, season, dumps_dir):
    version = dumps.build()
    response = client.get("/data/racesite.csv.zip")
    assert response.status_code == 200
    assert f"racesite-{version}.csv.zip" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == dumps.path_for("csv", version).read_bytes()
    assert client.get("/data/racesite.csv.zip", headers={"if-none-match": response["ETag"]}).status_code == 304
    sql = client.get("/data/racesite.sql.gz")
    assert sql.status_code == 200 and sql["ETag"] != response["ETag"]


def test_a_download_before_the_build_starts_it_once_and_says_when_to_come_back(client, season, dumps_dir, monkeypatch):
    started = []

    class FakeProcess:
        def __init__(self, command, **kwargs):
            started.append(command)

        def wait(self):
            return 0

    monkeypatch.setattr(dumps.subprocess, "Popen", FakeProcess)
    for _ in range(5):
        response = client.get("/data/racesite.csv.zip")
        assert response.status_code == 503 and response["Retry-After"] == "60"
    assert len(started) == 1 and started[0][-1] == "build_dumps"


def test_new_results_make_a_new_dump_and_the_old_one_goes(client, season, dumps_dir):
    old = dumps.build()
    Event.objects.filter(round=2).update(name="Renamed 150")
    summaries.refresh(seasons=Season.objects.all())
    new = dumps.build()
    assert new > old and not dumps.path_for("csv", old).exists()
    assert "Renamed 150" in read_zip(dumps.path_for("csv", new))["races.csv"]


def test_a_write_during_the_build_makes_it_read_everything_again(season, dumps_dir, monkeypatch):
    write = dumps.write_csv_zip
    writes = []

    def write_then_an_import_commits(path, version, built_at):
        writes.append(version)
        counts = write(path, version, built_at)
        if len(writes) == 1:
            DataVersion.bump()
        return counts

    monkeypatch.setattr(dumps, "write_csv_zip", write_then_an_import_commits)
    version = dumps.build()
    assert writes == [version - 1, version]
    assert sorted(path.name for path in dumps_dir.glob("racesite-*")) == [
        f"racesite-{version}.csv.zip",
        f"racesite-{version}.sql.gz",
    ]


def test_the_build_command_says_what_it_wrote(season, dumps_dir):
    out = StringIO()
    call_command("build_dumps", stdout=out)
    assert "csv: " in out.getvalue() and ".sql.gz" in out.getvalue()
