"""Playoff formats: the Chase (2004–13, 2026 on) and elimination rounds (2014–25).

The results do not always settle who made the field or a cut: a driver who missed races may or may
not have been waived, stage winners may be missing (their playoff points with them), two drivers
may be level on every tie-break. So each stage keeps two sets besides the shown (nominal) field:
the drivers surely in, and the drivers possibly in. A champion is named only when the best of the
possible finalists is surely a finalist; otherwise ``unknown`` says what the results leave open.
"""

from dataclasses import dataclass

from results.standings.engine import NOT_OVER, Status
from results.standings.points import absent, missing_points
from results.standings.rulebook import FieldRule, Format, Round
from results.standings.tally import LAST, Season, Tally, Verdict


@dataclass
class Field:
    """Who is in a stage of the playoffs: as shown, surely, possibly."""

    shown: list[int]
    sure: set[int]
    possible: set[int]


def run(season: Season, *, finished: bool) -> Verdict:
    book, races = season.book, season.races
    regular = book.regular_season_races(season.year)
    if regular is None:  # the schedule is not known: neither the reset nor the finale can be placed
        return _by_points(
            season,
            f"The site does not know how many races the {season.year} season has, so not which race begins its "
            "playoffs: the standings add up every race's points, and an editor names the champion.",
        )
    if season.absent_rounds:  # the races after a gap would be placed a race early: the cut after race 26 is round 27
        return _by_points(season, absent(season, "which races make up the playoffs is not known"))
    scheduled = regular + sum(r.races for r in book.rounds)
    if len(races) > scheduled:
        return _by_points(
            season, f"The results hold {len(races)} races; this format has {scheduled}, so its rounds cannot be placed."
        )
    verdict = Verdict(None, finale_run=season.complete(scheduled))
    if not finished:
        verdict.reasons.append(NOT_OVER)
    if len(races) < scheduled:
        verdict.reasons.append(f"The results hold {len(races)} of this format's {scheduled} races.")
    for race in races[:regular]:
        season.apply(race)
        season.snapshot(race.round, season.ordered())
    if len(races) < regular:
        season.settle(season.ordered)
        return verdict
    if season.missing_rounds:
        verdict.reasons.append(missing_points(season))
    standings = season.ordered()
    for tally, bonus in zip(standings, book.playoff_points_top, strict=False):
        tally.playoff_points += bonus
    field, no_bonus = select_field(season, standings, regular, verdict)
    field = _editor_field(season, field, season.facts.playoff_field, "playoff field", verdict)
    for driver in field.shown:
        season.tallies[driver].status = Status.IN
    _mark_open(season, field)
    season.snapshot(races[regular - 1].round, _order(season, field.shown, []))
    Playoffs(season, verdict, field, no_bonus).rounds(races[regular:])
    return verdict


def _by_points(season: Season, why: str) -> Verdict:
    """The standings by points as far as the results go, no reset and no status: the format's rounds cannot be
    placed (``why``), so no champion."""
    for race in season.races:
        season.apply(race)
        season.snapshot(race.round, season.ordered())
    season.settle(season.ordered)
    return Verdict(None, reasons=[why])


def select_field(season: Season, standings: list[Tally], regular: int, verdict: Verdict):
    """The playoff field after the regular season, and the drivers whose wins earn no reset bonus."""
    book, facts = season.book, season.facts
    order = [t for t in standings if t.driver not in facts.withdrawn]
    if book.field_rule is FieldRule.WINNERS or book.attempt_every_race is None:
        return _winners_field(season, order, regular, verdict), set()
    shown = order[: book.field]
    no_bonus: set[int] = set()
    if book.field_rule is FieldRule.WILD_CARDS:
        pool = order[book.field : book.wild_card_pool]
        wild = sorted(pool, key=lambda t: (-t.wins, pool.index(t)))[: book.wild_cards]
        no_bonus = {t.driver for t in wild}
        shown = shown + sorted(wild, key=pool.index)
    elif book.within is not None and order:
        shown = shown + [t for t in order[book.field :] if t.points >= order[0].points - book.within]
    sure, possible = _tied_cut(season, order, book.field, verdict, "the last place in the playoff field")
    sure |= {t.driver for t in shown[book.field :]}
    possible |= sure
    return Field([t.driver for t in shown], sure, possible), no_bonus


