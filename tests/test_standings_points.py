"""The most-points era on small hand-made seasons, as a fan reads the final table."""

from decimal import Decimal

from results.standings.engine import Adjustment, Facts, Race, Result, compute, rulebook_for

PETTY, PEARSON, YARBOROUGH, ALLISON = 1, 2, 3, 4
NAMES = {PETTY: "Richard Petty", PEARSON: "David Pearson", YARBOROUGH: "Cale Yarborough", ALLISON: "Bobby Allison"}


def race(number, *finishers, points=None, counts=True):
    """Drivers in finishing order; points 10, 8, 6, ... unless given."""
    points = points or [10 - 2 * i for i in range(len(finishers))]
    return Race(
        number,
        tuple(Result(d, i + 1, p, None, None, False) for i, (d, p) in enumerate(zip(finishers, points, strict=True))),
        counts=counts,
    )


def test_each_series_era_has_its_rulebook():
    assert rulebook_for("cup", 1980).key == "cup-1975"
    assert rulebook_for("cup", 2003).key == "cup-1975"
    assert rulebook_for("xfinity", 2015).key == "xfinity-1982"
    assert rulebook_for("truck", 2015).key == "truck-1995"
    assert rulebook_for("cup", 2024).key == "cup-2017"
    assert rulebook_for("arca", 2024).key == "most-points"


def test_most_points_wins_and_standings_follow_every_race():
    races = [race(1, PETTY, PEARSON, YARBOROUGH), race(2, PEARSON, YARBOROUGH, PETTY), race(3, PETTY, YARBOROUGH)]
    outcome = compute("cup", 1980, races, names=NAMES)
    assert outcome.champion == PETTY and not outcome.official and outcome.unknown == ""
    assert [r.driver for r in outcome.after[1]] == [PETTY, PEARSON, YARBOROUGH]
    assert [(r.driver, r.points, r.gap, r.position) for r in outcome.after[2]] == [
        (PEARSON, 18, 0, 1),
        (PETTY, 16, 2, 2),
        (YARBOROUGH, 14, 4, 3),
    ]
    final = outcome.after[3]
    assert [(r.driver, r.points, r.wins) for r in final] == [(PETTY, 26, 2), (YARBOROUGH, 22, 0), (PEARSON, 18, 1)]
    assert final[0].driver == outcome.champion


def test_a_tie_on_points_goes_to_the_driver_with_more_wins_then_more_seconds():
    races = [race(1, PEARSON, PETTY, points=[10, 8]), race(2, PETTY, PEARSON, points=[8, 10])]
    assert compute("cup", 1980, races).champion == PEARSON  # 18 each, one win each, Pearson no worse place
    races = [
        race(1, PETTY, YARBOROUGH, PEARSON, points=[5, 5, 9]),
        race(2, YARBOROUGH, PEARSON, PETTY, points=[5, 1, 5]),
    ]
    # Petty and Yarborough: 10 points, one win each; Petty has a 3rd, Yarborough a 2nd
    assert compute("cup", 1980, races).champion == YARBOROUGH


def test_a_tie_the_results_cannot_break_names_no_champion():
    races = [race(1, PETTY, PEARSON), race(2, PEARSON, PETTY)]
    outcome = compute("cup", 1980, races, names=NAMES)
    assert outcome.champion is None
    assert "David Pearson and Richard Petty are level" in outcome.unknown


def test_missing_points_leave_the_order_and_the_champion_unknown():
    races = [race(1, PETTY, PEARSON), race(2, PEARSON, PETTY, points=[10, None])]
    outcome = compute("cup", 1955, races)
    assert outcome.champion is None
    assert "Points are missing for 1 results in 1 of the season's 2 races" in outcome.unknown
    assert [r.position for r in outcome.after[2]] == [None, None]
    assert {r.driver: r.points for r in outcome.after[2]} == {PEARSON: 18, PETTY: None}
    assert [r.position for r in outcome.after[1]] == [1, 2]  # known until race 2


def test_1972_adds_points_for_every_lap_by_the_tracks_length():
    def lapped(number, length, *finishers):  # (driver, points, laps) in finishing order
        results = tuple(Result(d, i, p, None, None, False, laps) for i, (d, p, laps) in enumerate(finishers, 1))
        return Race(number, results, length_miles=Decimal(length))

    races = [
        lapped(1, "0.525", (PETTY, 125, 500), (PEARSON, 98, 500)),  # 0.25 a lap at Martinsville
        lapped(2, "2.66", (PEARSON, 125, 188), (PETTY, 98, 150)),  # 1.25 a lap at Talladega
    ]
    outcome = compute("cup", 1972, races, names=NAMES)
    # Petty 125 + 125 + 98 + 187.5 = 535.5; Pearson 98 + 125 + 125 + 235 = 583
    assert outcome.champion == PEARSON
    assert [(r.driver, r.position, r.points) for r in outcome.after[2]] == [(PEARSON, 1, None), (PETTY, 2, None)]
    without_laps = [lapped(1, "0.525", (PETTY, 125, None), (PEARSON, 98, 500))]
    assert "Points or laps are missing" in compute("cup", 1972, without_laps).unknown


def test_a_non_points_race_counts_for_nothing():
    races = [race(1, PETTY, PEARSON), race(2, PEARSON, PETTY, points=[50, 1], counts=False)]
    outcome = compute("cup", 1980, races)
    assert outcome.champion == PETTY and list(outcome.after) == [1]


def test_a_driver_listed_twice_in_a_race_stops_the_champion():
    races = [race(1, PETTY, PEARSON, PETTY, points=[10, 8, 6])]
    outcome = compute("xfinity", 1986, races, names=NAMES)
    assert outcome.champion is None and "Race 1 lists Richard Petty twice" in outcome.unknown


def test_a_penalty_changes_the_order_after_its_race():
    penalty = Adjustment(PETTY, 1, points=-5, reason="Oversized engine")
    races = [race(1, PETTY, PEARSON), race(2, PETTY, PEARSON)]
    outcome = compute("cup", 1980, races, Facts(adjustments=(penalty,)))
    assert [(r.driver, r.points) for r in outcome.after[1]] == [(PEARSON, 8), (PETTY, 5)]
    assert outcome.champion == PEARSON  # 16 to 15: the penalty cost Petty the title


def test_an_editors_champion_leads_a_season_whose_order_is_unknown():
    races = [race(1, PEARSON, PETTY), race(2, PEARSON, PETTY, points=[10, None])]
    outcome = compute("cup", 1955, races, Facts(champion=PETTY), names=NAMES)
    assert outcome.champion == PETTY and outcome.official and outcome.disagreements == ()
    final = outcome.after[2]
    assert [(r.driver, r.position) for r in final] == [(PETTY, None), (PEARSON, None)]


def test_a_penalty_after_a_race_that_does_not_count_applies_after_the_next_one():
    penalty = Adjustment(PETTY, 2, points=-5, reason="Failed inspection at the exhibition race")
    races = [race(1, PETTY, PEARSON), race(2, PETTY, PEARSON, counts=False), race(3, PETTY, PEARSON)]
    outcome = compute("cup", 1980, races, Facts(adjustments=(penalty,)))
    assert {r.driver: r.points for r in outcome.after[3]} == {PETTY: 15, PEARSON: 16}
    assert outcome.champion == PEARSON
