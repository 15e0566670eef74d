"""Rows as read, held against the history: exact, or wrong with the reason (tests and bench/formats.py).

A row is exact when every field its format carries equals the history's value. A field the
format does not carry may stay empty, but a value the reader filled in anyway (from prose, from
a guess) must be right too. A row of the race the reader did not return is wrong (silently
dropped); so is a row it returned that the race does not have.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from results.names import name_key
from tests.corpus import truth
from tests.corpus.formats import Format
from tests.corpus.races import Race

NAMES = {"driver", "team", "manufacturer"}


@dataclass
class Verdict:
    rows: int  # the race's rows
    exact: int = 0
    wrong: list[str] = field(default_factory=list)


def _same(name, read, expected) -> bool:
    if name in NAMES:
        return name_key(read or "") == name_key(expected or "")
    if name == "status":
        return " ".join((read or "").lower().split()) == " ".join((expected or "").lower().split())
    if name == "rating" and read is not None and expected is not None:
        return Decimal(read) == Decimal(expected)
    if name in {"rookie", "ineligible"}:
        return bool(read) == bool(expected)
    if name == "number":
        return (read or "") == (expected or "")
    return read == expected


def _empty(value) -> bool:
    return value in (None, "", False)


def compare(race: Race, fmt: Format, rows) -> Verdict:
    """``rows``: the reader's ``Row`` objects (what ``import_report --dry-run --as csv`` prints)."""
    wanted = {e.finish: e for e in truth.expected(race)}
    carried = fmt.carries(race)
    verdict = Verdict(rows=len(wanted))
    seen = set()
    for row in rows:
        expected = wanted.get(row.finish)
        if expected is None or row.finish in seen:
            verdict.wrong.append(f"P{row.finish} {row.driver}: no such row in the race")
            continue
        seen.add(row.finish)
        expected.team = fmt.team(expected.team)
        problems = []
        for name in truth.FIELDS:
            read, want = getattr(row, name), getattr(expected, name)
            if name not in carried and _empty(read):
                continue
            if not _same(name, read, want):
                problems.append(f"{name} {read!r} (history {want!r})")
        if problems:
            verdict.wrong.append(f"P{row.finish} {expected.driver}: " + ", ".join(problems))
        else:
            verdict.exact += 1
    for finish in sorted(set(wanted) - seen):
        verdict.wrong.append(f"P{finish} {wanted[finish].driver}: missing from the rows read")
    return verdict