def _winners_field(season: Season, order: list[Tally], regular: int, verdict: Verdict) -> Field:
    """Winners first (by wins, then points), then points; a driver who missed a race needs a waiver,
    which the results do not hold: such a driver is shown in, but only possibly in. A field by points alone
    whose rule on missed races is not known (2026) is chosen the same way, with no winners first."""
    book, facts = season.book, season.facts
    position = {t.driver: index for index, t in enumerate(order, 1)}
    top = book.winner_must_be_in_top(season.year)
    by_wins = book.field_rule is FieldRule.WINNERS
    unsure = {
        t.driver
        for t in order
        if book.attempt_every_race is not False
        and t.starts < regular
        and t.driver not in facts.waivers
        and ((by_wins and t.wins) or position[t.driver] <= book.field + 10)
    }

    def winner(t: Tally) -> bool:
        return by_wins and bool(t.wins) and (top is None or position[t.driver] <= top)

    def field(waived: set[int]) -> list[Tally]:
        allowed = [t for t in order if t.driver not in unsure or t.driver in waived]
        winners = [t for t in allowed if winner(t)]
        winners = sorted(winners, key=lambda t: (-t.wins, position[t.driver]))[: book.field]
        chosen = {t.driver for t in winners}
        return winners + [t for t in allowed if t.driver not in chosen][: book.field - len(winners)]

    every = field(unsure)
    shown = sorted(every, key=lambda t: position[t.driver])
    sure = {t.driver for t in every} - unsure
    possible = {t.driver for t in field(set())}
    for driver in sorted(unsure, key=position.__getitem__):
        if driver in {t.driver for t in field({driver})}:
            possible.add(driver)
            missed = regular - season.tallies[driver].starts
            whether = (
                "NASCAR waived that,"
                if book.attempt_every_race
                else f"the {season.year} rules require every race, or NASCAR waived it,"
            )
            verdict.notes.append(
                f"{season.name(driver)} missed {missed} of the {regular} races before the playoffs: whether "
                f"{whether} which decides the field, is not in the results."
            )
    winners = sum(1 for t in every if winner(t))
    if winners < book.field:  # the last places went on points: a tie there is open
        non_winners = [t for t in order if t.driver not in unsure and not (by_wins and t.wins and t in every)]
        tied_sure, tied_possible = _tied_cut(season, non_winners, book.field - winners, verdict, "the field")
        sure -= tied_possible - tied_sure
        possible |= tied_possible
    return Field([t.driver for t in shown], sure, possible)


def _tied_cut(season: Season, order: list[Tally], places: int, verdict: Verdict, what: str):
    """The first ``places`` of ``order`` (surely in, possibly in): a tie across the cut leaves both open."""
    inside = {t.driver for t in order[:places]}

    def level(t: Tally):  # points alone where the format's tie-breaks are not known
        return t.key() if season.book.tie_breaks_known else t.key()[0]

    if 0 < places < len(order) and level(order[places - 1]) == level(order[places]):
        tied = {t.driver for t in order if level(t) == level(order[places])}
        verdict.notes.append(f"{season.names_of(tied)} are level on {_level_on(season)} for {what}.")
        return inside - tied, inside | tied
    return inside, inside


def _level_on(season: Season) -> str:
    if season.book.tie_breaks_known:
        return "points, wins and every finishing place"
    return f"points, and NASCAR's {season.year} tie-break is not in the site's rulebook"


def _editor_field(season: Season, computed: Field, official: frozenset[int] | None, what: str, verdict: Verdict):
    if official is None:
        return computed
    if set(computed.shown) != official:
        added, dropped = set(official) - set(computed.shown), set(computed.shown) - set(official)
        verdict.disagreements.append(
            f"The editor's {what} differs from the results': "
            + "; ".join(
                part
                for part in (
                    f"the editor adds {season.names_of(added)}" if added else "",
                    f"the results also have {season.names_of(dropped)}" if dropped else "",
                )
                if part
            )
            + "."
        )
    shown = [d for d in computed.shown if d in official] + sorted(set(official) - set(computed.shown))
    return Field(shown, set(official), set(official))


