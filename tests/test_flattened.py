"""Glued rows are a puzzle: the whole table is solved at once, and the database settles the rest."""

import pytest

from results.importers.flattened import read_table, split_header
from results.importers.knowledge import Knowledge
from results.importers.read import read_report
from results.importers.readings import Ambiguous
from results.importers.report import ReportError
from results.names import name_key
from tests.conftest import shared_path
from tests.corpus import check, races
from tests.corpus.formats import BY_NAME

COLUMNS = split_header("FinishStartNumberDriverTeamManufacturerLapsStatus")
TRUCK_2022 = Knowledge(series="Truck", year=2022)  # the seed's season: no three-digit numbers, no shared ones


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
    rows = read_table(table(leads), COLUMNS, first_line=1, source="t", knowledge=TRUCK_2022)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (10, "45")]
    assert rows[-1].start == 11
    assert sorted(r.start for r in rows) == list(range(1, 13))


def test_an_ambiguous_table_is_refused_with_every_reading_listed():
    with pytest.raises(ReportError) as error:
        read_table(table(AMBIGUOUS), COLUMNS, first_line=10, source="t")
    message = str(error.value)
    assert "2 rows can be read more than one way" in message
    assert "line 10: '1111Driver Aovich" in message
    assert 'start 1, #11 (--number "Driver Aovich=11") or start 11, #1 (--number "Driver Aovich=1")' in message
    assert "line 11:" in message and 'start 1, #10 (--number "Driver Bovich=10") or start 11, #0' in message
    assert "line 12" not in message
    assert "import the season's earlier races first" in message


def test_the_database_knowledge_of_car_numbers_settles_it():
    # Aovich ran #11 earlier this season: that settles his row, and with it the row his digits compete with.
    knowledge = Knowledge(season_numbers={"driver aovich": {"11"}})
    rows = read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (11, "0")]


def test_a_number_from_another_season_settles_only_its_own_row():
    """A driver's number of an earlier season is weak evidence (drivers change numbers): it may settle
    his own row, never carry along a row nothing is known about (1996 Truck round 1: Geoff Bodine's
    Cup #7 put Dave Rezendes on start 1 in #07, both wrong)."""
    knowledge = Knowledge(numbers={"driver aovich": {"11"}})
    with pytest.raises(Ambiguous) as error:
        read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert {line for line, _, _ in error.value.choices} == {1, 2}
    both = Knowledge(numbers={"driver aovich": {"11"}, "driver bovich": {"0"}})
    rows = read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=both)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (11, "0")]


def test_two_numbers_of_this_season_that_cannot_both_hold_settle_neither_row():
    """Aovich's #11 puts Bovich on start 11 in #0, yet Bovich ran #10 this season (as John Lindsay's
    #179 and Ralph Moody's #12 did in 1956 round 47, where Lindsay had changed to #79)."""
    knowledge = Knowledge(season_numbers={"driver aovich": {"11"}, "driver bovich": {"10"}})
    with pytest.raises(Ambiguous) as error:
        read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert {line for line, _, _ in error.value.choices} == {1, 2}
    # an older number of Bovich's is outweighed by Aovich's of this season
    older = Knowledge(season_numbers={"driver aovich": {"11"}}, numbers={"driver bovich": {"10"}})
    rows = read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=older)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (11, "0")]


