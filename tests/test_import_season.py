"""An operator with an empty database imports a whole season of glued reports in one command
(``import_report --series S --year Y round01.txt ... round28.txt``). Each file is its own race,
named by its round; a file refused only because some lines read more than one way is tried again
once the other races have landed, and what those races say settles it when it settles it outright.
A driver who changed number during the season is never forced onto either number."""

import pytest

from results.models import Event, ImportRun
from results.names import name_key
from tests.conftest import shared_path
from tests.corpus import check, races
from tests.corpus.formats import BY_NAME
from tests.test_import_glued import history_of, race_file

GLUED = BY_NAME["glued"]


def season_files(tmp_path, series, year, rounds=None):
    """The season's races (or ``rounds`` of it) rendered glued, each file named by its round."""
    shared_path("data", "nascar")
    season = [race for race in races.season(series, year) if rounds is None or race.round in rounds]
    paths = []
    for race in season:
        path = tmp_path / f"round{race.round:02d}.txt"
        path.write_bytes(GLUED.render(race))
        paths.append(path)
    return season, paths


def stored(series, year, round_number):
    """finish -> (start, number, driver, team) of the race as the database holds it."""
    event = Event.objects.get(season__series__short_name=series, season__year=year, round=round_number)
    return {r.finish: (r.start, r.number, name_key(r.driver), name_key(r.team)) for r in check.stored(event)}


def test_a_whole_season_in_one_command_reads_every_race_exactly(run_import, tmp_path):
    # Truck 2010: 25 races, no --round and no --track: each file's name says its round, its prose the track
    season, paths = season_files(tmp_path, "Truck", 2010)
    ok, out, err = run_import(*reversed(paths), "--series", "Truck", "--year", 2010)
    assert ok, err
    events = {e.round: e for e in Event.objects.filter(season__year=2010).select_related("track")}
    assert sorted(events) == [race.round for race in season]
    for race in season:
        event = events[race.round]
        assert name_key(event.track.name) == name_key(race.track), race.key
        verdict = check.compare(race, GLUED, check.stored(event))
        assert (verdict.exact, verdict.wrong) == (verdict.rows, []), race.key


def test_a_file_the_table_leaves_open_is_settled_by_a_later_file_of_the_same_command(run_import, tmp_path):
    # Truck 2025 round 4 alone: Corey Heim's and Brandon Jones's rows both begin "111" (start 1, #11 or
    # start 11, #1). Rounds 5 and 6, given after it, land first and say who runs #11.
    (round_4, *_), paths = season_files(tmp_path, "Truck", 2025, rounds={4, 5, 6})
    ok, _, err = run_import(paths[0], "--dry-run", "--series", "Truck", "--year", 2025)
    assert not ok and '--number "Corey Heim=11"' in err
    ImportRun.objects.all().delete()
    ok, out, err = run_import(*paths, "--series", "Truck", "--year", 2025)
    assert ok, err
    assert stored("Truck", 2025, 4) == history_of(round_4)
    assert "event created: 2025 Truck round 4 at Homestead-Miami Speedway" in out
    # the import log shows what happened to each file: three races created, no failure that did not last
    assert sorted(ImportRun.objects.values_list("outcome", flat=True)) == ["created"] * 3


