"""An operator imports real races whose table lost its separators (the seed report's layout, rendered
from ../shared/data/nascar) into an empty database: what the table and the race's year rule out
is read exactly; what they leave open is refused in one message that lists every such line with
the ``--number`` that settles each, and those options, typed back, read the race exactly."""

import csv
import io
import re

import pytest

from results.importers.knowledge import NO_NUMBER
from results.models import Entry
from results.names import name_key
from tests.conftest import shared_path
from tests.corpus import races, truth
from tests.corpus.glued import render


def race_file(tmp_path, series, year, round_number, prose=""):
    shared_path("data", "nascar")
    race = races.season_races(series)[(year, round_number)]
    path = tmp_path / f"{race.key}.txt"
    path.write_bytes(prose.encode() + render(race))
    return race, path


def dry_run(run_import, race, path, *options):
    return run_import(
        path, "--dry-run", "--as", "csv", "--series", race.series, "--year", race.year, "--round", race.round,
        "--track", race.track, *options,
    )  # fmt: skip


def history_of(race):
    """finish -> (start, number, driver, team) as the history has them (names by key: "Suárez" is "Suarez")."""
    return {e.finish: (e.start, e.number, name_key(e.driver), name_key(e.team)) for e in truth.expected(race)}


def rows_printed(out):
    """finish -> (start, number, driver, team) of the rows ``--dry-run --as csv`` printed."""
    return {
        int(r["finish"]): (
            int(r["start"]) if r["start"] else None,
            r["number"],
            name_key(r["driver"]),
            name_key(r["team"]),
        )
        for r in csv.DictReader(io.StringIO(out))
    }


def listed_lines(err):
    """line number -> the --number options the refusal lists for it."""
    return {int(line): re.findall(r'--number "([^"]+)"', rest) for line, rest in re.findall(r"line (\d+): (.*)", err)}


def the_history_s_option(race, line, options):
    """Of a listed line's options, the one that reads the row as the history has it."""
    row = truth.rows(race)[line - FIRST_LINE]
    wanted = f"{row['Driver']}={row['Car'] or NO_NUMBER}"
    match = [option for option in options if name_key(option) == name_key(wanted)]
    assert match, f"line {line}: the history's reading {wanted!r} is not among {options}"
    return match[0]


FIRST_LINE = 6  # the prose line, a blank, "Race results", a blank, the header, then row 1


@pytest.mark.parametrize(
    "series, year, round_number, reads_alone, why",
    [
        ("Truck", 2025, 8, "", "two rows swap starts 3 and 31: #12 and #13, or #2 and #3"),
        ("Truck", 2004, 12, "", "'Terry Cookppc Racing': where the driver ends and the team begins"),
        ("Cup", 1951, 23, "", "rows lacking a start or a number: '17Bob Flock' is #7, or start 7 and no number"),
        ("Cup", 1956, 12, "", "two cars of this race carried #98, so no number rules a reading out"),
        ("Cup", 1950, 7, "Buck Barr", "'3Buck Barr' has neither start nor number"),
        ("Cup", 1949, 3, "", "five rows hold a name and nothing else: '16Bill HarrisonR.B. McIntosh (Owner)'"),
        ("Cup", 1966, 28, "Eddie MacDonald (Tifton, GA)", "the words in parentheses are his name's"),
        ("Cup", 1973, 1, "Mark Donohue", "his row names no make: 'Penske Racing South191Running'"),
    ],
)
def test_every_open_line_is_listed_with_the_option_that_settles_it(
    run_import, tmp_path, series, year, round_number, reads_alone, why
):
    race, path = race_file(tmp_path, series, year, round_number)
    ok, _, err = dry_run(run_import, race, path)
    assert not ok and "can be read more than one way" in err, why
    listed = listed_lines(err)
    assert listed and all(len(options) > 1 for options in listed.values()), err
    assert all(reads_alone not in options[0] for options in listed.values()) if reads_alone else True, why
    chosen = [the_history_s_option(race, line, options) for line, options in listed.items()]
    ok, out, err = dry_run(run_import, race, path, *[f"--number={option}" for option in chosen])
    assert ok, err
    assert rows_printed(out) == history_of(race), why


def test_a_car_without_a_number_is_said_with_none(run_import, tmp_path):
    # Cup 1953 round 9: Bill Jennings started 11th in a car with no number; "11" also reads start 1, #1
    race, path = race_file(tmp_path, "Cup", 1953, 9)
    ok, _, err = dry_run(run_import, race, path)
    jennings = next(line for line, options in listed_lines(err).items() if "Bill Jennings=none" in options)
    (listed,) = [text for text in err.splitlines() if text.startswith(f"  line {jennings}:")]
    assert 'start 11, no number (--number "Bill Jennings=none")' in listed


