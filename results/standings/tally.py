"""The running tally of a season: each driver's points, finishes and playoff points race by race.

Shared by the formats (``points``, ``playoffs``): they walk the races through ``Season.apply``,
order the tallies, and record the rows after every race with ``Season.snapshot``.
"""

from bisect import insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from results.standings.engine import Adjustment, Facts, Outcome, Race, Result, Row, Status
from results.standings.rulebook import Rulebook

# Ends every driver's sorted finishes: comparing two such lists is the count-back (most wins, then
# most seconds, ...), a driver with one more finish anywhere being ahead of one without it.
LAST = 10**6


class Tally:
    __slots__ = (
        "driver",
        "points",
        "missing",
        "finishes",
        "wins",
        "starts",
        "playoff_points",
        "hidden",
        "reset_hidden",
        "round_best",
        "round_won",
        "shift",
        "status",
        "status_sure",
    )

    def __init__(self, driver: int):
        self.driver = driver
        self.points = 0  # the standing's points: since the last reset in the playoffs
        self.missing = 0  # results whose points are unknown
        self.finishes = [LAST]  # sorted finishing places
        self.wins = 0  # wins that count for this series
        self.starts = 0
        self.playoff_points = 0  # as far as the results show them
        self.hidden = 0  # stage wins the results may hide: up to this many more playoff points
        self.reset_hidden = 0  # ``hidden`` as it stood at the last reset (points may be that much higher)
        self.round_best = LAST  # best finish in the current playoff round
        self.round_won = False
        # A driver only possibly in a playoff round keeps his shown points; ``points + shift`` are
        # the round's points he would have if he were in (the cut compares those).
        self.shift = 0
        self.status = Status.NONE
        self.status_sure = True  # False: the results leave the status open (``playoffs.Field``)

    def key(self):
        """Sort key, best first: points, then the count-back."""
        return (-self.points, self.finishes)

    def points_known(self) -> bool:
        return not self.missing and not self.reset_hidden


@dataclass
class Verdict:
    """What a format decided: the champion (if the results settle one) or why not."""

    champion: int | None
    reasons: list[str] = field(default_factory=list)  # each one stops a champion being named
    notes: list[str] = field(default_factory=list)  # what the results leave open; said when no champion is
    disagreements: list[str] = field(default_factory=list)
    finale_run: bool = False  # ``Outcome.finale_run``