def test_a_driver_who_changed_number_is_not_forced_onto_either(run_import, tmp_path):
    # Cup 1955 round 1: "122111George Parrish" (start 2, #111 or start 21, #11) and "13213Dick Rathman"
    # (start 2, #13 or start 21, #3). Rounds 2 and 11 land with Rathman in #3 and Parrish in #11:
    # each reading has one driver in his season's number, so nothing settles it. The history has
    # Rathman in #13 that day: taking #3 would have been silently wrong.
    (race, *_), paths = season_files(tmp_path, "Cup", 1955, rounds={1, 2, 11})
    ok, out, err = run_import(*paths, "--series", "Cup", "--year", 1955)
    assert not ok and "1 of 3 file(s) failed" in err
    assert "round01.txt: 2 rows can be read more than one way" in err
    assert 'start 2, #13 (--number "Dick Rathman=13") or start 21, #3 (--number "Dick Rathman=3")' in err
    assert sorted(Event.objects.values_list("round", flat=True)) == [2, 11]
    assert f"to settle it: import_report {paths[0]} --series Cup --year 1955 --round 1 with a --number" in err
    failed = ImportRun.objects.filter(outcome=ImportRun.Outcome.FAILED)
    assert [run.source for run in failed] == [str(paths[0])]  # once, though it was tried in two passes

    # the operator settles it as told: the file alone, its round, the history's reading
    ok, _, err = run_import(paths[0], "--series", "Cup", "--year", 1955, "--round", 1, "--number", "Dick Rathman=13")
    assert ok, err
    assert stored("Cup", 1955, 1) == history_of(race)


def test_files_that_each_read_more_than_one_way_settle_each_other(run_import, tmp_path):
    # Cup 1968 rounds 1 and 2 each leave four rows open, so neither lands first to settle the other.
    # But round 1 reads "2643Richard Petty" one way (start 6, #43), which settles round 2's "1143Richard
    # Petty" (start 1, #43 or start 14, #3); round 2 reads "20326LeeRoy Yarbrough" one way (#26), which
    # settles round 1's "17126LeeRoy Yarbrough" (start 1, #26 or start 12, #6); and so on.
    season, paths = season_files(tmp_path, "Cup", 1968, rounds={1, 2})
    for path in paths:
        ok, _, err = run_import(path, "--dry-run", "--series", "Cup", "--year", 1968)
        assert not ok and "4 rows can be read more than one way" in err
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1968)
    assert ok, err
    for race in season:
        assert stored("Cup", 1968, race.round) == history_of(race)


def test_a_track_named_without_a_track_word_is_read_from_the_prose(run_import, tmp_path):
    # "... race at Autodromo Hermanos Rodriguez in 2008.": no "Speedway" or "Raceway" to end the name,
    # and --track cannot name the track of each file of one command ("the report does not say the track")
    season, paths = season_files(tmp_path, "Xfinity", 2008, rounds={9, 23})
    ok, _, err = run_import(*paths, "--series", "Xfinity", "--year", 2008)
    assert ok, err
    tracks = dict(Event.objects.values_list("round", "track__name"))
    assert tracks == {9: "Autodromo Hermanos Rodriguez", 23: "Circuit Gilles Villeneuve"}
    for race in season:
        assert stored("Xfinity", 2008, race.round) == history_of(race)


def test_a_place_of_another_year_or_one_of_two_places_is_not_taken_for_the_track(run_import, tmp_path):
    (race, *_), paths = season_files(tmp_path, "Xfinity", 2008, rounds={9})
    for prose in (
        "Busch, second at Road America in 2007, won here in 2008.",
        "From Mexico City in 2008 to Montreal in 2008.",
    ):
        paths[0].write_bytes(prose.encode() + b"\n\n" + GLUED.render(race).split(b"\n\n", 1)[1])
        ok, _, err = run_import(paths[0], "--series", "Xfinity", "--year", 2008, "--round", 9)
        assert not ok and "the report does not say the track" in err


def test_a_file_stays_refused_when_nothing_lands_to_settle_it(run_import, tmp_path):
    # Xfinity 1999: "Jeff Greenppc Racing" reads six ways (where his name ends) in every race of the
    # season, so no race lands and none can settle another; each is refused with its lines listed
    _, paths = season_files(tmp_path, "Xfinity", 1999, rounds={1, 3})
    ok, _, err = run_import(*paths, "--series", "Xfinity", "--year", 1999)
    assert not ok and "2 of 2 file(s) failed" in err
    assert err.count('--number "Jeff Green=32"') == 2
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "names, rounds",
    [
        (["round01.txt", "round12.txt"], [1, 12]),
        (["cup-1978-03.txt", "cup-1978-04-glued.txt"], [3, 4]),
        (["r1.txt", "Round 03.txt"], [1, 3]),
    ],
)
def test_each_file_of_a_season_is_the_round_its_name_says(run_import, tmp_path, names, rounds):
    for name, round_number in zip(names, rounds, strict=True):
        race, path = race_file(tmp_path, "Cup", 1978, round_number)
        path.rename(tmp_path / name)
    ok, _, err = run_import(*[tmp_path / name for name in names], "--series", "Cup", "--year", 1978)
    assert ok, err
    assert sorted(Event.objects.values_list("round", flat=True)) == rounds