@pytest.mark.parametrize(
    "series, year, round_number, rule",
    [
        ("Truck", 2015, 18, "no truck ran a three-digit number, or a zero before two digits"),
        ("Truck", 2011, 14, "no two trucks of a race share a number"),
        ("Cup", 1956, 23, "a row of 1956 may name no make"),
        ("Xfinity", 2010, 28, "'Tim Andrews2nd Chance Motorsports': the team begins at its digit"),
    ],
)
def test_what_the_year_and_the_table_rule_out_reads_exactly(run_import, tmp_path, series, year, round_number, rule):
    race, path = race_file(tmp_path, series, year, round_number)
    ok, out, err = dry_run(run_import, race, path)
    assert ok, f"{rule}: {err}"
    assert rows_printed(out) == history_of(race), rule


def test_the_report_s_prose_settles_a_car_number(run_import, tmp_path):
    # Truck 2025 round 8: "19312Cody Dennison" and "21313Jake Garcia" swap starts 3 and 31
    prose = "Jake Garcia, driving the #13 Ford, crashed out late.\n\n"
    race, path = race_file(tmp_path, "Truck", 2025, 8, prose)
    ok, out, err = dry_run(run_import, race, path)
    assert ok, err
    assert rows_printed(out) == history_of(race)


def test_a_sentence_that_does_not_say_whose_car_it_is_settles_nothing(run_import, tmp_path):
    # the same swap; "in the #3" may be either driver's car (the history has Garcia in the #13)
    prose = "Cody Dennison passed Jake Garcia in the #3 with two laps to go.\n\n"
    race, path = race_file(tmp_path, "Truck", 2025, 8, prose)
    ok, out, err = dry_run(run_import, race, path)
    assert not ok and "Cody Dennison" in err and "--number" in err


def test_every_line_that_does_not_read_is_named_at_once(run_import, tmp_path):
    # Cup 1952 round 23: the history has no P9, so rows 9 to 22 do not begin with their position
    race, path = race_file(tmp_path, "Cup", 1952, 23)
    ok, _, err = dry_run(run_import, race, path)
    assert not ok and "14 rows do not read" in err
    assert [int(n) for n in re.findall(r"^  line (\d+):", err, re.MULTILINE)] == list(range(14, 28))


@pytest.mark.parametrize(
    "row, team, status",
    [
        ("3George Mantooth", "", ""),
        ("3George MantoothFrank Smith (Owner)", "Frank Smith (Owner)", ""),
        ("3George MantoothOverheating", "", "Overheating"),
        ("3George MantoothHerb Thomas RacingAccident", "Herb Thomas Racing", "Accident"),
    ],
)
def test_a_1949_row_holding_only_a_name_reads_with_the_rest_unknown(run_import, tmp_path, row, team, status):
    """The sources of 1949-57 lack the start, number, make and laps of many cars: such a row is read
    with those unknown (not 0, not guessed), and the rows around it as they are."""
    text = (
        "FinishNumberDriverTeamManufacturerLapsStatus\n"
        "122Red ByronRaymond Parks (Owner)Oldsmobile200Running\n"
        "290Bill BlairRice RacingCadillac196Running\n" + row + "\n"
    )
    path = tmp_path / "1949-race-3.txt"
    path.write_text(text)
    ok, out, err = run_import(
        path, "--dry-run", "--as", "csv", "--series", "Cup", "--year", 1949, "--round", 3,
        "--track", "Occoneechee Speedway",
    )  # fmt: skip
    assert ok, err
    last = list(csv.DictReader(io.StringIO(out)))[-1]
    assert (last["finish"], last["start"], last["number"], last["driver"]) == ("3", "", "", "George Mantooth")
    assert (last["team"], last["manufacturer"], last["laps"], last["status"]) == (team, "", "", status)


def test_a_lone_word_after_a_bare_name_is_not_guessed_to_be_a_team_or_a_status(run_import, tmp_path):
    text = "FinishNumberDriverTeamManufacturerLapsStatus\n1George MantoothFlagged\n"
    path = tmp_path / "1949-race-3.txt"
    path.write_text(text)
    ok, _, err = run_import(
        path, "--dry-run", "--series", "Cup", "--year", 1949, "--round", 3, "--track", "Occoneechee Speedway"
    )
    assert not ok
    assert "line 2" in err and "'Flagged' after George Mantooth may be the team or the status" in err


