from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from results.importers.cells import driver_and_number
from results.importers.decode import check_size, decode
from results.importers.read import FORMATS
from results.importers.report import ReportError
from results.importers.writer import Options

TABLE_FORMATS = [("", "Detect")] + [(f, f) for f in FORMATS if f != "historical"]


class NumbersField(forms.CharField):
    """Car numbers chosen for glued rows that read more than one way: "Driver=NUMBER" per line ->
    {driver: number} (the command line's --number)."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label="Car numbers",
            widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
            help_text='Rows without separators that read more than one way: one "Driver=NUMBER" per line '
            '("Driver=none" for a car without a number; the preview offers each line\'s readings to choose from).',
            **kwargs,
        )

    def to_python(self, value):
        chosen = {}
        for line in filter(None, (line.strip() for line in (value or "").splitlines())):
            found = driver_and_number(line)
            if found is None:
                raise forms.ValidationError(f"{line!r}: write Driver=NUMBER, e.g. Kyle Larson=07")
            chosen[found[0]] = found[1]
        return chosen


class ReportTextField(forms.CharField):
    """A report pasted as text. A NUL character in it is the importer's to refuse, naming its line and
    logging the attempt, as in a file (Django's own check would only say the form is wrong). The text is
    read as sent, not stripped: as a file is (the first line's indentation lines up its columns), and
    without a copy of it (10 MB for a 5 MB report of accents)."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class ImportForm(forms.Form):
    """An editor's report: a file or pasted text, plus the facts the report may not state."""

    # an empty file is the importer's to refuse (and log), as on the command line
    file = forms.FileField(required=False, allow_empty_file=True, help_text="A text, CSV/TSV or HTML report.")
    text = ReportTextField(
        required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 100}), help_text="Or paste the report here."
    )
    # the uploaded file's name and the encoding it was read from, carried from the preview to the
    # confirmation (which sends the text): the run is logged, and warned about, as that file
    source_name = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    decoded_from = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    series = forms.CharField(required=False, help_text="Cup, Xfinity or Truck, when the report does not say.")
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    round = forms.IntegerField(required=False, min_value=1, max_value=99)
    date = forms.DateField(required=False, help_text="YYYY-MM-DD")
    track = forms.CharField(required=False, max_length=120)
    name = forms.CharField(required=False, max_length=150, label="Race name")
    format = forms.ChoiceField(required=False, choices=TABLE_FORMATS)
    encoding = forms.CharField(
        required=False,
        max_length=30,
        help_text="The file's encoding, only when names come out wrong: utf-8, utf-16, windows-1252...",
    )
    numbers = NumbersField()

    # an upload refused before the import (too big, not text): the view logs it as a failed run
    refused: ReportError | None = None

    def clean(self):
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            try:
                check_size(upload.size, upload.name)  # before reading it: a huge upload is never read whole
                text, data["decoded_from"] = decode(upload.read(), upload.name, data.get("encoding") or None)
            except ReportError as error:
                self.refused = error
                raise forms.ValidationError(str(error)) from None
            # the preview shows the decoded text and the import reads that same text, so that
            # confirming (which sends the text back as UTF-8) imports exactly what was checked
            data["text"], data["source"], data["source_name"] = text, upload.name, upload.name
        elif data.get("text") and not data["text"].isspace():
            data["source"] = data.get("source_name") or "pasted report"
        else:
            raise forms.ValidationError("Choose a file or paste a report.")
        return data

    def report(self) -> str:
        """What the importer reads: the text (an upload's, decoded), read as the UTF-8 it stands for."""
        return self.cleaned_data["text"]

    def options(self):
        d = self.cleaned_data
        return Options(
            series=d["series"],
            year=d["year"],
            round=d["round"],
            date=d["date"],
            track=d["track"],
            name=d["name"],
            format=d["format"] or None,  # the content is UTF-8 by now: the encoding served to decode the upload
            decoded_from=d.get("decoded_from") or None,
            numbers=d.get("numbers") or {},
        )


class PasteForm(forms.Form):
    """A race's results pasted as a table (any format the importer reads) into the race's admin page."""

    text = ReportTextField(
        label="Results",
        widget=forms.Textarea(attrs={"rows": 14, "cols": 110, "spellcheck": "false", "autofocus": True}),
        help_text="Copy the results table (from a spreadsheet, a web page or a report) and paste it here, "
        "header line included: Pos, St, #, Driver, Team, Make, Laps, Led, Status, Pts...",
    )
    format = forms.ChoiceField(required=False, choices=TABLE_FORMATS)
    numbers = NumbersField()

    def options(self, event):
        """The race's own facts: the importer then finds this race and no other."""
        return Options(
            series=event.season.series.name,
            year=event.season.year,
            round=event.round,
            date=event.date,
            track=event.track.name,
            name=event.name,
            format=self.cleaned_data["format"] or None,
            numbers=self.cleaned_data["numbers"],
        )