def test_one_round_for_several_files_is_refused(run_import, tmp_path):
    paths = [race_file(tmp_path, "Cup", 1978, n)[1] for n in (1, 2)]
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1978, "--round", 1)
    assert not ok and "--round names one race" in err
    assert not Event.objects.exists()


def test_one_number_settles_where_a_name_ends_in_every_file_of_the_season(run_import, tmp_path):
    # the operator reads the listing above and names the split once, for the whole season
    season, paths = season_files(tmp_path, "Xfinity", 1999, rounds={1, 3})
    ok, _, err = run_import(*paths, "--series", "Xfinity", "--year", 1999, "--number", "Jeff Green=32")
    assert ok, err
    for race in season:
        assert stored("Xfinity", 1999, race.round) == history_of(race)


def test_a_number_for_several_files_never_chooses_a_car_number(run_import, tmp_path):
    # Dick Rathman ran #13 in round 1 of 1955 and #3 in rounds 2 and 11: an option naming his number
    # is about one race, so with several files it is applied to none
    (_, race_2, race_11), paths = season_files(tmp_path, "Cup", 1955, rounds={1, 2, 11})
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1955, "--number", "Dick Rathman=13")
    assert not ok and "1 of 3 file(s) failed" in err and "round01.txt: 2 rows can be read" in err
    assert "--number for Dick Rathman settled no file" in err
    assert stored("Cup", 1955, 2) == history_of(race_2) and stored("Cup", 1955, 11) == history_of(race_11)


@pytest.mark.parametrize(
    "names", [["riverside-9.txt", "daytona-8.txt"], ["riverside-race-9.txt", "daytona-race-8.txt"]]
)
def test_a_number_in_a_name_that_is_not_a_round_is_not_taken_for_one(run_import, tmp_path, names):
    # "kansas-2.txt" or "dover-race-2.txt" may be a season's second race at the track; only "round", "rd",
    # "r" or a number right after the year name a round. Without one, and without a date, two new races of a
    # season have no order to be numbered in (given as daytona then riverside, they were rounds 1 and 2
    # the wrong way round): both are refused, saying how to name them.
    for name, round_number in zip(names, (1, 2), strict=True):
        race_file(tmp_path, "Cup", 1978, round_number)[1].rename(tmp_path / name)
    ok, out, err = run_import(*[tmp_path / name for name in names], "--series", "Cup", "--year", 1978)
    assert not ok and "2 of 2 file(s) failed" in err
    for name in names:
        assert f"{name}: 2 files of this command add races to 1978 without naming their round" in err
    assert "the files named by round (round07.txt, r7.txt, cup-1978-07.txt) or by date" in err
    assert not Event.objects.exists()
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.FAILED).count() == 2


def test_two_files_of_one_command_never_write_one_race(run_import, tmp_path):
    # Two reports of Cup 1978 races at Riverside (rounds 1 and 14), the second neither named by its round nor
    # headed by a name the track has held: it would find "the race at Riverside" the first just wrote.
    races = []
    for name, round_number in (("round01.txt", 1), ("riverside-june.txt", 14)):
        race, path = race_file(tmp_path, "Cup", 1978, round_number)
        path.rename(tmp_path / name)
        races.append(race)
    assert races[0].track == races[1].track
    ok, _, err = run_import(
        tmp_path / "round01.txt", tmp_path / "riverside-june.txt", "--series", "Cup", "--year", 1978
    )
    assert not ok and "1 of 2 file(s) failed" in err
    assert "riverside-june.txt: round 1 of 1978 at Riverside" in err and "written by" in err
    assert "round01.txt in this command" in err
    assert stored("Cup", 1978, 1) == history_of(races[0])