def test_a_season_imported_in_one_invocation_settles_a_later_round(run_import, tmp_path):
    # Truck 2025 round 4 alone: Corey Heim's and Brandon Jones's rows both begin "111" (start 1, #11 or
    # start 11, #1). The three rounds before it, imported by the same command, say who runs #11.
    files = [race_file(tmp_path, "Truck", 2025, n) for n in (1, 2, 3, 4)]
    round_4, path_4 = files[3]
    ok, _, err = run_import(path_4, "--dry-run", "--series", "Truck", "--year", 2025)
    assert not ok and '--number "Corey Heim=11"' in err and '--number "Brandon Jones=1"' in err
    ok, _, err = run_import(*[path for _, path in files], "--series", "Truck", "--year", 2025)
    assert ok, err
    stored = Entry.objects.filter(event__round=4).values_list("finish", "start", "number", "driver__name", "team__name")
    assert {f: (s, n, name_key(d), name_key(t or "")) for f, s, n, d, t in stored} == history_of(round_4)


def test_a_number_the_year_rules_out_is_refused_as_such(run_import, tmp_path):
    # Truck 2015 round 18: "61214Daniel Hemric" holds #214, but no truck ever ran a three-digit number
    race, path = race_file(tmp_path, "Truck", 2015, 18)
    ok, _, err = dry_run(run_import, race, path, "--number=Daniel Hemric=214")
    assert not ok
    assert "the number given for Daniel Hemric (#214) is one no Truck row of 2015 had" in err
    ok, _, err = dry_run(run_import, race, path, "--number=Daniel Hemric=99")
    assert "the number given for Daniel Hemric (#99) is not in '1214'" in err


def test_a_1982_start_written_0_reads_as_unknown_in_glued_rows_too(run_import, tmp_path):
    # Xfinity 1982 round 2: the source writes 0 for 26 starts it does not know ("20Bubba Nissen": P2,
    # start 0, no number; "3022Rick Mast": P3, start 0, #22); a leading 0 is never a start position
    race, path = race_file(tmp_path, "Xfinity", 1982, 2)
    ok, out, err = dry_run(run_import, race, path)
    if not ok:  # what the digits leave open, settled as the history has it
        chosen = [the_history_s_option(race, line, options) for line, options in listed_lines(err).items()]
        ok, out, err = dry_run(run_import, race, path, *[f"--number={option}" for option in chosen])
    assert ok, err
    assert rows_printed(out) == history_of(race)
    assert rows_printed(out)[3] == (None, "22", name_key("Rick Mast"), name_key("A.G. Dillard Motorsports"))
    assert "start 0 read as start unknown (lines 7, 8," in err


@pytest.mark.parametrize("first_words", [set(), {"parker", "zane"}, {f"word{n}" for n in range(600)} | {"parker"}])
def test_a_glued_import_loads_the_numbers_of_only_the_drivers_its_rows_could_name(
    season, django_assert_max_num_queries, first_words
):
    """The full history's numbers of every driver took 31 MB and 1.9 s to load for each glued import:
    only drivers whose names begin as a row's could are asked about, in seven queries at most whatever the count."""
    from results.importers.knowledge import from_database

    series = season["events"][0].season.series
    with django_assert_max_num_queries(7):
        known = from_database(series.name, 2022, series_short="Truck", first_words=first_words)
    assert known.knows_driver("Parker Kligerman") == bool(first_words)
    assert known.knows_driver("Corey Heim") == (len(first_words) > 500)  # past 500 words: everyone, at once
    if first_words == {"parker", "zane"}:
        assert known.numbers == {"parker kligerman": {"75"}, "zane smith": {"38"}}
    assert known.season_numbers["corey heim"] == {"51"}  # the season's and its teams' numbers: all of them


def test_a_driver_named_with_number_is_known_whatever_the_rows_begin_with(season):
    from results.importers.knowledge import from_database

    known = from_database(first_words=set(), chosen={"Corey Heim": "51"})
    assert known.numbers == {"corey heim": {"51"}} and known.chosen == {"corey heim": "51"}


def test_what_a_bench_builds_from_rows_is_what_the_database_knows(season, make):
    """bench/glued.py --sweep --history reads every race with what the database would know, built from
    the history's files without one (from_rows): from the same rows it is what an import loads."""
    from results.importers.knowledge import from_database, from_rows
    from results.models import Driver, Team

    series = season["events"][0].season.series
    make.team(name="ppc Racing")  # a team spelled in lowercase: "ppc Racing" cut from a row may be it
    entries = Entry.objects.exclude(number="").select_related("driver", "team", "event__season")
    built = from_rows(
        drivers=Driver.objects.values_list("key", flat=True),
        team_names=Team.objects.values_list("key", "name"),
        numbers=[(entry.driver.key, entry.number) for entry in entries],
        season_rows=[(e.event.season.year, e.driver.key, e.team and e.team.key, e.number) for e in entries],
        year=2022,
        series="Truck",
    )
    assert built == from_database(series.name, 2022, series_short="Truck")
    assert built.season_numbers["corey heim"] == {"51"} and built.knows_team("ppc Racing")