def _mark_open(season: Season, field: Field):
    """The statuses the results do not settle: a driver shown in the stage but not surely in it, and one
    shown out of it (no status yet, or eliminated) who is possibly in it."""
    for driver in set(field.shown) | field.possible:
        tally = season.tallies[driver]
        shown_in = tally.status in (Status.IN, Status.ADVANCED, Status.FINAL) and driver in field.shown
        tally.status_sure = driver in field.sure if shown_in else driver not in field.possible


def _round_key(season: Season, tally: Tally, hidden: int = 0):
    """Order within a round, best first; ``hidden``: the playoff points the driver may have on top."""
    best_in_round = tally.round_best if season.book.cut_by_round_finish else LAST
    return (-(tally.points + tally.shift + hidden), best_in_round, tally.finishes)


def _order(season: Season, members: list[int], out: list[list[int]]) -> list[Tally]:
    """Rows: the round's drivers, then those eliminated (latest round first), then everyone else."""
    tallies = season.tallies
    seen = set(members).union(*out)
    ordered = sorted((tallies[d] for d in members), key=lambda t: _round_key(season, t))
    for group in reversed(out):
        ordered += sorted((tallies[d] for d in group), key=Tally.key)
    return ordered + [t for t in season.ordered() if t.driver not in seen]