class Season:
    def __init__(self, book: Rulebook, year: int, races: Sequence[Race], facts: Facts, names: Mapping[int, str]):
        self.book, self.year, self.facts, self.names = book, year, facts, names
        self.races = sorted((race for race in races if race.counts), key=lambda race: race.round)
        # every round with results, counted or not (an exhibition keeps its number): a gap is a race missing
        self.rounds = {race.round for race in races}
        self.tallies: dict[int, Tally] = {}
        self.after: dict[int, tuple[Row, ...]] = {}
        self.problems: list[str] = []  # what in the results stops a champion being named
        self.missing_rounds: list[int] = []  # races with a result whose points are unknown
        self.unmeasured: list[int] = []  # of those, paying per lap at a track whose length is not known (1972–73)
        self.unnamed_stages: list[int] = []  # races whose stage winners the results do not name
        # an adjustment applies after its round, or after the first counted race past it (its round
        # may not count); one without a round, or past the last race, at the end
        self.pending: list[Adjustment] = sorted(facts.adjustments, key=lambda a: (a.round is None, a.round or 0))
        self.playoff_points = bool(book.playoff_points_win)
        # 1972–73's points count in hundredths (a lap paid 0.25 to 1.25 points); rows then show the
        # order but no points, which would need fractions
        self.scale = 100 if book.points_per_lap else 1

    def name(self, driver: int) -> str:
        return self.names.get(driver) or f"driver {driver}"

    def names_of(self, drivers: Iterable[int]) -> str:
        listed = sorted(self.name(d) for d in drivers)
        return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]

    def tally(self, driver: int) -> Tally:
        found = self.tallies.get(driver)
        if found is None:
            found = self.tallies[driver] = Tally(driver)
        return found

    def apply(self, race: Race) -> list[Result]:
        """Add one race to the tallies; its results that count for this series, best first."""
        results = self._counted(race)
        missing = False
        lap_rate = self.book.lap_rate(race.length_miles) if self.book.points_per_lap else None
        for result in results:
            tally = self.tally(result.driver)
            tally.starts += 1
            earned = result.points
            if self.book.points_per_lap and earned:  # a zero: not in the points, for laps either
                laps = result.laps
                earned = None if lap_rate is None or laps is None else earned * self.scale + laps * lap_rate
            if earned is None:
                tally.missing += 1
                missing = True
            else:
                tally.points += earned
            insort(tally.finishes, result.finish)
            tally.round_best = min(tally.round_best, result.finish)
            if result.finish == 1:
                tally.wins += 1
                tally.round_won = True
                tally.playoff_points += self.book.playoff_points_win
        if missing:
            self.missing_rounds.append(race.round)
            if self.book.points_per_lap and lap_rate is None:
                self.unmeasured.append(race.round)
        if self.playoff_points:
            self._stage_wins(race, results)
        self.adjust(race.round)
        return results

    def settle(self, order: Callable[[], list[Tally]]):
        """After the last race present, whatever the format and however many races the season has: the
        editor's end-of-season adjustments (and those due after a race past the last), the latest rows
        re-read in ``order``."""
        if self.races and self.pending:
            self.adjust(None)
            self.snapshot(self.races[-1].round, order())

    def adjust(self, round_number: int | None):
        """Apply the editor's adjustments due after ``round_number`` (None: all that are left)."""
        due = [a for a in self.pending if round_number is None or (a.round is not None and a.round <= round_number)]
        self.pending = [a for a in self.pending if a not in due]
        for adjustment in due:
            tally = self.tally(adjustment.driver)
            tally.points += adjustment.points * self.scale
            tally.playoff_points += adjustment.playoff_points

    def _counted(self, race: Race) -> list[Result]:
        seen: set[int] = set()
        results = []
        for result in sorted(race.results, key=lambda r: r.finish):
            if result.driver in seen:
                self.problems.append(
                    f"Race {race.round} lists {self.name(result.driver)} twice, so its points cannot be trusted."
                )
                continue
            seen.add(result.driver)
            results.append(result)
        if self.book.zero_points_ineligible:
            # a zero ahead of drivers who scored: not racing for this series' points
            last_scorer = max((r.finish for r in results if r.points), default=0)
            return [r for r in results if not (r.ineligible or (r.points == 0 and r.finish < last_scorer))]
        return [r for r in results if not r.ineligible]

    def _stage_wins(self, race: Race, results: list[Result]):
        """Playoff points for stage wins. A result's points beyond its finish and its named stages
        are points of a stage the results do not name (the Coca-Cola 600's third, or every stage of
        2025): where both stages are named, 10 of them can only be a third stage's win; where they
        are not, they may be one (``Tally.hidden``: an upper bound)."""
        named = {1: False, 2: False}
        for result in race.results:  # a stage won by an ineligible driver is named, and pays no one
            named[1] |= result.stage1 == 1
            named[2] |= result.stage2 == 1
        first, second, last = self.book.finish_points or (0, 0, 0)
        per_stage = self.book.playoff_points_stage
        for result in results:
            tally = self.tally(result.driver)
            tally.playoff_points += ((result.stage1 == 1) + (result.stage2 == 1)) * per_stage
            if result.points is None:
                continue
            finish_points = first if result.finish == 1 else max(last, second + 2 - result.finish)
            stage_points = sum(11 - s for s in (result.stage1, result.stage2) if s and s <= 10)
            unnamed_wins = (result.points - finish_points - stage_points) // 10  # a stage win pays 10
            if unnamed_wins > 0:
                if all(named.values()):
                    tally.playoff_points += unnamed_wins * per_stage
                else:
                    tally.hidden += unnamed_wins * per_stage
        if not all(named.values()):
            self.unnamed_stages.append(race.round)

    @property
    def absent_rounds(self) -> list[int]:
        """Rounds before the last present whose race is not in the results (a file left out of a season)."""
        return sorted(set(range(1, max(self.rounds, default=0) + 1)) - self.rounds)

    def complete(self, scheduled: int) -> bool:
        """The results hold exactly the ``scheduled`` counted races and no round is missing before the last:
        a finale imported ahead of a missing race, or a count the rulebook does not expect, is not the end."""
        return len(self.races) == scheduled and self.rounds == set(range(1, max(self.rounds, default=0) + 1))

    def ordered(self, tallies: Iterable[Tally] | None = None) -> list[Tally]:
        return sorted(self.tallies.values() if tallies is None else tallies, key=Tally.key)

    def snapshot(self, round_number: int, order: list[Tally]):
        """The rows after ``round_number``, in ``order``."""
        known = all(t.points_known() for t in order)
        shown = self.scale == 1
        # Behind the most points, not the first row: a finale decided by finish, or an editor's champion, may
        # put a driver with fewer points first (a gap is never negative)
        most = max((t.points for t in order if t.points_known()), default=None)
        leader = most if order and order[0].points_known() and shown else None
        self.after[round_number] = tuple(
            Row(
                driver=t.driver,
                position=index if known else None,
                points=t.points if t.points_known() and shown else None,
                gap=leader - t.points if leader is not None and t.points_known() else None,
                wins=t.wins,
                playoff_points=(t.playoff_points if not t.hidden else None) if self.playoff_points else None,
                status=t.status,
                status_sure=t.status_sure,
            )
            for index, t in enumerate(order, 1)
        )

    def statuses_open(self):
        """No playoff status stated as fact: every row after the field is set (in it or not) shown open."""
        self.after = {
            number: tuple(replace(row, status_sure=False) for row in rows) if any(row.status for row in rows) else rows
            for number, rows in self.after.items()
        }

    def outcome(self, verdict: Verdict) -> Outcome:
        facts = self.facts
        blocked = self.problems + verdict.reasons
        champion = None if blocked else verdict.champion
        disagreements = list(verdict.disagreements)
        if facts.champion in facts.withdrawn:
            disagreements.append(
                f"The editor's champion, {self.name(facts.champion)}, is also marked withdrawn (not eligible for "
                "the title)."
            )
        if facts.champion is not None and champion is not None and champion != facts.champion:
            disagreements.append(
                f"The results make {self.name(champion)} champion; the editor's champion is "
                f"{self.name(facts.champion)}."
            )
        official = facts.champion is not None
        if official:
            champion = facts.champion
        if champion is not None and self.races:
            self._crown(self.races[-1].round, champion)
        reasons = blocked + verdict.notes
        unknown = "" if champion is not None else " ".join(dict.fromkeys(reasons)) or "Not known."
        open_ = " ".join(dict.fromkeys(verdict.notes))
        return Outcome(
            self.book.key, self.after, champion, official, unknown, tuple(disagreements), open_, verdict.finale_run
        )

    def _crown(self, last: int, champion: int):
        """The champion's row first in the final standings; each row keeps its gap to the most points."""
        rows = list(self.after.get(last, ()))
        mine = next((r for r in rows if r.driver == champion), None)
        if mine is None:
            return
        rows.remove(mine)
        rows.insert(0, mine)
        known = all(r.position is not None for r in rows)
        self.after[last] = tuple(replace(r, position=index if known else None) for index, r in enumerate(rows, 1))
