"""Reads of the stored standings for the public pages and the API: each function a fixed number of queries."""

from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When

from results.models import Championship, PointsAdjustment, Season, Standing, Status
from results.models.standing import season_over, title_named
from results.standings import rules

STATUS_WORDS = dict(Status.choices)
# A status the results do not settle (``Standing.status_certain``): its words with a question mark, and this
# note under the table, the reasons being those the season gives for naming no champion
OPEN_STATUS = "?"
OPEN_STATUS_NOTE = "? The results do not settle this playoff status"


def status_words(status, certain=True):
    """A playoff status for fans; "Not in the playoffs?" where that is open."""
    if certain:
        return STATUS_WORDS[status]
    return f"{STATUS_WORDS[status] if status else 'Not in the playoffs'}{OPEN_STATUS}"


def open_status_note(championship, *, home=False):
    """The note under a table with an open status: where its reasons are said."""
    if home:
        return f"{OPEN_STATUS_NOTE}: the season's page says why."
    if championship is not None and championship.unknown:
        return f"{OPEN_STATUS_NOTE}: see why no champion is named above."
    if championship is not None and championship.open_statuses:
        return f"{OPEN_STATUS_NOTE}: {championship.open_statuses}"
    return f"{OPEN_STATUS_NOTE} (a waiver, stage winners or a tie the results do not hold)."


STANDING_ORDER = ["rank"]  # the engine's order, kept where positions are unknown
# the columns of a standings table row, as dicts
STANDING_FIELDS = {
    "driver_pk": F("driver_id"),
    "driver_name": F("driver__name"),
    "driver_slug": F("driver__slug"),
}


def rulebook(key):
    """The rulebook a championship was computed under, or None when the rules no longer know its key."""
    return next((book for book in (*rules.RULEBOOKS, rules.MOST_POINTS) if book.key == key), None)


def rulebook_name(key):
    """The format's name for fans and editors; the key itself when the rules no longer know it."""
    found = rulebook(key)
    return found.name if found else key


def championship(season):
    """The season's stored championship with its champion, or None (no races yet): one query, none when
    the season was read with ``select_related(*SEASON_JOINS)``."""
    try:
        return season.championship
    except Championship.DoesNotExist:
        return None


# a season page's season, its championship and the champion it names once over
SEASON_JOINS = ("series", "championship__champion_if_over")


def standings_after(season, round_number, *, champion_id=None):
    """Every driver's standing after ``round_number`` in order, as dicts; the named champion's row (only when
    ``champion_id`` is given, i.e. for the latest standings) has ``champion`` "yes" and status "champion":
    one query."""
    mine = Q(driver_id=champion_id)  # None: "driver IS NULL", no row
    return (
        Standing.objects.filter(season=season, round=round_number)
        .values("position", "points", "gap", "wins", "playoff_points", **STANDING_FIELDS)
        .annotate(
            status=Case(When(mine, then=Value(Status.CHAMPION.value)), default=F("status")),
            status_certain=Case(When(mine, then=Value(True)), default=F("status_certain")),
            champion=Case(When(mine, then=Value("yes")), default=Value(""), output_field=CharField()),
        )
        .order_by(*STANDING_ORDER)
    )


def title_note(rows, official):
    """Why the champion heading the final standings (``rows``, his marked ``champion``) has fewer points than
    another driver: an editor's official title, or a format deciding by more than points (a finale won by
    finish, a leader withdrawn from the title). "" when he has the most points."""
    mine = next((row for row in rows if row["champion"]), None)
    if mine is None or not mine["gap"]:
        return ""
    most = next(row for row in rows if row["gap"] == 0)
    how = "the editor's official record" if official else "the season's format and its editors' facts"
    return (
        f"{mine['driver_name']} is champion by {how}; {most['driver_name']} has {mine['gap']} points more. "
        "Behind counts from the most points."
    )


def progress(season, drivers, champion_id=None):
    """The season's course, from one query over the rows of ``drivers`` and of every playoff driver:
    ``lines`` {driver id: [(round, points)...]} of ``drivers``; ``marks`` {round: (drivers in, out, of whom withdrawn)}
    where the playoff field was set or cut; and the playoff grid (``playoff_grid``, the named champion's
    last cell marked)."""
    rows = list(
        Standing.objects.filter(season=season)
        .filter(Q(driver__in=drivers) | ~Q(status=""))
        .order_by("round", *STANDING_ORDER)
        .values_list(
            "driver", "round", "points", "status", "position", "driver__name", "driver__slug", "status_certain"
        )
    )
    lines: dict[int, list] = {driver: [] for driver in drivers}
    counts: dict[int, list] = {}
    for driver, round_number, points, status, *_ in rows:
        if driver in lines:
            lines[driver].append((round_number, points))
        if status:
            tally = counts.setdefault(round_number, [0, 0, 0])
            tally[0] += 1
            tally[1] += status in (Status.ELIMINATED, Status.WITHDRAWN)
            tally[2] += status == Status.WITHDRAWN
    marks, previous = {}, None
    for round_number, tally in sorted(counts.items()):
        if tally != previous:
            marks[round_number] = tuple(tally)
        previous = tally
    return lines, marks, playoff_grid(rows, marks, champion_id)


