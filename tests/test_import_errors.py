"""Broken reports get a clear error naming file, line and text, and leave the database as it was."""

import pytest

from tests.conftest import results_state

OPTIONS = ("--series", "Truck", "--year", 2022, "--track", "Mid-Ohio Sports Car Course", "--round", 15)


@pytest.fixture
def loaded(run_import, seed_report):
    """A database that already holds the seed race, so a failed import has something to spoil."""
    assert run_import(seed_report)[0]
    return results_state()


def broken_copy(tmp_path, seed_report, old, new, name="broken.txt"):
    text = seed_report.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def assert_refused(run_import, path, *fragments, options=()):
    ok, _, err = run_import(path, *options)
    assert not ok
    assert str(path) in err
    for fragment in fragments:
        assert fragment in err, err
    return err


def test_truncated_row(run_import, seed_report, tmp_path, loaded):
    path = broken_copy(
        tmp_path, seed_report, "362446Mason FilippiG2g RacingToyota9Engine", "362446Mason FilippiG2g Rac"
    )
    assert_refused(run_import, path, "line 49", "362446Mason FilippiG2g Rac", "manufacturer")
    assert results_state() == loaded


def test_unknown_manufacturer_in_glued_text(run_import, seed_report, tmp_path, loaded):
    path = broken_copy(
        tmp_path, seed_report, "Dylan LuptonSpire MotorsportsChevrolet", "Dylan LuptonSpire MotorsportsTesla"
    )
    assert_refused(run_import, path, "line 45", "no known manufacturer")
    assert results_state() == loaded


def test_non_numeric_lap_count(run_import, seed_report, tmp_path, loaded):
    path = broken_copy(tmp_path, seed_report, "Chevrolet47Accident", "Chevroletforty-sevenAccident")
    assert_refused(run_import, path, "line 45", "forty-seven")
    assert results_state() == loaded


def test_row_out_of_order_is_not_its_finishing_position(run_import, seed_report, tmp_path, loaded):
    path = broken_copy(tmp_path, seed_report, "21338Zane Smith", "31338Zane Smith")
    assert_refused(run_import, path, "line 15", "row 2 does not begin with its finishing position")
    assert results_state() == loaded


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (
            # UTF-8 ("ō") and a byte that is not: a damaged file, not another encoding
            "Race results\n\nFinishStartNumberDriverTeamManufacturerLapsStatus\n1275Kenkō MiuraX RacingToyota9Engine\n".encode()
            + b"1390Ann \xff Able\n",
            "not UTF-8",
        ),
        (b"Just some prose about a race, and no table at all.\n", "no results table found"),
    ],
    ids=["empty", "binary", "damaged-utf-8", "no-table"],
)
def test_unreadable_files(run_import, tmp_path, loaded, content, message):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert_refused(run_import, path, message, options=OPTIONS)
    assert results_state() == loaded


@pytest.mark.parametrize(
    "table, fragments",
    [
        (
            "Fin,Driver,Make,Laps\n1,Ann Able,Ford,10\n2,Bo Baker,Ford,10\n2,Cy Carter,Ford,9\n",
            ["line 4", "finishing position 2 appears twice"],
        ),
        (
            "Fin,Driver,Make,Laps\n1,Ann Able,Ford,10\n2,Bo Baker,Tesla,10\n",
            ["line 3", "unknown manufacturer", "'Tesla'"],
        ),
        ("Fin,Driver,Laps\n1,Ann Able,10\n2,Bo Baker,ten\n", ["line 3", "laps is not a whole number", "'ten'"]),
        ("Fin,Driver,Laps,Led\n1,Ann Able,10,11\n", ["line 2", "laps led (11) exceed laps completed (10)"]),
        (
            # as old grids are published (Cup 1956 round 6: two cars credited with start 45)
            "Fin,St,Driver,Make,Laps\n1,45,Ann Able,Ford,10\n2,3,Bo Baker,Ford,10\n3,45,Cy Carter,Ford,9\n",
            [
                "line 4",
                "start position 45 appears twice (also line 2)",
                "correct the start on line 2 or line 4, or empty it on both if the source does not say",
            ],
        ),
    ],
    ids=["duplicated-finish", "unknown-manufacturer", "non-numeric-laps", "led-above-laps", "duplicated-start"],
)
def test_broken_csv_tables(run_import, tmp_path, loaded, table, fragments):
    path = tmp_path / "results.csv"
    path.write_text(table)
    assert_refused(run_import, path, *fragments, options=OPTIONS)
    assert results_state() == loaded


