"""A season's standings after every race, and its champion, from its results and its rulebook.

``compute`` is the one entry point (see /work/helpers/standings-interface.md). It names a champion
only when the results settle it: missing points, a tie no tie-break separates, a waiver or stage
winners the results do not hold, each leaves ``champion`` empty and says why in ``unknown``. An
editor's facts (``Facts``) take precedence and are checked against the computation.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from results.standings import rules
from results.standings.rulebook import Format, Rulebook


@dataclass(frozen=True)
class Result:
    """One driver in one race, as stored (Entry)."""

    driver: int
    finish: int
    points: int | None  # stage points included; None = unknown
    stage1: int | None  # stage finishing positions, None = unknown or outside the top 10
    stage2: int | None
    ineligible: bool  # not racing for this series' points
    laps: int | None = None  # laps completed (1972–73 paid points for each)


@dataclass(frozen=True)
class Race:
    round: int
    results: tuple[Result, ...]
    counts: bool = True  # False: exhibition / non-points race
    length_miles: Decimal | None = None
    qualifying: bool = (
        False  # a qualifying race (Daytona's Duels): it may pay points, but the formats do not schedule it
    )


# Daytona's qualifying races: since 2017 they pay points, so an operator may import them as rounds, but a playoff
# format's cut and count of races are of the scheduled races only. Their names over the years: "Bluegreen Vacations
# Duel 1 at DAYTONA" (Duels, 2005-), "Gatorade Twin 125s" / "Twin 125-Mile Qualifying Races" (1972-2004), and in the
# history "125 Mile Qualifying Race 1" (1970-71), "Daytona 500 Qualifer #1" (sic, 1960-69), "Daytona Qualifier". Only
# these words: a sponsor's or a number's alone names points races too ("Gatorade 200", "UNOH 200", "Oakland 125 Miles")
QUALIFYING_RACE = re.compile(r"\b(?:duels?|qualifi?ers?|qualifying races?|twins?[ -]?125s?)\b", re.IGNORECASE)


def qualifying_rounds(book: Rulebook, races: Sequence[Race]) -> str:
    """Why a playoff season's statuses and champion cannot be computed ("" when they can): its counted races
    include qualifying races, which would move the cut and the finale by as many races."""
    rounds = [race.round for race in races if race.qualifying and race.counts]
    if book.format is Format.POINTS or not rounds:
        return ""
    listed = ", ".join(str(round_number) for round_number in rounds)
    return (
        f"Round{'s' if len(rounds) > 1 else ''} {listed} {'are' if len(rounds) > 1 else 'is a'} qualifying "
        f"race{'s' if len(rounds) > 1 else ''} (Duels) counted among the season's races: the format's cut and "
        "finale count the scheduled races only, so an editor names the champion (or unticks counts for points)."
    )


@dataclass(frozen=True)
class Adjustment:
    """An editor's points adjustment (a penalty is negative)."""

    driver: int
    round: int | None  # applied after this round; None = end of season
    points: int = 0
    playoff_points: int = 0
    reason: str = ""


@dataclass(frozen=True)
class Facts:
    """An editor's official facts for one season (all optional)."""

    champion: int | None = None
    playoff_field: frozenset[int] | None = None  # the drivers who made the playoffs/Chase
    final_four: frozenset[int] | None = None  # the championship finalists (2014 on)
    waivers: frozenset[int] = frozenset()  # eligible for the playoffs despite missed races
    withdrawn: frozenset[int] = frozenset()  # left the playoffs / not eligible for the title
    adjustments: tuple[Adjustment, ...] = ()


class Status(StrEnum):
    """A driver's playoff status after a round; empty outside playoff eras and for non-playoff drivers. The
    champion is ``Outcome.champion`` (his row comes first in the final standings), not a status."""

    NONE = ""
    IN = "in"
    ADVANCED = "advanced"
    ELIMINATED = "eliminated"
    WITHDRAWN = "withdrawn"  # an editor's fact: out of the playoffs from the next cut (or the decision)
    FINAL = "final"


# Why a season still running names no champion (``compute(finished=False)``).
NOT_OVER = "The season is not over."


@dataclass(frozen=True, slots=True)
class Row:
    """One driver's standing after one round."""

    driver: int
    position: int | None  # None when the order cannot be known (points missing)
    points: int | None
    gap: int | None  # behind the most points (never negative: the first row may have fewer); None when unknown
    wins: int
    playoff_points: int | None
    status: Status
    # False when the results do not settle the status: the driver is only possibly in (or out of) the stage
    # shown, e.g. a waiver or stage winners the results do not hold, or a tie across a cut
    status_sure: bool = True


@dataclass(frozen=True)
class Outcome:
    rulebook: str  # key of the rulebook used, see rules.RULEBOOKS
    after: dict[int, tuple[Row, ...]]  # round -> rows in standing order, after every counted race
    champion: int | None  # computed, or the editor's when facts.champion is set
    official: bool  # True when the champion is the editor's fact
    unknown: str  # why no champion is named ("" when one is); shown to fans
    disagreements: tuple[str, ...]  # computed vs the editor's facts, for admin
    # what the results leave open (a waiver, a tie, stage winners), said even when a champion is named: why a
    # row's status is not sure (``Row.status_sure``)
    open_: str = ""
    # The results hold the whole season the rulebook schedules, its finale last: a playoff format's races to
    # the last of its final round, every round from 1 present. Never for most points (no fixed count).
    finale_run: bool = False


def rulebook_for(series_key: str, year: int) -> Rulebook:
    return rules.rulebook_for(series_key, year)


def compute(
    series_key: str,
    year: int,
    races: Sequence[Race],
    facts: Facts = Facts(),
    *,
    finished: bool = True,
    names: Mapping[int, str] | None = None,
) -> Outcome:
    """The season's standings after every counted race and its champion.

    ``finished=False`` while races are still to come: the leader is not named champion. ``names``
    (driver id -> name) lets ``unknown`` and ``disagreements`` name drivers as fans know them.
    """
    # the format modules build on this module's types, so they are imported here
    from results.standings import playoffs, points
    from results.standings.tally import Season

    book = rulebook_for(series_key, year)
    season = Season(book, year, races, facts, names or {})
    run = points.run if book.format is Format.POINTS else playoffs.run
    verdict = run(season, finished=finished)
    beyond = book.unconfirmed(year) or qualifying_rounds(book, races)
    if beyond:  # the standings stand (points add up whatever the format); nothing decided by the rules does
        verdict.reasons.append(beyond)
        verdict.notes.append(beyond)  # said under the standings, where the statuses are shown open
        verdict.finale_run = False  # its count of races is not known either
        season.statuses_open()
    return season.outcome(verdict)