ONE_WORD = (
    "FinishStartNumberDriverTeamManufacturerLapsStatus\n"
    "1175Parker KligermanHenderson MotorsportsChevrolet67Running\n"
    "2299NelsinhoSpire MotorsportsChevrolet67Running\n"
)


def test_a_driver_named_in_one_word_reads_once_the_database_or_the_operator_names_him(run_import, tmp_path, make):
    path = tmp_path / "race.txt"
    path.write_text(ONE_WORD, encoding="utf-8")
    options = ("--dry-run", "--as", "csv", "--series", "Truck", "--year", 2022, "--round", 1, "--track", "Nowhere")
    # "NelsinhoSpire Motorsports": a one-word name is not guessed from a glued row...
    ok, _, err = run_import(path, *options)
    assert not ok and "line 3" in err
    # ...but the operator may name him, or the database knows him
    ok, out, err = run_import(path, *options, "--number", "Nelsinho=99")
    assert ok, err
    assert rows_printed(out)[2] == (2, "99", "nelsinho", "spire motorsports")
    make.driver(name="Nelsinho")
    ok, out, err = run_import(path, *options)
    assert ok, err
    assert rows_printed(out)[2] == (2, "99", "nelsinho", "spire motorsports")


def _swap_table(first, second):
    """Twelve 2024 Truck rows where ``first`` and ``second`` both read "118" (start 1, #18 or start 11,
    #8: one of each), and every other row reads one way (start 2-10 or 12 in #40-49)."""
    rows = [f"1118{first}Chevrolet100Running", f"2118{second}Chevrolet100Running"]
    names = [
        "Cy Cole",
        "Di Dunn",
        "Ed Eyre",
        "Flo Fry",
        "Gus Gray",
        "Hal Hunt",
        "Ida Ives",
        "Jo Judd",
        "Kit Kay",
        "Lou Lamb",
    ]
    starts = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    rows += [
        f"{n + 3}{start}4{n}{name}{name.split()[1]} RacingFord99Running"
        for n, (name, start) in enumerate(zip(names, starts, strict=True))
    ]
    return "FinishStartNumberDriverTeamManufacturerLapsStatus\n" + "\n".join(rows) + "\n"


def test_a_driver_written_as_another_of_his_names_has_his_numbers_as_evidence(run_import, tmp_path, make):
    # the history has "Richard Trickle" in #18 this season, and "Dick Trickle" as another spelling
    # (an editor's merge): the report's "Dick Trickle" is the same car, so the swap is settled
    trickle = make.driver(name="Richard Trickle")
    trickle.aliases.create(name="Dick Trickle")
    truck = make.series()
    make.entry(make.event(year=2024, round=1, series=truck), driver=trickle, number="18", start=5)
    path = tmp_path / "race.txt"
    path.write_text(_swap_table("Ann AbleAble Racing", "Dick TrickleTrickle Racing"), encoding="utf-8")
    options = ("--dry-run", "--as", "csv", "--series", "Truck", "--year", 2024, "--round", 2, "--track", "Nowhere")
    ok, out, err = run_import(path, *options)
    assert ok, err
    printed = rows_printed(out)
    assert printed[2] == (1, "18", "dick trickle", "trickle racing")
    assert printed[1] == (11, "8", "ann able", "able racing")


@pytest.mark.parametrize("year, settled", [(2023, True), (2021, False)])
def test_the_first_race_of_a_season_takes_a_team_s_number_of_the_season_before(
    run_import, tmp_path, make, year, settled
):
    # the history has Turner Motorsports' #18 and Able Racing's #8 (other drivers'); 2024's first report
    # has Bo Baker, new to Turner, and Ann Able both reading "118": the teams' numbers the season
    # before settle each row on its own evidence, those of three seasons before do not
    event = make.event(year=year, round=22, series=make.series())
    make.entry(event, team=make.team(name="Turner Motorsports"), number="18", start=3)
    make.entry(event, team=make.team(name="Able Racing"), number="8", start=4)
    path = tmp_path / "race.txt"
    path.write_text(_swap_table("Ann AbleAble Racing", "Bo BakerTurner Motorsports"), encoding="utf-8")
    options = ("--dry-run", "--as", "csv", "--series", "Truck", "--year", 2024, "--round", 1, "--track", "Nowhere")
    ok, out, err = run_import(path, *options)
    if settled:
        assert ok, err
        assert rows_printed(out)[2] == (1, "18", "bo baker", "turner motorsports")
    else:
        assert not ok and '--number "Bo Baker=18"' in err
