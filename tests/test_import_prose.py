"""What the prose around a report's table says of its race: the season and the track are the ones
the sentences about this race give, not one named in passing, looking back or looking ahead."""

from results.models import Event

RESULTS = "Pos,St,Driver,Laps\n1,2,Ann Able,10\n2,1,Bo Baker,10\n3,3,Cy Carter,4\n"


def seed_copy(tmp_path, seed_report, *changes, name="2022-truck-mid-ohio.txt"):
    text = seed_report.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_report_looking_ahead_to_next_season_is_this_seasons_race(run_import, seed_report, tmp_path):
    """'The series returns to Mid-Ohio in 2023' put the 2022 race in 2023, its stage 2 winner dropped."""
    ahead = " The series returns to Mid-Ohio in 2023, and Kligerman will be back in 2024."
    path = seed_copy(tmp_path, seed_report, ("all but two.", "all but two." + ahead))
    ok, out, err = run_import(path, "--round", 15)
    assert ok, err
    assert Event.objects.get().season.year == 2022
    assert Event.objects.get().entries.get(finish=2).stage2 == 1


def test_the_races_edition_at_a_track_names_the_track(run_import, seed_report, tmp_path, make):
    """'The inaugural edition of the race at Mid-Ohio' was taken for a sentence about another race: with
    no other track named the report was refused, with one named in passing that one was taken."""
    make.track(name="Mid-Ohio Sports Car Course")
    edition = ("inaugural race at", "inaugural edition of the race at")
    ok, out, err = run_import(seed_copy(tmp_path, seed_report, edition), "--round", 15, "--dry-run")
    assert ok, err
    assert "at Mid-Ohio Sports Car Course" in out

    make.track(name="Circuit of the Americas")
    cota = ("of 2022 at COTA", "of 2022 at Circuit of the Americas")
    ok, out, err = run_import(seed_copy(tmp_path, seed_report, edition, cota), "--round", 15)
    assert not ok
    assert "names several tracks (Circuit of the Americas, Mid-Ohio Sports Car Course)" in err
    assert not Event.objects.exists()


def test_a_venue_named_in_a_sentence_looking_back_still_stops_another_track_being_taken(run_import, tmp_path, make):
    """'Defending race winner' marks the lead sentence as about another race, and its venue went with it:
    the Pocono results were written as a race at Mid-Ohio, named a sentence later in passing."""
    make.track(name="Mid-Ohio Sports Car Course")
    report = tmp_path / "race.txt"
    report.write_text(
        "Defending race winner Ann Able won at Pocono Raceway on Saturday. "
        "She finished second at Mid-Ohio Sports Car Course.\n\n"
        "Pos,St,Driver,Laps\n1,2,Ann Able,10\n2,1,Bo Baker,10\n",
        encoding="utf-8",
    )
    ok, out, err = run_import(report, "--series", "Truck", "--year", 2024, "--round", 1)
    assert not ok
    assert "the report names several tracks (Mid-Ohio Sports Car Course, Pocono Raceway)" in err
    assert not Event.objects.exists()


def test_a_report_naming_several_seasons_is_of_the_one_its_file_name_gives_or_asks(run_import, seed_report, tmp_path):
    """The seed looks back on 2012, 2016, 2017 and 2018; 'the race moved to August in 2023' would have made the
    latest year named its season. Its file's name settles it, else the operator does."""
    moved = ("all but two.", "all but two. The race moved to August in 2023.")
    ok, out, err = run_import(seed_copy(tmp_path, seed_report, moved, name="report.txt"), "--round", 15)
    assert not ok
    assert "the report names several seasons (2012, 2016, 2017, 2018, 2022, 2023)" in err and "pass --year" in err
    assert not Event.objects.exists()

    ok, out, err = run_import(seed_copy(tmp_path, seed_report, moved, name="truck-2022-mid-ohio.txt"), "--round", 15)
    assert ok, err
    assert Event.objects.get().season.year == 2022

    ok, out, err = run_import(seed_copy(tmp_path, seed_report, moved, name="report.txt"), "--round", 15, "--year", 2022)
    assert ok, err
    assert Event.objects.get().season.year == 2022


def test_a_report_naming_two_tracks_says_neither_is_surely_its_own(run_import, tmp_path, make):
    # "won at Pocono ... a week earlier at Mid-Ohio": a known track named in passing is not the race's
    # venue; guessed, the Pocono results would have replaced Mid-Ohio's race of the season
    make.track(name="Mid-Ohio Sports Car Course")
    report = tmp_path / "race.txt"
    report.write_text(
        "Ann Able won the race at Pocono Raceway on Saturday. "
        "A week earlier she finished second at Mid-Ohio Sports Car Course.\n\n" + RESULTS,
        encoding="utf-8",
    )
    ok, out, err = run_import(report, "--series", "Truck", "--year", 2024, "--round", 1)
    assert not ok
    assert "the report names several tracks (Mid-Ohio Sports Car Course, Pocono Raceway)" in err
    assert "pass --track" in err
    ok, out, err = run_import(report, "--series", "Truck", "--year", 2024, "--round", 1, "--track", "Pocono Raceway")
    assert ok, err
    assert "at Pocono Raceway" in out
