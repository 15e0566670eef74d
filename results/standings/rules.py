"""Every championship format NASCAR's national series have used, one rulebook per era, as data.

An editor reads a season's format here: who makes the playoffs (``field``), how points are reset
(``Round``), what playoff points are worth, which tie-breaks apply. ``rulebook_for`` picks the one
a season uses; ``engine.compute`` applies it. Sources: NASCAR's announcements of each format as
reported at the time (the Chase, 2004; its changes of 2007 and 2011; the elimination format, 2014;
Xfinity and Truck Chases, 2016; playoff points, 2017).
"""

from dataclasses import dataclass, field, replace
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
    playoff_points: bool = False  # + the driver's playoff points so far (2017 on)
    by_finish: bool = False  # the finale: the best finisher among the round's drivers is champion


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
    regular_season: int = 0  # races before the playoffs (see ``regular_season_by_year``)
    regular_season_by_year: dict[int, int] = field(default_factory=dict)
    field_rule: FieldRule = FieldRule.POINTS
    field: int = 0
    within: int | None = None  # 2004–06: also anyone this close to the leader
    wild_cards: int = 0
    wild_card_pool: int = 0  # wild cards come from the standings down to this position
    winner_top: int | None = None  # a winner must be this high in the standings to be in (2014–22)
    winner_top_last: int | None = None  # the last season of that rule (None: still in force)
    attempt_every_race: bool = False  # a driver must run every regular-season race, unless waived
    rounds: tuple[Round, ...] = ()
    playoff_points_win: int = 0
    playoff_points_stage: int = 0
    playoff_points_top: tuple[int, ...] = ()  # regular-season standings bonus, 1st, 2nd, ...
    cut_by_round_finish: bool = False  # ties at a cut: best finish in the round first
    # A zero-points finish ahead of scoring drivers marks a driver not racing for this series' points
    # (drivers have declared one series since 2011; the history leaves the mark out).
    zero_points_ineligible: bool = False
    # Finishing points of the stage era, to see where a result's points hold stage points the
    # results do not name (a missing stage winner): 1st, 2nd, then one fewer down to ``last_points``.
    finish_points: tuple[int, int, int] | None = None

    def regular_season_races(self, year: int) -> int:
        return self.regular_season_by_year.get(year, self.regular_season)

    def winner_must_be_in_top(self, year: int) -> int | None:
        if self.winner_top_last is not None and year > self.winner_top_last:
            return None
        return self.winner_top


_TIES = "Ties are broken by wins, then second places, and so on."


def _stage_era(book: Rulebook) -> Rulebook:
    """Playoff points (2017 on): 5 a win, 1 a stage win, a bonus for the regular season's top 10."""
    return replace(
        book,
        playoff_points_win=5,
        playoff_points_stage=1,
        playoff_points_top=(15, 10, 8, 7, 6, 5, 4, 3, 2, 1),
        finish_points=(40, 35, 1),
        zero_points_ineligible=True,
        cut_by_round_finish=True,
    )


def _cup_elimination(*, playoff_points):
    pp = {"playoff_points": playoff_points}
    return (
        Round("Round of 16", 3, 12, 2000, per_win=0 if playoff_points else 3, **pp),
        Round("Round of 12", 3, 8, 3000, **pp),
        Round("Round of 8", 3, 4, 4000, **pp),
        Round("Championship 4", 1, 1, 5000, by_finish=True),
    )


def _small_elimination(field_size, *, playoff_points):
    """Xfinity and Truck: three rounds, the last a four-driver finale."""
    pp = {"playoff_points": playoff_points}
    first_cut = 8 if field_size in (12, 10) else 6
    return (
        Round(f"Round of {field_size}", 3, first_cut, 2000, per_win=0 if playoff_points else 3, **pp),
        Round(f"Round of {first_cut}", 3, 4, 3000, **pp),
        Round("Championship 4", 1, 1, 4000, by_finish=True),
    )


