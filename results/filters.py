"""django-filter FilterSets: every filter form on the site (GET forms, so URLs can be shared)."""

import django_filters as filters
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django_filters import fields

from results.models import Entry, Manufacturer, Series, Team, Track
from results.models.entry import DNF
from results.models.event import race_order
from results.names import name_key
from results.selectors import driver_index, driver_search

FINISHED = [("running", "Running at the finish"), ("dnf", "Did not finish")]


class Select(forms.Select):
    """A select written in Python. Django includes a template per option, about 40 µs each: 5 ms for
    the 80 tracks of a long career's track filter; one template looping over them still took 1-2 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f'\n  <option value="{conditional_escape(str(option["value"]))}"{" selected" if option["selected"] else ""}>'
            f"{conditional_escape(option['label'])}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return mark_safe(
            f'<select name="{conditional_escape(widget["name"])}"{html_attrs(widget["attrs"])}>{options}\n</select>'
        )


def html_attrs(attrs):
    """A widget's attributes as Django's widgets/attrs.html writes them (True: the name alone; False: left out)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class ListedChoices(fields.ModelChoiceIterator):
    """A model select's options read as one plain query. Django reads them with ``QuerySet.iterator()``,
    which on PostgreSQL opens a server-side cursor: DECLARE, describe, two FETCHes and CLOSE, five round
    trips where one does, for a list of a few rows (a few ms of a page's 50)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:  # evaluated once; the form's own copy of the queryset keeps the rows
            yield self.choice(obj)


class ListedModelChoiceField(fields.ModelChoiceField):
    iterator = ListedChoices


class ModelChoiceFilter(filters.ModelChoiceFilter):
    """A model select on a page's filter form (see ``ListedChoices``)."""

    field_class = ListedModelChoiceField


def filter_status(queryset, name, value):
    """Running at the finish, or did not finish (``DNF``: any status but Running)."""
    if value == "running":
        return queryset.exclude(DNF)
    if value == "dnf":
        return queryset.filter(DNF)
    return queryset


def filter_year(queryset, name, value):
    """One season's results: a range of the indexed race order (Entry.race_order), not a join to seasons."""
    if value != int(value) or not 1 <= value <= 9999:
        return queryset.none()
    year = int(value)
    return queryset.filter(race_order__gte=race_order(year, 0), race_order__lt=race_order(year + 1, 0))


class EntryFilter(filters.FilterSet):
    """Filters on one race's results."""

    manufacturer = ModelChoiceFilter(
        queryset=Manufacturer.objects.all(), label="Make", to_field_name="slug", empty_label="Any make", widget=Select
    )
    team = ModelChoiceFilter(queryset=Team.objects.none(), to_field_name="slug", empty_label="Any team", widget=Select)
    status = filters.ChoiceFilter(
        choices=FINISHED, method=filter_status, label="Finished", empty_label="Any", widget=Select
    )

    class Meta:
        model = Entry
        fields = ["manufacturer", "team", "status"]

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            # only the makes and teams that raced here, in the two queries that render the choices
            self.filters["manufacturer"].queryset = Manufacturer.objects.filter(entries__event=event).distinct()
            self.filters["team"].queryset = Team.objects.filter(entries__event=event).distinct()


class ResultsFilter(filters.FilterSet):
    """Filters on results across races (a driver's, team's, make's or track's)."""

    series = ModelChoiceFilter(
        field_name="event__season__series",
        queryset=Series.objects.all(),
        to_field_name="slug",
        empty_label="All series",
        label="Series",
        widget=Select,
    )
    year = filters.NumberFilter(
        method=filter_year,
        label="Season",
        widget=forms.NumberInput(attrs={"min": 1949, "max": 2100, "placeholder": "Year"}),
    )
    track = filters.ChoiceFilter(
        choices=[], method="filter_track", empty_label="All tracks", label="Track", widget=Select
    )
    status = filters.ChoiceFilter(
        choices=FINISHED, method=filter_status, label="Finished", empty_label="Any", widget=Select
    )

    class Meta:
        model = Entry
        fields = ["series", "year", "track", "status"]

    def __init__(self, *args, tracks=None, **kwargs):
        """``tracks``: (id, slug, name) of the tracks to choose from, which the page has already read
        (a driver's results by track); without them there is no track filter."""
        super().__init__(*args, **kwargs)
        if tracks is None:
            del self.filters["track"]
        else:
            self.track_ids = {slug: pk for pk, slug, _ in tracks}
            self.filters["track"].extra["choices"] = [(slug, name) for _, slug, name in tracks]

    def filter_track(self, queryset, name, value):
        return queryset.filter(track_id=self.track_ids[value])


class DriverFilter(filters.FilterSet):
    """The driver index: search by name, and who raced in a series or a season, with their totals there.

    Its queryset is ``selectors.driver_index()`` (every driver's career over all series); with a series or
    a season chosen, the rows become that series' or season's totals (``selectors.driver_index``)."""

    q = filters.CharFilter(method="search", label="Name", widget=forms.TextInput(attrs={"type": "search"}))
    series = ModelChoiceFilter(
        queryset=Series.objects.all(),
        to_field_name="slug",
        method="scope",
        label="Series",
        empty_label="All series",
        widget=Select,
    )
    year = filters.NumberFilter(
        method="scope",
        label="Season",
        widget=forms.NumberInput(attrs={"min": 1949, "max": 2100, "placeholder": "Year"}),
    )

    def search(self, queryset, name, value):
        return driver_search(queryset, value)

    def scope(self, queryset, name, value):
        return queryset  # applied together in filter_queryset, so series and year mean the same season

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        series, year = self.scope_chosen()
        if series or year:
            searched = queryset if self.form.cleaned_data.get("q") else None
            queryset = driver_index(series=series, year=year, among=searched)
        return queryset

    def scope_chosen(self):
        """(series, year) the valid form chose; (None, None) when unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.form.cleaned_data.get("series"), self.form.cleaned_data.get("year")


def series_filter():
    return ModelChoiceFilter(
        queryset=Series.objects.all(),
        to_field_name="slug",
        method="scope",
        label="Series",
        empty_label="All series",
        widget=Select,
    )


class IndexFilter(filters.FilterSet):
    """An index page's name search and series; ``rows(series)`` gives the page's rows (``results.browse``)."""

    q = filters.CharFilter(method="search", label="Name", widget=forms.TextInput(attrs={"type": "search"}))
    series = series_filter()

    def __init__(self, *args, rows, **kwargs):
        self.rows = rows
        super().__init__(*args, queryset=rows(None), **kwargs)

    def search(self, queryset, name, value):
        key = name_key(value)
        return queryset.filter(**{f"{self.key_field}__contains": key}) if key else queryset

    def scope(self, queryset, name, value):
        return queryset  # the series changes the totals, not only the rows: see filter_queryset

    def filter_queryset(self, queryset):
        series = self.form.cleaned_data.get("series")
        return super().filter_queryset(self.rows(series) if series else queryset)


class TrackFilter(IndexFilter):
    key_field = "key"
    kind = filters.ChoiceFilter(choices=Track.Kind.choices, empty_label="Any kind", widget=Select)
    surface = filters.ChoiceFilter(choices=Track.Surface.choices, empty_label="Any surface", widget=Select)


class GroupFilter(IndexFilter):
    """Teams or makes; ``field`` says which."""

    def __init__(self, *args, field, **kwargs):
        self.key_field = f"{field}__key"
        super().__init__(*args, **kwargs)
