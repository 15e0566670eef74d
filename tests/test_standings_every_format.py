"""An editor's facts hold in every championship format (each rulebook in ``rules.RULEBOOKS``): a driver
withdrawn from the title never wins it, and a penalty at the season's end counts however many races the
season's results hold.

Drivers are numbered 1 to 20 and finish in number order in every race, so driver 1 wins everything and
driver 2 is second everywhere. Points are the stage era's finishing points (40, 35, 34 ... 1).
"""

from decimal import Decimal

import pytest

from results.standings.engine import Adjustment, Facts, Race, Result, Status, compute
from results.standings.rulebook import Format
from results.standings.rules import RULEBOOKS

FIELD = range(1, 21)
NO_FACTS = Facts()
# the playoff formats whose races the site can place (Truck 2026's count is not known: see test_standings_chase_2026)
PLAYOFF_BOOKS = [
    book for book in RULEBOOKS if book.format is not Format.POINTS and book.regular_season_races(book.first) is not None
]


def race(number):
    results = tuple(Result(d, d, 40 if d == 1 else max(1, 37 - d), None, None, False, laps=200) for d in FIELD)
    return Race(number, results, length_miles=Decimal("1.5"))


def scheduled(book):
    """The races of a whole season in this format (five where the format has no set number)."""
    regular = book.regular_season_races(book.first)
    if book.format is Format.POINTS or regular is None:
        return 5
    return regular + sum(r.races for r in book.rounds)


def season(book, races=None):
    return [race(n) for n in range(1, (races or scheduled(book)) + 1)]


def champion(book, races, facts=NO_FACTS):
    return compute(book.series, book.first, races, facts).champion


@pytest.mark.parametrize("book", RULEBOOKS, ids=lambda book: book.key)
def test_a_driver_withdrawn_from_the_title_never_wins_it(book):
    races = season(book)
    # 1974's points came from prize money, Truck 2026's Chase cannot be placed: no champion is computed
    settled = not book.points_incomplete and book.regular_season_races(book.first) is not None
    assert champion(book, races) == (1 if settled else None)
    assert champion(book, races, Facts(withdrawn=frozenset({1}))) == (2 if settled else None)


@pytest.mark.parametrize("book", PLAYOFF_BOOKS, ids=lambda book: book.key)
def test_a_driver_who_made_the_playoffs_then_withdrew_goes_no_further(book):
    # the editor's field and championship four include him: he made them, then left
    facts = Facts(
        playoff_field=frozenset(range(1, book.field + 1)),
        final_four=frozenset({1, 2, 3, 4}) if book.format is Format.ELIMINATION else None,
        withdrawn=frozenset({1}),
    )
    outcome = compute(book.series, book.first, season(book), facts)
    assert outcome.champion == 2, outcome.unknown


def test_an_official_champion_also_marked_withdrawn_is_listed_for_the_editor():
    book = RULEBOOKS[0]
    outcome = compute(book.series, book.first, season(book), Facts(champion=1, withdrawn=frozenset({1})))
    assert outcome.champion == 1 and outcome.official
    assert "The editor's champion, driver 1, is also marked withdrawn" in " ".join(outcome.disagreements)


def latest_points(book, races, facts=NO_FACTS):
    outcome = compute(book.series, book.first, races, facts)
    return {row.driver: row.points for row in outcome.after[max(outcome.after)]}


def stop(book, where):
    """How many races the results hold, stopping ``where``."""
    regular = book.regular_season_races(book.first)
    return {
        "in the regular season": 10,
        "when the field is set": regular,
        "inside the playoffs": regular + 2,
        "a race past the format": scheduled(book) + 1,  # a race the rulebook does not know
    }[where]


@pytest.mark.parametrize("book", PLAYOFF_BOOKS, ids=lambda book: book.key)
@pytest.mark.parametrize(
    "where", ["in the regular season", "when the field is set", "inside the playoffs", "a race past the format"]
)
def test_a_penalty_at_the_seasons_end_counts_wherever_the_results_stop(book, where):
    races = season(book, stop(book, where))
    penalty = Facts(adjustments=(Adjustment(3, None, points=-50, reason="Stripped at the season's end"),))
    before, after = latest_points(book, races), latest_points(book, races, penalty)
    assert after[3] == before[3] - 50
    assert all(after[d] == before[d] for d in FIELD if d != 3)


@pytest.mark.parametrize("book", PLAYOFF_BOOKS, ids=lambda book: book.key)
def test_a_driver_who_withdrew_from_the_playoffs_is_shown_withdrawn_never_eliminated(book):
    facts = Facts(playoff_field=frozenset(range(1, book.field + 1)), withdrawn=frozenset({1}))
    outcome = compute(book.series, book.first, season(book), facts)
    shown = [row.status for rows in outcome.after.values() for row in rows if row.driver == 1]
    assert Status.ELIMINATED not in shown
    assert shown[-1] is Status.WITHDRAWN and shown[book.regular_season_races(book.first) - 1] is Status.IN