def test_a_teams_numbers_are_no_evidence_for_which_of_its_cars_a_row_is():
    """Gene Comstock's team ran #8 and #108 in 1953: its #8 says nothing about Arden Mounts' row."""
    text = [
        "191Tim FlockTed Chester (Owner)Hudson200Running",
        "2Joe EubanksPhil Oates (Owner)Hudson200Running",
        "3108Arden MountsGene Comstock (Owner)Hudson190Running",
        "48Gene ComstockGene Comstock (Owner)Hudson180Running",
    ]
    knowledge = Knowledge(series="Cup", year=1953, team_numbers={"gene comstock owner": {"8"}})
    with pytest.raises(Ambiguous) as error:
        read_table(text, COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert "line 3: '3108Arden Mounts" in str(error.value)
    assert '(--number "Arden Mounts=108")' in str(error.value)


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
        ("Bubba Wallace23XI Racing", "Bubba Wallace", "23XI Racing"),
        ("Ricky Stenhouse Jr.JTG Daugherty Racing", "Ricky Stenhouse Jr.", "JTG Daugherty Racing"),
        ("Jimmy Weller IIISS Green Light Racing", "Jimmy Weller III", "SS Green Light Racing"),
        ("Will Kimmel IIITriStar Motorsports", "Will Kimmel III", "TriStar Motorsports"),
        ("Fireball Roberts", "Fireball Roberts", ""),  # old rows name no team
        ("Dave Mader III", "Dave Mader III", ""),
        ("Earl MossJohn Smith (Owner)", "Earl Moss", "John Smith (Owner)"),
        # the history tells namesakes apart in parentheses; a cut never falls inside them
        ("Bill Scott (CA)Scott Racing", "Bill Scott (CA)", "Scott Racing"),
        ("Jim (J.C.) DanielsonJohn Irvan (Owner)", "Jim (J.C.) Danielson", "John Irvan (Owner)"),
        ("Jason A. White (Virginia)GunBroker Racing", "Jason A. White (Virginia)", "GunBroker Racing"),
        ("Eddie MacDonald (Tifton, GA)", "Eddie MacDonald (Tifton, GA)", ""),
        ("Tim Andrews2nd Chance Motorsports", "Tim Andrews", "2nd Chance Motorsports"),
    ],
)
def test_driver_and_team_meet_at_the_right_capital(middle, driver, team):
    (row,) = read_table([f"112{middle}Chevrolet67Running"], COLUMNS, first_line=1, source="t")
    assert (row.driver, row.team) == (driver, team)


def test_a_lower_case_team_is_found_through_the_database():
    line = "112Jeff Greenppc RacingChevrolet67Running"
    with pytest.raises(Ambiguous) as error:
        read_table([line], COLUMNS, first_line=1, source="t")
    assert 'Jeff Green / ppc Racing, start 1, #2 (--number "Jeff Green=2")' in str(error.value)
    assert 'Jeff Greenp / pc Racing, start 1, #2 (--number "Jeff Greenp=2")' in str(error.value)
    (row,) = read_table([line], COLUMNS, first_line=1, source="t", knowledge=Knowledge(teams={"ppc racing"}))
    assert (row.driver, row.team) == ("Jeff Green", "ppc Racing")


def test_a_known_team_written_with_a_capital_is_not_found_in_lower_case():
    # Xfinity 1990: with Sam Ard's "Ard Motorsports" known, "Gary NeiceBeard Motorsports" was read as
    # driver "Gary NeiceBe" for "ard Motorsports"
    line = "112Gary NeiceBeard MotorsportsChevrolet67Running"
    known = Knowledge(teams={"ard motorsports"}, capitalised_teams={"ard motorsports"})
    (row,) = read_table([line], COLUMNS, first_line=1, source="t", knowledge=known)
    assert (row.driver, row.team) == ("Gary Neice", "Beard Motorsports")


def test_a_letter_after_the_car_number_belongs_to_it():
    (row,) = read_table(
        ["110XIrv HoerrPrecision Products RacingOldsmobile74Running"], COLUMNS, first_line=1, source="t"
    )
    assert (row.start, row.number, row.driver) == (1, "0X", "Irv Hoerr")


def test_letters_in_car_numbers_in_any_case_and_place():
    rows = read_table(
        [
            "112yRodney CombsJunie Donlavey (Owner)Ford100Running",
            "22x2Joe BloggsX RacingChevrolet100Running",
            "3301WBilly ShawSome RacingFord99Running",
            "44XIrv HoerrHoerr RacingChevrolet98Running",
            "55B-29Fonty FlockFrank Christian (Owner)Oldsmobile97Running",
        ],
        COLUMNS,
        first_line=1,
        source="t",
    )
    assert [(r.start, r.number, r.driver) for r in rows] == [
        (1, "2y", "Rodney Combs"),  # the lowercase suffix stays out of the name
        (2, "x2", "Joe Bloggs"),
        (3, "01W", "Billy Shaw"),
        (4, "X", "Irv Hoerr"),
        (5, "B-29", "Fonty Flock"),
    ]


def test_an_unbounded_row_is_refused_naming_its_line():
    with pytest.raises(ReportError, match="a row of 64,021 characters") as error:
        read_table(["1275" + "Ab" * 32_000 + "Chevrolet67Running"], COLUMNS, first_line=7, source="t")
    assert error.value.line == 7
    with pytest.raises(ReportError, match="the driver and team run to 603 characters"):
        read_table(["1275" + "Ab" * 300 + "Chevrolet67Running"], COLUMNS, first_line=7, source="t")


