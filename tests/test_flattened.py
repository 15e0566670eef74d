"""Glued rows are a puzzle: the whole table is solved at once, and the database settles the rest."""

import pytest

from results.importers.flattened import read_table, split_header
from results.importers.knowledge import Knowledge
from results.importers.report import ReportError

COLUMNS = split_header("FinishStartNumberDriverTeamManufacturerLapsStatus")


def table(leads):
    """Rows for a field of len(leads) cars; ``leads`` are the glued start+number digits."""
    return [f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running" for i, lead in enumerate(leads, start=1)]


# Starts 1 and 11 go to rows 1 and 2 one way or the other: "111" is 1/#11 or 11/#1, "110" is 1/#10 or 11/#0.
AMBIGUOUS = ["111", "110", "25", "37", "48", "59", "64", "76", "83", "92", "1045", "1233"]


def test_header_words_are_found_without_separators():
    assert COLUMNS == ["finish", "start", "number", "driver", "team", "manufacturer", "laps", "status"]
    assert split_header("PosNo.DriverLapsLaps LedPts") == ["finish", "number", "driver", "laps", "led", "points"]
    assert split_header("Once upon a time") is None


def test_start_positions_are_solved_as_a_permutation():
    # Alone, row 1 reads 1/#11 or 11/#1 and row 2 reads 1/#045 or 10/#45; row 12 can only start 11.
    leads = ["111", "1045", "25", "37", "48", "59", "64", "76", "83", "92", "1233", "1199"]
    rows = read_table(table(leads), COLUMNS, first_line=1, source="t")
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (10, "45")]
    assert rows[-1].start == 11
    assert sorted(r.start for r in rows) == list(range(1, 13))


def test_an_ambiguous_table_is_refused_with_every_reading_listed():
    with pytest.raises(ReportError) as error:
        read_table(table(AMBIGUOUS), COLUMNS, first_line=10, source="t")
    message = str(error.value)
    assert "2 readings" in message
    assert "line 10: '1111Driver Aovich" in message and "start 1, #11 or start 11, #1" in message
    assert "line 11:" in message and "start 1, #10 or start 11, #0" in message
    assert "line 12" not in message
    assert "import the season's earlier races first" in message


def test_the_database_knowledge_of_car_numbers_settles_it():
    knowledge = Knowledge(numbers={"driver aovich": {"11"}})
    rows = read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (11, "0")]


@pytest.mark.parametrize(
    "middle, driver, team",
    [
        ("Matt DiBenedettoRackley WAR", "Matt DiBenedetto", "Rackley WAR"),
        ("Christian EckesThorSport Racing", "Christian Eckes", "ThorSport Racing"),
        ("Derek KrausMcAnally-Hilgemann Racing", "Derek Kraus", "McAnally-Hilgemann Racing"),
        ("Corey LaJoieSpire Motorsports", "Corey LaJoie", "Spire Motorsports"),
        ("Trey Burke IIIYoung’s Motorsports", "Trey Burke III", "Young’s Motorsports"),
        ("Austin Wayne SelfAM Racing", "Austin Wayne Self", "AM Racing"),
        ("Loy Allen Jr.TriStar Motorsports", "Loy Allen Jr.", "TriStar Motorsports"),
        ("Justin AllgaierHScott Motorsports", "Justin Allgaier", "HScott Motorsports"),
        ("Rick ScribnerRick Scribner", "Rick Scribner", "Rick Scribner"),
        ("Justin Marks*Niece Motorsports", "Justin Marks", "Niece Motorsports"),
    ],
)
def test_driver_and_team_meet_at_the_right_capital(middle, driver, team):
    (row,) = read_table([f"112{middle}Chevrolet67Running"], COLUMNS, first_line=1, source="t")
    assert (row.driver, row.team) == (driver, team)


def test_a_lower_case_team_is_found_through_the_database():
    line = "112Jeff Greenppc RacingChevrolet67Running"
    with pytest.raises(ReportError, match="cannot be told apart"):
        read_table([line], COLUMNS, first_line=1, source="t")
    (row,) = read_table([line], COLUMNS, first_line=1, source="t", knowledge=Knowledge(teams={"ppc racing"}))
    assert (row.driver, row.team) == ("Jeff Green", "ppc Racing")


def test_a_letter_after_the_car_number_belongs_to_it():
    (row,) = read_table(
        ["110XIrv HoerrPrecision Products RacingOldsmobile74Running"], COLUMNS, first_line=1, source="t"
    )
    assert (row.start, row.number, row.driver) == (1, "0X", "Irv Hoerr")
