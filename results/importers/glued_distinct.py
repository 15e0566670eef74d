"""What a glued table rules out when its rows are read one by one (``readings._choose_row_by_row``):
in the years its series never gave two cars one start, or one number, in a race (``eras``), a
row's reading that would leave another row no start or number of its own is no reading.

"1275" reads as start 2, #75 or start 27, #5; when another row can only be start 27, the first
is the one. The rule is proof, not evidence: it removes only readings no table of those years
had. When no reading keeps every row distinct, the race is one the rule does not hold for (a
source's slip), and nothing is removed.
"""

from results.importers import eras


def distinct_readings(leads, knowledge):
    """``leads``: per row, its (start, number) readings. Returns them with the readings removed
    that no assignment of distinct starts (and numbers) to every row allows."""
    rules = []
    if knowledge.year is not None and not eras.ran("repeated starts", knowledge.series, knowledge.year):
        rules.append(lambda lead: lead[0] or None)  # None and 0: no start, competing with none
    if knowledge.year is not None and not knowledge.numbers_shared():
        rules.append(lambda lead: lead[1] or None)
    kept = [list(row) for row in leads]
    changed = bool(rules)
    while changed:
        changed = False
        for value in rules:
            pruned = _prune(kept, value)
            if pruned is None:
                return [list(row) for row in leads]  # not this race: the rule settles nothing
            changed |= pruned != kept
            kept = pruned
    return kept


def _prune(leads, value):
    """Each row's readings that some assignment of distinct values (``value``: a lead's start or
    number, None when it competes with nothing) to all rows keeps; None when no assignment exists."""
    if not _assignable(leads, value, None, None):
        return None
    pruned = []
    for i, row in enumerate(leads):
        if len(row) == 1:
            pruned.append(row)
            continue
        pruned.append([lead for lead in row if value(lead) is None or _assignable(leads, value, i, value(lead))])
    return pruned


def _assignable(leads, value, fixed, taken):
    """Whether every row other than ``fixed`` can have its own value, none of them ``taken`` (a
    bipartite matching: rows to values; a row with a reading valued None needs none)."""
    owner: dict = {}
    for i, row in enumerate(leads):
        if i == fixed:
            continue
        values = [value(lead) for lead in row]
        if None in values:
            continue
        if not _augment(i, leads, value, owner, taken, set()):
            return False
    return True


def _augment(i, leads, value, owner, taken, seen):
    for v in {value(lead) for lead in leads[i]}:
        if v == taken or v in seen:
            continue
        seen.add(v)
        if v not in owner or _augment(owner[v], leads, value, owner, taken, seen):
            owner[v] = i
            return True
    return False
