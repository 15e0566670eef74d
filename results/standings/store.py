"""The standings' one owner in the database: reads a season's results and editors' facts, hands them to the
engine (pure: ``results.standings.engine``), and rewrites the season's ``Standing`` and ``Championship`` rows.

``summaries.refresh`` calls ``recompute`` for the seasons every write touched (imports, admin edits, merges,
splits, reverts), inside the writer's transaction; so do the admin's fact forms. A whole history is one
``recompute`` over every season: one read of the entries, then bulk inserts.
"""

from collections import defaultdict

from django.db import connection

from results.models import (
    ChampionFact,
    Championship,
    Driver,
    Entry,
    Event,
    PlayoffFact,
    PointsAdjustment,
    Season,
    Standing,
)
from results.standings import engine

CHUNK = 500  # seasons per IN (...) list: the whole history (152 seasons) is one batch
INSERT_BATCH = 2000
# The reason a season shows no champion when the engine names none and gives no reason: never blank (the
# database refuses a season with neither a champion nor a reason).
UNSETTLED = "The results do not settle the championship."


def recompute(*, seasons):
    """Rewrite the standings after every round and the championship of ``seasons`` (ids or Seasons);
    returns the number of standing rows written."""
    season_ids = sorted({getattr(s, "pk", s) for s in seasons})
    written = 0
    for i in range(0, len(season_ids), CHUNK):
        written += _recompute_chunk(season_ids[i : i + CHUNK])
    return written


def recompute_all():
    """Every season's standings (bench/recompute.py times it); returns the number of rows written."""
    return recompute(seasons=Season.objects.values_list("pk", flat=True))


def _recompute_chunk(season_ids):
    seasons = list(Season.objects.filter(pk__in=season_ids).select_related("series"))
    races = load_races(season_ids)
    facts = load_facts(season_ids)
    names = driver_names(races)
    Standing.objects.filter(season__in=season_ids).delete()
    Championship.objects.filter(season__in=season_ids).delete()
    standings: list[tuple] = []
    championships = []
    for season in seasons:
        season_races = races.get(season.pk)
        if not season_races:
            continue  # a season without races has no championship yet
        # The outcome if no more races came: nothing stored depends on the date, so nothing goes stale. While
        # the season's year runs and its finale is not in, the pages name no champion from it
        # (``Championship.champion``).
        outcome = engine.compute(
            season.series.slug, season.year, season_races, facts.get(season.pk, engine.Facts()), names=names
        )
        final_round = max(outcome.after, default=None)
        for round_number, rows in outcome.after.items():
            latest = round_number == final_round
            standings.extend(
                (
                    season.pk,
                    round_number,
                    r.driver,
                    rank,
                    r.position,
                    r.points,
                    r.gap,
                    r.wins,
                    r.playoff_points,
                    str(r.status),
                    r.status_sure,
                    latest,
                )
                for rank, r in enumerate(rows, start=1)
            )
        championships.append(
            Championship(
                season_id=season.pk,
                rulebook=outcome.rulebook,
                champion_if_over_id=outcome.champion,
                official=outcome.official and outcome.champion is not None,
                unknown_if_over="" if outcome.champion is not None else (outcome.unknown or UNSETTLED),
                disagreements="\n".join(outcome.disagreements),
                open_statuses=outcome.open_,
                final_round=final_round,
                finale_run=outcome.finale_run,
            )
        )
    Championship.objects.bulk_create(championships, batch_size=INSERT_BATCH)
    insert_standings(standings)
    return len(standings)


STANDING_COLUMNS = (
    "season",
    "round",
    "driver",
    "rank",
    "position",
    "points",
    "gap",
    "wins",
    "playoff_points",
    "status",
    "status_certain",
    "latest",
)


def insert_standings(rows):
    """Write the standing rows (tuples in ``STANDING_COLUMNS`` order): about 450,000 for the whole history.
    bulk_create spent 50 s preparing their values one by one. SQLite takes one prepared statement for all of
    them (executemany, 4 s); on PostgreSQL that is a round trip per row, and psycopg quoting multi-row
    VALUES client-side took 40 s, so the rows go in by COPY (the server's own bulk load)."""
    column = {field.name: field.column for field in Standing._meta.concrete_fields}
    columns = ", ".join(column[name] for name in STANDING_COLUMNS)
    table = Standing._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            one_row = ", ".join(["%s"] * len(STANDING_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({one_row})", rows)


def load_races(season_ids):
    """{season id: [engine.Race...]} in round order, every race with results (the engine leaves out those
    that do not count): two queries."""
    events = {
        pk: (season_id, round_number, counts, length, bool(engine.QUALIFYING_RACE.search(name)))
        for pk, season_id, round_number, counts, length, name in Event.objects.filter(
            season__in=season_ids
        ).values_list("pk", "season_id", "round", "counts_for_points", "track__length_miles", "name")
    }
    results = defaultdict(list)
    rows = (
        Entry.objects.filter(event__season__in=season_ids)
        .order_by("event_id", "finish")
        .values_list("event_id", "driver_id", "finish", "points", "stage1", "stage2", "ineligible", "laps")
    )
    for event_id, *result in rows.iterator(chunk_size=10_000):
        results[event_id].append(engine.Result(*result))
    races = defaultdict(list)
    for event_id in sorted(results, key=lambda pk: events[pk][1]):
        season_id, round_number, counts, length, qualifying = events[event_id]
        races[season_id].append(
            engine.Race(
                round_number, tuple(results[event_id]), counts=counts, length_miles=length, qualifying=qualifying
            )
        )
    return races


def driver_names(races):
    """{driver id: name} of every driver in ``races``, for the engine's words to fans and editors: one query
    per 5,000 drivers."""
    ids = sorted({result.driver for season in races.values() for race in season for result in race.results})
    names: dict[int, str] = {}
    for i in range(0, len(ids), 5000):
        names.update(Driver.objects.filter(pk__in=ids[i : i + 5000]).values_list("pk", "name"))
    return names


def load_facts(season_ids):
    """{season id: engine.Facts} of the seasons with any editor's fact: three queries."""
    champions = dict(ChampionFact.objects.filter(season__in=season_ids).values_list("season_id", "driver_id"))
    playoff: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for season_id, kind, driver in PlayoffFact.objects.filter(season__in=season_ids).values_list(
        "season_id", "kind", "driver_id"
    ):
        playoff[season_id][kind].add(driver)
    adjustments = defaultdict(list)
    for season_id, driver, round_number, points, playoff_points, reason in (
        PointsAdjustment.objects.filter(season__in=season_ids)
        .order_by("pk")
        .values_list("season_id", "driver_id", "event__round", "points", "playoff_points", "reason")
    ):
        adjustments[season_id].append(engine.Adjustment(driver, round_number, points, playoff_points, reason))
    facts = {}
    for season_id in set(champions) | set(playoff) | set(adjustments):
        kinds: dict[str, set[int]] = playoff.get(season_id, {})
        field, final = kinds.get(PlayoffFact.Kind.FIELD), kinds.get(PlayoffFact.Kind.FINAL)
        facts[season_id] = engine.Facts(
            champion=champions.get(season_id),
            playoff_field=frozenset(field) if field else None,
            final_four=frozenset(final) if final else None,
            waivers=frozenset(kinds.get(PlayoffFact.Kind.WAIVER, ())),
            withdrawn=frozenset(kinds.get(PlayoffFact.Kind.WITHDRAWN, ())),
            adjustments=tuple(adjustments.get(season_id, ())),
        )
    return facts
