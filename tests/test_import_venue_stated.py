"""An operator imports a season's files with only --series and --year (one command, --track names one
race): each race lands at the track its page states, as Racing-Reference and the AP agate state it."""

import pytest

from results.models import Championship, Event
from tests.conftest import shared_path
from tests.corpus.formats import BY_NAME
from tests.standings_seasons import cup_1972_at_talladega


def real_race(series, year, round_number):
    from tests.corpus import races

    shared_path("data", "nascar")
    return races.season_races(series)[(year, round_number)]


@pytest.mark.parametrize(
    "format_name, series, year, round_number, track",
    [
        # the venue in a table cell, "Daytona International Speedway (2.5 miles)": the page has no paragraph
        ("rr-page", "Xfinity", 2023, 1, "Daytona International Speedway"),
        # "At Road America" then "Lap length: 4.048 miles": no track word in the name
        ("agate", "Cup", 2021, 20, "Road America"),
        ("agate-numbered", "Cup", 2021, 14, "Circuit of the Americas"),
    ],
)
def test_a_race_lands_at_the_track_its_page_states(
    run_import, tmp_path, db, format_name, series, year, round_number, track
):
    race = real_race(series, year, round_number)
    fmt = BY_NAME[format_name]
    path = tmp_path / fmt.filename(race)
    path.write_bytes(fmt.render(race))

    ok, out, err = run_import(path, "--series", series, "--year", year)

    assert ok, err  # was: "the report does not say the track, expected: pass --track"
    event = Event.objects.get()
    assert (event.round, event.track.name) == (round_number, track)
    assert event.entries.count() == len([r for r in race.rows if r["Finish"].isdigit()])


def test_cup_1972_imported_from_racing_reference_names_its_champion(run_import, tmp_path, client, db):
    # 1972's points pay per lap by the track's length: each page states it ("Riverside International Raceway
    # (2.62 miles)"), so the new tracks get it and the season is computed. Before, every track was created
    # with no length and the season page said "No champion named: the track's length is not known".
    from tests.corpus import races
    from tests.standings_champions import CHAMPIONS

    shared_path("data", "nascar")
    fmt = BY_NAME["rr-tabs"]
    paths = []
    for race in races.season("Cup", 1972):
        paths.append(tmp_path / fmt.filename(race))
        paths[-1].write_bytes(fmt.render(race))

    ok, out, err = run_import(*paths, "--series", "Cup", "--year", 1972)

    assert ok, err
    page = client.get("/series/cup/1972/").content.decode()
    assert (
        "Champion (computed from the results): <a" in page
        and CHAMPIONS["cup"][1972] in page.split("lede champion")[1][:400]
    )


def test_a_known_track_without_a_length_gets_the_one_a_report_states_and_1972_is_recomputed(run_import, tmp_path, make):
    # Talladega was created (by an earlier import, without its length) for a 1972 race paying points per lap
    # by length: no champion could be named. A 1973 Racing-Reference page states "(2.66 miles)".
    from tests.corpus import races

    race_1972, runner_up = cup_1972_at_talladega(make)
    assert Championship.objects.get(season=race_1972.season_id).champion is None
    race = next(r for r in races.season("Cup", 1973) if "Talladega" in r.track)
    fmt = BY_NAME["rr-tabs"]
    path = tmp_path / fmt.filename(race)
    path.write_bytes(fmt.render(race))

    ok, out, err = run_import(path, "--series", "Cup", "--year", 1973)

    assert ok, err
    assert "Talladega Superspeedway: length set to 2.66" in out
    race_1972.track.refresh_from_db()
    assert str(race_1972.track.length_miles) == "2.660"
    assert Championship.objects.get(season=race_1972.season_id).champion == runner_up
