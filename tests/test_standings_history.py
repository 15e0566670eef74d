"""Every series-season of the real history against the real champions: right or unknown, never wrong.

Reads ../shared/data/nascar with the importer's reader (no database): a few seconds.
"""

from collections import Counter

import pytest

from results.standings.engine import Facts, compute
from results.standings.history import read_history
from results.standings.rulebook import Format
from results.standings.rules import rulebook_for
from tests.conftest import shared_path
from tests.standings_champions import CHAMPIONS

ENOUGH_RIGHT = 130  # the bar: at least 130 of the 152 series-seasons named right


@pytest.fixture(scope="module")
def seasons():
    return {(s.series, s.year): s for s in read_history(shared_path("data", "nascar"))}


@pytest.fixture(scope="module")
def verdicts(seasons):
    """(series, year) -> (verdict, computed champion's name, real champion, outcome)."""
    found = {}
    for season in seasons.values():
        outcome = compute(season.series, season.year, season.races, names=season.names)
        real = CHAMPIONS[season.series][season.year]
        named = season.names.get(outcome.champion) if outcome.champion is not None else None
        verdict = "unknown" if named is None else "right" if named == real else "wrong"
        found[season.series, season.year] = (verdict, named, real, outcome)
    return found


def test_every_season_of_the_history_is_there(verdicts):
    assert len(verdicts) == 152 == sum(len(years) for years in CHAMPIONS.values())


def test_no_season_names_a_wrong_champion(verdicts):
    wrong = {key: (named, real) for key, (verdict, named, real, _) in verdicts.items() if verdict == "wrong"}
    assert wrong == {}


def test_enough_seasons_name_the_right_champion(verdicts):
    counts = Counter((series, verdict) for (series, _), (verdict, *_) in verdicts.items())
    print("champions right/unknown/wrong:", dict(sorted(counts.items())))
    assert sum(n for (_, verdict), n in counts.items() if verdict == "right") >= ENOUGH_RIGHT


def test_an_unknown_champion_always_says_why(verdicts):
    for key, (verdict, _, _, outcome) in verdicts.items():
        assert (verdict == "unknown") == bool(outcome.unknown), key


@pytest.mark.parametrize(
    "series, year, why",
    [
        ("cup", 1950, "Points are missing"),
        ("cup", 1974, "prize money"),
    ],
)
def test_seasons_the_results_cannot_settle_say_so_in_a_fans_words(verdicts, series, year, why):
    verdict, _, _, outcome = verdicts[series, year]
    assert verdict == "unknown" and why in outcome.unknown


@pytest.mark.parametrize(
    "series, year",
    [
        ("cup", 1964),
        ("cup", 1972),  # points per lap added to the results' points
        ("cup", 1973),  # the same, with each track's own length (the file swaps races 27 and 28's)
        ("cup", 1992),
        ("cup", 2003),
        ("xfinity", 1986),
        ("xfinity", 2015),
        ("truck", 1995),
    ],
)
def test_most_points_seasons_name_their_champion(verdicts, series, year):
    verdict, named, real, _ = verdicts[series, year]
    assert verdict == "right", (named, real)


def ids(season, *names):
    return frozenset(number for number, name in season.names.items() if name in names)


def test_the_2015_cup_champion_depends_on_a_waiver_the_results_do_not_hold(verdicts, seasons):
    _, _, _, outcome = verdicts["cup", 2015]
    assert "Kyle Busch missed 11 of the 26 races before the playoffs" in outcome.unknown
    season = seasons["cup", 2015]
    waived = Facts(waivers=ids(season, "Kyle Busch", "Kurt Busch"))
    outcome = compute("cup", 2015, season.races, waived, names=season.names)
    assert season.names[outcome.champion] == "Kyle Busch" and not outcome.official


def test_2025s_missing_stage_winners_leave_the_final_four_open(verdicts):
    _, _, _, outcome = verdicts["cup", 2025]
    assert "the results do not name the stage winners of 35 races" in outcome.unknown


def test_a_tie_break_at_the_cut_decided_truck_2023(verdicts):
    verdict, named, real, outcome = verdicts["truck", 2023]
    assert verdict == "right", (named, real)
    final = outcome.after[max(outcome.after)]
    assert final[0].driver == outcome.champion and [r.status for r in final[:4]] == ["final"] * 4


def test_xfinity_1986s_driver_listed_twice_counts_once(verdicts):
    # The reader keeps one row of each driver the source lists twice (races 8 and 16): counted
    # twice, Brett Bodine's second row of race 8 (67 points) would overturn a 20-point title.
    verdict, named, _, outcome = verdicts["xfinity", 1986]
    final = outcome.after[max(outcome.after)]
    assert verdict == "right" and named == "Larry Pearson" and final[1].gap == 20


def test_an_editors_champion_settles_every_open_season(verdicts, seasons):
    for (series, year), (verdict, _, real, _) in verdicts.items():
        if verdict != "unknown":
            continue
        season = seasons[series, year]
        (champion,) = ids(season, real)
        outcome = compute(series, year, season.races, Facts(champion=champion), names=season.names)
        assert outcome.official and outcome.champion == champion and outcome.disagreements == ()
        assert outcome.after[max(outcome.after)][0].driver == champion


def test_every_playoff_season_of_the_history_ends_with_the_finale_its_rulebook_schedules(verdicts, seasons):
    """A playoff rulebook's count of races (regular season plus its rounds) is each real season's own, so the
    finale's import ends a season at once; a season without playoffs never ends by its count."""
    playoff = {key for key, (*_, outcome) in verdicts.items() if rulebook_for(*key).format is not Format.POINTS}
    assert len(playoff) == 22 + 10 + 10  # Cup 2004–2025, Xfinity and Truck 2016–2025
    counts = {key: len(seasons[key].races) for key in playoff}
    assert {key for key in playoff if verdicts[key][3].finale_run} == playoff, counts
    assert {counts[key] for key in playoff if key[0] == "cup"} == {36}
    assert {counts[key] for key in playoff if key[0] == "xfinity"} == {33}
    assert {counts[key] for key in playoff if key[0] == "truck"} == {22, 23, 25}
    assert not any(outcome.finale_run for key, (*_, outcome) in verdicts.items() if key not in playoff)


def test_a_playoff_season_short_of_a_race_has_not_run_its_finale(seasons):
    season = seasons["cup", 2025]
    without_race_20 = [race for race in season.races if race.round != 20]
    assert not compute("cup", 2025, without_race_20, names=season.names).finale_run
    assert not compute("cup", 2025, season.races[:-1], names=season.names).finale_run