def test_a_table_without_manufacturer_keeps_its_tail():
    columns = split_header("PosStNo.DriverLapsStatus")
    (row,) = read_table(["1175Parker Kligerman67Running"], columns, first_line=1, source="t")
    assert (row.start, row.number, row.driver, row.laps, row.status) == (1, "75", "Parker Kligerman", 67, "Running")


def _known_before(race):
    """What a database holding the history up to ``race`` knows: every earlier Truck race, and the
    numbers of the race's season so far (the drivers' and the teams')."""
    knowledge = Knowledge(year=race.year)
    for (year, round_number), other in sorted(races.season_races(race.series).items()):
        if (year, round_number) >= (race.year, race.round):
            break
        for row in other.rows:
            driver, team, number = name_key(row["Driver"]), name_key(row["Team"]), row["Car"]
            knowledge.drivers.add(driver)
            knowledge.teams.add(team)
            knowledge.numbers.setdefault(driver, set()).add(number)
            if year == race.year:
                knowledge.season_numbers.setdefault(driver, set()).add(number)
                knowledge.team_numbers.setdefault(team, set()).add(number)
    return knowledge


def test_what_the_database_knows_ranks_readings_without_overruling_the_digits():
    shared_path("data", "nascar")
    race = races.season_races("Truck")[(2025, 4)]
    fmt = BY_NAME["glued"]
    # Kyle Larson ran #7 in 2023 and runs #07 here (his "307" also reads start 30, #7); Keith
    # McGee runs #22 ("3022" also reads start 3, #022). Corey Day has #7 in this race.
    report = read_report(fmt.render(race), "r.txt", knowledge=_known_before(race))
    by_driver = {row.driver: row for row in report.rows}
    assert (by_driver["Kyle Larson"].start, by_driver["Kyle Larson"].number) == (3, "07")
    assert (by_driver["Keith McGee"].start, by_driver["Keith McGee"].number) == (30, "22")
    verdict = check.compare(race, fmt, report.rows)
    assert verdict.wrong == [] and verdict.exact == verdict.rows


def test_with_nothing_known_a_reading_is_exact_or_its_line_is_listed():
    shared_path("data", "nascar")
    race = races.season_races("Truck")[(2025, 4)]
    fmt = BY_NAME["glued"]
    try:
        report = read_report(fmt.render(race), "r.txt", knowledge=Knowledge(year=2025))
    except Ambiguous as error:
        assert all(len(readings) > 1 for _, _, readings in error.choices)
        assert "line " in str(error) and "--number" in str(error)
    else:
        assert check.compare(race, fmt, report.rows).wrong == []


def test_the_person_settles_a_line_with_its_number():
    knowledge = Knowledge(chosen={"driver aovich": "1", "driver bovich": "10"})
    rows = read_table(table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=knowledge)
    assert [(r.start, r.number) for r in rows[:2]] == [(11, "1"), (1, "10")]


def test_a_number_for_a_driver_not_in_the_table_is_refused():
    with pytest.raises(ReportError, match="a driver the table does not have: kyle larson"):
        read_table(
            table(AMBIGUOUS), COLUMNS, first_line=1, source="t", knowledge=Knowledge(chosen={"kyle larson": "07"})
        )


def test_no_two_cars_share_a_number_in_the_years_none_did():
    # rows 1 and 2 swap starts 1 and 11 either way; row 3 certainly carries #1 ("31": start 3, #1)
    leads = ["111", "117", "31", "220", "430", "540", "650", "760", "870", "980", "1090", "1285"]
    rows = read_table(table(leads), COLUMNS, first_line=1, source="t", knowledge=TRUCK_2022)
    assert [(r.start, r.number) for r in rows[:2]] == [(1, "11"), (11, "7")]
    # in 1956 two cars of a race could share a number: the digits settle nothing, and nothing is guessed
    with pytest.raises(Ambiguous, match="line 1: .* or start 11, #1 "):
        read_table(table(leads), COLUMNS, first_line=1, source="t", knowledge=Knowledge(series="Cup", year=1956))


def test_a_row_lacking_its_number_is_never_read_as_a_guess():
    # Cup 1953 round 9 (the history): Bill Jennings started 11th in a car with no number, and Herb
    # Thomas started 1st in #92. Read as digits, "11" gives Jennings start 1, #1 and pushes Thomas
    # to start 19, #2: the starts are not a permutation, so the short rows may lack a value.
    shared_path("data", "nascar")
    race = races.season_races("Cup")[(1953, 9)]
    with pytest.raises(Ambiguous) as error:
        read_report(BY_NAME["glued"].render(race), "r.txt", knowledge=Knowledge(year=1953))
    readings = [lead for _, _, options in error.value.choices for _, _, lead in options]
    assert (11, "") in readings  # "start 11, no number" is offered
    assert '--number "Bill Jennings=none"' in str(error.value)


