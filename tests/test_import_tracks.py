"""An operator imports a season's tables, few of which say their track in a sentence: each is read at the track
its title line or its file's name gives, or refused saying what would give it (with several files --track is
refused: it would name every file's track)."""

from results.models import Event

OPTIONS = ("--series", "Truck", "--year", 2015)
TABLE = "Pos,Driver,Laps\n1,Erik Jones,139\n2,Matt Crafton,139\n3,Tyler Reddick,138\n"


def tracks():
    return list(Event.objects.order_by("round").values_list("round", "track__name"))


def test_tables_naming_no_track_say_what_would_name_it(run_import, tmp_path):
    paths = [tmp_path / "round05.csv", tmp_path / "round06.csv"]
    for path in paths:
        path.write_text(TABLE)

    ok, _, err = run_import(*paths, *OPTIONS)

    assert not ok and "2 of 2 file(s) failed" in err
    # it said "pass --track", which the command refuses with several files
    assert "pass --track" not in err
    assert err.count("the report does not say the track") == 2
    assert (
        "expected: a line above its table naming the track ('Charlotte Motor Speedway'), or the name of a track the "
        "site knows in the file's name (round05-charlotte-motor-speedway.csv); or this file imported alone with --track"
        in err
    )
    assert not Event.objects.exists()


def test_a_title_line_naming_the_track_alone_is_its_track_on_an_empty_database(run_import, tmp_path):
    # Racing-Reference and box scores gave the track with its length; a table titled by its track alone was refused
    (tmp_path / "round05.csv").write_text("Charlotte Motor Speedway\n\n" + TABLE)
    (tmp_path / "round06.csv").write_text("At Mid-Ohio Sports Car Course\n" + TABLE)
    (tmp_path / "round07.csv").write_text("At Circuit of the Americas\n" + TABLE)  # not "At Circuit of..."

    ok, out, err = run_import(*[tmp_path / f"round0{n}.csv" for n in (5, 6, 7)], *OPTIONS)

    assert ok, err
    assert tracks() == [
        (5, "Charlotte Motor Speedway"),
        (6, "Mid-Ohio Sports Car Course"),
        (7, "Circuit of the Americas"),
    ]


def test_a_file_named_by_a_known_track_is_at_that_track(run_import, tmp_path, make):
    make.track("Charlotte Motor Speedway")
    make.track("Charlotte Motor Speedway Road Course")
    names = ["round05-charlotte-motor-speedway.csv", "round06_charlotte_motor_speedway_road_course.csv"]
    for name in names:
        (tmp_path / name).write_text(TABLE)
    (tmp_path / "round07-charlotte.csv").write_text(TABLE)  # a part of a name: which Charlotte is not said

    ok, _, err = run_import(*[tmp_path / name for name in [*names, "round07-charlotte.csv"]], *OPTIONS)

    assert not ok and "1 of 3 file(s) failed" in err
    assert "round07-charlotte.csv: the report does not say the track" in err
    assert tracks() == [(5, "Charlotte Motor Speedway"), (6, "Charlotte Motor Speedway Road Course")]
