"""What a championship format is made of (``Rulebook``: who makes the playoffs, its rounds, points
and tie-breaks) and the questions asked of one; ``rules`` holds every format NASCAR's national
series have used, as data.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Format(StrEnum):
    POINTS = "points"  # most points over the whole season
    CHASE = "chase"  # a field after the regular season, points reset once, most points at the end
    ELIMINATION = "elimination"  # rounds that cut the field; the final four's best finisher in the finale


class FieldRule(StrEnum):
    POINTS = "points"  # the top of the standings (2004–10), plus anyone within ``within`` points (2004–06)
    WILD_CARDS = "wild cards"  # top 10, then the most wins among 11th–20th (2011–13)
    WINNERS = "winners"  # race winners first, then points (2014 on)


@dataclass(frozen=True)
class Round:
    """One stage of the playoffs: its drivers start from ``base`` points (plus bonuses) and race
    ``races`` races; then ``advance`` drivers go on (a race win in the round advances)."""

    name: str
    races: int
    advance: int
    base: int
    per_win: int = 0  # + this for each regular-season win (2007–16)
    seed_step: int = 0  # 2004–06: the leader gets ``base``, each next driver this many fewer
    # 2026 on: the first seeds' points as announced (2,100, 2,075, 2,065); each later seed ``seed_step`` fewer
    seeds: tuple[int, ...] = ()
    playoff_points: bool = False  # + the driver's playoff points so far (2017 on)
    by_finish: bool = False  # the finale: the best finisher among the round's drivers is champion

    def seed_points(self, seed: int) -> int:
        """The points the driver seeded ``seed`` (0: the first) restarts on, before any bonus."""
        if not self.seeds:
            return self.base - self.seed_step * seed
        listed = min(seed, len(self.seeds) - 1)
        return self.seeds[listed] - self.seed_step * (seed - listed)


@dataclass(frozen=True)
class Rulebook:
    key: str
    name: str
    description: str
    series: str
    first: int
    last: int | None
    format: Format = Format.POINTS
    # Why the results' points cannot give the official standings ("" when they can).
    points_incomplete: str = ""
    # races before the playoffs (see ``regular_season_by_year``); None: not known, because the season's
    # schedule is not confirmed here (the Chase's first race cannot be placed, nor its finale)
    regular_season: int | None = 0
    regular_season_by_year: dict[int, int] = field(default_factory=dict)
    field_rule: FieldRule = FieldRule.POINTS
    field: int = 0
    within: int | None = None  # 2004–06: also anyone this close to the leader
    wild_cards: int = 0
    wild_card_pool: int = 0  # wild cards come from the standings down to this position
    winner_top: int | None = None  # a winner must be this high in the standings to be in (2014–22)
    winner_top_last: int | None = None  # the last season of that rule (None: still in force)
    # a driver must run every regular-season race, unless waived; None: whether the rule applies is not known
    # (2026), so a driver who missed one is shown in the field but only possibly in, as without a waiver
    attempt_every_race: bool | None = False
    rounds: tuple[Round, ...] = ()
    playoff_points_win: int = 0
    playoff_points_stage: int = 0
    playoff_points_top: tuple[int, ...] = ()  # regular-season standings bonus, 1st, 2nd, ...
    cut_by_round_finish: bool = False  # ties at a cut: best finish in the round first
    # A zero-points finish ahead of scoring drivers marks a driver not racing for this series' points
    # (drivers have declared one series since 2011; the history leaves the mark out).
    zero_points_ineligible: bool = False
    # 1972–73: points for each lap completed, by the track's length: (shortest length, hundredths
    # of a point a lap), longest first. The results' points hold the finishing points only.
    points_per_lap: tuple[tuple[Decimal, int], ...] = ()
    # Finishing points of the stage era, to see where a result's points hold stage points the
    # results do not name (a missing stage winner): 1st, 2nd, then one fewer down to ``last_points``.
    finish_points: tuple[int, int, int] | None = None
    # A rulebook still in force (``last=None``): the last season its rules are confirmed for (see ``unconfirmed``)
    confirmed_through: int | None = None
    # False: NASCAR's tie-breaks for this format are not in the rulebook (2026), so drivers level on points at
    # the field's cut or for the title are left open, never ordered by the site's own count-back as fact
    tie_breaks_known: bool = True

    def regular_season_races(self, year: int) -> int | None:
        return self.regular_season_by_year.get(year, self.regular_season)

    def unconfirmed(self, year: int) -> str:
        """Why ``year``'s champion and playoff statuses cannot be computed by these rules ("" when they can): a
        season after the last one they were confirmed for may have a format of its own (2026 replaced 2025's
        without notice to the site). The one definition: ``engine.compute`` applies it."""
        if self.last is None and self.confirmed_through is not None and year > self.confirmed_through:
            return f"The site's rulebooks do not yet cover the {year} format: an editor names the champion."
        return ""

    def lap_rate(self, length: Decimal | None) -> int | None:
        """Hundredths of a point for a lap of a track this long (None: length unknown)."""
        if length is None:
            return None
        return next((rate for shortest, rate in self.points_per_lap if length >= shortest), None)

    def winner_must_be_in_top(self, year: int) -> int | None:
        if self.winner_top_last is not None and year > self.winner_top_last:
            return None
        return self.winner_top