def test_a_season_imported_race_by_race_settles_truck_2025_round_4(run_import, tmp_path):
    """The issue's case on the import path: rounds 1-3 of 2025 loaded, then round 4 glued."""
    source = shared_path("data", "nascar", "truck_series.csv")
    history = tmp_path / "truck_series.csv"
    with open(source, encoding="utf-8") as handle:
        lines = [
            line
            for i, line in enumerate(handle)
            if i == 0 or line.startswith(("2023,", "2024,", "2025,1,", "2025,2,", "2025,3,"))
        ]
    history.write_text("".join(lines), encoding="utf-8")
    assert run_import(history, "--no-progress")[0]
    race = races.season_races("Truck")[(2025, 4)]
    report = tmp_path / "round-4.txt"
    report.write_bytes(BY_NAME["glued"].render(race))
    ok, out, err = run_import(report, "--dry-run", "--as", "csv", "--round", 4, "--track", race.track)
    assert ok, err
    assert ",3,07,Kyle Larson," in out and ",30,22,Keith McGee," in out


CUP_1965 = Knowledge(series="Cup", year=1965)  # every row has a start and a number; starts may repeat


def glued(*leads):
    return [f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running" for i, lead in enumerate(leads, start=1)]


def test_two_rows_whose_digits_give_one_start_are_refused_as_the_reports_own():
    # "27" and "28" read only as start 2 (#7, #8): nothing to choose, the report repeats a start
    with pytest.raises(ReportError) as error:
        read_table(glued("27", "28", "32"), COLUMNS, first_line=5, source="t", knowledge=CUP_1965)
    message = str(error.value)
    assert "these rows read with the same start position: line 5, line 6, and their digits allow" in message
    assert "the report gives two cars one start" in message
    assert "correct the start of one of these rows" in message


def test_a_start_the_evidence_chose_twice_is_listed_with_its_readings():
    # Bovich ran #11 once: that picks start 1 for "111", which row 1's digits already hold
    knowledge = Knowledge(series="Cup", year=1965, numbers={"driver bovich": {"11"}})
    with pytest.raises(Ambiguous) as error:
        read_table(glued("17", "111", "32"), COLUMNS, first_line=5, source="t", knowledge=knowledge)
    message = str(error.value)
    assert "these rows read with the same start position: line 5, line 6; " in message
    assert "line 6: '2111Driver Bovich" in message
    assert '--number "Driver Bovich=11"' in message and '--number "Driver Bovich=1"' in message
    assert "line 5:" not in message.split("line 6; ", 1)[1]


def test_a_start_another_row_holds_settles_a_row_in_years_no_start_was_given_twice():
    # A car withdrew (no start 4), so the starts are no permutation; "111" is 1/#11 or 11/#1, and
    # row 1 can only start 1: since 2002 no Truck race gave two cars one start, so it is 11/#1.
    leads = ["17", "111", "23", "35"]
    rows = read_table(glued(*leads), COLUMNS, first_line=1, source="t", knowledge=TRUCK_2022)
    assert [(r.start, r.number) for r in rows] == [(1, "7"), (11, "1"), (2, "3"), (3, "5")]
    # Cup 1965 had races with a start given twice: the digits alone settle nothing there
    with pytest.raises(Ambiguous) as error:
        read_table(glued(*leads), COLUMNS, first_line=1, source="t", knowledge=CUP_1965)
    assert '(--number "Driver Bovich=11")' in str(error.value) and '(--number "Driver Bovich=1")' in str(error.value)


def test_a_number_another_row_holds_settles_a_row_in_years_no_number_was_run_twice():
    # No start 4 (a car withdrew), so the starts are no permutation; "111" is 1/#11 or 11/#1, and row 2's
    # "211" can only be #11 (start 21 is past the field): no Truck race ever had two cars in one
    # number, so row 1 is 11/#1
    leads = ["111", "211", "35", "57"]
    rows = read_table(glued(*leads), COLUMNS, first_line=1, source="t", knowledge=TRUCK_2022)
    assert [(r.start, r.number) for r in rows] == [(11, "1"), (2, "11"), (3, "5"), (5, "7")]
