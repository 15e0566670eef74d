"""The entry grid: a race's results as one compact, keyboard-friendly table on its admin page.

Narrow inputs and short headings keep forty rows within a 1280 px screen; picking a driver in a
new row fills his car number and make from his last race (``driver_defaults``, entry-grid.js).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import JsonResponse

from results.models import Entry

SHORT = {
    "finish": "Fin",
    "start": "St",
    "number": "#",
    "manufacturer": "Make",
    "laps_led": "Led",
    "points": "Pts",
    "stage1": "S1",
    "stage2": "S2",
    "rating": "Rtg",
    "rookie": "Rk",
    "ineligible": "Inel",
}
NARROW = ["finish", "start", "number", "laps", "laps_led", "points", "stage1", "stage2", "rating"]


class EntryGridForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = [
            "finish",
            "start",
            "number",
            "driver",
            "team",
            "manufacturer",
            "laps",
            "laps_led",
            "status",
            "points",
            "stage1",
            "stage2",
            "rating",
            "rookie",
            "ineligible",
        ]
        labels = SHORT
        widgets = {
            **{name: forms.TextInput(attrs={"size": 3, "inputmode": "numeric", "class": "narrow"}) for name in NARROW},
            "number": forms.TextInput(attrs={"size": 3, "class": "narrow"}),
            "rating": forms.TextInput(attrs={"size": 4, "inputmode": "decimal", "class": "narrow"}),
            "status": forms.TextInput(attrs={"size": 9, "list": "entry-statuses"}),
        }


class EntryGridFormSet(forms.BaseInlineFormSet):
    """Duplicates said on the row and field they concern, in editors' words, before Django's own
    (generic) duplicate check runs."""

    def clean(self):
        seen: dict[str, dict] = {"finish": {}, "start": {}, "driver": {}}
        words = {
            "finish": "P{value} is also the finish of row {row}.",
            "start": "Starting position {value} is also given to row {row}.",
            "driver": "This driver is also in row {row}.",
        }
        found = False
        for number, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get(DELETION_FIELD_NAME) or (not form.has_changed() and not form.instance.pk):
                continue
            for field, rows in seen.items():
                value = data.get(field)
                if value is None:
                    continue
                key = getattr(value, "pk", value)
                if key in rows:
                    form.add_error(field, words[field].format(value=value, row=rows[key]))
                    found = True
                else:
                    rows[key] = number
        if found:
            raise forms.ValidationError("Two rows share a finish, a start or a driver: see the rows marked below.")
        super().clean()

    def save(self, commit=True):
        # Changed rows are written afresh (same ids), as imports replace a race's rows: swapping two
        # finishing positions must not meet the one-car-per-position rule half-way.
        if commit:
            rewritten = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and (form.has_changed() or form in self.deleted_forms)
            ]
            Entry.objects.filter(pk__in=rewritten).delete()
        return super().save(commit)


class EntryInline(admin.TabularInline):
    model = Entry
    form = EntryGridForm
    formset = EntryGridFormSet
    extra = 0
    ordering = ["finish"]
    autocomplete_fields = ["driver", "team"]
    classes = ["entry-grid"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            # no add/change/view links beside each row's driver, team and make: forty rows of them
            # are clutter, and rendering them was a third of the page's time
            field.widget = field.widget.widget
        if db_field.name == "manufacturer" and isinstance(field, forms.ModelChoiceField):
            # a plain select: a handful of makes, chosen by typing their first letter; read once for
            # the whole grid (once per request), not once per row
            field.choices = [("", ""), *((make.pk, make.name) for make in field.queryset or ())]
        return field


def driver_defaults(request):
    """The car number and make of a driver's last race (JSON), for a new row of the grid."""
    last = (
        Entry.objects.filter(driver=request.GET.get("driver") or 0)
        .order_by("-race_order", "-event_id")
        .values("number", "manufacturer")
        .first()
    )
    return JsonResponse(last or {})