RULEBOOKS: tuple[Rulebook, ...] = (
    Rulebook(
        "cup-1949",
        "Cup, most points (1949–1971)",
        "The driver with the most points over the season is champion. " + _TIES + " The results of 1949–61 "
        "lack many drivers' points, so those seasons' order cannot be computed.",
        "cup",
        1949,
        1971,
    ),
    Rulebook(
        "cup-1972",
        "Cup, points plus points per lap (1972–1973)",
        "Most points wins; each race also paid points per lap completed, scaled by the track's length. " + _TIES,
        "cup",
        1972,
        1973,
        points_incomplete="The official points of 1972–73 added points for every lap completed, "
        "which the results' points leave out.",
    ),
    Rulebook(
        "cup-1974",
        "Cup, points from prize money (1974)",
        "Points were the season's prize money times the races started, divided by 1,000.",
        "cup",
        1974,
        1974,
        points_incomplete="The official points of 1974 were computed from prize money, which the results do not hold.",
    ),
    Rulebook("cup-1975", "Cup, most points (1975–2003)", "Most points wins. " + _TIES, "cup", 1975, 2003),
    Rulebook(
        "cup-2004",
        "Cup, the Chase (2004–2006)",
        "After 26 races the top 10, and anyone within 400 points of the leader, race the last 10 for the "
        "title: the leader restarts on 5,050 points, each next driver 5 fewer. Most points at the end wins. " + _TIES,
        "cup",
        2004,
        2006,
        format=Format.CHASE,
        regular_season=26,
        field=10,
        within=400,
        rounds=(Round("Chase", 10, 1, 5050, seed_step=5),),
    ),
    Rulebook(
        "cup-2007",
        "Cup, the Chase of 12 (2007–2010)",
        "After 26 races the top 12 race the last 10 for the title, restarting on 5,000 points plus 10 "
        "for each win. Most points at the end wins. " + _TIES,
        "cup",
        2007,
        2010,
        format=Format.CHASE,
        regular_season=26,
        field=12,
        rounds=(Round("Chase", 10, 1, 5000, per_win=10),),
    ),
    Rulebook(
        "cup-2011",
        "Cup, the Chase with wild cards (2011–2013)",
        "After 26 races the top 10, plus two wild cards (the most wins among 11th to 20th, then points), "
        "race the last 10: the top 10 restart on 2,000 points plus 3 per win, the wild cards on 2,000. "
        "Most points at the end wins. " + _TIES,
        "cup",
        2011,
        2013,
        format=Format.CHASE,
        regular_season=26,
        field_rule=FieldRule.WILD_CARDS,
        field=10,
        wild_cards=2,
        wild_card_pool=20,
        rounds=(Round("Chase", 10, 1, 2000, per_win=3),),
        zero_points_ineligible=True,
    ),
    Rulebook(
        "cup-2014",
        "Cup, the elimination Chase (2014–2016)",
        "16 drivers make the Chase: race winners in the top 30 first, then points; a driver must start "
        "every race unless NASCAR waives it. They restart on 2,000 points plus 3 per win; four drop out "
        "after each three-race round (a win in the round goes through), the rest restart on 3,000, then "
        "4,000; the best finisher of the final four in the last race is champion. Ties at a cut: best "
        "finish in the round, then wins.",
        "cup",
        2014,
        2016,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=16,
        winner_top=30,
        attempt_every_race=True,
        rounds=_cup_elimination(playoff_points=False),
        zero_points_ineligible=True,
        cut_by_round_finish=True,
    ),
    _stage_era(
        Rulebook(
            "cup-2017",
            "Cup playoffs, 2017 on",
            "16 drivers make the playoffs: race winners first (in the top 30 until 2022), then points; a "
            "driver must start every race unless NASCAR waives it. Playoff points: 5 a win, 1 a stage win, "
            "and 15, 10, 8, 7 … 1 for the regular season's top 10. The field restarts on 2,000 plus playoff "
            "points, then 3,000 and 4,000 plus playoff points after each three-race round (four drop out; a "
            "win in the round goes through; points won inside a round count from the next reset); the best "
            "finisher of the final four in the last race is champion. Ties at a cut: best finish in the round.",
            "cup",
            2017,
            None,
            format=Format.ELIMINATION,
            regular_season=26,
            field_rule=FieldRule.WINNERS,
            field=16,
            winner_top=30,
            winner_top_last=2022,
            attempt_every_race=True,
            rounds=_cup_elimination(playoff_points=True),
        )
    ),
    Rulebook(
        "xfinity-1982",
        "Xfinity, most points (1982–2015)",
        "Most points wins. " + _TIES + " From 2011 drivers race for one series' points: a Cup regular earns none here.",
        "xfinity",
        1982,
        2015,
        zero_points_ineligible=True,
    ),
    Rulebook(
        "xfinity-2016",
        "Xfinity, the Chase (2016)",
        "12 drivers make the Chase after 26 races: winners in the top 30 first, then points; Cup regulars "
        "earn no points and their wins do not count. They restart on 2,000 plus 3 per win; four drop out "
        "after each three-race round (a win goes through); the best of the final four at Homestead is champion.",
        "xfinity",
        2016,
        2016,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=12,
        winner_top=30,
        attempt_every_race=True,
        rounds=_small_elimination(12, playoff_points=False),
        zero_points_ineligible=True,
        cut_by_round_finish=True,
    ),
    _stage_era(
        Rulebook(
            "xfinity-2017",
            "Xfinity playoffs, 2017 on",
            "12 drivers make the playoffs after 26 races: winners in the top 20 first, then points; Cup regulars earn no "
            "points and their wins do not count. Playoff points as in Cup (5 a win, 1 a stage win, 15, 10, 8 … "
            "for the regular season's top 10). Four drop out after each three-race round; the best of the "
            "final four in the last race is champion.",
            "xfinity",
            2017,
            None,
            format=Format.ELIMINATION,
            regular_season=26,
            field_rule=FieldRule.WINNERS,
            field=12,
            winner_top=20,
            attempt_every_race=True,
            rounds=_small_elimination(12, playoff_points=True),
        )
    ),
    Rulebook(
        "truck-1995",
        "Truck, most points (1995–2015)",
        "Most points wins. " + _TIES + " From 2011 drivers race for one series' points: a Cup regular earns none here.",
        "truck",
        1995,
        2015,
        zero_points_ineligible=True,
    ),
    Rulebook(
        "truck-2016",
        "Truck, the Chase (2016)",
        "8 drivers make the Chase after 16 races: winners in the top 30 first, then points. They restart "
        "on 2,000 plus 3 per win; two drop out after each three-race round (a win goes through); the best "
        "of the final four at Homestead is champion.",
        "truck",
        2016,
        2016,
        format=Format.ELIMINATION,
        regular_season=16,
        field_rule=FieldRule.WINNERS,
        field=8,
        winner_top=30,
        attempt_every_race=True,
        rounds=_small_elimination(8, playoff_points=False),
        zero_points_ineligible=True,
        cut_by_round_finish=True,
    ),
    _stage_era(
        Rulebook(
            "truck-2017",
            "Truck playoffs, 8 drivers (2017–2019)",
            "8 drivers make the playoffs after the regular season: winners in the top 20 first, then points. Playoff points "
            "as in Cup. Two drop out after each three-race round; the best of the final four in the last race "
            "is champion.",
            "truck",
            2017,
            2019,
            format=Format.ELIMINATION,
            regular_season=16,
            field_rule=FieldRule.WINNERS,
            field=8,
            winner_top=20,
            attempt_every_race=True,
            rounds=_small_elimination(8, playoff_points=True),
        )
    ),
    _stage_era(
        Rulebook(
            "truck-2020",
            "Truck playoffs, 10 drivers (2020 on)",
            "10 drivers make the playoffs after the regular season: winners in the top 20 first, then points. Playoff points "
            "as in Cup. Two drop out after the first three-race round, four after the second; the best of the "
            "final four in the last race is champion.",
            "truck",
            2020,
            None,
            format=Format.ELIMINATION,
            regular_season=16,
            regular_season_by_year={2021: 15, 2025: 18},
            field_rule=FieldRule.WINNERS,
            field=10,
            winner_top=20,
            attempt_every_race=True,
            rounds=_small_elimination(10, playoff_points=True),
        )
    ),
)

MOST_POINTS = Rulebook(
    "most-points",
    "Most points",
    "The driver with the most points over the season is champion. " + _TIES,
    "",
    0,
    None,
)


def rulebook_for(series_key: str, year: int) -> Rulebook:
    """The rulebook of a series' season; a series without eras of its own: most points."""
    for book in RULEBOOKS:
        if book.series == series_key and book.first <= year and (book.last is None or year <= book.last):
            return book
    return MOST_POINTS
