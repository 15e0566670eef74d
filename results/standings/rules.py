"""Every championship format NASCAR's national series have used, one rulebook per era, as data.

An editor reads a season's format here: who makes the playoffs (``field``), how points are reset
(``Round``), what playoff points are worth, which tie-breaks apply. ``rulebook_for`` picks the one
a season uses; ``engine.compute`` applies it. Sources: NASCAR's announcements of each format as
reported at the time (the Chase, 2004; its changes of 2007 and 2011; the elimination format, 2014;
Xfinity and Truck Chases, 2016; playoff points, 2017; the Chase's return in all three series for 2026,
announced 12 January 2026: speedwaymedia.com/2026/01/12/2026-nascar-chase-championship-format-and-highlights,
racingamerica.com/news/nascar/nascar-championship-format-announced-for-2026-season).

A rulebook still in force (``last=None``) says the last season its rules were confirmed for
(``confirmed_through``): a later season's standings are computed by them, but no champion or playoff
status is stated from them until someone confirms that season's format (``Rulebook.unconfirmed``).
"""

from decimal import Decimal

from results.standings.rulebook import FieldRule, Format, Round, Rulebook

_TIES = "Ties are broken by wins, then second places, and so on."
_ONE_SERIES = " From 2011 drivers race for one series' points: a Cup regular earns none here."
TOP_10_BONUS = (15, 10, 8, 7, 6, 5, 4, 3, 2, 1)  # playoff points for the regular season's top 10, 2017 on
STAGE_ERA_FINISH_POINTS = (40, 35, 1)  # 2017–2025: 40 for a win, 35 for 2nd, one fewer a place, at least 1
# 2026 on: a win pays 55, the rest as before. Read only to find unnamed stage wins' playoff points, which 2026
# abolished; kept so the rulebook states its points truly.
CHASE_2026_FINISH_POINTS = (55, 35, 1)
# The 2026 Chase's reset, as announced: the leader 2,100, then 2,075, 2,065, and 5 fewer a seed after that
CHASE_2026_SEEDS = (2100, 2075, 2065)
_CHASE_2026 = (
    "The field restarts once: the leader on 2,100 points, 2nd on 2,075, 3rd on 2,065, then 5 fewer a place; no "
    "cuts, no playoff points. The most points after the last race wins (a win pays 55). NASCAR's tie-breaks for "
    "the cut and the title are not in this rulebook: drivers level on points there are left open, no champion "
    "named between them. Whether a driver must start every regular-season race is not confirmed: a driver in the field who "
    "missed one is shown as possibly in."
)


def _chase_2026(series, name, what, *, regular_season, field, races):
    """The 2026 Chase of one series: what the three share (the reset, no playoff points, what is not known)."""
    return Rulebook(
        key=f"{series}-2026",
        name=name,
        description=what + _CHASE_2026,
        series=series,
        first=2026,
        last=None,
        confirmed_through=2026,
        format=Format.CHASE,
        regular_season=regular_season,
        field=field,
        attempt_every_race=None,
        tie_breaks_known=False,
        rounds=(Round("Chase", races=races, advance=1, base=2100, seeds=CHASE_2026_SEEDS, seed_step=5),),
        zero_points_ineligible=True,
        finish_points=CHASE_2026_FINISH_POINTS,
    )