def test_a_failure_in_one_file_leaves_the_other_files_imported(run_import, seed_report, tmp_path, db):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    ok, out, err = run_import(empty, seed_report)
    assert not ok
    assert "1 of 2 file(s) failed" in err
    assert "event created" in out


def test_an_ambiguous_table_is_refused_with_its_readings(run_import, tmp_path, loaded):
    # rows 1 and 2 can take starts 1 and 11 either way round; nothing in the database settles it
    leads = ["111", "110", "25", "37", "48", "59", "64", "76", "83", "92", "1045", "1233"]
    rows = [f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running" for i, lead in enumerate(leads, 1)]
    path = tmp_path / "ambiguous.txt"
    path.write_text(
        "Race results\n\nFinishStartNumberDriverTeamManufacturerLapsStatus\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    err = assert_refused(
        run_import,
        path,
        "2 rows can be read more than one way",
        "line 4: '1111Driver Aovich",
        'start 1, #11 (--number "Driver Aovich=11") or start 11, #1 (--number "Driver Aovich=1")',
        options=("--series", "Truck", "--year", 2023, "--track", "Somewhere Speedway"),
    )
    assert "import the season's earlier races first" in err
    assert results_state() == loaded

    # the operator settles the two lines without retyping the table
    settle = ("--number", "Driver Aovich=1", "--number", "Driver Bovich=10")
    ok, out, err = run_import(
        path, "--dry-run", "--as", "csv", *settle, "--series", "Truck", "--year", 2023, "--track", "Somewhere Speedway"
    )
    assert ok, err
    assert "1,11,1,Driver Aovich" in out and "2,1,10,Driver Bovich" in out


def test_a_number_for_a_line_cannot_contradict_its_digits(run_import, tmp_path, loaded):
    path = tmp_path / "ambiguous.txt"
    path.write_text("FinishStartNumberDriverTeamManufacturerLapsStatus\n1111Driver AovichSome RacingFord100Running\n")
    assert_refused(
        run_import,
        path,
        "line 2",
        "the number given for Driver Aovich (#7) is not in '111'",
        options=("--number", "Driver Aovich=7", "--series", "Truck", "--year", 2023, "--track", "Somewhere"),
    )


def test_a_huge_file_is_refused_before_it_is_read(run_import, seed_report, tmp_path, loaded):
    path = tmp_path / "huge.txt"
    path.write_bytes(seed_report.read_bytes() * 1500)  # about 6.7 MB
    assert_refused(run_import, path, "bytes", "split the file")
    assert results_state() == loaded


@pytest.mark.parametrize(
    "option, complaint",
    [
        (("--round", "0"), "the round 0 is out of range"),
        (("--round", "1000"), "the round 1000 is out of range"),
        (("--round", "9" * 30), "is out of range"),
        (("--year", "0"), "the year 0 is out of range"),
        (("--year", "99999"), "the year 99999 is out of range"),
        (("--date", "9999-12-31"), "the year 9999 is out of range"),
    ],
    ids=["round 0", "round 1000", "round of 30 digits", "year 0", "year 99999", "date 9999"],
)
def test_a_round_or_year_no_race_can_have_is_refused_by_name(run_import, tmp_path, option, complaint):
    """A typo in an option: round 0 was numbered as if none were given, round 1000 met a CHECK
    constraint, 30 digits an OverflowError, year 99999 made a season fans could browse."""
    from results.models import Event, ImportRun

    path = tmp_path / "results.csv"
    path.write_text("Pos,Driver,Laps\n1,Ann Able,9\n")
    given = {"--series": "Truck", "--year": "2022", "--round": "15", "--track": "Mid-Ohio Sports Car Course"}
    given.pop("--year" if option[0] == "--date" else option[0])
    ok, out, err = run_import(path, *option, *[x for pair in given.items() for x in pair])
    assert not ok
    assert complaint in err and "Traceback" not in err
    assert not Event.objects.exists()
    assert ImportRun.objects.get().outcome == "failed"