def test_a_file_named_by_its_date_is_not_given_the_month_for_its_round(run_import, tmp_path):
    # Cup 1978 rounds 3 and 4 were run on 26 February and 5 March. Files named by their race's date
    # ("1978-02-26-richmond.txt") say no round: the month after the year is not one (it read as rounds
    # 2 and 3, with no warning: Richmond silently written as round 2 of an empty season).
    names = {3: "1978-02-26-richmond.txt", 4: "1978-03-05-rockingham.txt"}
    for round_number, name in names.items():
        _, path = race_file(tmp_path, "Cup", 1978, round_number)
        path.rename(tmp_path / name)
    ok, out, err = run_import(*[tmp_path / name for name in names.values()], "--series", "Cup", "--year", 1978)
    assert ok, err
    # each is numbered as a report naming no round is, and says so
    assert out.count("the report does not say the round") == 2


def dated_files(tmp_path, names):
    """Cup 1978 races (round -> file name) rendered glued, under the names given."""
    for round_number, name in names.items():
        race_file(tmp_path, "Cup", 1978, round_number)[1].rename(tmp_path / name)
    return [tmp_path / name for name in names.values()]


def test_files_named_by_date_given_out_of_order_are_numbered_in_date_order(run_import, tmp_path):
    # the shell lists "rockingham-1978-03-05.txt" before "richmond-1978-02-26.txt": Rockingham was numbered
    # round 1 and Richmond, run a week before it, round 2
    paths = dated_files(tmp_path, {4: "rockingham-1978-03-05.txt", 3: "richmond-1978-02-26.txt"})
    ok, out, err = run_import(*paths, "--series", "Cup", "--year", 1978)
    assert ok, err
    events = Event.objects.order_by("round").values_list("round", "track__name", "date")
    assert [(r, t.split()[0], str(d)) for r, t, d in events] == [
        (1, "Richmond", "1978-02-26"),
        (2, "Rockingham", "1978-03-05"),
    ]
    assert out.count("numbered 1 (the next of 1978 by date)") + out.count("numbered 2 (the next of 1978 by date)") == 2


def test_a_dated_race_that_would_fall_before_a_later_round_is_refused(run_import, tmp_path):
    ok, out, err = run_import(
        *dated_files(tmp_path, {4: "1978-03-05-rockingham.txt", 6: "1978-04-02-bristol.txt"}), "--series", "Cup"
    )
    assert ok, err
    # a week later the operator adds Richmond, run before both: it cannot be round 3
    (richmond,) = dated_files(tmp_path, {3: "richmond.txt"})
    ok, _, err = run_import(richmond, "--series", "Cup", "--date", "1978-02-26")
    assert not ok and "the race of 1978-02-26 would be numbered after round 1 of 1978, run later (1978-03-05)" in err
    assert "expected: its round: --round, or a file named by it (round07.txt" in err
    assert Event.objects.count() == 2


def test_dated_files_are_refused_where_the_season_holds_races_without_a_date(run_import, tmp_path):
    # rounds 1 and 2 named by round carry no date: whether Richmond's 26 February comes after them is not known
    paths = dated_files(tmp_path, {1: "round01.txt", 2: "round02.txt", 3: "1978-02-26-richmond.txt"})
    ok, _, err = run_import(paths[2], *paths[:2], "--series", "Cup", "--year", 1978)
    assert not ok and "1 of 3 file(s) failed" in err
    assert "1978-02-26-richmond.txt: rounds 1, 2 of 1978 have no date, so where the race of 1978-02-26 falls" in err
    assert sorted(Event.objects.values_list("round", flat=True)) == [1, 2]


