"""Choosing one (start, car number) reading per glued row, for the whole table at once.

What the table itself rules out comes first. The start positions of all rows form a permutation
of 1..N (when they cannot, because a car withdrew or the source lacks a value, each row is read
on its own: ``_choose_row_by_row``). No two cars share a number, unless the digits alone already
show two that do (the source's era or its error: the rule then settles nothing). A number of a
kind the series did not run that year was never a reading (``eras``, applied to each row).

Rows that compete for the same start positions form a component, whose readings are enumerated
on their own; components that could give two cars one number are then combined (a cluster). So
the work grows with the largest knot of ambiguous rows, not with the product of all of them, and
it is capped (``STEP_LIMIT``, ``MAX_SOLUTIONS``).

Where the table leaves several readings, what is known ranks them (the car numbers the driver and
the team ran, the car and the pole the report's prose gives a driver: ``Knowledge.evidence``), row
by row: each row's own evidence must put its reading ``MARGIN`` ahead, or a number its driver ran
this season settle the rows it competes with (``_best``); otherwise the import stops with ``Ambiguous``, listing each
undecided line, its readings and the ``--number`` that settles each (or a choice in the admin
preview). A reading the evidence does not settle is never guessed.
"""

from collections import Counter

from results.importers.glued_distinct import distinct_readings
from results.importers.knowledge import NO_NUMBER
from results.importers.report import ReportError
from results.names import name_key

STEP_LIMIT = 200_000  # search steps per table: about 0.2 s; past it the table is refused, not searched on
MAX_SOLUTIONS = 64  # readings of one component kept for ranking; more means nothing can settle it
MAX_COMBINED = 1024  # readings of one cluster of components kept for ranking
MAX_LISTED = 20  # readings listed for one line
SLACK = 10  # starts past the finishers when cars withdrew or were not classified
MARGIN = 1  # how much more evidence a row's chosen reading needs than its next one
DRAG_MARGIN = 2  # ... for it to settle the rows it competes with too (or: only it ran this season)

SETTLE = (
    "settle each line: pass the --number given for its reading (in admin, choose the reading in the "
    "preview), import the season's earlier races first, or add separators (tabs) to these rows"
)


class Ambiguous(ReportError):
    """Several readings fit and nothing known settles them. ``choices`` lists, per undecided row,
    (line, text, [(driver, team, (start, number)), ...]): every reading of the line. ``settled``:
    (driver, team, number) of the table's other rows, each read one way only (``flattened``), which
    other reports of the same season may take as evidence (``import_report`` with several files)."""

    settled: tuple = ()

    def __init__(self, choices, *, source, why=""):
        count = len(choices)
        message = (
            f"{why}{count} row{'s' if count > 1 else ''} can be read more than one way, and nothing known "
            f"settles {'them' if count > 1 else 'it'}:\n" + "\n".join(_listed(*choice) for choice in choices)
        )
        super().__init__(message, source=source, expected=SETTLE)
        self.choices, self.why = choices, why


def line_choice(row, leads):
    """(line, text, readings) of a row (``flattened.Reading``) whose start and number read as any of
    ``leads``, under each of its driver and team splits."""
    options = [(driver, team, lead) for driver, team in row.names for lead in sorted(set(leads), key=_order)]
    return row.line, row.text, options


def settle_value(option):
    """What settles a line on this reading: "Kyle Larson=07" (``--number``, the admin's car numbers)."""
    driver, _, (_, number) = option
    return f"{driver}={number or NO_NUMBER}"


def settle(option):
    return f'--number "{settle_value(option)}"'


def describe_reading(lead):
    start, number = lead
    said = "no start" if start is None else "start 0 (unknown)" if start == 0 else f"start {start}"
    return f"{said}, {f'#{number}' if number else 'no number'}"


def describe_option(option, with_names):
    driver, team, lead = option
    names = f"{driver} / {team or 'no team'}, " if with_names else ""
    return names + describe_reading(lead)


