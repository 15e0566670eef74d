"""A fan reads NASCAR's 2026 format, the Chase, in the standings: the top of the regular-season standings by
points only (no win-and-you're-in) restart once, on 2,100, 2,075, 2,065 and 5 fewer a place after that, and the
most points after the last race win the title: no cuts, no eliminations, no winner-take-all finale. Cup: 16
drivers after 26 races, then 10 races; O'Reilly (the site's Xfinity): 12 after 24, then 9.

Twenty drivers finish in number order every race (Driver 01 wins) unless a test says otherwise; a win pays 55,
second 35, one fewer a place.
"""

import datetime

import pytest
from django.utils import timezone

from results.standings.engine import Facts, Race, Result, Status, compute
from results.standings.rulebook import Format
from results.standings.rules import RULEBOOKS, rulebook_for
from tests.standings_seasons import get
from tests.test_standings_finale import Results

DRIVERS = range(1, 21)
NAMES = {d: f"Driver {d:02d}" for d in DRIVERS}
IN_NUMBER_ORDER = list(DRIVERS)


def points(finish):
    return 55 if finish == 1 else max(1, 37 - finish)


def race(number, finishing=IN_NUMBER_ORDER):
    return Race(number, tuple(Result(d, f, points(f), None, None, False) for f, d in enumerate(finishing, 1)))


def season(count, special=None):
    """``count`` races in number order, but for the finishing orders in ``special`` (race -> order)."""
    special = special or {}
    return [race(n, special.get(n, IN_NUMBER_ORDER)) for n in range(1, count + 1)]


def rows_after(outcome, number):
    return {row.driver: row for row in outcome.after[number]}


# Driver 20 wins race 5 and is last everywhere else: 19th in points after 26 races
UPSET = [20, *range(1, 20)]
# Driver 05 wins the finale; Driver 01, the points leader, finishes 20th
FINALE = [5, *(d for d in DRIVERS if d not in (1, 5)), 1]


@pytest.fixture
def cup():
    return compute("cup", 2026, season(36, {5: UPSET, 36: FINALE}), names=NAMES)


def test_cup_2026_is_the_chase_of_16_and_the_2025_playoffs_end_with_2025():
    assert rulebook_for("cup", 2025).key == "cup-2017" and rulebook_for("cup", 2025).last == 2025
    book = rulebook_for("cup", 2026)
    assert (book.key, book.format, book.field, book.regular_season, book.playoff_points_win) == (
        "cup-2026",
        Format.CHASE,
        16,
        26,
        0,
    )
    assert rulebook_for("cup", 2026).finish_points[0] == 55  # a win pays 55
    assert rulebook_for("xfinity", 2026).key == "xfinity-2026" and rulebook_for("truck", 2026).key == "truck-2026"


def test_the_chase_seeds_are_2100_2075_2065_then_5_fewer_a_place_down_to_2000():
    (chase,) = rulebook_for("cup", 2026).rounds
    assert [chase.seed_points(seed) for seed in range(16)] == [2100, 2075, 2065, *range(2060, 1999, -5)]


def test_the_points_leader_after_36_races_is_champion_not_the_finale_winner(cup):
    assert cup.champion == 1 and not cup.unknown and cup.finale_run
    final = cup.after[36]
    assert final[0].driver == 1
    winner_of_the_finale = rows_after(cup, 36)[5]
    assert winner_of_the_finale.position > 1 and winner_of_the_finale.points < final[0].points


def seeds(outcome, regular):
    """Each Chase driver's points when the Chase starts: after its first race, less that race's points (the
    standings after race ``regular`` are the regular season's, as in every playoff era)."""
    first = outcome.after[regular + 1]
    return [row.points - points(position) for position, row in enumerate(first, 1) if row.status is Status.IN]


def test_the_field_after_race_26_is_the_top_16_on_points_seeded_2100_2075_2065_2060(cup):
    rows = cup.after[26]
    assert [row.driver for row in rows[:16]] == list(range(1, 17))
    assert {row.status for row in rows[:16]} == {Status.IN} and all(row.status_sure for row in rows)
    assert all(row.playoff_points is None for row in rows)  # playoff points no longer exist
    assert seeds(cup, 26) == [2100, 2075, 2065, *range(2060, 1999, -5)]


def test_a_regular_season_race_winner_outside_the_top_16_is_not_in_the_chase(cup):
    upset_winner = rows_after(cup, 26)[20]
    assert upset_winner.wins == 1 and upset_winner.position == 19
    assert upset_winner.status is Status.NONE and upset_winner.status_sure


def test_after_race_30_no_one_is_eliminated(cup):
    rows = cup.after[30]
    assert [row.driver for row in rows[:16]] == list(range(1, 17))
    assert {row.status for row in rows[:16]} == {Status.IN}
    assert not any(row.status is Status.ELIMINATED for rows in cup.after.values() for row in rows)


def test_a_driver_in_the_top_16_who_missed_a_race_is_shown_in_but_open():
    """Whether the 2026 rules still require every start (or NASCAR waived it) is not known: not stated as fact."""
    skipped = [d for d in IN_NUMBER_ORDER if d != 3]
    outcome = compute("cup", 2026, season(36, {10: skipped}), names=NAMES)
    row = rows_after(outcome, 26)[3]
    assert row.status is Status.IN and not row.status_sure
    assert "Driver 03 missed 1 of the 26 races before the playoffs: whether the 2026 rules require every race" in (
        outcome.open_
    )
    assert not rows_after(outcome, 26)[17].status_sure  # in his place if he is out
    assert outcome.champion == 1  # surely in, and the most points