def test_one_new_race_without_round_or_date_is_numbered_after_the_files_named_by_round(run_import, tmp_path):
    # given first, it took round 1 and round01.txt was then refused ("round 1 of 1978 is at Richmond")
    paths = dated_files(tmp_path, {3: "richmond.txt", 1: "round01.txt", 2: "round02.txt"})
    ok, out, err = run_import(*paths, "--series", "Cup", "--year", 1978)
    assert ok, err
    assert "numbered 3 (the next of 1978); pass --round or name the file by its round to set it" in out
    assert sorted(Event.objects.values_list("round", flat=True)) == [1, 2, 3]


def test_a_file_dated_in_another_year_than_the_season_given_is_refused(run_import, tmp_path):
    paths = dated_files(tmp_path, {3: "1979-02-26-richmond.txt", 4: "round04.txt"})
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1978)
    assert not ok and "the file's name says the race was run on 1979-02-26, the report gives the season 1978" in err
    assert list(Event.objects.values_list("round", flat=True)) == [4]


def test_two_races_at_one_track_named_by_date_are_two_races(run_import, tmp_path):
    # Riverside held rounds 1 and 14 of 1978: the June report found "the race at Riverside" the January one
    # had just written and was refused; its date says it is another race
    paths = dated_files(tmp_path, {14: "riverside-1978-06-11.txt", 1: "riverside-1978-01-22.txt"})
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1978)
    assert ok, err
    assert [str(d) for d in Event.objects.order_by("round").values_list("date", flat=True)] == [
        "1978-01-22",
        "1978-06-11",
    ]


def test_an_empty_database_reads_each_track_from_the_line_giving_its_length(run_import, tmp_path):
    # Racing-Reference pasted ("Heartland Park Topeka (1.8 miles)") and a box score ("Watkins Glen International -
    # 2.45 Mile Road" under "Race Results for the Bud at the Glen"): the first was refused ("the report does
    # not say the track": no Speedway or Raceway in its name), the second written at a new track named
    # "Glen\nWatkins Glen International", read across the line break after "at the Glen"
    files = {}
    for series, year, round_number, fmt in (
        ("Truck", 1995, 12, "rr-tabs"),
        ("Cup", 1995, 20, "box-score"),
        ("Cup", 1965, 28, "rr-aligned"),  # "Valdosta 75 Speedway (0.5 miles)"
    ):
        race = races.season_races(series)[(year, round_number)]
        path = files[race.track] = tmp_path / f"{series.lower()}-{year}-{round_number:02d}-{fmt}.txt"
        path.write_bytes(BY_NAME[fmt].render(race))
    for track, path in files.items():
        ok, out, err = run_import(path, "--series", path.name.split("-")[0].title(), "--year", path.name.split("-")[1])
        assert ok, err
        assert Event.objects.get(track__name=track).entries.count() > 20
    tracks = sorted(Event.objects.values_list("track__name", flat=True))
    assert tracks == ["Heartland Park Topeka", "Valdosta 75 Speedway", "Watkins Glen International"]


def test_the_same_race_given_twice_under_two_rounds_is_refused(run_import, tmp_path):
    # the operator saved Cup 1978's round 1 report again as round02.txt: it was written as round 2 at Riverside,
    # race 2 (Daytona) never known to be missing, its points counted twice
    paths = dated_files(tmp_path, {1: "round01.txt", 3: "round03.txt"})
    copy = tmp_path / "round02.txt"
    copy.write_bytes(paths[0].read_bytes())
    ok, _, err = run_import(paths[0], copy, paths[1], "--series", "Cup", "--year", 1978)
    assert not ok and "1 of 3 file(s) failed" in err
    assert "round02.txt: its 35 results are those of round 1 of 1978 at Riverside" in err
    assert "the same race twice" in err
    assert sorted(Event.objects.values_list("round", flat=True)) == [1, 3]
    # the same report imported again as its own round changes nothing
    ok, out, err = run_import(paths[0], "--series", "Cup", "--year", 1978, "--round", 1)
    assert ok, err


