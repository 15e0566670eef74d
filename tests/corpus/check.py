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


def refusal(race: Race, error) -> tuple[str, int, int]:
    """(kind, lines, lines whose listed readings lack the history's) of a refused race: "open" when
    every line it names reads more than one way (``readings.Ambiguous``: the table and the year
    allow several readings; its ``choices`` list each line's), "unread" when lines do not read."""
    choices = getattr(error, "choices", None)
    if choices is None:
        return "unread", 0, 0
    history: dict[str, set] = {}  # a driver's rows: the history repeats a few (Xfinity 1986 round 16)
    for e in truth.expected(race):
        history.setdefault(name_key(e.driver), set()).add((e.start, e.number))
    lacking = sum(
        # a start written 0 is read as unknown: the history's None
        not any((lead[0] or None, lead[1]) in history.get(name_key(driver), ()) for driver, _, lead in options)
        for _, _, options in choices
    )
    return "open", len(choices), lacking


def stored(event) -> list:
    """A race's entries as the database holds them, in the reader's terms (``Row``), for ``compare``:
    what an import wrote, held against the history as the rows it read would be."""
    from results.importers.report import Row

    entries = event.entries.select_related("driver", "team", "manufacturer").order_by("finish")
    return [
        Row(
            line=0,
            finish=e.finish,
            driver=e.driver.name,
            start=e.start,
            number=e.number,
            team=e.team.name if e.team else "",
            manufacturer=e.manufacturer.name if e.manufacturer else "",
            laps=e.laps,
            led=e.laps_led,
            status=e.status,
            points=e.points,
            stage1=e.stage1,
            stage2=e.stage2,
            rating=e.rating,
            rookie=e.rookie,
            ineligible=e.ineligible,
        )
        for e in entries
    ]
