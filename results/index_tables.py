"""Tables of the index pages: tracks, teams and makes (dict rows from ``results.browse``).

Every sort ends on the name, then the slug (unique), so pages never repeat or skip a row."""

import django_tables2 as tables

from results.models import Track
from results.sorting import Key
from results.tables import KEY, NUM, Number, Text, link, then_name

BY_NAME = (Key("name"), Key("slug"))


class IndexTable(tables.Table):
    first = Number(
        verbose_name="First", sort=then_name("first"), attrs={**NUM, "th": {"class": "num", "title": "First year"}}
    )
    last = Number(
        verbose_name="Last",
        sort=then_name("last"),
        best_first=True,
        attrs={**NUM, "th": {"class": "num", "title": "Latest year"}},
    )

    class Meta:
        attrs = {"class": "results"}
        template_name = "results/_table.html"


def races_column(series):
    return Number(
        verbose_name=series.short_name or series.name,
        sort=then_name(races_field(series)),
        best_first=True,
        attrs={**NUM, "th": {"class": "num", "title": f"Races of the {series.name} here"}},
    )


def races_field(series):
    return f"races_{series.slug.replace('-', '_')}"


class TrackIndexTable(IndexTable):
    """Every track, with a races column per series (``series_list``)."""

    name = Text(verbose_name="Track", linkify=link("results:track", "slug"), sort=BY_NAME, attrs=KEY)
    kind = Text(sort=then_name("kind"))
    length_miles = Number(verbose_name="Miles", sort=then_name("length_miles"), best_first=True)
    surface = Text(sort=then_name("surface"))
    races = Number(
        verbose_name="All",
        sort=then_name("races"),
        best_first=True,
        attrs={**NUM, "th": {"class": "num", "title": "Races here in all series"}},
    )

    class Meta(IndexTable.Meta):
        sequence = ["name", "kind", "length_miles", "surface", "...", "races", "first", "last"]
        order_by = "-races"

    def __init__(self, data, *, series_list, **kwargs):
        columns = [(races_field(series), races_column(series)) for series in series_list]
        super().__init__(data, extra_columns=columns, **kwargs)

    def render_kind(self, value):
        return Track.Kind(value).label if value in Track.Kind.values else value

    def render_surface(self, value):
        return Track.Surface(value).label if value in Track.Surface.values else value

    def render_length_miles(self, value):
        return f"{value:.3f}".rstrip("0").rstrip(".")


class GroupIndexTable(IndexTable):
    """Every team or make: starts, wins, top 10s and years; ``view`` links the name, ``kind`` heads it."""

    name = Text(sort=BY_NAME, attrs=KEY)
    n_starts = Number(verbose_name="Starts", sort=then_name("n_starts"), best_first=True)
    n_wins = Number(verbose_name="Wins", sort=then_name("n_wins"), best_first=True)
    n_top10 = Number(verbose_name="Top 10", sort=then_name("n_top10"), best_first=True)

    class Meta(IndexTable.Meta):
        sequence = ["name", "n_starts", "n_wins", "n_top10", "first", "last"]
        order_by = "-n_starts"

    def __init__(self, data, *, view, kind, **kwargs):
        name = Text(verbose_name=kind, linkify=link(view, "slug"), sort=BY_NAME, attrs=KEY)
        super().__init__(data, extra_columns=[("name", name)], **kwargs)