def test_oreilly_2026_has_12_drivers_after_24_races_and_ends_after_33():
    outcome = compute("xfinity", 2026, season(33), names=NAMES)
    rows = outcome.after[24]
    assert [row.driver for row in rows if row.status is Status.IN] == list(range(1, 13))
    assert seeds(outcome, 24) == [2100, 2075, 2065, *range(2060, 2019, -5)]  # 12th: 2,020
    assert outcome.champion == 1 and outcome.finale_run
    assert not compute("xfinity", 2026, season(32), names=NAMES).finale_run


def test_truck_2026_counts_every_race_until_its_schedule_is_confirmed():
    """The site has not confirmed how many races Truck 2026 has: it never calls the season over early, shows the
    standings by points (no reset it cannot place, no statuses) and leaves the champion to an editor."""
    outcome = compute("truck", 2026, season(25), names=NAMES)
    assert outcome.champion is None and not outcome.finale_run
    assert "does not know how many races the 2026 season has" in outcome.unknown
    rows = outcome.after[25]
    assert rows[0].points == 25 * 55 and {row.status for row in rows} == {Status.NONE}
    assert compute("truck", 2026, season(25), Facts(champion=2), names=NAMES).champion == 2


def test_every_rulebook_in_force_says_the_last_season_it_was_confirmed_for():
    in_force = [book for book in RULEBOOKS if book.last is None]
    assert {book.series for book in in_force} == {"cup", "xfinity", "truck"}
    assert all(book.confirmed_through == 2026 for book in in_force)


def test_a_2027_season_is_computed_by_the_2026_rules_but_names_no_champion_and_says_why():
    why = "The site's rulebooks do not yet cover the 2027 format: an editor names the champion."
    outcome = compute("cup", 2027, season(36, {36: FINALE}), names=NAMES)
    assert outcome.champion is None and why in outcome.unknown and why in outcome.open_
    assert not outcome.finale_run  # its count of races is not known: over only when the year is
    assert seeds(outcome, 26)[:3] == [2100, 2075, 2065]  # the standings as 2026's rules would have them
    assert not any(row.status_sure for rows in outcome.after.values() for row in rows if row.status)
    assert not any(row.status_sure for row in outcome.after[36])  # "not in the Chase" is not stated either
    assert all(row.status_sure for row in outcome.after[25])  # before any field: nothing to state
    official = compute("cup", 2027, season(36), Facts(champion=4), names=NAMES)
    assert official.champion == 4 and official.official


def test_the_2027_season_page_says_why_it_names_no_champion(client, make, monkeypatch, django_assert_max_num_queries):
    new_year = datetime.datetime(2028, 1, 2, 12, 0, tzinfo=datetime.UTC)  # the 2027 season is over
    monkeypatch.setattr(timezone, "now", lambda: new_year)
    Results(make, year=2027).races(range(1, 37))
    html = get(client, "/series/cup/2027/", django_assert_max_num_queries).content.decode()
    assert "No champion named: The site&#x27;s rulebooks do not yet cover the 2027 format" in html
    body = client.get("/api/v1/seasons/cup/2027/").json()
    assert body["championship"]["champion"] is None and body["championship"]["final"] is True
    assert "do not yet cover the 2027 format" in body["championship"]["unknown"]


def test_a_title_level_on_points_names_no_champion_while_the_2026_tie_break_is_not_known():
    # Driver 01 (2,100 at the reset) wins race 27 ahead of Driver 02 (2,075), then runs 7th to his 2nd in each
    # of the last nine: both end on 2,425. NASCAR's 2026 tie-break is not in the rulebook, so the site's own
    # count-back (Driver 01's 27 wins) must not name him champion as a fact. Driver 20, not in the Chase,
    # wins those nine.
    behind = [20, 2, 3, 4, 5, 6, 1, *range(7, 20)]
    outcome = compute("cup", 2026, season(36, dict.fromkeys(range(28, 37), behind)), names=NAMES)
    final = rows_after(outcome, 36)
    assert final[1].points == final[2].points == 2425
    assert outcome.champion is None and outcome.finale_run
    assert "Driver 01" in outcome.unknown and "Driver 02" in outcome.unknown


def test_a_place_in_the_chase_level_on_points_is_open_while_the_2026_tie_break_is_not_known():
    # Driver 16 and Driver 17 end the regular season level on points (Driver 17 swaps places with him in 11
    # races and runs 14th to his 17th in race 1): the site's count-back (Driver 17's 14th) is not NASCAR's
    # known rule for 2026, so neither is surely in or out
    swapped = [*range(1, 16), 17, 16, 18, 19, 20]
    special = {1: [*range(1, 14), 17, 14, 15, 16, 18, 19, 20], **dict.fromkeys(range(2, 13), swapped)}
    outcome = compute("cup", 2026, season(26, special), names=NAMES)
    after = rows_after(outcome, 26)
    assert after[16].points == after[17].points
    assert not after[16].status_sure and not after[17].status_sure
    assert "Driver 16" in outcome.open_ and "tie-break" in outcome.open_
