"""Choosing one (start, car number) reading per glued row, for the whole table at once.

The start positions of all rows form a permutation of 1..N (or, when a car withdrew after
qualifying, are at least distinct). Rows that compete for the same start positions form a
component; each component is solved on its own, so the work grows with the size of the largest
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
            f"  line {line}: {text!r} reads as " + " or ".join(_describe(lead) for lead in leads)
            for line, text, _, leads in choices
        ]
        super().__init__(message + ":\n" + "\n".join(lines), source=source, expected=SETTLE)
        self.choices = choices


def _describe(lead):
    start, number = lead
    return f"start {start}, #{number}" if start is not None else f"#{number}"


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
        # Not a permutation of 1..N (a car withdrew after qualifying, a row was dropped): the
        # starts must still be distinct, which settles less, so more tables end as ambiguous.
        # A start far past the field (331 of 35) is a car number's digit taken for a start.
        candidates = [[lead for lead in row.leads if lead[0] <= n + SLACK] or list(row.leads) for row in rows]
        components = _components(candidates)
    certain = [c[0][1] if len({lead[1] for lead in c}) == 1 else None for c in candidates]
    everywhere = Counter(number for number in certain if number is not None)
    budget = _Budget()
    undecided = []
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
        others = everywhere - Counter(certain[i] for i in members if certain[i] is not None)
        best = _best(members, solutions, rows, others, knowledge)
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
            if start in holder:
                parent[find(i)] = find(holder[start])
            else:
                holder[start] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(find(i), []).append(i)
    return [(members, {s for i in members for s, _ in candidates[i]}) for members in groups.values()]


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
            if lead[0] not in used:
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
        duplicates = sum(count - 1 + (count if others.get(number) else 0) for number, count in mine.items())
        return total - DUPLICATE * duplicates

    ranked = sorted((score(s), k) for k, s in enumerate(solutions))
    (top, k), (second, _) = ranked[-1], ranked[-2]
    return solutions[k] if top - second >= MARGIN else None