RULEBOOKS: tuple[Rulebook, ...] = (
    Rulebook(
        key="cup-1949",
        name="Cup, most points (1949–1971)",
        description="The driver with the most points over the season is champion. " + _TIES,
        series="cup",
        first=1949,
        last=1971,
    ),
    Rulebook(
        key="cup-1972",
        name="Cup, points plus points per lap (1972–1973)",
        description="Most points wins: 100 for a win (plus 25), 2 fewer a place, and points for every lap "
        "completed by the track's length: a quarter of a point a lap under a mile, 0.5 from a mile, 0.7 "
        "from 1.3 miles (Darlington), 0.75 from 1.5, 1 from 2, 1.25 from 2.5 miles. The official totals "
        "have fractions (8,701.4), so the standings give the order but no points. " + _TIES,
        series="cup",
        first=1972,
        last=1973,
        points_per_lap=(
            (Decimal("2.5"), 125),
            (Decimal("2.0"), 100),
            (Decimal("1.5"), 75),
            (Decimal("1.3"), 70),
            (Decimal("1.0"), 50),
            (Decimal("0"), 25),
        ),
    ),
    Rulebook(
        key="cup-1974",
        name="Cup, points from prize money (1974)",
        description="Points were the season's prize money times the races started, divided by 1,000.",
        series="cup",
        first=1974,
        last=1974,
        points_incomplete="The official points of 1974 were computed from prize money, which the results do not hold.",
    ),
    Rulebook(
        key="cup-1975",
        name="Cup, most points (1975–2003)",
        description="Most points wins. " + _TIES,
        series="cup",
        first=1975,
        last=2003,
    ),
    Rulebook(
        key="cup-2004",
        name="Cup, the Chase (2004–2006)",
        description="After 26 races the top 10, and anyone within 400 points of the leader, race the last 10 "
        "for the title: the leader restarts on 5,050 points, each next driver 5 fewer. Most points at the "
        "end wins. " + _TIES,
        series="cup",
        first=2004,
        last=2006,
        format=Format.CHASE,
        regular_season=26,
        field=10,
        within=400,
        rounds=(Round("Chase", races=10, advance=1, base=5050, seed_step=5),),
    ),
    Rulebook(
        key="cup-2007",
        name="Cup, the Chase of 12 (2007–2010)",
        description="After 26 races the top 12 race the last 10 for the title, restarting on 5,000 points "
        "plus 10 for each win. Most points at the end wins. " + _TIES,
        series="cup",
        first=2007,
        last=2010,
        format=Format.CHASE,
        regular_season=26,
        field=12,
        rounds=(Round("Chase", races=10, advance=1, base=5000, per_win=10),),
    ),
    Rulebook(
        key="cup-2011",
        name="Cup, the Chase with wild cards (2011–2013)",
        description="After 26 races the top 10, plus two wild cards (the most wins among 11th to 20th, then "
        "points), race the last 10: the top 10 restart on 2,000 points plus 3 per win, the wild cards on "
        "2,000. Most points at the end wins. " + _TIES,
        series="cup",
        first=2011,
        last=2013,
        format=Format.CHASE,
        regular_season=26,
        field_rule=FieldRule.WILD_CARDS,
        field=10,
        wild_cards=2,
        wild_card_pool=20,
        rounds=(Round("Chase", races=10, advance=1, base=2000, per_win=3),),
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="cup-2014",
        name="Cup, the elimination Chase (2014–2016)",
        description="16 drivers make the Chase: race winners in the top 30 first, then points; a driver must "
        "start every race unless NASCAR waives it. They restart on 2,000 points plus 3 per win; four drop "
        "out after each three-race round (a win in the round goes through), the rest restart on 3,000, then "
        "4,000; the best finisher of the final four in the last race is champion. Ties at a cut: best "
        "finish in the round, then wins.",
        series="cup",
        first=2014,
        last=2016,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=16,
        winner_top=30,
        attempt_every_race=True,
        rounds=(
            Round("Round of 16", races=3, advance=12, base=2000, per_win=3),
            Round("Round of 12", races=3, advance=8, base=3000),
            Round("Round of 8", races=3, advance=4, base=4000),
            Round("Championship 4", races=1, advance=1, base=5000, by_finish=True),
        ),
        cut_by_round_finish=True,
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="cup-2017",
        name="Cup playoffs (2017–2025)",
        description="16 drivers make the playoffs: race winners first (in the top 30 until 2022), then points; "
        "a driver must start every race unless NASCAR waives it. Playoff points: 5 a win, 1 a stage win, and "
        "15, 10, 8, 7 … 1 for the regular season's top 10. The field restarts on 2,000 plus playoff points, "
        "then 3,000 and 4,000 plus playoff points after each three-race round (four drop out; a win in the "
        "round goes through; points won inside a round count from the next reset); the best finisher of the "
        "final four in the last race is champion. Ties at a cut: best finish in the round.",
        series="cup",
        first=2017,
        last=2025,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=16,
        winner_top=30,
        winner_top_last=2022,
        attempt_every_race=True,
        rounds=(
            Round("Round of 16", races=3, advance=12, base=2000, playoff_points=True),
            Round("Round of 12", races=3, advance=8, base=3000, playoff_points=True),
            Round("Round of 8", races=3, advance=4, base=4000, playoff_points=True),
            Round("Championship 4", races=1, advance=1, base=5000, by_finish=True),
        ),
        playoff_points_win=5,
        playoff_points_stage=1,
        playoff_points_top=TOP_10_BONUS,
        cut_by_round_finish=True,
        zero_points_ineligible=True,
        finish_points=STAGE_ERA_FINISH_POINTS,
    ),
    _chase_2026(
        "cup",
        "Cup, the Chase of 16 (2026 on)",
        "The top 16 in points after 26 races (race wins do not qualify) race the last 10 for the title. ",
        regular_season=26,
        field=16,
        races=10,
    ),
    Rulebook(
        key="xfinity-1982",
        name="Xfinity, most points (1982–2015)",
        description="Most points wins. " + _TIES + _ONE_SERIES,
        series="xfinity",
        first=1982,
        last=2015,
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="xfinity-2016",
        name="Xfinity, the Chase (2016)",
        description="12 drivers make the Chase after 26 races: winners in the top 30 first, then points; Cup "
        "regulars earn no points and their wins do not count. They restart on 2,000 plus 3 per win; four drop "
        "out after each three-race round (a win goes through); the best of the final four at Homestead is "
        "champion.",
        series="xfinity",
        first=2016,
        last=2016,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=12,
        winner_top=30,
        attempt_every_race=True,
        rounds=(
            Round("Round of 12", races=3, advance=8, base=2000, per_win=3),
            Round("Round of 8", races=3, advance=4, base=3000),
            Round("Championship 4", races=1, advance=1, base=4000, by_finish=True),
        ),
        cut_by_round_finish=True,
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="xfinity-2017",
        name="Xfinity playoffs (2017–2025)",
        description="12 drivers make the playoffs after 26 races: winners in the top 20 first, then points; "
        "Cup regulars earn no points and their wins do not count. Playoff points as in Cup (5 a win, 1 a "
        "stage win, 15, 10, 8 … for the regular season's top 10). Four drop out after each three-race round; "
        "the best of the final four in the last race is champion.",
        series="xfinity",
        first=2017,
        last=2025,
        format=Format.ELIMINATION,
        regular_season=26,
        field_rule=FieldRule.WINNERS,
        field=12,
        winner_top=20,
        attempt_every_race=True,
        rounds=(
            Round("Round of 12", races=3, advance=8, base=2000, playoff_points=True),
            Round("Round of 8", races=3, advance=4, base=3000, playoff_points=True),
            Round("Championship 4", races=1, advance=1, base=4000, by_finish=True),
        ),
        playoff_points_win=5,
        playoff_points_stage=1,
        playoff_points_top=TOP_10_BONUS,
        cut_by_round_finish=True,
        zero_points_ineligible=True,
        finish_points=STAGE_ERA_FINISH_POINTS,
    ),
    _chase_2026(
        "xfinity",
        "O'Reilly Auto Parts Series, the Chase of 12 (2026 on)",
        "The top 12 in points after 24 races (race wins do not qualify) race the last 9 for the title. ",
        regular_season=24,
        field=12,
        races=9,
    ),
    Rulebook(
        key="truck-1995",
        name="Truck, most points (1995–2015)",
        description="Most points wins. " + _TIES + _ONE_SERIES,
        series="truck",
        first=1995,
        last=2015,
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="truck-2016",
        name="Truck, the Chase (2016)",
        description="8 drivers make the Chase after 16 races: winners in the top 30 first, then points. They "
        "restart on 2,000 plus 3 per win; two drop out after each three-race round (a win goes through); the "
        "best of the final four at Homestead is champion.",
        series="truck",
        first=2016,
        last=2016,
        format=Format.ELIMINATION,
        regular_season=16,
        field_rule=FieldRule.WINNERS,
        field=8,
        winner_top=30,
        attempt_every_race=True,
        rounds=(
            Round("Round of 8", races=3, advance=6, base=2000, per_win=3),
            Round("Round of 6", races=3, advance=4, base=3000),
            Round("Championship 4", races=1, advance=1, base=4000, by_finish=True),
        ),
        cut_by_round_finish=True,
        zero_points_ineligible=True,
    ),
    Rulebook(
        key="truck-2017",
        name="Truck playoffs, 8 drivers (2017–2019)",
        description="8 drivers make the playoffs after 16 races: winners in the top 20 first, then points. "
        "Playoff points as in Cup. Two drop out after each three-race round; the best of the final four in "
        "the last race is champion.",
        series="truck",
        first=2017,
        last=2019,
        format=Format.ELIMINATION,
        regular_season=16,
        field_rule=FieldRule.WINNERS,
        field=8,
        winner_top=20,
        attempt_every_race=True,
        rounds=(
            Round("Round of 8", races=3, advance=6, base=2000, playoff_points=True),
            Round("Round of 6", races=3, advance=4, base=3000, playoff_points=True),
            Round("Championship 4", races=1, advance=1, base=4000, by_finish=True),
        ),
        playoff_points_win=5,
        playoff_points_stage=1,
        playoff_points_top=TOP_10_BONUS,
        cut_by_round_finish=True,
        zero_points_ineligible=True,
        finish_points=STAGE_ERA_FINISH_POINTS,
    ),
    Rulebook(
        key="truck-2020",
        name="Truck playoffs, 10 drivers (2020–2025)",
        description="10 drivers make the playoffs after the regular season (16 races; 15 in 2021, 18 in 2025): "
        "winners in the top 20 first, then points. Playoff points as in Cup. Two drop out after the first "
        "three-race round, four after the second; the best of the final four in the last race is champion.",
        series="truck",
        first=2020,
        last=2025,
        format=Format.ELIMINATION,
        regular_season=16,
        regular_season_by_year={2021: 15, 2025: 18},
        field_rule=FieldRule.WINNERS,
        field=10,
        winner_top=20,
        attempt_every_race=True,
        rounds=(
            Round("Round of 10", races=3, advance=8, base=2000, playoff_points=True),
            Round("Round of 8", races=3, advance=4, base=3000, playoff_points=True),
            Round("Championship 4", races=1, advance=1, base=4000, by_finish=True),
        ),
        playoff_points_win=5,
        playoff_points_stage=1,
        playoff_points_top=TOP_10_BONUS,
        cut_by_round_finish=True,
        zero_points_ineligible=True,
        finish_points=STAGE_ERA_FINISH_POINTS,
    ),
    _chase_2026(
        "truck",
        "Truck, the Chase of 10 (2026 on)",
        "The top 10 in points (race wins do not qualify) race the last 7 races for the title. The site does not "
        "yet know how many races the 2026 season has, so not where its Chase begins: the standings add up every "
        "race's points, and an editor names the champion. ",
        regular_season=None,
        field=10,
        races=7,
    ),
)

MOST_POINTS = Rulebook(
    key="most-points",
    name="Most points",
    description="The driver with the most points over the season is champion. " + _TIES,
    series="",
    first=0,
    last=None,
)


def rulebook_for(series_key: str, year: int) -> Rulebook:
    """The rulebook of a series' season; a series without eras of its own: most points."""
    for book in RULEBOOKS:
        if book.series == series_key and book.first <= year and (book.last is None or year <= book.last):
            return book
    return MOST_POINTS
