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
the team ran, the car and the pole the report's prose gives a driver: ``Knowledge.evidence``). A reading is taken only when it beats every
other by at least ``MARGIN``; otherwise the import stops with ``Ambiguous``, listing each
undecided line, its readings and the ``--number`` that settles each (or a choice in the admin
preview). A reading the evidence does not settle is never guessed.
"""

from collections import Counter

from results.importers.knowledge import NO_NUMBER
from results.importers.report import ReportError

STEP_LIMIT = 200_000  # search steps per table: about 0.2 s; past it the table is refused, not searched on
MAX_SOLUTIONS = 64  # readings of one component kept for ranking; more means nothing can settle it
MAX_COMBINED = 1024  # readings of one cluster of components kept for ranking
MAX_LISTED = 20  # readings listed for one line
SLACK = 10  # starts past the finishers when cars withdrew or were not classified
MARGIN = 1  # how much more evidence the chosen reading needs than the next one

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
                "no reading gives each of these rows its own start position: "
                + ", ".join(f"line {rows[i].line}" for i in members),
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
    car number's digit taken for a start."""
    n = len(rows)
    undecided = []
    for i, row in enumerate(rows):
        leads = [lead for lead in [*row.leads, *row.partial] if lead[0] is None or lead[0] <= n + SLACK]
        leads = leads or [*row.leads, *row.partial]
        if len(leads) > 1:
            scores = sorted(((knowledge.evidence(row.driver, row.team, lead), k) for k, lead in enumerate(leads)))
            if scores[-1][0] - scores[-2][0] >= MARGIN:
                leads = [leads[scores[-1][1]]]
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
    twice = [row.line for row in rows if starts[row.leads[0][0]] > 1]
    if twice:
        raise ReportError(
            "these rows read with the same start position: " + ", ".join(f"line {line}" for line in twice),
            source=source,
            expected=SETTLE,
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
    """The one reading the evidence puts at least MARGIN ahead of every other, else None."""
    if len(readings) == 1:
        return readings[0]

    def score(reading):
        return sum(knowledge.evidence(rows[i].driver, rows[i].team, lead) for i, lead in reading.items())

    ranked = sorted((score(reading), k) for k, reading in enumerate(readings))
    (top, k), (second, _) = ranked[-1], ranked[-2]
    return readings[k] if top - second >= MARGIN else None
