"""What each series' results held, year by year, as the history has them (../shared/data/nascar,
every race 1949-2025): the kinds of car number it ran, and which values a row could lack.

A glued row's reading that needs what its series never had that year is no reading: "201032" in
the 1984 Busch series is start 10 in #32, never start 1 in #032 (no car carried a zero before two
digits after 1954). The history's kinds of number, by series and years:

- one or two digits ("7", "43"): always;
- a zero before one digit ("07"): Cup from 1962, Xfinity and Truck from their first year;
- three digits ("143"): Cup to 1971, one Xfinity car in 1986;
- a zero before two digits ("099"): Cup 1954;
- letters ("2y", "x2", "01W", "B-29"): Cup to 1992, Xfinity 1986-2000, never in Truck;
- no number at all: Cup to 1957, Xfinity 1982-83.

A row without its start: Cup to 1962 only. Without its laps: Cup to 1957 (with neither make nor
laps, a row of those years may hold only a name: "26George Mantooth"). A start written 0, the
source's word for a start it did not know (read as unknown): Xfinity 1982-83 (965 rows), Cup
1954-68 (ten cars that did not start). A row without its make: Cup to 1974, Xfinity 1982-83
(every make those years ran is in the vocabulary, so a row naming none has none).

Two cars of one race sharing a number: Cup to 1981 (one race in 14 of the 1950s), Xfinity to
1986, never in Truck. After that the history has five, each its source's slip rather than two
cars: a relief driver's row under Bill Elliott's #94 (Cup 1999, three races), LaJoie's #01
written "1" beside Chastain's #1 (Cup 2025 round 18), and Xfinity 2004 round 26's two "02".
There a reading giving a second car a number is no reading.

Two cars of one race given one start: Cup 1950-74 (66 races; 1949 is counted with them), Xfinity
1982-98 (34), Truck 1998-2001 (6); never since. A race holds each start once (the database's
rule), so such a race is refused whatever its reading; outside those years a reading giving a
second car a start is no reading (``glued_distinct``).

An unknown year allows everything (the import then stops for the year anyway); an unknown series
(one editors created) allows what any series did.
"""

# kind -> {series short name: (first year, last year or None while it lasts)}
RAN: dict[str, dict[str, tuple[int, int | None]]] = {
    "zero and a digit": {"Cup": (1962, None), "Xfinity": (1982, None), "Truck": (1995, None)},
    "three digits": {"Cup": (1949, 1971), "Xfinity": (1986, 1986)},
    "zero and two digits": {"Cup": (1954, 1954)},
    "letters": {"Cup": (1949, 1992), "Xfinity": (1986, 2000)},
    "no number": {"Cup": (1949, 1957), "Xfinity": (1982, 1983)},
    "no start": {"Cup": (1949, 1962)},
    "no make": {"Cup": (1949, 1974), "Xfinity": (1982, 1983)},
    "no laps": {"Cup": (1949, 1957)},
    "start zero": {"Cup": (1954, 1968), "Xfinity": (1982, 1983)},
    "shared numbers": {"Cup": (1949, 1981), "Xfinity": (1982, 1986)},
    "repeated starts": {"Cup": (1949, 1974), "Xfinity": (1982, 1998), "Truck": (1998, 2001)},
}


def kind(number: str) -> str | None:
    """The kind of a car number (a key of RAN), or None for one or two digits, which always ran."""
    if not number:
        return "no number"
    if not number.isdigit():
        return "letters"
    if len(number) <= 2:
        return "zero and a digit" if len(number) == 2 and number[0] == "0" else None
    return "zero and two digits" if number[0] == "0" else "three digits"


def ran(what: str | None, series: str, year: int | None) -> bool:
    """Whether ``series`` (short name) had ``what`` (a kind of RAN) in ``year``."""
    if what is None or year is None:
        return True
    spans = RAN[what]
    chosen = [spans[series]] if series in spans else [] if series in _SERIES else list(spans.values())
    return any(first <= year <= (last or year) for first, last in chosen)


def possible(start: int | None, number: str, series: str, year: int | None) -> bool:
    """Whether a row of ``series`` in ``year`` could read start ``start`` (None: none) in car ``number``."""
    known = start is not None or ran("no start", series, year)
    return ran(kind(number), series, year) and known and (start != 0 or ran("start zero", series, year))


_SERIES = {"Cup", "Xfinity", "Truck"}
