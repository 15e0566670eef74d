"""The championship standings tables (rows from ``standings.queries``)."""

import django_tables2 as tables
from django.utils.html import format_html

from results.standings.queries import OPEN_STATUS, status_words
from results.tables import KEY, NUM, Number, SeasonStatsTable, link


class PlayoffStatus(tables.Column):
    """The status in words; one the results do not settle with a question mark (the CSV: its code and "?")
    linking to the note that says so."""

    empty_values = ()  # an open "not in the playoffs" is shown too

    def render(self, value, record):
        if record["status_certain"]:
            return status_words(value)
        words = status_words(value, certain=False)
        return format_html(
            '{}<a href="#open-status" title="Not settled by the results">{}</a>', words[:-1], OPEN_STATUS
        )

    def value(self, value, record):
        return value if record["status_certain"] else f"{value}{OPEN_STATUS}"


class ChampionshipTable(tables.Table):
    """Standings after one round (the final ones by default), in the season's format."""

    position = Number(verbose_name="Pos", default="–")
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"), attrs=KEY)
    points = Number(verbose_name="Pts", default="–")
    gap = Number(
        verbose_name="Behind",
        default="–",
        attrs={**NUM, "th": {"class": "num", "title": "Points behind the driver with the most points"}},
    )
    wins = Number(verbose_name="Wins")
    playoff_points = Number(
        verbose_name="Playoff pts",
        attrs={**NUM, "th": {"class": "num", "title": "Playoff points: added to the points at each reset"}},
    )
    status = PlayoffStatus(verbose_name="Playoffs")
    # the CSV's "champion" column: "yes" on the champion's row only; the page says it in its heading
    champion = tables.Column(verbose_name="champion", visible=False)

    class Meta:
        attrs = {"class": "results"}
        template_name = "results/_table.html"
        orderable = False
        sequence = ["position", "driver_name", "points", "gap", "wins", "playoff_points", "status", "champion"]
        empty_text = "No standings: this season has no counted race yet."


class DriverSeasonTable(SeasonStatsTable):
    """A driver's season by season, with his championship position (a title marked; a season still running
    says after which round)."""

    championship = Number(verbose_name="Champ", attrs={**NUM, "th": {"class": "num", "title": "Championship position"}})

    class Meta(SeasonStatsTable.Meta):
        sequence = ["year", "series_name", "championship", "..."]

    def render_championship(self, value, record):
        if not record["season_over"]:
            value = format_html('{} <span class="muted">after round {}</span>', value, record["standing_round"])
        if record["champion"]:
            return format_html('{} <abbr class="marker" title="Champion">C</abbr>', value)
        return value

    def value_championship(self, value, record):
        return value if record["season_over"] else f"{value} after round {record['standing_round']}"