def _listed(line, text, options):
    with_names = len({option[:2] for option in options}) > 1
    shown = [f"{describe_option(option, with_names)} ({settle(option)})" for option in options[:MAX_LISTED]]
    more = f" or {len(options) - MAX_LISTED} more" if len(options) > MAX_LISTED else ""
    return f"  line {line}: {text[:100]!r} reads as " + " or ".join(shown) + more


class _Budget:
    def __init__(self):
        self.steps = 0

    def spend(self, rows, members, source):
        self.steps += 1
        if self.steps > STEP_LIMIT:
            raise ReportError(
                "too many ways to read the start and car number of these rows: "
                + ", ".join(f"line {rows[i].line}" for i in sorted(members)[:20]),
                source=source,
                expected="add separators (tabs) between the columns of these rows",
            )


def choose(rows, *, source, knowledge):
    """Set ``row.leads`` to the one reading chosen for each row (``rows``: ``flattened.Reading``), or
    raise ``Ambiguous`` listing the rows left undecided (the others are set)."""
    n = len(rows)
    candidates = [[lead for lead in row.leads if 1 <= lead[0] <= n] for row in rows]
    components = _components(candidates) if all(candidates) else []
    permutation = bool(components) and all(len(values) == len(members) for members, values in components)
    if not permutation:
        _choose_row_by_row(rows, source, knowledge)
        return False
    budget = _Budget()
    fixed: dict[int, tuple] = {}
    pending = []
    for members, _ in components:
        if len(members) == 1 and len(candidates[members[0]]) == 1:
            fixed[members[0]] = candidates[members[0]][0]
            continue
        solutions = _search(members, candidates, budget, rows, source)
        if not solutions:
            raise ReportError(
                "no reading gives each of these rows its own start position:\n"
                + "\n".join(_listed(*line_choice(rows[i], candidates[i])) for i in members[:MAX_LISTED]),
                source=source,
                expected="each start position used by exactly one row; check for a missing or duplicated row",
            )
        if len(solutions) == 1:
            fixed.update(zip(members, solutions[0], strict=True))
        else:
            pending.append(([dict(zip(members, s, strict=True)) for s in solutions], len(solutions) >= MAX_SOLUTIONS))
    for i, lead in fixed.items():
        rows[i].leads = [lead]
    taken = Counter(lead[1] for lead in fixed.values() if lead[1])
    clusters = None
    if not knowledge.numbers_shared() and all(count == 1 for count in taken.values()):
        clusters = [_combine(cluster, taken, budget, rows, source) for cluster in _clusters(pending)]
        if not all(readings for readings, _ in clusters):
            clusters = None  # no reading keeps every number to one car: this race did not
    if clusters is None:
        clusters = pending
    undecided = []
    for readings, capped in clusters:
        best = None if capped else _best(readings, rows, knowledge)
        if best is None:
            undecided += [
                (i, {r[i] for r in readings}) for i in sorted(readings[0]) if len({r[i] for r in readings}) > 1
            ]
            best = {i: lead for i, lead in readings[0].items() if all(r[i] == lead for r in readings)}
        for i, lead in best.items():
            rows[i].leads = [lead]
    if undecided:
        raise Ambiguous([line_choice(rows[i], leads) for i, leads in sorted(undecided)], source=source)
    return True