def test_a_report_of_another_season_among_the_files_is_refused(run_import, tmp_path):
    # round07.txt is Racing-Reference's page of Cup 2003's race 7 ("2003 Samsung/RadioShack 500", at Texas as
    # 2004's round 7 was): --year 2004 wrote it as 2004's round 7, every result a season out
    rr = BY_NAME["rr-tabs"]
    files = {"round06.txt": races.season_races("Cup")[(2004, 6)], "round07.txt": races.season_races("Cup")[(2003, 7)]}
    for name, race in files.items():
        (tmp_path / name).write_bytes(rr.render(race))
    ok, _, err = run_import(*[tmp_path / name for name in files], "--series", "Cup", "--year", 2004)
    assert not ok and "1 of 2 file(s) failed" in err
    assert "round07.txt: the season given is 2004; the report names 2003 and never 2004" in err
    assert list(Event.objects.values_list("season__year", "round")) == [(2004, 6)]
    # imported with its own year, it is 2003's race 7
    ok, _, err = run_import(tmp_path / "round07.txt", "--series", "Cup", "--year", 2003, "--round", 7)
    assert ok, err


def test_cars_that_failed_to_qualify_listed_after_the_field_are_not_results(run_import, tmp_path):
    # Racing-Reference's table of Cup 2004's round 6 (43 cars) with two non-qualifiers after it, numbered on
    # as some sites print them: P44 and P45 were written, a start and a DNF each for drivers who never raced
    race = races.season_races("Cup")[(2004, 6)]
    dnq = (
        "44\t\t89\tMorgan Shepherd\tRacing With Jesus (Shepherd Racing Ventures)\tChevrolet\t0\t$0\tDNQ\t0\t0\n"
        "45\t\t46\tCarl Long\tSpirit of the Ozarks (Carl Long)\tFord\t0\t$0\tDid not qualify\t0\t0\n"
    )
    path = tmp_path / "round06.txt"
    path.write_bytes(BY_NAME["rr-tabs"].render(race) + dnq.encode())
    ok, out, err = run_import(path, "--series", "Cup", "--year", 2004, "--round", 6)
    assert ok, err
    assert "lines in the table that are not results, not imported: line 53 '44 | 89 | Morgan Shepherd" in out
    event = Event.objects.get()
    assert event.entries.count() == len(race.rows) == 43
    assert not event.entries.filter(driver__name__in=["Morgan Shepherd", "Carl Long"]).exists()


@pytest.mark.parametrize("option, value", [("--track", "Daytona International Speedway"), ("--date", "1992-02-16")])
def test_an_option_naming_one_race_is_refused_with_a_season_of_files(run_import, tmp_path, option, value):
    # spreadsheets of Cup 1992's first three races carry no track: given --track, all three were written at
    # Daytona (Rockingham and Richmond among them), as --round with several files is refused
    paths = []
    for race in races.season("Cup", 1992)[:3]:
        path = tmp_path / f"round{race.round:02d}.csv"
        path.write_bytes(BY_NAME["csv-excel"].render(race))
        paths.append(path)
    ok, _, err = run_import(*paths, "--series", "Cup", "--year", 1992, option, value)
    assert not ok and f"{option} names one race's" in err
    assert not Event.objects.exists()


def test_a_file_named_by_its_round_imported_alone_is_that_round(run_import, tmp_path):
    # the season landed without round 2; the operator imports round02.txt alone: it was numbered 4, the next,
    # with a warning telling him to name the file by its round, which it was
    paths = dated_files(tmp_path, {1: "round01.txt", 2: "round02.txt", 3: "round03.txt"})
    ok, _, err = run_import(paths[0], paths[2], "--series", "Cup", "--year", 1978)
    assert ok, err
    ok, out, err = run_import(paths[1], "--series", "Cup", "--year", 1978)
    assert ok, err
    assert "event created: 1978 Cup round 2 at" in out and "numbered" not in out
    assert sorted(Event.objects.values_list("round", flat=True)) == [1, 2, 3]
