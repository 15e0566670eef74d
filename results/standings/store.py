"""The standings' one owner in the database: reads a season's results and editors' facts, hands them to the
engine (pure: ``results.standings.engine``), and rewrites the season's ``Standing`` and ``Championship`` rows.

``summaries.refresh`` calls ``recompute`` for the seasons every write touched (imports, admin edits, merges,
splits, reverts), inside the writer's transaction; so do the admin's fact forms. A whole history is one
``recompute`` over every season: one read of the entries, then bulk inserts.
"""

import time
from collections import defaultdict

from django.db.models import F

from results.models import (
    ChampionFact,
    Championship,
    Entry,
    Event,
    PlayoffFact,
    PointsAdjustment,
    Season,
    Standing,
)
from results.standings import engine

CHUNK = 500  # seasons per IN (...) list and per batch of work: a few ten thousand entries at a time
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


def recompute_all(*, out=None):
    """Every season's standings; with ``out`` (a writer), prints how long it took."""
    began = time.perf_counter()
    written = recompute(seasons=Season.objects.values_list("pk", flat=True))
    if out is not None:
        out.write(f"standings recomputed: {written} rows in {time.perf_counter() - began:.1f} s\n")
    return written


def _recompute_chunk(season_ids):
    seasons = list(Season.objects.filter(pk__in=season_ids).select_related("series"))
    races = load_races(season_ids)
    facts = load_facts(season_ids)
    Standing.objects.filter(season__in=season_ids).delete()
    Championship.objects.filter(season__in=season_ids).delete()
    standings, championships = [], []
    for season in seasons:
        season_races = races.get(season.pk)
        if not season_races:
            continue  # a season without races has no championship yet
        outcome = engine.compute(season.series.slug, season.year, season_races, facts.get(season.pk, engine.Facts()))
        final_round = max(outcome.after, default=None)
        for round_number, rows in outcome.after.items():
            standings.extend(_standing(season.pk, round_number, row, round_number == final_round) for row in rows)
        championships.append(
            Championship(
                season_id=season.pk,
                rulebook=outcome.rulebook,
                champion_id=outcome.champion,
                official=outcome.official and outcome.champion is not None,
                unknown="" if outcome.champion is not None else (outcome.unknown or UNSETTLED),
                disagreements="\n".join(outcome.disagreements),
                final_round=final_round,
            )
        )
    Championship.objects.bulk_create(championships, batch_size=INSERT_BATCH)
    Standing.objects.bulk_create(standings, batch_size=INSERT_BATCH)
    return len(standings)


def _standing(season_id, round_number, row, final):
    return Standing(
        season_id=season_id,
        round=round_number,
        driver_id=row.driver,
        position=row.position,
        points=row.points,
        gap=row.gap,
        wins=row.wins,
        playoff_points=row.playoff_points,
        status=str(row.status),
        final=final,
    )


def load_races(season_ids):
    """{season id: [engine.Race...]} in round order, every race (the engine leaves out those that do not
    count): two queries."""
    counts = dict(Event.objects.filter(season__in=season_ids).values_list("pk", "counts_for_points"))
    results = defaultdict(list)
    rows = (
        Entry.objects.filter(event__season__in=season_ids)
        .order_by("race_order", "event_id", "finish")
        .values_list(
            "event__season_id",
            "event_id",
            F("event__round"),
            "event__track__length_miles",
            "driver_id",
            "finish",
            "points",
            "stage1",
            "stage2",
            "ineligible",
        )
    )
    meta = {}
    for season_id, event_id, round_number, length, driver, finish, points, stage1, stage2, ineligible in rows:
        meta[event_id] = (season_id, round_number, length)
        results[event_id].append(engine.Result(driver, finish, points, stage1, stage2, ineligible))
    races = defaultdict(list)
    for event_id, (season_id, round_number, length) in sorted(meta.items(), key=lambda item: item[1][1]):
        races[season_id].append(
            engine.Race(round_number, tuple(results[event_id]), counts=counts[event_id], length_miles=length)
        )
    return races


def load_facts(season_ids):
    """{season id: engine.Facts} of the seasons with any editor's fact: three queries."""
    champions = dict(ChampionFact.objects.filter(season__in=season_ids).values_list("season_id", "driver_id"))
    playoff = defaultdict(lambda: defaultdict(set))
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
        kinds = playoff.get(season_id, {})
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