def _choose_row_by_row(rows, source, knowledge):
    """Starts that are not a permutation of 1..N (a car withdrew, a start or a number is missing,
    the source gives a start twice): elimination proves nothing then, so each row is read on its
    own. A row keeps a reading only when it has one, or when what is known about its driver and
    team puts one MARGIN ahead; a short row may also lack its start or its number ("11": start
    11 and no number), so those readings compete too. A start far past the field (331 of 35) is a
    car number's digit taken for a start; in years no race gave two cars one start or one number,
    readings that would are none (``glued_distinct``)."""
    n, teams = len(rows), _sole_teams(rows)
    undecided, ranked = [], {}  # ranked: rows the evidence settled, with the readings it chose among
    every = []
    for row in rows:
        leads = [lead for lead in [*row.leads, *row.partial] if lead[0] is None or lead[0] <= n + SLACK]
        every.append(leads or [*row.leads, *row.partial])
    for i, (row, leads) in enumerate(zip(rows, distinct_readings(every, knowledge), strict=True)):
        if len(leads) > 1:
            scores = sorted(((knowledge.evidence(row.driver, teams[i], lead), k) for k, lead in enumerate(leads)))
            if scores[-1][0] - scores[-2][0] >= MARGIN:
                ranked[i], leads = leads, [leads[scores[-1][1]]]
        if len(leads) > 1:
            undecided.append((i, leads))
        row.leads = leads
    if undecided:
        raise Ambiguous(
            [line_choice(rows[i], leads) for i, leads in undecided],
            source=source,
            why=f"the start positions are not 1 to {n}, so the digits settle nothing; ",
        )
    starts = Counter(row.leads[0][0] for row in rows if row.leads[0][0])  # None and 0: not known
    twice = [i for i, row in enumerate(rows) if starts[row.leads[0][0]] > 1]
    said = "these rows read with the same start position: " + ", ".join(f"line {rows[i].line}" for i in twice)
    if any(i in ranked for i in twice):  # what is known chose a reading the table then contradicts
        raise Ambiguous([line_choice(rows[i], ranked[i]) for i in twice if i in ranked], source=source, why=said + "; ")
    if twice:
        given = [rows[i].driver for i in twice if knowledge.chosen_number(rows[i].driver) is not None]
        raise ReportError(
            said
            + (
                f" (by the car numbers given for {', '.join(given)})"
                if given
                else ", and their digits allow no other reading: the report gives two cars one start"
            ),
            line=rows[twice[0]].line,
            text=" / ".join(rows[i].text[:60] for i in twice[:4]),
            source=source,
            expected="a car number (--number) for each of these rows that gives it a start of its own"
            if given
            else "each start position once: correct the start of one of these rows in the report",
        )


def _order(lead):
    return (lead[0] or 0, lead[1])


