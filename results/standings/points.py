"""Most points wins: the format of every series before its playoffs, and of any series without eras."""

from results.standings.engine import NOT_OVER
from results.standings.tally import Season, Tally, Verdict


def run(season: Season, *, finished: bool) -> Verdict:
    for race in season.races:
        season.apply(race)
        season.snapshot(race.round, season.ordered())
    season.settle(season.ordered)
    return Verdict(champion_by_points(season, season.ordered(), finished=finished))


def champion_by_points(season: Season, order: list[Tally], *, finished: bool, what: str = "points") -> int | None:
    """The leader of ``order`` among the drivers eligible for the title, if the results settle that he leads
    at the end; else the reasons go to ``season.problems``."""
    order = [t for t in order if t.driver not in season.facts.withdrawn]
    reasons: list[str] = []
    if not season.races:
        reasons.append("No race of the season has been run.")
    elif not finished:
        reasons.append(NOT_OVER)
    if season.absent_rounds:
        reasons.append(absent(season))
    if season.book.points_incomplete:
        reasons.append(season.book.points_incomplete)
    elif season.missing_rounds:
        reasons.append(missing_points(season))
    if len(order) > 1 and order[0].key() == order[1].key():
        tied = [t.driver for t in order if t.key() == order[0].key()]
        reasons.append(
            f"{season.names_of(tied)} are level on {what}, wins and every finishing place: the results "
            "cannot break the tie."
        )
    season.problems += reasons
    if season.problems or not order:
        return None
    return order[0].driver


def missing_points(season: Season) -> str:
    rounds = season.missing_rounds
    count = sum(t.missing for t in season.tallies.values())
    what = "Points or laps" if season.book.points_per_lap else "Points"
    if season.unmeasured == rounds:  # the points and laps may all be there: a report's new track has no length
        unmeasured = ", ".join(map(str, season.unmeasured))
        return (
            f"The track's length is not known for round{'s' if len(season.unmeasured) > 1 else ''} {unmeasured}, "
            f"and {season.year}'s points add points per lap by the track's length: an editor enters it on the "
            "track's page (the points order is not known until then)."
        )
    return (
        f"{what} are missing for {count} results in {len(rounds)} of the season's {len(season.races)} races, "
        "so the points order is not known."
    )


def absent(season: Season, so: str = "the points order is not known") -> str:
    # a most-points season has no fixed count, but a round missing before the last is a race not imported
    rounds = season.absent_rounds
    listed = ", ".join(map(str, rounds))
    return (
        f"{'Round' if len(rounds) == 1 else 'Rounds'} {listed} of the season {'is' if len(rounds) == 1 else 'are'} "
        f"not in the results (they go to round {max(season.rounds)}), so {so}."
    )