class Playoffs:
    def __init__(self, season: Season, verdict: Verdict, field: Field, no_bonus: set[int]):
        self.season, self.verdict, self.field, self.no_bonus = season, verdict, field, no_bonus
        self.out: list[list[int]] = []  # drivers eliminated, round by round

    def order(self) -> list[Tally]:
        return _order(self.season, self.field.shown, self.out)

    def rounds(self, races):
        season, book = self.season, self.season.book
        start = 0
        for index, rnd in enumerate(book.rounds):
            last_round = index == len(book.rounds) - 1
            round_races = races[start : start + rnd.races]
            start += rnd.races
            if not round_races:  # the results stop before this round: no reset
                break
            if rnd.by_finish:
                self.field = _editor_field(season, self.field, season.facts.final_four, "final four", self.verdict)
            self.reset(rnd)
            for race in round_races:
                season.apply(race)
                season.snapshot(race.round, self.order())
            if len(round_races) < rnd.races:
                break
            if last_round:  # the end-of-season adjustments count before the last decision
                season.settle(self.order)
                self.withdraw(self.field.shown)
            if rnd.by_finish:
                self.finale(round_races[-1])
            elif last_round:
                self.most_points(round_races[-1].round, rnd)
                season.snapshot(round_races[-1].round, self.order())  # with the withdrawn marked
            else:
                self.cut(round_races[-1].round, rnd, book.rounds[index + 1])
        season.settle(self.order)  # a season whose results stop inside the playoffs

    def reset(self, rnd: Round):
        tallies = self.season.tallies
        members = self.field.shown + sorted(self.field.possible - set(self.field.shown))
        by_seed = sorted(members, key=lambda d: tallies[d].key())
        shown = set(self.field.shown)
        for seed, driver in enumerate(by_seed):
            tally = tallies[driver]
            points = rnd.seed_points(seed)
            if driver not in self.no_bonus:
                points += rnd.per_win * tally.wins
            if rnd.playoff_points:
                points += tally.playoff_points
            if driver in shown:
                tally.points, tally.shift = points, 0
                tally.reset_hidden = tally.hidden if rnd.playoff_points else 0
                tally.status = Status.FINAL if rnd.by_finish else Status.IN
            else:
                tally.shift = points - tally.points
            tally.round_best, tally.round_won = LAST, False
        _mark_open(self.season, self.field)

    def cut(self, after: int, rnd: Round, next_round: Round):
        """Who goes on after a round: its winners, then points (best finish in the round on a tie)."""
        season, everyone = self.season, self.field
        tallies = season.tallies
        withdrawn = season.facts.withdrawn  # in the field (the editor's), but never going through
        field = Field(
            [d for d in everyone.shown if d not in withdrawn], everyone.sure - withdrawn, everyone.possible - withdrawn
        )
        wins_advance = season.book.format is Format.ELIMINATION
        won = {d for d in field.possible if wins_advance and tallies[d].round_won}

        def worst(d):
            return _round_key(season, tallies[d])

        def best(d):
            return _round_key(season, tallies[d], tallies[d].reset_hidden)

        shown_winners = [d for d in field.shown if d in won]
        others = sorted((d for d in field.shown if d not in won), key=worst)
        going = shown_winners + others[: rnd.advance - len(shown_winners)]
        sure = {
            d
            for d in field.sure
            if d in won or sum(1 for e in field.possible - {d} if e in won or best(e) <= worst(d)) < rnd.advance
        }
        possible = {
            d
            for d in field.possible
            if d in won or sum(1 for e in field.sure - {d} if e in won or worst(e) < best(d)) < rnd.advance
        }
        self.explain(after, rnd, possible - sure, worst)
        staying = set(going)
        for driver in everyone.shown:
            advanced = Status.FINAL if next_round.by_finish else Status.ADVANCED
            tallies[driver].status = advanced if driver in staying else Status.ELIMINATED
        self.withdraw(everyone.shown)
        self.out.append([d for d in everyone.shown if d not in staying])
        self.field = Field(sorted(going, key=worst), sure, possible)
        _mark_open(season, self.field)
        for driver in set().union(*self.out) - possible:  # surely out by now, whichever cut it was
            tallies[driver].status_sure = True
        season.snapshot(after, _order(season, self.field.shown, self.out))

    def withdraw(self, shown: list[int]):
        """The drivers an editor marks withdrawn, out at this cut or decision: said so, not "eliminated"."""
        for driver in self.season.facts.withdrawn.intersection(shown):
            self.season.tallies[driver].status = Status.WITHDRAWN

    def explain(self, after: int, rnd: Round, open_: set[int], worst):
        """Why the cut is open, unless it only follows from what is already open."""
        season = self.season
        if not open_:
            return
        if any(season.tallies[d].reset_hidden for d in open_):
            why = (
                "are closer than the playoff points that stage wins could add: the results do not name "
                f"the stage winners of {len(season.unnamed_stages)} races"
            )
        elif any(worst(d) == worst(e) for d in open_ for e in self.field.possible if e != d):
            why = "are level on points and every tie-break"
        else:
            return
        self.verdict.notes.append(f"At the cut after race {after} ({rnd.name}), {season.names_of(open_)} {why}.")

    def finale(self, race):
        """The best finisher among the finalists is champion."""
        season, field = self.season, self.field
        finish = {r.driver: r.finish for r in race.results if not r.ineligible}
        eligible = field.possible - season.facts.withdrawn
        contenders = sorted((d for d in eligible if d in finish), key=finish.__getitem__)
        if not contenders:
            self.verdict.reasons.append(f"No finalist is in the results of race {race.round}.")
            return
        best = contenders[0]
        if best in field.sure:
            self.verdict.champion = best
        elif not self.verdict.notes:
            self.verdict.notes.append(f"Whether {season.name(best)} was a finalist is not settled by the results.")
        shown = sorted(field.shown, key=lambda d: finish.get(d, LAST))
        rows = [season.tallies[d] for d in shown]
        rest = _order(season, [], self.out)
        season.snapshot(race.round, rows + [t for t in rest if t.driver not in set(shown)])

    def most_points(self, after: int, rnd: Round):
        """The Chase: the most points after its last race, among its drivers."""
        season, field = self.season, self.field
        tallies = season.tallies
        if season.missing_rounds:
            return
        order = sorted(field.possible - season.facts.withdrawn, key=lambda d: _round_key(season, tallies[d]))
        if not order:
            return
        best = order[0]

        def level(d):  # points alone where the format's tie-breaks are not known
            key = _round_key(season, tallies[d])
            return key if season.book.tie_breaks_known else key[0]

        if len(order) > 1 and level(order[1]) == level(best):
            tied = [d for d in order if level(d) == level(best)]
            self.verdict.notes.append(
                f"{season.names_of(tied)} are level on {_level_on(season)}: the results cannot break the tie."
            )
        elif best in field.sure:
            self.verdict.champion = best
