"""Choosing one (start, car number) reading per glued row, for the whole table at once.

The start positions of all rows form a permutation of 1..N (when they cannot, because a car
withdrew or the source lacks a value, each row is read on its own: ``_choose_row_by_row``).
Rows that compete for the same start positions form a component; each component is solved on its own, so the work grows with the size of the largest
knot of ambiguous rows, not with the product of all of them, and it is capped (``STEP_LIMIT``).

Where the digits leave several readings, evidence ranks them: the car numbers the database knows
for the driver and the team (``Knowledge.evidence``), and two cars of one race sharing a number
(which counts against a reading). A reading is taken only when it beats every other by at least
``MARGIN``; otherwise the import stops with ``Ambiguous``, listing each undecided line and its
readings, for the person to settle (``--number "Driver=07"``, or a choice in the admin preview).
"""

from collections import Counter

from results.importers.report import ReportError

STEP_LIMIT = 200_000  # search steps per table: about 0.2 s; past it the table is refused, not searched on
MAX_SOLUTIONS = 64  # readings of one component kept for ranking; more means nothing can settle it
SLACK = 10  # starts past the finishers when cars withdrew or were not classified
MARGIN = 1  # how much more evidence the chosen reading needs than the next one
DUPLICATE = 2  # evidence against a reading for each number it gives two cars of the race

SETTLE = (
    'settle each line: pass --number "DRIVER=NUMBER" once per line (in admin, choose the reading in the '
    "preview), import the season's earlier races first, or add separators (tabs) to these rows"
)


class Ambiguous(ReportError):
    """Several readings fit and nothing known settles them; ``choices`` lists, per undecided row,
    (line, text, driver, [(start, number), ...])."""

    def __init__(self, message, *, choices, source):
        lines = [
            f"  line {line}: {text!r} reads as " + " or ".join(describe_reading(lead) for lead in leads)
            for line, text, _, leads in choices
        ]
        super().__init__(message + ":\n" + "\n".join(lines), source=source, expected=SETTLE)
        self.choices = choices


def describe_reading(lead):
    start, number = lead
    if start is None:
        return f"no start, #{number}"
    return f"start {start}, #{number}" if number else f"start {start}, no number"


class _Budget:
    def __init__(self):
        self.steps = 0


def choose(rows, *, source, knowledge):
    """Set ``row.leads`` to the one reading chosen for each row (``rows``: ``flattened.Reading``)."""
    n = len(rows)
    candidates = [[lead for lead in row.leads if 1 <= lead[0] <= n] for row in rows]
    components = _components(candidates) if all(candidates) else []
    permutation = bool(components) and all(len(values) == len(members) for members, values in components)
    if not permutation:
        _choose_row_by_row(rows, source, knowledge)
        return False
    budget = _Budget()
    pending = []
    for members, _ in components:
        if len(members) == 1 and len(candidates[members[0]]) == 1:
            rows[members[0]].leads = candidates[members[0]]
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
            for i, lead in zip(members, solutions[0], strict=True):
                rows[i].leads = [lead]
        else:
            pending.append((members, solutions))
    # the numbers of the rows the digits settled count against readings giving them to a second car
    open_rows = {i for members, _ in pending for i in members}
    settled = Counter(rows[i].leads[0][1] for i in range(n) if i not in open_rows and rows[i].leads[0][1])
    undecided = []
    for members, solutions in pending:
        best = _best(members, solutions, rows, settled, knowledge)
        if best is None:
            undecided.append((members, solutions))
            continue
        for i, lead in zip(members, best, strict=True):
            rows[i].leads = [lead]
    if undecided:
        choices = []
        for members, solutions in undecided:
            for position, i in enumerate(members):
                leads = sorted({solution[position] for solution in solutions}, key=_order)
                if len(leads) > 1:
                    choices.append((rows[i].line, rows[i].text, rows[i].driver, leads))
        choices.sort()
        count = len(choices)
        raise Ambiguous(
            f"{count} row{'s' if count > 1 else ''} can be read more than one way, and nothing known settles "
            f"{'them' if count > 1 else 'it'}",
            choices=choices,
            source=source,
        )
    return permutation


def _choose_row_by_row(rows, source, knowledge):
    """Starts that are not a permutation of 1..N (a car withdrew, a start or a number is missing,
    the source gives a start twice): elimination proves nothing then, so each row is read on its
    own. A row keeps a reading only when it has one, or when what is known about its driver and
    team puts one MARGIN ahead; a short row may also lack its start or its number ("11": start
    11 and no number), so those readings compete too. A start far past the field (331 of 35) is a
    car number's digit taken for a start."""
    n = len(rows)
    undecided = []
    for row in rows:
        leads = [lead for lead in [*row.leads, *row.partial] if lead[0] is None or lead[0] <= n + SLACK]
        leads = leads or list(row.leads)
        if len(leads) > 1:
            scores = sorted(((knowledge.evidence(row.driver, row.team, lead[1]), k) for k, lead in enumerate(leads)))
            if scores[-1][0] - scores[-2][0] >= MARGIN:
                leads = [leads[scores[-1][1]]]
        if len(leads) > 1:
            undecided.append((row.line, row.text, row.driver, sorted(leads, key=_order)))
        row.leads = leads
    if undecided:
        count = len(undecided)
        raise Ambiguous(
            f"the start positions are not 1 to {n}, so the digits settle nothing; {count} row"
            f"{'s' if count > 1 else ''} can be read more than one way",
            choices=undecided,
            source=source,
        )
    starts = Counter(row.leads[0][0] for row in rows if row.leads[0][0] is not None)
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
        budget.steps += 1
        if budget.steps > STEP_LIMIT:
            raise ReportError(
                "too many ways to read the start and car number of these rows: "
                + ", ".join(f"line {rows[i].line}" for i in sorted(members)[:20]),
                source=source,
                expected="add separators (tabs) between the columns of these rows",
            )
        if len(solutions) >= MAX_SOLUTIONS:
            return
        if depth == len(order):
            solutions.append(list(chosen))
            return
        k = order[depth]
        for lead in candidates[members[k]]:
            if lead[0] is None:
                chosen[k] = lead
                search(depth + 1)
            elif lead[0] not in used:
                used.add(lead[0])
                chosen[k] = lead
                search(depth + 1)
                used.discard(lead[0])

    search(0)
    return solutions


def _best(members, solutions, rows, others, knowledge):
    """The one solution the evidence puts at least MARGIN ahead of every other, else None.
    ``others``: the numbers other rows of the race certainly carry."""
    if len(solutions) == 1:
        return solutions[0]
    if len(solutions) >= MAX_SOLUTIONS:
        return None  # the best may be among those not enumerated

    def score(solution):
        total = sum(
            knowledge.evidence(rows[i].driver, rows[i].team, lead[1]) for i, lead in zip(members, solution, strict=True)
        )
        mine = Counter(lead[1] for lead in solution)
        duplicates = sum(count - 1 + (count if others.get(number) else 0) for number, count in mine.items() if number)
        return total - DUPLICATE * duplicates

    ranked = sorted((score(s), k) for k, s in enumerate(solutions))
    (top, k), (second, _) = ranked[-1], ranked[-2]
    return solutions[k] if top - second >= MARGIN else None
