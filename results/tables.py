import django_tables2 as tables

from results.models import Entry


class EntryTable(tables.Table):
    """An event's results, one row per car."""

    finish = tables.Column(verbose_name="Fin", attrs={"td": {"class": "num"}})
    start = tables.Column(verbose_name="St", attrs={"td": {"class": "num"}})
    number = tables.Column(verbose_name="#")
    driver = tables.Column(linkify=True, order_by=("driver__name",))
    team = tables.Column(linkify=True, order_by=("team__name",))
    manufacturer = tables.Column(verbose_name="Make", linkify=True, order_by=("manufacturer__name",))
    laps = tables.Column(attrs={"td": {"class": "num"}})
    laps_led = tables.Column(verbose_name="Led", attrs={"td": {"class": "num"}})
    status = tables.Column()
    points = tables.Column(verbose_name="Pts", attrs={"td": {"class": "num"}})

    class Meta:
        model = Entry
        fields = ["finish", "start", "number", "driver", "team", "manufacturer", "laps", "laps_led", "status", "points"]
        order_by = "finish"
        attrs = {"class": "results"}
        empty_text = "No results recorded."