def playoff_grid(rows, marks, champion_id=None):
    """(rounds, [(name, slug, [cell...])...], whether a cell is open): the playoff field after the round it was
    set, after each cut and after the last round, in the final order."""
    if not marks:
        return [], [], False
    last = max(row[1] for row in rows)
    rounds = sorted({*marks, last})
    cells: dict[int, dict[int, str]] = {}
    who: dict[int, tuple[str, str]] = {}
    open_ = False
    for driver, round_number, _, status, position, name, slug, certain in rows:
        if status and round_number in rounds:
            champion = (driver, round_number) == (champion_id, last)
            words = status_words(Status.CHAMPION if champion else status, champion or certain)
            open_ |= not (champion or certain)
            cells.setdefault(driver, {})[round_number] = f"{words} (P{position})" if position else words
            who[driver] = (name, slug)
    final_order = [driver for driver, round_number, *_ in rows if round_number == last and driver in cells]
    return rounds, [(*who[d], [cells[d].get(r, "") for r in rounds]) for d in final_order], open_


def season_champions(series):
    """{season id: Championship} for every season of ``series`` (``champion`` and ``unknown`` as named now):
    one query."""
    rows = Championship.objects.filter(season__series=series).select_related("season", "champion_if_over")
    return {row.season_id: row for row in rows}


def newest_seasons():
    newest_year = (
        Season.objects.filter(series=OuterRef("series"), championship__final_round__isnull=False)
        .order_by("-year")
        .values("year")
    )
    return Season.objects.filter(year=Subquery(newest_year[:1]))


def current_standings(limit=5):
    """The top of each series' newest season after its last race, in the season's format (playoff points and
    status where it has them), said final once the season is over: one query."""
    rows = (
        Standing.objects.filter(season__in=newest_seasons(), latest=True)
        .values(
            "position",
            "points",
            "wins",
            "playoff_points",
            "status",
            "status_certain",
            "round",
            **STANDING_FIELDS,
            year=F("season__year"),
            series_name=F("season__series__short_name"),
            series_slug=F("season__series__slug"),
            series_order=F("season__series__sort_order"),
            official=F("season__championship__official"),
            champion_if_over=F("season__championship__champion_if_over_id"),
            finale_run=F("season__championship__finale_run"),
        )
        .filter(rank__lte=limit)
        .order_by("series_order", "series_name", "rank")
    )
    return [shown_now(row) for row in rows]


def shown_now(row):
    """A home page row as the date has it: the champion marked only where named, the standings final only
    once the season is over."""
    year, finale_run = row["year"], row["finale_run"]
    champion = row["driver_pk"] == row["champion_if_over"] and title_named(year, row["official"], finale_run=finale_run)
    status = Status.CHAMPION if champion else row["status"]
    certain = champion or row["status_certain"]
    over = season_over(year, finale_run=finale_run)
    after = "final standings" if over else f"after round {row['round']}, season running"
    words = status_words(status, certain) if status or not certain else ""
    return {**row, "champion": champion, "status_words": words, "status_certain": certain, "after": after}


def latest_place(driver_ref, season_ref):
    """A driver's championship position after the latest round of a season (subquery on those rows' index):
    final once the season is over."""
    return Subquery(Standing.objects.filter(driver=driver_ref, season=season_ref, latest=True).values("position")[:1])


def titles(by_season):
    """(championships, of which official) in a driver's season-by-season rows (``career_by_season``)."""
    won = [row for row in by_season if row["champion"]]
    return len(won), sum(1 for row in won if row["official_title"])


def untitled_seasons(by_season):
    """The seasons over in a driver's season-by-season rows (``career_by_season``) that name no champion, as
    (series slug, year, label): the label is the year, with the series when they are of several."""
    rows = [row for row in by_season if row["title_unknown"]]
    several = len({row["series_slug"] for row in rows}) > 1
    return [
        (row["series_slug"], row["year"], f"{row['series_name']} {row['year']}" if several else str(row["year"]))
        for row in rows
    ]


def adjustments(season):
    """The season's points adjustments (penalties), in race order, for fans: one query."""
    return list(
        PointsAdjustment.objects.filter(season=season)
        .order_by(F("event__round").asc(nulls_last=True), "pk")
        .values("points", "playoff_points", "reason", round=F("event__round"), **STANDING_FIELDS)
    )