def _components(candidates):
    """Rows linked by a start position two of them could take: [(row indices, start values)]."""
    parent = list(range(len(candidates)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holder: dict[int, int] = {}
    for i, leads in enumerate(candidates):
        for start, _ in leads:
            if start is None:
                continue  # a missing start competes with no other row
            if start in holder:
                parent[find(i)] = find(holder[start])
            else:
                holder[start] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(find(i), []).append(i)
    return [(members, {s for i in members for s, _ in candidates[i] if s is not None}) for members in groups.values()]


def _search(members, candidates, budget, rows, source):
    """Every assignment (up to MAX_SOLUTIONS) of distinct starts to the component's rows, most
    constrained rows first; refused once the table has used its STEP_LIMIT."""
    order = sorted(range(len(members)), key=lambda k: len(candidates[members[k]]))
    solutions: list[list] = []
    chosen: list = [None] * len(members)
    used: set[int] = set()

    def search(depth):
        budget.spend(rows, members, source)
        if len(solutions) >= MAX_SOLUTIONS:
            return
        if depth == len(order):
            solutions.append(list(chosen))
            return
        k = order[depth]
        for lead in candidates[members[k]]:
            if lead[0] not in used:
                used.add(lead[0])
                chosen[k] = lead
                search(depth + 1)
                used.discard(lead[0])

    search(0)
    return solutions


def _clusters(pending):
    """Pending components (their readings, capped) grouped where two could give a car the same number."""
    parent = list(range(len(pending)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    holder: dict[str, int] = {}
    for k, (readings, _) in enumerate(pending):
        for number in {lead[1] for reading in readings for lead in reading.values() if lead[1]}:
            if number in holder:
                parent[find(k)] = find(holder[number])
            else:
                holder[number] = k
    groups: dict[int, list] = {}
    for k, component in enumerate(pending):
        groups.setdefault(find(k), []).append(component)
    return list(groups.values())


def _combine(cluster, taken, budget, rows, source):
    """(readings of the cluster's rows that give no number a car already has or another of them
    takes, capped): each a {row index: lead}, one reading of each component combined."""
    combined: list[dict] = []
    used: Counter = Counter()
    members = [i for readings, _ in cluster for i in readings[0]]
    capped = any(capped for _, capped in cluster)

    def search(depth, chosen):
        nonlocal capped
        budget.spend(rows, members, source)
        if len(combined) >= MAX_COMBINED:
            capped = True
            return
        if depth == len(cluster):
            combined.append(dict(chosen))
            return
        for reading in cluster[depth][0]:
            numbers = [lead[1] for lead in reading.values() if lead[1]]
            if len(set(numbers)) < len(numbers) or any(taken[n] or used[n] for n in numbers):
                continue
            used.update(numbers)
            search(depth + 1, {**chosen, **reading})
            used.subtract(numbers)

    search(0, {})
    return combined, capped


def _best(readings, rows, knowledge):
    """The one reading the evidence settles, else None. Rows the readings disagree on are weighed
    one by one, each on its own driver's and team's evidence. A row with one lead whose number its
    driver ran this season, or one DRAG_MARGIN ahead, is taken first, and the readings left may
    then settle rows without evidence of their own; every row still open needs its own lead MARGIN
    ahead, and no row is taken where its own evidence prefers another lead. Weaker evidence never
    carries another row along: Geoff Bodine's Cup #7 gave Dave Rezendes Bodine's #07 and start in
    1996 Truck round 1, when the evidence of all rows was summed."""
    teams = _sole_teams(rows)

    def evidence(i, lead):
        return knowledge.evidence(rows[i].driver, teams[i], lead)

    def ranked(i, readings):
        scores = sorted(((evidence(i, lead), lead) for lead in {reading[i] for reading in readings}), key=_score)
        return scores[-1][0] - scores[-2][0], scores[-1][1]

    def varying(readings):
        return [i for i in readings[0] if len({reading[i] for reading in readings}) > 1]

    def season_lead(i, readings):
        """The one lead of row i whose number its driver ran this season, else None."""
        leads = {r[i] for r in readings if knowledge.this_season(rows[i].driver, r[i][1])}
        return leads.pop() if len(leads) == 1 else None

    every, settled, by_season = readings, True, False
    while len(readings) > 1 and settled:
        settled = False
        for i in varying(readings):
            margin, lead = ranked(i, readings)
            season = season_lead(i, readings)
            by_season |= season is not None
            lead = season or (lead if margin >= DRAG_MARGIN else None)
            if lead is not None:
                readings, settled = [r for r in readings if r[i] == lead], True
                break
    if len(readings) > 1:
        chosen = {}
        for i in varying(readings):
            margin, lead = ranked(i, readings)
            if margin < MARGIN:
                return None
            chosen[i] = lead
        readings = [r for r in readings if all(r[i] == lead for i, lead in chosen.items())][:1]
    if not readings:
        return None

    def against(i):
        """Whether row i's own evidence points away from its lead: John Lindsay's #179 and Ralph
        Moody's #12 of 1956 cannot both hold in round 47, so neither is taken. A number the
        driver ran this season outweighs his older ones (the rows it settled may go against those)."""
        own = evidence(i, readings[0][i])
        better = {r[i][1] for r in every if evidence(i, r[i]) > own}
        return bool(better) and (not by_season or any(knowledge.this_season(rows[i].driver, n) for n in better))

    return None if any(against(i) for i in varying(every)) else readings[0]


def _sole_teams(rows):
    """Each row's team where no other row of the table has it, else "": a team's numbers say it ran
    the number, not which of its cars did (Gene Comstock's #8 and #108, Cup 1953 round 10)."""
    counts = Counter(name_key(row.team) for row in rows if row.team)
    return [row.team if row.team and counts[name_key(row.team)] == 1 else "" for row in rows]


def _score(scored):
    return scored[0]
