"""Site search: drivers, tracks, teams, makes, series, seasons and races, by name, forgiving typos.

A query is folded like names are (``names.name_key``: no accents, no case) and split into words; a
four-digit year among them picks that year's seasons and races. Each word is matched against the words
of every name (exact, a prefix of it, or close: "ricahrd" finds "richard"), and a name's score is how
well all the query's words match, times how much of the name they cover ("kyle busch" ranks Kyle Busch
above Kyle Busch Motorsports); ties go to the busier record (more starts, races).

The names, with their words, are read once per results version into a per-process index (one query per
kind, then none until the results change); a search then costs the version query and at most two more
(the year's seasons and races, or races by name).
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from rapidfuzz import fuzz, process

from results.links import page_url, slug_url
from results.models import (
    DataVersion,
    Driver,
    DriverAlias,
    Event,
    GroupSeason,
    Manufacturer,
    Season,
    Series,
    Team,
    Track,
)
from results.names import name_key

CLOSE = 75  # a query word matches a name's word this similar (rapidfuzz ratio, 0-100) or better
CERTAIN = 85  # the best result goes straight to its page when it scores this much...
LEAD = 4  # ...and leads the next by this much
LIMIT = 30
YEAR = re.compile(r"^(19[4-9]\d|20\d\d)$")


@dataclass
class Result:
    kind: str  # "Driver", "Track", "Team", "Make", "Series", "Season", "Race"
    name: str
    url: str
    detail: str = ""
    score: float = 0.0
    weight: int = 0  # how busy the record is (starts, races): orders equal scores

    def rank(self):
        return (-round(self.score, 1), -self.weight, self.name)


@dataclass
class Entry:
    kind: str
    name: str
    url: str
    detail: str
    weight: int
    words: tuple[str, ...]


@dataclass
class Index:
    entries: list[Entry] = field(default_factory=list)
    by_word: dict[str, list[int]] = field(default_factory=dict)  # word -> entries holding it
    vocabulary: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)

    def add(self, kind, name, url, detail="", weight=0, key=None):
        words = tuple((key if key is not None else name_key(name)).split())
        if not words:
            return
        self.entries.append(Entry(kind, name, url, detail, weight, words))
        for word in set(words):
            self.by_word.setdefault(word, []).append(len(self.entries) - 1)


_cache: dict[tuple[str, int], Index] = {}


def clear_cache():
    _cache.clear()


def index():
    """The search index of the current results version (built on the first search after a change)."""
    key = (str(connection.settings_dict["NAME"]), DataVersion.current())
    if key not in _cache:
        _cache.clear()  # older versions are never asked for again
        _cache[key] = build_index()
    return _cache[key]


def _group_starts(field_name):
    rows = GroupSeason.objects.filter(**{field_name: OuterRef("pk")}).values(field_name).annotate(n=Sum("starts"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def build_index():
    """Every driver (and each spelling of his name), track, team, make and series: five queries."""
    built = Index()
    drivers = {}
    for pk, name, key, slug, starts, wins in Driver.objects.values_list("pk", "name", "key", "slug", "starts", "wins"):
        drivers[pk] = (name, slug, starts)
        detail = f"Driver · {starts} start{'s' * (starts != 1)}, {wins} win{'s' * (wins != 1)}"
        built.add("Driver", name, slug_url("results:driver", slug), detail, starts, key)
    for driver_id, key in DriverAlias.objects.values_list("driver_id", "key"):
        name, slug, starts = drivers[driver_id]
        built.add("Driver", name, slug_url("results:driver", slug), f"Driver · also written {key}", starts, key)
    tracks = Track.objects.annotate(races=Count("events")).values_list("name", "key", "slug", "location", "races")
    for name, key, slug, location, races in tracks:
        detail = f"Track · {location + ', ' if location else ''}{races} race{'s' * (races != 1)}"
        built.add("Track", name, slug_url("results:track", slug), detail, races, key)
    groups = [
        (Team.objects.values_list("name", "key", "slug", _group_starts("team")), "Team", "results:team"),
        (
            Manufacturer.objects.values_list("name", "key", "slug", _group_starts("manufacturer")),
            "Make",
            "results:manufacturer",
        ),
    ]
    for rows, kind, view in groups:
        for name, key, slug, starts in rows:
            # a team or make fields several cars a race: its starts overstate its fame beside a driver's
            detail = f"{kind} · {starts} start{'s' * (starts != 1)}"
            built.add(kind, name, slug_url(view, slug), detail, starts // 4, key)
    built.series = list(Series.objects.all())
    for series in built.series:
        words = name_key(f"{series.name} {series.short_name}")
        built.add("Series", series.name, series.get_absolute_url(), "Series · every season", 10**9, words)
    built.vocabulary = list(built.by_word)
    return built


def word_matches(built, word):
    """{name word: similarity} for the name words close to ``word``: exact 100, a prefix 95, else the ratio."""
    if len(word) < 3:  # "jr", "mc": only what it starts
        return {w: 100.0 if w == word else 95.0 for w in built.vocabulary if w.startswith(word)}
    close = process.extract(word, built.vocabulary, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=None)
    found = {w: score for w, score, _ in close}
    for w in built.vocabulary:
        if w.startswith(word) and w != word:
            found[w] = max(found.get(w, 0), 95.0)
    if word in found:
        found[word] = 100.0
    return found


def score(query_words, name_words, matches):
    """How well every query word matches some word of the name, times the share of the name covered."""
    if not query_words:
        return 0.0
    best, covered = [], set()
    for word in query_words:
        sims = [(matches[word].get(w, 0.0), w) for w in name_words] if word in matches else []
        value, matched = max(sims, default=(0.0, ""))
        if value < CLOSE:
            return 0.0
        best.append(value)
        covered.add(matched)
    coverage = len(covered) / len(set(name_words))
    return sum(best) / len(best) * (0.85 + 0.15 * coverage)


def search(text):
    """(results best first, the one certain result or None)."""
    words = name_key(text).split()
    years = [int(w) for w in words if YEAR.match(w)]
    words = [w for w in words if not YEAR.match(w)]
    if not words and not years:
        return [], None
    built = index()
    results = []
    if words:
        matches = {word: word_matches(built, word) for word in set(words)}
        candidates = set()
        for found in matches.values():
            for w in found:
                candidates.update(built.by_word[w])
        for i in candidates:
            entry = built.entries[i]
            value = score(words, entry.words, matches)
            if value:
                results.append(Result(entry.kind, entry.name, entry.url, entry.detail, value, entry.weight))
        results = _best_per_url(results)  # a driver found by his name and by another spelling: once
    if years:
        results += _seasons_and_races(built, words, years[0])
    elif words:
        results += _races_by_name(words)
    results.sort(key=Result.rank)
    results = results[:LIMIT]
    return results, _certain(results)


def _best_per_url(results):
    best: dict[str, Result] = {}
    for result in results:
        if result.url not in best or result.rank() < best[result.url].rank():
            best[result.url] = result
    return list(best.values())


def _certain(results):
    """The best result, when nothing else comes near it (or it is the only one and close enough)."""
    if len(results) == 1 and results[0].score >= CLOSE:
        return results[0]
    if not results or results[0].score < CERTAIN:
        return None
    if len(results) > 1 and results[0].score - results[1].score < LEAD:
        return None
    return results[0]


def _seasons_and_races(built, words, year):
    """That year's seasons (the series named, or all) and its races matching the other words: two queries."""
    chosen = [s for s in built.series if not words or set(words) & set(name_key(f"{s.name} {s.short_name}").split())]
    rest = [w for w in words if not any(w in name_key(f"{s.name} {s.short_name}").split() for s in chosen)]
    results = []
    seasons = Season.objects.filter(year=year, series__in=chosen or built.series).select_related("series")
    # the series and year named, nothing else: that season; the year alone: each series' season; a year
    # among other words (a race's name): seasons only as a fallback
    season_score = 100.0 if words and not rest else 90.0 if not words else 70.0
    for season in seasons:
        results.append(
            Result(
                "Season",
                f"{year} {season.series.short_name or season.series}",
                page_url("results:season", season.series.slug, year),
                f"Season · {season.name or season.series.name}",
                season_score,
                10**9 - season.series.sort_order,
            )
        )
    if not rest:
        return results
    events = (
        Event.objects.filter(season__year=year, season__series__in=chosen or built.series)
        .values_list("name", "slug", "round", "track__name", "season__series__short_name")
        .order_by("season__series__sort_order", "round")
    )
    race_words = {}
    for name, slug, round_number, track, series in events:
        race_words[slug] = (name, round_number, track, series, tuple(name_key(f"{name} {track}").split()))
    vocabulary = sorted({w for *_, ws in race_words.values() for w in ws})
    local = Index(vocabulary=vocabulary)
    matches = {word: word_matches(local, word) for word in set(rest)}
    for slug, (name, round_number, track, series, ws) in race_words.items():
        value = score(rest, ws, matches)
        if value:
            title = f"{year} {name or f'Round {round_number}'}"
            detail = f"Race · {series} round {round_number}, {track}"
            results.append(Result("Race", title, slug_url("results:event", slug), detail, value, 0))
    return results


def _races_by_name(words, limit=5):
    """Races whose name holds every word (no year asked): the newest few, one query. Typos are not
    forgiven here: race names repeat every year, and the track and the year find a race better."""
    if sum(len(w) for w in words) < 4:
        return []
    condition = Q()
    for word in words:
        condition &= Q(name__icontains=word)
    events = (
        Event.objects.filter(condition)
        .order_by("-season__year", "season__series__sort_order", "-round")
        .values_list("name", "slug", "round", "track__name", "season__year", "season__series__short_name")[:limit]
    )
    return [
        Result("Race", f"{year} {name}", slug_url("results:event", slug), f"Race · {series}, {track}", 80.0, 0)
        for name, slug, _, track, year, series in events
    ]
